//! Step 9, Support, on the web: signals that suggest professional help, and where to find it,
//! at `/support`; API under `/api/v1/support`.

mod api;
mod pages;
mod reports;
mod reports_api;

crate::kit::web_step!(
    kintsugi_app::support::STEP,
    "/support",
    [],
    "guide/support.html"
);
