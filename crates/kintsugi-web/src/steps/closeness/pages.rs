//! The check-in pages: today's check-in, the week with both partners' check-ins as far as each
//! may see them, a change while the partner hasn't checked in, and later thoughts.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::response::Response;
use axum::routing::{get, post};
use kintsugi_coach::Kind;

use kintsugi_app::closeness::{self, DayView, NewCheckIn, NewText};

use crate::kit::{
    Ctx, Done, Fields, HtmlForm, Nav, PathId, Shown, TextForm, Typed, redirect_or, render,
    send_text,
};
use crate::{AppError, AppState};
use kintsugi_domain::RecordId;

#[derive(Template)]
#[template(path = "closeness/index.html")]
struct IndexPage {
    nav: Nav,
    shown: Shown,
    week: Vec<DayView>,
    /// Whether the newest "safe" the person gave was low: help is offered, to them alone.
    unsafe_now: bool,
    /// Whether a day of the week still waits for the person's check-in.
    can_check_in: bool,
    /// Whether the person has checked in for today (the form then offers the days just past).
    today_done: bool,
    typed: Fields,
    notes: Typed,
}

async fn index(cx: &Ctx, shown: Shown, typed: Fields, notes: Typed) -> Result<Response, AppError> {
    let week = closeness::week(&cx.actor).await?;
    let page = IndexPage {
        unsafe_now: closeness::feels_unsafe(&week),
        can_check_in: week.iter().any(|d| d.mine.is_none()),
        today_done: week.first().is_some_and(|d| d.mine.is_some()),
        nav: cx.nav_for(&closeness::STEP).await,
        week,
        shown,
        typed,
        notes,
    };
    Ok(render(page.shown.status, &page))
}

const NOTICES: &[(&str, &str)] = &[
    (
        "checked-in",
        "Thank you for checking in. You'll see your partner's once you have both checked in for the day.",
    ),
    ("changed", "Your check-in is changed."),
    ("noted", "Your later thought is shared."),
];

async fn index_page(cx: Ctx, Query(done): Query<Done>) -> Result<Response, AppError> {
    index(
        &cx,
        done.shown(NOTICES),
        Fields::default(),
        Typed::default(),
    )
    .await
}

/// A check-in as the form sends it; numbers that aren't are refused, never guessed.
fn check_in(f: &Fields) -> Result<NewCheckIn, AppError> {
    let number = |k: &str, what: &str| f.one(k, what, |v| v.trim().parse::<i64>().ok());
    Ok(NewCheckIn {
        day: Some(f.get("day").to_string()).filter(|d| !d.is_empty()),
        mood: number("mood", "moods (1 to 5)")?,
        closeness: number("closeness", "numbers from 1 to 10")?,
        safe: number("safe", "numbers from 1 to 10")?,
        note: f.get("note").to_string(),
    })
}

/// Checks in, or changes a check-in (`day`); "Check my words" reads the sentence and sends
/// nothing.
async fn write(cx: Ctx, day: Option<String>, typed: Fields) -> Result<Response, AppError> {
    if typed.get("action") == "check" {
        let shown = Shown::checked_field(&cx, Kind::Message, typed.get("note"), "note".into());
        return index(&cx, shown, typed, Typed::default()).await;
    }
    let new = check_in(&typed)?;
    let done = match &day {
        None => closeness::check_in(&cx.actor, &new)
            .await
            .map(|_| "checked-in"),
        Some(day) => closeness::change_check_in(&cx.actor, day, &new)
            .await
            .map(|_| "changed"),
    };
    let again = |e| index(&cx, Shown::refused(e), typed, Typed::default());
    redirect_or(done, |d| format!("/closeness?done={d}"), again).await
}

/// A later thought under one's own check-in for a day both checked in for.
async fn note(cx: Ctx, id: RecordId, form: TextForm) -> Result<Response, AppError> {
    let send = async |text: &str| {
        let new = NewText { text: text.into() };
        closeness::add_note_under(&cx.actor, id, &new).await?;
        Ok("/closeness?done=noted".to_string())
    };
    let page = |shown, typed| index(&cx, shown, Fields::default(), typed);
    send_text(&cx, Some(id), ["note", "note"], form, send, page).await
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    let new = |cx, HtmlForm(f): HtmlForm<Fields>| write(cx, None, f);
    let change =
        |cx, Path(day): Path<String>, HtmlForm(f): HtmlForm<Fields>| write(cx, Some(day), f);
    let note = |cx, PathId(id), HtmlForm(f): HtmlForm<TextForm>| note(cx, id, f);
    Router::new()
        .route("/closeness", get(index_page).post(new))
        .route("/closeness/days/{day}", post(change))
        .route("/closeness/checkins/{id}/notes", post(note))
        .merge(super::more::pages())
}
