//! Kintsugi's application layer: each step of the program as rules and use cases over typed,
//! sealed records. It knows nothing of HTTP: a web request, a CLI command and a background job
//! all enter through an [`Actor`] (who is acting, with their keys) and call the same functions.
//!
//! - [`records`] is the one door to sealed storage: typed records ([`Record`]), a version in
//!   every sealed body, reads only through the store's authorization rule, and a list page's
//!   threads fetched in one query ([`records::threads`]).
//! - [`steps`] is the registry: the one shared place that names the steps. Each step declares
//!   itself there ([`step::Step`]): its kinds, what its writes leave waiting ([`waiting`]),
//!   how those read in words, and what falls due ([`due`]). The inbox, Home, the program page
//!   and the guide walk it and name no step.
//! - One module per step ([`roots`], [`talk`], …) holds its rules and its own refusals.

pub mod actor;
pub mod agreements;
pub mod apology;
pub mod closeness;
pub mod control;
pub mod due;
pub mod effort;
pub mod error;
pub mod export;
pub mod health;
pub mod history;
pub mod inbox;
pub mod kinds;
pub mod locker;
pub mod measure;
pub mod progress;
pub mod promises;
pub mod records;
pub mod reminders;
pub mod report;
pub mod roots;
pub mod stamp;
pub mod step;
pub mod steps;
pub mod support;
pub mod talk;
pub mod told;
pub mod triggers;
pub mod waiting;
pub mod words;

pub use actor::Actor;
pub use error::{Error, Result};
pub use records::{Item, Record, RecordKind, SeenBy};
pub use stamp::Stamp;

/// Unix time now, in seconds.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp() + SHIFT.with(std::cell::Cell::get)
}

thread_local! {
    /// How far tests have moved this thread's clock (always 0 outside tests).
    static SHIFT: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

/// Moves the app's clock forward by `seconds` on this thread, for tests of what time changes
/// (a talk that has begun, a review date that has come). A server under test on a
/// single-threaded runtime shares the test's thread, so its requests see the same clock.
/// Nothing outside tests calls it.
#[doc(hidden)]
pub fn move_clock_for_tests(seconds: i64) {
    SHIFT.with(|s| s.set(s.get() + seconds));
}
