//! Step 4, Agreements: what the two of you agree on, in your own words, and what happens when
//! it's crossed. An agreement is in force only once the other partner accepts it; either can
//! propose a change, which also needs both; every version is kept; either can retire it.
//!
//! Where an agreement stands is replayed from its history, like a talk's planning: the first
//! version, then amendments, acceptances and a retirement in the order they were written. An
//! acceptance names the version it accepts, so accepting while a newer change arrives accepts
//! nothing unseen: it no longer fits and is left out.

use serde::{Deserialize, Serialize};

use crate::{Field, InvalidInput, UserId, parse_text};

/// The category.
pub const CATEGORY: Field = Field::new("category", "Category");
/// The agreement itself.
pub const AGREEMENT: Field = Field::new("agreement", "The agreement");
/// What is fine.
pub const ACCEPTABLE: Field = Field::new("acceptable", "What is fine");
/// What is not.
pub const NOT_ACCEPTABLE: Field = Field::new("not_acceptable", "What is not");
/// What happens if it's crossed.
pub const IF_CROSSED: Field = Field::new("if_crossed", "If it's crossed");
/// When to look at it again.
pub const REVIEW_ON: Field = Field::new("review_on", "Review date");
/// A note with a retirement.
pub const NOTE: Field = Field::new("note", "Note");

/// The longest agreement text, in characters.
pub const AGREEMENT_MAX: usize = 1_000;
/// The longest of the other parts, in characters.
pub const PART_MAX: usize = 1_000;
/// The longest note, in characters.
pub const NOTE_MAX: usize = 500;

/// What an agreement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = AgreementCategory))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Contact with other people (an ex, a colleague, new friends).
    ContactWithOthers,
    /// Privacy: what stays one's own.
    Privacy,
    /// What counts as cheating or emotional betrayal for the two of you.
    Betrayal,
    /// Triggers and limits.
    TriggersAndLimits,
    /// Anything else.
    Other,
}

impl Category {
    /// Every category, in the order forms show them.
    pub const ALL: [Category; 5] = [
        Category::ContactWithOthers,
        Category::Privacy,
        Category::Betrayal,
        Category::TriggersAndLimits,
        Category::Other,
    ];

    /// The form and API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::ContactWithOthers => "contact_with_others",
            Category::Privacy => "privacy",
            Category::Betrayal => "betrayal",
            Category::TriggersAndLimits => "triggers_and_limits",
            Category::Other => "other",
        }
    }

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Category::ContactWithOthers => "Contact with other people",
            Category::Privacy => "Privacy",
            Category::Betrayal => "What counts as cheating or betrayal for us",
            Category::TriggersAndLimits => "Triggers and limits",
            Category::Other => "Something else",
        }
    }

    /// Parses a form or API name.
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A day (`YYYY-MM-DD`), as a person picks it; compared as text, which orders like dates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Day(String);

impl TryFrom<String> for Day {
    type Error = InvalidInput;
    fn try_from(s: String) -> Result<Day, InvalidInput> {
        Day::parse(&s)
    }
}

impl From<Day> for String {
    fn from(d: Day) -> String {
        d.0
    }
}

impl Day {
    /// Parses `YYYY-MM-DD` (what a browser's date field sends).
    pub fn parse(s: &str) -> Result<Day, InvalidInput> {
        let s = s.trim();
        let ok = s.parse::<jiff::civil::Date>().is_ok() && s.len() == 10;
        ok.then(|| Day(s.to_string())).ok_or(InvalidInput::Format {
            field: REVIEW_ON,
            rule: "needs a date, like 2027-03-01.",
        })
    }

    /// `YYYY-MM-DD`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "1 March 2027".
    pub fn friendly(&self) -> String {
        self.0
            .parse::<jiff::civil::Date>()
            .map(|d| d.strftime("%-d %B %Y").to_string())
            .unwrap_or_default()
    }
}

/// One version of an agreement's terms (sealed; shared with the partner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    /// What it's about.
    pub category: Category,
    /// The agreement, in the couple's own words.
    pub agreement: String,
    /// What is fine.
    #[serde(default)]
    pub acceptable: String,
    /// What is not.
    #[serde(default)]
    pub not_acceptable: String,
    /// What happens if it's crossed (a conversation, a pause; not a punishment).
    #[serde(default)]
    pub if_crossed: String,
    /// When to look at it together again.
    pub review_on: Day,
}

fn optional(field: Field, s: &str, max: usize) -> Result<String, InvalidInput> {
    if s.trim().is_empty() {
        Ok(String::new())
    } else {
        parse_text(field, s, max)
    }
}

