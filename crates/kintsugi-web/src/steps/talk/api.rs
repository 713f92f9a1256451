//! The talk API.

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};

use kintsugi_app::talk::{self, NewPause, NewTalk, RatedTalk, Rating, TalkAnswer, TalkView};

use crate::kit::{Act, ActOn, ApiJson};
use crate::{AppError, AppState};

type Answer<T> = Result<Json<T>, AppError>;
type Created<T> = Result<(StatusCode, Json<T>), AppError>;

/// Every talk you may see: those ahead first (soonest first), then those behind.
#[utoipa::path(get, path = "/api/v1/talks", responses((status = 200, body = [TalkView])))]
async fn list(Act(actor): Act) -> Answer<Vec<TalkView>> {
    Ok(Json(talk::talks(&actor).await?))
}

/// Proposes a talk to your partner.
#[utoipa::path(post, path = "/api/v1/talks", request_body = NewTalk,
    responses((status = 201, body = TalkView)))]
async fn create(Act(actor): Act, ApiJson(body): ApiJson<NewTalk>) -> Created<TalkView> {
    let id = talk::propose(&actor, &body).await?;
    Ok((StatusCode::CREATED, Json(talk::talk(&actor, id).await?)))
}

/// One talk.
#[utoipa::path(get, path = "/api/v1/talks/{id}", responses((status = 200, body = TalkView)))]
async fn get_one(ActOn(actor, id): ActOn) -> Answer<TalkView> {
    Ok(Json(talk::talk(&actor, id).await?))
}

/// Accepts the time on the table, or proposes another.
#[utoipa::path(post, path = "/api/v1/talks/{id}/responses", request_body = TalkAnswer,
    responses((status = 200, body = TalkView)))]
async fn respond(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<TalkAnswer>) -> Answer<TalkView> {
    Ok(Json(talk::respond(&actor, id, body).await?))
}

/// Calls a break once the talk has begun; your partner sees it at once if a page is open.
#[utoipa::path(post, path = "/api/v1/talks/{id}/pauses", request_body = NewPause,
    responses((status = 201, body = TalkView)))]
async fn pause(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<NewPause>) -> Created<TalkView> {
    Ok((
        StatusCode::CREATED,
        Json(talk::pause(&actor, id, body).await?),
    ))
}

/// Saves your private after-talk rating (never shown to your partner).
#[utoipa::path(put, path = "/api/v1/talks/{id}/reflection", request_body = Rating,
    responses((status = 200, body = Rating)))]
async fn put_rating(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<Rating>) -> Answer<Rating> {
    Ok(Json(talk::reflect(&actor, id, body).await?))
}

/// Your private after-talk rating.
#[utoipa::path(get, path = "/api/v1/talks/{id}/reflection",
    responses((status = 200, body = Rating)))]
async fn get_rating(ActOn(actor, id): ActOn) -> Answer<Rating> {
    let t = talk::talk(&actor, id).await?;
    let unrated = AppError::NotFound("You haven't reflected on this talk yet.");
    Ok(Json(t.rating.ok_or(unrated)?))
}

/// Your own after-talk ratings, oldest first: your private trend (never your partner's).
#[utoipa::path(get, path = "/api/v1/talks/ratings", responses((status = 200, body = [RatedTalk])))]
async fn ratings(Act(actor): Act) -> Answer<Vec<RatedTalk>> {
    Ok(Json(talk::ratings(&actor).await?))
}

/// The OpenAPI paths of this step.
#[derive(utoipa::OpenApi)]
#[openapi(paths(list, create, get_one, respond, pause, put_rating, get_rating, ratings))]
pub struct TalkApi;

/// The API routes (nested under /api/v1).
pub(crate) fn api() -> Router<AppState> {
    Router::new()
        .route("/talks", get(list).post(create))
        .route("/talks/ratings", get(ratings))
        .route("/talks/{id}", get(get_one))
        .route("/talks/{id}/responses", post(respond))
        .route("/talks/{id}/pauses", post(pause))
        .route("/talks/{id}/reflection", get(get_rating).put(put_rating))
}
