//! A store that counts the calls that reach it: the proof that a list page costs a constant
//! number of store queries, whatever its length.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use kintsugi_domain::{CoupleId, RecordId, SessionId, UserId, Viewer};
use kintsugi_store::{
    Authenticated, Clearing, Couple, CoupleRecord, Due, Effects, InboxEntry, Invite, Joining,
    NewUser, Notice, Preferences, Record, RecordChange, Rekey, Result, Session, Store, Timestamp,
    User, Withdrawal,
};

/// Wraps a store and counts every call to it.
pub struct CountingStore<S> {
    inner: S,
    calls: Arc<AtomicU64>,
}

impl<S> CountingStore<S> {
    /// Wraps `inner`; the returned counter goes up by one per call.
    pub fn new(inner: S) -> (CountingStore<S>, Arc<AtomicU64>) {
        let calls = Arc::new(AtomicU64::new(0));
        (
            CountingStore {
                inner,
                calls: Arc::clone(&calls),
            },
            calls,
        )
    }

    fn count(&self) {
        self.calls.fetch_add(1, Ordering::Relaxed);
    }
}

#[async_trait]
impl<S: Store> Store for CountingStore<S> {
    async fn ping(&self) -> Result<()> {
        self.count();
        self.inner.ping().await
    }
    async fn sweep(&self, now: Timestamp) -> Result<u64> {
        self.count();
        self.inner.sweep(now).await
    }
    async fn create_user(&self, user: NewUser) -> Result<()> {
        self.count();
        self.inner.create_user(user).await
    }
    async fn user_by_username(&self, username: &str) -> Result<Option<User>> {
        self.count();
        self.inner.user_by_username(username).await
    }
    async fn user(&self, id: UserId) -> Result<Option<User>> {
        self.count();
        self.inner.user(id).await
    }
    async fn rekey_user(&self, id: UserId, rekey: Rekey) -> Result<()> {
        self.count();
        self.inner.rekey_user(id, rekey).await
    }
    async fn set_recovery_wrap(&self, id: UserId, wrap: Option<Vec<u8>>) -> Result<()> {
        self.count();
        self.inner.set_recovery_wrap(id, wrap).await
    }
    async fn set_disabled(&self, id: UserId, disabled: bool) -> Result<()> {
        self.count();
        self.inner.set_disabled(id, disabled).await
    }
    async fn reset_user(&self, id: UserId, rekey: Rekey, now: Timestamp) -> Result<()> {
        self.count();
        self.inner.reset_user(id, rekey, now).await
    }
    async fn notices(&self, user: UserId) -> Result<Vec<Notice>> {
        self.count();
        self.inner.notices(user).await
    }
    async fn inbox(&self, user: UserId, now: Timestamp) -> Result<Vec<InboxEntry>> {
        self.count();
        self.inner.inbox(user, now).await
    }
    async fn waiting_count(&self, user: UserId, now: Timestamp) -> Result<u64> {
        self.count();
        self.inner.waiting_count(user, now).await
    }
    async fn clear_inbox(&self, clearings: &[Clearing]) -> Result<()> {
        self.count();
        self.inner.clear_inbox(clearings).await
    }
    async fn due_of(&self, user: UserId) -> Result<Vec<Due>> {
        self.count();
        self.inner.due_of(user).await
    }
    async fn dismiss_notice(&self, user: UserId, id: uuid::Uuid) -> Result<bool> {
        self.count();
        self.inner.dismiss_notice(user, id).await
    }
    async fn set_preferences(&self, id: UserId, p: &Preferences) -> Result<()> {
        self.count();
        self.inner.set_preferences(id, p).await
    }
    async fn create_session(&self, session: Session) -> Result<()> {
        self.count();
        self.inner.create_session(session).await
    }
    async fn authenticate(&self, token: &[u8], now: Timestamp) -> Result<Option<Authenticated>> {
        self.count();
        self.inner.authenticate(token, now).await
    }
    async fn touch_session(
        &self,
        id: SessionId,
        now: Timestamp,
        locker: Option<kintsugi_store::LockerSwap>,
    ) -> Result<()> {
        self.count();
        self.inner.touch_session(id, now, locker).await
    }

