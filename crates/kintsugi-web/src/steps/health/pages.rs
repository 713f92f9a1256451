//! The Health check page: the questions, the newest answers read back, their trend, and
//! mutual effort.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::get;
use kintsugi_domain::health::Question;

use kintsugi_app::effort::{self, EffortView};
use kintsugi_app::health::{self, HealthView, NewAssessment};

use crate::kit::chart::{LineChart, PALETTE, Series};
use crate::kit::{Ctx, Done, Fields, HtmlForm, Nav, Shown, redirect_or, render};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "health/index.html")]
struct IndexPage {
    nav: Nav,
    shown: Shown,
    view: HealthView,
    effort: EffortView,
    chart: String,
    typed: Fields,
}

/// The trend, once there are two checks to join.
fn chart(v: &HealthView) -> String {
    if v.trend.len() < 2 {
        return String::new();
    }
    LineChart {
        labels: v.trend.iter().map(|c| c.at.short_date()).collect(),
        y: (1.0, 5.0),
        y_desc: "1 not at all – 5 fully",
        series: Question::ALL
            .iter()
            .enumerate()
            .map(|(i, q)| Series {
                name: q.as_str(),
                color: PALETTE[i % PALETTE.len()],
                values: v
                    .trend
                    .iter()
                    .map(|c| c.answers.get(i).map(|a| f64::from(*a)))
                    .collect(),
            })
            .collect(),
    }
    .svg()
}

async fn index(cx: &Ctx, shown: Shown, typed: Fields) -> Result<Response, AppError> {
    let view = health::view(&cx.actor).await?;
    let page = IndexPage {
        chart: chart(&view),
        effort: effort::effort(&cx.actor).await?,
        nav: cx.nav_for(&health::STEP).await,
        view,
        shown,
        typed,
    };
    Ok(render(page.shown.status, &page))
}

const NOTICES: &[(&str, &str)] = &[("checked", "Thank you. Only you can see this.")];

async fn index_page(cx: Ctx, Query(done): Query<Done>) -> Result<Response, AppError> {
    index(&cx, done.shown(NOTICES), Fields::default()).await
}

async fn assess(cx: Ctx, HtmlForm(typed): HtmlForm<Fields>) -> Result<Response, AppError> {
    let mut answers = HashMap::new();
    for q in Question::ALL {
        if let Ok(a) = typed.get(q.as_str()).parse::<i64>() {
            answers.insert(*q, a);
        }
    }
    let done = health::assess(&cx.actor, &NewAssessment { answers }).await;
    let again = |e| index(&cx, Shown::refused(e), typed);
    redirect_or(done, |_| "/health?done=checked".into(), again).await
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .route("/health", get(index_page).post(assess))
        .merge(super::safety::pages())
}
