//! A short-lived cache of "who is asking", so that authenticated reads do not pay a database
//! round trip each time. It wraps the store: `authenticate` reads through it, and every method
//! that changes sessions, accounts or couples clears it.
//!
//! Entries live at most `ttl` (one second by default). Every change this node makes to sessions,
//! accounts or couples clears the cache at once, so on a single node a sign-out or a partner
//! leaving takes effect immediately; with several nodes another node may honour the old state
//! for at most `ttl`. Record reads never rely on the cached couple alone: the store checks
//! couple membership itself, so a stale entry can only narrow what someone sees.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use std::sync::Arc;

use async_trait::async_trait;
use kintsugi_domain::{CoupleId, RecordId, SessionId, UserId, Viewer};
use kintsugi_store::{
    Authenticated, Clearing, Couple, CoupleRecord, Due, Effects, InboxEntry, Invite, Joining,
    NewUser, Notice, Preferences, Record, RecordChange, Rekey, Result, Session, Store, Timestamp,
    User, Withdrawal,
};

/// Enough for a busy node; past it the cache starts over.
const MAX_ENTRIES: usize = 50_000;

/// The entries, and how many times they were cleared: a lookup that began before a clear must
/// not put back what the clear removed (a sign-out racing a request on the same node).
#[derive(Default)]
struct Entries {
    generation: u64,
    map: HashMap<Vec<u8>, (Instant, Authenticated)>,
}

struct AuthCache {
    ttl: Duration,
    entries: Mutex<Entries>,
}

impl AuthCache {
    fn new(ttl: Duration) -> AuthCache {
        AuthCache {
            ttl,
            entries: Mutex::new(Entries::default()),
        }
    }

    fn get(&self, token_hash: &[u8], now_unix: i64) -> Option<Authenticated> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().ok()?;
        let (at, found) = entries.map.get(token_hash)?;
        (at.elapsed() < self.ttl && found.session.expires_at > now_unix).then(|| found.clone())
    }

    /// The generation a lookup starts in.
    fn generation(&self) -> u64 {
        self.entries.lock().map_or(u64::MAX, |e| e.generation)
    }

    /// Keeps what a lookup found, unless the cache was cleared since it began.
    fn put(&self, token_hash: Vec<u8>, found: Authenticated, began: u64) {
        if self.ttl.is_zero() {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.generation != began {
                return;
            }
            if entries.map.len() >= MAX_ENTRIES {
                entries.map.clear();
            }
            entries.map.insert(token_hash, (Instant::now(), found));
        }
    }

    /// Forgets everything: called after any change to sessions, accounts or couples.
    fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.generation = entries.generation.wrapping_add(1);
            entries.map.clear();
        }
    }
}

/// The store with the authentication cache in front.
pub(crate) struct CachedStore {
    inner: Arc<dyn Store>,
    cache: AuthCache,
}

impl CachedStore {
    pub(crate) fn new(inner: Arc<dyn Store>, ttl: Duration) -> CachedStore {
        CachedStore {
            inner,
            cache: AuthCache::new(ttl),
        }
    }

    /// Forgets every cached lookup after a change, whatever its outcome: clearing too often
    /// costs one database lookup, clearing too rarely could honour a revoked session.
    async fn changing<T>(&self, result: Result<T>) -> Result<T> {
        self.cache.clear();
        result
    }
}

