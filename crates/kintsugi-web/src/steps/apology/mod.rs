//! Step 3 on the web: the apology pages, the questions thread and their API; the rules live in
//! `kintsugi_app::apology`.

mod api;
mod pages;
mod questions;

crate::kit::web_step!(
    kintsugi_app::apology::STEP,
    "/apologies",
    [("Questions", "/questions")],
    "guide/apology.html"
);
