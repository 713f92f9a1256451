//! Step 6, Triggers, on the web: the private log and its patterns, the guided pause, and
//! reassurance requests. Pages under `/triggers` and `/reassurance`, API under
//! `/api/v1/triggers` and `/api/v1/reassurance-requests`.

mod api;
mod pages;

pub use api::TriggersApi;
pub(crate) use api::api;
pub(crate) use pages::pages;
