//! The triggers API.

use axum::Json;
use utoipa_axum::routes;

use kintsugi_app::triggers::{self, EntryView, NewEntry, NewMessage, Patterns, RequestView};

use crate::kit::{Act, ActOn, Answer, ApiJson, ApiRouter, Created, New, paged_list};

paged_list!(
    /// Your own log, newest first (never shared), a page at a time (30 unless you ask).
    list,
    "/triggers",
    EntryView,
    triggers::entries,
    triggers::PAGE
);

/// Logs a triggering moment (private to you, always); answers the first page of your log.
#[utoipa::path(post, path = "/triggers", request_body = NewEntry,
    responses((status = 201, body = [EntryView])))]
async fn create(Act(actor): Act, ApiJson(body): ApiJson<NewEntry>) -> New<Vec<EntryView>> {
    triggers::log(&actor, &body).await?;
    let first = kintsugi_app::records::Page::first(triggers::PAGE);
    Ok(Created(triggers::entries(&actor, first).await?.items))
}

/// Your patterns: entries per kind per week, intensity, times of day, a summary (only yours).
#[utoipa::path(get, path = "/triggers/patterns", responses((status = 200, body = Patterns)))]
async fn patterns(Act(actor): Act) -> Answer<Patterns> {
    Ok(Json(triggers::patterns(&actor).await?))
}

paged_list!(
    /// Reassurance requests between you and your partner, newest first, with their answers, a
    /// page at a time (20 unless you ask).
    requests,
    "/reassurance-requests",
    RequestView,
    triggers::requests,
    triggers::REQUESTS_PAGE
);

/// Asks your partner for reassurance, in calm words; answers the first page of requests.
#[utoipa::path(post, path = "/reassurance-requests", request_body = NewMessage,
    responses((status = 201, body = [RequestView])))]
async fn ask(Act(actor): Act, ApiJson(body): ApiJson<NewMessage>) -> New<Vec<RequestView>> {
    triggers::ask(&actor, &body).await?;
    let first = kintsugi_app::records::Page::first(triggers::REQUESTS_PAGE);
    Ok(Created(triggers::requests(&actor, first).await?.items))
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
