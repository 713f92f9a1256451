//! Who is acting: the person, their couple as it stood when they arrived, and their data key.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use kintsugi_domain::{CoupleId, UserId, Viewer, Zone};
use kintsugi_store::{Couple, Store};
use kintsugi_vault::Key;

/// A person acting through the app, with what it takes to read and write their records.
/// Made by the web layer from a session, by the CLI from a password, or by a job.
pub struct Actor {
    /// The store.
    pub store: Arc<dyn Store>,
    /// Who is acting.
    pub user: UserId,
    /// Their display name.
    pub display_name: String,
    /// Their couple when they arrived (record reads check membership fresh in the store).
    pub couple: Option<Couple>,
    /// Their time zone: times they type are read in it, and every moment is shown in it.
    pub zone: Zone,
    data_key: Key,
    unopened: AtomicUsize,
    /// Every couple the person is or was in, with the other person's name, once read.
    couples: OnceLock<Vec<(CoupleId, String)>>,
}

impl Actor {
    /// An actor with their opened data key.
    pub fn new(
        store: Arc<dyn Store>,
        user: UserId,
        display_name: String,
        couple: Option<Couple>,
        zone: Zone,
        data_key: Key,
    ) -> Actor {
        Actor {
            store,
            user,
            display_name,
            couple,
            zone,
            data_key,
            unopened: AtomicUsize::new(0),
            couples: OnceLock::new(),
        }
    }

    /// Who is asking, for the authorization rule.
    pub fn viewer(&self) -> Viewer {
        Viewer {
            user: self.user,
            couple: self.couple.as_ref().map(|c| c.id),
        }
    }

    /// The person's data key.
    pub(crate) fn data_key(&self) -> &Key {
        &self.data_key
    }

    /// A moment as this person reads it, in their time zone.
    pub fn stamp(&self, at: i64) -> crate::Stamp {
        crate::Stamp::new(at, &self.zone)
    }

    /// The partner's display name, or "your partner".
    pub fn partner_name(&self) -> &str {
        self.couple
            .as_ref()
            .map_or("your partner", |c| c.partner_display_name.as_str())
    }

    /// The couple the person is in now, or the step's words (`needs`) for why this needs one.
    pub fn paired(&self, needs: &str) -> crate::Result<&Couple> {
        self.couple
            .as_ref()
            .ok_or_else(|| crate::Error::Refused(needs.to_string()))
    }

    /// Reads the couples the person is or was in (once per actor), so items of a couple that
    /// ended can name the other person.
    pub(crate) async fn know_couples(&self) -> crate::Result<()> {
        if self.couples.get().is_none() {
            let all = self.store.couples_of(self.user).await?;
            let named = all.into_iter().map(|c| (c.id, c.partner_display_name));
            let _ = self.couples.set(named.collect());
        }
        Ok(())
    }

    /// The other person of `couple`, by name: the partner, or a former partner ("your former
    /// partner" when their couple hasn't been read, or "your partner" when there is none).
    pub fn partner_in(&self, couple: Option<CoupleId>) -> String {
        let current = self.couple.as_ref().filter(|c| Some(c.id) == couple);
        if let Some(c) = current {
            return c.partner_display_name.clone();
        }
        let known = self.couples.get().into_iter().flatten();
        match known.into_iter().find(|(id, _)| Some(*id) == couple) {
            Some((_, name)) => name.clone(),
            None if couple.is_some() => "your former partner".to_string(),
            None => self.partner_name().to_string(),
        }
    }

    /// Counts an item that could not be opened with the person's keys.
    pub(crate) fn note_unopened(&self) {
        self.unopened.fetch_add(1, Ordering::Relaxed);
    }

    /// How many items this actor's reads could not open (a page says so plainly).
    pub fn unopened(&self) -> usize {
        self.unopened.load(Ordering::Relaxed)
    }
}
