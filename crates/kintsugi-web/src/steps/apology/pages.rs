//! The apology pages.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::{IntoResponse, Response as HttpResponse};
use axum::routing::{get, post};
use kintsugi_domain::RecordId;
use kintsugi_domain::apology::{Answer, PART_MAX, TEXT_MAX, VALUE_MAX};
use serde::Deserialize;

use kintsugi_app::apology::{self, ApologyParts, ApologyView, NewApology, NewPromise, NewResponse};

use crate::kit::{Ctx, Done, HtmlForm, Nav, PathId, Shown, redirect_or, render};
use crate::{AppError, AppState};

/// The write form: a new apology, and which button was pressed (check, draft or deliver).
#[derive(Default, Deserialize)]
struct Typed {
    #[serde(flatten)]
    new: NewApology,
    #[serde(default)]
    action: String,
}

#[derive(Template)]
#[template(path = "apology/index.html")]
struct IndexPage {
    nav: Nav,
    shown: Shown,
    paired: bool,
    partner: String,
    mine: Vec<ApologyView>,
    to_me: Vec<ApologyView>,
    typed: Typed,
    part_max: usize,
    value_max: usize,
}

async fn index(cx: &Ctx, shown: Shown, typed: Typed) -> Result<HttpResponse, AppError> {
    let all = apology::apologies(&cx.actor).await?;
    let (mine, to_me) = all.into_iter().partition(|a| a.mine);
    let page = IndexPage {
        nav: cx.nav_for(&kintsugi_app::apology::STEP).await,
        paired: cx.paired(),
        partner: cx.partner(),
        mine,
        to_me,
        typed,
        part_max: PART_MAX,
        value_max: VALUE_MAX,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

async fn index_page(cx: Ctx) -> Result<HttpResponse, AppError> {
    index(&cx, Shown::default(), Typed::default()).await
}

async fn write(cx: Ctx, HtmlForm(form): HtmlForm<Typed>) -> Result<HttpResponse, AppError> {
    if form.action == "check" {
        let shown = Shown::checked_apology(&cx, form.new.parts.fields());
        return index(&cx, shown, form).await;
    }
    // A page never delivers in one step: "Review and deliver" saves the draft and shows the
    // final text with the button that sends exactly that.
    let mut form = form;
    form.new.deliver = false;
    let review = form.action == "review";
    let written = apology::write(&cx.actor, &form.new).await;
    let to = move |id| match review {
        true => format!("/apologies/{id}/review"),
        false => format!("/apologies/{id}?done=saved"),
    };
    let again = |e| index(&cx, Shown::refused(e), form);
    redirect_or(written, to, again).await
}

/// The draft form on an apology's page: its parts, and whether to save or go on to review.
#[derive(Deserialize)]
struct EditForm {
    #[serde(flatten)]
    parts: ApologyParts,
    #[serde(default)]
    action: String,
}

/// Saves the draft as it is on screen (unsaved edits included); "Review and deliver" then shows
/// it for a last read.
async fn edit(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<EditForm>,
) -> Result<HttpResponse, AppError> {
    if form.action == "check" {
        let shown = Shown::checked_apology(&cx, form.parts.fields());
        return show_typed(&cx, id, shown, Some(form.parts), String::new()).await;
    }
    let result = apology::edit_draft(&cx.actor, id, &form.parts).await;
    let to = |_| match form.action.as_str() {
        "review" => format!("/apologies/{id}/review"),
        _ => format!("/apologies/{id}?done=saved"),
    };
    let again = |e| {
        show_typed(
            &cx,
            id,
            Shown::refused(e),
            Some(form.parts.clone()),
            String::new(),
        )
    };
    redirect_or(result, to, again).await
}

#[derive(Template)]
#[template(path = "apology/review.html")]
struct ReviewPage {
    nav: Nav,
    a: ApologyView,
}

/// The last read before delivering: the final text, and a button that sends that version.
async fn review(cx: Ctx, PathId(id): PathId) -> Result<HttpResponse, AppError> {
    let a = apology::apology(&cx.actor, id).await?;
    if !a.mine || a.delivered_at.is_some() || !cx.paired() {
        return Ok(axum::response::Redirect::to(&format!("/apologies/{id}")).into_response());
    }
    let page = ReviewPage {
        nav: cx.nav_for(&kintsugi_app::apology::STEP).await,
        a,
    };
    Ok(render(axum::http::StatusCode::OK, &page))
}

/// An answer to an apology, or "Check my words" on it (which needs no choice yet).
#[derive(Deserialize)]
struct RespondForm {
    #[serde(default)]
    answer: Option<Answer>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    action: String,
}

/// Answers an apology; "Check my words" reads the words with the coach and sends nothing.
async fn respond(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<RespondForm>,
) -> Result<HttpResponse, AppError> {
    if form.action == "check" {
        let shown = Shown::checked(&cx, kintsugi_coach::Kind::Message, &form.text);
        return show_typed(&cx, id, shown, None, form.text).await;
    }
    let Some(answer) = form.answer else {
        let none = AppError::BadRequest("Please choose one of the answers first.".into());
        return show_typed(&cx, id, Shown::refused(none), None, form.text).await;
    };
    let r = NewResponse {
        answer,
        text: form.text.clone(),
    };
    let result = apology::respond(&cx.actor, id, &r).await;
    let again = |e| show_typed(&cx, id, Shown::refused(e), None, form.text);
    redirect_or(result, |_| format!("/apologies/{id}?done=answered"), again).await
}

/// Delivering from the review page names the version that was on it.
#[derive(Deserialize)]
struct Reviewed {
    version: i64,
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
    paired: bool,
    answers: [Answer; 3],
    part_max: usize,
    text_max: usize,
}

async fn show(cx: &Ctx, id: RecordId, shown: Shown) -> Result<HttpResponse, AppError> {
    show_typed(cx, id, shown, None, String::new()).await
}

async fn show_typed(
    cx: &Ctx,
    id: RecordId,
    shown: Shown,
    typed: Option<ApologyParts>,
    said: String,
) -> Result<HttpResponse, AppError> {
    let a = apology::apology(&cx.actor, id).await?;
    let page = ShowPage {
        typed,
        said,
        nav: cx.nav_for(&kintsugi_app::apology::STEP).await,
        paired: cx.paired() && !a.closed,
        answers: Answer::ALL,
        part_max: PART_MAX,
        text_max: TEXT_MAX,
        a,
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
) -> Result<HttpResponse, AppError> {
    show(&cx, id, Shown::notice(done.notice(NOTICES))).await
}

/// What the forms on an apology's page do.
enum Change {
    Deliver(i64),
    Promise(NewPromise),
}

impl Change {
    /// What the page says afterwards (`?done=`).
    fn done(&self) -> &'static str {
        match self {
            Change::Deliver(_) => "delivered",
            Change::Promise(_) => "promised",
        }
    }

    async fn apply(self, cx: &Ctx, id: RecordId) -> Result<(), AppError> {
        match self {
            Change::Deliver(v) => apology::deliver(&cx.actor, id, Some(v)).await?,
            Change::Promise(p) => drop(apology::promise(&cx.actor, id, &p).await?),
        }
        Ok(())
    }
}

/// Applies a change; then back to the page with a notice, or the page again with why it was
/// refused.
async fn change(cx: Ctx, id: RecordId, change: Change) -> Result<HttpResponse, AppError> {
    let done = change.done();
    let result = change.apply(&cx, id).await;
    let again = |e| show(&cx, id, Shown::refused(e));
    redirect_or(result, |_| format!("/apologies/{id}?done={done}"), again).await
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    let deliver = |cx, PathId(id), HtmlForm(r): HtmlForm<Reviewed>| {
        change(cx, id, Change::Deliver(r.version))
    };
    let promise = |cx, PathId(id), HtmlForm(f)| change(cx, id, Change::Promise(f));
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
