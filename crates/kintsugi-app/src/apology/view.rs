//! How an apology and a question are shown: the one schema the API, the pages and an export
//! share (the sealed formats are the domain's, free to evolve on their own).

use kintsugi_domain::apology::{Answer, Apology};
use serde::{Deserialize, Serialize};

use super::{AnswerVersion, Question};
use crate::records::Threads;
use crate::{Actor, Item, SeenBy, Stamp};

/// The five parts as typed (named `ApologyParts` so the coach's `Parts`, which says which parts
/// it found, stays distinct).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"what_i_did": "I hid the messages from you.", "responsibility": "That was my choice.", "impact": "You stopped feeling safe with me.", "differently": "I'll tell you when she contacts me.", "repair": "I'll answer your questions honestly."})))]
pub struct ApologyParts {
    /// What I did (required).
    pub what_i_did: String,
    /// That it was my responsibility.
    #[serde(default)]
    pub responsibility: String,
    /// How it affected you.
    #[serde(default)]
    pub impact: String,
    /// What I will do differently.
    #[serde(default)]
    pub differently: String,
    /// How I will repair.
    #[serde(default)]
    pub repair: String,
}

impl ApologyParts {
    /// The five fields in the program's order, as the coach judges them one by one.
    pub fn fields(&self) -> [&str; 5] {
        [
            &self.what_i_did,
            &self.responsibility,
            &self.impact,
            &self.differently,
            &self.repair,
        ]
    }
}

impl From<&Apology> for ApologyParts {
    fn from(a: &Apology) -> Self {
        ApologyParts {
            what_i_did: a.what_i_did.clone(),
            responsibility: a.responsibility.clone(),
            impact: a.impact.clone(),
            differently: a.differently.clone(),
            repair: a.repair.clone(),
        }
    }
}

/// A new apology.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"what_i_did": "I hid the messages from you.", "responsibility": "That was my choice.", "impact": "You stopped feeling safe with me.", "differently": "I'll tell you when she contacts me.", "repair": "I'll answer your questions honestly.", "deliver": false})))]
pub struct NewApology {
    /// The five parts (up to 4,000 characters each; "what I did" is required).
    #[serde(flatten)]
    pub parts: ApologyParts,
    /// A value you care about in this relationship (optional, up to 200 characters; always
    /// private to you).
    #[serde(default)]
    pub value: String,
    /// Deliver now (shared with your partner, then frozen) instead of keeping a private draft.
    #[serde(default)]
    pub deliver: bool,
}

/// An answer to an apology.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"answer": "need_time", "text": "I read it. I need a few days."})))]
pub struct NewResponse {
    /// `received`, `need_time` or `have_questions`.
    pub answer: Answer,
    /// Optional words (up to 4,000 characters).
    #[serde(default)]
    pub text: String,
}

/// Delivering: optionally the version you read through (from the apology's `version`), so a
/// draft changed since (in another client, say) is refused with 409 instead of sent unseen.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"version": 0})))]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// The version you read.
    #[serde(default)]
    pub version: Option<i64>,
}

/// A promise from an apology's commitment.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CommitmentPromise),
    schema(example = json!({"text": "I'll tell you when she contacts me."})))]
pub struct NewPromise {
    /// What is promised (default: the apology's "what I will do differently").
    #[serde(default)]
    pub text: Option<String>,
}

/// An apology with what its reader may see around it.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApologyView {
    /// Its id, for the app's own use.
    #[serde(skip)]
    pub(crate) key: kintsugi_domain::RecordId,
    /// Its id.
    pub id: String,
    /// Whether you wrote it.
    pub mine: bool,
    /// The five parts.
    pub parts: ApologyParts,
    /// Your value line (only ever on your own apologies).
    pub value: Option<String>,
    /// When it was delivered; absent for a draft.
    pub delivered_at: Option<Stamp>,
    /// Which version of the text this is (a draft's changes each make a new one); delivering
    /// may name the version the writer last read, so nothing is sent that they didn't see.
    pub version: i64,
    /// Answers, oldest first.
    pub responses: Vec<ResponseView>,
    /// Promises made from it.
    pub promises: Vec<String>,
    /// Whether your couple has ended: then it is a closed, read-only history.
    pub closed: bool,
    /// Who the other person is, in words.
    pub partner: String,
    /// Who can read it now, in words.
    pub seen_by: SeenBy,
    /// Whether its author withdrew their words from your record (then its parts are empty;
    /// your answers stay).
    pub withdrawn: bool,
    /// When it was written.
    pub created_at: Stamp,
}

/// An answer to an apology.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponseView {
    /// `received`, `need_time` or `have_questions`.
    pub answer: Answer,
    /// The answer in words.
    pub label: &'static str,
    /// Optional words.
    pub text: String,
    /// Whether its author withdrew their words (then `text` is empty).
    pub withdrawn: bool,
    /// Whether you wrote it.
    pub mine: bool,
    /// Who, in words.
    pub who: String,
    /// When.
    pub at: Stamp,
}

