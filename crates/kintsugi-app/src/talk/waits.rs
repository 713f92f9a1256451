//! What Talk leaves waiting, in words: a time to answer, a break the partner called.

use kintsugi_domain::RecordId;
use kintsugi_store::InboxEntry;

use super::{BREAK, TO_ANSWER, TalkView, assemble};
use crate::records;
use crate::waiting::{BoxFuture, InboxItem};
use crate::{Actor, Result};

/// Talk's [`Describe`](crate::step::Describe).
pub(super) fn describe<'a>(
    actor: &'a Actor,
    entries: &'a [InboxEntry],
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>> {
    Box::pin(async move {
        let ids: Vec<RecordId> = entries.iter().map(|e| e.subject).collect();
        let talks: Vec<TalkView> = records::get_many_threaded(actor, &ids, assemble)
            .await?
            .into_iter()
            .map(|t| TalkView::new(actor, t))
            .collect();
        Ok(entries.iter().map(|e| item(&talks, e)).collect())
    })
}

fn item(talks: &[TalkView], e: &InboxEntry) -> Option<InboxItem> {
    let t = talks.iter().find(|t| t.key == e.subject && !t.closed)?;
    let href = format!("/talks/{}", t.id);
    if e.kind == TO_ANSWER.0 {
        return (t.your_turn && !t.done).then(|| InboxItem {
            waiting: TO_ANSWER.0,
            words: format!("A time for a talk about “{}”: {}", t.topic, t.summary),
            href,
            at: t.events.last().map_or(&t.created_at, |e| &e.at).clone(),
        });
    }
    let p = t.pauses.iter().find(|p| Some(p.key) == e.about)?;
    (e.kind == BREAK.0).then(|| InboxItem {
        waiting: BREAK.0,
        words: format!(
            "{} asked for a {}-minute break in the talk about “{}”.",
            p.who, p.minutes, t.topic
        ),
        href,
        at: p.called_at.clone(),
    })
}
