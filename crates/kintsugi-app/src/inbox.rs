//! What waits for a person, in words: the entries their partner's writes left for them (read
//! in one query, whatever the history), each put into words by the step that declared its kind
//! (walking the registry), and what changed in their couple. Only what was sent to them: never
//! the partner's activity (no "last seen", no typing, no read receipts).
//!
//! An entry clears when acted on (the talk answered), when its item is opened by its reader
//! (the apology read), when it lapses, or when it no longer applies (its couple ended); an entry
//! its step can no longer put into words is cleared here.

use kintsugi_store::{Clearing, Notice, NoticeKind};

pub use crate::waiting::InboxItem;
use crate::{Actor, Result, now, steps::STEPS};

/// What changed in a couple (it ended): not a step's, the couple's own.
pub const COUPLE_CHANGED: &str = "couple_changed";
/// The person's own account was recovered with its recovery key.
pub const ACCOUNT_RECOVERED: &str = "account_recovered";

/// Every kind of thing that can wait (for the API's document).
pub fn kinds() -> Vec<&'static str> {
    let steps = STEPS.iter().flat_map(|s| s.waits.iter().map(|w| w.0));
    steps.chain([COUPLE_CHANGED, ACCOUNT_RECOVERED]).collect()
}

/// How many things wait for the actor (the count by Home): one query.
pub async fn count(actor: &Actor) -> Result<usize> {
    let n = actor.store.waiting_count(actor.user, now()).await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// Each entry put into words by its step, and the entries no step can put into words any more.
async fn describe_all(
    actor: &Actor,
    entries: &[kintsugi_store::InboxEntry],
) -> Result<(Vec<InboxItem>, Vec<Clearing>)> {
    let mut items = Vec::new();
    let mut stale = Vec::new();
    for step in STEPS {
        let theirs: Vec<_> = entries
            .iter()
            .filter(|e| step.waits.iter().any(|w| w.0 == e.kind))
            .cloned()
            .collect();
        if theirs.is_empty() {
            continue;
        }
        let described = (step.describe)(actor, &theirs).await?;
        for (entry, item) in theirs.iter().zip(described) {
            match item {
                Some(mut item) => {
                    // One way of writing for every step: a capital first, one full stop last.
                    item.words = crate::words::ended(&crate::words::capital(&item.words));
                    items.push(item);
                }
                None => stale.push(Clearing {
                    user: Some(actor.user),
                    subject: Some(entry.subject),
                    kinds: vec![entry.kind.clone()],
                }),
            }
        }
    }
    Ok((items, stale))
}

/// How many waiting things Home and its live updates list (the rest behind "show everything").
pub const ON_HOME: usize = 15;

/// Everything that waits for the actor, newest first.
pub async fn inbox(actor: &Actor) -> Result<Vec<InboxItem>> {
    Ok(newest(actor, usize::MAX).await?.items)
}

/// The newest things that wait for a person, and how many wait in all.
#[derive(Debug)]
pub struct Newest {
    /// The newest, in words, newest first (notices among them).
    pub items: Vec<InboxItem>,
    /// How many wait in all, notices included.
    pub total: usize,
    /// The notices themselves (Home gives each its own card).
    pub notices: Vec<Notice>,
}

/// The newest `most` things that wait for the actor (only those are put into words: a page
/// costs the same however much waits), and how many wait in all.
pub async fn newest(actor: &Actor, most: usize) -> Result<Newest> {
    let mut entries = actor.store.inbox(actor.user, now()).await?;
    let all = entries.len();
    entries.truncate(most);
    // Every item the entries are about, and its thread, in two queries for all the steps.
    let mut ids: Vec<_> = entries.iter().map(|e| e.subject).collect();
    ids.extend(entries.iter().filter_map(|e| e.about));
    ids.sort_by_key(|i| i.0);
    ids.dedup();
    if !ids.is_empty() {
        // Threads that grow with time (a promise's marks) aren't read ahead whole.
        let long: Vec<&str> = STEPS
            .iter()
            .flat_map(|s| s.kinds)
            .filter(|k| k.recent_since(0).is_some())
            .map(|k| k.as_str())
            .collect();
        crate::records::prefetch(actor, &ids, &long).await?;
    }
    let described = describe_all(actor, &entries).await;
    crate::records::forget_prefetched(actor);
    let (mut items, stale) = described?;
    if !stale.is_empty() {
        actor.store.clear_inbox(&stale).await?;
    }
    let notices = actor.store.notices(actor.user).await?;
    for n in &notices {
        let (waiting, words) = match n.kind {
            NoticeKind::PartnerLeft => (
                COUPLE_CHANGED,
                "Your partner left the couple. What you wrote is still yours.",
            ),
            NoticeKind::PartnerReset => (
                COUPLE_CHANGED,
                "Something changed, and your couple has ended.",
            ),
            NoticeKind::PartnerDeleted => (
                COUPLE_CHANGED,
                "Your partner deleted their Kintsugi account, and your couple has ended.",
            ),
            NoticeKind::Recovered => (
                ACCOUNT_RECOVERED,
                "Your account was recovered with its recovery key.",
            ),
        };
        items.push(InboxItem {
            waiting,
            words: words.to_string(),
            href: "/#notices".to_string(),
            at: actor.stamp(n.created_at),
        });
    }
    items.sort_by_key(|i| std::cmp::Reverse(i.at.at));
    Ok(Newest {
        items,
        total: all + notices.len(),
        notices,
    })
}

/// Whether an item is a notice (its own card on Home) rather than something a step left.
pub fn is_notice(waiting: &str) -> bool {
    waiting == COUPLE_CHANGED || waiting == ACCOUNT_RECOVERED
}
