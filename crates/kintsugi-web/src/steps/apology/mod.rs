//! Step 3, Apology and accountability, on the web: a guided apology checked by the coach, the
//! receiver's free answer, commitments turned into promises, and the questions thread. Pages
//! under `/apologies` and `/questions`; API under `/api/v1/apologies` and `/api/v1/questions`.
//! Built like `roots` (see ARCHITECTURE.md).
//!
//! A draft is private; delivering shares it and freezes it (a delivered apology is never edited).
//! The author's value line stays private for good. An answer in the questions thread is amended
//! by writing a new version; every version stays visible to both, with its time.

mod api;
mod pages;
mod questions;

use crate::kit::{WebStep, guide_page};

guide_page!("guide/apology.html");

/// This step on the web.
pub(crate) const WEB: WebStep = WebStep {
    step: &kintsugi_app::apology::STEP,
    pages: pages::pages,
    api: api::api,
    guide,
};
