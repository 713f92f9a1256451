//! The Control check's page: the check, each habit read back, the trend and the mirror.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::get;
use kintsugi_domain::control::{Habit, Often};

use kintsugi_app::control::{self, ControlView, NewCheck};

use crate::kit::chart::{GOLD, LineChart, PALETTE, Series, TEAL};
use crate::kit::{Ctx, Done, Fields, HtmlForm, Nav, Shown, redirect_or, render};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "control/index.html")]
struct IndexPage {
    nav: Nav,
    shown: Shown,
    view: ControlView,
    trend_chart: String,
    mirror_chart: String,
    typed: Fields,
}

/// The trend (each habit's level, check by check) and the mirror (week by week), drawn only
/// when there is something to draw.
fn charts(v: &ControlView) -> [String; 2] {
    let trend = match v.trend.len() {
        0 | 1 => String::new(),
        _ => LineChart {
            labels: v.trend.iter().map(|c| c.at.short_date()).collect(),
            y: (0.0, 4.0),
            y_desc: "0 not at all – 4 many times a day",
            series: Habit::ALL
                .iter()
                .enumerate()
                .map(|(i, h)| Series {
                    name: h.label(),
                    color: PALETTE[i % PALETTE.len()],
                    values: v
                        .trend
                        .iter()
                        .map(|c| c.levels.get(i).map(|l| f64::from(*l)))
                        .collect(),
                })
                .collect(),
        }
        .svg(),
    };
    let most = v
        .mirror
        .iter()
        .map(|w| w.requests.max(w.checked_up))
        .max()
        .unwrap_or(0);
    let mirror = match most {
        0 => String::new(),
        _ => LineChart {
            labels: v.mirror.iter().map(|w| w.label.clone()).collect(),
            y: (0.0, f64::from(most).max(4.0)),
            y_desc: "a week",
            series: vec![
                Series {
                    name: "Reassurance requests",
                    color: TEAL,
                    values: v
                        .mirror
                        .iter()
                        .map(|w| Some(f64::from(w.requests)))
                        .collect(),
                },
                Series {
                    name: "Checked up",
                    color: GOLD,
                    values: v
                        .mirror
                        .iter()
                        .map(|w| Some(f64::from(w.checked_up)))
                        .collect(),
                },
            ],
        }
        .svg(),
    };
    [trend, mirror]
}

async fn index(cx: &Ctx, shown: Shown, typed: Fields) -> Result<Response, AppError> {
    let view = control::view(&cx.actor).await?;
    let [trend_chart, mirror_chart] = charts(&view);
    let page = IndexPage {
        nav: cx.nav_for(&control::STEP).await,
        trend_chart,
        mirror_chart,
        view,
        shown,
        typed,
    };
    Ok(render(page.shown.status, &page))
}

const NOTICES: &[(&str, &str)] = &[(
    "checked",
    "Thank you for looking honestly. Only you can see this.",
)];

async fn index_page(cx: Ctx, Query(done): Query<Done>) -> Result<Response, AppError> {
    index(&cx, done.shown(NOTICES), Fields::default()).await
}

async fn check(cx: Ctx, HtmlForm(typed): HtmlForm<Fields>) -> Result<Response, AppError> {
    let mut answers = HashMap::new();
    for h in Habit::ALL {
        if let Some(o) = Often::parse(typed.get(h.as_str())) {
            answers.insert(*h, o);
        }
    }
    let done = control::check(&cx.actor, &NewCheck { answers }).await;
    let again = |e| index(&cx, Shown::refused(e), typed);
    redirect_or(done, |_| "/control?done=checked".into(), again).await
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new().route("/control", get(index_page).post(check))
}
