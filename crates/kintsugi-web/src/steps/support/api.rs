//! The Support API.

use axum::Json;
use axum::extract::Path;
use utoipa_axum::routes;

use kintsugi_app::support::{self, SignalView};
use kintsugi_domain::support::Signal;

use crate::AppError;
use crate::kit::{Act, Answer, ApiRouter};

/// The signals that suggest professional help now, each with why and the facts behind it
/// (only yours; set-aside ones are left out for thirty days).
#[utoipa::path(get, path = "/support/signals", responses((status = 200, body = [SignalView])))]
async fn list(me: crate::accounts::Current, Act(actor): Act) -> Answer<Vec<SignalView>> {
    Ok(Json(
        super::pages::signals(&actor, me.user.locker.as_deref()).await?,
    ))
}

/// Sets a signal aside for thirty days; answers the signals left.
#[utoipa::path(post, path = "/support/signals/{signal}/dismiss",
    params(("signal" = String, Path, description = "infidelity, fights, not_easing or one_sided")),
    responses((status = 200, body = [SignalView])))]
async fn dismiss(
    me: crate::accounts::Current,
    Act(actor): Act,
    Path(signal): Path<String>,
) -> Answer<Vec<SignalView>> {
    let signal = Signal::parse(&signal).ok_or(AppError::NotFound("There is no such signal."))?;
    support::dismiss(&actor, signal).await?;
    Ok(Json(
        super::pages::signals(&actor, me.user.locker.as_deref()).await?,
    ))
}

/// The API routes (nested under /api/v1), each with its annotation.
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(dismiss))
        .merge(super::reports_api::api())
}
