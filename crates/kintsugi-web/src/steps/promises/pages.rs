//! The promises pages.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::{get, post};
use kintsugi_coach::Kind;
use kintsugi_domain::RecordId;
use serde::Deserialize;

use kintsugi_app::promises::{self, NewMark, NewPromise, PromiseView, Reliability};

use crate::kit::{Ctx, Done, Fields, HtmlForm, Nav, PathId, Shown, redirect_or, render};
use crate::{AppError, AppState};

/// The days of the week, as the form offers them (1 = Monday).
const WEEKDAYS: [(u8, &str); 7] = [
    (1, "Mon"),
    (2, "Tue"),
    (3, "Wed"),
    (4, "Thu"),
    (5, "Fri"),
    (6, "Sat"),
    (7, "Sun"),
];

/// A new promise as typed, with the button pressed (read from repeated `days` fields).
#[derive(Default)]
struct Typed {
    new: NewPromise,
    action: String,
}

impl Typed {
    fn from_fields(f: &Fields) -> Result<Typed, AppError> {
        let day = |v: &str| v.parse::<u8>().ok();
        Ok(Typed {
            new: NewPromise {
                text: f.get("text").to_string(),
                every: f.get("every").to_string(),
                day: f.get("day").to_string(),
                days: f.all("days", "days of the week", day)?,
            },
            action: f.get("action").to_string(),
        })
    }

    fn has_day(&self, n: &u8) -> bool {
        self.new.days.contains(n)
    }
}

#[derive(Template)]
#[template(path = "promises/index.html")]
struct IndexPage {
    nav: Nav,
    shown: Shown,
    mine: Vec<PromiseView>,
    to_me: Vec<PromiseView>,
    reliability: Reliability,
    chart: String,
    typed: Typed,
    weekdays: [(u8, &'static str); 7],
    every: [(&'static str, &'static str); 4],
    today: String,
}

async fn index(cx: &Ctx, shown: Shown, typed: Typed) -> Result<Response, AppError> {
    let all = promises::promises(&cx.actor).await?;
    let (mine, to_me) = all.into_iter().partition(|p| p.mine);
    let reliability = promises::reliability(&cx.actor).await?;
    let page = IndexPage {
        chart: super::chart(&reliability.weeks, "Your promises"),
        reliability,
        nav: cx.nav_for(&kintsugi_app::promises::STEP).await,
        mine,
        to_me,
        weekdays: WEEKDAYS,
        every: [
            ("once", "Once, by a day"),
            ("daily", "Every day"),
            ("weekly", "Some days of the week"),
            ("open", "As it comes up"),
        ],
        today: cx.actor.zone.format(kintsugi_app::now(), "%Y-%m-%d"),
        typed,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

async fn index_page(cx: Ctx) -> Result<Response, AppError> {
    index(&cx, Shown::default(), Typed::default()).await
}

async fn make(cx: Ctx, HtmlForm(fields): HtmlForm<Fields>) -> Result<Response, AppError> {
    let typed = Typed::from_fields(&fields)?;
    if typed.action == "check" {
        return index(
            &cx,
            Shown::checked(&cx, Kind::Message, &typed.new.text),
            typed,
        )
        .await;
    }
    let made = promises::make(&cx.actor, &typed.new).await;
    let again = |e| index(&cx, Shown::refused(e), typed);
    redirect_or(made, |id| format!("/promises/{id}?done=made"), again).await
}

#[derive(Template)]
#[template(path = "promises/show.html")]
struct ShowPage {
    nav: Nav,
    shown: Shown,
    p: PromiseView,
    chart: String,
    today: String,
}

async fn show(cx: &Ctx, id: RecordId, shown: Shown) -> Result<Response, AppError> {
    let p = promises::promise(&cx.actor, id).await?;
    let page = ShowPage {
        chart: super::chart(&p.weeks, "This promise"),
        nav: cx.nav_for(&kintsugi_app::promises::STEP).await,
        today: cx.actor.zone.format(kintsugi_app::now(), "%Y-%m-%d"),
        p,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

const NOTICES: &[(&str, &str)] = &[
    (
        "made",
        "Your promise is made. Your partner sees it, and confirms the days you mark.",
    ),
    ("marked", "Saved. Your partner can confirm it."),
    ("confirmed", "Thank you. Your answer is shared."),
];

async fn show_page(
    cx: Ctx,
    PathId(id): PathId,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    show(&cx, id, done.shown(NOTICES)).await
}

#[derive(Deserialize)]
struct MarkForm {
    day: String,
    kept: bool,
    #[serde(default)]
    note: String,
}

/// Marks a day: done or not on one's own promise, kept or missed on the partner's.
async fn mark(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(f): HtmlForm<MarkForm>,
) -> Result<Response, AppError> {
    let mine = promises::promise(&cx.actor, id).await?.mine;
    let new = NewMark {
        day: f.day,
        kept: f.kept,
        note: f.note,
    };
    let marked = promises::mark(&cx.actor, id, &new, mine).await;
    let done = if mine { "marked" } else { "confirmed" };
    let again = |e| show(&cx, id, Shown::refused(e));
    redirect_or(marked, |_| format!("/promises/{id}?done={done}"), again).await
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .route("/promises", get(index_page).post(make))
        .route("/promises/{id}", get(show_page))
        .route("/promises/{id}/mark", post(mark))
}
