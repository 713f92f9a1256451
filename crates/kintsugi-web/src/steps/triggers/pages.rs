//! The triggers pages: the log with its patterns, the guided pause, and reassurance requests.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::{get, post};
use kintsugi_domain::RecordId;
use kintsugi_domain::triggers::{Responded, TriggerKind};

use kintsugi_app::triggers::{self, EntryView, NewEntry, NewMessage, Patterns, RequestView};

use crate::kit::chart::{GOLD, LineChart, PALETTE, Series, TEAL};
use crate::kit::{
    Ctx, Done, Fields, HtmlForm, Nav, Paging, PathId, Shown, TextForm, Typed, older, redirect_or,
    render, send_text,
};
use crate::{AppError, AppState};
use kintsugi_app::records::Page;

/// A log entry as the form sends it (`responded` repeated): what the rules read. Unknown
/// choices and numbers that aren't are refused, never guessed.
fn entry(f: &Fields) -> Result<NewEntry, AppError> {
    let number = |k: &str| f.one(k, "intensities (0 to 10)", |v| v.parse::<u8>().ok());
    Ok(NewEntry {
        kind: f.one("kind", "triggers", TriggerKind::parse)?,
        situation: f.get("situation").to_string(),
        before: number("before")?,
        after: number("after")?,
        fear: f.get("fear").to_string(),
        evidence_for: f.get("evidence_for").to_string(),
        evidence_against: f.get("evidence_against").to_string(),
        need: f.get("need").to_string(),
        responded: f.all("responded", "ways of responding", Responded::parse)?,
    })
}

#[derive(Template)]
#[template(path = "triggers/index.html")]
struct IndexPage {
    nav: Nav,
    shown: Shown,
    entries: Vec<EntryView>,
    patterns: Patterns,
    kinds_chart: String,
    intensity_chart: String,
    times_chart: String,
    typed: Fields,
    /// The next page of the log, when there is one.
    older: Option<String>,
}

/// The charts: entries a week by kind, intensity at first and afterwards, and times of day.
fn charts(p: &Patterns) -> [String; 3] {
    if p.weeks.iter().all(|w| w.before.is_none()) {
        return Default::default();
    }
    let labels: Vec<String> = p.weeks.iter().map(|w| w.label.clone()).collect();
    let most = p
        .weeks
        .iter()
        .flat_map(|w| w.counts.iter())
        .copied()
        .max()
        .unwrap_or(1);
    let kinds = LineChart {
        labels: labels.clone(),
        y: (0.0, f64::from(most).max(4.0)),
        y_desc: "entries a week",
        series: TriggerKind::ALL
            .iter()
            .enumerate()
            .map(|(i, k)| Series {
                name: k.label(),
                color: PALETTE[i % PALETTE.len()],
                values: p
                    .weeks
                    .iter()
                    .map(|w| w.counts.get(i).map(|c| f64::from(*c)))
                    .collect(),
            })
            .collect(),
    };
    let intensity = LineChart {
        labels,
        y: (0.0, 10.0),
        y_desc: "intensity, 0–10",
        series: vec![
            Series {
                name: "At first",
                color: GOLD,
                values: p.weeks.iter().map(|w| w.before).collect(),
            },
            Series {
                name: "Afterwards",
                color: TEAL,
                values: p.weeks.iter().map(|w| w.after).collect(),
            },
        ],
    };
    let busiest = p.times_of_day.iter().map(|t| t.count).max().unwrap_or(1);
    let times = LineChart {
        labels: p.times_of_day.iter().map(|t| t.label.to_string()).collect(),
        y: (0.0, f64::from(busiest).max(4.0)),
        y_desc: "entries",
        series: vec![Series {
            name: "Entries",
            color: TEAL,
            values: p
                .times_of_day
                .iter()
                .map(|t| Some(f64::from(t.count)))
                .collect(),
        }],
    };
    [kinds.svg(), intensity.svg(), times.bars().svg()]
}

async fn index(cx: &Ctx, shown: Shown, typed: Fields) -> Result<Response, AppError> {
    index_at(cx, shown, typed, Page::first(triggers::PAGE)).await
}

