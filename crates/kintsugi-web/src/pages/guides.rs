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

/// Guide pages that are only their words: one template each, one handler shape. Guide pages
/// are open to everyone: a person may want to read before signing up.
macro_rules! guides {
    ($($page:ident => $path:literal, $handler:ident;)+) => {$(
        #[derive(Template)]
        #[template(path = $path)]
        struct $page {
            nav: Nav,
        }

        async fn $handler(State(state): State<AppState>, MaybeCurrent(me): MaybeCurrent) -> Response {
            let nav = Nav::new(&state, me.as_ref(), "program");
            render(StatusCode::OK, &$page { nav })
        }
    )+};
}

guides! {
    GuideRoots => "guide/roots.html", guide_roots;
    GuideApology => "guide/apology.html", guide_apology;
    GuideAgreements => "guide/agreements.html", guide_agreements;
    GuidePromises => "guide/promises.html", guide_promises;
    GuideTriggers => "guide/triggers.html", guide_triggers;
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
