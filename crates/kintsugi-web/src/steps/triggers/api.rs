//! The triggers API.

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};

use kintsugi_app::triggers::{self, EntryView, NewEntry, NewMessage, Patterns, RequestView};

use crate::kit::{Act, ActOn, ApiJson};
use crate::{AppError, AppState};

type Answer<T> = Result<Json<T>, AppError>;
type Created<T> = Result<(StatusCode, Json<T>), AppError>;

/// Your own log, newest first (never shared).
#[utoipa::path(get, path = "/api/v1/triggers", responses((status = 200, body = [EntryView])))]
async fn list(Act(actor): Act) -> Answer<Vec<EntryView>> {
    Ok(Json(triggers::entries(&actor).await?))
}

/// Logs a triggering moment (private to you, always).
#[utoipa::path(post, path = "/api/v1/triggers", request_body = NewEntry,
    responses((status = 201, body = [EntryView])))]
async fn create(Act(actor): Act, ApiJson(body): ApiJson<NewEntry>) -> Created<Vec<EntryView>> {
    triggers::log(&actor, &body).await?;
    Ok((StatusCode::CREATED, Json(triggers::entries(&actor).await?)))
}

/// Your patterns: entries per kind per week, intensity, times of day, a summary (only yours).
#[utoipa::path(get, path = "/api/v1/triggers/patterns", responses((status = 200, body = Patterns)))]
async fn patterns(Act(actor): Act) -> Answer<Patterns> {
    Ok(Json(triggers::patterns(&actor).await?))
}

/// Reassurance requests between you and your partner, newest first, with their answers.
#[utoipa::path(get, path = "/api/v1/reassurance-requests",
    responses((status = 200, body = [RequestView])))]
async fn requests(Act(actor): Act) -> Answer<Vec<RequestView>> {
    Ok(Json(triggers::requests(&actor).await?))
}

/// Asks your partner for reassurance, in calm words.
#[utoipa::path(post, path = "/api/v1/reassurance-requests", request_body = NewMessage,
    responses((status = 201, body = [RequestView])))]
async fn ask(Act(actor): Act, ApiJson(body): ApiJson<NewMessage>) -> Created<Vec<RequestView>> {
    triggers::ask(&actor, &body).await?;
    Ok((StatusCode::CREATED, Json(triggers::requests(&actor).await?)))
}

/// Answers your partner's request for reassurance.
#[utoipa::path(post, path = "/api/v1/reassurance-requests/{id}/answers", request_body = NewMessage,
    responses((status = 201, body = RequestView)))]
async fn answer(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<NewMessage>,
) -> Created<RequestView> {
    Ok((
        StatusCode::CREATED,
        Json(triggers::answer(&actor, id, &body).await?),
    ))
}

/// The OpenAPI paths of this step.
#[derive(utoipa::OpenApi)]
#[openapi(paths(list, create, patterns, requests, ask, answer))]
pub struct TriggersApi;

/// The API routes (nested under /api/v1).
pub(crate) fn api() -> Router<AppState> {
    Router::new()
        .route("/triggers", get(list).post(create))
        .route("/triggers/patterns", get(patterns))
        .route("/reassurance-requests", get(requests).post(ask))
        .route("/reassurance-requests/{id}/answers", post(answer))
}
