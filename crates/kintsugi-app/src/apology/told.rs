//! What Apology tells a report: each apology delivered in the period with its parts, the
//! responses and the promises made from it; each question asked in the period with its
//! answers.

use kintsugi_domain::apology::{DIFFERENTLY, IMPACT, REPAIR, RESPONSIBILITY, WHAT_I_DID};

use crate::told::{Span, Told, every_since, line, name, said, told};
use crate::waiting::BoxFuture;
use crate::{Actor, Result};

pub(super) fn tells(actor: &Actor, span: Span) -> BoxFuture<'_, Result<Vec<Told>>> {
    Box::pin(async move {
        let mut out = Vec::new();
        let apologies = every_since!(span.from, |page| super::apologies(actor, page));
        for a in apologies {
            let Some(at) = a.delivered_at.as_ref().map(|d| d.at) else {
                continue;
            };
            if a.closed || a.seen_by.private {
                continue;
            }
            let p = &a.parts;
            let mut lines: Vec<String> = [
                line(WHAT_I_DID.label, &p.what_i_did),
                line(RESPONSIBILITY.label, &p.responsibility),
                line(IMPACT.label, &p.impact),
                line(DIFFERENTLY.label, &p.differently),
                line(REPAIR.label, &p.repair),
            ]
            .into_iter()
            .flatten()
            .collect();
            for r in &a.responses {
                let who = name(actor, &r.who);
                lines.push(format!("{who} answered “{}” on {}", r.label, r.at.date()));
                lines.extend(said(actor, &r.who, &r.text));
            }
            lines.extend(
                a.promises
                    .iter()
                    .map(|p| format!("A promise made from it: {p}")),
            );
            let by = if a.mine {
                actor.display_name.clone()
            } else {
                a.partner.clone()
            };
            out.push(told(actor, at, format!("An apology from {by}"), lines));
        }
        let questions = every_since!(span.from, |page| super::questions(actor, page));
        for q in questions {
            if q.closed || q.seen_by.private {
                continue;
            }
            let mut lines: Vec<String> = said(actor, &q.who, &q.text).into_iter().collect();
            let answerer = if q.mine {
                actor.partner_name().to_string()
            } else {
                actor.display_name.clone()
            };
            for a in &q.answers {
                lines.extend(line(
                    &format!("{answerer} answered on {}", a.at.date()),
                    &a.text,
                ));
            }
            let title = format!("A question from {}", name(actor, &q.who));
            out.push(told(actor, q.asked_at.at, title, lines));
        }
        Ok(out)
    })
}
