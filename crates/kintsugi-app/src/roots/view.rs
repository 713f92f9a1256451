//! What a person sends to Roots and how a reflection is shown: the one schema the API, the
//! pages and an export share (the sealed format is the domain's `Reflection`, free to evolve on
//! its own).

use kintsugi_domain::Visibility;
use kintsugi_domain::roots::{Acknowledgement, OriginNote, Prompt, Reflection};
use serde::{Deserialize, Serialize};

use crate::records::Threads;
use crate::{Actor, Item, SeenBy, Stamp};

/// A partner's few words back on a shared reflection.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcknowledgementView {
    /// Its record, for the app's own use.
    #[serde(skip)]
    pub(crate) key: kintsugi_domain::RecordId,
    /// Whether you wrote it.
    pub mine: bool,
    /// Who wrote it, in words ("You", "Sam").
    pub who: String,
    /// Whether its author withdrew their words (then `text` is empty).
    pub withdrawn: bool,
    /// The words.
    pub text: String,
    /// When.
    pub at: Stamp,
}

/// A reflection as its reader sees it.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReflectionView {
    /// Its id.
    pub id: String,
    /// The same, for the app's own use.
    #[serde(skip)]
    pub(crate) key: kintsugi_domain::RecordId,
    /// Which prompt it answers.
    pub prompt: Prompt,
    /// The prompt's question.
    pub question: &'static str,
    /// The text.
    pub text: String,
    /// Who can see it.
    pub visibility: Visibility,
    /// Whether you wrote it (otherwise your partner shared it with you).
    pub mine: bool,
    /// Who wrote it, in words ("You", "Sam").
    pub who: String,
    /// Whether it was shared in a couple that has ended: a closed history, still readable.
    pub closed: bool,
    /// Who can read it now, in words.
    pub seen_by: SeenBy,
    /// Whether its author withdrew their words from your record (then `text` is empty, and
    /// only what you wrote under it stays).
    pub withdrawn: bool,
    /// The partner's few words back on it, oldest first.
    pub acknowledgements: Vec<AcknowledgementView>,
    /// When it was written.
    pub created_at: Stamp,
    /// When it last changed.
    pub updated_at: Stamp,
}

impl crate::step::Keyed for ReflectionView {
    fn key(&self) -> kintsugi_domain::RecordId {
        self.key
    }
}

impl ReflectionView {
    /// Whether the partner can read it.
    pub fn shared(&self) -> bool {
        self.visibility == Visibility::Shared
    }

    /// Whether it holds anything for its reader: not when its author withdrew their words and
    /// the reader wrote nothing under it.
    pub(crate) fn holds_anything(&self) -> bool {
        !self.withdrawn || self.mine || self.acknowledgements.iter().any(|a| a.mine)
    }
}

impl ReflectionView {
    pub(super) fn new(actor: &Actor, i: Item<Reflection>, threads: &Threads<'_>) -> Self {
        let acks = threads.of::<Acknowledgement>(i.id).into_iter();
        ReflectionView {
            acknowledgements: acks
                .map(|a| AcknowledgementView {
                    key: a.id,
                    mine: a.mine,
                    who: if a.mine { "You".into() } else { a.other(actor) },
                    withdrawn: a.words_withdrawn(),
                    at: actor.stamp(a.created_at),
                    text: a.body.text,
                })
                .collect(),
            closed: i.closed(actor),
            who: if i.mine { "You".into() } else { i.other(actor) },
            seen_by: i.seen_by(actor),
            withdrawn: i.words_withdrawn(),
            id: i.id.to_string(),
            key: i.id,
            prompt: i.body.prompt,
            question: i.body.prompt.question(),
            text: i.body.text,
            visibility: i.visibility,
            mine: i.mine,
            created_at: actor.stamp(i.created_at),
            updated_at: actor.stamp(i.updated_at),
        }
    }
}

/// The origins checklist (always private).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"origins": [{"origin": "past_relationships", "note": "It started long before us."}], "version": 0})))]
pub struct ChecklistBody {
    /// Ticked origins with optional notes (up to 2,000 characters each).
    pub origins: Vec<OriginNote>,
    /// Which saved version this is (0: none saved yet). Sending back the version you read makes
    /// a save refused with 409 if it changed since (another tab, another device) instead of
    /// silently replacing it; leave it out to replace whatever is there.
    #[serde(default)]
    pub version: Option<i64>,
}

/// A new reflection.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"prompt": "free", "text": "I felt unsafe long before I could say why.", "visibility": "private"})))]
pub struct NewReflection {
    /// Which prompt it answers (default: free).
    #[serde(default)]
    pub prompt: Option<Prompt>,
    /// 1 to 10,000 characters.
    pub text: String,
    /// Default: private.
    #[serde(default)]
    pub visibility: Option<Visibility>,
}

/// A change to one of your reflections.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"visibility": "shared"})))]
pub struct ReflectionPatch {
    /// New text (1 to 10,000 characters).
    #[serde(default)]
    pub text: Option<String>,
    /// Share or make private.
    #[serde(default)]
    pub visibility: Option<Visibility>,
}
