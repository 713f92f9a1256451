//! Step 1, Roots: where the distrust comes from. An origins checklist with a note per origin,
//! and a reflection journal with guided prompts. Words here are the product's own.

use serde::{Deserialize, Serialize};

use crate::{Field, InvalidInput, parse_text};

/// The ticked origins.
pub const ORIGINS: Field = Field::new("origins", "Origins");
/// A note on an origin.
pub const NOTE: Field = Field::new("note", "Note");
/// A reflection's words.
pub const REFLECTION: Field = Field::new("text", "Reflection");

/// The longest note on one origin, in characters.
pub const NOTE_MAX: usize = 2_000;
/// The longest reflection, in characters.
pub const REFLECTION_MAX: usize = 10_000;
/// A partner's few words back on a shared reflection.
pub const ACKNOWLEDGEMENT: Field = Field::new("text", "Your words");
/// The longest acknowledgement, in characters: a few words, not a reply thread.
pub const ACKNOWLEDGEMENT_MAX: usize = 500;

/// Where distrust can come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Infidelity or emotional cheating.
    Infidelity,
    /// Lying, secrecy or broken promises.
    Lying,
    /// Wounds from childhood attachment.
    AttachmentWounds,
    /// A previous toxic or abusive relationship.
    PastRelationships,
    /// Fear of abandonment or rejection.
    Abandonment,
    /// Something else.
    Other,
}

impl Origin {
    /// Every origin, in the order the checklist shows them.
    pub const ALL: [Origin; 6] = [
        Origin::Infidelity,
        Origin::Lying,
        Origin::AttachmentWounds,
        Origin::PastRelationships,
        Origin::Abandonment,
        Origin::Other,
    ];

    /// The API and form name.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Infidelity => "infidelity",
            Origin::Lying => "lying",
            Origin::AttachmentWounds => "attachment_wounds",
            Origin::PastRelationships => "past_relationships",
            Origin::Abandonment => "abandonment",
            Origin::Other => "other",
        }
    }

    /// Parses the API and form name.
    pub fn parse(s: &str) -> Option<Origin> {
        Origin::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// What a person reads next to the box.
    pub fn label(self) -> &'static str {
        match self {
            Origin::Infidelity => "Infidelity, or an emotional affair",
            Origin::Lying => "Lying, secrets, or promises that were broken",
            Origin::AttachmentWounds => "Hurts from childhood that shaped how I attach",
            Origin::PastRelationships => "A past relationship that was toxic or abusive",
            Origin::Abandonment => "Fear of being left or rejected",
            Origin::Other => "Something else",
        }
    }
}

/// One ticked origin and what the person wrote about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OriginNote {
    /// The origin.
    pub origin: Origin,
    /// Optional note (may be empty).
    #[serde(default)]
    pub note: String,
}

/// The checklist: each origin at most once, notes bounded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Checklist {
    /// Ticked origins in checklist order.
    pub origins: Vec<OriginNote>,
}

impl Checklist {
    /// Validates ticked origins and their notes.
    pub fn parse(items: Vec<OriginNote>) -> Result<Checklist, InvalidInput> {
        let mut origins: Vec<OriginNote> = Vec::with_capacity(items.len());
        for item in items {
            if origins.iter().any(|o| o.origin == item.origin) {
                return Err(InvalidInput::Format {
                    field: ORIGINS,
                    rule: "list each origin only once.",
                });
            }
            let note = item.note.trim();
            if note.chars().count() > NOTE_MAX {
                return Err(InvalidInput::TooLong {
                    field: NOTE,
                    max: NOTE_MAX,
                });
            }
            let note = if note.is_empty() {
                String::new()
            } else {
                parse_text(NOTE, note, NOTE_MAX)?
            };
            origins.push(OriginNote {
                origin: item.origin,
                note,
            });
        }
        origins.sort_by_key(|o| o.origin);
        Ok(Checklist { origins })
    }

    /// The note for an origin, if ticked.
    pub fn note(&self, origin: Origin) -> Option<&str> {
        self.origins
            .iter()
            .find(|o| o.origin == origin)
            .map(|o| o.note.as_str())
    }
}

/// A guided prompt for the reflection journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Prompt {
    /// When did I first start to feel unsafe or doubtful?
    WhenUnsafe,
    /// Is this about my partner, or about my past?
    PartnerOrPast,
    /// Which specific behaviour damaged my trust?
    WhichBehaviour,
    /// What would help me feel a little safer?
    WhatWouldHelp,
    /// Whatever is on my mind.
    Free,
}

