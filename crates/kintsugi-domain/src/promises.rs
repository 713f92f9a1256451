//! Step 5, Promises: small promises kept over time. A promise is one-off (a due day), daily,
//! weekly on chosen days, or open (kept as it comes up, like one made from an apology). The one
//! who promised marks each occurrence done or not; the partner confirms it kept or missed; they
//! may disagree, each with a short note.
//!
//! Reliability is a moving average over occurrences, not a streak: recent ones count more, and
//! one missed day is a dip, never a reset. After each counted occurrence,
//! `score ← score·m + kept·(1 − m)` with `m = 0.5^(1/h)`, where `h`, the half-life in
//! occurrences, is `2·√(7·per_week)`: two weeks of a daily promise, about five weeks of a weekly
//! one. A new promise starts at one half: nothing is known yet, either way. (Loop Habit
//! Tracker's habit strength uses the same update with `m = 0.5^(√freq/13)`; ours ties the
//! half-life to weeks a couple can feel rather than to a fixed count.)

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use crate::{Field, InvalidInput, parse_text};

/// What is promised.
pub const TEXT: Field = Field::new("text", "Promise");
/// How often.
pub const EVERY: Field = Field::new("every", "How often");
/// The day (due, or from).
pub const DAY: Field = Field::new("day", "Day");
/// Which days of the week.
pub const DAYS: Field = Field::new("days", "Days of the week");
/// A note with a mark.
pub const NOTE: Field = Field::new("note", "Note");

/// The longest promise, in characters.
pub const TEXT_MAX: usize = 4_000;
/// The longest note on a mark, in characters.
pub const NOTE_MAX: usize = 300;
/// How long a report waits for the partner before it counts as reported.
pub const CONFIRM_WITHIN_DAYS: i64 = 3;

/// When a promise comes due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "every", rename_all = "snake_case")]
pub enum Schedule {
    /// Kept as it comes up (no set days): the one who promised says when they kept it.
    #[default]
    Open,
    /// Once, by a day.
    Once {
        /// `YYYY-MM-DD`.
        due: String,
    },
    /// Every day from a day.
    Daily {
        /// `YYYY-MM-DD`.
        from: String,
    },
    /// Some days of every week from a day.
    Weekly {
        /// `YYYY-MM-DD`.
        from: String,
        /// 1 (Monday) to 7 (Sunday), each once, in order.
        days: Vec<u8>,
    },
}

/// A `YYYY-MM-DD` day, or why not.
pub fn day(s: &str, field: Field) -> Result<Date, InvalidInput> {
    let s = s.trim();
    (s.len() == 10)
        .then(|| s.parse::<Date>().ok())
        .flatten()
        .ok_or(InvalidInput::Format {
            field,
            rule: "needs a date, like 2027-03-01.",
        })
}

/// A date as `YYYY-MM-DD`.
pub fn day_str(d: Date) -> String {
    d.strftime("%Y-%m-%d").to_string()
}

fn weekday(n: u8) -> Option<Weekday> {
    Weekday::from_monday_one_offset(i8::try_from(n).ok()?).ok()
}

impl Schedule {
    /// Validates a schedule typed in a form or sent to the API: `once`, `daily`, `weekly` or
    /// `open`; the day (not before `today`, except that daily and weekly may start today); the
    /// weekdays for weekly.
    pub fn parse(
        every: &str,
        on: &str,
        days: &[u8],
        today: Date,
    ) -> Result<Schedule, InvalidInput> {
        let start = || -> Result<String, InvalidInput> {
            let d = day(on, DAY)?;
            if d < today {
                return Err(InvalidInput::Format {
                    field: DAY,
                    rule: "is in the past. Pick today or a day still to come.",
                });
            }
            Ok(day_str(d))
        };
        match every {
            "open" => Ok(Schedule::Open),
            "once" => Ok(Schedule::Once { due: start()? }),
            "daily" => Ok(Schedule::Daily { from: start()? }),
            "weekly" => {
                let mut d: Vec<u8> = days.to_vec();
                d.sort_unstable();
                d.dedup();
                if d.is_empty() || d.iter().any(|n| weekday(*n).is_none()) {
                    return Err(InvalidInput::Format {
                        field: DAYS,
                        rule: "needs at least one day of the week.",
                    });
                }
                Ok(Schedule::Weekly {
                    from: start()?,
                    days: d,
                })
            }
            _ => Err(InvalidInput::Format {
                field: EVERY,
                rule: "is once, daily, weekly or open.",
            }),
        }
    }

    /// Occurrences a week, for the half-life (open promises: about one).
    pub fn per_week(&self) -> f64 {
        match self {
            Schedule::Daily { .. } => 7.0,
            Schedule::Weekly { days, .. } => days.len() as f64,
            Schedule::Open | Schedule::Once { .. } => 1.0,
        }
    }

    /// The scheduled days up to and including `today`, oldest first (none for open promises).
    pub fn days_until(&self, today: Date) -> Vec<Date> {
        let from = |s: &str| s.parse::<Date>().ok();
        match self {
            Schedule::Open => Vec::new(),
            Schedule::Once { due } => from(due).filter(|d| *d <= today).into_iter().collect(),
            Schedule::Daily { from: f } => days_between(from(f), today, |_| true),
            Schedule::Weekly { from: f, days } => days_between(from(f), today, |d| {
                days.contains(&u8::try_from(d.weekday().to_monday_one_offset()).unwrap_or(0))
            }),
        }
    }

