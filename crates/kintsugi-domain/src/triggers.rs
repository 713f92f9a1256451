//! Step 6, Triggers: a private log of the moments old fear wakes up (what set it off, how strong
//! before and after, the fear underneath, the evidence both ways, what would reassure, how one
//! responded), with patterns only its author sees; and, if wished, a calm request for
//! reassurance sent to the partner, who can answer it. The log entry itself is never shared.

use serde::{Deserialize, Serialize};

use crate::{Field, InvalidInput, parse_text};

/// The kind of trigger.
pub const KIND: Field = Field::new("kind", "What set it off");
/// The situation.
pub const SITUATION: Field = Field::new("situation", "What happened");
/// Intensity before.
pub const BEFORE: Field = Field::new("before", "How strong at first");
/// Intensity after.
pub const AFTER: Field = Field::new("after", "How strong afterwards");
/// The fear underneath.
pub const FEAR: Field = Field::new("fear", "The fear underneath");
/// Evidence for the fear.
pub const EVIDENCE_FOR: Field = Field::new("evidence_for", "What supports it");
/// Evidence against it.
pub const EVIDENCE_AGAINST: Field = Field::new("evidence_against", "What speaks against it");
/// The reassurance needed.
pub const NEED: Field = Field::new("need", "The reassurance I need");
/// A reassurance request or its answer.
pub const MESSAGE: Field = Field::new("text", "Your words");

/// The longest situation, in characters.
pub const SITUATION_MAX: usize = 2_000;
/// The longest of the other parts, in characters.
pub const PART_MAX: usize = 1_000;
/// The longest reassurance request or answer, in characters.
pub const MESSAGE_MAX: usize = 1_000;
/// The strongest intensity.
pub const INTENSITY_MAX: u8 = 10;

choices!(
    /// What set it off.
    TriggerKind {
        /// A late or missing reply.
        LateReply => "late_reply", "A late reply";
        /// A change of routine.
        RoutineChange => "routine_change", "A change of routine";
        /// Something on social media.
        SocialMedia => "social_media", "Social media";
        /// The partner seeming distant.
        Withdrawal => "withdrawal", "Emotional distance";
        /// Anything else.
        Other => "other", "Something else";
    }
);

choices!(
    /// How the person responded (several allowed).
    Responded {
        /// Took a pause.
        Paused => "paused", "I paused";
        /// Calmed themselves.
        SelfSoothed => "self_soothed", "I calmed myself";
        /// Spoke calmly.
        SpokeCalmly => "spoke_calmly", "I spoke calmly";
        /// Accused.
        Accused => "accused", "I accused";
        /// Checked up on the partner.
        CheckedUp => "checked_up", "I checked up on them";
    }
);

/// A log entry (sealed; private to its author, always).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// What set it off.
    pub kind: TriggerKind,
    /// What happened.
    pub situation: String,
    /// How strong at first, 0–10.
    pub before: u8,
    /// How strong afterwards, 0–10.
    pub after: u8,
    /// The fear underneath.
    #[serde(default)]
    pub fear: String,
    /// What supports it.
    #[serde(default)]
    pub evidence_for: String,
    /// What speaks against it.
    #[serde(default)]
    pub evidence_against: String,
    /// The reassurance needed.
    #[serde(default)]
    pub need: String,
    /// How the person responded.
    #[serde(default)]
    pub responded: Vec<Responded>,
}

fn optional(field: Field, s: &str) -> Result<String, InvalidInput> {
    if s.trim().is_empty() {
        Ok(String::new())
    } else {
        parse_text(field, s, PART_MAX)
    }
}

fn intensity(field: Field, n: u8) -> Result<u8, InvalidInput> {
    (n <= INTENSITY_MAX)
        .then_some(n)
        .ok_or(InvalidInput::Format {
            field,
            rule: "is a number from 0 to 10.",
        })
}

/// The words of an entry as typed: situation, fear, evidence for, evidence against, need.
pub struct Words<'a> {
    /// What happened.
    pub situation: &'a str,
    /// The fear underneath.
    pub fear: &'a str,
    /// What supports it.
    pub evidence_for: &'a str,
    /// What speaks against it.
    pub evidence_against: &'a str,
    /// The reassurance needed.
    pub need: &'a str,
}

impl Entry {
    /// Validates an entry.
    pub fn parse(
        kind: TriggerKind,
        words: &Words<'_>,
        before: u8,
        after: u8,
        responded: &[Responded],
    ) -> Result<Entry, InvalidInput> {
        let mut responded = responded.to_vec();
        responded.sort_by_key(|r| Responded::ALL.iter().position(|x| x == r));
        responded.dedup();
        Ok(Entry {
            kind,
            situation: parse_text(SITUATION, words.situation, SITUATION_MAX)?,
            before: intensity(BEFORE, before)?,
            after: intensity(AFTER, after)?,
            fear: optional(FEAR, words.fear)?,
            evidence_for: optional(EVIDENCE_FOR, words.evidence_for)?,
            evidence_against: optional(EVIDENCE_AGAINST, words.evidence_against)?,
            need: optional(NEED, words.need)?,
            responded,
        })
    }
}

/// A calm request for reassurance, to the partner (sealed; shared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// The words.
    pub text: String,
}

/// The partner's answer to a request (sealed; shared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reassurance {
    /// The words.
    pub text: String,
}

/// Validates a request's or an answer's words.
pub fn message(text: &str) -> Result<String, InvalidInput> {
    parse_text(MESSAGE, text, MESSAGE_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(situation: &str) -> Words<'_> {
        Words {
            situation,
            fear: "That I'm not a priority.",
            evidence_for: "",
            evidence_against: "He told me he'd be in a meeting.",
            need: "",
        }
    }

    #[test]
    fn entries_are_checked() {
        let e = Entry::parse(
            TriggerKind::LateReply,
            &words("No answer for three hours."),
            7,
            4,
            &[Responded::SpokeCalmly, Responded::Paused, Responded::Paused],
        )
        .expect("valid");
        assert_eq!(e.responded, [Responded::Paused, Responded::SpokeCalmly]);
        let err = Entry::parse(TriggerKind::Other, &words("x"), 11, 0, &[]).expect_err("11");
        assert_eq!(err.field().name, "before");
        assert!(Entry::parse(TriggerKind::Other, &words("  "), 3, 3, &[]).is_err());
        assert!(TriggerKind::parse("jealousy").is_none());
        assert_eq!(Responded::parse("checked_up"), Some(Responded::CheckedUp));
        assert!(message(&"x".repeat(MESSAGE_MAX + 1)).is_err());
    }
}
