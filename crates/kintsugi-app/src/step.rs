//! What a step of the program declares about itself, in one place: the registry
//! ([`crate::steps::STEPS`]) holds one of these per step, and everything shared (the program
//! page, Home, the inbox, what falls due, the guide, export) reads it there instead of naming
//! the step. A leaf: step modules import it, it imports no step.

use kintsugi_store::InboxEntry;

use crate::records::RecordKind;
use crate::waiting::{BoxFuture, Falls, InboxItem, Wait};
use crate::{Actor, Result};

/// Puts a step's inbox entries into words, one answer per entry in order: `None` for one that
/// no longer applies (its item withdrawn, its couple ended, already answered), which the inbox
/// then clears.
pub type Describe =
    for<'a> fn(&'a Actor, &'a [InboxEntry]) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>>;

/// One step of the program as the app presents it.
#[derive(Debug)]
pub struct Step {
    /// Its number in the program (1–10).
    pub number: u8,
    /// The name in code and URLs (its guide is at `/guide/<slug>`).
    pub slug: &'static str,
    /// Its short name ("Talk").
    pub name: &'static str,
    /// Its title.
    pub title: &'static str,
    /// One or two sentences on what it gives the person.
    pub summary: &'static str,
    /// Where its tools are.
    pub path: &'static str,
    /// Further pages of the step, with their names.
    pub more: &'static [(&'static str, &'static str)],
    /// The kinds of record it stores (what export and progress read).
    pub kinds: &'static [RecordKind],
    /// What its writes leave waiting for a person.
    pub waits: &'static [Wait],
    /// Puts those entries into words.
    pub describe: Describe,
    /// What of it falls due (for reminders and a calendar).
    pub falls: &'static [Falls],
}

impl Step {
    /// "Step 4".
    pub fn label(&self) -> String {
        format!("Step {}", self.number)
    }

    /// Where its guide is.
    pub fn guide(&self) -> String {
        format!("/guide/{}", self.slug)
    }
}

/// The [`Describe`] of a step that leaves nothing waiting.
pub fn nothing<'a>(
    _: &'a Actor,
    entries: &'a [InboxEntry],
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>> {
    Box::pin(async move { Ok(vec![None; entries.len()]) })
}
