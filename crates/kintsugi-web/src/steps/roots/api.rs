//! The roots API.

use axum::Json;
use axum::http::StatusCode;
use utoipa_axum::routes;

use kintsugi_app::roots::{self, ChecklistBody, NewReflection, ReflectionPatch, ReflectionView};

use crate::AppError;
use crate::kit::{Act, ActOn, Answer, ApiJson, ApiRouter, Created, New, TextIn, paged_list};

/// Your origins checklist.
#[utoipa::path(get, path = "/roots", responses((status = 200, body = ChecklistBody)))]
async fn get_checklist(Act(actor): Act) -> Answer<ChecklistBody> {
    Ok(Json(roots::checklist_body(&actor).await?))
}

/// Saves your origins checklist, replacing the earlier one (or, with `version`, only the one
/// you read: 409 if it changed since).
#[utoipa::path(put, path = "/roots", request_body = ChecklistBody,
    responses((status = 200, body = ChecklistBody)))]
async fn put_checklist(
    Act(actor): Act,
    ApiJson(body): ApiJson<ChecklistBody>,
) -> Answer<ChecklistBody> {
    Ok(Json(roots::save_checklist(&actor, body).await?))
}

paged_list!(
    /// Your reflections and those your partner shares with you, newest first, a page at a time
    /// (20 unless you ask).
    list,
    "/reflections",
    ReflectionView,
    roots::reflections,
    roots::PAGE
);

/// Writes a reflection.
#[utoipa::path(post, path = "/reflections", request_body = NewReflection,
    responses((status = 201, body = ReflectionView)))]
async fn create(Act(actor): Act, ApiJson(body): ApiJson<NewReflection>) -> New<ReflectionView> {
    let id = roots::add_reflection(&actor, &body).await?;
    Ok(Created(roots::reflection(&actor, id).await?))
}

/// Changes one of your reflections: its text, whether it is shared, or both.
#[utoipa::path(patch, path = "/reflections/{id}", request_body = ReflectionPatch,
    responses((status = 200, body = ReflectionView)))]
async fn edit(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<ReflectionPatch>,
) -> Answer<ReflectionView> {
    Ok(Json(roots::edit_reflection(&actor, id, body).await?))
}

/// Deletes one of your reflections.
#[utoipa::path(delete, path = "/reflections/{id}", responses((status = 204)))]
async fn delete(ActOn(actor, id): ActOn) -> Result<StatusCode, AppError> {
    roots::delete_reflection(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sends a few words back on a reflection your partner shared with you (they see them).
#[utoipa::path(post, path = "/reflections/{id}/acknowledgements",
    request_body = TextIn, responses((status = 201, body = ReflectionView)))]
async fn acknowledge(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<TextIn>,
) -> New<ReflectionView> {
    let view = roots::acknowledge(&actor, id, &body.text).await?;
    Ok(Created(view))
}

/// The API routes (nested under /api/v1), each with its annotation.
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(get_checklist, put_checklist))
        .routes(routes!(list, create))
        .routes(routes!(edit, delete))
        .routes(routes!(acknowledge))
}
