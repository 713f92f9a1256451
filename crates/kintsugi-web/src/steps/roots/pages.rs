//! The roots pages.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kintsugi_domain::roots::{NOTE_MAX, Origin, OriginNote, Prompt, REFLECTION_MAX};
use kintsugi_domain::{RecordId, Visibility};
use serde::Deserialize;

use kintsugi_app::Stamp;
use kintsugi_app::roots::{self, ChecklistBody, NewReflection, ReflectionPatch, ReflectionView};

use crate::kit::{Ctx, Done, HtmlForm, Nav, PathId, Shown, redirect_or, render};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "roots/index.html")]
struct RootsPage {
    nav: Nav,
    shown: Shown,
    partner: Option<String>,
    origins: Vec<(Origin, Option<String>)>,
    saved_at: Option<Stamp>,
    /// The saved version the form was filled from (0: none yet), sent back with a save.
    version: i64,
    /// When a save met a newer version saved elsewhere: that version, shown beside what was typed.
    theirs: Option<Vec<(&'static str, String)>>,
    prompts: [Prompt; 5],
    typed: Typed,
    mine: Vec<ReflectionView>,
    shared_with_me: Vec<ReflectionView>,
    note_max: usize,
    reflection_max: usize,
    ack_max: usize,
}

/// What the person typed, shown again when something was refused.
#[derive(Default)]
struct Typed {
    origins: Option<Vec<OriginNote>>,
    prompt: String,
    text: String,
    /// Words back on a partner's reflection: its id and the words.
    ack: Option<(String, String)>,
}

impl RootsPage {
    /// What was typed as words back on the reflection `id`.
    fn ack_typed(&self, id: &str) -> &str {
        match &self.typed.ack {
            Some((r, text)) if r == id => text,
            _ => "",
        }
    }
}

async fn page(cx: &Ctx, shown: Shown, typed: Typed) -> Result<Response, AppError> {
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
    let all = roots::reflections(&cx.actor).await?;
    let (mine, shared_with_me) = all.into_iter().partition(|i| i.mine);
    let page = RootsPage {
        nav: cx.nav_for(&kintsugi_app::roots::STEP).await,
        partner: cx.paired().then(|| cx.partner()),
        origins,
        version: roots::seen_version(saved.as_ref()),
        theirs,
        saved_at: saved.map(|c| cx.actor.stamp(c.updated_at)),
        prompts: Prompt::ALL,
        typed,
        mine,
        shared_with_me,
        note_max: NOTE_MAX,
        reflection_max: REFLECTION_MAX,
        ack_max: kintsugi_domain::roots::ACKNOWLEDGEMENT_MAX,
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

async fn roots_page(cx: Ctx, Query(done): Query<Done>) -> Result<Response, AppError> {
    page(&cx, Shown::notice(done.notice(NOTICES)), Typed::default()).await
}

/// Reads the checklist form: `origin=<name>` for each ticked box and `note_<name>` per note.
fn checklist_from_form(fields: &[(String, String)]) -> Result<Vec<OriginNote>, AppError> {
    let note = |o: Origin| {
        fields
            .iter()
            .find(|(k, _)| k.strip_prefix("note_") == Some(o.as_str()))
    };
    let origin = |v: &str| {
        let refused = || AppError::BadRequest("That isn't one of the listed origins.".into());
        Origin::parse(v).ok_or_else(refused)
    };
    let ticked = fields.iter().filter(|(k, _)| k == "origin");
    ticked
        .map(|(_, v)| {
            let origin = origin(v)?;
            let note = note(origin).map(|(_, n)| n.clone()).unwrap_or_default();
            Ok(OriginNote { origin, note })
        })
        .collect()
}

async fn save_checklist(
    cx: Ctx,
    HtmlForm(fields): HtmlForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let items = checklist_from_form(&fields)?;
    // The version the form was filled from: a save never silently replaces a newer one.
    let version = fields
        .iter()
        .find(|(k, _)| k == "version")
        .and_then(|(_, v)| v.parse::<i64>().ok())
        .ok_or_else(|| {
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

#[derive(Deserialize)]
struct AckForm {
    text: String,
    /// `check` reads the words with the coach and sends nothing.
    #[serde(default)]
    action: String,
}

/// A few words back on a reflection the partner shared; "Check my words" first if wished.
async fn acknowledge(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<AckForm>,
) -> Result<Response, AppError> {
    let typed = Typed {
        ack: Some((id.to_string(), form.text.clone())),
        ..Typed::default()
    };
    if form.action == "check" {
        let field = format!("ack-{id}");
        let shown = Shown::checked_field(&cx, kintsugi_coach::Kind::Message, &form.text, field);
        return page(&cx, shown, typed).await;
    }
    let sent = roots::acknowledge(&cx.actor, id, &form.text).await;
    let again = |e| page(&cx, Shown::refused(e), typed);
    redirect_or(sent, |_| "/roots?done=acknowledged#shared".into(), again).await
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
