//! What Roots tells a report: each reflection shared in the period, with the words written
//! back under it.

use crate::told::{Span, Told, every_since, name, said, told};
use crate::waiting::BoxFuture;
use crate::{Actor, Result};

pub(super) fn tells(actor: &Actor, span: Span) -> BoxFuture<'_, Result<Vec<Told>>> {
    Box::pin(async move {
        let mut out = Vec::new();
        for r in every_since!(span.from, |page| {
            crate::records::page_threaded(actor, page, super::ReflectionView::new)
        }) {
            if r.closed || r.seen_by.private {
                continue;
            }
            let mut lines = vec![r.question.to_string()];
            lines.extend(said(actor, &r.who, &r.text));
            for a in &r.acknowledgements {
                lines.extend(said(actor, &a.who, &a.text));
            }
            let title = format!("A reflection by {}", name(actor, &r.who));
            out.push(told(actor, r.created_at.at, title, lines));
        }
        Ok(out)
    })
}