    async fn sessions_of(&self, user: UserId, now: Timestamp) -> Result<Vec<Session>> {
        self.count();
        self.inner.sessions_of(user, now).await
    }
    async fn delete_session(&self, user: UserId, id: SessionId) -> Result<bool> {
        self.count();
        self.inner.delete_session(user, id).await
    }
    async fn delete_sessions_of(&self, user: UserId, keep: Option<SessionId>) -> Result<u64> {
        self.count();
        self.inner.delete_sessions_of(user, keep).await
    }
    async fn active_couple(&self, user: UserId) -> Result<Option<Couple>> {
        self.count();
        self.inner.active_couple(user).await
    }
    async fn create_invite(&self, invite: Invite) -> Result<()> {
        self.count();
        self.inner.create_invite(invite).await
    }
    async fn pending_invites(&self, inviter: UserId, now: Timestamp) -> Result<Vec<Invite>> {
        self.count();
        self.inner.pending_invites(inviter, now).await
    }

    async fn revoke_invites(&self, inviter: UserId) -> Result<u64> {
        self.count();
        self.inner.revoke_invites(inviter).await
    }

    async fn invite_by_code(&self, code_hash: &[u8], now: Timestamp) -> Result<Option<Invite>> {
        self.count();
        self.inner.invite_by_code(code_hash, now).await
    }
    async fn accept_invite(&self, joining: Joining<'_>) -> Result<CoupleId> {
        self.count();
        self.inner.accept_invite(joining).await
    }
    async fn leave_couple(
        &self,
        user: UserId,
        now: Timestamp,
        withdrawals: &[Withdrawal],
    ) -> Result<CoupleId> {
        self.count();
        self.inner.leave_couple(user, now, withdrawals).await
    }
    async fn couples_of(&self, user: UserId) -> Result<Vec<CoupleRecord>> {
        self.count();
        self.inner.couples_of(user).await
    }
    async fn shared_by(&self, who: UserId, couple: CoupleId) -> Result<Vec<Record>> {
        self.count();
        self.inner.shared_by(who, couple).await
    }
    async fn withdraw(
        &self,
        who: UserId,
        couple: CoupleId,
        withdrawals: &[Withdrawal],
        now: Timestamp,
    ) -> Result<u64> {
        self.count();
        self.inner.withdraw(who, couple, withdrawals, now).await
    }
    async fn put_record(&self, record: Record, effects: Effects) -> Result<()> {
        self.count();
        self.inner.put_record(record, effects).await
    }
    async fn update_record(
        &self,
        author: UserId,
        change: RecordChange,
        effects: Effects,
    ) -> Result<()> {
        self.count();
        self.inner.update_record(author, change, effects).await
    }
    async fn delete_record(&self, author: UserId, id: RecordId) -> Result<()> {
        self.count();
        self.inner.delete_record(author, id).await
    }
    async fn children_of(
        &self,
        viewer: &Viewer,
        parents: &[RecordId],
        since: Option<Timestamp>,
    ) -> Result<Vec<Record>> {
        self.count();
        self.inner.children_of(viewer, parents, since).await
    }
    async fn shared_facts(
        &self,
        viewer: &Viewer,
        kinds: &[String],
        since: Timestamp,
    ) -> Result<Vec<kintsugi_store::Fact>> {
        self.count();
        self.inner.shared_facts(viewer, kinds, since).await
    }
    async fn kinds_written(&self, author: UserId, kinds: &[String]) -> Result<Vec<String>> {
        self.count();
        self.inner.kinds_written(author, kinds).await
    }
    async fn answered_pairs(&self, viewer: &Viewer, pairs: &[String]) -> Result<Vec<String>> {
        self.count();
        self.inner.answered_pairs(viewer, pairs).await
    }
    async fn own_tally(&self, author: UserId, kind: &str) -> Result<(u64, Option<Timestamp>)> {
        self.count();
        self.inner.own_tally(author, kind).await
    }
    async fn couple_key_wrap(&self, user: UserId, couple: CoupleId) -> Result<Option<Vec<u8>>> {
        self.count();
        self.inner.couple_key_wrap(user, couple).await
    }
    async fn records(
        &self,
        viewer: &Viewer,
        kind: &str,
        window: kintsugi_store::Window,
    ) -> Result<Vec<Record>> {
        self.count();
        self.inner.records(viewer, kind, window).await
    }
    async fn record(&self, viewer: &Viewer, id: RecordId) -> Result<Option<Record>> {
        self.count();
        self.inner.record(viewer, id).await
    }
    async fn records_in(&self, viewer: &Viewer, ids: &[RecordId]) -> Result<Vec<Record>> {
        self.count();
        self.inner.records_in(viewer, ids).await
    }
}

