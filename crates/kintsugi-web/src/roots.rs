//! Step 1, Roots, on the web: the origins checklist and the reflection journal, as pages and as
//! `/api/v1/roots` and `/api/v1/reflections`. The checklist is always private; a reflection is
//! private until its author shares it, and sharing can be taken back.
//!
//! The rules live in `kintsugi_app::roots`; this module only parses, calls and renders.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use kintsugi_domain::roots::{NOTE_MAX, Origin, OriginNote, Prompt, REFLECTION_MAX, Reflection};
use kintsugi_domain::{RecordId, Visibility};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use kintsugi_app::Item;
use kintsugi_app::roots::{
    add_reflection, checklist, delete_reflection, edit_reflection, reflection, reflections,
    save_checklist,
};

use crate::accounts::Current;
use crate::api::{ApiJson, rfc3339};
use crate::html::{FieldErrors, HtmlForm, Me, Nav, long_date, render, split};
use crate::{AppError, AppState};

// ------------------------------------------------------------------ pages

struct OriginRow {
    name: &'static str,
    label: &'static str,
    checked: bool,
    note: String,
}

struct EntryView {
    id: String,
    question: &'static str,
    text: String,
    date: String,
    shared: bool,
}

#[derive(Template)]
#[template(path = "roots/index.html")]
struct RootsPage {
    nav: Nav,
    partner: Option<String>,
    origins: Vec<OriginRow>,
    saved_at: Option<String>,
    prompts: Vec<(&'static str, &'static str)>,
    chosen_prompt: String,
    draft: String,
    mine: Vec<EntryView>,
    shared_with_me: Vec<EntryView>,
    errors: FieldErrors,
    general: Option<String>,
    notice: Option<&'static str>,
    note_max: usize,
    reflection_max: usize,
}

#[derive(Deserialize)]
struct Notice {
    #[serde(default)]
    done: Option<String>,
}

fn entry_view(i: Item<Reflection>) -> EntryView {
    EntryView {
        id: i.id.to_string(),
        question: i.body.prompt.question(),
        text: i.body.text,
        date: long_date(i.created_at),
        shared: i.visibility == Visibility::Shared,
    }
}

/// Renders the Roots page; `form` carries what the person typed when something was refused.
async fn page(
    state: &AppState,
    actor: &kintsugi_app::Actor,
    status: StatusCode,
    err: Option<AppError>,
    notice: Option<&'static str>,
    form: Option<(Vec<OriginNote>, String, String)>,
) -> Result<Response, AppError> {
    let saved = checklist(actor).await?;
    let (typed_origins, chosen_prompt, draft) = match form {
        Some(f) => (Some(f.0), f.1, f.2),
        None => (None, Prompt::WhenUnsafe.as_str().to_string(), String::new()),
    };
    let origins = Origin::ALL
        .into_iter()
        .map(|o| {
            let note = match &typed_origins {
                Some(t) => t.iter().find(|n| n.origin == o).map(|n| n.note.clone()),
                None => saved
                    .as_ref()
                    .and_then(|c| c.body.note(o).map(str::to_string)),
            };
            OriginRow {
                name: o.as_str(),
                label: o.label(),
                checked: note.is_some(),
                note: note.unwrap_or_default(),
            }
        })
        .collect();
    let (mine, theirs): (Vec<_>, Vec<_>) =
        reflections(actor).await?.into_iter().partition(|i| i.mine);
    let (errors, general) = err.as_ref().map(split).unwrap_or_default();
    Ok(render(
        status,
        &RootsPage {
            nav: Nav::for_actor(state, actor, "program"),
            partner: actor
                .couple
                .as_ref()
                .map(|c| c.partner_display_name.clone()),
            origins,
            saved_at: saved.map(|c| long_date(c.updated_at)),
            prompts: Prompt::ALL
                .iter()
                .map(|p| (p.as_str(), p.question()))
                .collect(),
            chosen_prompt,
            draft,
            mine: mine.into_iter().map(entry_view).collect(),
            shared_with_me: theirs.into_iter().map(entry_view).collect(),
            errors,
            general,
            notice,
            note_max: NOTE_MAX,
            reflection_max: REFLECTION_MAX,
        },
    ))
}

async fn roots_page(
    State(state): State<AppState>,
    Me(me): Me,
    Query(q): Query<Notice>,
) -> Result<Response, AppError> {
    let actor = me.actor(&state)?;
    let notice = match q.done.as_deref() {
        Some("checklist") => Some("Your checklist is saved. Only you can see it."),
        Some("reflection") => Some("Your reflection is saved."),
        Some("shared") => Some("Shared. You can make it private again at any time."),
        Some("private") => Some("It's private again. Only you can see it."),
        Some("deleted") => Some("That reflection is deleted."),
        _ => None,
    };
    page(&state, &actor, StatusCode::OK, None, notice, None).await
}

