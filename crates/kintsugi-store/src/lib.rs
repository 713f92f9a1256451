//! The storage contract every backend (SQLite, PostgreSQL) fulfils, and the models it speaks.
//!
//! Records come back only through [`authorize`], which applies the one authorization rule from
//! `kintsugi_domain::access`: a backend's query may narrow the candidates, but the rule decides.

mod inbox;
mod notices;
mod records;
mod reminders;
mod reports;
pub mod sql;

pub use inbox::{Clearing, Due, DueWhen, Effects, InboxEntry};
pub use notices::{Notice, NoticeKind};
pub use records::{Fact, Record, RecordChange, Window, Withdrawal};
pub use reminders::{
    Job, JobState, Jobs, KEEP_JOBS, Later, NewJob, Outcome, Reminded, ReminderChoice,
    ReminderSettings, Reminders,
};
pub use reports::{Erase, Link, NewLink, Opened, ReportMove, ReportState, Reports, Stage};

use async_trait::async_trait;
use kintsugi_domain::{CoupleId, Reader, RecordId, SessionId, UserId, Viewer};

/// Unix time in seconds.
pub type Timestamp = i64;

/// What can go wrong in storage; messages are safe to show and carry no private text.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness rule was broken (e.g. the username is taken).
    #[error("that {0} is already taken")]
    Conflict(&'static str),
    /// The thing asked for is not there (or not yours to see).
    #[error("not found")]
    NotFound,
    /// A state rule forbids it (e.g. already in a couple).
    #[error("{0}")]
    State(&'static str),
    /// The record changed since the caller read it (another tab, another request); nothing
    /// was written.
    #[error("this changed in the meantime")]
    Stale,
    /// The session making the write has ended (signed out, or the person's keys were reset):
    /// what it sealed might be sealed with a key that is no longer theirs, so nothing was
    /// written.
    #[error("this session has ended")]
    SessionEnded,
    /// The database failed.
    #[error("the database could not complete the request")]
    Database(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// A person's locker as read, and sealed afresh (see `User::locker`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockerSwap {
    /// The locker the caller read (none before the first).
    pub was: Option<Vec<u8>>,
    /// The locker to store.
    pub now: Vec<u8>,
}

/// A result from the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// A new account with its key material (the data key only ever wrapped).
#[derive(Debug, Clone)]
pub struct NewUser {
    /// The id.
    pub id: UserId,
    /// Normalized username.
    pub username: String,
    /// What the partner sees.
    pub display_name: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Salt of the password-derived key.
    pub kek_salt: Vec<u8>,
    /// Data key wrapped by the password-derived key.
    pub password_wrap: Vec<u8>,
    /// Data key wrapped by the recovery key.
    pub recovery_wrap: Vec<u8>,
    /// The account's time zone (an IANA name, checked by the caller).
    pub time_zone: String,
    /// When.
    pub created_at: Timestamp,
    /// The person's locker, sealed (see `User::locker`).
    pub locker: Vec<u8>,
}

/// What a person chose for their own account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preferences {
    /// Whether quick exit also ends the session it was used in (on unless turned off).
    pub quick_exit_ends_session: bool,
    /// Their time zone (an IANA name such as `Europe/Paris`); times are entered and shown in it.
    pub time_zone: String,
}

/// An account as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The id.
    pub id: UserId,
    /// Normalized username.
    pub username: String,
    /// What the partner sees.
    pub display_name: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Salt of the password-derived key.
    pub kek_salt: Vec<u8>,
    /// Data key wrapped by the password-derived key.
    pub password_wrap: Vec<u8>,
    /// Data key wrapped by the recovery key (absent after an administrator's reset).
    pub recovery_wrap: Option<Vec<u8>>,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
    /// What they chose for their account.
    pub preferences: Preferences,
    /// When.
    pub created_at: Timestamp,
    /// A sealed blob of fixed size that every person has, sealed afresh at each touch of
    /// their session: where what must leave no trace of its own is kept (a safety check).
    pub locker: Option<Vec<u8>>,
}

/// New key material after a password change or reset.
#[derive(Debug, Clone)]
pub struct Rekey {
    /// argon2id PHC string.
    pub password_hash: String,
    /// Salt of the password-derived key.
    pub kek_salt: Vec<u8>,
    /// Data key wrapped by the new password-derived key.
    pub password_wrap: Vec<u8>,
    /// New recovery wrap, or `None` to keep the current one.
    pub recovery_wrap: Option<Option<Vec<u8>>>,
    /// Which of the person's sessions end with it.
    pub sessions: Ending,
    /// A notice for the person themselves (that their account was recovered, say), with when.
    pub notice: Option<(NoticeKind, Timestamp)>,
    /// The password hash the change was decided against: it applies only while that is still
    /// the stored one (two changes at once have one winner; the other is `Stale`). `None`
    /// applies it whatever the stored one is (an administrator's reset).
    pub expected_hash: Option<String>,
}