#[async_trait]
impl Store for CachedStore {
    async fn ping(&self) -> Result<()> {
        self.inner.ping().await
    }
    async fn sweep(&self, now: Timestamp) -> Result<u64> {
        self.changing(self.inner.sweep(now).await).await
    }
    async fn reset_user(&self, id: UserId, rekey: Rekey, now: Timestamp) -> Result<()> {
        self.changing(self.inner.reset_user(id, rekey, now).await)
            .await
    }
    async fn notices(&self, user: UserId) -> Result<Vec<Notice>> {
        self.inner.notices(user).await
    }
    async fn inbox(&self, user: UserId, now: Timestamp) -> Result<Vec<InboxEntry>> {
        self.inner.inbox(user, now).await
    }
    async fn waiting_count(&self, user: UserId, now: Timestamp) -> Result<u64> {
        self.inner.waiting_count(user, now).await
    }
    async fn clear_inbox(&self, clearings: &[Clearing]) -> Result<()> {
        self.inner.clear_inbox(clearings).await
    }
    async fn due_of(&self, user: UserId) -> Result<Vec<Due>> {
        self.inner.due_of(user).await
    }
    async fn dismiss_notice(&self, user: UserId, id: uuid::Uuid) -> Result<bool> {
        self.inner.dismiss_notice(user, id).await
    }
    async fn create_user(&self, user: NewUser) -> Result<()> {
        self.inner.create_user(user).await
    }
    async fn user_by_username(&self, username: &str) -> Result<Option<User>> {
        self.inner.user_by_username(username).await
    }
    async fn user(&self, id: UserId) -> Result<Option<User>> {
        self.inner.user(id).await
    }
    async fn rekey_user(&self, id: UserId, rekey: Rekey) -> Result<()> {
        self.changing(self.inner.rekey_user(id, rekey).await).await
    }
    async fn set_recovery_wrap(&self, id: UserId, wrap: Option<Vec<u8>>) -> Result<()> {
        self.changing(self.inner.set_recovery_wrap(id, wrap).await)
            .await
    }
    async fn set_disabled(&self, id: UserId, disabled: bool) -> Result<()> {
        self.changing(self.inner.set_disabled(id, disabled).await)
            .await
    }
    async fn set_preferences(&self, id: UserId, p: &Preferences) -> Result<()> {
        self.changing(self.inner.set_preferences(id, p).await).await
    }
    async fn create_session(&self, session: Session) -> Result<()> {
        self.inner.create_session(session).await
    }
    async fn authenticate(&self, token: &[u8], now: Timestamp) -> Result<Option<Authenticated>> {
        if let Some(found) = self.cache.get(token, now) {
            return Ok(Some(found));
        }
        let began = self.cache.generation();
        let found = self.inner.authenticate(token, now).await?;
        if let Some(f) = &found {
            self.cache.put(token.to_vec(), f.clone(), began);
        }
        Ok(found)
    }
    async fn touch_session(
        &self,
        id: SessionId,
        now: Timestamp,
        locker: Option<kintsugi_store::LockerSwap>,
    ) -> Result<()> {
        // A new locker is part of the account the cache hands out.
        let changes_account = locker.is_some();
        let done = self.inner.touch_session(id, now, locker).await;
        if changes_account {
            self.cache.clear();
        }
        done
    }

    async fn sessions_of(&self, user: UserId, now: Timestamp) -> Result<Vec<Session>> {
        self.inner.sessions_of(user, now).await
    }
    async fn delete_session(&self, user: UserId, id: SessionId) -> Result<bool> {
        self.changing(self.inner.delete_session(user, id).await)
            .await
    }
    async fn delete_sessions_of(&self, user: UserId, keep: Option<SessionId>) -> Result<u64> {
        self.changing(self.inner.delete_sessions_of(user, keep).await)
            .await
    }
    async fn active_couple(&self, user: UserId) -> Result<Option<Couple>> {
        self.inner.active_couple(user).await
    }
    async fn create_invite(&self, invite: Invite) -> Result<()> {
        self.inner.create_invite(invite).await
    }
    async fn pending_invites(&self, inviter: UserId, now: Timestamp) -> Result<Vec<Invite>> {
        self.inner.pending_invites(inviter, now).await
    }

    async fn revoke_invites(&self, inviter: UserId) -> Result<u64> {
        self.inner.revoke_invites(inviter).await
    }

