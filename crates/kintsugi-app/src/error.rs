//! What the application refuses or fails at. Every step's own error turns into this one, which
//! the web layer maps to HTTP in one place. Messages are written for a person and never carry
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
/// The answer when sharing needs a partner.
pub const NO_PARTNER: &str = "You're not paired with a partner right now, so there is no one to share this with. It stays private.";

impl From<kintsugi_vault::VaultError> for Error {
    fn from(e: kintsugi_vault::VaultError) -> Error {
        tracing::error!(error = %e, "a key could not be opened");
        Error::Internal
    }
}

/// A result of the application layer.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The conversions every step's error has: invalid input and the application's errors come in
/// as its `App` variant; it goes out as one [`Error`], with the listed variants as "not found"
/// and every other refusal as `Refused` with its own words.
macro_rules! step_error {
    ($error:ident, not_found: [$($not_found:ident),*]) => {
        impl From<kintsugi_domain::InvalidInput> for $error {
            fn from(e: kintsugi_domain::InvalidInput) -> $error {
                $error::App(e.into())
            }
        }

        impl From<$error> for crate::Error {
            fn from(e: $error) -> crate::Error {
                match e {
                    $error::App(e) => e,
                    $($error::$not_found => crate::Error::NotFound(crate::error::NOT_YOURS),)*
                    #[allow(unreachable_patterns)]
                    refused => crate::Error::Refused(refused.to_string()),
                }
            }
        }
    };
}
pub(crate) use step_error;
