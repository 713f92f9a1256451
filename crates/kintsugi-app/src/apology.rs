//! Step 3, Apology and accountability: a guided apology, the receiver's free answer,
//! commitments turned into promises, and the questions thread.
//!
//! A draft is private; delivering shares it and freezes it (a delivered apology is never
//! edited). The author's value line stays private for good. An answer in the questions thread
//! is amended by writing a new version; every version stays visible to both, with its time.

use kintsugi_domain::apology::{Apology, Promise, Response, ThreadText, ValueLine};
use kintsugi_domain::{RecordId, Visibility};
use serde::{Deserialize, Serialize};

use crate::records::{self, Item, Record, RecordKind, Threads};
use crate::{Actor, error, now};

impl Record for Apology {
    const KIND: RecordKind = RecordKind::Apology;
}
impl Record for ValueLine {
    const KIND: RecordKind = RecordKind::ApologyValue;
}
impl Record for Response {
    const KIND: RecordKind = RecordKind::ApologyResponse;
}
impl Record for Promise {
    const KIND: RecordKind = RecordKind::Promise;
}

/// A question in the thread.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    /// The words.
    pub text: String,
}

impl Record for Question {
    const KIND: RecordKind = RecordKind::Question;
}

/// One version of an answer in the thread.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnswerVersion {
    /// The words.
    pub text: String,
}

impl Record for AnswerVersion {
    const KIND: RecordKind = RecordKind::Answer;
}

/// What this step refuses.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Sharing needs a partner.
    #[error(
        "You need to be paired to share this with your partner. Your draft can stay private until then."
    )]
    NeedsPartner,
    /// A delivered apology is never edited.
    #[error(
        "A delivered apology isn't changed after the fact. If there's more to say, write a new one or answer in Questions."
    )]
    Frozen,
    /// Answering one's own apology.
    #[error("This is your own apology. Your partner answers it when they're ready.")]
    OwnApology,
    /// A promise from a draft.
    #[error("Deliver the apology first; then its commitments can become promises.")]
    NotDelivered,
    /// Answering one's own question.
    #[error("This is your own question. Your partner answers it.")]
    OwnQuestion,
    /// Not the actor's own.
    #[error("{}", error::NOT_YOURS)]
    NotYours,
    /// The apology or question belongs to a couple that has ended.
    #[error("{}", crate::records::CLOSED)]
    Closed,
    /// Anything every step can meet.
    #[error(transparent)]
    App(#[from] crate::Error),
}

crate::error::step_error!(Error, not_found: [NotYours]);

/// A result of this step.
pub type Result<T> = std::result::Result<T, Error>;

/// An apology with what the actor may see around it.
pub struct ApologyView {
    /// Its id.
    pub id: RecordId,
    /// Whether the actor wrote it.
    pub mine: bool,
    /// The five parts and delivery time.
    pub body: Apology,
    /// The author's private value line (only ever shown to the author).
    pub value: Option<String>,
    /// The receiver's answers, oldest first.
    pub responses: Vec<Item<Response>>,
    /// Promises made from it.
    pub promises: Vec<Item<Promise>>,
    /// When it was written.
    pub created_at: i64,
    /// Its version, named by a change so that a stale change is refused.
    pub version: i64,
    /// Whether its couple has ended: then it is shown as it was, closed.
    pub closed: bool,
}

fn assemble(actor: &Actor, item: Item<Apology>, threads: &Threads<'_>) -> ApologyView {
    ApologyView {
        closed: item.closed(actor),
        value: threads
            .of::<ValueLine>(item.id)
            .into_iter()
            .find(|v| v.mine)
            .map(|v| v.body.value),
        responses: threads.of(item.id),
        promises: threads.of(item.id),
        id: item.id,
        mine: item.mine,
        body: item.body,
        created_at: item.created_at,
        version: item.version,
    }
}

/// Every apology the actor may see (theirs, and those delivered to them), newest first.
pub async fn apologies(actor: &Actor) -> Result<Vec<ApologyView>> {
    Ok(records::list_threaded(actor, assemble).await?)
}

/// One apology, or `NotFound`.
pub async fn apology(actor: &Actor, id: RecordId) -> Result<ApologyView> {
    Ok(records::get_threaded(actor, id, assemble).await?)
}

/// The five parts as typed, in order: what I did, responsibility, impact, what I will do
/// differently, how I will repair.
pub type Parts<'a> = [&'a str; 5];

fn parse(parts: Parts<'_>) -> Result<Apology> {
    let [what, responsibility, impact, differently, repair] = parts;
    Ok(Apology::parse(
        what,
        responsibility,
        impact,
        differently,
        repair,
    )?)
}

