//! What falls due for a person: the moments their steps declared (a talk's agreed time, a
//! promise's days, an agreement's review), read without anyone's key, so a reminder or a
//! calendar can be written from them. Each is a kind of thing, a link and a time: never words.

use kintsugi_domain::UserId;
use kintsugi_store::{DueWhen, Store};
use serde::Serialize;

use crate::Result;
use crate::steps::STEPS;

/// One moment something falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moment {
    /// What kind of thing ("talk").
    pub kind: &'static str,
    /// What it is, in words that say nothing private.
    pub what: &'static str,
    /// Its plain title in a calendar (`{partner}` for the partner's name).
    pub title: &'static str,
    /// The item.
    pub subject: kintsugi_domain::RecordId,
    /// Where it is.
    pub href: String,
    /// When: an instant (unix seconds) or a day.
    #[serde(skip)]
    pub when: DueWhen,
    /// How it repeats (`daily`, `weekly:1,3`), if it does.
    pub repeat: Option<String>,
}

/// Every moment that falls due for `user`, by the kinds the registry's steps declare (a kind
/// no step declares any more is left out).
pub async fn moments(store: &dyn Store, user: UserId) -> Result<Vec<Moment>> {
    let rows = store.due_of(user).await?;
    let falls = STEPS.iter().flat_map(|s| s.falls.iter());
    let known: Vec<_> = falls.collect();
    Ok(rows
        .into_iter()
        .filter_map(|d| {
            let f = known.iter().find(|f| f.kind == d.kind)?;
            Some(Moment {
                kind: f.kind,
                what: f.what,
                title: f.title,
                subject: d.subject,
                href: format!("{}{}", f.href, d.subject),
                when: d.when,
                repeat: d.repeat,
            })
        })
        .collect())
}