impl ApologyView {
    pub(super) fn new(actor: &Actor, item: Item<Apology>, threads: &Threads<'_>) -> Self {
        let closed = item.closed(actor);
        let partner = item.other(actor);
        ApologyView {
            value: threads
                .of::<kintsugi_domain::apology::ValueLine>(item.id)
                .into_iter()
                .find(|v| v.mine)
                .map(|v| v.body.value),
            responses: threads
                .of::<kintsugi_domain::apology::Response>(item.id)
                .into_iter()
                .map(|r| ResponseView {
                    answer: r.body.answer,
                    label: r.body.answer.label(),
                    who: if r.mine {
                        "You".into()
                    } else {
                        partner.clone()
                    },
                    withdrawn: r.words_withdrawn(),
                    text: r.body.text,
                    mine: r.mine,
                    at: actor.stamp(r.created_at),
                })
                .collect(),
            promises: threads
                .of::<kintsugi_domain::apology::Promise>(item.id)
                .into_iter()
                .map(|p| p.body.text)
                .collect(),
            key: item.id,
            id: item.id.to_string(),
            seen_by: item.seen_by(actor),
            withdrawn: item.words_withdrawn(),
            mine: item.mine,
            parts: ApologyParts::from(&item.body),
            delivered_at: item.body.delivered_at.map(|t| actor.stamp(t)),
            version: item.version,
            created_at: actor.stamp(item.created_at),
            closed,
            partner,
        }
    }

    /// Whether it holds anything for its reader: not when its author withdrew their words and
    /// the reader never answered it.
    pub(crate) fn holds_anything(&self) -> bool {
        !self.withdrawn || self.mine || self.responses.iter().any(|r| r.mine)
    }

    /// Its first line, for a list.
    pub fn title(&self) -> String {
        if self.withdrawn {
            return format!("An apology ({} withdrew its words)", self.partner);
        }
        let line = self.parts.what_i_did.lines().next().unwrap_or_default();
        let mut out: String = line.chars().take(80).collect();
        if line.chars().count() > 80 {
            out.push('…');
        }
        out
    }

    /// Where it stands, in words, for a list.
    pub fn state(&self) -> String {
        match (self.mine, &self.delivered_at) {
            (true, None) => "Draft · only you can see it".to_string(),
            (true, Some(t)) => format!("Delivered {}", t.date_time()),
            (false, Some(t)) => format!("From {}, {}", self.partner, t.date_time()),
            (false, None) => String::new(),
        }
    }
}

/// A question with every version of its answers.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionView {
    /// Its id.
    pub id: String,
    /// The same, for the app's own use.
    #[serde(skip)]
    pub(crate) key: kintsugi_domain::RecordId,
    /// Whether you asked it.
    pub mine: bool,
    /// The question.
    pub text: String,
    /// When it was asked.
    pub asked_at: Stamp,
    /// Every version of the answer, oldest first; the last one is current.
    pub answers: Vec<AnswerView>,
    /// Whether your couple has ended: then it is a closed, read-only history.
    pub closed: bool,
    /// Who asked it, in words ("You", "Sam").
    pub who: String,
    /// Who can read it now, in words.
    pub seen_by: SeenBy,
    /// Whether the one who asked withdrew their words (then `text` is empty; the answers
    /// stay).
    pub withdrawn: bool,
}

/// One version of an answer.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = QuestionAnswerView))]
pub struct AnswerView {
    /// Its record, for the app's own use.
    #[serde(skip)]
    pub(crate) key: kintsugi_domain::RecordId,
    /// The words.
    pub text: String,
    /// Whether its author withdrew their words (then `text` is empty).
    pub withdrawn: bool,
    /// When this version was written.
    pub at: Stamp,
}

impl QuestionView {
    /// Whether it holds anything for its reader: not when the one who asked withdrew their
    /// words and nobody answered.
    pub(crate) fn holds_anything(&self) -> bool {
        !self.withdrawn || self.mine || !self.answers.is_empty()
    }

    /// The label of the answer field under it.
    pub fn answer_label(&self) -> &'static str {
        match self.answers.is_empty() {
            true => "Your answer",
            false => "Add to your answer (the earlier version stays visible)",
        }
    }

    /// The button that sends an answer.
    pub fn send_label(&self) -> &'static str {
        match self.answers.is_empty() {
            true => "Answer",
            false => "Share the new version",
        }
    }

    pub(super) fn new(actor: &Actor, q: Item<Question>, threads: &Threads<'_>) -> Self {
        QuestionView {
            closed: q.closed(actor),
            answers: threads
                .of::<AnswerVersion>(q.id)
                .into_iter()
                .map(|a| AnswerView {
                    key: a.id,
                    withdrawn: a.words_withdrawn(),
                    text: a.body.text,
                    at: actor.stamp(a.created_at),
                })
                .collect(),
            id: q.id.to_string(),
            key: q.id,
            who: if q.mine { "You".into() } else { q.other(actor) },
            seen_by: q.seen_by(actor),
            withdrawn: q.words_withdrawn(),
            mine: q.mine,
            text: q.body.text,
            asked_at: actor.stamp(q.created_at),
        }
    }
}
