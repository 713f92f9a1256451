//! Records as the store speaks of them: a piece of a person's writing with what the rule needs,
//! a change to one, a window of a list, a withdrawal.

use kintsugi_domain::{CoupleId, RecordId, RecordMeta, UserId, Visibility};

use crate::Timestamp;

/// One piece of a person's writing: sealed body plus what the authorization rule needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The id.
    pub id: RecordId,
    /// The kind ("reflection", "talk", …).
    pub kind: String,
    /// Who wrote it.
    pub author: UserId,
    /// The couple the author was in (None when solo).
    pub couple: Option<CoupleId>,
    /// Private or shared.
    pub visibility: Visibility,
    /// Sealed text (see `kintsugi_vault::seal`).
    pub body: Vec<u8>,
    /// The record this one answers (a reply, an answer), if any.
    pub parent: Option<RecordId>,
    /// When it was written.
    pub created_at: Timestamp,
    /// When it last changed (equal to `created_at` until then).
    pub updated_at: Timestamp,
    /// How many times it changed: a write names the version it read, so a stale write fails.
    pub version: i64,
    /// When its author withdrew it from the couple (then the other reads only what is left
    /// of it: `body` is then the form with the author's words taken out).
    pub withdrawn_at: Option<Timestamp>,
    /// The author's own copy of a withdrawn record, sealed with their data key (read by the
    /// author alone; never given to anyone else).
    pub own_body: Option<Vec<u8>>,
    /// The pair it belongs to, for an answer revealed after both ("checkin:2026-12-06"): a
    /// partner reads it only once they wrote one of the same pair in the same couple, and a
    /// person writes one answer per couple and pair. Never words.
    pub pair: Option<String>,
    /// As read: whether the reader wrote an answer of the same pair in its couple (ignored on
    /// writes; the rule looks at it only for someone else's record that names a pair).
    pub answered: bool,
}

impl Record {
    /// What the authorization rule looks at.
    pub fn meta(&self) -> RecordMeta {
        RecordMeta {
            author: self.author,
            couple: self.couple,
            visibility: self.visibility,
            withdrawn: self.withdrawn_at.is_some(),
            facts_left: self.own_body.is_some(),
            revealed: self.pair.is_none() || self.answered,
        }
    }
}

/// A change to one record.
#[derive(Debug, Clone)]
pub struct RecordChange {
    /// Which record.
    pub id: RecordId,
    /// New visibility.
    pub visibility: Visibility,
    /// The couple (set when shared).
    pub couple: Option<CoupleId>,
    /// New sealed body.
    pub body: Vec<u8>,
    /// When.
    pub updated_at: Timestamp,
    /// The version the writer read; the change applies only while the record is still at it.
    pub expected_version: i64,
}

/// Which part of a list to read, newest first: only what was written before `before` (the
/// last item of the previous page: its time and id), at or after `since`, and at most `limit`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    /// The last item already read: its creation time and id.
    pub before: Option<(Timestamp, RecordId)>,
    /// The earliest creation time wanted.
    pub since: Option<Timestamp>,
    /// How many at most.
    pub limit: Option<u32>,
}

impl Window {
    /// The whole list.
    pub const ALL: Window = Window {
        before: None,
        since: None,
        limit: None,
    };
}

/// One record's withdrawal: what the other keeps (the record with its author's words taken
/// out, sealed as before), the author's own copy (sealed with their data key), and the version
/// they were made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawal {
    /// Which record.
    pub id: RecordId,
    /// What the other keeps.
    pub body: Vec<u8>,
    /// The author's own copy.
    pub own_body: Vec<u8>,
    /// The version both were made from; the withdrawal applies only while it is still current.
    pub expected_version: i64,
}

/// A shared record as a count sees it: what kind, whose, when, and its pair; never its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The kind.
    pub kind: String,
    /// Who wrote it.
    pub author: UserId,
    /// When.
    pub created_at: Timestamp,
    /// Its pair, for an answer revealed after both.
    pub pair: Option<String>,
}
