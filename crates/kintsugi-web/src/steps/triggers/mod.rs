//! Step 6, Triggers, on the web: the private log and its patterns, the guided pause, and
//! reassurance requests. Pages under `/triggers` and `/reassurance`, API under
//! `/api/v1/triggers` and `/api/v1/reassurance-requests`.

mod api;
mod pages;

use crate::kit::{WebStep, guide_page};

guide_page!("guide/triggers.html");

/// This step on the web.
pub(crate) const WEB: WebStep = WebStep {
    step: &kintsugi_app::triggers::STEP,
    pages: pages::pages,
    api: api::api,
    guide,
};
