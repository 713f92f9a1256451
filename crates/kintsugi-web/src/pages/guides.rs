//! The program and each step's guide.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use crate::AppState;
use crate::accounts::MaybeCurrent;
use crate::kit::*;

#[derive(Template)]
#[template(path = "program.html")]
struct ProgramPage {
    nav: Nav,
    steps: &'static [kintsugi_app::steps::Step],
}

async fn program(State(state): State<AppState>, Me(me): Me) -> Response {
    render(
        StatusCode::OK,
        &ProgramPage {
            nav: Nav::new(&state, Some(&me), "program"),
            steps: kintsugi_app::steps::STEPS,
        },
    )
}

#[derive(Template)]
#[template(path = "guide/roots.html")]
struct GuideRoots {
    nav: Nav,
}

/// Guide pages are open to everyone: a person may want to read before signing up.
async fn guide_roots(State(state): State<AppState>, MaybeCurrent(me): MaybeCurrent) -> Response {
    render(
        StatusCode::OK,
        &GuideRoots {
            nav: Nav::new(&state, me.as_ref(), "program"),
        },
    )
}

#[derive(Template)]
#[template(path = "guide/talk.html")]
struct GuideTalk {
    nav: Nav,
    rules: [&'static str; 4],
}

async fn guide_talk(State(state): State<AppState>, MaybeCurrent(me): MaybeCurrent) -> Response {
    render(
        StatusCode::OK,
        &GuideTalk {
            nav: Nav::new(&state, me.as_ref(), "program"),
            rules: kintsugi_domain::talk::GROUND_RULES,
        },
    )
}

#[derive(Template)]
#[template(path = "guide/apology.html")]
struct GuideApology {
    nav: Nav,
}

async fn guide_apology(State(state): State<AppState>, MaybeCurrent(me): MaybeCurrent) -> Response {
    render(
        StatusCode::OK,
        &GuideApology {
            nav: Nav::new(&state, me.as_ref(), "program"),
        },
    )
}

#[derive(Template)]
#[template(path = "guide/agreements.html")]
struct GuideAgreements {
    nav: Nav,
}

async fn guide_agreements(
    State(state): State<AppState>,
    MaybeCurrent(me): MaybeCurrent,
) -> Response {
    let nav = Nav::new(&state, me.as_ref(), "program");
    render(StatusCode::OK, &GuideAgreements { nav })
}

#[derive(Template)]
#[template(path = "guide/promises.html")]
struct GuidePromises {
    nav: Nav,
}

async fn guide_promises(State(state): State<AppState>, MaybeCurrent(me): MaybeCurrent) -> Response {
    let nav = Nav::new(&state, me.as_ref(), "program");
    render(StatusCode::OK, &GuidePromises { nav })
}

#[derive(Template)]
#[template(path = "guide/triggers.html")]
struct GuideTriggers {
    nav: Nav,
}

async fn guide_triggers(State(state): State<AppState>, MaybeCurrent(me): MaybeCurrent) -> Response {
    let nav = Nav::new(&state, me.as_ref(), "program");
    render(StatusCode::OK, &GuideTriggers { nav })
}

/// The routes of these pages.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/program", get(program))
        .route("/guide/roots", get(guide_roots))
        .route("/guide/talk", get(guide_talk))
        .route("/guide/apology", get(guide_apology))
        .route("/guide/agreements", get(guide_agreements))
        .route("/guide/promises", get(guide_promises))
        .route("/guide/triggers", get(guide_triggers))
}
