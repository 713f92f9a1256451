//! The leaf every step uses to say what its writes leave waiting for a person and what falls
//! due, and to clear what a reader has opened. It names no step: the inbox reads the entries
//! back through the registry, where each step puts its own entries into words.
//!
//! An entry is kept in the same transaction as the write that causes it, beside its record,
//! and holds no words (whose, what kind, which item, when), so knowing what waits costs the same
//! with years of history as with a week. Only what was sent to a person waits for them: never
//! the partner's activity, and what one has opened is theirs alone to know.

use std::future::Future;
use std::pin::Pin;

use kintsugi_domain::RecordId;
use kintsugi_store::{Clearing, Due, DueWhen, InboxEntry};
use serde::Serialize;

use crate::{Actor, Result, Stamp, now};

/// A kind of thing that waits for a person, declared by the step that posts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Wait(pub &'static str);

/// A kind of thing that falls due, declared by the step whose items it is about: a neutral
/// word for it and where it is, never anyone's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Falls {
    /// Its stored name ("talk").
    pub kind: &'static str,
    /// What it is, in words that say nothing private ("A talk you agreed on").
    pub what: &'static str,
    /// Where its item is: this, then the item's id.
    pub href: &'static str,
    /// Its plain title in a calendar, for whoever chose plain titles (`{partner}` is the
    /// partner's display name): "Talk with {partner}".
    pub title: &'static str,
}

impl Falls {
    /// A kind of thing that falls due: its stored name, a word for it, and where its items are.
    pub const fn new(kind: &'static str, what: &'static str, href: &'static str) -> Falls {
        Falls {
            kind,
            what,
            href,
            title: what,
        }
    }

    /// The same, with a plain calendar title of its own.
    pub const fn titled(self, title: &'static str) -> Falls {
        Falls { title, ..self }
    }
}

/// One thing that waits, in words.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxItem {
    /// What it asks (a kind its step declares, such as `talk_to_answer`, or `couple_changed`).
    pub waiting: &'static str,
    /// In words.
    pub words: String,
    /// Where it is.
    pub href: String,
    /// When it arrived.
    pub at: Stamp,
}

/// A private part of a write, sealed for its author alone (how safe they felt, how a moment
/// went for them; `records::part` makes one): it goes into the same transaction as the item
/// it belongs under, through [`Effects::with_part`].
pub struct Part(pub(crate) kintsugi_store::Record);

/// A boxed future, for the functions the registry holds.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What a write does to inboxes and due moments besides its record, built up by the step and
/// applied by `records` in the write's own transaction.
#[derive(Debug, Default)]
pub struct Effects(pub(crate) kintsugi_store::Effects);

impl Effects {
    /// Nothing besides the record.
    pub fn none() -> Effects {
        Effects::default()
    }

    /// Something now waits for the partner (nothing when the actor is alone).
    pub fn tell_partner(self, actor: &Actor, wait: Wait, subject: RecordId) -> Effects {
        self.tell_partner_about(actor, wait, subject, None, None)
    }

    /// The same, naming the record that caused it and when it stops waiting by itself.
    pub fn tell_partner_about(
        mut self,
        actor: &Actor,
        wait: Wait,
        subject: RecordId,
        about: Option<RecordId>,
        until: Option<i64>,
    ) -> Effects {
        if let Some(c) = &actor.couple {
            self.0.post.push(InboxEntry {
                user: c.partner,
                kind: wait.0.to_string(),
                subject,
                about,
                couple: Some(c.id),
                at: now(),
                until,
            });
        }
        self
    }

    /// Something waits for both partners from the start of `day` (`YYYY-MM-DD`), each on their
    /// own clock (a review date).
    pub fn remind_both_on(
        mut self,
        actor: &Actor,
        wait: Wait,
        subject: RecordId,
        day: &str,
    ) -> Effects {
        let Some(c) = &actor.couple else {
            return self;
        };
        let partner_zone = kintsugi_domain::Zone::or_utc(&c.partner_time_zone);
        for (user, zone) in [(actor.user, &actor.zone), (c.partner, &partner_zone)] {
            self.0.post.push(InboxEntry {
                user,
                kind: wait.0.to_string(),
                subject,
                about: None,
                couple: Some(c.id),
                at: zone.instant(&format!("{day}T00:00")).unwrap_or_else(now),
                until: None,
            });
        }
        self
    }

