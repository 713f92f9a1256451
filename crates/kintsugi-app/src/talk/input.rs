//! What a person sends to Talk, as the API and the pages both read it (times as typed; the
//! rules parse them).

use serde::Deserialize;

/// A new talk.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"topic": "How we spend Sundays", "time": "2031-05-02T19:30"})))]
pub struct NewTalk {
    /// What it's about (1 to 1,000 characters).
    pub topic: String,
    /// When, as both of you read a clock: `YYYY-MM-DDTHH:MM`.
    pub time: String,
}

/// What an answer does: take the time on the table, propose another (the proposer: move their
/// own), withdraw one's own proposal, or call the talk off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Choice {
    /// Agree to the time on the table.
    Accept,
    /// Propose another time (or, for the proposer, move their own).
    Counter,
    /// The proposer takes the proposal back before it's agreed.
    Withdraw,
    /// Either calls the talk off.
    Cancel,
}

/// An answer to the time on the table.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"response": "accept", "note": "Sunday evening suits me."})))]
pub struct TalkAnswer {
    /// `accept`, `counter`, `withdraw` or `cancel`.
    pub response: Choice,
    /// For `counter`: the time proposed instead (`YYYY-MM-DDTHH:MM`).
    #[serde(default)]
    pub time: Option<String>,
    /// An optional note (up to 1,000 characters).
    #[serde(default)]
    pub note: String,
}

/// A break.
#[derive(Debug, Clone, Copy, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"minutes": 20})))]
pub struct NewPause {
    /// From 20 minutes to a day.
    #[cfg_attr(feature = "openapi", schema(minimum = 20, maximum = 1440))]
    pub minutes: u32,
}
