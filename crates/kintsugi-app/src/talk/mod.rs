//! Step 2, Talk: plan a calm conversation in turns, call a break, rate it privately.
//!
//! A talk and everything said about it (replies, breaks) are shared between the partners; the
//! after-talk reflection is private to the one who writes it. Where planning stands is derived
//! by replaying the replies through the domain's state machine, so two replies sent at once
//! can't corrupt it: one that no longer fits is skipped.

use kintsugi_domain::talk::{Pause, PlanError, Proposal, Reply, Status, TalkReflection, TalkTime};
use kintsugi_domain::{RecordId, UserId, Visibility};
use kintsugi_store::DueWhen;

use crate::error::refusals;
use crate::records::{self, Item, Threads};
use crate::step::Step;
use crate::waiting::{Effects, Falls, Wait, opened};
use crate::{Actor, Result, now};

crate::record_kinds!(
    Proposal => "talk" ["topic"],
    Reply => "talk_reply" ["note"],
    Pause => "talk_pause" [],
    TalkReflection => "talk_reflection" [],
);

mod input;
mod told;
mod trend;
mod view;
mod waits;
pub use input::{Choice, NewPause, NewTalk, TalkAnswer};
pub use trend::{RatedTalk, in_words, rated};
pub use view::{EventView, PauseView, Rating, TalkView};

/// A time for a talk, waiting for the other's answer.
pub const TO_ANSWER: Wait = Wait("talk_to_answer");
/// A break the partner called.
pub const BREAK: Wait = Wait("break");
/// The partner agreed to the time, withdrew their proposal or called the talk off.
pub const NEWS: Wait = Wait("talk_news");
/// A talk's agreed time.
pub const AGREED: Falls =
    Falls::new("talk", "A talk you both agreed on", "/talks/").titled("Talk with {partner}");

/// Step 2 in the registry.
pub const STEP: Step = Step::new(2, "talk", KINDS)
    .waiting(&[TO_ANSWER, BREAK, NEWS], waits::describe)
    .falling(&[AGREED])
    .measuring(measure)
    .effort(&[crate::measure::Effort::new("talk", "Talks proposed")])
    .telling(told::tells);

const NEEDS_PARTNER: &str = "Talks are planned together, so you need to be paired first. You can invite your partner on the Partner page.";

/// What Talk refuses, besides what every step can.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The actor's own break is still running.
    #[error("Your break is still running. Take the time you need; you can call another after it.")]
    BreakRunning,
}

refusals!(Refusal, PlanError);

/// One step in planning, as both partners see it.
struct Event {
    /// Whether the actor did it.
    pub mine: bool,
    /// What happened.
    pub reply: Reply,
    /// When.
    pub at: i64,
}

/// A talk with everything the actor may see about it, before it is put in words.
struct Talk {
    /// Its id.
    pub id: RecordId,
    /// Whether the actor proposed it.
    pub mine: bool,
    /// The proposal.
    pub proposal: Proposal,
    /// Where planning stands.
    pub status: Status,
    /// Replies in order (those that no longer fit are left out).
    pub events: Vec<Event>,
    /// Breaks called, oldest first, and whether the actor called them.
    pub pauses: Vec<(bool, RecordId, Pause)>,
    /// The actor's own reflection, if written.
    pub reflection: Option<TalkReflection>,
    /// When it was proposed.
    pub created_at: i64,
    /// The version of the proposal's record as read: every reply and break moves it on.
    pub version: i64,
    /// Whether its couple has ended: then it is shown as it was, closed.
    pub closed: bool,
    /// The other person, by name.
    pub other: String,
    /// Who can read it now.
    pub seen_by: crate::SeenBy,
    /// Whether its proposer withdrew their words (the topic) from the reader's record.
    pub withdrawn: bool,
}

impl Talk {
    /// Whether it is `user`'s turn to answer the time on the table.
    fn turn_of(&self, user: UserId) -> bool {
        matches!(self.status, Status::Proposed { by, .. } if by != user)
    }
}

