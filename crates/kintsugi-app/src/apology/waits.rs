//! What Apology leaves waiting, in words: an apology delivered to you, a question to answer,
//! an answer to your question.

use kintsugi_domain::RecordId;
use kintsugi_store::InboxEntry;

use super::{ANSWERED, ASKED, ApologyView, DELIVERED, QuestionView};
use crate::records;
use crate::waiting::{BoxFuture, InboxItem};
use crate::{Actor, Result};

/// Apology's [`Describe`](crate::step::Describe).
pub(super) fn describe<'a>(
    actor: &'a Actor,
    entries: &'a [InboxEntry],
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>> {
    Box::pin(async move {
        let about = |kinds: &[&str]| -> Vec<RecordId> {
            let of = entries.iter().filter(|e| kinds.contains(&e.kind.as_str()));
            of.map(|e| e.subject).collect()
        };
        let apologies = about(&[DELIVERED.0]);
        let apologies = records::get_many_threaded(actor, &apologies, ApologyView::new).await?;
        let questions = about(&[ASKED.0, ANSWERED.0]);
        let questions = records::get_many_threaded(actor, &questions, QuestionView::new).await?;
        let partner = actor.partner_name();
        Ok(entries
            .iter()
            .map(|e| match e.kind.as_str() {
                k if k == DELIVERED.0 => apologies
                    .iter()
                    .find(|a| a.key == e.subject)
                    .and_then(delivered),
                k => questions
                    .iter()
                    .find(|q| q.key == e.subject && !q.closed)
                    .and_then(|q| question(q, k, e, partner)),
            })
            .collect())
    })
}

fn delivered(a: &ApologyView) -> Option<InboxItem> {
    let answered = a.responses.iter().any(|r| r.mine);
    let live = !a.mine && !a.closed && !answered;
    Some(InboxItem {
        waiting: DELIVERED.0,
        words: format!(
            "{} wrote you an apology. There's no hurry to answer.",
            a.partner
        ),
        href: format!("/apologies/{}", a.id),
        at: a.delivered_at.clone().filter(|_| live)?,
    })
}

fn question(q: &QuestionView, kind: &str, e: &InboxEntry, partner: &str) -> Option<InboxItem> {
    if kind == ASKED.0 {
        return (!q.mine && q.answers.is_empty()).then(|| InboxItem {
            waiting: ASKED.0,
            words: format!("{partner} asked you: “{}”", q.text),
            href: "/questions".to_string(),
            at: q.asked_at.clone(),
        });
    }
    let answer = q.answers.iter().find(|a| Some(a.key) == e.about)?;
    q.mine.then(|| InboxItem {
        waiting: ANSWERED.0,
        words: format!("{partner} answered your question “{}”.", q.text),
        href: "/questions".to_string(),
        at: answer.at.clone(),
    })
}
