//! Step 5, Promises: promises kept over time, marked by the one who promised and confirmed by
//! the partner, with a reliability that rewards keeping them and forgives a miss. Promises and
//! their marks are shared between the partners.
//!
//! What counts for an occurrence: the partner's confirmation; without one, the promiser's
//! report once three days have passed; without either, a scheduled day three days gone counts
//! as not kept. Anything newer waits.

use std::collections::HashMap;

use jiff::civil::Date;
use kintsugi_domain::promises::{self as rules, CONFIRM_WITHIN_DAYS, Mark, Promise, Schedule};
use kintsugi_domain::{RecordId, UserId, Visibility};
use kintsugi_store::DueWhen;

use crate::error::refusals;
use crate::records::{self, Item, Threads};
use crate::step::Step;
use crate::waiting::{Effects, Falls, Wait};
use crate::{Actor, Result, now};

crate::record_kinds!(
    Promise => "promise" ["text"] recent WINDOW_DAYS * 86_400,
    Mark => "promise_mark" ["note"],
);

/// How far back a promise's days are read and counted (its marks a thread that grows every
/// day): thirty weeks, longer than the chart's 26, and far longer than it takes the score to
/// forget (it halves a day's weight in about two weeks of a daily promise).
pub const WINDOW_DAYS: i64 = 30 * 7;

mod told;
mod view;
mod waits;
pub use view::{NewMark, NewPromise, OccurrenceView, PromiseView, Reliability, WeekPoint};

/// A day the partner marked on a promise to the actor, to confirm.
pub const TO_CONFIRM: Wait = Wait("promise_to_confirm");
/// The partner confirmed a day of the actor's promise, kept or missed.
pub const CONFIRMED: Wait = Wait("promise_confirmed");
/// The days a promise comes due (for the one who made it).
pub const DUE: Falls =
    Falls::new("promise", "A promise you made", "/promises/").titled("Your promise");

/// Step 5 in the registry.
pub const STEP: Step = Step::new(5, "promises", KINDS)
    .waiting(&[TO_CONFIRM, CONFIRMED], waits::describe)
    .falling(&[DUE])
    .measuring(measure)
    .effort(&[crate::measure::Effort::new("promise", "Promises made")])
    .telling(told::tells);

const NEEDS_PARTNER: &str = "Promises are made to your partner, so you need to be paired first. You can invite your partner on the Partner page.";

/// What Promises refuses, besides what every step can.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// Confirming one's own promise, or reporting on the partner's.
    #[error("Only the one who promised marks it done; only their partner confirms it.")]
    WrongSide,
    /// Confirming before the promiser said anything about that day.
    #[error("Your partner hasn't marked that day yet. You can confirm once they have.")]
    NothingToConfirm,
}

refusals!(Refusal);

/// The latest mark of one person on one day, with when it was made.
#[derive(Clone)]
struct Said {
    kept: bool,
    note: String,
    at: i64,
}

/// One occurrence: its day, what each said, and what counts.
struct Occurrence {
    day: Date,
    report: Option<Said>,
    confirmation: Option<Said>,
    /// Kept or not, once it counts; `None` while it waits.
    counts: Option<bool>,
}

/// A promise with its occurrences, before it is put in words.
struct Kept {
    id: RecordId,
    mine: bool,
    promise: Promise,
    occurrences: Vec<Occurrence>,
    scores: Vec<(Date, f64)>,
    parent: Option<RecordId>,
    closed: bool,
    /// The other person, by name; who can read it; whether its words were withdrawn.
    other: String,
    seen_by: Option<crate::SeenBy>,
    withdrawn: bool,
    created_at: i64,
}

/// Today on the actor's clock.
fn today(actor: &Actor) -> Date {
    actor
        .zone
        .format(now(), "%Y-%m-%d")
        .parse()
        .unwrap_or(Date::constant(2000, 1, 1))
}

