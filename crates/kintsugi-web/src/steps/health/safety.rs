//! The safety check on the web: the questions, the reading at once (the safety page first when
//! the answers suggest danger), what was kept and its erasing. Its routes are not named in
//! logs and send no live ping (`UNLOGGED`).

use std::collections::HashMap;

use askama::Template;
use axum::Json;
use axum::Router;
use axum::extract::Query;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kintsugi_domain::safety::{Ask, HowOften, Priority};
use utoipa_axum::routes;

use kintsugi_app::health::safety::{self, AskView, NewSafetyCheck, SafetyReading};

use crate::kit::{
    Act, Answer, ApiJson, ApiRouter, Ctx, Done, Fields, HtmlForm, Nav, Shown, render,
};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "health/safety.html")]
struct SafetyPage {
    nav: Nav,
    shown: Shown,
    questions: Vec<AskView>,
    /// The reading just given, or the one kept.
    reading: Option<SafetyReading>,
    typed: Fields,
}

async fn page(
    cx: &Ctx,
    shown: Shown,
    reading: Option<SafetyReading>,
    typed: Fields,
) -> Result<Response, AppError> {
    let reading = match reading {
        Some(r) => Some(r),
        None => safety::kept(&cx.actor).await?,
    };
    let page = SafetyPage {
        nav: cx.nav_for(&kintsugi_app::health::STEP).await,
        questions: safety::questions(),
        shown,
        reading,
        typed,
    };
    Ok(render(page.shown.status, &page))
}

const NOTICES: &[(&str, &str)] = &[("erased", "Erased. Nothing of the safety check is kept.")];

async fn show(cx: Ctx, Query(done): Query<Done>) -> Result<Response, AppError> {
    page(&cx, done.shown(NOTICES), None, Fields::default()).await
}

/// The form's answers: unknown choices are refused, never guessed.
fn check(f: &Fields) -> Result<NewSafetyCheck, AppError> {
    let mut answers = HashMap::new();
    for ask in Ask::ALL {
        if let Some(o) = HowOften::parse(f.get(ask.as_str())) {
            answers.insert(*ask, o);
        }
    }
    Ok(NewSafetyCheck {
        answers,
        priorities: f.all("priority", "priorities", Priority::parse)?,
        keep: f.has("keep", "yes"),
    })
}

/// The reading is the answer to the form itself (never a redirect that would carry it, and
/// nothing kept unless asked).
async fn take(cx: Ctx, HtmlForm(typed): HtmlForm<Fields>) -> Result<Response, AppError> {
    let new = check(&typed)?;
    match safety::take(&cx.actor, &new).await {
        Ok(reading) => page(&cx, Shown::default(), Some(reading), Fields::default()).await,
        Err(e) => page(&cx, Shown::refused(e.into()), None, typed).await,
    }
}

async fn erase(cx: Ctx) -> Result<Response, AppError> {
    safety::erase(&cx.actor).await?;
    Ok(Redirect::to("/safety?done=erased").into_response())
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .route("/safety", get(show).post(take))
        .route("/safety/erase", post(erase))
}

/// The questions and what you kept, if anything.
#[derive(serde::Serialize, utoipa::ToSchema)]
struct SafetyCheckView {
    /// The questions, each with its choices from least to most worrying.
    questions: Vec<AskView>,
    /// What you kept (only if you chose to keep it).
    kept: Option<SafetyReading>,
}

/// The safety check's questions, and what you kept, if anything (only ever yours).
#[utoipa::path(get, path = "/safety-check", responses((status = 200, body = SafetyCheckView)))]
async fn questions(Act(actor): Act) -> Answer<SafetyCheckView> {
    Ok(Json(SafetyCheckView {
        questions: safety::questions(),
        kept: safety::kept(&actor).await?,
    }))
}

/// Takes the check and answers the reading; keeps it, sealed for you alone, only with
/// `"keep": true`.
#[utoipa::path(post, path = "/safety-check", request_body = NewSafetyCheck,
    responses((status = 200, body = SafetyReading)))]
async fn take_api(
    Act(actor): Act,
    ApiJson(body): ApiJson<NewSafetyCheck>,
) -> Answer<SafetyReading> {
    Ok(Json(safety::take(&actor, &body).await?))
}

/// Erases what you kept of the safety check.
#[utoipa::path(delete, path = "/safety-check", responses((status = 204)))]
async fn erase_api(Act(actor): Act) -> Result<axum::http::StatusCode, AppError> {
    safety::erase(&actor).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// The API routes (nested under /api/v1).
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new().routes(routes!(questions, take_api, erase_api))
}
