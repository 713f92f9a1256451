//! Step 2, Talk: planning a calm conversation, pausing it, and reflecting on it privately.
//!
//! A talk is proposed by one partner with a topic and a time; the other accepts or proposes
//! another time, and so on until one of them accepts the other's time. Times are instants, typed
//! and read in each partner's own time zone; a time in the past can't be proposed or agreed.

use serde::{Deserialize, Serialize};

use crate::when::Zone;
use crate::{Field, InvalidInput, UserId, parse_text};

/// What a talk is about.
pub const TOPIC: Field = Field::new("topic", "Topic");
/// When.
pub const TIME: Field = Field::new("time", "Time");
/// A note with a reply.
pub const NOTE: Field = Field::new("note", "Note");
/// A break's length.
pub const BREAK: Field = Field::new("minutes", "Break");
/// An after-talk rating.
pub const RATING: Field = Field::new("rating", "Rating");

/// The longest topic, in characters.
pub const TOPIC_MAX: usize = 1_000;
/// The longest note on a reply, in characters.
pub const NOTE_MAX: usize = 1_000;
/// The shortest break: long enough for a racing heart to settle.
pub const PAUSE_MIN_MINUTES: u32 = 20;
/// The longest break that can be called at once.
pub const PAUSE_MAX_MINUTES: u32 = 24 * 60;

/// The ground rules shown on every talk.
pub const GROUND_RULES: [&str; 4] = [
    "One of you speaks while the other listens. Then swap.",
    "Ask questions to understand, not to win: \u{201c}What did you mean when\u{2026}?\u{201d}",
    "Look for a next step you can both live with, not a verdict on who was right.",
    "Either of you can call a break of at least twenty minutes, and you both come back.",
];

/// How long after its minute a time still counts as "now" rather than the past: someone who
/// types the current minute, or accepts a "let's talk now" a moment later, means now.
pub const NOW_GRACE_SECONDS: i64 = 15 * 60;

/// When a talk is: an instant, typed and shown in each person's own time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TalkTime(i64);

impl TalkTime {
    /// Reads `YYYY-MM-DDTHH:MM` (what a browser's date-and-time field sends) in `zone`, or an
    /// RFC 3339 instant with its offset.
    pub fn parse_in(s: &str, zone: &Zone) -> Result<TalkTime, InvalidInput> {
        zone.instant(s)
            .map(|secs| TalkTime(secs - secs.rem_euclid(60)))
            .ok_or(InvalidInput::Format {
                field: TIME,
                rule: "needs a date and a time, like 2026-11-27T19:30.",
            })
    }

    /// A time that is not in the past at `now` (unix seconds); the current minute and the few
    /// before it count as now.
    pub fn upcoming(self, now: i64) -> Result<TalkTime, InvalidInput> {
        if self.0 + NOW_GRACE_SECONDS < now {
            return Err(InvalidInput::Format {
                field: TIME,
                rule: "is in the past. Please choose a time that is still to come.",
            });
        }
        Ok(self)
    }

    /// Whether the time has come at `now`.
    pub fn has_come(self, now: i64) -> bool {
        self.0 <= now
    }

    /// Unix seconds.
    pub fn at(self) -> i64 {
        self.0
    }

    /// The form value in `zone`: `YYYY-MM-DDTHH:MM`.
    pub fn value_in(&self, zone: &Zone) -> String {
        zone.format(self.0, "%Y-%m-%dT%H:%M")
    }

    /// A friendly form in `zone` at `now`: "Friday 27 November, 19:30", with the year when it
    /// falls in another one ("Sunday 2 June 2030, 11:00").
    pub fn friendly_in(&self, zone: &Zone, now: i64) -> String {
        if zone.year(self.0) == zone.year(now) {
            zone.format(self.0, "%A %-d %B, %H:%M")
        } else {
            zone.format(self.0, "%A %-d %B %Y, %H:%M")
        }
    }
}

/// Sealed as an RFC 3339 instant in UTC.
impl Serialize for TalkTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&Zone::utc().rfc3339(self.0))
    }
}

/// Reads an instant; a wall-clock time sealed before zones existed is read in UTC, as every
/// account's zone then was.
impl<'de> Deserialize<'de> for TalkTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TalkTime, D::Error> {
        let s = String::deserialize(d)?;
        TalkTime::parse_in(&s, &Zone::utc()).map_err(serde::de::Error::custom)
    }
}