fn assemble(actor: &Actor, item: Item<Proposal>, threads: &Threads<'_>) -> Talk {
    let mut status = Status::new(item.author, item.body.time);
    let mut events = Vec::new();
    for r in threads.of::<Reply>(item.id) {
        if let Ok(next) = status.reply(r.author, &r.body) {
            status = next;
            events.push(Event {
                mine: r.mine,
                reply: r.body,
                at: r.created_at,
            });
        }
    }
    Talk {
        closed: item.closed(actor),
        other: item.other(actor),
        seen_by: item.seen_by(actor),
        withdrawn: item.words_withdrawn(),
        id: item.id,
        mine: item.mine,
        status,
        events,
        pauses: breaks(threads.of::<Pause>(item.id)),
        reflection: threads
            .of::<TalkReflection>(item.id)
            .into_iter()
            .find(|r| r.mine)
            .map(|r| r.body),
        proposal: item.body,
        created_at: item.created_at,
        version: item.version,
    }
}

/// The breaks as they stand: one running break per person. A second one called while the same
/// person's is still running (two tabs racing past the check in `pause`) is left out, as a
/// reply that no longer fits is, so the race has one winner whatever the order of writes.
fn breaks(written: Vec<Item<Pause>>) -> Vec<(bool, RecordId, Pause)> {
    let mut kept: Vec<Item<Pause>> = Vec::new();
    for p in written {
        let running = kept
            .iter()
            .any(|k| k.author == p.author && k.body.back_at() > p.body.called_at);
        if !running {
            kept.push(p);
        }
    }
    kept.into_iter().map(|p| (p.mine, p.id, p.body)).collect()
}

/// Every talk the actor may see (two queries, however many talks): those still ahead first,
/// soonest first, then those behind, most recent first.
pub async fn talks(actor: &Actor) -> Result<Vec<TalkView>> {
    let list = records::list_threaded(actor, assemble).await?;
    let mut views: Vec<TalkView> = list.into_iter().map(|t| TalkView::new(actor, t)).collect();
    views.sort_by_key(|t| {
        let at = t.starts_at.at;
        (t.done, if t.done { -at } else { at })
    });
    Ok(views)
}

/// The actor's own after-talk ratings, oldest first (never anyone else's).
pub async fn ratings(actor: &Actor) -> Result<Vec<RatedTalk>> {
    Ok(rated(&talks(actor).await?))
}

/// One talk, or `NotFound`.
pub async fn talk(actor: &Actor, id: RecordId) -> Result<TalkView> {
    let view = TalkView::new(actor, raw_talk(actor, id).await?);
    // The breaks the partner called here are now seen by the reader (for their inbox only).
    opened(actor, id, &[BREAK, NEWS]).await?;
    Ok(view)
}

async fn raw_talk(actor: &Actor, id: RecordId) -> Result<Talk> {
    records::get_threaded(actor, id, assemble).await
}

/// The earliest time a form may offer, on the actor's clock (`YYYY-MM-DDTHH:MM`, this minute).
pub fn earliest(actor: &Actor) -> String {
    actor.zone.format(now(), "%Y-%m-%dT%H:%M")
}

/// Proposes a talk to the partner.
pub async fn propose(actor: &Actor, new: &NewTalk) -> Result<RecordId> {
    actor.paired(NEEDS_PARTNER)?;
    let time = TalkTime::parse_in(&new.time, &actor.zone)?.upcoming(now())?;
    let proposal = Proposal::parse(&new.topic, time)?;
    let waits = |id| Effects::none().tell_partner(actor, TO_ANSWER, id);
    records::create_with(actor, Visibility::Shared, None, &proposal, waits).await
}

/// A talk the actor can still act on: visible, and in their current couple.
async fn active_talk(actor: &Actor, id: RecordId) -> Result<Talk> {
    let talk = raw_talk(actor, id).await?;
    if talk.closed {
        return Err(crate::Error::closed());
    }
    actor.paired(NEEDS_PARTNER)?;
    Ok(talk)
}

