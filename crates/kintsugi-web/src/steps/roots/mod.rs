//! Step 1, Roots, on the web: the origins checklist and the reflection journal, as pages and as
//! `/api/v1/roots` and `/api/v1/reflections`. The checklist is always private; a reflection is
//! private until its author shares it, and sharing can be taken back.
//!
//! The rules live in `kintsugi_app::roots`; this module only parses, calls and renders.

mod api;
mod pages;

crate::kit::web_step!(kintsugi_app::roots::STEP, "/roots", [], "guide/roots.html");
