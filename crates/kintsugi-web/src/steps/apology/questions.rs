//! The questions thread's pages: difficult questions, and answers whose every version stays.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::{get, post};
use kintsugi_domain::RecordId;
use kintsugi_domain::apology::TEXT_MAX;
use serde::Deserialize;

use kintsugi_app::apology::{self, QuestionView};

use crate::kit::{Ctx, Done, HtmlForm, Nav, PathId, Shown, redirect_or, render};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "apology/questions.html")]
struct QuestionsPage {
    nav: Nav,
    shown: Shown,
    paired: bool,
    partner: String,
    questions: Vec<QuestionView>,
    draft: String,
    text_max: usize,
}

async fn page(cx: &Ctx, shown: Shown, draft: String) -> Result<Response, AppError> {
    let page = QuestionsPage {
        questions: apology::read_questions(&cx.actor).await?,
        nav: cx.nav("program").await,
        paired: cx.paired(),
        partner: cx.partner(),
        text_max: TEXT_MAX,
        draft,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

const NOTICES: &[(&str, &str)] = &[
    ("asked", "Your question is shared."),
    (
        "answered",
        "Your answer is shared. Earlier versions stay visible too.",
    ),
];

async fn index(cx: Ctx, Query(done): Query<Done>) -> Result<Response, AppError> {
    page(&cx, Shown::notice(done.notice(NOTICES)), String::new()).await
}

#[derive(Deserialize)]
struct TextForm {
    text: String,
}

/// Asks a question (no id) or answers one; the question's draft is kept when refused.
async fn write(cx: Ctx, id: Option<RecordId>, text: String) -> Result<Response, AppError> {
    let (done, draft) = match id {
        None => (apology::ask(&cx.actor, &text).await.map(|_| "asked"), text),
        Some(id) => (
            apology::answer(&cx.actor, id, &text)
                .await
                .map(|()| "answered"),
            String::new(),
        ),
    };
    let again = |e| page(&cx, Shown::refused(e), draft);
    redirect_or(done, |done| format!("/questions?done={done}"), again).await
}

/// The questions pages.
pub(crate) fn pages() -> Router<AppState> {
    let ask = |cx, HtmlForm(f): HtmlForm<TextForm>| write(cx, None, f.text);
    let answer = |cx, PathId(id), HtmlForm(f): HtmlForm<TextForm>| write(cx, Some(id), f.text);
    Router::new()
        .route("/questions", get(index).post(ask))
        .route("/questions/{id}/answer", post(answer))
}
