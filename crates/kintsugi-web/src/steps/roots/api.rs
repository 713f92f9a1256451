//! The roots API.

use axum::http::StatusCode;
use axum::routing::{get, patch, post};
use axum::{Json, Router};

use kintsugi_app::roots::{self, ChecklistBody, NewReflection, ReflectionPatch, ReflectionView};

use crate::kit::{Act, ActOn, ApiJson};
use crate::{AppError, AppState};

type Answer<T> = Result<Json<T>, AppError>;

/// Your origins checklist.
#[utoipa::path(get, path = "/api/v1/roots", responses((status = 200, body = ChecklistBody)))]
async fn get_checklist(Act(actor): Act) -> Answer<ChecklistBody> {
    Ok(Json(roots::checklist_body(&actor).await?))
}

/// Saves your origins checklist, replacing the earlier one (or, with `version`, only the one
/// you read: 409 if it changed since).
#[utoipa::path(put, path = "/api/v1/roots", request_body = ChecklistBody,
    responses((status = 200, body = ChecklistBody)))]
async fn put_checklist(
    Act(actor): Act,
    ApiJson(body): ApiJson<ChecklistBody>,
) -> Answer<ChecklistBody> {
    Ok(Json(roots::save_checklist(&actor, body).await?))
}

/// Your reflections and those your partner shares with you, newest first.
#[utoipa::path(get, path = "/api/v1/reflections", responses((status = 200, body = [ReflectionView])))]
async fn list(Act(actor): Act) -> Answer<Vec<ReflectionView>> {
    Ok(Json(roots::reflections(&actor).await?))
}

/// Writes a reflection.
#[utoipa::path(post, path = "/api/v1/reflections", request_body = NewReflection,
    responses((status = 201, body = ReflectionView)))]
async fn create(
    Act(actor): Act,
    ApiJson(body): ApiJson<NewReflection>,
) -> Result<(StatusCode, Json<ReflectionView>), AppError> {
    let id = roots::add_reflection(&actor, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(roots::reflection(&actor, id).await?),
    ))
}

/// Changes one of your reflections: its text, whether it is shared, or both.
#[utoipa::path(patch, path = "/api/v1/reflections/{id}", request_body = ReflectionPatch,
    responses((status = 200, body = ReflectionView)))]
async fn edit(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<ReflectionPatch>,
) -> Answer<ReflectionView> {
    Ok(Json(roots::edit_reflection(&actor, id, body).await?))
}

/// Deletes one of your reflections.
#[utoipa::path(delete, path = "/api/v1/reflections/{id}", responses((status = 204)))]
async fn delete(ActOn(actor, id): ActOn) -> Result<StatusCode, AppError> {
    roots::delete_reflection(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A few words back on a reflection your partner shared with you.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAcknowledgement {
    /// 1 to 500 characters.
    pub text: String,
}

/// Sends a few words back on a reflection your partner shared with you (they see them).
#[utoipa::path(post, path = "/api/v1/reflections/{id}/acknowledgements",
    request_body = NewAcknowledgement, responses((status = 201, body = ReflectionView)))]
async fn acknowledge(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<NewAcknowledgement>,
) -> Result<(StatusCode, Json<ReflectionView>), AppError> {
    let view = roots::acknowledge(&actor, id, &body.text).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The OpenAPI paths of this step.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_checklist, put_checklist, list, create, edit, delete, acknowledge))]
pub struct RootsApi;

/// The API routes (nested under /api/v1).
pub(crate) fn api() -> Router<AppState> {
    Router::new()
        .route("/roots", get(get_checklist).put(put_checklist))
        .route("/reflections", get(list).post(create))
        .route("/reflections/{id}", patch(edit).delete(delete))
        .route("/reflections/{id}/acknowledgements", post(acknowledge))
}
