//! What Agreements leave waiting, in words: terms to answer, a review date that has come.

use kintsugi_domain::agreements::Terms;
use kintsugi_store::InboxEntry;

use super::{AgreementView, TO_ANSWER, TO_REVISIT, assemble, today};
use crate::records::{Item, Threads};
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
        let (waiting, applies, what) = match e.kind.as_str() {
            k if k == TO_ANSWER.0 => (
                TO_ANSWER.0,
                a.your_turn,
                "An agreement waits for your answer",
            ),
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
