//! The apology API.

use axum::Json;
use kintsugi_domain::RecordId;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

use kintsugi_app::Actor;
use kintsugi_app::apology::{
    self, ApologyParts, ApologyView, NewApology, NewPromise, NewResponse, QuestionView,
};

use crate::AppError;
use crate::kit::{Act, ActOn, Answer, ApiJson, ApiRouter, Created};

/// A question or an answer.
#[derive(Deserialize, ToSchema)]
pub struct TextIn {
    /// 1 to 4,000 characters.
    pub text: String,
}

/// The apology as it now reads, after a change.
async fn now(actor: &Actor, id: RecordId) -> Answer<ApologyView> {
    Ok(Json(apology::apology(actor, id).await?))
}

/// Your apologies and those delivered to you, newest first.
#[utoipa::path(get, path = "/apologies", responses((status = 200, body = [ApologyView])))]
async fn list(Act(actor): Act) -> Answer<Vec<ApologyView>> {
    Ok(Json(apology::apologies(&actor).await?))
}

/// Writes an apology: a private draft, or delivered at once.
#[utoipa::path(post, path = "/apologies", request_body = NewApology,
    responses((status = 201, body = ApologyView)))]
async fn create(
    Act(actor): Act,
    ApiJson(body): ApiJson<NewApology>,
) -> Result<Created<ApologyView>, AppError> {
    let id = apology::write(&actor, &body).await?;
    Ok(Created(now(&actor, id).await?.0))
}

/// One apology.
#[utoipa::path(get, path = "/apologies/{id}", responses((status = 200, body = ApologyView)))]
async fn get_one(ActOn(actor, id): ActOn) -> Answer<ApologyView> {
    now(&actor, id).await
}

/// Changes your draft (refused once delivered).
#[utoipa::path(put, path = "/apologies/{id}", request_body = ApologyParts,
    responses((status = 200, body = ApologyView)))]
async fn edit(
    ActOn(actor, id): ActOn,
    ApiJson(parts): ApiJson<ApologyParts>,
) -> Answer<ApologyView> {
    apology::edit_draft(&actor, id, &parts).await?;
    now(&actor, id).await
}

/// Delivering: optionally the version you read through (from the apology's `version`), so a
/// draft changed since (in another client, say) is refused with 409 instead of sent unseen.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// The version you read.
    #[serde(default)]
    pub version: Option<i64>,
}

/// Delivers your draft to your partner; from then on it doesn't change.
#[utoipa::path(post, path = "/apologies/{id}/delivery", request_body = Delivery,
    responses((status = 200, body = ApologyView)))]
async fn deliver(ActOn(actor, id): ActOn, body: Option<ApiJson<Delivery>>) -> Answer<ApologyView> {
    let reviewed = body.and_then(|ApiJson(d)| d.version);
    apology::deliver(&actor, id, reviewed).await?;
    now(&actor, id).await
}

/// Answers an apology delivered to you, freely.
#[utoipa::path(post, path = "/apologies/{id}/response", request_body = NewResponse,
    responses((status = 201, body = ApologyView)))]
async fn respond(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<NewResponse>,
) -> Result<Created<ApologyView>, AppError> {
    apology::respond(&actor, id, &body).await?;
    Ok(Created(now(&actor, id).await?.0))
}

/// Turns a commitment of your delivered apology into a promise.
#[utoipa::path(post, path = "/apologies/{id}/promises", request_body = NewPromise,
    responses((status = 201, body = ApologyView)))]
async fn promise(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<NewPromise>,
) -> Result<Created<ApologyView>, AppError> {
    apology::promise(&actor, id, &body).await?;
    Ok(Created(now(&actor, id).await?.0))
}

/// The questions thread, newest question first, with every version of every answer.
#[utoipa::path(get, path = "/questions", responses((status = 200, body = [QuestionView])))]
async fn questions(Act(actor): Act) -> Answer<Vec<QuestionView>> {
    Ok(Json(apology::read_questions(&actor).await?))
}

/// Asks your partner a question; answers with the whole thread.
#[utoipa::path(post, path = "/questions", request_body = TextIn,
    responses((status = 201, body = [QuestionView])))]
async fn ask(
    Act(actor): Act,
    ApiJson(body): ApiJson<TextIn>,
) -> Result<Created<Vec<QuestionView>>, AppError> {
    apology::ask(&actor, &body.text).await?;
    Ok(Created(apology::questions(&actor).await?))
}

/// Answers a question (a later answer is a new version; earlier ones stay visible).
#[utoipa::path(post, path = "/questions/{id}/answers", request_body = TextIn, 
    responses((status = 201, body = [QuestionView])))]
async fn answer(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<TextIn>,
) -> Result<Created<Vec<QuestionView>>, AppError> {
    apology::answer(&actor, id, &body.text).await?;
    Ok(Created(apology::questions(&actor).await?))
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
