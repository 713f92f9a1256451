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

use crate::records::{self, Item, Threads};
use crate::{Actor, now};

crate::record_kinds!(
    Promise => Promise,
    Mark => PromiseMark,
);

mod view;
pub use view::{NewMark, NewPromise, OccurrenceView, PromiseView, Reliability, WeekPoint};

/// What Promises refuses.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Promises are made to a partner.
    #[error(
        "Promises are made to your partner, so you need to be paired first. You can invite your partner on the Partner page."
    )]
    NeedsPartner,
    /// Confirming one's own promise, or reporting on the partner's.
    #[error("Only the one who promised marks it done; only their partner confirms it.")]
    WrongSide,
    /// Confirming before the promiser said anything about that day.
    #[error("Your partner hasn't marked that day yet. You can confirm once they have.")]
    NothingToConfirm,
    /// The promise belongs to a couple that has ended.
    #[error("{}", crate::records::CLOSED)]
    Closed,
    /// Anything every step can meet.
    #[error(transparent)]
    App(#[from] crate::Error),
}

crate::error::step_error!(Error, not_found: []);

/// A result of this step.
pub type Result<T> = std::result::Result<T, Error>;

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
    Ok(PromiseView::new(actor, k))
}

/// Makes a promise to the partner.
pub async fn make(actor: &Actor, new: &NewPromise) -> Result<RecordId> {
    let schedule = Schedule::parse(&new.every, &new.day, &new.days, today(actor))?;
    let mut p = Promise::parse(&new.text)?;
    p.schedule = schedule;
    if actor.couple.is_none() {
        return Err(Error::NeedsPartner);
    }
    Ok(records::create(actor, Visibility::Shared, None, &p).await?)
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
        return Err(Error::Closed);
    }
    if actor.couple.is_none() {
        return Err(Error::NeedsPartner);
    }
    if current.mine != as_promiser {
        return Err(Error::WrongSide);
    }
    let schedule = &current.promise.schedule;
    let m = Mark::parse(schedule, &new.day, new.kept, &new.note, today(actor))?;
    let reported = |o: &Occurrence| rules::day_str(o.day) == m.day && o.report.is_some();
    if !as_promiser && !current.occurrences.iter().any(reported) {
        return Err(Error::NothingToConfirm);
    }
    records::create(actor, Visibility::Shared, Some(id), &m).await?;
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