impl Terms {
    /// Validates every part; the review date must not be before `earliest` (`YYYY-MM-DD`:
    /// tomorrow, on the later of the partners' clocks). Every problem at once.
    pub fn parse(
        category: Category,
        parts: [&str; 4],
        review_on: &str,
        earliest: &str,
    ) -> Result<Terms, Vec<InvalidInput>> {
        let [agreement, acceptable, not_acceptable, if_crossed] = parts;
        let review = Day::parse(review_on).and_then(|d| {
            if d.as_str() < earliest {
                Err(InvalidInput::Format {
                    field: REVIEW_ON,
                    rule: "needs to be a day still to come for both of you, from tomorrow on. \
                           Pick a day to come back to this together.",
                })
            } else {
                Ok(d)
            }
        });
        let results = (
            parse_text(AGREEMENT, agreement, AGREEMENT_MAX),
            optional(ACCEPTABLE, acceptable, PART_MAX),
            optional(NOT_ACCEPTABLE, not_acceptable, PART_MAX),
            optional(IF_CROSSED, if_crossed, PART_MAX),
            review,
        );
        match results {
            (Ok(agreement), Ok(acceptable), Ok(not_acceptable), Ok(if_crossed), Ok(review_on)) => {
                Ok(Terms {
                    category,
                    agreement,
                    acceptable,
                    not_acceptable,
                    if_crossed,
                    review_on,
                })
            }
            (a, b, c, d, e) => Err([a.err(), b.err(), c.err(), d.err(), e.err()]
                .into_iter()
                .flatten()
                .collect()),
        }
    }
}

/// Something that happened to an agreement after it was first proposed (sealed; shared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// New terms proposed (by either partner); they need the other's yes.
    Amend {
        /// The new terms.
        terms: Terms,
    },
    /// Yes to the version numbered (1 is the first proposal).
    Accept {
        /// The version accepted.
        version: u32,
    },
    /// No to the version numbered, by the one it was proposed to; the version in force (if
    /// any) stands, and the proposer may propose again.
    Decline {
        /// The version declined.
        version: u32,
        /// A few words, if any.
        #[serde(default)]
        note: String,
    },
    /// Retired by either partner: kept, marked retired, no longer in force.
    Retire {
        /// A few words, if any.
        #[serde(default)]
        note: String,
    },
}

impl Step {
    /// A no to `version` with an optional note.
    pub fn decline(version: u32, note: &str) -> Result<Step, InvalidInput> {
        Ok(Step::Decline {
            version,
            note: optional(NOTE, note, NOTE_MAX)?,
        })
    }

    /// A retirement with an optional note.
    pub fn retire(note: &str) -> Result<Step, InvalidInput> {
        Ok(Step::Retire {
            note: optional(NOTE, note, NOTE_MAX)?,
        })
    }
}

/// Where an agreement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The version in force, if any was accepted.
    pub in_force: Option<u32>,
    /// A version waiting for an answer: its number and who proposed it.
    pub pending: Option<(u32, UserId)>,
    /// How many versions there are.
    pub versions: u32,
    /// Who retired it, if someone did.
    pub retired_by: Option<UserId>,
}

/// Why a step doesn't fit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgreementError {
    /// Accepting one's own proposal.
    #[error("This is your own proposal. It's in force once your partner accepts it.")]
    OwnProposal,
    /// Declining one's own proposal.
    #[error(
        "This is your own proposal, so there's nothing to decline. You can set it aside instead."
    )]
    OwnDecline,
    /// Accepting a version that isn't the one waiting (a newer one arrived, or none waits).
    #[error(
        "That version isn't the one waiting for an answer any more. Please read the agreement again."
    )]
    NotPending,
    /// Anything after it was retired.
    #[error("This agreement is retired. It stays here as it was; you can propose a new one.")]
    Retired,
}

impl Standing {
    /// A freshly proposed agreement.
    pub fn new(proposer: UserId) -> Standing {
        Standing {
            in_force: None,
            pending: Some((1, proposer)),
            versions: 1,
            retired_by: None,
        }
    }

