//! The questions thread's pages: difficult questions, and answers whose every version stays.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::{get, post};
use kintsugi_coach::Kind;
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
    /// An answer typed and checked (or refused): its question's id and the words.
    typed: Option<(String, String)>,
    text_max: usize,
}

impl QuestionsPage {
    /// The label of the answer field under a question.
    fn answer_label(&self, q: &QuestionView) -> &'static str {
        if q.answers.is_empty() {
            "Your answer"
        } else {
            "Add to your answer (the earlier version stays visible)"
        }
    }

    /// What was typed into the answer to `id`, kept when checked or refused.
    fn typed_for(&self, id: &str) -> &str {
        match &self.typed {
            Some((q, text)) if q == id => text,
            _ => "",
        }
    }
}

async fn page(cx: &Ctx, shown: Shown, draft: String) -> Result<Response, AppError> {
    answering(cx, shown, draft, None).await
}

async fn answering(
    cx: &Ctx,
    shown: Shown,
    draft: String,
    typed: Option<(String, String)>,
) -> Result<Response, AppError> {
    let page = QuestionsPage {
        typed,
        questions: apology::read_questions(&cx.actor).await?,
        nav: cx.nav_for(&kintsugi_app::apology::STEP).await,
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
    /// `check` reads the words with the coach and sends nothing.
    #[serde(default)]
    action: String,
}

/// Asks a question (no id) or answers one; what was typed is kept when checked or refused.
async fn write(cx: Ctx, id: Option<RecordId>, form: TextForm) -> Result<Response, AppError> {
    let text = form.text;
    if form.action == "check" {
        return match id {
            None => page(&cx, Shown::checked(&cx, Kind::Message, &text), text).await,
            Some(id) => {
                let field = format!("answer-{id}");
                let shown = Shown::checked_field(&cx, Kind::Message, &text, field);
                answering(&cx, shown, String::new(), Some((id.to_string(), text))).await
            }
        };
    }
    let done = match id {
        None => apology::ask(&cx.actor, &text).await.map(|_| "asked"),
        Some(id) => apology::answer(&cx.actor, id, &text)
            .await
            .map(|()| "answered"),
    };
    let typed = id.map(|id| (id.to_string(), text.clone()));
    let draft = if id.is_none() { text } else { String::new() };
    let again = |e| answering(&cx, Shown::refused(e), draft, typed);
    redirect_or(done, |done| format!("/questions?done={done}"), again).await
}

/// The questions pages.
pub(crate) fn pages() -> Router<AppState> {
    let ask = |cx, HtmlForm(f): HtmlForm<TextForm>| write(cx, None, f);
    let answer = |cx, PathId(id), HtmlForm(f): HtmlForm<TextForm>| write(cx, Some(id), f);
    Router::new()
        .route("/questions", get(index).post(ask))
        .route("/questions/{id}/answer", post(answer))
}