async fn index_at(cx: &Ctx, shown: Shown, typed: Fields, at: Page) -> Result<Response, AppError> {
    let (listed, patterns) = triggers::log_and_patterns(&cx.actor, at).await?;
    let [kinds_chart, intensity_chart, times_chart] = charts(&patterns);
    let page = IndexPage {
        older: older("/triggers", listed.next.as_deref()),
        entries: listed.items,
        nav: cx.nav_for(&triggers::STEP).await,
        kinds_chart,
        intensity_chart,
        times_chart,
        patterns,
        typed,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

const NOTICES: &[(&str, &str)] = &[
    ("logged", "Logged. Only you can see it."),
    ("asked", "Your request is sent. Your partner can answer it."),
    ("answered", "Your answer is shared."),
];

async fn index_page(
    cx: Ctx,
    Query(done): Query<Done>,
    paging: Paging,
) -> Result<Response, AppError> {
    let at = paging.page(triggers::PAGE)?;
    index_at(&cx, done.shown(NOTICES), Fields::default(), at).await
}

async fn log(cx: Ctx, HtmlForm(typed): HtmlForm<Fields>) -> Result<Response, AppError> {
    let new = entry(&typed)?;
    let logged = triggers::log(&cx.actor, &new).await;
    let again = |e| index(&cx, Shown::refused(e), typed);
    redirect_or(logged, |_| "/triggers?done=logged".into(), again).await
}

#[derive(Template)]
#[template(path = "triggers/pause.html")]
struct PausePage {
    nav: Nav,
}

async fn pause(cx: Ctx) -> Result<Response, AppError> {
    let page = PausePage {
        nav: cx.nav_for(&triggers::STEP).await,
    };
    Ok(render(axum::http::StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "triggers/reassurance.html")]
struct ReassurancePage {
    nav: Nav,
    shown: Shown,
    requests: Vec<RequestView>,
    typed: Typed,
    /// The next page of requests, when there is one.
    older: Option<String>,
}

async fn reassurance(cx: &Ctx, shown: Shown, typed: Typed) -> Result<Response, AppError> {
    reassurance_at(cx, shown, typed, Page::first(triggers::REQUESTS_PAGE)).await
}

async fn reassurance_at(
    cx: &Ctx,
    shown: Shown,
    typed: Typed,
    at: Page,
) -> Result<Response, AppError> {
    let listed = triggers::requests(&cx.actor, at).await?;
    let page = ReassurancePage {
        older: older("/reassurance", listed.next.as_deref()),
        requests: listed.items,
        nav: cx.nav_for(&triggers::STEP).await,
        typed,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

async fn reassurance_page(
    cx: Ctx,
    Query(done): Query<Done>,
    paging: Paging,
) -> Result<Response, AppError> {
    let shown = done.shown(NOTICES);
    let at = paging.page(triggers::REQUESTS_PAGE)?;
    reassurance_at(&cx, shown, Typed::default(), at).await
}

/// Asks for reassurance (no id) or answers a request.
async fn write(cx: Ctx, id: Option<RecordId>, form: TextForm) -> Result<Response, AppError> {
    let send = async |text: &str| {
        let message = NewMessage { text: text.into() };
        match id {
            None => triggers::ask(&cx.actor, &message).await.map(|_| "asked"),
            Some(id) => triggers::answer(&cx.actor, id, &message)
                .await
                .map(|_| "answered"),
        }
        .map(|done| format!("/reassurance?done={done}"))
        .map_err(AppError::from)
    };
    let page = |shown, typed| reassurance(&cx, shown, typed);
    send_text(&cx, id, ["request", "answer"], form, send, page).await
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    let ask = |cx, HtmlForm(f): HtmlForm<TextForm>| write(cx, None, f);
    let answer = |cx, PathId(id), HtmlForm(f): HtmlForm<TextForm>| write(cx, Some(id), f);
    Router::new()
        .route("/triggers", get(index_page).post(log))
        .route("/triggers/pause", get(pause))
        .route("/reassurance", get(reassurance_page).post(ask))
        .route("/reassurance/{id}/answer", post(answer))
}
