//! The roots API.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, patch};
use axum::{Json, Router};
use kintsugi_domain::Visibility;
use kintsugi_domain::roots::{OriginNote, Prompt, Reflection};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use kintsugi_app::Item;
use kintsugi_app::roots::{
    add_reflection, checklist, delete_reflection, edit_reflection, reflection, reflections,
    save_checklist,
};

use crate::accounts::Current;
use crate::kit::{ApiJson, PathId, rfc3339};
use crate::{AppError, AppState};

/// The origins checklist (always private).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ChecklistBody {
    /// Ticked origins with optional notes (up to 2,000 characters each).
    pub origins: Vec<OriginNote>,
}

/// A reflection as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct ReflectionOut {
    /// Its id.
    pub id: String,
    /// Which prompt it answers.
    pub prompt: Prompt,
    /// The prompt's question.
    pub question: String,
    /// The text.
    pub text: String,
    /// Who can see it.
    pub visibility: Visibility,
    /// Whether you wrote it (otherwise your partner shared it with you).
    pub mine: bool,
    /// When it was written (RFC 3339).
    pub created_at: String,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
}

impl From<Item<Reflection>> for ReflectionOut {
    fn from(i: Item<Reflection>) -> Self {
        ReflectionOut {
            id: i.id.to_string(),
            prompt: i.body.prompt,
            question: i.body.prompt.question().to_string(),
            text: i.body.text,
            visibility: i.visibility,
            mine: i.mine,
            created_at: rfc3339(i.created_at),
            updated_at: rfc3339(i.updated_at),
        }
    }
}

/// A new reflection.
#[derive(Deserialize, ToSchema)]
pub struct NewReflection {
    /// Which prompt it answers (default: free).
    #[serde(default)]
    pub prompt: Option<Prompt>,
    /// 1 to 10,000 characters.
    pub text: String,
    /// Default: private.
    #[serde(default)]
    pub visibility: Option<Visibility>,
}

/// A change to one of your reflections.
#[derive(Deserialize, ToSchema)]
pub struct ReflectionPatch {
    /// New text.
    #[serde(default)]
    pub text: Option<String>,
    /// Share or make private.
    #[serde(default)]
    pub visibility: Option<Visibility>,
}

#[utoipa::path(get, path = "/api/v1/roots", responses((status = 200, body = ChecklistBody),
    (status = 401, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_get_checklist(
    State(state): State<AppState>,
    me: Current,
) -> Result<Json<ChecklistBody>, AppError> {
    let actor = me.actor(&state)?;
    let origins = checklist(&actor)
        .await?
        .map(|c| c.body.origins)
        .unwrap_or_default();
    Ok(Json(ChecklistBody { origins }))
}

#[utoipa::path(put, path = "/api/v1/roots", request_body = ChecklistBody,
    responses((status = 200, body = ChecklistBody), (status = 400, body = crate::ErrorBody),
              (status = 422, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_put_checklist(
    State(state): State<AppState>,
    me: Current,
    ApiJson(body): ApiJson<ChecklistBody>,
) -> Result<Json<ChecklistBody>, AppError> {
    let actor = me.actor(&state)?;
    let saved = save_checklist(&actor, body.origins).await?;
    Ok(Json(ChecklistBody {
        origins: saved.origins,
    }))
}

#[utoipa::path(get, path = "/api/v1/reflections", responses((status = 200, body = [ReflectionOut])),
    security(("bearer" = [])))]
async fn api_list(
    State(state): State<AppState>,
    me: Current,
) -> Result<Json<Vec<ReflectionOut>>, AppError> {
    let actor = me.actor(&state)?;
    Ok(Json(
        reflections(&actor)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/reflections", request_body = NewReflection,
    responses((status = 201, body = ReflectionOut), (status = 409, body = crate::ErrorBody),
              (status = 422, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_create(
    State(state): State<AppState>,
    me: Current,
    ApiJson(body): ApiJson<NewReflection>,
) -> Result<(StatusCode, Json<ReflectionOut>), AppError> {
    let actor = me.actor(&state)?;
    let id = add_reflection(
        &actor,
        body.prompt.unwrap_or(Prompt::Free),
        &body.text,
        body.visibility.unwrap_or_default(),
    )
    .await?;
    let item = reflection(&actor, id).await?;
    Ok((StatusCode::CREATED, Json(item.into())))
}

#[utoipa::path(patch, path = "/api/v1/reflections/{id}", request_body = ReflectionPatch,
    params(("id" = String, Path, description = "The reflection's id")),
    responses((status = 200, body = ReflectionOut), (status = 404, body = crate::ErrorBody)),
    security(("bearer" = [])))]
async fn api_patch(
    State(state): State<AppState>,
    me: Current,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ReflectionPatch>,
) -> Result<Json<ReflectionOut>, AppError> {
    let actor = me.actor(&state)?;
    let item = edit_reflection(&actor, id, body.text.as_deref(), body.visibility).await?;
    Ok(Json(item.into()))
}

#[utoipa::path(delete, path = "/api/v1/reflections/{id}",
    params(("id" = String, Path, description = "The reflection's id")),
    responses((status = 204), (status = 404, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_delete(
    State(state): State<AppState>,
    me: Current,
    PathId(id): PathId,
) -> Result<StatusCode, AppError> {
    let actor = me.actor(&state)?;
    delete_reflection(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The OpenAPI paths of this step.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api_get_checklist,
    api_put_checklist,
    api_list,
    api_create,
    api_patch,
    api_delete
))]
pub struct RootsApi;

/// The API routes (nested under /api/v1).
pub(crate) fn api() -> Router<AppState> {
    Router::new()
        .route("/roots", get(api_get_checklist).put(api_put_checklist))
        .route("/reflections", get(api_list).post(api_create))
        .route("/reflections/{id}", patch(api_patch).delete(api_delete))
}
