//! The program and each step's guide, from the registry: one route for every guide, which
//! finds the step by its slug and renders the step's own guide template.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
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
    steps: &'static [WebStep],
}

async fn program(State(state): State<AppState>, Me(me): Me) -> Response {
    render(
        StatusCode::OK,
        &ProgramPage {
            nav: Nav::new(&state, Some(&me), "program"),
            steps: crate::steps::WEB,
        },
    )
}

/// A step's guide. Guide pages are open to everyone: a person may want to read before signing
/// up.
async fn guide(
    State(state): State<AppState>,
    MaybeCurrent(me): MaybeCurrent,
    Path(slug): Path<String>,
) -> Response {
    let Some(web) = crate::steps::by_slug(&slug) else {
        return crate::pages::not_found(State(state), MaybeCurrent(me)).await;
    };
    let mut nav = Nav::new(&state, me.as_ref(), "program");
    nav.step = Some(web.step);
    (web.guide)(nav, web.step)
}

/// The routes of these pages.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/program", get(program))
        .route("/guide/{slug}", get(guide))
}