/// Accepts the time on the table or proposes another.
pub async fn respond(actor: &Actor, id: RecordId, answer: TalkAnswer) -> Result<TalkView> {
    let note = answer.note;
    let reply = match answer.response {
        Choice::Accept => Reply::Accept { note },
        Choice::Counter => {
            let typed = answer.time.as_deref().unwrap_or_default();
            let time = TalkTime::parse_in(typed, &actor.zone)?.upcoming(now())?;
            Reply::Counter { time, note }
        }
        Choice::Withdraw => Reply::Withdraw { note },
        Choice::Cancel => Reply::Cancel { note },
    }
    .checked()?;
    let talk = active_talk(actor, id).await?;
    let next = talk.status.reply_at(actor.user, &reply, now())?;
    let effects = Effects::none()
        .done(actor, id, &[TO_ANSWER])
        .answering(id, talk.version);
    let effects = match next {
        Status::Proposed { .. } => effects.tell_partner(actor, TO_ANSWER, id),
        Status::Agreed { .. } => effects
            .settled(id, &[TO_ANSWER])
            .tell_partner(actor, NEWS, id),
        Status::Withdrawn { .. } | Status::Cancelled { .. } => {
            effects.settled(id, &[]).tell_partner(actor, NEWS, id)
        }
    };
    let agreed = match next {
        Status::Agreed { time } => Some((DueWhen::At(time.at()), None)),
        _ => None,
    };
    let effects = effects.due(actor, id, AGREED, agreed, true);
    records::create_with(actor, Visibility::Shared, Some(id), &reply, |_| effects).await?;
    self::talk(actor, id).await
}

/// Calls a break once the agreed time has come; the partner sees it at once where a page of
/// theirs is open (the live inbox), otherwise the next time they open Kintsugi.
pub async fn pause(actor: &Actor, id: RecordId, new: NewPause) -> Result<TalkView> {
    let p = Pause::parse(new.minutes, now())?;
    let current = active_talk(actor, id).await?;
    current.status.begun(p.called_at)?;
    // A second break while one's own is still running doesn't stack.
    let running = current
        .pauses
        .iter()
        .any(|(mine, _, q)| *mine && q.back_at() > p.called_at);
    if running {
        return Err(Refusal::BreakRunning.into());
    }
    let waits = |pause| {
        Effects::none()
            .answering(id, current.version)
            .tell_partner_about(actor, BREAK, id, Some(pause), None)
    };
    records::create_with(actor, Visibility::Shared, Some(id), &p, waits).await?;
    talk(actor, id).await
}

/// Saves (or replaces) the actor's private reflection on a talk whose agreed time has come.
pub async fn reflect(actor: &Actor, id: RecordId, rating: Rating) -> Result<Rating> {
    let r = TalkReflection::try_from(rating)?;
    let talk = raw_talk(actor, id).await?;
    // A closed talk can still be rated by someone who held it; one not yet begun can't.
    talk.status.begun(now())?;
    let threads = records::threads(actor, &[id]).await?;
    let existing = threads
        .of::<TalkReflection>(id)
        .into_iter()
        .find(|x| x.mine);
    match existing {
        Some(x) => records::change(actor, &x, Visibility::Private, &r).await?,
        None => {
            records::create(actor, Visibility::Private, Some(id), &r).await?;
        }
    }
    Ok(rating)
}

/// Talk's part of progress, from the person's own after-talk ratings: candid talks (how heard
/// they felt) and fewer fights.
fn measure(
    actor: &Actor,
    since: i64,
) -> crate::waiting::BoxFuture<'_, Result<Vec<crate::measure::Series>>> {
    use crate::measure::{Per, Series, Sign};
    Box::pin(async move {
        let mine: Vec<Item<TalkReflection>> = records::since::<TalkReflection>(actor, since)
            .await?
            .into_iter()
            .filter(|i| i.mine)
            .collect();
        let points = |value: fn(&TalkReflection) -> f64| {
            mine.iter()
                .map(|i| (i.created_at, value(&i.body)))
                .collect()
        };
        Ok(vec![
            Series {
                sign: Sign::CandidTalks,
                name: "Felt heard",
                unit: "out of 5",
                per: Per::Mean,
                lower_is_better: false,
                range: (0.0, 5.0),
                points: points(|r| f64::from(r.felt_heard.get())),
            },
            Series {
                sign: Sign::FewerFights,
                name: "Talks that turned into a fight",
                unit: "in 10",
                per: Per::Mean,
                lower_is_better: true,
                range: (0.0, 10.0),
                points: points(|r| if r.turned_into_fight { 10.0 } else { 0.0 }),
            },
        ])
    })
}
