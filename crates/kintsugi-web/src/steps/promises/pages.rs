//! The promises pages.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::{get, post};
use kintsugi_coach::Kind;
use kintsugi_domain::RecordId;
use kintsugi_domain::promises::{NOTE_MAX, TEXT_MAX};
use serde::Deserialize;

use kintsugi_app::promises::{self, NewMark, NewPromise, PromiseView, Reliability};

use crate::kit::{Ctx, Done, HtmlForm, Nav, PathId, Shown, redirect_or, render};
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
    fn from_fields(fields: &[(String, String)]) -> Result<Typed, AppError> {
        let get = |k: &str| {
            let found = fields.iter().find(|(f, _)| f == k);
            found.map(|(_, v)| v.clone()).unwrap_or_default()
        };
        let refused = || AppError::BadRequest("That isn't one of the days of the week.".into());
        let days = fields
            .iter()
            .filter(|(k, _)| k == "days")
            .map(|(_, v)| v.parse::<u8>().map_err(|_| refused()))
            .collect::<Result<Vec<u8>, AppError>>()?;
        Ok(Typed {
            new: NewPromise {
                text: get("text"),
                every: get("every"),
                day: get("day"),
                days,
            },
            action: get("action"),
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
    paired: bool,
    partner: String,
    mine: Vec<PromiseView>,
    to_me: Vec<PromiseView>,
    reliability: Reliability,
    chart: String,
    typed: Typed,
    weekdays: [(u8, &'static str); 7],
    every: [(&'static str, &'static str); 4],
    today: String,
    text_max: usize,
}

async fn index(cx: &Ctx, shown: Shown, typed: Typed) -> Result<Response, AppError> {
    let all = promises::promises(&cx.actor).await?;
    let (mine, to_me) = all.into_iter().partition(|p| p.mine);
    let reliability = promises::reliability(&cx.actor).await?;
    let page = IndexPage {
        chart: super::chart(&reliability.weeks, "Your promises"),
        reliability,
        nav: cx.nav_for(&kintsugi_app::promises::STEP).await,
        paired: cx.paired(),
        partner: cx.partner(),
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
        text_max: TEXT_MAX,
        typed,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

async fn index_page(cx: Ctx) -> Result<Response, AppError> {
    index(&cx, Shown::default(), Typed::default()).await
}

async fn make(
    cx: Ctx,
    HtmlForm(fields): HtmlForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
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
    partner: String,
    chart: String,
    today: String,
    note_max: usize,
}

async fn show(cx: &Ctx, id: RecordId, shown: Shown) -> Result<Response, AppError> {
    let p = promises::promise(&cx.actor, id).await?;
    let page = ShowPage {
        chart: super::chart(&p.weeks, "This promise"),
        nav: cx.nav_for(&kintsugi_app::promises::STEP).await,
        partner: cx.partner(),
        today: cx.actor.zone.format(kintsugi_app::now(), "%Y-%m-%d"),
        note_max: NOTE_MAX,
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
    show(&cx, id, Shown::notice(done.notice(NOTICES))).await
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
