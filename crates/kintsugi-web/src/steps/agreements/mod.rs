//! Step 4, Agreements, on the web: propose, accept, change and retire agreements together.
//! Pages under `/agreements`, API under `/api/v1/agreements`. Built like `talk` (see
//! ARCHITECTURE.md); the rules live in `kintsugi_app::agreements`.

mod api;
mod pages;

pub use api::AgreementsApi;
pub(crate) use api::api;
pub(crate) use pages::pages;
