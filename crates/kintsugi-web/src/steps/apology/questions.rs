//! The questions thread's pages: difficult questions, and answers whose every version stays.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::{get, post};
use kintsugi_domain::RecordId;

use kintsugi_app::apology::{self, QuestionView};

use crate::kit::{Ctx, Done, HtmlForm, Nav, PathId, Shown, TextForm, Typed, render, send_text};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "apology/questions.html")]
struct QuestionsPage {
    nav: Nav,
    shown: Shown,
    questions: Vec<QuestionView>,
    typed: Typed,
}

async fn page(cx: &Ctx, shown: Shown, typed: Typed) -> Result<Response, AppError> {
    let page = QuestionsPage {
        questions: apology::read_questions(&cx.actor).await?,
        nav: cx.nav_for(&apology::STEP).await,
        typed,
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

/// Asks a question (no id) or answers one.
async fn write(cx: Ctx, id: Option<RecordId>, form: TextForm) -> Result<Response, AppError> {
    let send = async |text: &str| {
        match id {
            None => apology::ask(&cx.actor, text).await.map(|_| "asked"),
            Some(id) => apology::answer(&cx.actor, id, text)
                .await
                .map(|_| "answered"),
        }
        .map(|done| format!("/questions?done={done}"))
        .map_err(AppError::from)
    };
    send_text(
        &cx,
        id,
        ["question", "answer"],
        form,
        send,
        |shown, typed| page(&cx, shown, typed),
    )
    .await
}

/// The questions pages.
pub(crate) fn pages() -> Router<AppState> {
    let index = |cx: Ctx, Query(done): Query<Done>| async move {
        page(&cx, done.shown(NOTICES), Typed::default()).await
    };
    let ask = |cx, HtmlForm(f): HtmlForm<TextForm>| write(cx, None, f);
    let answer = |cx, PathId(id), HtmlForm(f): HtmlForm<TextForm>| write(cx, Some(id), f);
    Router::new()
        .route("/questions", get(index).post(ask))
        .route("/questions/{id}/answer", post(answer))
}