    /// Whether `d` is one of its days (any day up to today, for an open promise).
    pub fn is_day(&self, d: Date, today: Date) -> bool {
        if d > today {
            return false;
        }
        match self {
            Schedule::Open => true,
            _ => self.days_until(today).binary_search(&d).is_ok(),
        }
    }

    /// In words: "every day from 1 March 2027", "on Mondays and Thursdays"…
    pub fn words(&self) -> String {
        let friendly = |s: &str| {
            s.parse::<Date>()
                .map(|d| d.strftime("%-d %B %Y").to_string())
                .unwrap_or_default()
        };
        match self {
            Schedule::Open => "as it comes up".into(),
            Schedule::Once { due } => format!("once, by {}", friendly(due)),
            Schedule::Daily { from } => format!("every day from {}", friendly(from)),
            Schedule::Weekly { from, days } => {
                let names: Vec<String> = days
                    .iter()
                    .filter_map(|n| weekday(*n))
                    .map(|w| format!("{w:?}s"))
                    .collect();
                format!("on {} from {}", join_words(&names), friendly(from))
            }
        }
    }
}

fn join_words(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn days_between(from: Option<Date>, to: Date, keep: impl Fn(Date) -> bool) -> Vec<Date> {
    let Some(mut d) = from else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while d <= to {
        if keep(d) {
            out.push(d);
        }
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    out
}

/// A promise (sealed; shared with the partner). Promises made from an apology (step 3) are
/// the same kind, open by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    /// What is promised.
    pub text: String,
    /// When it comes due.
    #[serde(default)]
    pub schedule: Schedule,
}

impl Promise {
    /// Validates the text; an open promise.
    pub fn parse(text: &str) -> Result<Promise, InvalidInput> {
        Ok(Promise {
            text: parse_text(TEXT, text, TEXT_MAX)?,
            schedule: Schedule::Open,
        })
    }
}

/// A mark on one occurrence (sealed; shared): by the one who promised, whether they did it;
/// by the partner, whether they see it kept. The latest of each person's marks for a day counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// The occurrence's day, `YYYY-MM-DD`.
    pub day: String,
    /// Done (kept) or not.
    pub kept: bool,
    /// A short note.
    #[serde(default)]
    pub note: String,
}

impl Mark {
    /// Validates the day (one of the promise's, up to `today`) and the note.
    pub fn parse(
        schedule: &Schedule,
        on: &str,
        kept: bool,
        note: &str,
        today: Date,
    ) -> Result<Mark, InvalidInput> {
        let d = day(on, DAY)?;
        if !schedule.is_day(d, today) {
            return Err(InvalidInput::Format {
                field: DAY,
                rule: "isn't one of this promise's days up to today.",
            });
        }
        let note = if note.trim().is_empty() {
            String::new()
        } else {
            parse_text(NOTE, note, NOTE_MAX)?
        };
        Ok(Mark {
            day: day_str(d),
            kept,
            note,
        })
    }
}

/// The half-life, in occurrences, of a promise kept `per_week` times a week.
pub fn half_life(per_week: f64) -> f64 {
    2.0 * (7.0 * per_week.max(0.1)).sqrt()
}

/// Reliability after each counted occurrence (kept or not, oldest first), from one half.
pub fn reliability(outcomes: &[bool], per_week: f64) -> Vec<f64> {
    let m = 0.5f64.powf(1.0 / half_life(per_week));
    let mut score = 0.5;
    outcomes
        .iter()
        .map(|kept| {
            score = score * m + if *kept { 1.0 - m } else { 0.0 };
            score
        })
        .collect()
}

/// How many counted days it takes before a promise's keeping is put into words at all.
pub const TOO_FEW_TO_TELL: usize = 4;
/// How many of the latest counted days the words are about.
pub const RECENT_DAYS: usize = 20;

/// The range the share of days kept likely lies in, having seen `kept` of `counted`: a 90%
/// Wilson score interval, or `None` with fewer than [`TOO_FEW_TO_TELL`] days (then any figure
/// would say more than is known).
pub fn kept_range(kept: usize, counted: usize) -> Option<(f64, f64)> {
    if counted < TOO_FEW_TO_TELL || kept > counted {
        return None;
    }
    let (n, p, z) = (counted as f64, kept as f64 / counted as f64, 1.645f64);
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z / (1.0 + z * z / n) * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// How often a promise is kept, in a few plain words ("kept most of the time"), from the range
/// the share likely lies in; `None` while it's too soon to tell.
pub fn kept_words(kept: usize, counted: usize) -> Option<&'static str> {
    let (low, high) = kept_range(kept, counted)?;
    Some(match (low, high) {
        (l, _) if l >= 0.8 => "kept almost every time",
        (l, _) if l >= 0.55 => "kept most of the time",
        (_, h) if h <= 0.2 => "rarely kept so far",
        (_, h) if h <= 0.45 => "kept less often than not",
        _ => "kept some of the time",
    })
}

#[cfg(test)]
mod tests;
