//! Step 2, Talk, on the web: plan a calm conversation, call a break, and rate it privately.
//! Pages under `/talks`, API under `/api/v1/talks`. Built like `roots` (see ARCHITECTURE.md).
//!
//! A talk and everything said about it (replies, breaks) are shared between the partners; the
//! after-talk reflection is private to the one who writes it and is never shown to the partner.
//! Where planning stands is derived from the replies in order, so two replies sent at once can't
//! corrupt it: one that no longer fits is ignored.

mod api;
mod pages;

use crate::kit::{WebStep, guide_page};

guide_page!("guide/talk.html");

/// This step on the web.
pub(crate) const WEB: WebStep = WebStep {
    step: &kintsugi_app::talk::STEP,
    pages: pages::pages,
    api: api::api,
    guide,
};
