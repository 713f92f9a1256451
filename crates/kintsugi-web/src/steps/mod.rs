//! The steps of the program on the web, one folder each with its pages, its API and its
//! guide; this table, beside the app's registry, is the one shared place that names them.
//! Each adapter only parses, calls `kintsugi_app::<step>` and renders.

mod agreements;
mod apology;
mod closeness;
mod control;
mod health;
mod promises;
mod roots;
mod support;
mod talk;
mod triggers;

use axum::Router;

use crate::AppState;
use crate::kit::{ApiRouter, WebStep};

/// Every step on the web, in the program's order.
pub(crate) const WEB: &[WebStep] = &[
    roots::WEB,
    talk::WEB,
    apology::WEB,
    agreements::WEB,
    promises::WEB,
    triggers::WEB,
    closeness::WEB,
    control::WEB,
    support::WEB,
    health::WEB,
];

/// Every step's pages.
pub(crate) fn pages() -> Router<AppState> {
    WEB.iter()
        .fold(Router::new(), |router, s| router.merge((s.pages)()))
}

/// Every step's API routes with their document (nested under /api/v1).
pub(crate) fn api() -> ApiRouter {
    WEB.iter()
        .fold(ApiRouter::new(), |router, s| router.merge((s.api)()))
}

/// Whether a route or path is one that must leave no trace a partner or an operator could
/// observe (the safety check): not named in logs, no live ping to the couple.
pub(crate) fn unlogged(path: &str) -> bool {
    health::UNLOGGED.contains(&path)
}

/// The step on the web with this slug.
pub(crate) fn by_slug(slug: &str) -> Option<&'static WebStep> {
    WEB.iter().find(|s| s.step.slug == slug)
}

#[cfg(test)]
mod tests {
    use super::WEB;

    #[test]
    fn every_registered_step_is_on_the_web_in_order() {
        let registered: Vec<&str> = kintsugi_app::steps::STEPS.iter().map(|s| s.slug).collect();
        let web: Vec<&str> = WEB.iter().map(|s| s.step.slug).collect();
        assert_eq!(web, registered);
    }
}
