//! What Triggers tells a report: the reassurance asked for in the period and the answers. The
//! log itself is private, always.

use crate::told::{Span, Told, every_since, name, said, told};
use crate::waiting::BoxFuture;
use crate::{Actor, Result};

pub(super) fn tells(actor: &Actor, span: Span) -> BoxFuture<'_, Result<Vec<Told>>> {
    Box::pin(async move {
        let mut out = Vec::new();
        for r in every_since!(span.from, |page| {
            crate::records::page_threaded(actor, page, super::RequestView::new)
        }) {
            if r.closed || r.seen_by.private {
                continue;
            }
            let mut lines: Vec<String> = said(actor, &r.who, &r.text).into_iter().collect();
            for a in &r.answers {
                lines.extend(said(actor, &a.who, &a.text));
            }
            let title = format!("{} asked for reassurance", name(actor, &r.who));
            out.push(told(actor, r.at.at, title, lines));
        }
        Ok(out)
    })
}
