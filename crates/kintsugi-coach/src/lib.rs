//! Kintsugi's coach: explainable analysis of text one partner writes to the other.
//!
//! It points at words, says why they may hurt, and suggests what to try instead; it never blocks
//! and never "corrects" a report of harm. It is pure: no I/O, no threads, no global mutable state
//! (the rule tables are compiled once into an immutable value), so it can run in a browser.
//! Matching is linear in the text (see `pattern.rs`).

mod classes;
mod coach;
mod constructions;
mod guards;
mod index;
#[cfg(feature = "jsonl")]
pub mod jsonl;
mod language;
mod lexicon;
mod pattern;
mod reader;
mod rewrite;
mod rules;
mod stories;
mod text;
mod threats;
mod tone;

use serde::{Deserialize, Serialize};

/// What kind of text is being written; it decides which checks apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A message to the partner (also talk topics and reassurance requests).
    Message,
    /// An apology.
    Apology,
    /// A request or agreement proposal.
    Request,
}

impl Kind {
    /// Parses the API name of a kind.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "message" => Some(Kind::Message),
            "apology" => Some(Kind::Apology),
            "request" => Some(Kind::Request),
            _ => None,
        }
    }

    fn bit(self) -> u8 {
        match self {
            Kind::Message => rules::MESSAGE,
            Kind::Apology => rules::APOLOGY,
            Kind::Request => rules::REQUEST,
        }
    }
}

/// The fixed vocabulary of findings (stable in the API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CoachCategory))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Global attacks on character, "you always/never".
    Criticism,
    /// Insults, mockery, sarcasm, disgust.
    Contempt,
    /// Counter-blame, excuses, "you're overreacting".
    Defensiveness,
    /// Refusing to engage.
    Stonewalling,
    /// Claiming the other's motives or feelings.
    MindReading,
    /// Threats and either-or demands.
    Ultimatum,
    /// Making the harm smaller than it was.
    Minimizing,
    /// "Sorry if".
    Conditional,
    /// "Sorry you feel", "you made me".
    BlameShift,
    /// "But I was stressed".
    Excuse,
    /// Surveillance or control demands.
    Control,
}

impl Category {
    /// Every category, in API order.
    pub const ALL: [Category; 11] = [
        Category::Criticism,
        Category::Contempt,
        Category::Defensiveness,
        Category::Stonewalling,
        Category::MindReading,
        Category::Ultimatum,
        Category::Minimizing,
        Category::Conditional,
        Category::BlameShift,
        Category::Excuse,
        Category::Control,
    ];

    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Criticism => "criticism",
            Category::Contempt => "contempt",
            Category::Defensiveness => "defensiveness",
            Category::Stonewalling => "stonewalling",
            Category::MindReading => "mind_reading",
            Category::Ultimatum => "ultimatum",
            Category::Minimizing => "minimizing",
            Category::Conditional => "conditional",
            Category::BlameShift => "blame_shift",
            Category::Excuse => "excuse",
            Category::Control => "control",
        }
    }

    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Category::Criticism => "Criticism",
            Category::Contempt => "Contempt",
            Category::Defensiveness => "Defensiveness",
            Category::Stonewalling => "Shutting down",
            Category::MindReading => "Mind reading",
            Category::Ultimatum => "Ultimatum",
            Category::Minimizing => "Minimizing",
            Category::Conditional => "Conditional apology",
            Category::BlameShift => "Shifting blame",
            Category::Excuse => "Excuse",
            Category::Control => "Control",
        }
    }

    /// Whether the category puts blame on the partner (these get an I-statement scaffold).
    fn is_blame(self) -> bool {
        matches!(
            self,
            Category::Criticism
                | Category::Contempt
                | Category::Defensiveness
                | Category::MindReading
                | Category::Ultimatum
        )
    }
}

/// The kinds of safety signal; they replace coaching with safety resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SafetyKind {
    /// A threat of violence or harm toward someone.
    Threat,
    /// A threat or thought of self-harm.
    SelfHarm,
    /// A report of violence, fear or coercive control.
    HarmReport,
}

/// The five parts of a full apology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Naming what I did.
    Acknowledgement,
    /// Saying it was my responsibility.
    Responsibility,
    /// Recognising how it affected the partner.
    Validation,
    /// What I will do differently.
    Commitment,
    /// How I will repair.
    Repair,
}

impl Part {
    /// The five parts in the order an apology usually takes.
    pub const ALL: [Part; 5] = [
        Part::Acknowledgement,
        Part::Responsibility,
        Part::Validation,
        Part::Commitment,
        Part::Repair,
    ];

    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Acknowledgement => "acknowledgement",
            Part::Responsibility => "responsibility",
            Part::Validation => "validation",
            Part::Commitment => "commitment",
            Part::Repair => "repair",
        }
    }

    /// A gentle hint for writing this part when it is missing.
    pub fn hint(self) -> &'static str {
        match self {
            Part::Acknowledgement => "Name plainly what you did: “I'm sorry that I …”.",
            Part::Responsibility => {
                "Say that it was yours to own: “It was my choice, and there's no excuse for it.”"
            }
            Part::Validation => {
                "Show you see how it affected them: “I can see it made you feel …”."
            }
            Part::Commitment => "Say what you will do differently: “From now on I will …”.",
            Part::Repair => {
                "Offer a way to repair: “I'll answer any questions you have” or “I'd like to …”."
            }
        }
    }
}

