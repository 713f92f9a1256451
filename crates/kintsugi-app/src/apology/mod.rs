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

use crate::error::refusals;
use crate::records::{self, Item, Listed, Page};
use crate::step::Step;
use crate::waiting::{Effects, Wait, opened, opened_all};
use crate::{Actor, Error, Result, now};

crate::record_kinds!(
    Apology => "apology" ["what_i_did", "responsibility", "impact", "differently", "repair"],
    ValueLine => "apology_value" ["value"],
    Response => "apology_response" ["text"],
    Question => "question" ["text"],
    AnswerVersion => "answer" ["text"],
);

mod told;
mod view;
mod waits;
pub use view::{
    AnswerView, ApologyParts, ApologyView, Delivery, NewApology, NewPromise, NewResponse,
    QuestionView, ResponseView,
};

/// An apology delivered to the actor.
pub const DELIVERED: Wait = Wait("apology");
/// A question asked of the actor.
pub const ASKED: Wait = Wait("question_to_answer");
/// An answer to the actor's question.
pub const ANSWERED: Wait = Wait("new_answer");
/// The partner answered the actor's apology.
pub const RESPONDED: Wait = Wait("apology_answered");

/// Step 3 in the registry.
pub const STEP: Step = Step::new(3, "apology", KINDS)
    .waiting(&[DELIVERED, ASKED, ANSWERED, RESPONDED], waits::describe)
    .for_one()
    .effort(&[crate::measure::Effort::new(
        "apology",
        "Apologies delivered",
    )])
    .telling(told::tells);

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

const NEEDS_PARTNER: &str = "You need to be paired to share this with your partner. Your draft can stay private until then.";

/// What this step refuses, besides what every step can.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
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
}

refusals!(Refusal);

/// How many apologies, or questions, a page holds unless asked otherwise.
pub const PAGE: u32 = 20;

/// A page of the apologies the actor may see (theirs, and those delivered to them), newest
/// first.
pub async fn apologies(actor: &Actor, page: Page) -> Result<Listed<ApologyView>> {
    let mut listed = records::page_threaded(actor, page, ApologyView::new).await?;
    listed.items.retain(ApologyView::holds_anything);
    Ok(listed)
}

