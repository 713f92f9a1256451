//! Step 6, Triggers: a private log of triggering moments with patterns only its author sees,
//! and calm reassurance requests to the partner, who can answer them. The log is private,
//! always; a request and its answers are shared.

use kintsugi_domain::triggers::{
    Entry, Reassurance, Request, Responded, TriggerKind, Words, message,
};
use kintsugi_domain::{RecordId, Visibility};
use kintsugi_store::InboxEntry;

use crate::error::refusals;
use crate::records::{self, Cursor, Item, Listed, Page, Threads};
use crate::step::{Step, threaded};
use crate::waiting::{BoxFuture, Effects, InboxItem, Wait, opened_all, quote};
use crate::{Actor, Result, now};

crate::record_kinds!(
    Entry => "trigger_entry" [],
    Request => "reassurance_request" ["text"],
    Reassurance => "reassurance_answer" ["text"],
);

mod cache;
mod patterns;
mod told;
mod view;
pub use patterns::{Patterns, TimeOfDay, WeekCounts, patterns_of};
pub use view::{AnswerView, EntryView, NewEntry, NewMessage, RequestView};

/// The partner asks the actor for reassurance.
pub const REQUESTED: Wait = Wait("reassurance_request");
/// The partner answered the actor's request.
pub const REASSURED: Wait = Wait("reassured");

/// Step 6 in the registry.
pub const STEP: Step = Step::new(6, "triggers", KINDS)
    .for_one()
    .waiting(&[REQUESTED, REASSURED], describe)
    .measuring(measure)
    .effort(&[crate::measure::Effort::new(
        "reassurance_answer",
        "Reassurance given",
    )])
    .telling(told::tells);

const NEEDS_PARTNER: &str = "A reassurance request goes to your partner, so you need to be paired first. Your log works on its own.";

/// What Triggers refuses, besides what every step can.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// Answering one's own request.
    #[error("This is your own request. Your partner answers it.")]
    OwnRequest,
}

refusals!(Refusal);

/// How many entries a page of the log holds unless asked otherwise.
pub const PAGE: u32 = 30;
/// How many reassurance requests a page holds unless asked otherwise.
pub const REQUESTS_PAGE: u32 = 20;

/// A page of the actor's own log, newest first (only ever their own: entries are private).
pub async fn entries(actor: &Actor, page: Page) -> Result<Listed<EntryView>> {
    let listed = records::page::<Entry>(actor, page).await?;
    Ok(entries_of(actor, listed))
}

fn entries_of(
    actor: &Actor,
    (list, next): (Vec<Item<Entry>>, Option<Cursor>),
) -> Listed<EntryView> {
    Listed {
        items: list
            .into_iter()
            .filter(|i| i.mine)
            .map(|i| EntryView::new(actor, i))
            .collect(),
        next: next.map(|c| c.to_string()),
    }
}

/// A page of the log and the patterns beside it.
pub async fn log_and_patterns(actor: &Actor, page: Page) -> Result<(Listed<EntryView>, Patterns)> {
    let listed = records::page::<Entry>(actor, page).await?;
    Ok((entries_of(actor, listed), patterns(actor).await?))
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
    records::create(actor, Visibility::Private, None, &e).await
}

/// The actor's patterns over the last twelve weeks: week by week, times of day, and a short
/// summary. Only those weeks' entries are read, however long the log, and only when an entry
/// came or a day turned since they were last worked out (entries are never changed, only
/// added: how many there are, and when the newest came, say whether the log is the same).
pub async fn patterns(actor: &Actor) -> Result<Patterns> {
    let now = now();
    let key = cache::Key {
        user: actor.user,
        zone: actor.zone.name().to_string(),
        today: actor.zone.format(now, "%Y-%m-%d"),
        entries: actor
            .store
            .own_tally(actor.user, <Entry as records::Record>::KIND.as_str())
            .await?,
    };
    if let Some(found) = cache::get(&key) {
        return Ok(found);
    }
    let _turn = cache::turn(actor.user).await;
    if let Some(found) = cache::get(&key) {
        return Ok(found);
    }
    let weeks = records::since::<Entry>(actor, now - WEEKS_READ * 7 * 86_400).await?;
    let mine: Vec<(i64, Entry)> = weeks
        .into_iter()
        .filter(|i| i.mine)
        .map(|i| (i.created_at, i.body))
        .collect();
    // Whether anything was ever logged, for the words when these weeks hold nothing.
    let earlier = mine.is_empty() && key.entries.0 > 0;
    let patterns = patterns_of(&mine, earlier, &actor.zone, now);
    cache::put(key, &patterns);
    Ok(patterns)
}