#[async_trait]
impl<S: Store> kintsugi_store::Reports for CountingStore<S> {
    async fn add_report_link(&self, link: kintsugi_store::NewLink) -> Result<()> {
        self.count();
        self.inner.add_report_link(link).await
    }
    async fn end_report_link(&self, user: UserId, link: uuid::Uuid, now: Timestamp) -> Result<()> {
        self.count();
        self.inner.end_report_link(user, link, now).await
    }
    async fn report_states(
        &self,
        viewer: &Viewer,
        ids: &[RecordId],
    ) -> Result<Vec<kintsugi_store::ReportState>> {
        self.count();
        self.inner.report_states(viewer, ids).await
    }
    async fn open_report_link(
        &self,
        token_hash: &[u8],
        now: Timestamp,
    ) -> Result<Option<kintsugi_store::Opened>> {
        self.count();
        self.inner.open_report_link(token_hash, now).await
    }
}

#[async_trait]
impl<S: Store> kintsugi_store::Erase for CountingStore<S> {
    async fn delete_user(&self, id: UserId, expected_hash: &str, now: Timestamp) -> Result<()> {
        self.count();
        self.inner.delete_user(id, expected_hash, now).await
    }
}

#[async_trait]
impl<S: Store> kintsugi_store::Reminders for CountingStore<S> {
    async fn reminder_settings(&self, user: UserId) -> Result<kintsugi_store::ReminderSettings> {
        self.count();
        self.inner.reminder_settings(user).await
    }
    async fn choose_reminders(
        &self,
        user: UserId,
        choice: &kintsugi_store::ReminderChoice,
        time_zone: Option<&str>,
        version: i64,
    ) -> Result<i64> {
        self.count();
        self.inner
            .choose_reminders(user, choice, time_zone, version)
            .await
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
        self.count();
        self.inner
            .ask_email(user, address, nonce, token_hash, expires, job)
            .await
    }
    async fn confirm_email(&self, token_hash: &[u8], now: Timestamp) -> Result<UserId> {
        self.count();
        self.inner.confirm_email(token_hash, now).await
    }
    async fn email_off(&self, user: UserId) -> Result<bool> {
        self.count();
        self.inner.email_off(user).await
    }
    async fn remove_email(&self, user: UserId) -> Result<()> {
        self.count();
        self.inner.remove_email(user).await
    }
    async fn set_calendar(&self, user: UserId, feed: Option<(Vec<u8>, Vec<u8>)>) -> Result<()> {
        self.count();
        self.inner.set_calendar(user, feed).await
    }
    async fn calendar_owner(&self, hash: &[u8]) -> Result<Option<(UserId, bool)>> {
        self.count();
        self.inner.calendar_owner(hash).await
    }
    async fn sweep_reminders(&self, now: Timestamp) -> Result<u64> {
        self.count();
        self.inner.sweep_reminders(now).await
    }
    async fn reminded(&self) -> Result<Vec<kintsugi_store::Reminded>> {
        self.count();
        self.inner.reminded().await
    }
}

#[async_trait]
impl<S: Store> kintsugi_store::Jobs for CountingStore<S> {
    async fn plan_jobs(&self, jobs: &[kintsugi_store::NewJob]) -> Result<u64> {
        self.count();
        self.inner.plan_jobs(jobs).await
    }
    async fn claim_job(&self, now: Timestamp, hold: i64) -> Result<Option<kintsugi_store::Job>> {
        self.count();
        self.inner.claim_job(now, hold).await
    }
    async fn finish_job(
        &self,
        job: &kintsugi_store::Job,
        outcome: kintsugi_store::Outcome,
        now: Timestamp,
    ) -> Result<bool> {
        self.count();
        self.inner.finish_job(job, outcome, now).await
    }
    async fn put_back_job(
        &self,
        job: &kintsugi_store::Job,
        later: kintsugi_store::Later,
    ) -> Result<bool> {
        self.count();
        self.inner.put_back_job(job, later).await
    }
    async fn latest_job(
        &self,
        user: UserId,
        prefix: &str,
    ) -> Result<Option<kintsugi_store::JobState>> {
        self.count();
        self.inner.latest_job(user, prefix).await
    }
    async fn jobs_like(&self, prefix: &str) -> Result<Vec<kintsugi_store::JobState>> {
        self.count();
        self.inner.jobs_like(prefix).await
    }
}