    /// The write carries the actor's private `part`, stored under `parent` in its transaction.
    pub fn with_part(mut self, part: Part, parent: RecordId) -> Effects {
        let mut record = part.0;
        record.parent = Some(parent);
        self.0.with.push(record);
        self
    }

    /// The write answers `item` as it stood at `version` (the state the step's rules were
    /// checked against): it applies only while the item is still there, and moves it on, so of
    /// two answers to one state one wins and the other is refused (409), whatever raced.
    pub fn answering(mut self, item: RecordId, version: i64) -> Effects {
        self.0.after = Some((item, version));
        self
    }

    /// The write moves a report for a therapist (or requires where it stands), in its
    /// transaction: when the move no longer applies, nothing of the write is stored.
    pub fn report(mut self, m: kintsugi_store::ReportMove) -> Effects {
        self.0.report = Some(m);
        self
    }

    /// What waited for the actor about `subject` is dealt with.
    pub fn done(mut self, actor: &Actor, subject: RecordId, waits: &[Wait]) -> Effects {
        self.0
            .clear
            .push(clearing(Some(actor), Some(subject), waits));
        self
    }

    /// Nothing of these kinds (every kind, when empty) waits for anyone about `subject`.
    pub fn settled(mut self, subject: RecordId, waits: &[Wait]) -> Effects {
        self.0.clear.push(clearing(None, Some(subject), waits));
        self
    }

    /// `subject` now falls due at these moments (none: no longer), for the actor and, with
    /// `both`, their partner.
    pub fn due(
        mut self,
        actor: &Actor,
        subject: RecordId,
        falls: Falls,
        when: Option<(DueWhen, Option<String>)>,
        both: bool,
    ) -> Effects {
        let mut people = vec![actor.user];
        if both {
            people.extend(actor.couple.as_ref().map(|c| c.partner));
        }
        let moments = when
            .map(|(when, repeat)| {
                people
                    .into_iter()
                    .map(|user| Due {
                        user,
                        kind: falls.kind.to_string(),
                        subject,
                        when: when.clone(),
                        repeat: repeat.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        self.0.due = Some((subject, moments));
        self
    }
}

fn clearing(actor: Option<&Actor>, subject: Option<RecordId>, waits: &[Wait]) -> Clearing {
    Clearing {
        user: actor.map(|a| a.user),
        subject,
        kinds: waits.iter().map(|w| w.0.to_string()).collect(),
    }
}

/// The reader opened an item: what waited for them there of these kinds clears, for them
/// alone (the partner is never told).
pub async fn opened(actor: &Actor, subject: RecordId, waits: &[Wait]) -> Result<()> {
    let clearing = clearing(Some(actor), Some(subject), waits);
    Ok(actor.store.clear_inbox(&[clearing]).await?)
}

/// The reader opened a page that shows every item of these kinds (the questions thread, the
/// journal): all of it clears, for them alone.
pub async fn opened_all(actor: &Actor, waits: &[Wait]) -> Result<()> {
    let clearing = clearing(Some(actor), None, waits);
    Ok(actor.store.clear_inbox(&[clearing]).await?)
}

/// A quote of someone's words for an inbox line: the first `n` characters, with "…" when cut.
pub fn quote(text: &str, n: usize) -> String {
    let text = text.trim();
    if text.chars().nth(n).is_none() {
        return text.to_string();
    }
    let start: String = text.chars().take(n).collect();
    // Cut at a word's end when one is near, never mid-word where it can be helped.
    let cut = match start.rfind(char::is_whitespace) {
        Some(i) if start[i..].chars().count() < 16 => &start[..i],
        _ => start.as_str(),
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c))
    )
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn a_quote_cut_short_says_so_and_ends_at_a_word() {
        assert_eq!(quote("  Short enough. ", 60), "Short enough.");
        let long = "Could you tell me when you'll be home tonight, it would help me settle";
        assert_eq!(quote(long, 40), "Could you tell me when you'll be home…");
        // One long word is cut where it must be.
        assert_eq!(quote(&"a".repeat(50), 10), format!("{}…", "a".repeat(10)));
    }
}
