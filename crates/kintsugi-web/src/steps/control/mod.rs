//! Step 8, the Control check, on the web: the private self-check with its reading, trend and
//! mirror at `/control`; API under `/api/v1/control-checks`.

mod api;
mod pages;

crate::kit::web_step!(
    kintsugi_app::control::STEP,
    "/control",
    [],
    "guide/control.html"
);
