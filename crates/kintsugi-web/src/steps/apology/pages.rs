//! The apology pages: writing and editing a draft (one handler for both), reading it once more
//! before delivering, the apology itself with its answers, and its commitments as promises.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kintsugi_domain::RecordId;
use kintsugi_domain::apology::Answer;
use serde::Deserialize;

use kintsugi_app::apology::{self, ApologyParts, ApologyView, NewApology, NewPromise, NewResponse};

use crate::kit::{Ctx, Done, HtmlForm, Nav, Paging, PathId, Shown, older, redirect_or, render};
use crate::{AppError, AppState};
use kintsugi_app::records::Page;

/// The draft form, new or edited: its parts, its value line, and which button was pressed
/// (check, save, or review and deliver).
#[derive(Default, Deserialize)]
#[serde(default)]
struct Draft {
    #[serde(flatten)]
    new: NewApology,
    action: String,
}

#[derive(Template)]
#[template(path = "apology/index.html")]
struct IndexPage {
    nav: Nav,
    shown: Shown,
    mine: Vec<ApologyView>,
    to_me: Vec<ApologyView>,
    typed: Draft,
    /// The next page, when there is one.
    older: Option<String>,
}

async fn index(cx: &Ctx, shown: Shown, typed: Draft) -> Result<Response, AppError> {
    index_at(cx, shown, typed, Page::first(apology::PAGE)).await
}

