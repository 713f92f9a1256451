//! Step 6, Triggers: a private log of triggering moments with patterns only its author sees,
//! and calm reassurance requests to the partner, who can answer them. The log is private,
//! always; a request and its answers are shared.

use kintsugi_domain::triggers::{
    Entry, Reassurance, Request, Responded, TriggerKind, Words, message,
};
use kintsugi_domain::{RecordId, Visibility};

use crate::records::{self, Item, Threads};
use crate::{Actor, now};

crate::record_kinds!(
    Entry => TriggerEntry,
    Request => ReassuranceRequest,
    Reassurance => ReassuranceAnswer,
);

mod patterns;
mod view;
pub use patterns::{Patterns, TimeOfDay, WeekCounts, patterns_of};
pub use view::{AnswerView, EntryView, NewEntry, NewMessage, RequestView};

/// What Triggers refuses.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Requests go to a partner.
    #[error(
        "A reassurance request goes to your partner, so you need to be paired first. Your log works on its own."
    )]
    NeedsPartner,
    /// Answering one's own request.
    #[error("This is your own request. Your partner answers it.")]
    OwnRequest,
    /// The request belongs to a couple that has ended.
    #[error("{}", crate::records::CLOSED)]
    Closed,
    /// Anything every step can meet.
    #[error(transparent)]
    App(#[from] crate::Error),
}

crate::error::step_error!(Error, not_found: []);

/// A result of this step.
pub type Result<T> = std::result::Result<T, Error>;

/// The actor's own log, newest first (only ever their own: entries are private).
pub async fn entries(actor: &Actor) -> Result<Vec<EntryView>> {
    let list = records::list::<Entry>(actor).await?;
    Ok(list
        .into_iter()
        .filter(|i| i.mine)
        .map(|i| EntryView::new(actor, i))
        .collect())
}

/// Logs a moment (private).
pub async fn log(actor: &Actor, new: &NewEntry) -> Result<RecordId> {
    let words = Words {
        situation: &new.situation,
        fear: &new.fear,
        evidence_for: &new.evidence_for,
        evidence_against: &new.evidence_against,
        need: &new.need,
    };
    let kind: TriggerKind = new.kind;
    let responded: &[Responded] = &new.responded;
    let e = Entry::parse(kind, &words, new.before, new.after, responded)?;
    Ok(records::create(actor, Visibility::Private, None, &e).await?)
}

/// The actor's patterns: week by week, times of day, and a short summary.
pub async fn patterns(actor: &Actor) -> Result<Patterns> {
    let list = records::list::<Entry>(actor).await?;
    let mine: Vec<(i64, Entry)> = list
        .into_iter()
        .filter(|i| i.mine)
        .map(|i| (i.created_at, i.body))
        .collect();
    Ok(patterns_of(&mine, &actor.zone, now()))
}

/// Every reassurance request between the partners, newest first, with its answers; opening
/// them marks the answers to the actor's own requests seen.
pub async fn requests(actor: &Actor) -> Result<Vec<RequestView>> {
    let views = unmarked(actor).await?;
    let answers = views
        .iter()
        .filter(|r| r.mine)
        .flat_map(|r| r.answers.iter());
    let seen = answers.filter(|a| !a.mine).map(|a| a.key).collect();
    crate::inbox::mark_seen(actor, seen).await?;
    Ok(views)
}

/// The same, without marking anything seen (for the inbox).
pub(crate) async fn unmarked(actor: &Actor) -> Result<Vec<RequestView>> {
    Ok(records::list_threaded(actor, RequestView::new).await?)
}

/// Sends a calm request for reassurance to the partner.
pub async fn ask(actor: &Actor, new: &NewMessage) -> Result<RecordId> {
    let text = message(&new.text)?;
    if actor.couple.is_none() {
        return Err(Error::NeedsPartner);
    }
    Ok(records::create(actor, Visibility::Shared, None, &Request { text }).await?)
}

/// Answers the partner's request (more than once, if wished).
pub async fn answer(actor: &Actor, id: RecordId, new: &NewMessage) -> Result<RequestView> {
    let text = message(&new.text)?;
    let r: Item<Request> = records::get(actor, id).await?;
    if r.mine {
        return Err(Error::OwnRequest);
    }
    if r.closed(actor) {
        return Err(Error::Closed);
    }
    records::create(actor, Visibility::Shared, Some(id), &Reassurance { text }).await?;
    Ok(records::get_threaded(actor, id, RequestView::new).await?)
}

/// A request with its answers, as the views read them.
pub(crate) fn answers_of(threads: &Threads<'_>, id: RecordId) -> Vec<Item<Reassurance>> {
    threads.of::<Reassurance>(id)
}
