//! The apology API.

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use kintsugi_domain::RecordId;
use serde::Deserialize;
use utoipa::ToSchema;

use kintsugi_app::Actor;
use kintsugi_app::apology::{
    self, ApologyParts, ApologyView, NewApology, NewPromise, NewResponse, QuestionView,
};

use crate::kit::{Act, ActOn, ApiJson};
use crate::{AppError, AppState};

/// A question or an answer.
#[derive(Deserialize, ToSchema)]
pub struct TextIn {
    /// 1 to 4,000 characters.
    pub text: String,
}

type Answered<T> = Result<Json<T>, AppError>;
type Created<T> = Result<(StatusCode, Json<T>), AppError>;

/// The apology as it now reads, after a change.
async fn now(actor: &Actor, id: RecordId) -> Answered<ApologyView> {
    Ok(Json(apology::apology(actor, id).await?))
}

/// Your apologies and those delivered to you, newest first.
#[utoipa::path(get, path = "/api/v1/apologies", responses((status = 200, body = [ApologyView])))]
async fn list(Act(actor): Act) -> Answered<Vec<ApologyView>> {
    Ok(Json(apology::apologies(&actor).await?))
}

/// Writes an apology: a private draft, or delivered at once.
#[utoipa::path(post, path = "/api/v1/apologies", request_body = NewApology,
    responses((status = 201, body = ApologyView)))]
async fn create(Act(actor): Act, ApiJson(body): ApiJson<NewApology>) -> Created<ApologyView> {
    let id = apology::write(&actor, &body).await?;
    Ok((StatusCode::CREATED, now(&actor, id).await?))
}

/// One apology.
#[utoipa::path(get, path = "/api/v1/apologies/{id}", responses((status = 200, body = ApologyView)))]
async fn get_one(ActOn(actor, id): ActOn) -> Answered<ApologyView> {
    now(&actor, id).await
}

/// Changes your draft (refused once delivered).
#[utoipa::path(put, path = "/api/v1/apologies/{id}", request_body = ApologyParts,
    responses((status = 200, body = ApologyView)))]
async fn edit(
    ActOn(actor, id): ActOn,
    ApiJson(parts): ApiJson<ApologyParts>,
) -> Answered<ApologyView> {
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
#[utoipa::path(post, path = "/api/v1/apologies/{id}/delivery", request_body = Delivery,
    responses((status = 200, body = ApologyView)))]
async fn deliver(
    ActOn(actor, id): ActOn,
    body: Option<ApiJson<Delivery>>,
) -> Answered<ApologyView> {
    let reviewed = body.and_then(|ApiJson(d)| d.version);
    apology::deliver(&actor, id, reviewed).await?;
    now(&actor, id).await
}

/// Answers an apology delivered to you, freely.
#[utoipa::path(post, path = "/api/v1/apologies/{id}/response", request_body = NewResponse,
    responses((status = 201, body = ApologyView)))]
async fn respond(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<NewResponse>,
) -> Created<ApologyView> {
    apology::respond(&actor, id, &body).await?;
    Ok((StatusCode::CREATED, now(&actor, id).await?))
}

/// Turns a commitment of your delivered apology into a promise.
#[utoipa::path(post, path = "/api/v1/apologies/{id}/promises", request_body = NewPromise,
    responses((status = 201, body = ApologyView)))]
async fn promise(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<NewPromise>,
) -> Created<ApologyView> {
    apology::promise(&actor, id, &body).await?;
    Ok((StatusCode::CREATED, now(&actor, id).await?))
}

/// The questions thread, newest question first, with every version of every answer.
#[utoipa::path(get, path = "/api/v1/questions", responses((status = 200, body = [QuestionView])))]
async fn questions(Act(actor): Act) -> Answered<Vec<QuestionView>> {
    Ok(Json(apology::read_questions(&actor).await?))
}

/// Asks your partner a question; answers with the whole thread.
#[utoipa::path(post, path = "/api/v1/questions", request_body = TextIn,
    responses((status = 201, body = [QuestionView])))]
async fn ask(Act(actor): Act, ApiJson(body): ApiJson<TextIn>) -> Created<Vec<QuestionView>> {
    apology::ask(&actor, &body.text).await?;
    Ok((StatusCode::CREATED, Json(apology::questions(&actor).await?)))
}

/// Answers a question (a later answer is a new version; earlier ones stay visible).
#[utoipa::path(post, path = "/api/v1/questions/{id}/answers", request_body = TextIn, 
    responses((status = 201, body = [QuestionView])))]
async fn answer(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<TextIn>,
) -> Created<Vec<QuestionView>> {
    apology::answer(&actor, id, &body.text).await?;
    Ok((StatusCode::CREATED, Json(apology::questions(&actor).await?)))
}

/// The OpenAPI paths of this step.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    list, create, get_one, edit, deliver, respond, promise, questions, ask, answer
))]
pub struct ApologyApi;

/// The API routes (nested under /api/v1).
pub(crate) fn api() -> Router<AppState> {
    Router::new()
        .route("/apologies", get(list).post(create))
        .route("/apologies/{id}", get(get_one).put(edit))
        .route("/apologies/{id}/delivery", post(deliver))
        .route("/apologies/{id}/response", post(respond))
        .route("/apologies/{id}/promises", post(promise))
        .route("/questions", get(questions).post(ask))
        .route("/questions/{id}/answers", post(answer))
}