/// How far back the patterns read: the twelve weeks they show, and the week they start in.
const WEEKS_READ: i64 = 13;

/// A page of the reassurance requests between the partners, newest first, with their
/// answers; opening them marks the answers to the actor's own requests seen.
pub async fn requests(actor: &Actor, page: Page) -> Result<Listed<RequestView>> {
    let mut listed = records::page_threaded(actor, page, RequestView::new).await?;
    listed.items.retain(RequestView::holds_anything);
    opened_all(actor, &[REASSURED]).await?;
    Ok(listed)
}

/// Sends a calm request for reassurance to the partner.
pub async fn ask(actor: &Actor, new: &NewMessage) -> Result<RecordId> {
    let text = message(&new.text)?;
    actor.paired(NEEDS_PARTNER)?;
    let waits = |id| Effects::none().tell_partner(actor, REQUESTED, id);
    records::create_with(actor, Visibility::Shared, None, &Request { text }, waits).await
}

/// Answers the partner's request (more than once, if wished).
pub async fn answer(actor: &Actor, id: RecordId, new: &NewMessage) -> Result<RequestView> {
    let text = message(&new.text)?;
    let r: Item<Request> = records::get(actor, id).await?;
    if r.mine {
        return Err(Refusal::OwnRequest.into());
    }
    r.still_open(actor)?;
    let waits = |answer| {
        Effects::none()
            .done(actor, id, &[REQUESTED])
            .tell_partner_about(actor, REASSURED, id, Some(answer), None)
    };
    let body = Reassurance { text };
    records::create_with(actor, Visibility::Shared, Some(id), &body, waits).await?;
    records::get_threaded(actor, id, RequestView::new).await
}

/// A request with its answers, as the views read them.
pub(crate) fn answers_of(threads: &Threads<'_>, id: RecordId) -> Vec<Item<Reassurance>> {
    threads.of::<Reassurance>(id)
}

/// Triggers' [`Describe`](crate::step::Describe): requests to answer, answers to read.
fn describe<'a>(
    actor: &'a Actor,
    entries: &'a [InboxEntry],
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>> {
    threaded(actor, entries, RequestView::new, |_, r, e| {
        let (waiting, words, at) = if e.kind == REQUESTED.0 {
            let answered = r.answers.iter().any(|a| a.mine);
            let words = format!("{} asks for reassurance: “{}”", r.who, quote(&r.text, 80));
            (!r.mine && !answered).then_some((REQUESTED.0, words, r.at.clone()))?
        } else {
            let a = r.answers.iter().find(|a| Some(a.key) == e.about)?;
            let words = format!("{} answered your request: “{}”", a.who, quote(&a.text, 80));
            (r.mine && !a.mine).then_some((REASSURED.0, words, a.at.clone()))?
        };
        let href = "/reassurance".to_string();
        (!r.closed).then_some(InboxItem {
            waiting,
            words,
            href,
            at,
        })
    })
}

/// Triggers' part of progress: less worry (the person's own log: how many, how strong).
fn measure(actor: &Actor, since: i64) -> BoxFuture<'_, Result<Vec<crate::measure::Series>>> {
    use crate::measure::{Per, Series, Sign};
    Box::pin(async move {
        let mine: Vec<Item<Entry>> = records::since::<Entry>(actor, since)
            .await?
            .into_iter()
            .filter(|i| i.mine)
            .collect();
        let series = |name, unit, per, value: fn(&Entry) -> f64| Series {
            sign: Sign::LessWorry,
            name,
            unit,
            per,
            lower_is_better: true,
            range: (0.0, 10.0),
            points: mine
                .iter()
                .map(|i| (i.created_at, value(&i.body)))
                .collect(),
        };
        Ok(vec![
            series("Trigger entries", "a week", Per::Count, |_| 1.0),
            series("How strong at first", "out of 10", Per::Mean, |e| {
                f64::from(e.before)
            }),
        ])
    })
}