/// Which of a person's sessions end with a change of their keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// None.
    None,
    /// Every one.
    All,
    /// Every one but this (the session making the change).
    AllBut(SessionId),
}

/// A signed-in session (browser cookie or API token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The id (shown to the person to end it).
    pub id: SessionId,
    /// Whose.
    pub user_id: UserId,
    /// SHA-256 of the token.
    pub token_hash: Vec<u8>,
    /// Data key wrapped by the token's secret.
    pub key_wrap: Vec<u8>,
    /// "browser" or "api".
    pub client: String,
    /// What the person would call the device ("Firefox on Linux"); empty when unknown.
    pub device: String,
    /// When it was last used (updated at most every ten minutes).
    pub last_used_at: Timestamp,
    /// When it began.
    pub created_at: Timestamp,
    /// When it stops working.
    pub expires_at: Timestamp,
}

/// A signed-in person as one query finds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authenticated {
    /// The session.
    pub session: Session,
    /// Its account.
    pub user: User,
    /// The account's active couple.
    pub couple: Option<Couple>,
}

/// The couple a person is in right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Couple {
    /// The id.
    pub id: CoupleId,
    /// The other person.
    pub partner: UserId,
    /// The other person's display name.
    pub partner_display_name: String,
    /// The other person's time zone (never shown; a moment meant for both, such as a review
    /// date, starts on each one's own clock).
    pub partner_time_zone: String,
    /// When they paired.
    pub since: Timestamp,
    /// This person's wrap of the couple key.
    pub key_wrap: Vec<u8>,
}

/// Someone using an invite: the code's keyed hash, who joins, the couple key wrapped for them,
/// and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joining<'a> {
    /// Keyed hash of the code they typed.
    pub code_hash: &'a [u8],
    /// Who joins.
    pub joiner: UserId,
    /// The couple key, wrapped with the joiner's data key.
    pub joiner_wrap: Vec<u8>,
    /// When.
    pub now: Timestamp,
}

/// An invite waiting for the partner. The row is deleted, with its wrap of the couple key,
/// when the invite is used or expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    /// Keyed hash (HMAC with the server's secret) of the code: what it is looked up by.
    pub code_hash: Vec<u8>,
    /// Who invited.
    pub inviter: UserId,
    /// The couple it will create.
    pub couple_id: CoupleId,
    /// The couple key wrapped by the inviter's data key.
    pub inviter_wrap: Vec<u8>,
    /// The couple key wrapped by a key derived from the code.
    pub code_wrap: Vec<u8>,
    /// Salt of the code-derived key.
    pub code_salt: Vec<u8>,
    /// The code itself, sealed with the inviter's data key (so only they can show it again).
    pub code_sealed: Option<Vec<u8>>,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it stops working.
    pub expires_at: Timestamp,
}

/// A couple a person is or was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoupleRecord {
    /// The id.
    pub id: CoupleId,
    /// The other person.
    pub partner: UserId,
    /// The other person's display name.
    pub partner_display_name: String,
    /// When they paired.
    pub since: Timestamp,
    /// When it ended, if it did.
    pub ended_at: Option<Timestamp>,
}

/// Applies the one authorization rule to candidate records. Every backend returns records
/// only through this function, with a [`Reader`] whose couples it read fresh. The author's own
/// copy of a withdrawn record leaves only for its author.
pub fn authorize(reader: &Reader, candidates: Vec<Record>) -> Vec<Record> {
    candidates
        .into_iter()
        .filter(|r| kintsugi_domain::can_read(reader, &r.meta()))
        .map(|mut r| {
            if r.author != reader.user {
                r.own_body = None;
            }
            r
        })
        .collect()
}

