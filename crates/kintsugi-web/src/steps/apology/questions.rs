//! The questions thread's pages: difficult questions, and answers whose every version stays.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response as HttpResponse;
use axum::routing::{get, post};
use kintsugi_domain::apology::TEXT_MAX;
use serde::Deserialize;

use kintsugi_app::apology::{answer, ask, questions};

use crate::accounts::Current;
use crate::kit::{
    Done, FieldErrors, HtmlForm, Me, Nav, PathId, date_time, redirect_or, render, split,
};
use crate::{AppError, AppState};

struct AnswerView {
    text: String,
    at: String,
    current: bool,
}

struct QuestionRow {
    id: String,
    mine: bool,
    open: bool,
    text: String,
    at: String,
    answers: Vec<AnswerView>,
}

#[derive(Template)]
#[template(path = "apology/questions.html")]
struct QuestionsPage {
    nav: Nav,
    paired: bool,
    partner: String,
    questions: Vec<QuestionRow>,
    draft: String,
    errors: FieldErrors,
    general: Option<String>,
    notice: Option<&'static str>,
    text_max: usize,
}

async fn questions_page(
    state: &AppState,
    me: &Current,
    status: StatusCode,
    draft: String,
    err: Option<AppError>,
    notice: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor(state)?;
    let rows = questions(&actor)
        .await?
        .into_iter()
        .map(|q| {
            let n = q.answers.len();
            QuestionRow {
                id: q.id.to_string(),
                mine: q.mine,
                open: !q.closed,
                text: q.text,
                at: date_time(q.created_at),
                answers: q
                    .answers
                    .into_iter()
                    .enumerate()
                    .map(|(i, a)| AnswerView {
                        text: a.body.text,
                        at: date_time(a.created_at),
                        current: i + 1 == n,
                    })
                    .collect(),
            }
        })
        .collect();
    let (errors, general) = err.as_ref().map(split).unwrap_or_default();
    Ok(render(
        status,
        &QuestionsPage {
            nav: Nav::new(state, Some(me), "program").noting(&actor),
            paired: me.couple.is_some(),
            partner: super::pages::partner_name(me),
            questions: rows,
            draft,
            errors,
            general,
            notice,
            text_max: TEXT_MAX,
        },
    ))
}

async fn questions_index(
    State(state): State<AppState>,
    Me(me): Me,
    Query(done): Query<Done>,
) -> Result<HttpResponse, AppError> {
    let notice = done.notice(&[
        ("asked", "Your question is shared."),
        (
            "answered",
            "Your answer is shared. Earlier versions stay visible too.",
        ),
    ]);
    questions_page(&state, &me, StatusCode::OK, String::new(), None, notice).await
}

#[derive(Deserialize)]
struct TextForm {
    text: String,
}

async fn ask_form(
    State(state): State<AppState>,
    Me(me): Me,
    HtmlForm(form): HtmlForm<TextForm>,
) -> Result<HttpResponse, AppError> {
    let asked = ask(&me.actor(&state)?, &form.text).await;
    redirect_or(
        asked.map_err(AppError::from),
        |_| "/questions?done=asked".into(),
        |e| questions_page(&state, &me, e.status(), form.text, Some(e), None),
    )
    .await
}

async fn answer_form(
    State(state): State<AppState>,
    Me(me): Me,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<TextForm>,
) -> Result<HttpResponse, AppError> {
    let answered = answer(&me.actor(&state)?, id, &form.text).await;
    redirect_or(
        answered.map_err(AppError::from),
        |_| "/questions?done=answered".into(),
        |e| questions_page(&state, &me, e.status(), String::new(), Some(e), None),
    )
    .await
}

/// The questions pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .route("/questions", get(questions_index).post(ask_form))
        .route("/questions/{id}/answer", post(answer_form))
}
