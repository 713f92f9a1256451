//! What waits for a person and what falls due, kept beside the records they are about and
//! changed in the same transaction as the write that causes them.
//!
//! Both hold only what a job or a count needs without anyone's key: whose, what kind of thing,
//! which item, when. Never a person's words: the words are in the sealed records, opened by
//! the reader when the inbox is shown.

use kintsugi_domain::{CoupleId, RecordId, UserId};

use crate::Timestamp;

/// Something waiting for one person (an inbox entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxEntry {
    /// Whose inbox.
    pub user: UserId,
    /// What waits ("talk_to_answer"): a name a step declared.
    pub kind: String,
    /// The item it is about (a talk, an apology…).
    pub subject: RecordId,
    /// The record that caused it (a reply, an answer), when it isn't the item itself.
    pub about: Option<RecordId>,
    /// The couple it belongs to: it goes when that couple ends.
    pub couple: Option<CoupleId>,
    /// When it arrived; it shows from then on.
    pub at: Timestamp,
    /// When it stops waiting by itself, if it does.
    pub until: Option<Timestamp>,
}

/// Entries a write takes away: one person's (or everyone's) about one item (or, for one
/// person, about any item), of some kinds. One that names neither a person nor an item
/// clears nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clearing {
    /// Whose entries; `None` for everyone's.
    pub user: Option<UserId>,
    /// The item; `None` for any.
    pub subject: Option<RecordId>,
    /// Which kinds; empty for every kind.
    pub kinds: Vec<String>,
}

/// When something falls due for a person: an instant, or a whole day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueWhen {
    /// A moment (unix seconds), such as a talk's agreed time.
    At(Timestamp),
    /// A calendar day (`YYYY-MM-DD`), such as an agreement's review date.
    Day(String),
}

/// A moment something falls due: whose, what kind of thing, which item, when, and how it
/// repeats. Never words: a reminder or a calendar can be written from it without a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// For whom.
    pub user: UserId,
    /// What kind of thing ("talk", "promise", "agreement_review"): a name a step declared.
    pub kind: String,
    /// The item.
    pub subject: RecordId,
    /// When (the first time, for one that repeats).
    pub when: DueWhen,
    /// How it repeats: `daily`, or `weekly:1,3,5` (ISO weekdays); `None` for once.
    pub repeat: Option<String>,
}

/// What a write does besides its record, in the same transaction: entries it clears, entries
/// it posts (one per person, kind and item: a newer one replaces the older), and the moments
/// its item now falls due (replacing the earlier ones).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    /// Entries cleared first.
    pub clear: Vec<Clearing>,
    /// Entries posted.
    pub post: Vec<InboxEntry>,
    /// The item's due moments from now on, when they change.
    pub due: Option<(RecordId, Vec<Due>)>,
    /// The session making the write, if one is: the write applies only while it still exists,
    /// checked in the write's transaction (an administrator's reset ends every session in the
    /// transaction that discards the person's keys, so nothing sealed with an old key is ever
    /// acknowledged).
    pub session: Option<crate::SessionId>,
    /// Records written with it by the same author, in the same transaction (a private part of
    /// one write: how safe a person felt, beside the check-in their partner will read).
    pub with: Vec<crate::Record>,
    /// What the write does to a report for a therapist (conditional: a move that doesn't
    /// apply refuses the whole write).
    pub report: Option<crate::ReportMove>,
    /// The item the write answers, at the version its rules were checked against: the write
    /// applies only while the item is still at it, and moves it on, so two answers to one
    /// state (both partners replying to a talk at once) have one winner (`Stale`).
    pub after: Option<(crate::RecordId, i64)>,
}

impl Effects {
    /// Whether the write does nothing besides its record (and needs no transaction).
    pub fn is_empty(&self) -> bool {
        self.clear.is_empty()
            && self.post.is_empty()
            && self.due.is_none()
            && self.session.is_none()
            && self.with.is_empty()
            && self.report.is_none()
            && self.after.is_none()
    }
}
