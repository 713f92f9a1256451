//! Step 10, the Health check: a private, periodic look at how the relationship is for the
//! person, on the questions the program asks, each on a scale of 1 to 5, read back in plain
//! words: never a verdict on the relationship, and never shown to the partner.

use serde::{Deserialize, Serialize};

use crate::{Field, InvalidInput};

/// The answers of a health check, one field a question (named by the question).
pub const ANSWERS: Field = Field::new("answers", "Your answers");

choices!(
    /// What the health check asks.
    Question {
        /// Whether the partner is consistent and accountable.
        Consistent => "consistent", "My partner does what they say, and owns it when they don't";
        /// Whether one feels emotionally safe over time.
        Safe => "safe", "I feel emotionally safe with my partner, most days";
        /// Whether one is growing rather than constantly anxious.
        Growing => "growing", "I feel I am growing, rather than anxious all the time";
        /// Respect.
        Respect => "respect", "We treat each other with respect, even when we disagree";
        /// Willingness to repair.
        Repair => "repair", "After a hurt, we both try to repair it";
        /// Responsibility carried by both.
        Both => "both", "We both carry the work of rebuilding, not just one of us";
    }
);

/// The scale's words, 1 to 5.
pub const SCALE: [&str; 5] = ["Not at all", "A little", "Somewhat", "Mostly", "Fully"];

impl Question {
    /// A plain reading of an answer (1–5): what it may mean, and what could help; no verdict.
    pub fn reading(self, answer: u8) -> &'static str {
        match (self, answer) {
            (_, 4..=5) => "This is a strength right now. It is worth saying so to each other.",
            (Question::Safe, 1..=2) => {
                "Feeling unsafe matters more than anything else here. If you are afraid of your partner, please talk to someone in confidence: the lines are on the Support page."
            }
            (Question::Both, 1..=2) => {
                "Rebuilding can't rest on one person for long. It may help to say so in a planned talk, or with a counsellor."
            }
            (_, 1..=2) => {
                "This is hard right now. It may help to talk about it when you are both calm, or to bring it to a counsellor."
            }
            _ => "Somewhere in between: worth watching over the coming weeks.",
        }
    }
}

/// One health check (sealed; private to its author, always).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// Every question once, in [`Question::ALL`]'s order, answered 1–5.
    pub answers: Vec<(Question, u8)>,
}

impl Assessment {
    /// An assessment from answers by question: every question, each 1 to 5.
    pub fn parse(answers: &[(Question, i64)]) -> Result<Assessment, InvalidInput> {
        let bad = |rule| InvalidInput::Format {
            field: ANSWERS,
            rule,
        };
        let mut out = Vec::new();
        for q in Question::ALL {
            let Some((_, a)) = answers.iter().find(|(x, _)| x == q) else {
                return Err(bad("need one answer for each question."));
            };
            let a = u8::try_from(*a)
                .ok()
                .filter(|a| (1..=5).contains(a))
                .ok_or(bad("are each a number from 1 to 5."))?;
            out.push((*q, a));
        }
        Ok(Assessment { answers: out })
    }

    /// The answer to `q`.
    pub fn of(&self, q: Question) -> Option<u8> {
        self.answers.iter().find(|(x, _)| *x == q).map(|(_, a)| *a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_needs_an_answer_from_1_to_5() {
        let all: Vec<(Question, i64)> = Question::ALL.iter().map(|q| (*q, 3)).collect();
        let a = Assessment::parse(&all).expect("valid");
        assert_eq!(a.of(Question::Both), Some(3));
        assert!(Assessment::parse(&all[1..]).is_err());
        let mut six = all.clone();
        six[0].1 = 6;
        assert!(Assessment::parse(&six).is_err());
        assert!(Question::Safe.reading(1).contains("afraid"));
    }
}
