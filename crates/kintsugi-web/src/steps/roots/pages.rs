//! The roots pages.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kintsugi_domain::Visibility;
use kintsugi_domain::roots::{NOTE_MAX, Origin, OriginNote, Prompt, REFLECTION_MAX, Reflection};
use serde::Deserialize;

use kintsugi_app::Item;
use kintsugi_app::roots::{
    add_reflection, checklist, delete_reflection, edit_reflection, reflections, save_checklist,
};

use crate::kit::{
    Done, FieldErrors, HtmlForm, Me, Nav, PathId, long_date, redirect_or, render, split,
};
use crate::{AppError, AppState};

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
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let notice = done.notice(&[
        ("checklist", "Your checklist is saved. Only you can see it."),
        ("reflection", "Your reflection is saved."),
        (
            "shared",
            "Shared. You can make it private again at any time.",
        ),
        ("private", "It's private again. Only you can see it."),
        ("deleted", "That reflection is deleted."),
    ]);
    page(
        &state,
        &me.actor(&state)?,
        StatusCode::OK,
        None,
        notice,
        None,
    )
    .await
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
    let saved = save_checklist(&actor, items.clone()).await;
    redirect_or(
        saved.map_err(AppError::from),
        |_| "/roots?done=checklist".into(),
        |e| {
            let typed = (items, Prompt::WhenUnsafe.as_str().into(), String::new());
            page(&state, &actor, e.status(), Some(e), None, Some(typed))
        },
    )
    .await
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
    // A prompt that isn't one of ours is refused, as the API refuses it; it never becomes "free".
    let prompt = Prompt::parse(&form.prompt)
        .ok_or_else(|| AppError::BadRequest("That isn't one of the journal's questions.".into()))?;
    let visibility = match form.share {
        Some(_) => Visibility::Shared,
        None => Visibility::Private,
    };
    let added = add_reflection(&actor, prompt, &form.text, visibility).await;
    redirect_or(
        added.map_err(AppError::from),
        |_| "/roots?done=reflection#journal".into(),
        |e| {
            let typed = (Vec::new(), form.prompt, form.text);
            page(&state, &actor, e.status(), Some(e), None, Some(typed))
        },
    )
    .await
}

/// Shares an entry, makes it private again, or deletes it; then back to the journal.
async fn change_entry(
    state: &AppState,
    me: &crate::accounts::Current,
    id: kintsugi_domain::RecordId,
    change: Option<Visibility>,
) -> Result<Response, AppError> {
    let actor = me.actor(state)?;
    let done = match change {
        Some(visibility) => {
            edit_reflection(&actor, id, None, Some(visibility)).await?;
            if visibility == Visibility::Shared {
                "shared"
            } else {
                "private"
            }
        }
        None => {
            delete_reflection(&actor, id).await?;
            "deleted"
        }
    };
    Ok(Redirect::to(&format!("/roots?done={done}#journal")).into_response())
}

async fn share_form(
    State(state): State<AppState>,
    Me(me): Me,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    change_entry(&state, &me, id, Some(Visibility::Shared)).await
}

async fn unshare_form(
    State(state): State<AppState>,
    Me(me): Me,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    change_entry(&state, &me, id, Some(Visibility::Private)).await
}

async fn delete_form(
    State(state): State<AppState>,
    Me(me): Me,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    change_entry(&state, &me, id, None).await
}

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
