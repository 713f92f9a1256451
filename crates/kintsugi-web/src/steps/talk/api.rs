//! The talk API.

use axum::Json;
use utoipa_axum::routes;

use kintsugi_app::talk::{self, NewPause, NewTalk, RatedTalk, Rating, TalkAnswer, TalkView};

use crate::AppError;
use crate::kit::{Act, ActOn, Answer, ApiJson, ApiRouter, Created, New};

/// Every talk you may see: those ahead first (soonest first), then those behind.
#[utoipa::path(get, path = "/talks", responses((status = 200, body = [TalkView])))]
async fn list(Act(actor): Act) -> Answer<Vec<TalkView>> {
    Ok(Json(talk::talks(&actor).await?))
}

/// Proposes a talk to your partner.
#[utoipa::path(post, path = "/talks", request_body = NewTalk,
    responses((status = 201, body = TalkView)))]
async fn create(Act(actor): Act, ApiJson(body): ApiJson<NewTalk>) -> New<TalkView> {
    let id = talk::propose(&actor, &body).await?;
    Ok(Created(talk::talk(&actor, id).await?))
}

/// One talk.
#[utoipa::path(get, path = "/talks/{id}", responses((status = 200, body = TalkView)))]
async fn get_one(ActOn(actor, id): ActOn) -> Answer<TalkView> {
    Ok(Json(talk::talk(&actor, id).await?))
}

/// Accepts the time on the table, or proposes another.
#[utoipa::path(post, path = "/talks/{id}/responses", request_body = TalkAnswer,
    responses((status = 200, body = TalkView)))]
async fn respond(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<TalkAnswer>) -> Answer<TalkView> {
    Ok(Json(talk::respond(&actor, id, body).await?))
}

/// Calls a break once the talk has begun; your partner sees it at once if a page is open.
#[utoipa::path(post, path = "/talks/{id}/pauses", request_body = NewPause,
    responses((status = 201, body = TalkView)))]
async fn pause(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<NewPause>) -> New<TalkView> {
    Ok(Created(talk::pause(&actor, id, body).await?))
}

/// Saves your private after-talk rating (never shown to your partner).
#[utoipa::path(put, path = "/talks/{id}/reflection", request_body = Rating,
    responses((status = 200, body = Rating)))]
async fn put_rating(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<Rating>) -> Answer<Rating> {
    Ok(Json(talk::reflect(&actor, id, body).await?))
}

/// Your private after-talk rating.
#[utoipa::path(get, path = "/talks/{id}/reflection",
    responses((status = 200, body = Rating)))]
async fn get_rating(ActOn(actor, id): ActOn) -> Answer<Rating> {
    let t = talk::talk(&actor, id).await?;
    let unrated = AppError::NotFound("You haven't reflected on this talk yet.");
    Ok(Json(t.rating.ok_or(unrated)?))
}

/// Your own after-talk ratings, oldest first: your private trend (never your partner's).
#[utoipa::path(get, path = "/talks/ratings", responses((status = 200, body = [RatedTalk])))]
async fn ratings(Act(actor): Act) -> Answer<Vec<RatedTalk>> {
    Ok(Json(talk::ratings(&actor).await?))
}

/// The API routes (nested under /api/v1), each with its annotation.
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(ratings))
        .routes(routes!(get_one))
        .routes(routes!(respond))
        .routes(routes!(pause))
        .routes(routes!(get_rating, put_rating))
}
