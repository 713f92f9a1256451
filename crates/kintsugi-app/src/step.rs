//! What a step of the program declares about itself, in one place: the registry
//! ([`crate::steps::STEPS`]) holds one of these per step, and everything shared (the program
//! page, Home, the inbox, what falls due, the guide, export) reads it there instead of naming
//! the step. A leaf: step modules import it, it imports no step.

use kintsugi_domain::RecordId;
use kintsugi_store::InboxEntry;

use crate::records::{self, Assemble, Record, RecordKind};
use crate::waiting::{BoxFuture, Falls, InboxItem, Wait};
use crate::{Actor, Result};

/// Puts a step's inbox entries into words, one answer per entry in order: `None` for one that
/// no longer applies (its item withdrawn, its couple ended, already answered), which the inbox
/// then clears.
pub type Describe =
    for<'a> fn(&'a Actor, &'a [InboxEntry]) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>>;

/// Which of the actor's records among the ids given (what they shared in a couple) hold facts
/// both made (terms both accepted): kept whole for the other when the actor withdraws.
pub type Keeps = for<'a> fn(&'a Actor, &'a [RecordId]) -> BoxFuture<'a, Result<Vec<RecordId>>>;

/// A step's series for the five signs of progress: the actor's own, from `since` (unix
/// seconds) on.
pub type Measure = for<'a> fn(&'a Actor, i64) -> BoxFuture<'a, Result<Vec<crate::measure::Series>>>;

/// One step of the program, as the app knows it: its place, its records, what its writes leave
/// waiting and what falls due. Its words and pages are the web's (the web table beside the
/// registry, and the step's guide).
#[derive(Debug)]
pub struct Step {
    /// Its number in the program (1–10).
    pub number: u8,
    /// The name in code and URLs (its guide is at `/guide/<slug>`).
    pub slug: &'static str,
    /// The kinds of record it stores (what export and progress read).
    pub kinds: &'static [RecordKind],
    /// What its writes leave waiting for a person.
    pub waits: &'static [Wait],
    /// Puts those entries into words.
    pub describe: Describe,
    /// What of it falls due (for reminders and a calendar).
    pub falls: &'static [Falls],
    /// Which of a person's records hold facts both made, kept when they withdraw (words alone
    /// are taken out otherwise).
    pub keeps: Option<Keeps>,
    /// What it gives to the signs of progress.
    pub measures: Option<Measure>,
    /// Whether a person alone can use it (before a partner joins).
    pub alone: bool,
    /// What of it counts as effort in the mutual-effort view.
    pub efforts: &'static [crate::measure::Effort],
    /// What it tells a report for a therapist (steps with shared items).
    pub tells: Option<crate::told::Tells>,
    /// A reminder it offers once a day, at the time each person chooses (a check-in).
    pub daily: Option<Falls>,
}

impl Step {
    /// Step `number`, named `slug`, storing `kinds`; nothing waits or falls due yet.
    pub const fn new(number: u8, slug: &'static str, kinds: &'static [RecordKind]) -> Step {
        Step {
            number,
            slug,
            kinds,
            waits: &[],
            describe: nothing,
            falls: &[],
            keeps: None,
            measures: None,
            alone: false,
            efforts: &[],
            tells: None,
            daily: None,
        }
    }

    /// The same, leaving `waits` waiting for people, put into words by `describe`.
    pub const fn waiting(self, waits: &'static [Wait], describe: Describe) -> Step {
        Step {
            waits,
            describe,
            ..self
        }
    }

    /// The same, with `falls` falling due.
    pub const fn falling(self, falls: &'static [Falls]) -> Step {
        Step { falls, ..self }
    }

    /// The same, keeping what `keeps` says both made when a person withdraws.
    pub const fn keeping(self, keeps: Keeps) -> Step {
        Step {
            keeps: Some(keeps),
            ..self
        }
    }

    /// The same, giving series to the signs of progress.
    pub const fn measuring(self, measures: Measure) -> Step {
        Step {
            measures: Some(measures),
            ..self
        }
    }

    /// The same, with what of it counts as effort.
    pub const fn effort(self, efforts: &'static [crate::measure::Effort]) -> Step {
        Step { efforts, ..self }
    }

    /// The same, telling a report what both could read of it.
    pub const fn telling(self, tells: crate::told::Tells) -> Step {
        Step {
            tells: Some(tells),
            ..self
        }
    }

    /// The same, offering `daily` as a reminder once a day (its `href` is where it is done).
    pub const fn nudging(self, daily: Falls) -> Step {
        Step {
            daily: Some(daily),
            ..self
        }
    }

    /// The same, usable by a person alone.
    pub const fn for_one(self) -> Step {
        Step {
            alone: true,
            ..self
        }
    }

    /// "Step 4".
    pub fn label(&self) -> String {
        format!("Step {}", self.number)
    }
}

/// The [`Describe`] of a step that leaves nothing waiting.
pub fn nothing<'a>(
    _: &'a Actor,
    entries: &'a [InboxEntry],
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>> {
    Box::pin(async move { Ok(vec![None; entries.len()]) })
}

/// A view an inbox entry can be about: it knows its item's id.
pub trait Keyed {
    /// The item's id.
    fn key(&self) -> RecordId;
}

/// Puts one entry into words, given the view of the item it is about; `None` when it no longer
/// applies.
pub type Words<V> = fn(&Actor, &V, &InboxEntry) -> Option<InboxItem>;

/// The usual [`Describe`]: opens the items `entries` are about, each with its thread, as
/// `assemble` views them (two queries however many), and puts each entry into words with `words`.
pub fn threaded<'a, T, V>(
    actor: &'a Actor,
    entries: &'a [InboxEntry],
    assemble: Assemble<T, V>,
    words: Words<V>,
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>>
where
    T: Record + Send + 'a,
    V: Keyed + Send + 'a,
{
    Box::pin(async move {
        let ids: Vec<RecordId> = entries.iter().map(|e| e.subject).collect();
        let views = records::get_many_threaded(actor, &ids, assemble).await?;
        let about = |e: &InboxEntry| views.iter().find(|v| v.key() == e.subject);
        Ok(entries
            .iter()
            .map(|e| about(e).and_then(|v| words(actor, v, e)))
            .collect())
    })
}
