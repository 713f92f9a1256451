//! Step 3, Apology and accountability: a guided apology in five parts, the receiver's free
//! answer, difficult questions with answers that keep every version, and commitments turned into
//! promises. There is no "forgive" anywhere: forgiveness is never a button.

use serde::{Deserialize, Serialize};

use crate::{Field, InvalidInput, parse_text};

/// "What I did".
pub const WHAT_I_DID: Field = Field::new("what_i_did", "What I did");
/// "That it was my responsibility".
pub const RESPONSIBILITY: Field = Field::new("responsibility", "My responsibility");
/// "How it affected you".
pub const IMPACT: Field = Field::new("impact", "How it affected you");
/// "What I will do differently".
pub const DIFFERENTLY: Field = Field::new("differently", "What I will do differently");
/// "How I will repair".
pub const REPAIR: Field = Field::new("repair", "How I will repair");
/// The author's private value line.
pub const VALUE: Field = Field::new("value", "A value");
/// A promise's words.
pub const PROMISE: Field = Field::new("text", "Promise");
/// The receiver's optional words with their answer.
pub const YOUR_WORDS: Field = Field::new("text", "Your words");
/// A question in the thread.
pub const QUESTION: Field = Field::new("text", "Question");
/// An answer in the thread.
pub const ANSWER: Field = Field::new("text", "Answer");

/// The longest part of an apology, in characters.
pub const PART_MAX: usize = 4_000;
/// The longest value line, question, answer, response or promise, in characters.
pub const TEXT_MAX: usize = 4_000;
/// The longest value line.
pub const VALUE_MAX: usize = 200;

fn optional(field: Field, s: &str, max: usize) -> Result<String, InvalidInput> {
    if s.trim().is_empty() {
        Ok(String::new())
    } else {
        parse_text(field, s, max)
    }
}

/// The five parts of an apology, as the author writes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Apology {
    /// What I did.
    pub what_i_did: String,
    /// That it was my responsibility.
    pub responsibility: String,
    /// How it affected you.
    pub impact: String,
    /// What I will do differently.
    pub differently: String,
    /// How I will repair.
    pub repair: String,
    /// When it was delivered (unix seconds); `None` while it is a private draft.
    #[serde(default)]
    pub delivered_at: Option<i64>,
}

impl Apology {
    /// Validates a draft: "what I did" is required; every part is bounded.
    pub fn parse(
        what_i_did: &str,
        responsibility: &str,
        impact: &str,
        differently: &str,
        repair: &str,
    ) -> Result<Apology, InvalidInput> {
        Ok(Apology {
            what_i_did: parse_text(WHAT_I_DID, what_i_did, PART_MAX)?,
            responsibility: optional(RESPONSIBILITY, responsibility, PART_MAX)?,
            impact: optional(IMPACT, impact, PART_MAX)?,
            differently: optional(DIFFERENTLY, differently, PART_MAX)?,
            repair: optional(REPAIR, repair, PART_MAX)?,
            delivered_at: None,
        })
    }

    /// The apology as one text, in order, for the coach and for reading.
    pub fn full_text(&self) -> String {
        [
            &self.what_i_did,
            &self.responsibility,
            &self.impact,
            &self.differently,
            &self.repair,
        ]
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| {
            let p = p.trim_end();
            if p.ends_with(['.', '!', '?']) {
                p.to_string()
            } else {
                format!("{p}.")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// Whether it has been delivered (and so can no longer change).
    pub fn is_delivered(&self) -> bool {
        self.delivered_at.is_some()
    }
}

/// The author's private value line ("name a value you care about in this relationship").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueLine {
    /// The value.
    pub value: String,
}

impl ValueLine {
    /// Validates the line (1 to 200 characters).
    pub fn parse(value: &str) -> Result<ValueLine, InvalidInput> {
        Ok(ValueLine {
            value: parse_text(VALUE, value, VALUE_MAX)?,
        })
    }
}

/// How the receiver answers, freely and when they're ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// "I received it."
    Received,
    /// "I need time."
    NeedTime,
    /// "I have questions."
    HaveQuestions,
}

impl Answer {
    /// Every answer, in the order offered.
    pub const ALL: [Answer; 3] = [Answer::Received, Answer::NeedTime, Answer::HaveQuestions];

    /// The API and form name.
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Received => "received",
            Answer::NeedTime => "need_time",
            Answer::HaveQuestions => "have_questions",
        }
    }

    /// Parses the API and form name.
    pub fn parse(s: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// In the receiver's words.
    pub fn label(self) -> &'static str {
        match self {
            Answer::Received => "I received your apology",
            Answer::NeedTime => "I need time",
            Answer::HaveQuestions => "I have questions",
        }
    }
}

/// The receiver's response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// Which answer.
    pub answer: Answer,
    /// Anything they want to add (may be empty).
    #[serde(default)]
    pub text: String,
}

impl Response {
    /// Validates the optional text.
    pub fn parse(answer: Answer, text: &str) -> Result<Response, InvalidInput> {
        Ok(Response {
            answer,
            text: optional(YOUR_WORDS, text, TEXT_MAX)?,
        })
    }
}

/// A piece of writing in the questions thread (a question, or one version of an answer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadText {
    /// The words.
    pub text: String,
}

impl ThreadText {
    /// Validates a question or an answer.
    pub fn parse(field: Field, text: &str) -> Result<ThreadText, InvalidInput> {
        Ok(ThreadText {
            text: parse_text(field, text, TEXT_MAX)?,
        })
    }
}

/// A promise made from an apology's commitment is a promise of step 5, open by default.
pub use crate::promises::Promise;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_apology_needs_what_i_did_and_reads_as_one_text() {
        assert!(Apology::parse("", "", "", "", "").is_err());
        let a = Apology::parse(
            "I lied about Saturday",
            "It was my choice.",
            "",
            "I will tell you where I am",
            "",
        )
        .expect("valid");
        assert_eq!(
            a.full_text(),
            "I lied about Saturday. It was my choice. I will tell you where I am."
        );
        assert!(!a.is_delivered());
        assert!(Apology::parse("x", &"y".repeat(PART_MAX + 1), "", "", "").is_err());
    }

    #[test]
    fn answers_are_free_and_never_forgiveness() {
        for a in Answer::ALL {
            assert_eq!(Answer::parse(a.as_str()), Some(a));
            assert!(!a.label().to_lowercase().contains("forgive"));
        }
        assert!(Response::parse(Answer::NeedTime, "").is_ok());
        assert!(ValueLine::parse(&"v".repeat(VALUE_MAX + 1)).is_err());
        assert!(ThreadText::parse(QUESTION, " ").is_err());
        assert!(Promise::parse("Home by six on Fridays").is_ok());
    }
}