    async fn invite_by_code(&self, code_hash: &[u8], now: Timestamp) -> Result<Option<Invite>> {
        self.inner.invite_by_code(code_hash, now).await
    }
    async fn accept_invite(&self, joining: Joining<'_>) -> Result<CoupleId> {
        self.changing(self.inner.accept_invite(joining).await).await
    }
    async fn leave_couple(
        &self,
        user: UserId,
        now: Timestamp,
        withdrawals: &[Withdrawal],
    ) -> Result<CoupleId> {
        self.changing(self.inner.leave_couple(user, now, withdrawals).await)
            .await
    }
    async fn couples_of(&self, user: UserId) -> Result<Vec<CoupleRecord>> {
        self.inner.couples_of(user).await
    }
    async fn shared_by(&self, who: UserId, couple: CoupleId) -> Result<Vec<Record>> {
        self.inner.shared_by(who, couple).await
    }
    async fn withdraw(
        &self,
        who: UserId,
        couple: CoupleId,
        withdrawals: &[Withdrawal],
        now: Timestamp,
    ) -> Result<u64> {
        self.inner.withdraw(who, couple, withdrawals, now).await
    }
    async fn put_record(&self, record: Record, effects: Effects) -> Result<()> {
        self.inner.put_record(record, effects).await
    }
    async fn update_record(
        &self,
        author: UserId,
        change: RecordChange,
        effects: Effects,
    ) -> Result<()> {
        self.inner.update_record(author, change, effects).await
    }
    async fn delete_record(&self, author: UserId, id: RecordId) -> Result<()> {
        self.inner.delete_record(author, id).await
    }
    async fn children_of(
        &self,
        viewer: &Viewer,
        parents: &[RecordId],
        since: Option<Timestamp>,
    ) -> Result<Vec<Record>> {
        self.inner.children_of(viewer, parents, since).await
    }
    async fn shared_facts(
        &self,
        viewer: &Viewer,
        kinds: &[String],
        since: Timestamp,
    ) -> Result<Vec<kintsugi_store::Fact>> {
        self.inner.shared_facts(viewer, kinds, since).await
    }
    async fn kinds_written(&self, author: UserId, kinds: &[String]) -> Result<Vec<String>> {
        self.inner.kinds_written(author, kinds).await
    }
    async fn answered_pairs(&self, viewer: &Viewer, pairs: &[String]) -> Result<Vec<String>> {
        self.inner.answered_pairs(viewer, pairs).await
    }
    async fn own_tally(&self, author: UserId, kind: &str) -> Result<(u64, Option<Timestamp>)> {
        self.inner.own_tally(author, kind).await
    }
    async fn couple_key_wrap(&self, user: UserId, couple: CoupleId) -> Result<Option<Vec<u8>>> {
        self.inner.couple_key_wrap(user, couple).await
    }
    async fn records(
        &self,
        viewer: &Viewer,
        kind: &str,
        window: kintsugi_store::Window,
    ) -> Result<Vec<Record>> {
        self.inner.records(viewer, kind, window).await
    }
    async fn record(&self, viewer: &Viewer, id: RecordId) -> Result<Option<Record>> {
        self.inner.record(viewer, id).await
    }
    async fn records_in(&self, viewer: &Viewer, ids: &[RecordId]) -> Result<Vec<Record>> {
        self.inner.records_in(viewer, ids).await
    }
}

#[async_trait]
impl kintsugi_store::Reports for CachedStore {
    async fn add_report_link(&self, link: kintsugi_store::NewLink) -> Result<()> {
        self.inner.add_report_link(link).await
    }
    async fn end_report_link(&self, user: UserId, link: uuid::Uuid, now: Timestamp) -> Result<()> {
        self.inner.end_report_link(user, link, now).await
    }
    async fn report_states(
        &self,
        viewer: &kintsugi_domain::Viewer,
        ids: &[kintsugi_domain::RecordId],
    ) -> Result<Vec<kintsugi_store::ReportState>> {
        self.inner.report_states(viewer, ids).await
    }
    async fn open_report_link(
        &self,
        token_hash: &[u8],
        now: Timestamp,
    ) -> Result<Option<kintsugi_store::Opened>> {
        self.inner.open_report_link(token_hash, now).await
    }
}

#[async_trait]
impl kintsugi_store::Erase for CachedStore {
    async fn delete_user(&self, id: UserId, expected_hash: &str, now: Timestamp) -> Result<()> {
        self.changing(self.inner.delete_user(id, expected_hash, now).await)
            .await
    }
}

