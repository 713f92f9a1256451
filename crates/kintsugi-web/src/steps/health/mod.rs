//! Step 10, the Health check, on the web: the private self-assessment with its trend, and
//! mutual effort from shared facts, at `/health`; API under `/api/v1/health-checks` and
//! `/api/v1/effort`.

mod api;
mod pages;
mod safety;

/// The safety check's addresses: never named in logs, and no live ping for them.
pub(crate) const UNLOGGED: &[&str] = &["/safety", "/safety/erase", "/api/v1/safety-check"];

crate::kit::web_step!(
    kintsugi_app::health::STEP,
    "/health",
    [("A private safety check", "/safety")],
    "guide/health.html"
);