fn assemble_at(
    item: Item<Promise>,
    marks: Vec<Item<Mark>>,
    today: Date,
    now: i64,
    actor: Option<&Actor>,
) -> Kept {
    let promiser = item.author;
    let mut said: HashMap<(Date, bool), Said> = HashMap::new();
    for m in marks {
        let Ok(day) = m.body.day.parse::<Date>() else {
            continue;
        };
        let by_promiser = m.author == promiser;
        said.insert(
            (day, by_promiser),
            Said {
                kept: m.body.kept,
                note: m.body.note,
                at: m.created_at,
            },
        );
    }
    let mut days = item.body.schedule.days_until(today);
    if item.body.schedule == Schedule::Open {
        days = said.keys().filter(|(_, p)| *p).map(|(d, _)| *d).collect();
        days.sort_unstable();
    }
    // Only the window's days count: older marks aren't read, so older days would look unmarked.
    let from = today
        .checked_sub(jiff::Span::new().days(WINDOW_DAYS))
        .unwrap_or(today);
    days.retain(|d| *d > from);
    let wait = CONFIRM_WITHIN_DAYS * 86_400;
    let gone = today
        .checked_sub(jiff::Span::new().days(CONFIRM_WITHIN_DAYS))
        .unwrap_or(today);
    let occurrences: Vec<Occurrence> = days
        .into_iter()
        .map(|day| {
            let report = said.get(&(day, true)).cloned();
            let confirmation = said.get(&(day, false)).cloned();
            let counts = match (&confirmation, &report) {
                (Some(c), _) => Some(c.kept),
                (None, Some(r)) if r.at + wait <= now => Some(r.kept),
                (None, None) if day <= gone => Some(false),
                _ => None,
            };
            Occurrence {
                day,
                report,
                confirmation,
                counts,
            }
        })
        .collect();
    let counted: Vec<(Date, bool)> = occurrences
        .iter()
        .filter_map(|o| o.counts.map(|k| (o.day, k)))
        .collect();
    let outcomes: Vec<bool> = counted.iter().map(|(_, k)| *k).collect();
    let scores = rules::reliability(&outcomes, item.body.schedule.per_week());
    Kept {
        closed: actor.is_some_and(|a| item.closed(a)),
        other: actor.map(|a| item.other(a)).unwrap_or_default(),
        seen_by: actor.map(|a| item.seen_by(a)),
        withdrawn: item.words_withdrawn(),
        mine: item.mine,
        id: item.id,
        parent: item.parent,
        created_at: item.created_at,
        scores: counted.iter().map(|(d, _)| *d).zip(scores).collect(),
        occurrences,
        promise: item.body,
    }
}

fn assemble(actor: &Actor, item: Item<Promise>, threads: &Threads<'_>) -> Kept {
    let marks = threads.of::<Mark>(item.id);
    assemble_at(item, marks, today(actor), now(), Some(actor))
}

/// Every promise the actor made or was made, newest first (two queries, however many).
pub async fn promises(actor: &Actor) -> Result<Vec<PromiseView>> {
    let list = records::list_threaded(actor, assemble).await?;
    Ok(list
        .into_iter()
        .map(|k| PromiseView::new(actor, k))
        .collect())
}

/// One promise, or `NotFound`.
pub async fn promise(actor: &Actor, id: RecordId) -> Result<PromiseView> {
    let k = records::get_threaded(actor, id, assemble).await?;
    if k.mine {
        crate::waiting::opened(actor, id, &[CONFIRMED]).await?;
    }
    Ok(PromiseView::new(actor, k))
}

/// Makes a promise to the partner.
pub async fn make(actor: &Actor, new: &NewPromise) -> Result<RecordId> {
    let schedule = Schedule::parse(&new.every, &new.day, &new.days, today(actor))?;
    let mut p = Promise::parse(&new.text)?;
    p.schedule = schedule;
    actor.paired(NEEDS_PARTNER)?;
    create(actor, None, &p).await
}

/// Makes a promise of a commitment in an apology (`parent`).
pub async fn from_commitment(actor: &Actor, parent: RecordId, p: &Promise) -> Result<RecordId> {
    create(actor, Some(parent), p).await
}

async fn create(actor: &Actor, parent: Option<RecordId>, p: &Promise) -> Result<RecordId> {
    let due = |id| Effects::none().due(actor, id, DUE, falls_due(&p.schedule), false);
    records::create_with(actor, Visibility::Shared, parent, p, due).await
}

/// When a promise falls due, as a calendar reads it: its first day and how it repeats.
fn falls_due(schedule: &Schedule) -> Option<(DueWhen, Option<String>)> {
    match schedule {
        Schedule::Open => None,
        Schedule::Once { due } => Some((DueWhen::Day(due.clone()), None)),
        Schedule::Daily { from } => Some((DueWhen::Day(from.clone()), Some("daily".into()))),
        Schedule::Weekly { from, days } => {
            let days: Vec<String> = days.iter().map(u8::to_string).collect();
            let repeat = format!("weekly:{}", days.join(","));
            Some((DueWhen::Day(from.clone()), Some(repeat)))
        }
    }
}

