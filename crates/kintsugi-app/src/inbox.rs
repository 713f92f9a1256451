//! What waits for a person: a talk to answer, a break their partner called, words back on a
//! reflection they shared, an apology delivered to them, a question to answer, a new answer to read, and what changed in their
//! couple. Only what was sent to them: never the partner's activity (no "last seen", no
//! typing, no read receipts: what they have seen is theirs alone).
//!
//! An item clears when acted on (the talk answered, the question answered, the notice read) or,
//! for what only asks to be read, once it was opened: reading a talk, an apology or the
//! questions thread marks what was sent there as seen, for the reader only.

use kintsugi_domain::RecordId;
use kintsugi_store::NoticeKind;
use serde::Serialize;

use crate::apology::{self, ApologyView, QuestionView};
use crate::roots::{self, ReflectionView};
use crate::talk::{self, TalkView};
use crate::{Actor, Error, Stamp, now};

/// What an inbox item asks of the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Waiting {
    /// A time for a talk, to accept or answer with another.
    TalkToAnswer,
    /// A break the partner called.
    Break,
    /// An apology delivered to you.
    Apology,
    /// A question asked of you.
    QuestionToAnswer,
    /// An agreement, or a change to one, waiting for your yes.
    AgreementToAnswer,
    /// An agreement whose review date has come.
    AgreementToRevisit,
    /// A day your partner marked on a promise to you, to confirm.
    PromiseToConfirm,
    /// Your partner asks for reassurance.
    ReassuranceRequest,
    /// Your partner answered your request for reassurance.
    Reassured,
    /// Your partner's few words back on a reflection you shared.
    Acknowledgement,
    /// An answer to your question.
    NewAnswer,
    /// Something changed in your couple (it ended).
    CoupleChanged,
}

/// One thing that waits.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxItem {
    /// What it asks.
    pub waiting: Waiting,
    /// In words.
    pub words: String,
    /// Where it is.
    pub href: String,
    /// When it arrived.
    pub at: Stamp,
}

/// Everything that waits for the actor, newest first.
pub async fn inbox(actor: &Actor) -> Result<Vec<InboxItem>, Error> {
    let talks = talk::talks(actor).await?;
    let apologies = apology::apologies(actor).await?;
    let questions = apology::questions(actor).await?;
    let reflections = roots::unmarked(actor).await?;
    let agreements = crate::agreements::agreements(actor).await?;
    let promises = crate::promises::promises(actor).await?;
    let requests = crate::triggers::unmarked(actor).await?;
    // Only what asks to be read needs a seen mark: breaks, apologies, answers and words back.
    let mut readable: Vec<RecordId> = Vec::new();
    for t in talks.iter().filter(|t| !t.closed) {
        readable.extend(t.pauses.iter().filter(|p| p.by == "partner").map(|p| p.key));
    }
    readable.extend(apologies.iter().filter(|a| !a.mine).map(|a| a.key));
    for q in questions.iter().filter(|q| q.mine) {
        readable.extend(q.answers.iter().map(|a| a.key));
    }
    for r in reflections.iter().filter(|r| r.mine && r.shared()) {
        readable.extend(r.acknowledgements.iter().filter(|a| !a.mine).map(|a| a.key));
    }
    for r in requests.iter().filter(|r| r.mine) {
        readable.extend(r.answers.iter().filter(|a| !a.mine).map(|a| a.key));
    }
    let seen = actor.store.seen(actor.user, &readable).await?;
    let unseen = |k: &RecordId| !seen.contains(k);
    let mut items = Vec::new();
    for t in &talks {
        talk_items(t, &unseen, &mut items);
    }
    for a in &apologies {
        apology_items(a, &unseen, &mut items);
    }
    for q in &questions {
        question_items(q, actor.partner_name(), &unseen, &mut items);
    }
    for r in &reflections {
        acknowledgement_items(r, actor.partner_name(), &unseen, &mut items);
    }
    for r in requests.iter().filter(|r| !r.closed) {
        let answered = r.answers.iter().any(|a| a.mine);
        let new_answer = r.answers.iter().rev().find(|a| !a.mine && unseen(&a.key));
        let (waiting, words, at) = match (r.mine, new_answer) {
            (false, _) if !answered => (
                Waiting::ReassuranceRequest,
                format!("{} asks for reassurance: “{}”", r.who, r.text),
                r.at.clone(),
            ),
            (true, Some(a)) => (
                Waiting::Reassured,
                format!(
                    "{} answered your request: “{}”",
                    actor.partner_name(),
                    a.text
                ),
                a.at.clone(),
            ),
            _ => continue,
        };
        items.push(InboxItem {
            waiting,
            words,
            href: "/reassurance".to_string(),
            at,
        });
    }
    for p in promises.iter().filter(|p| !p.mine && !p.closed) {
        // The newest day marked and not yet confirmed (occurrences are newest first).
        let waiting = p
            .occurrences
            .iter()
            .find(|o| o.reported.is_some() && o.confirmed.is_none() && o.counts.is_none());
        if let Some(o) = waiting {
            items.push(InboxItem {
                waiting: Waiting::PromiseToConfirm,
                words: format!(
                    "{} marked a promise for {}: “{}”. Was it kept?",
                    p.who,
                    o.day_words,
                    p.text.chars().take(60).collect::<String>()
                ),
                href: format!("/promises/{}", p.id),
                at: p.created_at.clone(),
            });
        }
    }
    for a in agreements.iter().filter(|a| !a.closed) {
        let waiting = match (a.your_turn, a.review_due) {
            (true, _) => Waiting::AgreementToAnswer,
            (false, true) => Waiting::AgreementToRevisit,
            (false, false) => continue,
        };
        let what = match waiting {
            Waiting::AgreementToRevisit => "It's time to revisit your agreement",
            _ => "An agreement waits for your answer",
        };
        let start: String = a.current.agreement.chars().take(60).collect();
        items.push(InboxItem {
            waiting,
            words: format!("{what}: “{start}”"),
            href: format!("/agreements/{}", a.id),
            at: a
                .versions
                .last()
                .map_or(&a.created_at, |v| &v.proposed_at)
                .clone(),
        });
    }
    for n in actor.store.notices(actor.user).await? {
        let words = match n.kind {
            NoticeKind::PartnerLeft => {
                "Your partner left the couple. What you wrote is still yours."
            }
            NoticeKind::PartnerReset => "Something changed, and your couple has ended.",
        };
        items.push(InboxItem {
            waiting: Waiting::CoupleChanged,
            words: words.to_string(),
            href: "/#notices".to_string(),
            at: actor.stamp(n.created_at),
        });
    }
    items.sort_by_key(|i| std::cmp::Reverse(i.at.at));
    Ok(items)
}

