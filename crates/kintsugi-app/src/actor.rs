//! Who is acting: the person, their couple as it stood when they arrived, and their data key.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use kintsugi_domain::{CoupleId, RecordId, UserId, Viewer, Zone};
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
    /// The session acting, when one is (a signed-in request): writes apply only while it
    /// still exists (see `Effects::session`). `None` for the command line.
    pub session: Option<kintsugi_domain::SessionId>,
    data_key: Key,
    unopened: AtomicUsize,
    /// The same, by kind: said in one log line when the actor's work is done.
    unopened_kinds: Mutex<std::collections::BTreeMap<&'static str, usize>>,
    /// The other person's words among what this actor's reads opened (for a page to read
    /// with the coach before it shows them: a threat is never shown bare).
    received: Mutex<Vec<String>>,
    /// What a page read ahead (see [`crate::records::prefetch`]).
    prefetched: Mutex<Option<Prefetched>>,
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
            session: None,
            data_key,
            unopened: AtomicUsize::new(0),
            unopened_kinds: Mutex::default(),
            received: Mutex::new(Vec::new()),
            prefetched: Mutex::new(None),
            couples: OnceLock::new(),
        }
    }

    /// The same actor, acting through `session`.
    pub fn in_session(mut self, session: kintsugi_domain::SessionId) -> Actor {
        self.session = Some(session);
        self
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

    /// Counts an item of `kind` that could not be opened with the person's keys.
    pub(crate) fn note_unopened(&self, kind: &'static str) {
        self.unopened.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut kinds) = self.unopened_kinds.lock() {
            *kinds.entry(kind).or_default() += 1;
        }
    }

    /// How many items this actor's reads could not open (a page says so plainly).
    pub fn unopened(&self) -> usize {
        self.unopened.load(Ordering::Relaxed)
    }

    /// Keeps (or, with `None`, forgets) what a page read ahead.
    pub(crate) fn keep_prefetched(&self, read: Option<Prefetched>) {
        if let Ok(mut p) = self.prefetched.lock() {
            *p = read;
        }
    }

    /// Answers from what was read ahead, if anything was and `answer` finds all it needs.
    pub(crate) fn prefetched<T>(&self, answer: impl FnOnce(&Prefetched) -> Option<T>) -> Option<T> {
        self.prefetched.lock().ok()?.as_ref().and_then(answer)
    }

    /// Keeps the words of an item someone else wrote, opened by a read.
    pub(crate) fn note_received(&self, words: Vec<String>) {
        if words.is_empty() {
            return;
        }
        if let Ok(mut all) = self.received.lock() {
            all.extend(words);
        }
    }

    /// The other person's words this actor's reads opened so far (each item's words once per
    /// read), for a page to read before it shows them. Never logged.
    pub fn received(&self) -> Vec<String> {
        self.received.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl Drop for Actor {
    /// Says once, with a count by kind, what this person's reads couldn't open (after a reset
    /// without the recovery key, what was sealed with the old key stays sealed): one line, never
    /// one per record, and never what the records hold.
    fn drop(&mut self) {
        let kinds = self
            .unopened_kinds
            .get_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        if !kinds.is_empty() {
            let total: usize = kinds.values().sum();
            tracing::warn!(user = %self.user, total, kinds = ?kinds, "records could not be opened with the current keys");
        }
    }
}

/// Items and their threads read ahead in one go, for a page whose parts (each step's words
/// for an inbox) then ask for them separately: read through the same authorization rule (by
/// [`crate::records::prefetch`]), kept only while that page is built.
pub(crate) struct Prefetched {
    pub(crate) ids: Vec<RecordId>,
    /// The items whose threads were read ahead.
    pub(crate) threaded: Vec<RecordId>,
    pub(crate) records: Vec<kintsugi_store::Record>,
    pub(crate) children: Vec<kintsugi_store::Record>,
}

impl Prefetched {
    /// The records among `ids`, when every one of them was asked for ahead.
    pub(crate) fn records_in(&self, ids: &[RecordId]) -> Option<Vec<kintsugi_store::Record>> {
        ids.iter().all(|i| self.ids.contains(i)).then(|| {
            let wanted = |r: &&kintsugi_store::Record| ids.contains(&r.id);
            self.records.iter().filter(wanted).cloned().collect()
        })
    }

    /// Everything answering `parents`, when every one of their threads was read ahead.
    pub(crate) fn children_of(&self, parents: &[RecordId]) -> Option<Vec<kintsugi_store::Record>> {
        parents.iter().all(|p| self.threaded.contains(p)).then(|| {
            let answers =
                |r: &&kintsugi_store::Record| r.parent.is_some_and(|p| parents.contains(&p));
            self.children.iter().filter(answers).cloned().collect()
        })
    }
}