#[async_trait]
impl kintsugi_store::Reminders for CachedStore {
    async fn reminder_settings(&self, user: UserId) -> Result<kintsugi_store::ReminderSettings> {
        self.inner.reminder_settings(user).await
    }
    async fn choose_reminders(
        &self,
        user: UserId,
        choice: &kintsugi_store::ReminderChoice,
        time_zone: Option<&str>,
        version: i64,
    ) -> Result<i64> {
        // A new time zone changes the account the cache holds.
        let done = self
            .inner
            .choose_reminders(user, choice, time_zone, version)
            .await;
        self.changing(done).await
    }
    async fn ask_email(
        &self,
        user: UserId,
        address: &str,
        nonce: &[u8],
        token_hash: &[u8],
        expires: Timestamp,
        job: kintsugi_store::NewJob,
    ) -> Result<()> {
        self.inner
            .ask_email(user, address, nonce, token_hash, expires, job)
            .await
    }
    async fn confirm_email(&self, token_hash: &[u8], now: Timestamp) -> Result<UserId> {
        self.inner.confirm_email(token_hash, now).await
    }
    async fn email_off(&self, user: UserId) -> Result<bool> {
        self.inner.email_off(user).await
    }
    async fn remove_email(&self, user: UserId) -> Result<()> {
        self.inner.remove_email(user).await
    }
    async fn set_calendar(&self, user: UserId, feed: Option<(Vec<u8>, Vec<u8>)>) -> Result<()> {
        self.inner.set_calendar(user, feed).await
    }
    async fn calendar_owner(&self, hash: &[u8]) -> Result<Option<(UserId, bool)>> {
        self.inner.calendar_owner(hash).await
    }
    async fn sweep_reminders(&self, now: Timestamp) -> Result<u64> {
        self.inner.sweep_reminders(now).await
    }
    async fn reminded(&self) -> Result<Vec<kintsugi_store::Reminded>> {
        self.inner.reminded().await
    }
}

#[async_trait]
impl kintsugi_store::Jobs for CachedStore {
    async fn plan_jobs(&self, jobs: &[kintsugi_store::NewJob]) -> Result<u64> {
        self.inner.plan_jobs(jobs).await
    }
    async fn claim_job(&self, now: Timestamp, hold: i64) -> Result<Option<kintsugi_store::Job>> {
        self.inner.claim_job(now, hold).await
    }
    async fn finish_job(
        &self,
        job: &kintsugi_store::Job,
        outcome: kintsugi_store::Outcome,
        now: Timestamp,
    ) -> Result<bool> {
        self.inner.finish_job(job, outcome, now).await
    }
    async fn put_back_job(
        &self,
        job: &kintsugi_store::Job,
        later: kintsugi_store::Later,
    ) -> Result<bool> {
        self.inner.put_back_job(job, later).await
    }
    async fn latest_job(
        &self,
        user: UserId,
        prefix: &str,
    ) -> Result<Option<kintsugi_store::JobState>> {
        self.inner.latest_job(user, prefix).await
    }
    async fn jobs_like(&self, prefix: &str) -> Result<Vec<kintsugi_store::JobState>> {
        self.inner.jobs_like(prefix).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(hash: u8) -> Authenticated {
        Authenticated {
            session: Session {
                id: SessionId::new(),
                user_id: UserId::new(),
                token_hash: vec![hash],
                key_wrap: vec![],
                client: "api".into(),
                device: String::new(),
                last_used_at: 0,
                created_at: 0,
                expires_at: 100,
            },
            user: User {
                id: UserId::new(),
                username: "a".into(),
                display_name: "A".into(),
                password_hash: String::new(),
                kek_salt: vec![],
                password_wrap: vec![],
                recovery_wrap: None,
                disabled: false,
                preferences: kintsugi_store::Preferences {
                    quick_exit_ends_session: true,
                    time_zone: "UTC".into(),
                },
                created_at: 0,
                locker: None,
            },
            couple: None,
        }
    }

    #[test]
    fn entries_expire_and_clear() {
        let cache = AuthCache::new(Duration::from_millis(50));
        cache.put(vec![1], entry(1), cache.generation());
        assert!(cache.get(&[1], 10).is_some());
        assert!(cache.get(&[1], 100).is_none(), "the session itself expired");
        cache.clear();
        assert!(cache.get(&[1], 10).is_none());
        cache.put(vec![1], entry(1), cache.generation());
        std::thread::sleep(Duration::from_millis(60));
        assert!(cache.get(&[1], 10).is_none(), "older than the time to live");
        // A lookup that began before a sign-out cleared the cache doesn't put the session back.
        let began = cache.generation();
        cache.clear();
        cache.put(vec![3], entry(3), began);
        assert!(cache.get(&[3], 10).is_none());
        let off = AuthCache::new(Duration::ZERO);
        off.put(vec![2], entry(2), off.generation());
        assert!(off.get(&[2], 0).is_none());
    }
}
