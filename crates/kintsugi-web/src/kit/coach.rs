//! The coach as a handler calls it: counted against the session's rate limit, with the length
//! limit said plainly.

use kintsugi_coach::{Analysis, Kind, SafetyKind, SafetySignal};

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
    within_limits(state, me, text.chars().count())?;
    Ok(kintsugi_coach::analyze(kind, text))
}

/// The coach on an apology written in the five-field form, each part judged by its field.
pub(crate) fn apology_coach_for(
    state: &AppState,
    me: &Current,
    fields: [&str; 5],
) -> Result<Analysis, AppError> {
    within_limits(state, me, fields.iter().map(|f| f.chars().count()).sum())?;
    Ok(kintsugi_coach::analyze_apology(fields).1)
}

/// One analysis more for the session's budget, and the length said plainly.
fn within_limits(state: &AppState, me: &Current, chars: usize) -> Result<(), AppError> {
    state
        .limits
        .check(Purpose::Coach, &me.session.id.to_string())?;
    if chars > COACH_MAX_CHARS {
        return Err(AppError::TooLarge(format!(
            "The coach reads up to {COACH_MAX_CHARS} characters at a time. Try a shorter part of your text."
        )));
    }
    Ok(())
}

/// The dangers the coach reads in some words: what the safety card speaks to.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dangers {
    /// Someone may hurt themselves.
    pub(crate) self_harm: bool,
    /// A threat to hurt someone.
    pub(crate) threat: bool,
    /// Someone is hurt, afraid or controlled.
    pub(crate) harm: bool,
}

impl Dangers {
    /// The dangers among some safety signals.
    pub(crate) fn of<'a>(signals: impl IntoIterator<Item = &'a SafetySignal>) -> Dangers {
        signals
            .into_iter()
            .fold(Dangers::default(), |d, s| match s.kind {
                SafetyKind::SelfHarm => Dangers {
                    self_harm: true,
                    ..d
                },
                SafetyKind::Threat => Dangers { threat: true, ..d },
                SafetyKind::HarmReport => Dangers { harm: true, ..d },
            })
    }

    /// The dangers in words someone received (the other person's words a page opened). Only
    /// dangers: the coach never comments on the other person's tone.
    pub(crate) fn received(texts: &[String]) -> Dangers {
        let readings: Vec<Analysis> = texts
            .iter()
            .map(|t| kintsugi_coach::analyze(Kind::Message, t))
            .collect();
        Dangers::of(readings.iter().flat_map(|a| a.safety.iter()))
    }

    /// Whether there is any.
    pub(crate) fn any(&self) -> bool {
        self.self_harm || self.threat || self.harm
    }
}
