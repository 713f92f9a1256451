//! The API of reports for a therapist: ask, answer, withdraw, add your own indicators, make
//! and end links, and read the report as it reads now.

use axum::Json;
use axum::extract::Path;
use serde::Deserialize;
use utoipa_axum::routes;

use kintsugi_app::report;
use kintsugi_app::support::reports::{self, NewReport, ReportDoc, ReportView};

use crate::kit::{Act, ActOn, Answer, ApiJson, ApiRouter, Created, New, parse_id};

/// Which of your own indicators to add (names from `GET /reports/indicators`).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct NewIndicators {
    /// The indicators' names.
    indicators: Vec<String>,
}

/// How long a new link lasts.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct NewLink {
    /// Days, 1 to 30 (14 when left out).
    days: Option<u32>,
}

/// Every request for a report you may read (asked by you or your partner), newest first, with
/// where each stands, its links and every time each was opened.
#[utoipa::path(get, path = "/reports", responses((status = 200, body = [ReportView])))]
async fn list(Act(actor): Act) -> Answer<Vec<ReportView>> {
    Ok(Json(reports::reports(&actor).await?))
}

/// Asks your partner to agree to a report for a therapist over a period (days on your clock,
/// the last not after today, at most two years).
#[utoipa::path(post, path = "/reports", request_body = NewReport,
    responses((status = 201, body = ReportView)))]
async fn ask(Act(actor): Act, ApiJson(body): ApiJson<NewReport>) -> New<ReportView> {
    Ok(Created(reports::ask(&actor, &body).await?))
}

/// The names of your own indicators you may add to a report (nothing is added unless you
/// choose).
#[utoipa::path(get, path = "/reports/indicators", responses((status = 200, body = [String])))]
async fn indicators(Act(actor): Act) -> Answer<Vec<&'static str>> {
    Ok(Json(report::offered(&actor).await?))
}

/// One request.
#[utoipa::path(get, path = "/reports/{id}", responses((status = 200, body = ReportView)))]
async fn one(ActOn(actor, id): ActOn) -> Answer<ReportView> {
    Ok(Json(reports::report(&actor, id).await?))
}

/// The report as it reads now (what a link made now would hold).
#[utoipa::path(get, path = "/reports/{id}/document", responses((status = 200, body = ReportDoc)))]
async fn document(ActOn(actor, id): ActOn) -> Answer<ReportDoc> {
    Ok(Json(reports::document(&actor, id, report::contents).await?))
}

/// Agrees to your partner's request (only the one asked answers, once).
#[utoipa::path(post, path = "/reports/{id}/consent", responses((status = 200, body = ReportView)))]
async fn consent(ActOn(actor, id): ActOn) -> Answer<ReportView> {
    Ok(Json(reports::answer(&actor, id, true).await?))
}

/// Declines your partner's request; nothing is made.
#[utoipa::path(post, path = "/reports/{id}/decline", responses((status = 200, body = ReportView)))]
async fn decline(ActOn(actor, id): ActOn) -> Answer<ReportView> {
    Ok(Json(reports::answer(&actor, id, false).await?))
}

/// Withdraws consent (either of you, at any time): every link ends at once.
#[utoipa::path(post, path = "/reports/{id}/withdraw", responses((status = 200, body = ReportView)))]
async fn withdraw(ActOn(actor, id): ActOn) -> Answer<ReportView> {
    Ok(Json(reports::withdraw(&actor, id).await?))
}

/// Adds some of your own indicators, month by month over the period; your partner reads them
/// in the report too.
#[utoipa::path(post, path = "/reports/{id}/indicators", request_body = NewIndicators,
    responses((status = 200, body = ReportView)))]
async fn add(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<NewIndicators>) -> Answer<ReportView> {
    let offered = report::offered(&actor).await?;
    let added = reports::add(&actor, id, &body.indicators, &offered, report::indicators);
    Ok(Json(added.await?))
}

/// Makes a secret link for a therapist while you both agree (the report as it reads now; it
/// lasts 1 to 30 days and needs no account to open). Answers the request with its links.
#[utoipa::path(post, path = "/reports/{id}/links", request_body = NewLink,
    responses((status = 201, body = ReportView)))]
async fn link(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<NewLink>) -> New<ReportView> {
    let days = body.days.unwrap_or(reports::LINK_DAYS);
    Ok(Created(
        reports::link(&actor, id, days, report::contents).await?,
    ))
}

/// Ends one link at once (either of you).
#[utoipa::path(delete, path = "/reports/{id}/links/{link}",
    params(("link" = String, Path, description = "The link's id")),
    responses((status = 200, body = ReportView)))]
async fn end(Act(actor): Act, Path((id, link)): Path<(String, String)>) -> Answer<ReportView> {
    let id = parse_id(&id)?;
    Ok(Json(reports::end_link(&actor, id, &link).await?))
}

/// The API routes (nested under /api/v1), each with its annotation.
pub(super) fn api() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(list, ask))
        .routes(routes!(indicators))
        .routes(routes!(one))
        .routes(routes!(document))
        .routes(routes!(consent))
        .routes(routes!(decline))
        .routes(routes!(withdraw))
        .routes(routes!(add))
        .routes(routes!(link))
        .routes(routes!(end))
}