/// What a talk proposal holds (sealed; shared with the partner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// What the talk is about.
    pub topic: String,
    /// When.
    pub time: TalkTime,
}

impl Proposal {
    /// Validates the topic.
    pub fn parse(topic: &str, time: TalkTime) -> Result<Proposal, InvalidInput> {
        Ok(Proposal {
            topic: parse_text(TOPIC, topic, TOPIC_MAX)?,
            time,
        })
    }
}

/// An answer to the time on the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "response", rename_all = "snake_case")]
pub enum Reply {
    /// Yes to the time proposed.
    Accept {
        /// An optional kind word.
        #[serde(default)]
        note: String,
    },
    /// Another time, please (or, from the one who proposed, a new time for their own proposal).
    Counter {
        /// The time proposed instead.
        time: TalkTime,
        /// An optional note.
        #[serde(default)]
        note: String,
    },
    /// The proposer takes their proposal back before it is agreed.
    Withdraw {
        /// An optional note.
        #[serde(default)]
        note: String,
    },
    /// Either partner calls the talk off, proposed or agreed.
    Cancel {
        /// An optional note.
        #[serde(default)]
        note: String,
    },
}

impl Reply {
    /// Validates the note (may be empty).
    pub fn checked(self) -> Result<Reply, InvalidInput> {
        let check = |note: String| -> Result<String, InvalidInput> {
            if note.trim().is_empty() {
                Ok(String::new())
            } else {
                parse_text(NOTE, &note, NOTE_MAX)
            }
        };
        Ok(match self {
            Reply::Accept { note } => Reply::Accept { note: check(note)? },
            Reply::Counter { time, note } => Reply::Counter {
                time,
                note: check(note)?,
            },
            Reply::Withdraw { note } => Reply::Withdraw { note: check(note)? },
            Reply::Cancel { note } => Reply::Cancel { note: check(note)? },
        })
    }

    /// The note.
    pub fn note(&self) -> &str {
        match self {
            Reply::Accept { note }
            | Reply::Counter { note, .. }
            | Reply::Withdraw { note }
            | Reply::Cancel { note } => note,
        }
    }
}

/// Where planning stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A time is on the table, waiting for the other partner.
    Proposed {
        /// Who proposed this time.
        by: UserId,
        /// The time.
        time: TalkTime,
    },
    /// Both agreed on this time.
    Agreed {
        /// The time.
        time: TalkTime,
    },
    /// The proposer took the proposal back.
    Withdrawn {
        /// The time that was on the table.
        time: TalkTime,
    },
    /// One of them called the talk off.
    Cancelled {
        /// Who.
        by: UserId,
        /// The time that was on the table or agreed.
        time: TalkTime,
    },
}

/// Why a reply does not fit where planning stands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// Accepting or countering one's own proposal.
    #[error("This time is your own proposal. It's your partner's turn to answer.")]
    OwnProposal,
    /// Accepting when already agreed.
    #[error("You've already agreed on this time.")]
    AlreadyAgreed,
    /// Withdrawing what isn't one's own proposal on the table.
    #[error(
        "Only the one who proposed a time can withdraw it, and only before it's agreed. You can call the talk off instead."
    )]
    NotYoursToWithdraw,
    /// Agreeing to a time that has already passed.
    #[error(
        "This time has already passed, so it can't be agreed now. You can propose another time."
    )]
    TimePassed,
    /// A break or a rating before the agreed time has come.
    #[error("This opens when your talk begins, at the time you agreed.")]
    NotYet,
    /// Anything after the talk was withdrawn or called off.
    #[error("This talk was called off, so it stays as it is. You can propose a new one.")]
    CalledOff,
}

impl Status {
    /// Where a freshly proposed talk stands.
    pub fn new(proposer: UserId, time: TalkTime) -> Status {
        Status::Proposed { by: proposer, time }
    }

