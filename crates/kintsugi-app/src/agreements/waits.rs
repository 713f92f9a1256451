//! What Agreements leave waiting, in words: terms to answer, the partner's answer, a review
//! date that has come.

use kintsugi_domain::RecordId;
use kintsugi_domain::agreements::{Step as Change, Terms};
use kintsugi_store::InboxEntry;

use super::{AgreementView, NEWS, TO_ANSWER, TO_REVISIT, assemble, today};
use crate::records::{self, Item, Threads};
use crate::step::{Keyed, threaded};
use crate::waiting::{BoxFuture, InboxItem, quote};
use crate::{Actor, Result};

impl Keyed for AgreementView {
    fn key(&self) -> kintsugi_domain::RecordId {
        self.key
    }
}

fn view(actor: &Actor, item: Item<Terms>, t: &Threads<'_>) -> AgreementView {
    AgreementView::new(actor, assemble(actor, item, t), &today(actor))
}

/// Agreements' [`Describe`](crate::step::Describe).
pub(super) fn describe<'a>(
    actor: &'a Actor,
    entries: &'a [InboxEntry],
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>> {
    threaded(actor, entries, view, |_, a, e| {
        let news = e.about.and_then(|step| a.news_of(step));
        let (waiting, applies, what) = match e.kind.as_str() {
            k if k == TO_ANSWER.0 => (
                TO_ANSWER.0,
                a.your_turn,
                "An agreement waits for your answer",
            ),
            k if k == NEWS.0 => (NEWS.0, news.is_some(), news.as_deref().unwrap_or_default()),
            _ => (
                TO_REVISIT.0,
                a.review_due,
                "It's time to revisit your agreement",
            ),
        };
        let at = a.versions.last().map_or(&a.created_at, |v| &v.proposed_at);
        (applies && !a.closed).then(|| InboxItem {
            waiting,
            words: format!("{what}: “{}”", quote(&a.current.agreement, 60)),
            href: format!("/agreements/{}", a.id),
            at: at.clone(),
        })
    })
}

/// Agreements' [`Keeps`](crate::step::Keeps): the terms among `ids` (the actor's) that both
/// accepted. They are a fact both made, so they stay whole when the actor withdraws.
pub(super) fn accepted<'a>(
    actor: &'a Actor,
    ids: &'a [RecordId],
) -> BoxFuture<'a, Result<Vec<RecordId>>> {
    Box::pin(async move {
        // The agreements these records belong to: the records themselves, or their parents.
        let mine = records::get_many::<Terms>(actor, ids).await?;
        let steps = records::get_many::<Change>(actor, ids).await?;
        let mut agreements: Vec<RecordId> = mine.iter().map(|t| t.id).collect();
        agreements.extend(steps.iter().filter_map(|s| s.parent));
        let all = records::get_many_threaded(actor, &agreements, assemble).await?;
        let versions = all.iter().flat_map(|a| a.versions.iter());
        let agreed = versions.filter(|v| v.accepted() && ids.contains(&v.record));
        Ok(agreed.map(|v| v.record).collect())
    })
}
