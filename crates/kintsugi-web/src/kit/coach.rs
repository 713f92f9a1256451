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
    /// dangers: the coach never comments on the other person's tone. Each text is read once
    /// per process (a page opened again reads from memory what the coach found).
    pub(crate) fn received(texts: &[String]) -> Dangers {
        texts
            .iter()
            .fold(Dangers::default(), |d, t| d.or(read_once(t)))
    }

    fn or(self, other: Dangers) -> Dangers {
        Dangers {
            self_harm: self.self_harm || other.self_harm,
            threat: self.threat || other.threat,
            harm: self.harm || other.harm,
        }
    }

    /// Whether there is any.
    pub(crate) fn any(&self) -> bool {
        self.self_harm || self.threat || self.harm
    }
}

/// What the coach found in a received text, remembered by a keyed hash of the text (the keys
/// random per process; nothing of the text is kept), up to a bound, then forgotten all at once.
fn read_once(text: &str) -> Dangers {
    use std::collections::HashMap;
    use std::hash::BuildHasher;
    use std::sync::{Mutex, OnceLock};
    static KEYS: OnceLock<std::collections::hash_map::RandomState> = OnceLock::new();
    static FOUND: OnceLock<Mutex<HashMap<u64, Dangers>>> = OnceLock::new();
    const MOST: usize = 50_000;
    let key = KEYS.get_or_init(Default::default).hash_one(text);
    let found = FOUND.get_or_init(Default::default);
    if let Some(d) = found.lock().ok().and_then(|f| f.get(&key).copied()) {
        return d;
    }
    let reading = kintsugi_coach::analyze(Kind::Message, text);
    let d = Dangers::of(reading.safety.iter());
    if let Ok(mut f) = found.lock() {
        if f.len() >= MOST {
            f.clear();
        }
        f.insert(key, d);
    }
    d
}