/// Reads the checklist form: `origin=<name>` for each ticked box and `note_<name>` per note.
fn checklist_from_form(fields: &[(String, String)]) -> Result<Vec<OriginNote>, AppError> {
    let mut items = Vec::new();
    for (k, v) in fields {
        if k == "origin" {
            let origin = Origin::parse(v).ok_or_else(|| {
                AppError::BadRequest("That isn't one of the listed origins.".into())
            })?;
            let note = fields
                .iter()
                .find(|(nk, _)| nk.strip_prefix("note_") == Some(origin.as_str()))
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            items.push(OriginNote { origin, note });
        }
    }
    Ok(items)
}

async fn save_checklist_form(
    State(state): State<AppState>,
    Me(me): Me,
    HtmlForm(fields): HtmlForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let actor = me.actor(&state)?;
    let items = checklist_from_form(&fields)?;
    match save_checklist(&actor, items.clone()).await {
        Ok(_) => Ok(Redirect::to("/roots?done=checklist").into_response()),
        Err(e) => {
            let e = AppError::from(e);
            let status = e.status();
            page(
                &state,
                &actor,
                status,
                Some(e),
                None,
                Some((items, Prompt::WhenUnsafe.as_str().into(), String::new())),
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct ReflectionForm {
    prompt: String,
    text: String,
    #[serde(default)]
    share: Option<String>,
}

async fn add_reflection_form(
    State(state): State<AppState>,
    Me(me): Me,
    HtmlForm(form): HtmlForm<ReflectionForm>,
) -> Result<Response, AppError> {
    let actor = me.actor(&state)?;
    let prompt = Prompt::parse(&form.prompt).unwrap_or(Prompt::Free);
    let visibility = if form.share.is_some() {
        Visibility::Shared
    } else {
        Visibility::Private
    };
    match add_reflection(&actor, prompt, &form.text, visibility).await {
        Ok(_) => Ok(Redirect::to("/roots?done=reflection#journal").into_response()),
        Err(e) => {
            let e = AppError::from(e);
            let status = e.status();
            page(
                &state,
                &actor,
                status,
                Some(e),
                None,
                Some((Vec::new(), form.prompt, form.text)),
            )
            .await
        }
    }
}

fn parse_id(id: &str) -> Result<RecordId, AppError> {
    uuid::Uuid::parse_str(id)
        .map(RecordId)
        .map_err(|_| AppError::NotFound("We couldn't find that among your own writing."))
}

async fn share_form(
    State(state): State<AppState>,
    Me(me): Me,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let actor = me.actor(&state)?;
    edit_reflection(&actor, parse_id(&id)?, None, Some(Visibility::Shared)).await?;
    Ok(Redirect::to("/roots?done=shared#journal").into_response())
}

async fn unshare_form(
    State(state): State<AppState>,
    Me(me): Me,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let actor = me.actor(&state)?;
    edit_reflection(&actor, parse_id(&id)?, None, Some(Visibility::Private)).await?;
    Ok(Redirect::to("/roots?done=private#journal").into_response())
}

async fn delete_form(
    State(state): State<AppState>,
    Me(me): Me,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let actor = me.actor(&state)?;
    delete_reflection(&actor, parse_id(&id)?).await?;
    Ok(Redirect::to("/roots?done=deleted#journal").into_response())
}

// ------------------------------------------------------------------ API

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
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ReflectionPatch>,
) -> Result<Json<ReflectionOut>, AppError> {
    let actor = me.actor(&state)?;
    let item = edit_reflection(
        &actor,
        parse_id(&id)?,
        body.text.as_deref(),
        body.visibility,
    )
    .await?;
    Ok(Json(item.into()))
}

#[utoipa::path(delete, path = "/api/v1/reflections/{id}",
    params(("id" = String, Path, description = "The reflection's id")),
    responses((status = 204), (status = 404, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_delete(
    State(state): State<AppState>,
    me: Current,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let actor = me.actor(&state)?;
    delete_reflection(&actor, parse_id(&id)?).await?;
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

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .route("/roots", get(roots_page))
        .route("/roots/checklist", post(save_checklist_form))
        .route("/roots/reflections", post(add_reflection_form))
        .route("/roots/reflections/{id}/share", post(share_form))
        .route("/roots/reflections/{id}/unshare", post(unshare_form))
        .route("/roots/reflections/{id}/delete", post(delete_form))
}

/// The API routes (nested under /api/v1).
pub(crate) fn api() -> Router<AppState> {
    Router::new()
        .route("/roots", get(api_get_checklist).put(api_put_checklist))
        .route("/reflections", get(api_list).post(api_create))
        .route("/reflections/{id}", patch(api_patch).delete(api_delete))
}
