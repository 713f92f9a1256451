//! Step 4, Agreements, on the web: propose, accept, change and retire agreements together.
//! Pages under `/agreements`, API under `/api/v1/agreements`. Built like `talk` (see
//! ARCHITECTURE.md); the rules live in `kintsugi_app::agreements`.

mod api;
mod pages;

crate::kit::web_step!(
    kintsugi_app::agreements::STEP,
    "/agreements",
    [],
    "guide/agreements.html"
);
