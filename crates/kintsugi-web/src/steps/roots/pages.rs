//! The roots pages.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kintsugi_domain::roots::{Origin, OriginNote, Prompt};
use kintsugi_domain::{RecordId, Visibility};
use serde::Deserialize;

use kintsugi_app::Stamp;
use kintsugi_app::records::Page;
use kintsugi_app::roots::{self, ChecklistBody, NewReflection, ReflectionPatch, ReflectionView};

use crate::kit::{
    self, Ctx, Done, Fields, HtmlForm, Nav, PathId, Shown, TextForm, redirect_or, render, send_text,
};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "roots/index.html")]
struct RootsPage {
    nav: Nav,
    shown: Shown,
    origins: Vec<(Origin, Option<String>)>,
    saved_at: Option<Stamp>,
    /// The saved version the form was filled from (0: none yet), sent back with a save.
    version: i64,
    /// When a save met a newer version saved elsewhere: that version, shown beside what was typed.
    theirs: Option<Vec<(&'static str, String)>>,
    typed: Typed,
    mine: Vec<ReflectionView>,
    shared_with_me: Vec<ReflectionView>,
    /// The next page of the journal, when there is one.
    older: Option<String>,
}

/// What the person typed, shown again when something was refused.
#[derive(Default)]
struct Typed {
    origins: Option<Vec<OriginNote>>,
    prompt: String,
    text: String,
    /// Words back on a partner's reflection.
    words: kit::Typed,
}

async fn page(cx: &Ctx, shown: Shown, typed: Typed) -> Result<Response, AppError> {
    page_at(cx, shown, typed, Page::first(roots::PAGE)).await
}

async fn page_at(cx: &Ctx, shown: Shown, typed: Typed, at: Page) -> Result<Response, AppError> {
    let saved = roots::checklist(&cx.actor).await?;
    // Each origin with its note: as typed when refused, else as saved.
    let note = |o: Origin| match &typed.origins {
        Some(t) => t.iter().find(|n| n.origin == o).map(|n| n.note.clone()),
        None => saved
            .as_ref()
            .and_then(|c| c.body.note(o).map(str::to_string)),
    };
    let origins = Origin::ALL.into_iter().map(|o| (o, note(o))).collect();
    let clashed = shown.status == axum::http::StatusCode::CONFLICT && typed.origins.is_some();
    let theirs = saved.as_ref().filter(|_| clashed).map(|c| {
        let notes = c.body.origins.iter();
        notes.map(|n| (n.origin.label(), n.note.clone())).collect()
    });
    let listed = roots::reflections(&cx.actor, at).await?;
    let older = kit::older("/roots", listed.next.as_deref());
    let (mine, shared_with_me) = listed.items.into_iter().partition(|i| i.mine);
    let page = RootsPage {
        older,
        nav: cx.nav_for(&roots::STEP).await,
        origins,
        version: roots::seen_version(saved.as_ref()),
        theirs,
        saved_at: saved.map(|c| cx.actor.stamp(c.updated_at)),
        typed,
        mine,
        shared_with_me,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

const NOTICES: &[(&str, &str)] = &[
    ("checklist", "Your checklist is saved. Only you can see it."),
    ("reflection", "Your reflection is saved."),
    (
        "shared",
        "Shared. You can make it private again at any time.",
    ),
    ("private", "It's private again. Only you can see it."),
    ("deleted", "That reflection is deleted."),
    (
        "acknowledged",
        "Your words are sent. Only the two of you can see them.",
    ),
];

async fn roots_page(
    cx: Ctx,
    Query(done): Query<Done>,
    paging: kit::Paging,
) -> Result<Response, AppError> {
    let at = paging.page(roots::PAGE)?;
    page_at(&cx, done.shown(NOTICES), Typed::default(), at).await
}

/// Reads the checklist form: `origin=<name>` for each ticked box and `note_<name>` per note.
fn checklist_from_form(fields: &Fields) -> Result<Vec<OriginNote>, AppError> {
    let ticked = fields.all("origin", "listed origins", Origin::parse)?;
    let noted = |origin: Origin| OriginNote {
        origin,
        note: fields.get(&format!("note_{}", origin.as_str())).to_string(),
    };
    Ok(ticked.into_iter().map(noted).collect())
}

async fn save_checklist(cx: Ctx, HtmlForm(fields): HtmlForm<Fields>) -> Result<Response, AppError> {
    let items = checklist_from_form(&fields)?;
    // The version the form was filled from: a save never silently replaces a newer one.
    let version = fields.get("version").parse::<i64>().map_err(|_| {
        AppError::BadRequest(
            "This form is missing what it was filled from. Please reload the page and try again."
                .into(),
        )
    })?;
    let body = ChecklistBody {
        origins: items.clone(),
        version: Some(version),
    };
    let saved = roots::save_checklist(&cx.actor, body).await;
    let typed = Typed {
        origins: Some(items),
        ..Typed::default()
    };
    redirect_or(
        saved,
        |_| "/roots?done=checklist".into(),
        |e| page(&cx, Shown::refused(e), typed),
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

async fn add_reflection(
    cx: Ctx,
    HtmlForm(form): HtmlForm<ReflectionForm>,
) -> Result<Response, AppError> {
    // A prompt that isn't one of ours is refused, as the API refuses it; it never becomes "free".
    let refused = || AppError::BadRequest("That isn't one of the journal's questions.".into());
    let prompt = Prompt::parse(&form.prompt).ok_or_else(refused)?;
    let visibility = Some(if form.share.is_some() {
        Visibility::Shared
    } else {
        Visibility::Private
    });
    let new = NewReflection {
        prompt: Some(prompt),
        text: form.text.clone(),
        visibility,
    };
    let added = roots::add_reflection(&cx.actor, &new).await;
    let typed = Typed {
        prompt: form.prompt,
        text: form.text,
        ..Typed::default()
    };
    let again = |e| page(&cx, Shown::refused(e), typed);
    redirect_or(added, |_| "/roots?done=reflection#journal".into(), again).await
}

/// A few words back on a reflection the partner shared; "Check my words" first if wished.
async fn acknowledge(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<TextForm>,
) -> Result<Response, AppError> {
    let send = async |text: &str| {
        let sent = roots::acknowledge(&cx.actor, id, text).await;
        sent.map(|_| "/roots?done=acknowledged#shared".to_string())
            .map_err(AppError::from)
    };
    let page = |shown, words| {
        let typed = Typed {
            words,
            ..Typed::default()
        };
        page(&cx, shown, typed)
    };
    send_text(&cx, Some(id), ["", "ack"], form, send, page).await
}

/// Shares an entry (`Some(Shared)`), makes it private again, or deletes it (`None`); then back
/// to the journal.
async fn change(cx: Ctx, id: RecordId, to: Option<Visibility>) -> Result<Response, AppError> {
    let done = match to {
        Some(v) => {
            let patch = ReflectionPatch {
                text: None,
                visibility: Some(v),
            };
            roots::edit_reflection(&cx.actor, id, patch).await?;
            if v == Visibility::Shared {
                "shared"
            } else {
                "private"
            }
        }
        None => {
            roots::delete_reflection(&cx.actor, id).await?;
            "deleted"
        }
    };
    Ok(Redirect::to(&format!("/roots?done={done}#journal")).into_response())
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    let change = |to| post(move |cx: Ctx, PathId(id): PathId| change(cx, id, to));
    Router::new()
        .route("/roots", get(roots_page))
        .route("/roots/checklist", post(save_checklist))
        .route("/roots/reflections", post(add_reflection))
        .route(
            "/roots/reflections/{id}/share",
            change(Some(Visibility::Shared)),
        )
        .route(
            "/roots/reflections/{id}/unshare",
            change(Some(Visibility::Private)),
        )
        .route("/roots/reflections/{id}/delete", change(None))
        .route("/roots/reflections/{id}/acknowledge", post(acknowledge))
}