/// One apology, or `NotFound`.
pub async fn apology(actor: &Actor, id: RecordId) -> Result<ApologyView> {
    let view = records::get_threaded(actor, id, ApologyView::new).await?;
    // Seen by its reader now (for their own inbox only: the other is never told).
    let read = if view.mine { RESPONDED } else { DELIVERED };
    opened(actor, id, &[read]).await?;
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
pub async fn write(actor: &Actor, new: &NewApology) -> Result<ApologyView> {
    let mut body = parse(&new.parts)?;
    let value = if new.value.trim().is_empty() {
        None
    } else {
        Some(ValueLine::parse(&new.value)?)
    };
    if new.deliver {
        actor.paired(NEEDS_PARTNER)?;
    }
    let visibility = if new.deliver {
        body.delivered_at = Some(now());
        Visibility::Shared
    } else {
        Visibility::Private
    };
    let deliver = new.deliver;
    let waits = |id| match deliver {
        true => Effects::none().tell_partner(actor, DELIVERED, id),
        false => Effects::none(),
    };
    let id = records::create_with(actor, visibility, None, &body, waits).await?;
    if let Some(v) = value {
        records::create(actor, Visibility::Private, Some(id), &v).await?;
    }
    apology(actor, id).await
}

async fn own_draft(actor: &Actor, id: RecordId) -> Result<Item<Apology>> {
    let item = records::get::<Apology>(actor, id).await?;
    if !item.mine {
        return Err(Error::not_yours());
    }
    if item.body.is_delivered() {
        return Err(Refusal::Frozen.into());
    }
    Ok(item)
}

/// Changes a draft (refused once delivered: the change names the version checked here, so an
/// edit racing a delivery can't undo it).
pub async fn edit_draft(actor: &Actor, id: RecordId, parts: &ApologyParts) -> Result<ApologyView> {
    let draft = own_draft(actor, id).await?;
    let body = parse(parts)?;
    records::change(actor, &draft, Visibility::Private, &body).await?;
    apology(actor, id).await
}

/// Delivers a draft to the partner; from now on it doesn't change. With `reviewed`, only the
/// version the writer read through is delivered: a draft changed since is refused, and the
/// write itself names the version it read, so a change racing it makes one of them fail.
pub async fn deliver(actor: &Actor, id: RecordId, reviewed: Option<i64>) -> Result<ApologyView> {
    let draft = own_draft(actor, id).await?;
    actor.paired(NEEDS_PARTNER)?;
    if reviewed.is_some_and(|v| v != draft.version) {
        return Err(Refusal::ChangedSinceReview.into());
    }
    let mut body = draft.body.clone();
    body.delivered_at = Some(now());
    let waits = Effects::none().tell_partner(actor, DELIVERED, id);
    records::change_with(actor, &draft, Visibility::Shared, &body, waits).await?;
    apology(actor, id).await
}

/// The receiver answers, freely; there is no forgiveness button and no deadline.
pub async fn respond(actor: &Actor, id: RecordId, new: &NewResponse) -> Result<ApologyView> {
    let response = Response::parse(new.answer, &new.text)?;
    let a = records::get::<Apology>(actor, id).await?;
    if a.mine {
        return Err(Refusal::OwnApology.into());
    }
    a.still_open(actor)?;
    let done = |answer| {
        Effects::none()
            .done(actor, id, &[DELIVERED])
            .tell_partner_about(actor, RESPONDED, id, Some(answer), None)
    };
    records::create_with(actor, Visibility::Shared, Some(id), &response, done).await?;
    apology(actor, id).await
}

/// Turns a commitment into a promise (the text defaults to "what I will do differently").
pub async fn promise(actor: &Actor, id: RecordId, new: &NewPromise) -> Result<ApologyView> {
    let a = records::get::<Apology>(actor, id).await?;
    if !a.mine {
        return Err(Error::not_yours());
    }
    if !a.body.is_delivered() {
        return Err(Refusal::NotDelivered.into());
    }
    a.still_open(actor)?;
    let text = new
        .text
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&a.body.differently);
    let p = Promise::parse(text)?;
    crate::promises::from_commitment(actor, id, &p).await?;
    apology(actor, id).await
}

/// A page of the questions thread, newest question first (two queries, however many
/// questions).
pub async fn questions(actor: &Actor, page: Page) -> Result<Listed<QuestionView>> {
    let mut listed = records::page_threaded(actor, page, QuestionView::new).await?;
    listed.items.retain(QuestionView::holds_anything);
    Ok(listed)
}

/// A page of the questions thread as its reader opens it: the answers to their own questions
/// are now seen (for their inbox only).
pub async fn read_questions(actor: &Actor, page: Page) -> Result<Listed<QuestionView>> {
    let listed = questions(actor, page).await?;
    opened_all(actor, &[ANSWERED]).await?;
    Ok(listed)
}

/// Asks the partner a question; answers with the thread.
pub async fn ask(actor: &Actor, text: &str) -> Result<Vec<QuestionView>> {
    actor.paired(NEEDS_PARTNER)?;
    let q = ThreadText::parse(QUESTION, text)?;
    let body = Question { text: q.text };
    let waits = |id| Effects::none().tell_partner(actor, ASKED, id);
    records::create_with(actor, Visibility::Shared, None, &body, waits).await?;
    Ok(questions(actor, Page::first(PAGE)).await?.items)
}

/// Answers a question (or amends an earlier answer: the earlier version stays visible);
/// answers with the thread.
pub async fn answer(actor: &Actor, id: RecordId, text: &str) -> Result<Vec<QuestionView>> {
    let a = ThreadText::parse(ANSWER, text)?;
    let q = records::get::<Question>(actor, id).await?;
    if q.mine {
        return Err(Refusal::OwnQuestion.into());
    }
    q.still_open(actor)?;
    actor.paired(NEEDS_PARTNER)?;
    let body = AnswerVersion { text: a.text };
    let waits = |answer| {
        Effects::none()
            .done(actor, id, &[ASKED])
            .tell_partner_about(actor, ANSWERED, id, Some(answer), None)
    };
    records::create_with(actor, Visibility::Shared, Some(id), &body, waits).await?;
    Ok(questions(actor, Page::first(PAGE)).await?.items)
}
