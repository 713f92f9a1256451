//! The apology API.

use axum::Json;
use utoipa_axum::routes;

use kintsugi_app::apology::{
    self, ApologyParts, ApologyView, Delivery, NewApology, NewPromise, NewResponse, QuestionView,
};

use crate::kit::{Act, ActOn, Answer, ApiJson, ApiRouter, Created, New, TextIn, paged_list};

paged_list!(
    /// Your apologies and those delivered to you, newest first, a page at a time (20 unless you
    /// ask).
    list,
    "/apologies",
    ApologyView,
    apology::apologies,
    apology::PAGE
);

/// Writes an apology: a private draft, or delivered at once.
#[utoipa::path(post, path = "/apologies", request_body = NewApology,
    responses((status = 201, body = ApologyView)))]
async fn create(Act(actor): Act, ApiJson(body): ApiJson<NewApology>) -> New<ApologyView> {
    Ok(Created(apology::write(&actor, &body).await?))
}

/// One apology.
#[utoipa::path(get, path = "/apologies/{id}", responses((status = 200, body = ApologyView)))]
async fn get_one(ActOn(actor, id): ActOn) -> Answer<ApologyView> {
    Ok(Json(apology::apology(&actor, id).await?))
}

/// Changes your draft (refused once delivered).
#[utoipa::path(put, path = "/apologies/{id}", request_body = ApologyParts,
    responses((status = 200, body = ApologyView)))]
async fn edit(
    ActOn(actor, id): ActOn,
    ApiJson(parts): ApiJson<ApologyParts>,
) -> Answer<ApologyView> {
    Ok(Json(apology::edit_draft(&actor, id, &parts).await?))
}

/// Delivers your draft to your partner; from then on it doesn't change.
#[utoipa::path(post, path = "/apologies/{id}/delivery", request_body = Delivery,
    responses((status = 200, body = ApologyView)))]
async fn deliver(ActOn(actor, id): ActOn, body: Option<ApiJson<Delivery>>) -> Answer<ApologyView> {
    let reviewed = body.and_then(|ApiJson(d)| d.version);
    Ok(Json(apology::deliver(&actor, id, reviewed).await?))
}

/// Answers an apology delivered to you, freely.
#[utoipa::path(post, path = "/apologies/{id}/response", request_body = NewResponse,
    responses((status = 201, body = ApologyView)))]
async fn respond(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<NewResponse>) -> New<ApologyView> {
    Ok(Created(apology::respond(&actor, id, &body).await?))
}

/// Turns a commitment of your delivered apology into a promise.
#[utoipa::path(post, path = "/apologies/{id}/promises", request_body = NewPromise,
    responses((status = 201, body = ApologyView)))]
async fn promise(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<NewPromise>) -> New<ApologyView> {
    Ok(Created(apology::promise(&actor, id, &body).await?))
}

paged_list!(
    /// The questions thread, newest question first, with every version of every answer, a page at
    /// a time (20 unless you ask).
    questions,
    "/questions",
    QuestionView,
    apology::read_questions,
    apology::PAGE
);

/// Asks your partner a question; answers with the thread's first page.
#[utoipa::path(post, path = "/questions", request_body = TextIn,
    responses((status = 201, body = [QuestionView])))]
async fn ask(Act(actor): Act, ApiJson(body): ApiJson<TextIn>) -> New<Vec<QuestionView>> {
    Ok(Created(apology::ask(&actor, &body.text).await?))
}

/// Answers a question (a later answer is a new version; earlier ones stay visible).
#[utoipa::path(post, path = "/questions/{id}/answers", request_body = TextIn, 
    responses((status = 201, body = [QuestionView])))]
async fn answer(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<TextIn>) -> New<Vec<QuestionView>> {
    Ok(Created(apology::answer(&actor, id, &body.text).await?))
}

/// The API routes (nested under /api/v1), each with its annotation.
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, edit))
        .routes(routes!(deliver))
        .routes(routes!(respond))
        .routes(routes!(promise))
        .routes(routes!(questions, ask))
        .routes(routes!(answer))
}
