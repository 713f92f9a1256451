//! Step 3, Apology and accountability: a guided apology, the receiver's free answer,
//! commitments turned into promises, and the questions thread.
//!
//! A draft is private; delivering shares it and freezes it (a delivered apology is never
//! edited). The author's value line stays private for good. An answer in the questions thread
//! is amended by writing a new version; every version stays visible to both, with its time.

use kintsugi_domain::apology::{
    ANSWER, Apology, Promise, QUESTION, Response, ThreadText, ValueLine,
};
use kintsugi_domain::{RecordId, Visibility};
use serde::{Deserialize, Serialize};

use crate::records::{self, Item};
use crate::{Actor, error, now};

crate::record_kinds!(
    Apology => Apology,
    ValueLine => ApologyValue,
    Response => ApologyResponse,
    Question => Question,
    AnswerVersion => Answer,
);

mod view;
pub use view::{
    AnswerView, ApologyParts, ApologyView, NewApology, NewPromise, NewResponse, QuestionView,
    ResponseView,
};

/// A question in the thread.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    /// The words.
    pub text: String,
}

/// One version of an answer in the thread.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnswerVersion {
    /// The words.
    pub text: String,
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
    /// The draft changed after the version the writer reviewed (another tab, say).
    #[error(
        "This draft changed after you read it through, perhaps in another tab. Please read it again before delivering it."
    )]
    ChangedSinceReview,
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

/// Every apology the actor may see (theirs, and those delivered to them), newest first.
pub async fn apologies(actor: &Actor) -> Result<Vec<ApologyView>> {
    Ok(records::list_threaded(actor, ApologyView::new).await?)
}

/// One apology, or `NotFound`.
pub async fn apology(actor: &Actor, id: RecordId) -> Result<ApologyView> {
    let view = records::get_threaded(actor, id, ApologyView::new).await?;
    if !view.mine {
        // Seen by its receiver now (for their inbox only: the author is never told).
        crate::inbox::mark_seen(actor, vec![view.key]).await?;
    }
    Ok(view)
}

fn parse(p: &ApologyParts) -> Result<Apology> {
    Ok(Apology::parse(
        &p.what_i_did,
        &p.responsibility,
        &p.impact,
        &p.differently,
        &p.repair,
    )?)
}

/// Writes an apology: a private draft, or delivered at once. The value line, if given, stays
/// private to the author.
pub async fn write(actor: &Actor, new: &NewApology) -> Result<RecordId> {
    let mut body = parse(&new.parts)?;
    let value = if new.value.trim().is_empty() {
        None
    } else {
        Some(ValueLine::parse(&new.value)?)
    };
    if new.deliver && actor.couple.is_none() {
        return Err(Error::NeedsPartner);
    }
    let visibility = if new.deliver {
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
pub async fn edit_draft(actor: &Actor, id: RecordId, parts: &ApologyParts) -> Result<()> {
    let draft = own_draft(actor, id).await?;
    let body = parse(parts)?;
    Ok(records::change(actor, &draft, Visibility::Private, &body).await?)
}

/// Delivers a draft to the partner; from now on it doesn't change. With `reviewed`, only the
/// version the writer read through is delivered: a draft changed since is refused, and the
/// write itself names the version it read, so a change racing it makes one of them fail.
pub async fn deliver(actor: &Actor, id: RecordId, reviewed: Option<i64>) -> Result<()> {
    let draft = own_draft(actor, id).await?;
    if actor.couple.is_none() {
        return Err(Error::NeedsPartner);
    }
    if reviewed.is_some_and(|v| v != draft.version) {
        return Err(Error::ChangedSinceReview);
    }
    let mut body = draft.body.clone();
    body.delivered_at = Some(now());
    Ok(records::change(actor, &draft, Visibility::Shared, &body).await?)
}

/// The receiver answers, freely; there is no forgiveness button and no deadline.
pub async fn respond(actor: &Actor, id: RecordId, new: &NewResponse) -> Result<()> {
    let response = Response::parse(new.answer, &new.text)?;
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
pub async fn promise(actor: &Actor, id: RecordId, new: &NewPromise) -> Result<Promise> {
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
    let text = new
        .text
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&a.body.differently);
    let p = Promise::parse(text)?;
    records::create(actor, Visibility::Shared, Some(id), &p).await?;
    Ok(p)
}

/// The questions thread, newest question first (two queries, however many questions).
pub async fn questions(actor: &Actor) -> Result<Vec<QuestionView>> {
    Ok(records::list_threaded(actor, QuestionView::new).await?)
}

/// The questions thread as its reader opens it: the answers to their own questions are now
/// seen (for their inbox only).
pub async fn read_questions(actor: &Actor) -> Result<Vec<QuestionView>> {
    let list = questions(actor).await?;
    let answers = list.iter().filter(|q| q.mine).flat_map(|q| &q.answers);
    crate::inbox::mark_seen(actor, answers.map(|a| a.key).collect()).await?;
    Ok(list)
}

/// Asks the partner a question.
pub async fn ask(actor: &Actor, text: &str) -> Result<RecordId> {
    if actor.couple.is_none() {
        return Err(Error::NeedsPartner);
    }
    let q = ThreadText::parse(QUESTION, text)?;
    Ok(records::create(actor, Visibility::Shared, None, &Question { text: q.text }).await?)
}

/// Answers a question (or amends an earlier answer: the earlier version stays visible).
pub async fn answer(actor: &Actor, id: RecordId, text: &str) -> Result<()> {
    let a = ThreadText::parse(ANSWER, text)?;
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
