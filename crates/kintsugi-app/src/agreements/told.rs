//! What Agreements tells a report: each agreement with an event in the period, its terms (in
//! force, or as last proposed) and every version with who proposed, accepted or declined it.

use crate::told::{Span, Told, first_in, line, name, told};
use crate::waiting::BoxFuture;
use crate::{Actor, Result};

pub(super) fn tells(actor: &Actor, span: Span) -> BoxFuture<'_, Result<Vec<Told>>> {
    Box::pin(async move {
        let mut out = Vec::new();
        for a in super::agreements(actor).await? {
            if a.closed || a.seen_by.private {
                continue;
            }
            let events = a.versions.iter().flat_map(|v| {
                [
                    Some(&v.proposed_at),
                    v.accepted_at.as_ref(),
                    v.declined_at.as_ref(),
                ]
                .into_iter()
                .flatten()
                .map(|s| s.at)
            });
            let Some(at) = first_in(span, events) else {
                continue;
            };
            let t = a.in_force_terms.as_ref().unwrap_or(&a.current);
            let mut lines: Vec<String> = [
                line("The agreement", &t.agreement),
                line("What is fine", &t.acceptable),
                line("What is not", &t.not_acceptable),
                line("If it's crossed", &t.if_crossed),
                line("Review", &t.review_on_words),
            ]
            .into_iter()
            .flatten()
            .collect();
            for v in &a.versions {
                let mut s = format!(
                    "Version {}: proposed by {} on {}",
                    v.number,
                    name(actor, &v.proposed_by),
                    v.proposed_at.date()
                );
                if let (Some(by), Some(at)) = (&v.accepted_by, &v.accepted_at) {
                    s.push_str(&format!(
                        "; accepted by {} on {}",
                        name(actor, by),
                        at.date()
                    ));
                }
                if let (Some(by), Some(at)) = (&v.declined_by, &v.declined_at) {
                    s.push_str(&format!(
                        "; declined by {} on {}",
                        name(actor, by),
                        at.date()
                    ));
                    if !v.decline_note.trim().is_empty() {
                        s.push_str(&format!(" (“{}”)", v.decline_note.trim()));
                    }
                }
                lines.push(crate::words::ended(&s));
            }
            let by = a.versions.first().map(|v| name(actor, &v.proposed_by));
            let title = format!(
                "Agreement about {}, proposed by {}",
                t.category_label.to_lowercase(),
                by.unwrap_or_default()
            );
            out.push(told(actor, at, title, lines));
        }
        Ok(out)
    })
}
