//! The Health check API (the self-assessment: private to you, always) and mutual effort.

use axum::Json;
use utoipa_axum::routes;

use kintsugi_app::effort::{self, EffortView};
use kintsugi_app::health::{self, HealthView, NewAssessment};

use crate::kit::{Act, Answer, ApiJson, ApiRouter, Created, New};

/// Your health checks read back, with their trend over a year (only ever yours).
#[utoipa::path(get, path = "/health-checks", responses((status = 200, body = HealthView)))]
async fn view(Act(actor): Act) -> Answer<HealthView> {
    Ok(Json(health::view(&actor).await?))
}

/// Makes a health check (private); answers the view with it.
#[utoipa::path(post, path = "/health-checks", request_body = NewAssessment,
    responses((status = 201, body = HealthView)))]
async fn assess(Act(actor): Act, ApiJson(body): ApiJson<NewAssessment>) -> New<HealthView> {
    health::assess(&actor, &body).await?;
    Ok(Created(health::view(&actor).await?))
}

/// Mutual effort: the shared facts each of you added, month by month, for six months (both
/// of you see the same facts; nothing private enters it).
#[utoipa::path(get, path = "/effort", responses((status = 200, body = EffortView)))]
async fn mutual(Act(actor): Act) -> Answer<EffortView> {
    Ok(Json(effort::effort(&actor).await?))
}

/// The API routes (nested under /api/v1), each with its annotation.
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(view, assess))
        .routes(routes!(mutual))
        .merge(super::safety::api())
}
