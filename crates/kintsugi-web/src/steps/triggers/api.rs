//! The triggers API.

use axum::Json;
use utoipa_axum::routes;

use kintsugi_app::triggers::{self, EntryView, NewEntry, NewMessage, Patterns, RequestView};

use crate::kit::{Act, ActOn, Answer, ApiJson, ApiRouter, Created, New};

/// Your own log, newest first (never shared).
#[utoipa::path(get, path = "/triggers", responses((status = 200, body = [EntryView])))]
async fn list(Act(actor): Act) -> Answer<Vec<EntryView>> {
    Ok(Json(triggers::entries(&actor).await?))
}

/// Logs a triggering moment (private to you, always).
#[utoipa::path(post, path = "/triggers", request_body = NewEntry,
    responses((status = 201, body = [EntryView])))]
async fn create(Act(actor): Act, ApiJson(body): ApiJson<NewEntry>) -> New<Vec<EntryView>> {
    triggers::log(&actor, &body).await?;
    Ok(Created(triggers::entries(&actor).await?))
}

/// Your patterns: entries per kind per week, intensity, times of day, a summary (only yours).
#[utoipa::path(get, path = "/triggers/patterns", responses((status = 200, body = Patterns)))]
async fn patterns(Act(actor): Act) -> Answer<Patterns> {
    Ok(Json(triggers::patterns(&actor).await?))
}

/// Reassurance requests between you and your partner, newest first, with their answers.
#[utoipa::path(get, path = "/reassurance-requests",
    responses((status = 200, body = [RequestView])))]
async fn requests(Act(actor): Act) -> Answer<Vec<RequestView>> {
    Ok(Json(triggers::requests(&actor).await?))
}

/// Asks your partner for reassurance, in calm words.
#[utoipa::path(post, path = "/reassurance-requests", request_body = NewMessage,
    responses((status = 201, body = [RequestView])))]
async fn ask(Act(actor): Act, ApiJson(body): ApiJson<NewMessage>) -> New<Vec<RequestView>> {
    triggers::ask(&actor, &body).await?;
    Ok(Created(triggers::requests(&actor).await?))
}

/// Answers your partner's request for reassurance.
#[utoipa::path(post, path = "/reassurance-requests/{id}/answers", request_body = NewMessage,
    responses((status = 201, body = RequestView)))]
async fn answer(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<NewMessage>) -> New<RequestView> {
    Ok(Created(triggers::answer(&actor, id, &body).await?))
}

/// The API routes (nested under /api/v1), each with its annotation.
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(patterns))
        .routes(routes!(requests, ask))
        .routes(routes!(answer))
}
