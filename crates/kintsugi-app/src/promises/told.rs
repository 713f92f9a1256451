//! What Promises tells a report: each shared promise with a day in the period, its words and
//! schedule, and every day in the period with how it was marked and confirmed.

use crate::told::{Span, Told, line, name, named, told};
use crate::waiting::BoxFuture;
use crate::{Actor, Result};

pub(super) fn tells(actor: &Actor, span: Span) -> BoxFuture<'_, Result<Vec<Told>>> {
    Box::pin(async move {
        let mut out = Vec::new();
        for k in crate::records::list_threaded(actor, super::assemble).await? {
            let every = super::view::every_day(&k);
            let p = super::PromiseView::new(actor, k);
            if p.closed || p.seen_by.private {
                continue;
            }
            let noon = |day: &str| actor.zone.instant(&format!("{day}T12:00"));
            let days: Vec<_> = every
                .iter()
                .filter(|o| noon(&o.day).is_some_and(|t| span.holds(t)))
                .collect();
            let made = span.holds(p.created_at.at);
            if days.is_empty() && !made {
                continue;
            }
            let at = match made {
                true => p.created_at.at,
                false => days
                    .iter()
                    .filter_map(|o| noon(&o.day))
                    .min()
                    .unwrap_or(span.from),
            };
            let mut lines: Vec<String> = [line("The promise", &p.text), line("When", &p.schedule)]
                .into_iter()
                .flatten()
                .collect();
            for o in days {
                lines.push(format!("{}: {}", o.day_words, named(actor, &o.status)));
                lines.extend(line("Their note", &o.report_note));
                lines.extend(line("Confirmation note", &o.confirm_note));
            }
            let who = name(actor, &p.who);
            out.push(told(actor, at, format!("A promise by {who}"), lines));
        }
        Ok(out)
    })
}
