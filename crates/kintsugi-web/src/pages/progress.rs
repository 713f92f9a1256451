//! Progress: the five signs that trust is growing, each person's own, as charts drawn on the
//! server with their numbers in a table and a sentence; and `GET /api/v1/progress`.

use askama::Template;
use axum::Json;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use utoipa_axum::routes;

use kintsugi_app::progress::{self, Period, Progress};

use crate::kit::chart::{LineChart, PALETTE, Series};
use crate::kit::{Act, Answer, ApiRouter, Ctx, Nav, render};
use crate::{AppError, AppState};

/// Which period to show.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct PeriodQuery {
    /// `weeks8` (the default), `months6` or `all`.
    #[param(pattern = "^(weeks8|months6|all)$")]
    period: Option<String>,
}

impl PeriodQuery {
    fn period(&self) -> Result<Period, AppError> {
        match self.period.as_deref() {
            None | Some("") => Ok(Period::Weeks8),
            Some(p) => Period::parse(p).ok_or_else(|| {
                AppError::Invalid(kintsugi_domain::InvalidInput::Format {
                    field: kintsugi_domain::Field::new("period", "Period"),
                    rule: "needs to be weeks8, months6 or all.",
                })
            }),
        }
    }
}

#[derive(Template)]
#[template(path = "progress.html")]
struct ProgressPage {
    nav: Nav,
    period: Period,
    signs: Vec<Block>,
}

/// One sign as the page shows it: its chart (empty when no series has enough weeks to draw)
/// and its numbers, a row a week.
struct Block {
    sign: progress::SignView,
    chart: String,
    rows: Vec<(String, Vec<String>)>,
}

impl ProgressPage {
    /// A step's tools, by slug: where they are and their name.
    fn step(&self, slug: &str) -> Option<(&'static str, String)> {
        crate::steps::by_slug(slug).map(|w| (w.path, plain_title(w)))
    }
}

fn plain_title(w: &crate::kit::WebStep) -> String {
    crate::kit::plain_text(&w.title())
}

impl Block {
    fn of(p: &Progress, sign: progress::SignView) -> Block {
        let rows = p
            .weeks
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let cell = |s: &progress::SeriesView| match s.weeks.get(i) {
                    Some(Some(v)) => format!("{v:.1}"),
                    _ => String::new(),
                };
                (w.clone(), sign.series.iter().map(cell).collect())
            })
            .collect();
        Block {
            chart: chart(&p.weeks, &sign),
            sign,
            rows,
        }
    }
}

/// A sign's chart: the series with enough weeks to show a trend.
fn chart(labels: &[String], sign: &progress::SignView) -> String {
    let drawn: Vec<&progress::SeriesView> = sign.series.iter().filter(|s| s.enough).collect();
    let Some(first) = drawn.first() else {
        return String::new();
    };
    let top = drawn
        .iter()
        .flat_map(|s| s.weeks.iter().flatten())
        .fold(first.range.1, |m, v| m.max(*v));
    LineChart {
        labels: labels.to_vec(),
        y: (first.range.0, top),
        y_desc: first.unit,
        series: drawn
            .iter()
            .enumerate()
            .map(|(i, s)| Series {
                name: s.name,
                color: PALETTE[i % PALETTE.len()],
                values: s.weeks.clone(),
            })
            .collect(),
    }
    .svg()
}

async fn page(cx: Ctx, Query(q): Query<PeriodQuery>) -> Result<Response, AppError> {
    let progress = progress::progress(&cx.actor, q.period()?).await?;
    let signs = progress
        .signs
        .iter()
        .cloned()
        .map(|s| Block::of(&progress, s))
        .collect();
    let page = ProgressPage {
        nav: cx.nav("progress").await,
        period: progress.period,
        signs,
    };
    Ok(render(axum::http::StatusCode::OK, &page))
}

/// Your progress on the five signs, week by week on your clock: only your own entries and the
/// facts you both made (promises marked); never your partner's private writing.
#[utoipa::path(get, path = "/progress", params(PeriodQuery),
    responses((status = 200, body = Progress)))]
async fn api_progress(Act(actor): Act, Query(q): Query<PeriodQuery>) -> Answer<Progress> {
    Ok(Json(progress::progress(&actor, q.period()?).await?))
}

/// The page.
pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/progress", get(page))
}

/// The API route (nested under /api/v1).
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new().routes(routes!(api_progress))
}