    /// Applies a step by `author`.
    pub fn apply(self, author: UserId, step: &Step) -> Result<Standing, AgreementError> {
        if self.retired_by.is_some() {
            return Err(AgreementError::Retired);
        }
        match step {
            Step::Retire { .. } => Ok(Standing {
                retired_by: Some(author),
                pending: None,
                ..self
            }),
            Step::Amend { .. } => Ok(Standing {
                versions: self.versions + 1,
                pending: Some((self.versions + 1, author)),
                ..self
            }),
            Step::Accept { version } => match self.pending {
                Some((v, by)) if v == *version && by == author => Err(AgreementError::OwnProposal),
                Some((v, _)) if v == *version => Ok(Standing {
                    in_force: Some(v),
                    pending: None,
                    ..self
                }),
                _ => Err(AgreementError::NotPending),
            },
            Step::Decline { version, .. } => match self.pending {
                Some((v, by)) if v == *version && by == author => Err(AgreementError::OwnDecline),
                Some((v, _)) if v == *version => Ok(Standing {
                    pending: None,
                    ..self
                }),
                _ => Err(AgreementError::NotPending),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Terms {
        Terms::parse(
            Category::ContactWithOthers,
            [text, "", "", ""],
            "2030-01-01",
            "2026-11-27",
        )
        .expect("valid")
    }

    #[test]
    fn an_agreement_needs_both_and_every_version_counts() {
        let (a, b) = (UserId::new(), UserId::new());
        let s = Standing::new(a);
        assert_eq!(
            s.apply(a, &Step::Accept { version: 1 }),
            Err(AgreementError::OwnProposal)
        );
        let s = s.apply(b, &Step::Accept { version: 1 }).expect("accepted");
        assert_eq!((s.in_force, s.pending), (Some(1), None));
        // A change proposed by either keeps version 1 in force until it is accepted.
        let s = s
            .apply(
                b,
                &Step::Amend {
                    terms: terms("We tell each other"),
                },
            )
            .expect("amended");
        assert_eq!((s.in_force, s.pending), (Some(1), Some((2, b))));
        // Accepting the version one read, while a newer one arrived, doesn't fit.
        let s = s
            .apply(
                a,
                &Step::Amend {
                    terms: terms("Or this"),
                },
            )
            .expect("countered");
        assert_eq!(
            s.apply(b, &Step::Accept { version: 2 }),
            Err(AgreementError::NotPending)
        );
        let s = s.apply(b, &Step::Accept { version: 3 }).expect("accepted");
        assert_eq!((s.in_force, s.versions), (Some(3), 3));
        let retire = Step::retire("We've outgrown it.").expect("a note");
        let s = s.apply(a, &retire).expect("retired");
        assert_eq!(s.retired_by, Some(a));
        assert_eq!(s.apply(b, &retire), Err(AgreementError::Retired));
        assert!(Step::retire(&"x".repeat(NOTE_MAX + 1)).is_err());
    }

    #[test]
    fn only_the_one_asked_can_decline_and_what_was_in_force_stands() {
        let (a, b) = (UserId::new(), UserId::new());
        let s = Standing::new(a);
        let no = Step::decline(1, "Not this way.").expect("a note");
        assert_eq!(s.apply(a, &no), Err(AgreementError::OwnDecline));
        let declined = s.apply(b, &no).expect("declined");
        assert_eq!((declined.in_force, declined.pending), (None, None));
        // Nothing waits any more: a second no, or a late yes, doesn't fit.
        assert_eq!(declined.apply(b, &no), Err(AgreementError::NotPending));
        assert_eq!(
            declined.apply(b, &Step::Accept { version: 1 }),
            Err(AgreementError::NotPending)
        );
        // A declined change leaves the version in force as it was.
        let s = s.apply(b, &Step::Accept { version: 1 }).expect("accepted");
        let change = Step::Amend {
            terms: terms("Every hour"),
        };
        let s = s.apply(a, &change).expect("changed");
        let s = s
            .apply(b, &Step::decline(2, "").expect("no note"))
            .expect("declined");
        assert_eq!((s.in_force, s.pending, s.versions), (Some(1), None, 2));
        assert!(Step::decline(1, &"x".repeat(NOTE_MAX + 1)).is_err());
    }

    #[test]
    fn terms_are_checked_all_at_once() {
        let errs = Terms::parse(
            Category::Privacy,
            ["", "", "", ""],
            "2020-01-01",
            "2026-11-27",
        )
        .expect_err("refused");
        let fields: Vec<&str> = errs.iter().map(|e| e.field().name).collect();
        assert_eq!(fields, ["agreement", "review_on"]);
        assert!(Day::parse("2027-02-30").is_err());
        assert!(Day::parse("tomorrow").is_err());
        assert_eq!(
            Day::parse("2027-03-01").map(|d| d.friendly()),
            Ok("1 March 2027".into())
        );
        assert!(Category::parse("surveillance").is_none());
        let long = "x".repeat(AGREEMENT_MAX + 1);
        assert!(
            Terms::parse(
                Category::Other,
                [&long, "", "", ""],
                "2030-01-01",
                "2026-11-27"
            )
            .is_err()
        );
    }
}
