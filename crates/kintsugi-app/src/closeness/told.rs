//! What Closeness tells a report: the days both checked in (how each felt, and the notes
//! under them; how safe each felt stays private), the prompts both answered, time together
//! (what was planned and what each wrote after; how it went for each stays private) and the
//! thanks given.

use super::view::{AppreciationView, CheckInView, MomentView, PromptView};
use crate::records::page_threaded;
use crate::told::{Span, Told, every_since, line, name, said, told};
use crate::waiting::BoxFuture;
use crate::{Actor, Result};

pub(super) fn tells(actor: &Actor, span: Span) -> BoxFuture<'_, Result<Vec<Told>>> {
    Box::pin(async move {
        let mut out = Vec::new();
        let check_ins = every_since!(span.from, |page| page_threaded(
            actor,
            page,
            CheckInView::new
        ));
        let open: Vec<&CheckInView> = check_ins
            .iter()
            .filter(|c| !c.closed && !c.seen_by.private)
            .collect();
        for c in open.iter().filter(|c| !c.mine) {
            let Some(mine) = open.iter().find(|m| m.mine && m.day == c.day) else {
                continue;
            };
            let mut lines = Vec::new();
            for x in [*mine, *c] {
                lines.push(format!(
                    "{}: mood {} of 5, closeness {} of 5",
                    name(actor, &x.who),
                    x.mood,
                    x.closeness
                ));
                lines.extend(said(actor, &x.who, &x.note));
                for n in &x.notes {
                    lines.extend(said(actor, &n.who, &n.text));
                }
            }
            out.push(told(
                actor,
                c.at.at.min(mine.at.at),
                format!("Check-ins for {}", c.day_label),
                lines,
            ));
        }
        for p in every_since!(span.from, |page| page_threaded(
            actor,
            page,
            PromptView::new
        )) {
            let (Some(mine), Some(theirs)) = (&p.mine, &p.theirs) else {
                continue;
            };
            if p.closed || p.seen_by.private {
                continue;
            }
            let mut lines = vec![p.prompt.to_string()];
            lines.extend(said(actor, &mine.who, &mine.text));
            lines.extend(said(actor, &theirs.who, &theirs.text));
            out.push(told(
                actor,
                p.at.at,
                format!("A {} prompt both answered", p.depth_label.to_lowercase()),
                lines,
            ));
        }
        for m in every_since!(span.from, |page| page_threaded(
            actor,
            page,
            MomentView::new
        )) {
            if m.closed || m.seen_by.private {
                continue;
            }
            let mut lines = vec![format!(
                "Planned by {} for {}",
                name(actor, &m.planned_by),
                m.when.date_time()
            )];
            lines.extend(line("What", &m.what));
            for l in &m.lines {
                lines.extend(said(actor, &l.who, &l.text));
            }
            out.push(told(actor, m.when.at, "Time together".to_string(), lines));
        }
        for a in every_since!(span.from, |page| page_threaded(
            actor,
            page,
            AppreciationView::new
        )) {
            if a.seen_by.private {
                continue;
            }
            let lines = said(actor, &a.said.who, &a.said.text).into_iter().collect();
            out.push(told(
                actor,
                a.said.at.at,
                format!("Thanks from {}", name(actor, &a.said.who)),
                lines,
            ));
        }
        Ok(out)
    })
}
