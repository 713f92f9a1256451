//! The questions thread's pages: difficult questions, and answers whose every version stays.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::{get, post};
use kintsugi_domain::RecordId;

use kintsugi_app::apology::{self, QuestionView};

use crate::kit::{
    Ctx, Done, HtmlForm, Nav, Paging, PathId, Shown, TextForm, Typed, older, render, send_text,
};
use crate::{AppError, AppState};
use kintsugi_app::records::Page;

#[derive(Template)]
#[template(path = "apology/questions.html")]
struct QuestionsPage {
    nav: Nav,
    shown: Shown,
    questions: Vec<QuestionView>,
    typed: Typed,
    /// The next page, when there is one.
    older: Option<String>,
}

async fn page(cx: &Ctx, shown: Shown, typed: Typed) -> Result<Response, AppError> {
    page_at(cx, shown, typed, Page::first(apology::PAGE)).await
}

async fn page_at(cx: &Ctx, shown: Shown, typed: Typed, at: Page) -> Result<Response, AppError> {
    let listed = apology::read_questions(&cx.actor, at).await?;
    let page = QuestionsPage {
        older: older("/questions", listed.next.as_deref()),
        questions: listed.items,
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
    let index = |cx: Ctx, Query(done): Query<Done>, paging: Paging| async move {
        let at = paging.page(apology::PAGE)?;
        page_at(&cx, done.shown(NOTICES), Typed::default(), at).await
    };
    let ask = |cx, HtmlForm(f): HtmlForm<TextForm>| write(cx, None, f);
    let answer = |cx, PathId(id), HtmlForm(f): HtmlForm<TextForm>| write(cx, Some(id), f);
    Router::new()
        .route("/questions", get(index).post(ask))
        .route("/questions/{id}/answer", post(answer))
}
