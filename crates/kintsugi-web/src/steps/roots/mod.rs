//! Step 1, Roots, on the web: the origins checklist and the reflection journal, as pages and as
//! `/api/v1/roots` and `/api/v1/reflections`. The checklist is always private; a reflection is
//! private until its author shares it, and sharing can be taken back.
//!
//! The rules live in `kintsugi_app::roots`; this module only parses, calls and renders.

mod api;
mod pages;

pub use api::RootsApi;
pub(crate) use api::api;
pub(crate) use pages::pages;
