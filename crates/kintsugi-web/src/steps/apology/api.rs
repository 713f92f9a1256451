//! The apology API.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use kintsugi_domain::apology::{Answer, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use kintsugi_app::apology::{
    ApologyView, QuestionView, answer, apologies, apology, ask, deliver, edit_draft, promise,
    questions, respond, write,
};

use crate::accounts::Current;
use crate::kit::{ApiJson, PathId, rfc3339};
use crate::{AppError, AppState};

use super::*;

/// A new apology.
#[derive(Deserialize, ToSchema)]
pub struct NewApology {
    /// The five parts.
    #[serde(flatten)]
    pub parts: Parts,
    /// A value you care about in this relationship (optional; always private to you).
    #[serde(default)]
    pub value: String,
    /// Deliver now (shared with your partner, then frozen) instead of keeping a private draft.
    #[serde(default)]
    pub deliver: bool,
}

/// An apology as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct ApologyOut {
    /// Its id.
    pub id: String,
    /// Whether you wrote it.
    pub mine: bool,
    /// The five parts.
    pub parts: Parts,
    /// Your value line (only on your own apologies).
    pub value: Option<String>,
    /// When it was delivered (RFC 3339); absent for a draft.
    pub delivered_at: Option<String>,
    /// Answers, oldest first.
    pub responses: Vec<ResponseOut>,
    /// Promises made from it.
    pub promises: Vec<String>,
}

/// An answer to an apology.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ResponseOut {
    /// `received`, `need_time` or `have_questions`.
    pub answer: Answer,
    /// Optional words.
    #[serde(default)]
    pub text: String,
    /// Whether you wrote it.
    #[serde(default)]
    pub mine: bool,
}

/// A promise from an apology's commitment.
#[derive(Deserialize, ToSchema)]
pub struct NewPromise {
    /// What is promised (default: the apology's "what I will do differently").
    #[serde(default)]
    pub text: Option<String>,
}

/// A question or an answer.
#[derive(Deserialize, ToSchema)]
pub struct TextIn {
    /// 1 to 4,000 characters.
    pub text: String,
}

/// A question with every version of its answers.
#[derive(Serialize, ToSchema)]
pub struct QuestionOut {
    /// Its id.
    pub id: String,
    /// Whether you asked it.
    pub mine: bool,
    /// The question.
    pub text: String,
    /// When (RFC 3339).
    pub asked_at: String,
    /// Every version of the answer, oldest first; the last one is current.
    pub answers: Vec<AnswerOut>,
}

/// One version of an answer.
#[derive(Serialize, ToSchema)]
pub struct AnswerOut {
    /// The words.
    pub text: String,
    /// When this version was written (RFC 3339).
    pub at: String,
}

