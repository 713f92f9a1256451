//! Step 5, Promises, on the web: make promises, mark and confirm their days, and see their
//! reliability as a chart. Pages under `/promises`, API under `/api/v1/promises`. The rules and
//! the reliability formula live in `kintsugi_app::promises` and `kintsugi_domain::promises`.

mod api;
mod pages;

crate::kit::web_step!(
    kintsugi_app::promises::STEP,
    "/promises",
    [],
    "guide/promises.html"
);

use kintsugi_app::promises::WeekPoint;

use crate::kit::chart::{GOLD, LineChart, Series};

/// A reliability trend as a chart (0–100 %), once two weeks have a score.
pub(crate) fn chart(weeks: &[WeekPoint], name: &'static str) -> String {
    if weeks.iter().filter(|w| w.score.is_some()).count() < 2 {
        return String::new();
    }
    LineChart {
        labels: weeks.iter().map(|w| w.label.clone()).collect(),
        y: (0.0, 100.0),
        y_desc: "reliability, %",
        series: vec![Series {
            name,
            color: GOLD,
            values: weeks.iter().map(|w| w.score.map(|s| s * 100.0)).collect(),
        }],
    }
    .svg()
}
