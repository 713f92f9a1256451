//! What Talk leaves waiting, in words: a time to answer, a break the partner called.

use kintsugi_store::InboxEntry;

use super::{BREAK, NEWS, TO_ANSWER, TalkView, assemble};
use crate::records::{Item, Threads};
use crate::step::{Keyed, threaded};
use crate::waiting::{BoxFuture, InboxItem, quote};
use crate::{Actor, Result};

impl Keyed for TalkView {
    fn key(&self) -> kintsugi_domain::RecordId {
        self.key
    }
}

fn view(actor: &Actor, item: Item<kintsugi_domain::talk::Proposal>, t: &Threads<'_>) -> TalkView {
    TalkView::new(actor, assemble(actor, item, t))
}

/// Talk's [`Describe`](crate::step::Describe).
pub(super) fn describe<'a>(
    actor: &'a Actor,
    entries: &'a [InboxEntry],
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>> {
    threaded(actor, entries, view, |_, t, e| {
        let href = format!("/talks/{}", t.id);
        if t.closed {
            return None;
        }
        if e.kind == TO_ANSWER.0 {
            return (t.your_turn && !t.done).then(|| InboxItem {
                waiting: TO_ANSWER.0,
                words: format!(
                    "A time for a talk about “{}”: {}",
                    quote(&t.topic, 60),
                    t.summary
                ),
                href,
                at: t.events.last().map_or(&t.created_at, |e| &e.at).clone(),
            });
        }
        if e.kind == NEWS.0 {
            let what = match t.status {
                "agreed" => format!("agreed to {} for", t.starts_at.date_time()),
                "cancelled" => "called off".to_string(),
                _ => "withdrew".to_string(),
            };
            return Some(InboxItem {
                waiting: NEWS.0,
                words: format!(
                    "{} {what} the talk about “{}”",
                    t.partner,
                    quote(&t.title, 60)
                ),
                href,
                at: t.events.last().map_or(&t.created_at, |e| &e.at).clone(),
            });
        }
        let p = t.pauses.iter().find(|p| Some(p.key) == e.about)?;
        (e.kind == BREAK.0).then(|| InboxItem {
            waiting: BREAK.0,
            words: format!(
                "{} asked for a {}-minute break in the talk about “{}”",
                p.who,
                p.minutes,
                quote(&t.topic, 60)
            ),
            href,
            at: p.called_at.clone(),
        })
    })
}