impl Prompt {
    /// Every prompt, in the order the journal offers them.
    pub const ALL: [Prompt; 5] = [
        Prompt::WhenUnsafe,
        Prompt::PartnerOrPast,
        Prompt::WhichBehaviour,
        Prompt::WhatWouldHelp,
        Prompt::Free,
    ];

    /// The API and form name.
    pub fn as_str(self) -> &'static str {
        match self {
            Prompt::WhenUnsafe => "when_unsafe",
            Prompt::PartnerOrPast => "partner_or_past",
            Prompt::WhichBehaviour => "which_behaviour",
            Prompt::WhatWouldHelp => "what_would_help",
            Prompt::Free => "free",
        }
    }

    /// Parses the API and form name.
    pub fn parse(s: &str) -> Option<Prompt> {
        Prompt::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The question itself.
    pub fn question(self) -> &'static str {
        match self {
            Prompt::WhenUnsafe => "When did I first begin to feel unsafe or unsure?",
            Prompt::PartnerOrPast => {
                "Is this feeling about my partner now, or about something in my past?"
            }
            Prompt::WhichBehaviour => "What exactly happened that hurt my trust?",
            Prompt::WhatWouldHelp => "What would help me feel a little safer this week?",
            Prompt::Free => "Whatever is on my mind",
        }
    }
}

/// One journal entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    /// Which prompt it answers.
    pub prompt: Prompt,
    /// What the person wrote.
    pub text: String,
}

impl Reflection {
    /// Validates the text (1 to 10,000 characters).
    pub fn parse(prompt: Prompt, text: &str) -> Result<Reflection, InvalidInput> {
        Ok(Reflection {
            prompt,
            text: parse_text(REFLECTION, text, REFLECTION_MAX)?,
        })
    }
}

/// A partner's short acknowledgement of a reflection shared with them ("Thank you for telling
/// me"), shared back with its author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgement {
    /// The words.
    pub text: String,
}

impl Acknowledgement {
    /// Validates the words (1 to 500 characters).
    pub fn parse(text: &str) -> Result<Acknowledgement, InvalidInput> {
        Ok(Acknowledgement {
            text: parse_text(ACKNOWLEDGEMENT, text, ACKNOWLEDGEMENT_MAX)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acknowledgement_is_a_few_words() {
        assert!(Acknowledgement::parse("Thank you for telling me.").is_ok());
        assert!(Acknowledgement::parse("   ").is_err());
        assert!(Acknowledgement::parse(&"a".repeat(ACKNOWLEDGEMENT_MAX + 1)).is_err());
    }

    #[test]
    fn a_checklist_lists_each_origin_once_in_order() {
        let c = Checklist::parse(vec![
            OriginNote {
                origin: Origin::Other,
                note: "  money ".into(),
            },
            OriginNote {
                origin: Origin::Lying,
                note: String::new(),
            },
        ])
        .expect("valid");
        assert_eq!(c.origins[0].origin, Origin::Lying);
        assert_eq!(c.note(Origin::Other), Some("money"));
        assert_eq!(c.note(Origin::Infidelity), None);
        let twice = Checklist::parse(vec![
            OriginNote {
                origin: Origin::Lying,
                note: String::new(),
            },
            OriginNote {
                origin: Origin::Lying,
                note: String::new(),
            },
        ]);
        assert!(twice.is_err());
        let long = Checklist::parse(vec![OriginNote {
            origin: Origin::Lying,
            note: "x".repeat(NOTE_MAX + 1),
        }]);
        assert!(matches!(long, Err(InvalidInput::TooLong { .. })));
    }

    #[test]
    fn reflections_are_bounded_and_names_round_trip() {
        assert!(Reflection::parse(Prompt::Free, "").is_err());
        assert!(Reflection::parse(Prompt::Free, &"é".repeat(REFLECTION_MAX + 1)).is_err());
        assert!(Reflection::parse(Prompt::WhenUnsafe, "Last spring.").is_ok());
        for p in Prompt::ALL {
            assert_eq!(Prompt::parse(p.as_str()), Some(p));
        }
        for o in Origin::ALL {
            assert_eq!(Origin::parse(o.as_str()), Some(o));
        }
    }
}
