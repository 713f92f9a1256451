//! Step 6, Triggers, on the web: the private log and its patterns, the guided pause, and
//! reassurance requests. Pages under `/triggers` and `/reassurance`, API under
//! `/api/v1/triggers` and `/api/v1/reassurance-requests`.

mod api;
mod pages;

crate::kit::web_step!(
    kintsugi_app::triggers::STEP,
    "/triggers",
    [
        ("Guided pause", "/triggers/pause"),
        ("Reassurance", "/reassurance")
    ],
    "guide/triggers.html"
);
