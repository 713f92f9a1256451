//! The talk pages.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::{get, post};
use kintsugi_coach::Kind;
use kintsugi_domain::RecordId;
use serde::Deserialize;

use kintsugi_app::talk::{
    self, Choice, NewPause, NewTalk, RatedTalk, Rating, TalkAnswer, TalkView,
};

use crate::kit::chart::{GOLD, LineChart, TEAL};
use crate::kit::{Ctx, Done, HtmlForm, Nav, PathId, Shown, redirect_or, render};
use crate::{AppError, AppState};

/// What the person typed in a talk form, shown again when it was checked or refused.
#[derive(Default, Deserialize)]
struct Typed {
    #[serde(default)]
    topic: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    action: String,
}

#[derive(Template)]
#[template(path = "talk/index.html")]
struct TalksPage {
    nav: Nav,
    shown: Shown,
    talks: Vec<TalkView>,
    typed: Typed,
    zone: String,
    earliest: String,
    /// The person's own ratings, oldest first, with the chart and its words.
    rated: Vec<RatedTalk>,
    trend_chart: String,
    trend_words: String,
}

impl TalksPage {
    /// Talks still to come: their time not yet here.
    fn upcoming(&self) -> Vec<&TalkView> {
        self.talks
            .iter()
            .filter(|t| !t.done && !t.begun && !t.passed)
            .collect()
    }

    /// Talks happening now: agreed, begun, not yet behind.
    fn now(&self) -> Vec<&TalkView> {
        self.talks.iter().filter(|t| !t.done && t.begun).collect()
    }

    /// Everything else: held, called off, or a time that passed before it was agreed.
    fn past(&self) -> Vec<&TalkView> {
        self.talks
            .iter()
            .filter(|t| t.done || (t.passed && !t.begun))
            .collect()
    }
}

async fn index(cx: &Ctx, shown: Shown, typed: Typed) -> Result<Response, AppError> {
    let talks = talk::talks(&cx.actor).await?;
    let rated = talk::rated(&talks);
    let page = TalksPage {
        trend_chart: ratings_chart(&rated),
        trend_words: talk::in_words(&rated),
        rated,
        talks,
        nav: cx.nav_for(&kintsugi_app::talk::STEP).await,
        zone: cx.actor.zone.name().to_string(),
        earliest: talk::earliest(&cx.actor),
        typed,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

/// The private trend as a chart, from two rated talks on (one point is not a trend).
fn ratings_chart(rated: &[RatedTalk]) -> String {
    let values = |f: fn(&Rating) -> u8| rated.iter().map(move |r| Some(f64::from(f(&r.rating))));
    let labels = rated.iter().map(|r| r.at.short_date()).collect();
    if rated.len() < 2 {
        return String::new();
    }
    LineChart::new(labels, (1.0, 5.0), "1 not at all · 5 completely")
        .line("I felt heard", GOLD, values(|r| r.felt_heard).collect())
        .line("I stayed calm", TEAL, values(|r| r.stayed_calm).collect())
        .svg()
}

async fn talks_page(cx: Ctx) -> Result<Response, AppError> {
    index(&cx, Shown::default(), Typed::default()).await
}

async fn propose(cx: Ctx, HtmlForm(form): HtmlForm<Typed>) -> Result<Response, AppError> {
    if form.action == "check" {
        return index(&cx, Shown::checked(&cx, Kind::Message, &form.topic), form).await;
    }
    let new = NewTalk {
        topic: form.topic.clone(),
        time: form.time.clone(),
    };
    let proposed = talk::propose(&cx.actor, &new).await;
    redirect_or(
        proposed,
        |id| format!("/talks/{id}"),
        |e| index(&cx, Shown::refused(e), form),
    )
    .await
}

#[derive(Template)]
#[template(path = "talk/show.html")]
struct TalkPage {
    nav: Nav,
    shown: Shown,
    t: TalkView,
    rated: Option<Rating>,
    typed: Typed,
    zone: String,
    earliest: String,
}

impl TalkPage {
    /// Nothing rated yet (0 matches no choice on the form).
    fn unrated(&self) -> Rating {
        Rating {
            felt_heard: 0,
            stayed_calm: 0,
            turned_into_fight: false,
            about_past: false,
        }
    }
}

async fn show(cx: &Ctx, id: RecordId, shown: Shown, typed: Typed) -> Result<Response, AppError> {
    let t = talk::talk(&cx.actor, id).await?;
    let page = TalkPage {
        nav: cx.nav_for(&kintsugi_app::talk::STEP).await,
        rated: t.rating,
        zone: cx.actor.zone.name().to_string(),
        earliest: talk::earliest(&cx.actor),
        t,
        typed,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

const NOTICES: &[(&str, &str)] = &[
    ("answered", "Your answer is sent."),
    ("withdrawn", "Your proposal is withdrawn."),
    (
        "cancelled",
        "The talk is called off. Your words are with it.",
    ),
    ("paused", "Your break is shared. Take the time you need."),
    (
        "reflected",
        "Saved. Only you can see how you rated this talk.",
    ),
];

async fn talk_page(
    cx: Ctx,
    PathId(id): PathId,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    show(&cx, id, done.shown(NOTICES), Typed::default()).await
}

async fn respond(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<Typed>,
) -> Result<Response, AppError> {
    if form.action == "check" {
        return show(
            &cx,
            id,
            Shown::checked(&cx, Kind::Message, &form.note),
            form,
        )
        .await;
    }
    let (response, done) = match form.action.as_str() {
        "accept" => (Choice::Accept, "answered"),
        "withdraw" => (Choice::Withdraw, "withdrawn"),
        "cancel" => (Choice::Cancel, "cancelled"),
        _ => (Choice::Counter, "answered"),
    };
    let answer = TalkAnswer {
        response,
        time: Some(form.time.clone()),
        note: form.note.clone(),
    };
    let answered = talk::respond(&cx.actor, id, answer).await;
    let again = |e| show(&cx, id, Shown::refused(e), form);
    redirect_or(answered, |_| format!("/talks/{id}?done={done}"), again).await
}

async fn pause(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<NewPause>,
) -> Result<Response, AppError> {
    let paused = talk::pause(&cx.actor, id, form).await;
    let again = |e| show(&cx, id, Shown::refused(e), Typed::default());
    redirect_or(paused, |_| format!("/talks/{id}?done=paused"), again).await
}

async fn reflect(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<Rating>,
) -> Result<Response, AppError> {
    let saved = talk::reflect(&cx.actor, id, form).await;
    let again = |e| show(&cx, id, Shown::refused(e), Typed::default());
    redirect_or(
        saved,
        |_| format!("/talks/{id}?done=reflected#after"),
        again,
    )
    .await
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .route("/talks", get(talks_page).post(propose))
        .route("/talks/{id}", get(talk_page))
        .route("/talks/{id}/respond", post(respond))
        .route("/talks/{id}/pause", post(pause))
        .route("/talks/{id}/reflection", post(reflect))
}
