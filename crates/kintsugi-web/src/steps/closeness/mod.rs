//! Step 7, Closeness, on the web: the daily check-in and the week (`/closeness`), prompts
//! (`/closeness/prompts`), time together (`/closeness/together`) and appreciations
//! (`/closeness/thanks`). API under `/api/v1/checkins`, `/prompts`, `/moments` and
//! `/appreciations`.

mod api;
mod more;
mod pages;

crate::kit::web_step!(
    kintsugi_app::closeness::STEP,
    "/closeness",
    [
        ("Prompts", "/closeness/prompts"),
        ("Time together", "/closeness/together"),
        ("Appreciations", "/closeness/thanks")
    ],
    "guide/closeness.html"
);
