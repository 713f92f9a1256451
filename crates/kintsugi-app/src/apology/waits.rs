//! What Apology leaves waiting, in words: an apology delivered to you, a question to answer,
//! an answer to your question.

use kintsugi_store::InboxEntry;

use super::{ANSWERED, ASKED, ApologyView, DELIVERED, QuestionView, RESPONDED};
use crate::step::{Keyed, threaded};
use crate::waiting::{BoxFuture, InboxItem, quote};
use crate::{Actor, Result};

impl Keyed for ApologyView {
    fn key(&self) -> kintsugi_domain::RecordId {
        self.key
    }
}

impl Keyed for QuestionView {
    fn key(&self) -> kintsugi_domain::RecordId {
        self.key
    }
}

/// Apology's [`Describe`](crate::step::Describe): apologies and questions each opened with
/// their threads, the answers put back in the entries' order.
pub(super) fn describe<'a>(
    actor: &'a Actor,
    entries: &'a [InboxEntry],
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>> {
    Box::pin(async move {
        let is_apology = |e: &&InboxEntry| e.kind == DELIVERED.0 || e.kind == RESPONDED.0;
        let (apologies, questions): (Vec<InboxEntry>, Vec<InboxEntry>) =
            entries.iter().cloned().partition(|e| is_apology(&e));
        let mut apologies = threaded(actor, &apologies, ApologyView::new, delivered)
            .await?
            .into_iter();
        let mut questions = threaded(actor, &questions, QuestionView::new, question)
            .await?
            .into_iter();
        Ok(entries
            .iter()
            .map(|e| match is_apology(&e) {
                true => apologies.next().flatten(),
                false => questions.next().flatten(),
            })
            .collect())
    })
}

fn delivered(_: &Actor, a: &ApologyView, e: &InboxEntry) -> Option<InboxItem> {
    if e.kind == RESPONDED.0 {
        let r = a.responses.iter().rev().find(|r| !r.mine)?;
        return (a.mine && !a.closed).then(|| InboxItem {
            waiting: RESPONDED.0,
            words: format!("{} answered your apology: {}.", r.who, r.label),
            href: format!("/apologies/{}", a.id),
            at: r.at.clone(),
        });
    }
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

fn question(actor: &Actor, q: &QuestionView, e: &InboxEntry) -> Option<InboxItem> {
    let partner = actor.partner_name();
    if q.closed {
        return None;
    }
    if e.kind == ASKED.0 {
        return (!q.mine && q.answers.is_empty()).then(|| InboxItem {
            waiting: ASKED.0,
            words: format!("{partner} asked you: “{}”", quote(&q.text, 80)),
            href: "/questions".to_string(),
            at: q.asked_at.clone(),
        });
    }
    let answer = q.answers.iter().find(|a| Some(a.key) == e.about)?;
    q.mine.then(|| InboxItem {
        waiting: ANSWERED.0,
        words: format!("{partner} answered your question “{}”", quote(&q.text, 60)),
        href: "/questions".to_string(),
        at: answer.at.clone(),
    })
}