/// A stretch of the analysed text: byte offsets (on character boundaries) and the words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The words themselves.
    pub text: String,
}

/// One thing the coach noticed, with why it matters and what to try instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    /// The category, from the fixed vocabulary.
    pub category: Category,
    /// Where in the text.
    pub span: Span,
    /// Why it may hurt, in one plain sentence.
    pub why: String,
    /// What to try instead.
    pub suggestion: String,
}

/// A safety signal: no coaching, show safety resources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SafetySignal {
    /// What kind of danger the words suggest.
    pub kind: SafetyKind,
    /// Where in the text.
    pub span: Span,
}

/// Evidence that an apology contains one of its parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartEvidence {
    /// The part.
    pub part: Part,
    /// The words that show it.
    pub span: Span,
}

/// Which apology parts are present and which are missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Parts {
    /// Parts found, with evidence.
    pub present: Vec<PartEvidence>,
    /// Parts not found (responsibility and repair matter most).
    pub missing: Vec<Part>,
    /// For each missing part, a gentle hint for writing it.
    pub hints: std::collections::BTreeMap<Part, String>,
}

/// The coach's full answer for one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Analysis {
    /// The kind analysed.
    pub kind: Kind,
    /// What the coach noticed, in text order.
    pub findings: Vec<Finding>,
    /// Safety signals; when present, show safety resources instead of tips.
    pub safety: Vec<SafetySignal>,
    /// For apologies: which of the five parts are there.
    pub parts: Option<Parts>,
    /// For messages with blame: an I-statement scaffold built from the message.
    pub rewrite: Option<String>,
    /// For requests with a control finding: what could be offered instead of demanded.
    pub alternative: Option<String>,
    /// When the coach could not read the text at all, why (then an empty reading means nothing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_read: Option<NotRead>,
}

/// Why the coach could not read a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotRead {
    /// It reads English only, and this text is in another language.
    NotEnglish,
}

impl NotRead {
    /// What to tell the person.
    pub fn message(self) -> &'static str {
        match self {
            NotRead::NotEnglish => {
                "The coach reads English only, so it could not check this text. Nothing was judged."
            }
        }
    }
}

impl Analysis {
    /// The distinct categories found, in API order.
    pub fn categories(&self) -> Vec<Category> {
        let mut cats: Vec<Category> = self.findings.iter().map(|f| f.category).collect();
        cats.sort();
        cats.dedup();
        cats
    }
}

/// Analyses an apology written in the five-field form (what I did, responsibility, impact,
/// what I will do differently, repair). The form says which part each field is, so a filled
/// field counts as its part unless something in it shrinks the apology; findings and safety
/// signals are read over the whole apology, with spans into the fields joined as one text
/// (each ending in a full stop, separated by a space), which is also what `text` holds.
pub fn analyze_apology(fields: [&str; 5]) -> (String, Analysis) {
    let mut text = String::new();
    let mut ranges = Vec::new();
    for f in fields {
        let f = f.trim();
        if f.is_empty() {
            ranges.push(None);
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(f);
        ranges.push(Some((start, text.len())));
        if !f.ends_with(['.', '!', '?']) {
            text.push('.');
        }
    }
    let mut a = analyze(Kind::Apology, &text);
    if a.not_read.is_some() {
        return (text, a);
    }
    let shrinks = |start: usize, end: usize| {
        a.findings.iter().any(|f| {
            matches!(
                f.category,
                Category::Minimizing
                    | Category::Conditional
                    | Category::BlameShift
                    | Category::Excuse
            ) && f.span.start < end
                && start < f.span.end
        })
    };
    let mut present = Vec::new();
    for (part, range) in Part::ALL.into_iter().zip(ranges) {
        if let Some((start, end)) = range
            && !shrinks(start, end)
        {
            let span = Span {
                start,
                end,
                text: text[start..end].to_string(),
            };
            present.push(PartEvidence { part, span });
        }
    }
    let missing: Vec<Part> = Part::ALL
        .into_iter()
        .filter(|p| !present.iter().any(|e| e.part == *p))
        .collect();
    let hints = missing.iter().map(|p| (*p, p.hint().to_string())).collect();
    a.parts = Some(Parts {
        present,
        missing,
        hints,
    });
    (text, a)
}

/// Analyses `text` as `kind`. Never fails: any string is valid input.
pub fn analyze(kind: Kind, text: &str) -> Analysis {
    if language::not_english(text) {
        return Analysis {
            kind,
            findings: Vec::new(),
            safety: Vec::new(),
            parts: None,
            rewrite: None,
            alternative: None,
            not_read: Some(NotRead::NotEnglish),
        };
    }
    coach::COACH.analyze(kind, text)
}

#[cfg(test)]
mod tests;
