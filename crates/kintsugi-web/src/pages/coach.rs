//! "Check my words": the coach on a page that works without JavaScript.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use kintsugi_coach::Kind;
use serde::Deserialize;

use crate::AppState;
use crate::kit::*;

#[derive(Template)]
#[template(path = "coach.html")]
struct CoachPage {
    nav: Nav,
    kind: &'static str,
    text: String,
    shown: Shown,
}

#[derive(Deserialize)]
struct CoachForm {
    kind: String,
    text: String,
}

async fn coach_page(State(state): State<AppState>, Me(me): Me) -> Response {
    render(
        StatusCode::OK,
        &CoachPage {
            nav: Nav::new(&state, Some(&me), "coach"),
            kind: "message",
            text: String::new(),
            shown: Shown::default(),
        },
    )
}

async fn coach(
    State(state): State<AppState>,
    Me(me): Me,
    HtmlForm(form): HtmlForm<CoachForm>,
) -> Response {
    let kind = Kind::parse(&form.kind).unwrap_or(Kind::Message);
    let kind_name = match kind {
        Kind::Message => "message",
        Kind::Apology => "apology",
        Kind::Request => "request",
    };
    let shown = match coach_for(&state, &me, kind, &form.text) {
        Ok(a) => Shown {
            analysis: Some(a),
            ..Shown::default()
        },
        Err(e) => Shown::refused(e),
    };
    let page = CoachPage {
        nav: Nav::new(&state, Some(&me), "coach"),
        kind: kind_name,
        text: form.text,
        shown,
    };
    render(page.shown.status, &page)
}

/// The routes of these pages.
pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/coach", get(coach_page).post(coach))
}
