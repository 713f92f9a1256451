//! What a step tells a report for a therapist (a leaf: steps import it, it imports no step).
//! A step that has shared items says, for a period, what both partners could read of them:
//! each item in plain words with names (a report is read by someone else, so never "you"),
//! its thread and the confirmations under it, never a private part.

use serde::{Deserialize, Serialize};

use crate::waiting::BoxFuture;
use crate::{Actor, Result};

/// The moments a report covers: unix seconds, from `from` up to (not including) `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The first moment.
    pub from: i64,
    /// The moment after the last.
    pub to: i64,
}

impl Span {
    /// Whether `at` falls inside.
    pub fn holds(&self, at: i64) -> bool {
        (self.from..self.to).contains(&at)
    }
}

/// One item of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Told {
    /// When it began (unix seconds), for the order.
    pub at: i64,
    /// The day, in words.
    pub when: String,
    /// What it is, with who ("Alex proposed a talk").
    pub title: String,
    /// Its words and what followed, one line each ("Sam: …", "Kept on 3 November").
    pub lines: Vec<String>,
}

/// A step's part of a report: what both could read of its items in the span.
pub type Tells = for<'a> fn(&'a Actor, Span) -> BoxFuture<'a, Result<Vec<Told>>>;

/// A view's "You" as the actor's name (every other name stays).
pub fn name(actor: &Actor, who: &str) -> String {
    match who {
        "You" | "you" => actor.display_name.clone(),
        w => w.to_string(),
    }
}

/// A line of words said by `who`, left out when there are none.
pub fn said(actor: &Actor, who: &str, words: &str) -> Option<String> {
    let w = words.trim();
    (!w.is_empty()).then(|| format!("{}: {w}", name(actor, who)))
}

/// An item told at `at`, in the actor's clock.
pub fn told(actor: &Actor, at: i64, title: String, lines: Vec<String>) -> Told {
    Told {
        at,
        when: actor.stamp(at).date(),
        title,
        lines,
    }
}

/// One step's part of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Section {
    /// The step's number.
    pub number: u8,
    /// The step's slug (its name is the web's).
    pub slug: String,
    /// Its items, oldest first.
    pub items: Vec<Told>,
}

/// Every step's part of a report over a span (`kintsugi_app::report::contents`, which walks
/// the registry; a step module takes it as a function, since it can't name the registry).
pub type Contents = for<'a> fn(&'a Actor, Span) -> BoxFuture<'a, Result<Vec<Section>>>;

/// The actor's own indicators of these names, month by month over a span
/// (`kintsugi_app::report::indicators`).
pub type Indicators = for<'a> fn(
    &'a Actor,
    Span,
    &'a [String],
)
    -> BoxFuture<'a, Result<Vec<kintsugi_domain::support::Indicator>>>;

/// A sentence a view wrote for the actor ("You said done; Sam said kept") with the actor's
/// name for "You" and "you".
pub fn named(actor: &Actor, sentence: &str) -> String {
    let me = actor.display_name.as_str();
    let mut out = String::with_capacity(sentence.len());
    for (i, word) in sentence.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let (bare, rest) = word.split_at(
            word.find(|c: char| !c.is_alphabetic())
                .unwrap_or(word.len()),
        );
        match bare {
            "You" | "you" => {
                out.push_str(me);
                out.push_str(rest);
            }
            _ => out.push_str(word),
        }
    }
    out
}

/// "Label: words", left out when there are no words.
pub fn line(label: &str, words: &str) -> Option<String> {
    let w = words.trim();
    (!w.is_empty()).then(|| format!("{label}: {w}"))
}

/// The earliest of `moments` inside `span`, if any.
pub fn first_in(span: Span, moments: impl IntoIterator<Item = i64>) -> Option<i64> {
    moments.into_iter().filter(|t| span.holds(*t)).min()
}

/// Every item of a paged list (newest first) down to the page that reaches back to `$from`,
/// a page of a hundred at a time: `every_since!(span.from, |page| apologies(actor, page))`.
macro_rules! every_since {
    ($from:expr, |$page:ident| $fetch:expr) => {{
        let mut all = Vec::new();
        let mut $page = $crate::records::Page::first($crate::records::MOST);
        loop {
            let listed = $fetch.await?;
            all.extend(listed.items);
            let next = listed.next.as_deref().map($crate::records::Cursor::parse);
            match next.transpose()? {
                Some(c) if c.at() >= $from => {
                    $page = $crate::records::Page {
                        after: Some(c),
                        size: $crate::records::MOST,
                    }
                }
                _ => break,
            }
        }
        all
    }};
}
pub(crate) use every_since;
