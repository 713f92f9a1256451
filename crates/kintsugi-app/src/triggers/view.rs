//! How the log and the requests are shown, and what a person sends.

use kintsugi_domain::RecordId;
use kintsugi_domain::triggers::{Entry, Request, Responded, TriggerKind};
use serde::{Deserialize, Serialize};

use crate::records::{Item, Threads};
use crate::{Actor, Stamp};

/// A new log entry.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"kind": "late_reply", "situation": "No answer for three hours while I waited.", "before": 7, "after": 4, "fear": "That I'm not a priority.", "responded": ["paused", "spoke_calmly"]})))]
pub struct NewEntry {
    /// `late_reply`, `routine_change`, `social_media`, `withdrawal` or `other`.
    pub kind: TriggerKind,
    /// What happened (1 to 2,000 characters).
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub situation: String,
    /// How strong at first, 0–10.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10))]
    pub before: u8,
    /// How strong afterwards, 0–10.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10))]
    pub after: u8,
    /// The fear underneath (optional, up to 1,000).
    #[serde(default)]
    pub fear: String,
    /// What supports it (optional).
    #[serde(default)]
    pub evidence_for: String,
    /// What speaks against it (optional).
    #[serde(default)]
    pub evidence_against: String,
    /// The reassurance I need (optional).
    #[serde(default)]
    pub need: String,
    /// How I responded: `paused`, `self_soothed`, `spoke_calmly`, `accused`, `checked_up`.
    #[serde(default)]
    pub responded: Vec<Responded>,
}

/// A reassurance request, or an answer to one.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"text": "Could you tell me when you'll be home tonight? It would help me settle."})))]
pub struct NewMessage {
    /// 1 to 1,000 characters.
    pub text: String,
}

/// One log entry (only ever its author's).
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryView {
    /// Its id.
    pub id: String,
    /// What set it off.
    pub kind: TriggerKind,
    /// The same, in words.
    pub kind_label: &'static str,
    /// What happened.
    pub situation: String,
    /// How strong at first.
    pub before: u8,
    /// How strong afterwards.
    pub after: u8,
    /// The fear underneath.
    pub fear: String,
    /// What supports it.
    pub evidence_for: String,
    /// What speaks against it.
    pub evidence_against: String,
    /// The reassurance needed.
    pub need: String,
    /// How you responded, in words.
    pub responded: Vec<&'static str>,
    /// When.
    pub at: Stamp,
}

impl EntryView {
    pub(super) fn new(actor: &Actor, i: Item<Entry>) -> EntryView {
        let e = i.body;
        EntryView {
            id: i.id.to_string(),
            kind: e.kind,
            kind_label: e.kind.label(),
            situation: e.situation,
            before: e.before,
            after: e.after,
            fear: e.fear,
            evidence_for: e.evidence_for,
            evidence_against: e.evidence_against,
            need: e.need,
            responded: e.responded.iter().map(|r| r.label()).collect(),
            at: actor.stamp(i.created_at),
        }
    }
}

/// An answer to a request.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ReassuranceView))]
pub struct AnswerView {
    /// Its record, for the app's own use.
    #[serde(skip)]
    pub(crate) key: RecordId,
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

/// A reassurance request with its answers.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestView {
    /// Its id.
    pub id: String,
    /// The same, for the app's own use.
    #[serde(skip)]
    pub(crate) key: kintsugi_domain::RecordId,
    /// Whether you sent it.
    pub mine: bool,
    /// Who sent it, in words.
    pub who: String,
    /// The words.
    pub text: String,
    /// The answers, oldest first.
    pub answers: Vec<AnswerView>,
    /// Whether your couple has ended: a closed, read-only history.
    pub closed: bool,
    /// Who can read it now, in words.
    pub seen_by: crate::SeenBy,
    /// Whether the one who asked withdrew their words (then `text` is empty; the answers
    /// stay).
    pub withdrawn: bool,
    /// When it was sent.
    pub at: Stamp,
}

impl crate::step::Keyed for RequestView {
    fn key(&self) -> kintsugi_domain::RecordId {
        self.key
    }
}

impl RequestView {
    /// Whether it holds anything for its reader: not when the one who asked withdrew their
    /// words and the reader never answered.
    pub(crate) fn holds_anything(&self) -> bool {
        !self.withdrawn || self.mine || self.answers.iter().any(|a| a.mine)
    }

    pub(super) fn new(actor: &Actor, r: Item<Request>, threads: &Threads<'_>) -> RequestView {
        let closed = r.closed(actor);
        let answers = super::answers_of(threads, r.id)
            .into_iter()
            .map(|a| AnswerView {
                key: a.id,
                mine: a.mine,
                who: if a.mine { "You".into() } else { a.other(actor) },
                withdrawn: a.words_withdrawn(),
                at: actor.stamp(a.created_at),
                text: a.body.text,
            })
            .collect();
        RequestView {
            who: if r.mine { "You".into() } else { r.other(actor) },
            seen_by: r.seen_by(actor),
            withdrawn: r.words_withdrawn(),
            id: r.id.to_string(),
            key: r.id,
            mine: r.mine,
            text: r.body.text,
            answers,
            closed,
            at: actor.stamp(r.created_at),
        }
    }
}