/// Marks a day done or not (the one who promised), or confirms it kept or missed (the partner).
pub async fn mark(
    actor: &Actor,
    id: RecordId,
    new: &NewMark,
    as_promiser: bool,
) -> Result<PromiseView> {
    let current: Kept = records::get_threaded(actor, id, assemble).await?;
    if current.closed {
        return Err(crate::Error::closed());
    }
    actor.paired(NEEDS_PARTNER)?;
    if current.mine != as_promiser {
        return Err(Refusal::WrongSide.into());
    }
    let schedule = &current.promise.schedule;
    let m = Mark::parse(schedule, &new.day, new.kept, &new.note, today(actor))?;
    let reported = |o: &Occurrence| rules::day_str(o.day) == m.day && o.report.is_some();
    if !as_promiser && !current.occurrences.iter().any(reported) {
        return Err(Refusal::NothingToConfirm.into());
    }
    // Another marked day still waiting for the partner keeps their entry.
    let others_wait = current.occurrences.iter().any(|o| {
        rules::day_str(o.day) != m.day
            && o.report.is_some()
            && o.confirmation.is_none()
            && o.counts.is_none()
    });
    let effects = |mark| match as_promiser {
        true => {
            let until = now() + CONFIRM_WITHIN_DAYS * 86_400;
            Effects::none().tell_partner_about(actor, TO_CONFIRM, id, Some(mark), Some(until))
        }
        false => {
            let told = Effects::none().tell_partner_about(actor, CONFIRMED, id, Some(mark), None);
            match others_wait {
                true => told,
                false => told.done(actor, id, &[TO_CONFIRM]),
            }
        }
    };
    records::create_with(actor, Visibility::Shared, Some(id), &m, effects).await?;
    promise(actor, id).await
}

/// The actor's promises' reliability, overall and week by week (the chart's points).
pub async fn reliability(actor: &Actor) -> Result<Reliability> {
    let list = records::list_threaded(actor, assemble).await?;
    Ok(Reliability::of(&list, today(actor)))
}

/// Reliability for `weeks` weeks of `promises` promises kept daily for five years (benchmarks
/// and tests: how long a page's computation takes at the far end of real use).
#[doc(hidden)]
pub fn five_years(promises: usize, today: Date) -> Vec<WeekPoint> {
    let user = UserId::new();
    let start = today
        .checked_sub(jiff::Span::new().days(5 * 365))
        .unwrap_or(today);
    let list: Vec<Kept> = (0..promises)
        .map(|n| {
            let promise = Promise {
                text: format!("Promise {n}"),
                schedule: Schedule::Daily {
                    from: rules::day_str(start),
                },
            };
            let marks = promise
                .schedule
                .days_until(today)
                .into_iter()
                .enumerate()
                .map(|(i, d)| {
                    Item::sample(
                        user,
                        Mark {
                            day: rules::day_str(d),
                            kept: (i * 7 + n) % 10 != 0,
                            note: String::new(),
                        },
                    )
                })
                .collect();
            assemble_at(
                Item::sample(user, promise),
                marks,
                today,
                i64::MAX / 2,
                None,
            )
        })
        .collect();
    view::weekly(&list.iter().collect::<Vec<_>>(), today, 26)
}

/// Promises' part of progress: honesty and consistency, from the days both marked (facts both
/// made): the promises made to the person, and their own.
fn measure(
    actor: &Actor,
    since: i64,
) -> crate::waiting::BoxFuture<'_, Result<Vec<crate::measure::Series>>> {
    use crate::measure::{Per, Series, Sign};
    Box::pin(async move {
        let list = records::list_threaded(actor, assemble).await?;
        let points = |mine: bool| {
            list.iter()
                .filter(|k| k.mine == mine)
                .flat_map(|k| k.occurrences.iter())
                .filter_map(|o| {
                    let at = actor
                        .zone
                        .instant(&format!("{}T12:00", rules::day_str(o.day)))?;
                    let kept = o.counts?;
                    (at >= since).then_some((at, if kept { 10.0 } else { 0.0 }))
                })
                .collect()
        };
        let series = |name, points| Series {
            sign: Sign::Honesty,
            name,
            unit: "in 10 kept",
            per: Per::Mean,
            lower_is_better: false,
            range: (0.0, 10.0),
            points,
        };
        Ok(vec![
            series("Promises made to you", points(false)),
            series("Your promises", points(true)),
        ])
    })
}
