//! Reminders as the store keeps them: what each person chose, the e-mail address they
//! confirmed, their calendar feed's lookup, and the jobs a background worker runs once.
//! Never words: a job names a kind of thing, a person and a time.

use async_trait::async_trait;
use kintsugi_domain::UserId;
use uuid::Uuid;

use crate::{Result, Timestamp};

/// How long a job that ended is kept (its key stops the same reminder being planned again;
/// planning only looks a day back).
pub const KEEP_JOBS: Timestamp = 90 * 86_400;

/// What a person chose for their reminders (the defaults until they choose).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderChoice {
    /// The kinds of reminder that are on (names the app gives them).
    pub kinds: Vec<String>,
    /// When the day's reminders come, in minutes after midnight on their clock.
    pub daily_at: i64,
    /// Quiet hours, from and to, in minutes after midnight on their clock (they may cross
    /// midnight).
    pub quiet: Option<(i64, i64)>,
    /// Whether reminders go by e-mail (only to a confirmed address).
    pub email_on: bool,
    /// Whether the calendar names things plainly ("Talk with Sam") rather than "Appointment".
    pub calendar_plain: bool,
}

/// A person's reminders as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderSettings {
    /// What they chose.
    pub choice: ReminderChoice,
    /// The address they confirmed.
    pub email: Option<String>,
    /// An address waiting for its confirmation, and until when the link works.
    pub email_pending: Option<(String, Timestamp)>,
    /// The input the confirmation link is derived from (with the server's secret).
    pub email_nonce: Option<Vec<u8>>,
    /// Their calendar feed's address, sealed for them alone (none: no feed).
    pub calendar_sealed: Option<(Vec<u8>, Vec<u8>)>,
    /// Their time zone.
    pub time_zone: String,
    /// Bumped by every change: a change names the version it read.
    pub version: i64,
    /// Whether anything was ever stored (false: the defaults).
    pub stored: bool,
}

/// A job to plan: an e-mail for a person, once for its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    /// What it is for, unique (`remind:day:<person>:<day>`): planned again, it is planned once.
    pub key: String,
    /// `remind` or `confirm`.
    pub kind: String,
    /// Whose.
    pub user: UserId,
    /// Not before.
    pub run_at: Timestamp,
    /// Not after: a reminder that comes too late is worse than none.
    pub give_up_at: Timestamp,
}

/// A job claimed by a worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Its id.
    pub id: Uuid,
    /// What it is for.
    pub key: String,
    /// `remind` or `confirm`.
    pub kind: String,
    /// Whose.
    pub user: UserId,
    /// When it was to run.
    pub run_at: Timestamp,
    /// When it is given up.
    pub give_up_at: Timestamp,
    /// Tries so far, this one included.
    pub attempts: i64,
    /// The claim this worker holds (finishing needs it).
    pub claim: Uuid,
}

/// How a job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Sent.
    Sent,
    /// Nothing to send any more (turned off, nothing waiting, address removed).
    Skipped,
    /// Past the time it was worth sending.
    GaveUp,
}

impl Outcome {
    /// Its stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Sent => "sent",
            Outcome::Skipped => "skipped",
            Outcome::GaveUp => "gave_up",
        }
    }
}

/// What happens to a claimed job that didn't end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Later {
    /// It failed (the mail server refused or was down): tried again at this time, the reason
    /// kept.
    Retry(Timestamp, String),
    /// Not now (quiet hours): at this time, without counting a try.
    Postpone(Timestamp),
}

/// A person with e-mail reminders on and a confirmed address, as the planner reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminded {
    /// Who.
    pub user: UserId,
    /// Their time zone.
    pub time_zone: String,
    /// What they chose.
    pub choice: ReminderChoice,
}

