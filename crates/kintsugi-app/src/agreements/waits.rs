//! What Agreements leave waiting, in words: terms to answer, a review date that has come.

use kintsugi_domain::RecordId;
use kintsugi_store::InboxEntry;

use super::{AgreementView, TO_ANSWER, TO_REVISIT, assemble, today};
use crate::records;
use crate::waiting::{BoxFuture, InboxItem, quote};
use crate::{Actor, Result};

/// Agreements' [`Describe`](crate::step::Describe).
pub(super) fn describe<'a>(
    actor: &'a Actor,
    entries: &'a [InboxEntry],
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>> {
    Box::pin(async move {
        let ids: Vec<RecordId> = entries.iter().map(|e| e.subject).collect();
        let today = today(actor);
        let list: Vec<AgreementView> = records::get_many_threaded(actor, &ids, assemble)
            .await?
            .into_iter()
            .map(|a| AgreementView::new(actor, a, &today))
            .collect();
        Ok(entries
            .iter()
            .map(|e| {
                let a = list.iter().find(|a| a.key == e.subject && !a.closed)?;
                let (applies, what) = match e.kind.as_str() {
                    k if k == TO_ANSWER.0 => (a.your_turn, "An agreement waits for your answer"),
                    _ => (a.review_due, "It's time to revisit your agreement"),
                };
                let waiting = if e.kind == TO_ANSWER.0 {
                    TO_ANSWER.0
                } else {
                    TO_REVISIT.0
                };
                let at = a.versions.last().map_or(&a.created_at, |v| &v.proposed_at);
                applies.then(|| InboxItem {
                    waiting,
                    words: format!("{what}: “{}”", quote(&a.current.agreement, 60)),
                    href: format!("/agreements/{}", a.id),
                    at: at.clone(),
                })
            })
            .collect())
    })
}
