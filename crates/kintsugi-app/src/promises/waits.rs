//! What Promises leave waiting, in words: a day the partner marked, to confirm.

use jiff::civil::Date;
use kintsugi_domain::RecordId;
use kintsugi_domain::promises::{Mark, Promise};
use kintsugi_store::InboxEntry;

use super::view::words_of_day;
use super::{CONFIRMED, TO_CONFIRM};
use crate::records;
use crate::waiting::{BoxFuture, InboxItem, quote};
use crate::{Actor, Result};

/// Promises' [`Describe`](crate::step::Describe): the promise and the one mark each entry
/// names, never the promise's whole history.
pub(super) fn describe<'a>(
    actor: &'a Actor,
    entries: &'a [InboxEntry],
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>> {
    Box::pin(async move {
        let ids: Vec<RecordId> = entries.iter().map(|e| e.subject).collect();
        let promises = records::get_many::<Promise>(actor, &ids).await?;
        let marks: Vec<RecordId> = entries.iter().filter_map(|e| e.about).collect();
        let marks = records::get_many::<Mark>(actor, &marks).await?;
        let partner = actor.partner_name();
        Ok(entries
            .iter()
            .map(|e| {
                let p = promises.iter().find(|p| p.id == e.subject)?;
                let m = marks.iter().find(|m| Some(m.id) == e.about)?;
                let day: Date = m.body.day.parse().ok()?;
                let (waiting, mine, words) = match e.kind == CONFIRMED.0 {
                    true => {
                        let said = if m.body.kept { "kept" } else { "missed" };
                        let what = quote(&p.body.text, 60);
                        (
                            CONFIRMED.0,
                            true,
                            format!(
                                "{partner} confirmed {} of your promise “{what}” as {said}",
                                words_of_day(day)
                            ),
                        )
                    }
                    false => (
                        TO_CONFIRM.0,
                        false,
                        format!(
                            "{partner} marked a promise for {}: “{}”. Was it kept?",
                            words_of_day(day),
                            quote(&p.body.text, 60)
                        ),
                    ),
                };
                let live = p.mine == mine && !p.closed(actor) && m.parent == Some(p.id);
                live.then(|| InboxItem {
                    waiting,
                    words,
                    href: format!("/promises/{}", p.id),
                    at: actor.stamp(m.created_at),
                })
            })
            .collect())
    })
}
