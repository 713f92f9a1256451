//! Step 2, Talk, on the web: plan a calm conversation, call a break, and rate it privately.
//! Pages under `/talks`, API under `/api/v1/talks`; the rules live in `kintsugi_app::talk`.

mod api;
mod pages;

crate::kit::web_step!(kintsugi_app::talk::STEP, "/talks", [], "guide/talk.html");
