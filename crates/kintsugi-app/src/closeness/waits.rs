//! What Closeness leaves waiting, in words. A partner's check-in or answer that the reader may
//! not see yet is never opened here (the store wouldn't give it): the words then only say that
//! it came.

use kintsugi_domain::RecordId;
use kintsugi_domain::closeness::{Appreciation, CheckIn, Moment, day_label};
use kintsugi_store::InboxEntry;

use super::{ANSWERED, CHECKED_IN, DRAWN, LOOKED_BACK, NOTED, PLANNED, PromptView, THANKED};
use crate::records::{self, Item};
use crate::step::Keyed;
use crate::waiting::{BoxFuture, InboxItem, quote};
use crate::{Actor, Result};

impl Keyed for PromptView {
    fn key(&self) -> RecordId {
        self.key
    }
}

/// Closeness's [`Describe`](crate::step::Describe).
pub(super) fn describe<'a>(
    actor: &'a Actor,
    entries: &'a [InboxEntry],
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>> {
    Box::pin(async move {
        let ids: Vec<RecordId> = entries.iter().map(|e| e.subject).collect();
        let check_ins = records::get_many::<CheckIn>(actor, &ids).await?;
        let prompts = records::get_many_threaded(actor, &ids, PromptView::new).await?;
        let moments = records::get_many::<Moment>(actor, &ids).await?;
        let thanks = records::get_many::<Appreciation>(actor, &ids).await?;
        let find = |list: &[Item<CheckIn>], id| list.iter().find(|i| i.id == id).cloned();
        let partner = actor.partner_name().to_string();
        Ok(entries
            .iter()
            .map(|e| {
                let id = e.subject;
                let stamp = actor.stamp(e.at);
                let item = |waiting, words: String, href: String| {
                    Some(InboxItem { waiting, words, href, at: stamp.clone() })
                };
                match e.kind.as_str() {
                    k if k == CHECKED_IN.0 => match find(&check_ins, id) {
                        Some(c) if !c.mine && !c.closed(actor) => item(
                            CHECKED_IN.0,
                            format!("{}'s check-in for {} is here", c.other(actor), day_label(&c.body.day)),
                            "/closeness".into(),
                        ),
                        Some(_) => None,
                        // Not readable yet: it waits for the reader's own check-in that day.
                        None => item(
                            CHECKED_IN.0,
                            format!("{partner} checked in. Check in for the same day to see how they are"),
                            "/closeness".into(),
                        ),
                    },
                    k if k == NOTED.0 => find(&check_ins, id).filter(|c| !c.closed(actor)).and_then(|c| {
                        item(
                            NOTED.0,
                            format!("{partner} added a later thought to their check-in for {}", day_label(&c.body.day)),
                            "/closeness".into(),
                        )
                    }),
                    k if k == DRAWN.0 || k == ANSWERED.0 => {
                        let p = prompts.iter().find(|p| p.key == id).filter(|p| !p.closed)?;
                        let href = format!("/closeness/prompts#p-{}", p.id);
                        let question = quote(p.prompt, 70);
                        if k == DRAWN.0 {
                            return (p.open() && p.mine.is_none())
                                .then(|| item(DRAWN.0, format!("{} drew a prompt for you both: “{question}”", p.drawn_by), href))
                                .flatten();
                        }
                        let words = match p.mine.is_some() {
                            true => format!("{partner} answered “{question}”: you can read both answers now"),
                            false => format!("{partner} answered “{question}”. Answer it too to see theirs"),
                        };
                        (p.skipped_by.is_none()).then(|| item(ANSWERED.0, words, href)).flatten()
                    }
                    k if k == PLANNED.0 || k == LOOKED_BACK.0 => {
                        let m = moments.iter().find(|m| m.id == id).filter(|m| !m.closed(actor))?;
                        let href = format!("/closeness/together#m-{}", m.id);
                        let what = quote(&m.body.what, 60);
                        match k == PLANNED.0 {
                            true => item(PLANNED.0, format!("{partner} planned time together: “{what}”, {}", actor.stamp(m.body.at).date_time()), href),
                            false => item(LOOKED_BACK.0, format!("{partner} wrote a line about “{what}”"), href),
                        }
                    }
                    k if k == THANKED.0 => {
                        let t = thanks.iter().find(|t| t.id == id).filter(|t| !t.mine && !t.closed(actor))?;
                        item(THANKED.0, format!("{partner} thanked you: “{}”", quote(&t.body.text, 80)), "/closeness/thanks".into())
                    }
                    _ => None,
                }
            })
            .collect())
    })
}
