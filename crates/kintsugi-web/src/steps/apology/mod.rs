//! Step 3, Apology and accountability, on the web: a guided apology checked by the coach, the
//! receiver's free answer, commitments turned into promises, and the questions thread. Pages
//! under `/apologies` and `/questions`; API under `/api/v1/apologies` and `/api/v1/questions`.
//! The rules live in `kintsugi_app::apology`.

mod api;
mod pages;
mod questions;

crate::kit::web_step!(
    kintsugi_app::apology::STEP,
    "/apologies",
    [("Questions", "/questions")],
    "guide/apology.html"
);