    /// Applies a reply by `author`.
    pub fn reply(self, author: UserId, reply: &Reply) -> Result<Status, PlanError> {
        match (self, reply) {
            (Status::Withdrawn { .. } | Status::Cancelled { .. }, _) => Err(PlanError::CalledOff),
            (s, Reply::Cancel { .. }) => Ok(Status::Cancelled {
                by: author,
                time: s.time(),
            }),
            (Status::Proposed { by, time }, Reply::Withdraw { .. }) if by == author => {
                Ok(Status::Withdrawn { time })
            }
            (_, Reply::Withdraw { .. }) => Err(PlanError::NotYoursToWithdraw),
            // The proposer may move their own time before it's agreed (a reschedule).
            (Status::Proposed { by, .. }, Reply::Counter { time, .. }) if by == author => {
                Ok(Status::Proposed { by, time: *time })
            }
            (Status::Proposed { by, .. }, _) if by == author => Err(PlanError::OwnProposal),
            (Status::Proposed { time, .. }, Reply::Accept { .. }) => Ok(Status::Agreed { time }),
            (Status::Agreed { .. }, Reply::Accept { .. }) => Err(PlanError::AlreadyAgreed),
            (_, Reply::Counter { time, .. }) => Ok(Status::Proposed {
                by: author,
                time: *time,
            }),
        }
    }

    /// Applies a reply written at `now`: as [`Status::reply`], and the time it agrees to must
    /// not have passed. (Replaying earlier replies uses `reply`: what was agreed then stays.)
    pub fn reply_at(self, author: UserId, reply: &Reply, now: i64) -> Result<Status, PlanError> {
        match self.reply(author, reply)? {
            Status::Agreed { time } if time.upcoming(now).is_err() => Err(PlanError::TimePassed),
            next => Ok(next),
        }
    }

    /// Whether the agreed time has come at `now`: breaks and the private rating open then.
    pub fn begun(self, now: i64) -> Result<(), PlanError> {
        match self {
            Status::Agreed { time } if time.has_come(now) => Ok(()),
            Status::Agreed { .. } | Status::Proposed { .. } => Err(PlanError::NotYet),
            Status::Withdrawn { .. } | Status::Cancelled { .. } => Err(PlanError::CalledOff),
        }
    }

    /// The time on the table, agreed, or last proposed.
    pub fn time(self) -> TalkTime {
        match self {
            Status::Proposed { time, .. }
            | Status::Agreed { time }
            | Status::Withdrawn { time }
            | Status::Cancelled { time, .. } => time,
        }
    }

    /// Whether the talk is still being planned or held (not withdrawn or called off).
    pub fn is_live(self) -> bool {
        matches!(self, Status::Proposed { .. } | Status::Agreed { .. })
    }
}

/// A break called during a talk (shared, so the partner sees it at once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    /// How long.
    pub minutes: u32,
    /// When it was called (unix seconds).
    pub called_at: i64,
}

impl Pause {
    /// A break of at least twenty minutes.
    pub fn parse(minutes: u32, called_at: i64) -> Result<Pause, InvalidInput> {
        if !(PAUSE_MIN_MINUTES..=PAUSE_MAX_MINUTES).contains(&minutes) {
            return Err(InvalidInput::Format {
                field: BREAK,
                rule: "lasts at least 20 minutes and at most a day.",
            });
        }
        Ok(Pause { minutes, called_at })
    }

    /// When to come back (unix seconds).
    pub fn back_at(&self) -> i64 {
        self.called_at + i64::from(self.minutes) * 60
    }
}

/// A 1–5 rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Scale(u8);

impl TryFrom<u8> for Scale {
    type Error = InvalidInput;
    fn try_from(v: u8) -> Result<Scale, InvalidInput> {
        (1..=5)
            .contains(&v)
            .then_some(Scale(v))
            .ok_or(InvalidInput::Format {
                field: RATING,
                rule: "is a number from 1 to 5.",
            })
    }
}

impl From<Scale> for u8 {
    fn from(s: Scale) -> u8 {
        s.0
    }
}

impl Scale {
    /// The number.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// How a talk went, for the person who rates it only (it feeds their own progress later).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalkReflection {
    /// Did I feel heard? 1–5.
    pub felt_heard: Scale,
    /// Did I stay calm? 1–5.
    pub stayed_calm: Scale,
    /// Did it turn into a fight?
    pub turned_into_fight: bool,
    /// Was it about the past?
    pub about_past: bool,
}

#[cfg(test)]
mod tests;
