//! Step 7, Closeness: a daily check-in each partner answers on their own day (revealed to the
//! other only once both answered for that day), conversation prompts both answer before either
//! sees the other's answer, time together planned and looked back on, and appreciations.
//!
//! How safe a person feels is asked with the check-in and never shared: the partner may be the
//! reason, so it is sealed for its author alone.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::{Field, InvalidInput, parse_text};

mod prompts;
pub use prompts::{PROMPTS_PER_DEPTH, prompt};

/// The day a check-in is for.
pub const DAY: Field = Field::new("day", "Day");
/// Mood, 1–5.
pub const MOOD: Field = Field::new("mood", "Mood");
/// Closeness, 1–10.
pub const CLOSENESS: Field = Field::new("closeness", "How close you feel");
/// Feeling safe, 1–10 (private, always).
pub const SAFE: Field = Field::new("safe", "How safe you feel");
/// The check-in's optional sentence for the partner, a later note, an answer, a line.
pub const NOTE: Field = Field::new("note", "A sentence for your partner");
/// An answer to a prompt, an appreciation, a later thought.
pub const TEXT: Field = Field::new("text", "Your words");
/// What a moment together is.
pub const WHAT: Field = Field::new("what", "What you plan to do");
/// How a moment went, 1–5.
pub const WENT: Field = Field::new("went", "How it went");
/// The depth of a prompt.
pub const DEPTH: Field = Field::new("depth", "Depth");

/// The longest check-in sentence, later note, line or appreciation, in characters.
pub const NOTE_MAX: usize = 500;
/// The longest answer to a prompt, in characters.
pub const ANSWER_MAX: usize = 2_000;
/// The longest description of a moment together, in characters.
pub const WHAT_MAX: usize = 200;
/// How many days back a check-in can still be given (today and the seven before it).
pub const DAYS_BACK: i64 = 7;

choices!(
    /// How deep a conversation prompt goes.
    Depth {
        /// Easy to answer on a busy evening.
        Light => "light", "Light";
        /// Asks for a little more.
        Deeper => "deeper", "Deeper";
        /// For a quiet time with room for feelings.
        Deep => "deep", "Deep";
    }
);

/// A day's check-in, for the partner once both answered for that day (sealed; shared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    /// The day, on the author's clock: `YYYY-MM-DD`.
    pub day: String,
    /// 1–5.
    pub mood: u8,
    /// 1–10.
    pub closeness: u8,
    /// An optional sentence for the partner.
    #[serde(default)]
    pub note: String,
}

/// How safe the author felt that day (sealed; private to its author, always: never shown to
/// the partner, revealed or not). Written under the check-in; a change writes a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Safe {
    /// 1–10.
    pub safe: u8,
}

/// A later thought under a check-in both can read (sealed; shared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaterNote {
    /// The words.
    pub text: String,
}

/// A prompt a couple drew (sealed; shared): which one, never a person's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draw {
    /// Its depth.
    pub depth: Depth,
    /// Its place in that depth's list.
    pub number: u16,
}

/// One partner's answer to a drawn prompt, revealed once both answered (sealed; shared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The words.
    pub text: String,
}

/// A prompt set aside by either partner (sealed; shared; holds nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skip {}

/// Time together, planned (sealed; shared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    /// What.
    pub what: String,
    /// When (unix seconds).
    pub at: i64,
}

/// How a moment went for one partner (sealed; private to its author).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Went {
    /// 1–5.
    pub went: u8,
}

/// A line about a moment, shared with the partner (sealed; shared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// The words.
    pub text: String,
}

/// A short note of thanks to the partner (sealed; shared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appreciation {
    /// The words.
    pub text: String,
}

/// A number on a scale from `low` to `high`.
pub fn scale(field: Field, n: i64, low: u8, high: u8) -> Result<u8, InvalidInput> {
    u8::try_from(n)
        .ok()
        .filter(|n| (low..=high).contains(n))
        .ok_or(InvalidInput::Format {
            field,
            rule: match (low, high) {
                (1, 5) => "is a number from 1 to 5.",
                _ => "is a number from 1 to 10.",
            },
        })
}

/// An optional short text: empty stays empty.
pub fn optional(field: Field, s: &str, max: usize) -> Result<String, InvalidInput> {
    match s.trim().is_empty() {
        true => Ok(String::new()),
        false => parse_text(field, s, max),
    }
}

/// A day, `YYYY-MM-DD`.
pub fn a_day(day: &str) -> Result<String, InvalidInput> {
    day.trim()
        .parse::<Date>()
        .map(|d| d.to_string())
        .map_err(|_| InvalidInput::Format {
            field: DAY,
            rule: "needs a date like 2026-12-06.",
        })
}

/// A day to check in for, given the person's `today` (both `YYYY-MM-DD`): today, or one of the
/// seven days before it; never a day still to come.
pub fn check_in_day(day: &str, today: &str) -> Result<String, InvalidInput> {
    let bad = |rule| InvalidInput::Format { field: DAY, rule };
    let (Ok(day), Ok(today)) = (day.trim().parse::<Date>(), today.parse::<Date>()) else {
        return Err(bad("needs a date like 2026-12-06."));
    };
    if day > today {
        return Err(bad(
            "is still to come. A check-in is for today or a day just past.",
        ));
    }
    let back = today
        .since(day)
        .map(|span| i64::from(span.get_days()))
        .unwrap_or(i64::MAX);
    if back > DAYS_BACK {
        return Err(bad(
            "is more than a week ago. A check-in is for today or a day just past.",
        ));
    }
    Ok(day.to_string())
}

