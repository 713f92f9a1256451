//! The coach as a handler calls it: counted against the session's rate limit, with the length
//! limit said plainly.

use kintsugi_coach::{Analysis, Kind};

use crate::accounts::Current;
use crate::limits::Purpose;
use crate::{AppError, AppState};

/// The most characters the coach reads at once.
pub const COACH_MAX_CHARS: usize = 20_000;

/// Runs the coach for a signed-in person, within their rate limit and the size limit.
pub(crate) fn coach_for(
    state: &AppState,
    me: &Current,
    kind: Kind,
    text: &str,
) -> Result<Analysis, AppError> {
    state
        .limits
        .check(Purpose::Coach, &me.session.id.to_string())?;
    if text.chars().count() > COACH_MAX_CHARS {
        return Err(AppError::TooLarge(format!(
            "The coach reads up to {COACH_MAX_CHARS} characters at a time. Try a shorter part of your text."
        )));
    }
    Ok(kintsugi_coach::analyze(kind, text))
}
