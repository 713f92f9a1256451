//! The triggers pages: the log with its patterns, the guided pause, and reassurance requests.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::{get, post};
use kintsugi_coach::Kind;
use kintsugi_domain::triggers::{MESSAGE_MAX, PART_MAX, Responded, SITUATION_MAX, TriggerKind};

use kintsugi_app::triggers::{self, EntryView, NewEntry, NewMessage, Patterns, RequestView};

use crate::kit::chart::{GOLD, LineChart, PALETTE, Series, TEAL};
use crate::kit::{Ctx, Done, HtmlForm, Nav, PathId, Shown, redirect_or, render};
use crate::{AppError, AppState};

/// A log entry as typed (read from repeated `responded` fields), kept when refused.
#[derive(Default)]
struct Typed {
    fields: Vec<(String, String)>,
}

impl Typed {
    fn get(&self, k: &str) -> &str {
        let found = self.fields.iter().find(|(f, _)| f == k);
        found.map_or("", |(_, v)| v.as_str())
    }

    fn has(&self, k: &str, v: &str) -> bool {
        self.fields.iter().any(|(f, x)| f == k && x == v)
    }

    /// What the rules read; unknown choices and numbers that aren't are refused, never guessed.
    fn entry(&self) -> Result<NewEntry, AppError> {
        let refused = |what: &str| AppError::BadRequest(format!("That isn't one of the {what}."));
        let number = |k: &str| {
            self.get(k)
                .parse::<u8>()
                .map_err(|_| refused("intensities (0 to 10)"))
        };
        let responded = self
            .fields
            .iter()
            .filter(|(k, _)| k == "responded")
            .map(|(_, v)| Responded::parse(v).ok_or_else(|| refused("ways of responding")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(NewEntry {
            kind: TriggerKind::parse(self.get("kind")).ok_or_else(|| refused("triggers"))?,
            situation: self.get("situation").to_string(),
            before: number("before")?,
            after: number("after")?,
            fear: self.get("fear").to_string(),
            evidence_for: self.get("evidence_for").to_string(),
            evidence_against: self.get("evidence_against").to_string(),
            need: self.get("need").to_string(),
            responded,
        })
    }
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
    typed: Typed,
    kinds: &'static [TriggerKind],
    responses: &'static [Responded],
    situation_max: usize,
    part_max: usize,
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
    [kinds.svg(), intensity.svg(), times.svg()]
}

async fn index(cx: &Ctx, shown: Shown, typed: Typed) -> Result<Response, AppError> {
    let patterns = triggers::patterns(&cx.actor).await?;
    let [kinds_chart, intensity_chart, times_chart] = charts(&patterns);
    let page = IndexPage {
        entries: triggers::entries(&cx.actor).await?,
        nav: cx.nav_for(&kintsugi_app::triggers::STEP).await,
        kinds_chart,
        intensity_chart,
        times_chart,
        patterns,
        kinds: TriggerKind::ALL,
        responses: Responded::ALL,
        situation_max: SITUATION_MAX,
        part_max: PART_MAX,
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

async fn index_page(cx: Ctx, Query(done): Query<Done>) -> Result<Response, AppError> {
    index(&cx, Shown::notice(done.notice(NOTICES)), Typed::default()).await
}

async fn log(
    cx: Ctx,
    HtmlForm(fields): HtmlForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let typed = Typed { fields };
    let new = typed.entry()?;
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
        nav: cx.nav_for(&kintsugi_app::triggers::STEP).await,
    };
    Ok(render(axum::http::StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "triggers/reassurance.html")]
struct ReassurancePage {
    nav: Nav,
    shown: Shown,
    paired: bool,
    partner: String,
    requests: Vec<RequestView>,
    /// A request as typed, and an answer as typed (its request's id and the words).
    draft: String,
    typed: Option<(String, String)>,
    message_max: usize,
}

impl ReassurancePage {
    fn typed_for(&self, id: &str) -> &str {
        match &self.typed {
            Some((r, text)) if r == id => text,
            _ => "",
        }
    }
}

async fn reassurance(
    cx: &Ctx,
    shown: Shown,
    draft: String,
    typed: Option<(String, String)>,
) -> Result<Response, AppError> {
    let page = ReassurancePage {
        requests: triggers::requests(&cx.actor).await?,
        nav: cx.nav_for(&kintsugi_app::triggers::STEP).await,
        paired: cx.paired(),
        partner: cx.partner(),
        message_max: MESSAGE_MAX,
        draft,
        typed,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

async fn reassurance_page(cx: Ctx, Query(done): Query<Done>) -> Result<Response, AppError> {
    reassurance(
        &cx,
        Shown::notice(done.notice(NOTICES)),
        String::new(),
        None,
    )
    .await
}

#[derive(serde::Deserialize)]
struct MessageForm {
    text: String,
    #[serde(default)]
    action: String,
}

async fn ask(cx: Ctx, HtmlForm(f): HtmlForm<MessageForm>) -> Result<Response, AppError> {
    if f.action == "check" {
        return reassurance(
            &cx,
            Shown::checked(&cx, Kind::Message, &f.text),
            f.text,
            None,
        )
        .await;
    }
    let asked = triggers::ask(
        &cx.actor,
        &NewMessage {
            text: f.text.clone(),
        },
    )
    .await;
    let again = |e| reassurance(&cx, Shown::refused(e), f.text, None);
    redirect_or(asked, |_| "/reassurance?done=asked".into(), again).await
}

async fn answer(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(f): HtmlForm<MessageForm>,
) -> Result<Response, AppError> {
    let typed = Some((id.to_string(), f.text.clone()));
    if f.action == "check" {
        let shown = Shown::checked_field(&cx, Kind::Message, &f.text, format!("answer-{id}"));
        return reassurance(&cx, shown, String::new(), typed).await;
    }
    let answered = triggers::answer(
        &cx.actor,
        id,
        &NewMessage {
            text: f.text.clone(),
        },
    )
    .await;
    let again = |e| reassurance(&cx, Shown::refused(e), String::new(), typed);
    redirect_or(answered, |_| "/reassurance?done=answered".into(), again).await
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .route("/triggers", get(index_page).post(log))
        .route("/triggers/pause", get(pause))
        .route("/reassurance", get(reassurance_page).post(ask))
        .route("/reassurance/{id}/answer", post(answer))
}
