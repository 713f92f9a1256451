//! The steps of the program, one folder each, with their pages and their API. Each adapter only
//! parses, calls `kintsugi_app::<step>` and renders; the rules live in the app crate.

pub(crate) mod agreements;
pub(crate) mod apology;
pub(crate) mod promises;
pub(crate) mod roots;
pub(crate) mod talk;
pub(crate) mod triggers;

use axum::Router;

use crate::AppState;

/// Every step's pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .merge(roots::pages())
        .merge(talk::pages())
        .merge(apology::pages())
        .merge(agreements::pages())
        .merge(promises::pages())
        .merge(triggers::pages())
}

/// Every step's API routes (nested under /api/v1).
pub(crate) fn api() -> Router<AppState> {
    Router::new()
        .merge(roots::api())
        .merge(talk::api())
        .merge(apology::api())
        .merge(agreements::api())
        .merge(promises::api())
        .merge(triggers::api())
}