impl CheckIn {
    /// Validates a check-in for `day` (already checked with [`check_in_day`]).
    pub fn parse(
        day: String,
        mood: i64,
        closeness: i64,
        note: &str,
    ) -> Result<CheckIn, InvalidInput> {
        Ok(CheckIn {
            day,
            mood: scale(MOOD, mood, 1, 5)?,
            closeness: scale(CLOSENESS, closeness, 1, 10)?,
            note: optional(NOTE, note, NOTE_MAX)?,
        })
    }

    /// The pair its answers belong to: both partners' check-ins for the same day.
    pub fn pair(day: &str) -> String {
        format!("checkin:{day}")
    }
}

/// A mood in words, 1 to 5.
pub fn mood_label(mood: u8) -> &'static str {
    match mood {
        1 => "Low",
        2 => "Not great",
        3 => "Okay",
        4 => "Good",
        _ => "Very good",
    }
}

/// A day as a person reads it: "Sunday 6 December" (the stored form when it can't be read).
pub fn day_label(day: &str) -> String {
    day.parse::<Date>()
        .map(|d| d.strftime("%A %-d %B").to_string())
        .unwrap_or_else(|_| day.to_string())
}

/// The day `back` days before `day` (both `YYYY-MM-DD`).
pub fn days_before(day: &str, back: i64) -> Option<String> {
    let d = day.parse::<Date>().ok()?;
    d.checked_sub(jiff::Span::new().days(back))
        .ok()
        .map(|d| d.to_string())
}

/// Validates a later note, an appreciation or a line.
pub fn short_text(s: &str) -> Result<String, InvalidInput> {
    parse_text(TEXT, s, NOTE_MAX)
}

/// Validates an answer to a prompt.
pub fn answer(s: &str) -> Result<String, InvalidInput> {
    parse_text(TEXT, s, ANSWER_MAX)
}

/// Validates what a moment together is.
pub fn what(s: &str) -> Result<String, InvalidInput> {
    parse_text(WHAT, s, WHAT_MAX)
}

/// The next prompt of a depth for a couple that has drawn `used` of it (numbers, in any order):
/// the first not yet drawn, taken at `seed` among those left; once every prompt of the depth
/// has been drawn, a new round begins with all of them but the last one drawn.
pub fn next_prompt(used: &[u16], last: Option<u16>, seed: u64) -> u16 {
    let all = PROMPTS_PER_DEPTH as u16;
    // Only the current round counts: the draws since the depth was last used up.
    let round = used.len() % usize::from(all);
    let current = &used[used.len() - round..];
    let left: Vec<u16> = (0..all)
        .filter(|n| !current.contains(n))
        .filter(|n| round != 0 || Some(*n) != last)
        .collect();
    left[(seed % left.len() as u64) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_today_or_the_week_before() {
        assert_eq!(
            check_in_day("2026-12-06", "2026-12-06").expect("valid"),
            "2026-12-06"
        );
        assert!(check_in_day("2026-11-29", "2026-12-06").is_ok());
        assert!(
            check_in_day("2026-11-28", "2026-12-06").is_err(),
            "eight days back"
        );
        assert!(
            check_in_day("2026-12-07", "2026-12-06").is_err(),
            "tomorrow"
        );
        assert!(check_in_day("6 December", "2026-12-06").is_err());
        assert_eq!(day_label("2026-12-06"), "Sunday 6 December");
        assert_eq!(days_before("2026-12-01", 2).expect("valid"), "2026-11-29");
    }

    #[test]
    fn check_ins_are_checked() {
        let c = CheckIn::parse("2026-12-06".into(), 3, 7, "  A good day. ").expect("valid");
        assert_eq!(c.note, "A good day.");
        assert_eq!(
            CheckIn::parse("d".into(), 0, 7, "")
                .expect_err("refused")
                .field(),
            MOOD
        );
        assert_eq!(
            CheckIn::parse("d".into(), 5, 11, "")
                .expect_err("refused")
                .field(),
            CLOSENESS
        );
        assert!(CheckIn::parse("d".into(), 5, 10, &"x".repeat(NOTE_MAX + 1)).is_err());
        assert!(scale(SAFE, 300, 1, 10).is_err() && scale(SAFE, -1, 1, 10).is_err());
    }

    #[test]
    fn no_prompt_repeats_until_its_depth_is_used_up() {
        let mut used = Vec::new();
        for seed in 0..u64::from(PROMPTS_PER_DEPTH as u16) {
            let n = next_prompt(&used, used.last().copied(), seed * 7919);
            assert!(!used.contains(&n), "{n} drawn twice in one round");
            used.push(n);
        }
        // A new round: anything but the one just drawn.
        let last = used.last().copied();
        for seed in 0..50 {
            assert_ne!(Some(next_prompt(&used, last, seed)), last);
        }
    }
}
