//! The promises API.

use axum::Json;
use utoipa_axum::routes;

use kintsugi_app::promises::{self, NewMark, NewPromise, OccurrenceView, PromiseView, Reliability};

use crate::kit::{Act, ActOn, Answer, ApiJson, ApiRouter, Created, New};

/// Every promise you made or were made, newest first.
#[utoipa::path(get, path = "/promises", responses((status = 200, body = [PromiseView])))]
async fn list(Act(actor): Act) -> Answer<Vec<PromiseView>> {
    Ok(Json(promises::promises(&actor).await?))
}

/// Makes a promise to your partner: once, daily, weekly on chosen days, or as it comes up.
#[utoipa::path(post, path = "/promises", request_body = NewPromise,
    responses((status = 201, body = PromiseView)))]
async fn create(Act(actor): Act, ApiJson(body): ApiJson<NewPromise>) -> New<PromiseView> {
    let id = promises::make(&actor, &body).await?;
    Ok(Created(promises::promise(&actor, id).await?))
}

/// One promise.
#[utoipa::path(get, path = "/promises/{id}", responses((status = 200, body = PromiseView)))]
async fn get_one(ActOn(actor, id): ActOn) -> Answer<PromiseView> {
    Ok(Json(promises::promise(&actor, id).await?))
}

/// A promise's latest occurrences, newest first.
#[utoipa::path(get, path = "/promises/{id}/occurrences",
    responses((status = 200, body = [OccurrenceView])))]
async fn occurrences(ActOn(actor, id): ActOn) -> Answer<Vec<OccurrenceView>> {
    Ok(Json(promises::promise(&actor, id).await?.occurrences))
}

/// Marks one of your promise's days done or not (only the one who promised).
#[utoipa::path(post, path = "/promises/{id}/occurrences", request_body = NewMark,
    responses((status = 201, body = PromiseView)))]
async fn report(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<NewMark>) -> New<PromiseView> {
    Ok(Created(promises::mark(&actor, id, &body, true).await?))
}

/// Confirms a day your partner marked on a promise to you: kept or missed (only the partner).
#[utoipa::path(post, path = "/promises/{id}/confirmations", request_body = NewMark,
    responses((status = 201, body = PromiseView)))]
async fn confirm(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<NewMark>) -> New<PromiseView> {
    Ok(Created(promises::mark(&actor, id, &body, false).await?))
}

/// Your promises' reliability now and over the last 26 weeks.
#[utoipa::path(get, path = "/promises/reliability",
    responses((status = 200, body = Reliability)))]
async fn reliability(Act(actor): Act) -> Answer<Reliability> {
    Ok(Json(promises::reliability(&actor).await?))
}

/// The API routes (nested under /api/v1), each with its annotation.
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(reliability))
        .routes(routes!(get_one))
        .routes(routes!(occurrences, report))
        .routes(routes!(confirm))
}
