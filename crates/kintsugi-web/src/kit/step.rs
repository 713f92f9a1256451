//! What a step gives the web, beside its entry in the app's registry: its pages, its API (with
//! their document) and its guide. The table of them is in `steps/mod.rs`; this is only the
//! shape, so a step's adapter imports it without importing the table.

use axum::Router;
use axum::response::Response;
use kintsugi_app::steps::Step;

use crate::AppState;
use crate::kit::{ApiRouter, Nav};

/// One step on the web.
pub(crate) struct WebStep {
    /// Its entry in the registry (number, slug, title, paths).
    pub(crate) step: &'static Step,
    /// Its pages.
    pub(crate) pages: fn() -> Router<AppState>,
    /// Its API, nested under `/api/v1`, each route with its annotation.
    pub(crate) api: fn() -> ApiRouter,
    /// Its guide page, given the frame.
    pub(crate) guide: fn(Nav, &'static Step) -> Response,
}

/// A step's guide page: its own template, which gets the frame (`nav`) and the step's entry
/// (`step`: "Step 2", its title, its paths) from the registry.
macro_rules! guide_page {
    ($path:literal) => {
        #[derive(askama::Template)]
        #[template(path = $path)]
        struct Guide {
            nav: $crate::kit::Nav,
            step: &'static kintsugi_app::steps::Step,
        }

        /// This step's guide page.
        fn guide(
            nav: $crate::kit::Nav,
            step: &'static kintsugi_app::steps::Step,
        ) -> axum::response::Response {
            $crate::kit::render(axum::http::StatusCode::OK, &Guide { nav, step })
        }
    };
}
pub(crate) use guide_page;

/// What a step's `mod.rs` declares: its guide page and its `WEB` entry, from its registry entry
/// (`$step`), its guide template, and its `pages::pages` and `api::api`.
macro_rules! web_step {
    ($step:path, $guide:literal) => {
        $crate::kit::guide_page!($guide);

        /// This step on the web.
        pub(crate) const WEB: $crate::kit::WebStep = $crate::kit::WebStep {
            step: &$step,
            pages: pages::pages,
            api: api::api,
            guide,
        };
    };
}
pub(crate) use web_step;