async fn index_at(cx: &Ctx, shown: Shown, typed: Draft, at: Page) -> Result<Response, AppError> {
    let listed = apology::apologies(&cx.actor, at).await?;
    let older = older("/apologies", listed.next.as_deref());
    let (mine, to_me) = listed.items.into_iter().partition(|a| a.mine);
    let page = IndexPage {
        older,
        nav: cx.nav_for(&apology::STEP).await,
        mine,
        to_me,
        typed,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

/// Writes a new draft (no id) or saves an edited one. A page never delivers in one step:
/// "Review and deliver" saves what is on screen and shows the final text with the button that
/// sends exactly that version.
async fn save(cx: Ctx, id: Option<RecordId>, form: Draft) -> Result<Response, AppError> {
    let again = async |shown, form| match id {
        None => index(&cx, shown, form).await,
        Some(id) => show(&cx, id, shown, Some(form.new.parts), String::new()).await,
    };
    if form.action == "check" {
        let shown = Shown::checked_apology(&cx, form.new.parts.fields());
        return again(shown, form).await;
    }
    let saved = match id {
        None => {
            let draft = NewApology {
                deliver: false,
                ..form.new.clone()
            };
            apology::write(&cx.actor, &draft).await
        }
        Some(id) => apology::edit_draft(&cx.actor, id, &form.new.parts).await,
    };
    let review = form.action == "review";
    let to = move |a: ApologyView| match review {
        true => format!("/apologies/{}/review", a.id),
        false => format!("/apologies/{}?done=saved", a.id),
    };
    redirect_or(saved, to, |e| again(Shown::refused(e), form)).await
}

#[derive(Template)]
#[template(path = "apology/review.html")]
struct ReviewPage {
    nav: Nav,
    a: ApologyView,
}

/// The last read before delivering: the final text, and a button that sends that version.
async fn review(cx: Ctx, PathId(id): PathId) -> Result<Response, AppError> {
    let a = apology::apology(&cx.actor, id).await?;
    if !a.mine || a.delivered_at.is_some() || !cx.paired() {
        return Ok(Redirect::to(&format!("/apologies/{id}")).into_response());
    }
    let nav = cx.nav_for(&apology::STEP).await;
    Ok(render(axum::http::StatusCode::OK, &ReviewPage { nav, a }))
}

/// An answer to an apology, or "Check my words" on it (which needs no choice yet).
#[derive(Default, Deserialize)]
#[serde(default)]
struct RespondForm {
    answer: Option<Answer>,
    text: String,
    action: String,
}

/// Answers an apology; "Check my words" reads the words with the coach and sends nothing.
async fn respond(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<RespondForm>,
) -> Result<Response, AppError> {
    if form.action == "check" {
        let shown = Shown::checked(&cx, kintsugi_coach::Kind::Message, &form.text);
        return show(&cx, id, shown, None, form.text).await;
    }
    let none = AppError::BadRequest("Please choose one of the answers first.".into());
    let text = form.text.clone();
    let answered = match form.answer {
        Some(answer) => apology::respond(&cx.actor, id, &NewResponse { answer, text })
            .await
            .map_err(AppError::from),
        None => Err(none),
    };
    let again = |e| show(&cx, id, Shown::refused(e), None, form.text);
    redirect_or(
        answered,
        |_| format!("/apologies/{id}?done=answered"),
        again,
    )
    .await
}

#[derive(Template)]
#[template(path = "apology/show.html")]
struct ShowPage {
    nav: Nav,
    shown: Shown,
    a: ApologyView,
    /// The draft's parts as typed, when checked or refused (else the saved ones show).
    typed: Option<ApologyParts>,
    /// An answer's words as typed, when checked or refused.
    said: String,
}

async fn show(
    cx: &Ctx,
    id: RecordId,
    shown: Shown,
    typed: Option<ApologyParts>,
    said: String,
) -> Result<Response, AppError> {
    let a = apology::apology(&cx.actor, id).await?;
    let page = ShowPage {
        nav: cx.nav_for(&apology::STEP).await,
        a,
        typed,
        said,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

const NOTICES: &[(&str, &str)] = &[
    (
        "delivered",
        "Delivered. There's nothing to wait for; your partner answers when they're ready.",
    ),
    ("answered", "Your answer is shared."),
    ("promised", "It's a promise now, visible to both of you."),
    ("saved", "Your draft is saved. Only you can see it."),
];

async fn show_page(
    cx: Ctx,
    PathId(id): PathId,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    show(&cx, id, done.shown(NOTICES), None, String::new()).await
}

/// Delivering from the review page names the version that was on it.
#[derive(Deserialize)]
struct Reviewed {
    version: i64,
}

/// Delivers the version read through, or makes a commitment a promise; then back to the
/// apology with a notice, or the page again with why it was refused.
async fn deliver_or_promise(
    cx: Ctx,
    id: RecordId,
    change: Result<i64, NewPromise>,
) -> Result<Response, AppError> {
    let (result, done) = match change {
        Ok(version) => (
            apology::deliver(&cx.actor, id, Some(version)).await,
            "delivered",
        ),
        Err(p) => (apology::promise(&cx.actor, id, &p).await, "promised"),
    };
    let again = |e| show(&cx, id, Shown::refused(e), None, String::new());
    redirect_or(result, |_| format!("/apologies/{id}?done={done}"), again).await
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    let index_page = |cx: Ctx, paging: Paging| async move {
        let at = paging.page(apology::PAGE)?;
        index_at(&cx, Shown::default(), Draft::default(), at).await
    };
    let write = |cx, HtmlForm(f): HtmlForm<Draft>| save(cx, None, f);
    let edit = |cx, PathId(id), HtmlForm(f): HtmlForm<Draft>| save(cx, Some(id), f);
    let deliver =
        |cx, PathId(id), HtmlForm(r): HtmlForm<Reviewed>| deliver_or_promise(cx, id, Ok(r.version));
    let promise = |cx, PathId(id), HtmlForm(p)| deliver_or_promise(cx, id, Err(p));
    Router::new()
        .merge(super::questions::pages())
        .route("/apologies", get(index_page).post(write))
        .route("/apologies/{id}", get(show_page))
        .route("/apologies/{id}/edit", post(edit))
        .route("/apologies/{id}/review", get(review))
        .route("/apologies/{id}/deliver", post(deliver))
        .route("/apologies/{id}/respond", post(respond))
        .route("/apologies/{id}/promise", post(promise))
}