fn apology_out(a: ApologyView) -> ApologyOut {
    ApologyOut {
        id: a.id.to_string(),
        mine: a.mine,
        parts: Parts {
            what_i_did: a.body.what_i_did,
            responsibility: a.body.responsibility,
            impact: a.body.impact,
            differently: a.body.differently,
            repair: a.body.repair,
        },
        value: a.value,
        delivered_at: a.body.delivered_at.map(rfc3339),
        responses: a
            .responses
            .into_iter()
            .map(|r| ResponseOut {
                answer: r.body.answer,
                text: r.body.text,
                mine: r.mine,
            })
            .collect(),
        promises: a.promises.into_iter().map(|p| p.body.text).collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/apologies", responses((status = 200, body = [ApologyOut])), security(("bearer" = [])))]
async fn api_list(
    State(state): State<AppState>,
    me: Current,
) -> Result<Json<Vec<ApologyOut>>, AppError> {
    Ok(Json(
        apologies(&me.actor(&state)?)
            .await?
            .into_iter()
            .map(apology_out)
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/apologies", request_body = NewApology,
    responses((status = 201, body = ApologyOut), (status = 409, body = crate::ErrorBody),
              (status = 422, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_create(
    State(state): State<AppState>,
    me: Current,
    ApiJson(body): ApiJson<NewApology>,
) -> Result<(StatusCode, Json<ApologyOut>), AppError> {
    let actor = me.actor(&state)?;
    let id = write(&actor, body.parts.as_array(), &body.value, body.deliver).await?;
    Ok((
        StatusCode::CREATED,
        Json(apology_out(apology(&actor, id).await?)),
    ))
}

#[utoipa::path(get, path = "/api/v1/apologies/{id}", params(("id" = String, Path, description = "The apology's id")),
    responses((status = 200, body = ApologyOut), (status = 404, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_get(
    State(state): State<AppState>,
    me: Current,
    PathId(id): PathId,
) -> Result<Json<ApologyOut>, AppError> {
    Ok(Json(apology_out(apology(&me.actor(&state)?, id).await?)))
}

#[utoipa::path(put, path = "/api/v1/apologies/{id}", request_body = Parts,
    params(("id" = String, Path, description = "The apology's id")),
    responses((status = 200, body = ApologyOut), (status = 404, body = crate::ErrorBody),
              (status = 409, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_edit(
    State(state): State<AppState>,
    me: Current,
    PathId(id): PathId,
    ApiJson(parts): ApiJson<Parts>,
) -> Result<Json<ApologyOut>, AppError> {
    let actor = me.actor(&state)?;
    edit_draft(&actor, id, parts.as_array()).await?;
    Ok(Json(apology_out(apology(&actor, id).await?)))
}

#[utoipa::path(post, path = "/api/v1/apologies/{id}/delivery",
    params(("id" = String, Path, description = "The apology's id")),
    responses((status = 200, body = ApologyOut), (status = 404, body = crate::ErrorBody),
              (status = 409, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_deliver(
    State(state): State<AppState>,
    me: Current,
    PathId(id): PathId,
) -> Result<Json<ApologyOut>, AppError> {
    let actor = me.actor(&state)?;
    deliver(&actor, id).await?;
    Ok(Json(apology_out(apology(&actor, id).await?)))
}

#[utoipa::path(post, path = "/api/v1/apologies/{id}/response", request_body = ResponseOut,
    params(("id" = String, Path, description = "The apology's id")),
    responses((status = 201, body = ApologyOut), (status = 404, body = crate::ErrorBody),
              (status = 409, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_respond(
    State(state): State<AppState>,
    me: Current,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ResponseOut>,
) -> Result<(StatusCode, Json<ApologyOut>), AppError> {
    let actor = me.actor(&state)?;
    respond(&actor, id, Response::parse(body.answer, &body.text)?).await?;
    Ok((
        StatusCode::CREATED,
        Json(apology_out(apology(&actor, id).await?)),
    ))
}

#[utoipa::path(post, path = "/api/v1/apologies/{id}/promises", request_body = NewPromise,
    params(("id" = String, Path, description = "The apology's id")),
    responses((status = 201, body = ApologyOut), (status = 404, body = crate::ErrorBody),
              (status = 409, body = crate::ErrorBody), (status = 422, body = crate::ErrorBody)),
    security(("bearer" = [])))]
async fn api_promise(
    State(state): State<AppState>,
    me: Current,
    PathId(id): PathId,
    ApiJson(body): ApiJson<NewPromise>,
) -> Result<(StatusCode, Json<ApologyOut>), AppError> {
    let actor = me.actor(&state)?;
    promise(&actor, id, body.text.as_deref()).await?;
    Ok((
        StatusCode::CREATED,
        Json(apology_out(apology(&actor, id).await?)),
    ))
}

fn question_out(q: QuestionView) -> QuestionOut {
    QuestionOut {
        id: q.id.to_string(),
        mine: q.mine,
        text: q.text,
        asked_at: rfc3339(q.created_at),
        answers: q
            .answers
            .into_iter()
            .map(|a| AnswerOut {
                text: a.body.text,
                at: rfc3339(a.created_at),
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/questions", responses((status = 200, body = [QuestionOut])), security(("bearer" = [])))]
async fn api_questions(
    State(state): State<AppState>,
    me: Current,
) -> Result<Json<Vec<QuestionOut>>, AppError> {
    Ok(Json(
        questions(&me.actor(&state)?)
            .await?
            .into_iter()
            .map(question_out)
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/questions", request_body = TextIn,
    responses((status = 201, body = [QuestionOut]), (status = 409, body = crate::ErrorBody),
              (status = 422, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_ask(
    State(state): State<AppState>,
    me: Current,
    ApiJson(body): ApiJson<TextIn>,
) -> Result<(StatusCode, Json<Vec<QuestionOut>>), AppError> {
    let actor = me.actor(&state)?;
    ask(&actor, &body.text).await?;
    Ok((
        StatusCode::CREATED,
        Json(
            questions(&actor)
                .await?
                .into_iter()
                .map(question_out)
                .collect(),
        ),
    ))
}

#[utoipa::path(post, path = "/api/v1/questions/{id}/answers", request_body = TextIn,
    params(("id" = String, Path, description = "The question's id")),
    responses((status = 201, body = [QuestionOut]), (status = 404, body = crate::ErrorBody),
              (status = 409, body = crate::ErrorBody), (status = 422, body = crate::ErrorBody)),
    security(("bearer" = [])))]
async fn api_answer(
    State(state): State<AppState>,
    me: Current,
    PathId(id): PathId,
    ApiJson(body): ApiJson<TextIn>,
) -> Result<(StatusCode, Json<Vec<QuestionOut>>), AppError> {
    let actor = me.actor(&state)?;
    answer(&actor, id, &body.text).await?;
    Ok((
        StatusCode::CREATED,
        Json(
            questions(&actor)
                .await?
                .into_iter()
                .map(question_out)
                .collect(),
        ),
    ))
}

/// The OpenAPI paths of this step.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api_list,
    api_create,
    api_get,
    api_edit,
    api_deliver,
    api_respond,
    api_promise,
    api_questions,
    api_ask,
    api_answer
))]
pub struct ApologyApi;

/// The API routes (nested under /api/v1).
pub(crate) fn api() -> Router<AppState> {
    Router::new()
        .route("/apologies", get(api_list).post(api_create))
        .route("/apologies/{id}", get(api_get).put(api_edit))
        .route("/apologies/{id}/delivery", post(api_deliver))
        .route("/apologies/{id}/response", post(api_respond))
        .route("/apologies/{id}/promises", post(api_promise))
        .route("/questions", get(api_questions).post(api_ask))
        .route("/questions/{id}/answers", post(api_answer))
}