fn talk_items(t: &TalkView, unseen: &dyn Fn(&RecordId) -> bool, out: &mut Vec<InboxItem>) {
    if t.closed {
        return;
    }
    let href = format!("/talks/{}", t.id);
    if t.your_turn && !t.done {
        out.push(InboxItem {
            waiting: Waiting::TalkToAnswer,
            words: format!("A time for a talk about “{}”: {}", t.topic, t.summary),
            href: href.clone(),
            at: t.events.last().map_or(&t.created_at, |e| &e.at).clone(),
        });
    }
    for p in t
        .pauses
        .iter()
        .filter(|p| p.by == "partner" && unseen(&p.key))
    {
        out.push(InboxItem {
            waiting: Waiting::Break,
            words: format!(
                "{} asked for a {}-minute break in the talk about “{}”.",
                p.who, p.minutes, t.topic
            ),
            href: href.clone(),
            at: p.called_at.clone(),
        });
    }
}

fn apology_items(a: &ApologyView, unseen: &dyn Fn(&RecordId) -> bool, out: &mut Vec<InboxItem>) {
    let Some(at) = a.delivered_at.clone() else {
        return;
    };
    let key = a.key;
    let answered = a.responses.iter().any(|r| r.mine);
    if a.mine || a.closed || answered || !unseen(&key) {
        return;
    }
    out.push(InboxItem {
        waiting: Waiting::Apology,
        words: format!(
            "{} wrote you an apology. There's no hurry to answer.",
            a.partner
        ),
        href: format!("/apologies/{}", a.id),
        at,
    });
}

fn question_items(
    q: &QuestionView,
    partner: &str,
    unseen: &dyn Fn(&RecordId) -> bool,
    out: &mut Vec<InboxItem>,
) {
    if q.closed {
        return;
    }
    if !q.mine && q.answers.is_empty() {
        out.push(InboxItem {
            waiting: Waiting::QuestionToAnswer,
            words: format!("{partner} asked you: “{}”", q.text),
            href: "/questions".to_string(),
            at: q.asked_at.clone(),
        });
    }
    if q.mine
        && let Some(last) = q.answers.iter().rev().find(|a| unseen(&a.key))
    {
        out.push(InboxItem {
            waiting: Waiting::NewAnswer,
            words: format!("{partner} answered your question “{}”.", q.text),
            href: "/questions".to_string(),
            at: last.at.clone(),
        });
    }
}

fn acknowledgement_items(
    r: &ReflectionView,
    partner: &str,
    unseen: &dyn Fn(&RecordId) -> bool,
    out: &mut Vec<InboxItem>,
) {
    if !r.mine || r.closed || !r.shared() {
        return;
    }
    let newest = r.acknowledgements.iter().rev();
    if let Some(a) = newest.filter(|a| !a.mine).find(|a| unseen(&a.key)) {
        let start: String = r.text.chars().take(60).collect();
        let more = if r.text.chars().count() > 60 {
            "…"
        } else {
            ""
        };
        out.push(InboxItem {
            waiting: Waiting::Acknowledgement,
            words: format!("{partner} wrote back on your reflection “{start}{more}”."),
            href: "/roots#journal".to_string(),
            at: a.at.clone(),
        });
    }
}

/// Marks as seen, for the actor only, what was sent to them on a page they opened.
pub(crate) async fn mark_seen(actor: &Actor, items: Vec<RecordId>) -> Result<(), Error> {
    if items.is_empty() {
        return Ok(());
    }
    let seen = actor.store.seen(actor.user, &items).await?;
    let new: Vec<RecordId> = items.into_iter().filter(|i| !seen.contains(i)).collect();
    if !new.is_empty() {
        actor.store.mark_seen(actor.user, &new, now()).await?;
    }
    Ok(())
}
