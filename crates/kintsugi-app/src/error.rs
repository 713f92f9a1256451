//! What the application refuses or fails at, for every step: one error type, which the web
//! layer maps to HTTP in one place. A step's own refusals are a small enum of its words that
//! turns into [`Error::Refused`] (`refusals!`); what every step can meet (needs a partner, a
//! couple that has ended, not yours) is here. Messages are written for a person and never carry
//! private text.

use kintsugi_domain::InvalidInput;
use kintsugi_store::StoreError;

/// A refusal or failure, for any step.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value was refused (names its field).
    #[error(transparent)]
    Invalid(#[from] InvalidInput),
    /// Not there, or not the actor's to see: one answer, so existence is not revealed.
    #[error("{0}")]
    NotFound(&'static str),
    /// A rule of the step says no (not your turn, already delivered, needs a partner).
    #[error("{0}")]
    Refused(String),
    /// The store failed or refused.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Something on our side failed (a key that won't open, a body that won't encode).
    #[error("something went wrong on our side")]
    Internal,
}

/// The answer when an item is missing or not the actor's to see.
pub const NOT_FOUND: &str =
    "We couldn't find that. It may have been deleted, or it isn't shared with you.";
/// The answer when an item is missing or not the actor's own.
pub const NOT_YOURS: &str = "We couldn't find that among your own writing.";
/// The refusal for a write into a couple that has ended.
pub const CLOSED: &str = "This belongs to a couple that has ended. It stays here as it was, for both of you to read, and can't be answered or changed any more.";
/// The answer when sharing needs a partner.
pub const NO_PARTNER: &str = "You're not paired with a partner right now, so there is no one to share this with. It stays private.";

impl Error {
    /// Missing, or not the actor's own (one answer for both).
    pub fn not_yours() -> Error {
        Error::NotFound(NOT_YOURS)
    }

    /// A write into a couple that has ended.
    pub fn closed() -> Error {
        Error::Refused(CLOSED.to_string())
    }
}

impl From<kintsugi_vault::VaultError> for Error {
    fn from(e: kintsugi_vault::VaultError) -> Error {
        tracing::error!(error = %e, "a key could not be opened");
        Error::Internal
    }
}

/// A result of the application layer.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Lets each of these error types (a step's own refusals, a domain rule's error) turn into
/// [`Error::Refused`] with its own words, so `?` works on them in any step function.
macro_rules! refusals {
    ($($error:ty),+ $(,)?) => {$(
        impl From<$error> for $crate::Error {
            fn from(e: $error) -> $crate::Error {
                $crate::Error::Refused(e.to_string())
            }
        }
    )+};
}
pub(crate) use refusals;
