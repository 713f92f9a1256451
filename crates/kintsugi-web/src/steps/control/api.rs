//! The Control check API (private to you, always).

use axum::Json;
use utoipa_axum::routes;

use kintsugi_app::control::{self, ControlView, NewCheck};

use crate::kit::{Act, Answer, ApiJson, ApiRouter, Created, New};

/// Your checks read back, their trend over twelve weeks, and the mirror (reassurance requests
/// you sent, times your log says you checked up), only ever yours.
#[utoipa::path(get, path = "/control-checks", responses((status = 200, body = ControlView)))]
async fn view(Act(actor): Act) -> Answer<ControlView> {
    Ok(Json(control::view(&actor).await?))
}

/// Makes a check (private); answers the view with it.
#[utoipa::path(post, path = "/control-checks", request_body = NewCheck,
    responses((status = 201, body = ControlView)))]
async fn check(Act(actor): Act, ApiJson(body): ApiJson<NewCheck>) -> New<ControlView> {
    control::check(&actor, &body).await?;
    Ok(Created(control::view(&actor).await?))
}

/// The API routes (nested under /api/v1), each with its annotation.
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new().routes(routes!(view, check))
}
