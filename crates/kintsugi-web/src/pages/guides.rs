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
use crate::pages::questions::{QUESTIONS, Question};

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

#[derive(Template)]
#[template(path = "guide/index.html")]
struct GuidePage {
    nav: Nav,
    steps: &'static [WebStep],
    questions: &'static [Question],
    /// The search, when one was asked: what was asked and what was found.
    search: Option<(String, Vec<Found>)>,
}

/// A page of the guide a search found, with the words around the first match.
struct Found {
    title: String,
    href: String,
    around: String,
}

/// The guide: every step's guide, the questions people ask, and a search over both (without
/// JavaScript: `?q=` on this page). Open to everyone.
async fn index(
    State(state): State<AppState>,
    MaybeCurrent(me): MaybeCurrent,
    axum::extract::Query(q): axum::extract::Query<Search>,
) -> Response {
    let search = q.q.map(|asked| {
        let asked: String = asked.trim().chars().take(100).collect();
        let found = find(&asked);
        (asked, found)
    });
    render(
        StatusCode::OK,
        &GuidePage {
            nav: Nav::new(&state, me.as_ref(), "program"),
            steps: crate::steps::WEB,
            questions: QUESTIONS,
            search,
        },
    )
}

#[derive(serde::Deserialize)]
struct Search {
    q: Option<String>,
}

/// The pages whose words hold every word asked (case aside), steps first, then questions.
fn find(asked: &str) -> Vec<Found> {
    let words: Vec<String> = asked
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| w.len() > 1)
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut pages: Vec<(String, String, String)> = crate::steps::WEB
        .iter()
        .map(|w| (plain_text(&w.title()), w.guide_path(), (w.text)()))
        .collect();
    pages.extend(QUESTIONS.iter().map(|q| {
        let href = format!("/guide/questions#{}", q.slug);
        (q.question.to_string(), href, q.answer.join(" "))
    }));
    pages
        .into_iter()
        .filter_map(|(title, href, text)| {
            let lower = format!("{} {}", title, text).to_lowercase();
            if !words.iter().all(|w| lower.contains(w.as_str())) {
                return None;
            }
            let around = around(&text, &words[0]);
            Some(Found {
                title,
                href,
                around,
            })
        })
        .collect()
}

/// About twenty words of `text` around the first place `word` stands.
fn around(text: &str, word: &str) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    let at = all
        .iter()
        .position(|w| w.to_lowercase().contains(word))
        .unwrap_or(0);
    let start = at.saturating_sub(8);
    let end = (at + 14).min(all.len());
    let mut s = all[start..end].join(" ");
    if start > 0 {
        s.insert_str(0, "… ");
    }
    if end < all.len() {
        s.push_str(" …");
    }
    s
}

#[derive(Template)]
#[template(path = "guide/questions.html")]
struct QuestionsPage {
    nav: Nav,
    questions: &'static [Question],
}

/// Answers to the questions people ask about trust.
async fn questions(State(state): State<AppState>, MaybeCurrent(me): MaybeCurrent) -> Response {
    let page = QuestionsPage {
        nav: Nav::new(&state, me.as_ref(), "program"),
        questions: QUESTIONS,
    };
    render(StatusCode::OK, &page)
}

/// The routes of these pages.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/program", get(program))
        .route("/guide", get(index))
        .route("/guide/questions", get(questions))
        .route("/guide/{slug}", get(guide))
}