/// The storage contract.
#[async_trait]
pub trait Store: Reports + Erase + Reminders + Jobs + Send + Sync + 'static {
    /// Whether the database answers and takes writes (a write transaction that is rolled back).
    async fn ping(&self) -> Result<()>;
    /// Deletes expired invites (with their key wraps) and expired sessions; returns how many.
    async fn sweep(&self, now: Timestamp) -> Result<u64>;

    /// Creates an account; `Conflict("username")` when taken.
    async fn create_user(&self, user: NewUser) -> Result<()>;
    /// Finds an account by normalized username.
    async fn user_by_username(&self, username: &str) -> Result<Option<User>>;
    /// Finds an account by id.
    async fn user(&self, id: UserId) -> Result<Option<User>>;
    /// Replaces password hash and key wraps (password change, recovery, reset).
    /// Replaces the person's key material in one transaction, with the sessions `rekey` ends
    /// and the notice it leaves them; `Stale` (and nothing changed) when the stored password
    /// hash is no longer the one `rekey` expected.
    async fn rekey_user(&self, id: UserId, rekey: Rekey) -> Result<()>;
    /// Replaces (or removes) the recovery copy of the data key.
    async fn set_recovery_wrap(&self, id: UserId, wrap: Option<Vec<u8>>) -> Result<()>;
    /// Disables or re-enables an account; disabling ends its sessions.
    async fn set_disabled(&self, id: UserId, disabled: bool) -> Result<()>;
    /// Saves what the person chose for their account.
    async fn set_preferences(&self, id: UserId, p: &Preferences) -> Result<()>;
    /// An administrator's reset, in one transaction: new key material, no recovery wrap, no
    /// sessions, no couple-key wraps (they were sealed for the old key), the active couple
    /// ended, and a notice for the partner.
    async fn reset_user(&self, id: UserId, rekey: Rekey, now: Timestamp) -> Result<()>;
    /// The person's notices, oldest first.
    async fn notices(&self, user: UserId) -> Result<Vec<Notice>>;
    /// Removes one of the person's notices; false when it was not theirs or already gone.
    async fn dismiss_notice(&self, user: UserId, id: uuid::Uuid) -> Result<bool>;
    /// What waits for the person at `now` (entries shown from their time, until they lapse),
    /// newest first.
    async fn inbox(&self, user: UserId, now: Timestamp) -> Result<Vec<InboxEntry>>;
    /// How many things wait for the person at `now`: their entries and their notices, in one
    /// query.
    async fn waiting_count(&self, user: UserId, now: Timestamp) -> Result<u64>;
    /// Takes entries away (the person opened what they were about, or they no longer apply).
    /// Reads first and writes only when something matches, so opening a page is a write only
    /// when it clears something.
    async fn clear_inbox(&self, clearings: &[Clearing]) -> Result<()>;
    /// The moments that fall due for the person, by item.
    async fn due_of(&self, user: UserId) -> Result<Vec<Due>>;

    /// Stores a new session.
    async fn create_session(&self, session: Session) -> Result<()>;
    /// Who is asking: the live session whose token hashes to `token`, its account and the account's
    /// active couple, in one query. `None` when the session is unknown or expired, or the
    /// account is disabled.
    async fn authenticate(&self, token: &[u8], now: Timestamp) -> Result<Option<Authenticated>>;
    /// Notes that a session was used at `now`, if it wasn't in the ten minutes before; with a
    /// `locker`, also stores its person's locker sealed afresh, in the same transaction, and
    /// notes the use whatever the time: only while the locker is still the one the caller read
    /// (`Stale` otherwise, and nothing is written), so a reseal never undoes a change.
    async fn touch_session(
        &self,
        id: SessionId,
        now: Timestamp,
        locker: Option<LockerSwap>,
    ) -> Result<()>;
    /// A person's live sessions, newest first.
    async fn sessions_of(&self, user: UserId, now: Timestamp) -> Result<Vec<Session>>;
    /// Ends one of a person's sessions; false when it was not theirs or already gone.
    async fn delete_session(&self, user: UserId, id: SessionId) -> Result<bool>;
    /// Ends all of a person's sessions except `keep`; returns how many ended.
    async fn delete_sessions_of(&self, user: UserId, keep: Option<SessionId>) -> Result<u64>;

    /// The couple a person is in now.
    async fn active_couple(&self, user: UserId) -> Result<Option<Couple>>;
    /// Stores an invite (an inviter already in a couple gets `State`).
    async fn create_invite(&self, invite: Invite) -> Result<()>;
    /// The inviter's invites still usable at `now` (unused, unexpired), newest first.
    async fn pending_invites(&self, inviter: UserId, now: Timestamp) -> Result<Vec<Invite>>;
    /// Stops the inviter's unused invites; how many.
    async fn revoke_invites(&self, inviter: UserId) -> Result<u64>;
    /// A usable invite: unused and unexpired at `now`.
    async fn invite_by_code(&self, code_hash: &[u8], now: Timestamp) -> Result<Option<Invite>>;
    /// Uses an invite: pairs inviter and joiner in one transaction and deletes every invite of
    /// both (with the wraps of the couple key). `NotFound` when the invite is used, expired or
    /// gone; `State` when either person is already in a couple or the joiner is the inviter.
    async fn accept_invite(&self, joining: Joining<'_>) -> Result<CoupleId>;
    /// Ends the person's active couple for both partners, in one transaction: the partner gets
    /// a notice, and the `withdrawals` (of what the person shared in it) apply. Returns the
    /// couple; `NotFound` when not in one; `Stale` when a withdrawal's record changed since.
    async fn leave_couple(
        &self,
        user: UserId,
        now: Timestamp,
        withdrawals: &[Withdrawal],
    ) -> Result<CoupleId>;
    /// Every couple the person is or was in, newest first.
    async fn couples_of(&self, user: UserId) -> Result<Vec<CoupleRecord>>;
    /// What `who` shared in `couple` and hasn't withdrawn (the records a withdrawal is made
    /// from), oldest first.
    async fn shared_by(&self, who: UserId, couple: CoupleId) -> Result<Vec<Record>>;
    /// Applies `who`'s withdrawals from `couple` (a couple they are or were in), in one
    /// transaction, and clears what waited for the other about them; returns how many.
    /// `NotFound` when they were never in it; `Stale` when a record changed since (then nothing
    /// is withdrawn).
    async fn withdraw(
        &self,
        who: UserId,
        couple: CoupleId,
        withdrawals: &[Withdrawal],
        now: Timestamp,
    ) -> Result<u64>;

    /// Stores a record, with what the write does to inboxes and due moments, in one
    /// transaction.
    async fn put_record(&self, record: Record, effects: Effects) -> Result<()>;
    /// Replaces a record's visibility, couple and sealed body, with the write's effects, in one
    /// transaction; only its author can, and only while it is at `expected_version`. `NotFound`
    /// when it is not the author's; `Stale` when it changed since it was read (then nothing,
    /// effects included, is written).
    async fn update_record(
        &self,
        author: UserId,
        change: RecordChange,
        effects: Effects,
    ) -> Result<()>;
    /// Deletes one of the author's records; `NotFound` when it is not theirs.
    async fn delete_record(&self, author: UserId, id: RecordId) -> Result<()>;
    /// Records that answer any of `parents`, in the order they were written, that the viewer
    /// may read: one query for a whole list page's threads.
    ///
    /// Every read here decides by the one rule: the author; a partner or former partner for
    /// what was shared in a couple they are or were in (once withdrawn, only what is left of
    /// it for them); nobody else.
    ///
    /// With `since`, only those written at or after it (a long-running thread's recent part).
    async fn children_of(
        &self,
        viewer: &Viewer,
        parents: &[RecordId],
        since: Option<Timestamp>,
    ) -> Result<Vec<Record>>;
    /// The person's wrap of a couple's key, also after the couple ended (the author keeps
    /// reading what they shared).
    async fn couple_key_wrap(&self, user: UserId, couple: CoupleId) -> Result<Option<Vec<u8>>>;
    /// Records of a kind the viewer may read, newest first, within `window` (a page of a long
    /// list: at most so many, before a cursor, since a moment).
    async fn records(&self, viewer: &Viewer, kind: &str, window: Window) -> Result<Vec<Record>>;
    /// One record, if the viewer may read it (otherwise `None`, never a hint that it exists).
    async fn record(&self, viewer: &Viewer, id: RecordId) -> Result<Option<Record>>;
    /// The records among `ids` the viewer may read (any kind, in no particular order): one
    /// query for the items an inbox is about.
    async fn records_in(&self, viewer: &Viewer, ids: &[RecordId]) -> Result<Vec<Record>>;
    /// How many records of a kind the person wrote, whatever became of them, and when the
    /// newest was written (no body is read: a cheap sign that a log of theirs changed).
    async fn own_tally(&self, author: UserId, kind: &str) -> Result<(u64, Option<Timestamp>)>;
    /// Which of `pairs` the other person of the viewer's couple has answered (that they did,
    /// never what: no body is read), for "Sam has checked in; yours first".
    async fn answered_pairs(&self, viewer: &Viewer, pairs: &[String]) -> Result<Vec<String>>;
    /// The records of `kinds` shared in the viewer's couple now (checked fresh) since `since`, not
    /// withdrawn, by either partner, as facts (kind, author, time, pair; no body): what a
    /// count of mutual effort needs.
    async fn shared_facts(
        &self,
        viewer: &Viewer,
        kinds: &[String],
        since: Timestamp,
    ) -> Result<Vec<Fact>>;
    /// Which of `kinds` the person has written at least one record of (one index probe a
    /// kind, however long their history).
    async fn kinds_written(&self, author: UserId, kinds: &[String]) -> Result<Vec<String>>;
}
