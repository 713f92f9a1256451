//! Step 4, Agreements, on the web: propose, accept, change and retire agreements together.
//! Pages under `/agreements`, API under `/api/v1/agreements`. Built like `talk` (see
//! ARCHITECTURE.md); the rules live in `kintsugi_app::agreements`.

mod api;
mod pages;

use crate::kit::{WebStep, guide_page};

guide_page!("guide/agreements.html");

/// This step on the web.
pub(crate) const WEB: WebStep = WebStep {
    step: &kintsugi_app::agreements::STEP,
    pages: pages::pages,
    api: api::api,
    guide,
};