/// The store's part of reminders; every [`crate::Store`] is one.
#[async_trait]
pub trait Reminders: Send + Sync {
    /// The person's reminders (the defaults, `stored: false`, until they choose).
    async fn reminder_settings(&self, user: UserId) -> Result<ReminderSettings>;
    /// Stores what they chose (and, with `time_zone`, their zone), only over `version` (`Stale`
    /// otherwise); turning e-mail on needs a confirmed address (`State` otherwise). Their
    /// reminders planned and not yet running are taken back in the same transaction, so the
    /// planner plans them again by the new choice. Returns the new version.
    async fn choose_reminders(
        &self,
        user: UserId,
        choice: &ReminderChoice,
        time_zone: Option<&str>,
        version: i64,
    ) -> Result<i64>;
    /// Waits for `address` to be confirmed through the link derived from `nonce` (its SHA-256
    /// is `token_hash`) until `expires`, replacing any address waiting before; plans `job`
    /// (the confirmation e-mail) in the same transaction.
    async fn ask_email(
        &self,
        user: UserId,
        address: &str,
        nonce: &[u8],
        token_hash: &[u8],
        expires: Timestamp,
        job: NewJob,
    ) -> Result<()>;
    /// Confirms the address whose link hashes to `token_hash`, once, before it expires: it
    /// becomes the person's address. `NotFound` for an unknown, used or expired link.
    async fn confirm_email(&self, token_hash: &[u8], now: Timestamp) -> Result<UserId>;
    /// Turns e-mail off (the link in every e-mail; a safety check that suggests danger);
    /// false when it was already off.
    async fn email_off(&self, user: UserId) -> Result<bool>;
    /// Forgets the person's address (and one waiting), turning e-mail off; their e-mails not
    /// yet sent are taken back.
    async fn remove_email(&self, user: UserId) -> Result<()>;
    /// Replaces the person's calendar feed (`None`: no feed): the old address stops at once.
    async fn set_calendar(&self, user: UserId, feed: Option<(Vec<u8>, Vec<u8>)>) -> Result<()>;
    /// Whose feed has this address hash, with how they want it titled.
    async fn calendar_owner(&self, hash: &[u8]) -> Result<Option<(UserId, bool)>>;
    /// Everyone with e-mail reminders on and a confirmed address.
    async fn reminded(&self) -> Result<Vec<Reminded>>;
    /// Forgets addresses whose confirmation link expired unopened, and jobs that ended more
    /// than [`KEEP_JOBS`] seconds before `now`; how many.
    async fn sweep_reminders(&self, now: Timestamp) -> Result<u64>;
}

/// The store's queue of jobs; every [`crate::Store`] is one.
#[async_trait]
pub trait Jobs: Send + Sync {
    /// Plans jobs; a job whose key was planned before (done or not) is left as it is.
    /// Returns how many were new.
    async fn plan_jobs(&self, jobs: &[NewJob]) -> Result<u64>;
    /// Claims one job due at `now` (not done, not held by a live claim) until `now + hold`,
    /// counting a try; on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so nodes don't wait on
    /// each other, on SQLite inside `BEGIN IMMEDIATE`.
    async fn claim_job(&self, now: Timestamp, hold: i64) -> Result<Option<Job>>;
    /// Ends a job under its claim; false when the claim was lost (it lapsed and another
    /// worker took the job).
    async fn finish_job(&self, job: &Job, outcome: Outcome, now: Timestamp) -> Result<bool>;
    /// Puts a claimed job back for later; false when the claim was lost.
    async fn put_back_job(&self, job: &Job, later: Later) -> Result<bool>;
    /// The person's latest job (by when it was to run) whose key starts with `prefix`.
    async fn latest_job(&self, user: UserId, prefix: &str) -> Result<Option<JobState>>;
    /// The jobs whose key starts with `prefix`: key, outcome, tries, last error (for tests
    /// and whoever runs the server).
    async fn jobs_like(&self, prefix: &str) -> Result<Vec<JobState>>;
}

/// A job as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobState {
    /// What it is for.
    pub key: String,
    /// How it ended, if it did.
    pub outcome: Option<String>,
    /// Tries so far.
    pub attempts: i64,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// When it is to run.
    pub run_at: Timestamp,
}
