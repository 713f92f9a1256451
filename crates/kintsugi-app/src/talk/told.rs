//! What Talk tells a report: each talk proposed in the period, its topic and time, how the
//! two agreed on it and the breaks called. How each rated it stays private.

use crate::told::{Span, Told, line, name, told};
use crate::waiting::BoxFuture;
use crate::{Actor, Result};

pub(super) fn tells(actor: &Actor, span: Span) -> BoxFuture<'_, Result<Vec<Told>>> {
    Box::pin(async move {
        let mut out = Vec::new();
        for t in super::talks(actor).await? {
            if t.closed || t.seen_by.private || !span.holds(t.created_at.at) {
                continue;
            }
            let mut lines: Vec<String> = line("Topic", &t.topic).into_iter().collect();
            lines.push(format!("Planned for {}", t.starts_at.date_time()));
            for e in &t.events {
                lines.push(format!(
                    "{} {} on {}",
                    name(actor, &e.who),
                    e.what,
                    e.at.date()
                ));
                lines.extend(line("Note", &e.note));
            }
            for p in &t.pauses {
                lines.push(format!(
                    "{} called a break of {} minutes on {}",
                    name(actor, &p.who),
                    p.minutes,
                    p.called_at.date_time()
                ));
            }
            let by = if t.mine {
                actor.display_name.clone()
            } else {
                t.partner.clone()
            };
            out.push(told(
                actor,
                t.created_at.at,
                format!("A talk proposed by {by}"),
                lines,
            ));
        }
        Ok(out)
    })
}