/// Writes an apology: a private draft, or delivered at once. The value line, if given, stays
/// private to the author.
pub async fn write(
    actor: &Actor,
    parts: Parts<'_>,
    value: &str,
    deliver: bool,
) -> Result<RecordId> {
    let mut body = parse(parts)?;
    let value = if value.trim().is_empty() {
        None
    } else {
        Some(ValueLine::parse(value)?)
    };
    if deliver && actor.couple.is_none() {
        return Err(Error::NeedsPartner);
    }
    let visibility = if deliver {
        body.delivered_at = Some(now());
        Visibility::Shared
    } else {
        Visibility::Private
    };
    let id = records::create(actor, visibility, None, &body).await?;
    if let Some(v) = value {
        records::create(actor, Visibility::Private, Some(id), &v).await?;
    }
    Ok(id)
}

async fn own_draft(actor: &Actor, id: RecordId) -> Result<Item<Apology>> {
    let item = records::get::<Apology>(actor, id).await?;
    if !item.mine {
        return Err(Error::NotYours);
    }
    if item.body.is_delivered() {
        return Err(Error::Frozen);
    }
    Ok(item)
}

/// Changes a draft (refused once delivered: the change names the version checked here, so an
/// edit racing a delivery can't undo it).
pub async fn edit_draft(actor: &Actor, id: RecordId, parts: Parts<'_>) -> Result<()> {
    let draft = own_draft(actor, id).await?;
    let body = parse(parts)?;
    Ok(records::change(actor, &draft, Visibility::Private, &body).await?)
}

/// Delivers a draft to the partner; from now on it doesn't change.
pub async fn deliver(actor: &Actor, id: RecordId) -> Result<()> {
    let draft = own_draft(actor, id).await?;
    if actor.couple.is_none() {
        return Err(Error::NeedsPartner);
    }
    let mut body = draft.body.clone();
    body.delivered_at = Some(now());
    Ok(records::change(actor, &draft, Visibility::Shared, &body).await?)
}

/// The receiver answers, freely; there is no forgiveness button and no deadline.
pub async fn respond(actor: &Actor, id: RecordId, response: Response) -> Result<()> {
    let a = records::get::<Apology>(actor, id).await?;
    if a.mine {
        return Err(Error::OwnApology);
    }
    if a.closed(actor) {
        return Err(Error::Closed);
    }
    records::create(actor, Visibility::Shared, Some(id), &response).await?;
    Ok(())
}

/// Turns a commitment into a promise (the text defaults to "what I will do differently").
pub async fn promise(actor: &Actor, id: RecordId, text: Option<&str>) -> Result<Promise> {
    let a = records::get::<Apology>(actor, id).await?;
    if !a.mine {
        return Err(Error::NotYours);
    }
    if !a.body.is_delivered() {
        return Err(Error::NotDelivered);
    }
    if a.closed(actor) {
        return Err(Error::Closed);
    }
    let text = text
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&a.body.differently);
    let p = Promise::parse(text)?;
    records::create(actor, Visibility::Shared, Some(id), &p).await?;
    Ok(p)
}

/// A question with every version of every answer.
pub struct QuestionView {
    /// Its id.
    pub id: RecordId,
    /// Whether the actor asked it.
    pub mine: bool,
    /// The question.
    pub text: String,
    /// When it was asked.
    pub created_at: i64,
    /// Answers, oldest first; each later one by the same person amends the earlier.
    pub answers: Vec<Item<AnswerVersion>>,
    /// Whether its couple has ended: then it is shown as it was, closed.
    pub closed: bool,
}

/// The questions thread, newest question first (two queries, however many questions).
pub async fn questions(actor: &Actor) -> Result<Vec<QuestionView>> {
    Ok(records::list_threaded(actor, question_view).await?)
}

fn question_view(actor: &Actor, q: Item<Question>, threads: &Threads<'_>) -> QuestionView {
    QuestionView {
        closed: q.closed(actor),
        answers: threads.of(q.id),
        id: q.id,
        mine: q.mine,
        text: q.body.text,
        created_at: q.created_at,
    }
}

/// Asks the partner a question.
pub async fn ask(actor: &Actor, text: &str) -> Result<RecordId> {
    if actor.couple.is_none() {
        return Err(Error::NeedsPartner);
    }
    let q = ThreadText::parse("Question", text)?;
    Ok(records::create(actor, Visibility::Shared, None, &Question { text: q.text }).await?)
}

/// Answers a question (or amends an earlier answer: the earlier version stays visible).
pub async fn answer(actor: &Actor, id: RecordId, text: &str) -> Result<()> {
    let a = ThreadText::parse("Answer", text)?;
    let q = records::get::<Question>(actor, id).await?;
    if q.mine {
        return Err(Error::OwnQuestion);
    }
    if q.closed(actor) {
        return Err(Error::Closed);
    }
    if actor.couple.is_none() {
        return Err(Error::NeedsPartner);
    }
    records::create(
        actor,
        Visibility::Shared,
        Some(id),
        &AnswerVersion { text: a.text },
    )
    .await?;
    Ok(())
}
