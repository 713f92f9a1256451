//! Step 3, Apology and accountability, on the web: a guided apology checked by the coach, the
//! receiver's free answer, commitments turned into promises, and the questions thread. Pages
//! under `/apologies` and `/questions`; API under `/api/v1/apologies` and `/api/v1/questions`.
//! Built like `roots` (see ARCHITECTURE.md).
//!
//! A draft is private; delivering shares it and freezes it (a delivered apology is never edited).
//! The author's value line stays private for good. An answer in the questions thread is amended
//! by writing a new version; every version stays visible to both, with its time.

mod api;
mod pages;
mod questions;

pub use api::ApologyApi;
pub(crate) use api::api;
pub(crate) use pages::pages;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The five parts as typed (named `ApologyParts` in the OpenAPI document; the coach's `Parts`
/// says which parts it found).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[schema(as = ApologyParts)]
pub struct Parts {
    /// What I did (required).
    pub what_i_did: String,
    /// That it was my responsibility.
    #[serde(default)]
    pub responsibility: String,
    /// How it affected you.
    #[serde(default)]
    pub impact: String,
    /// What I will do differently.
    #[serde(default)]
    pub differently: String,
    /// How I will repair.
    #[serde(default)]
    pub repair: String,
}

impl Parts {
    /// The parts in the program's order, as the app crate takes them.
    fn as_array(&self) -> [&str; 5] {
        [
            &self.what_i_did,
            &self.responsibility,
            &self.impact,
            &self.differently,
            &self.repair,
        ]
    }
}
