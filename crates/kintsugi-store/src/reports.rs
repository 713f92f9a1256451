//! Reports for a therapist, as the store keeps them (and, at the end, deleting an account): where a request stands, its secret links
//! and when each was opened. Words never reach these tables: the request is a sealed record, a
//! link's report is sealed with a key only its token gives.

use async_trait::async_trait;
use kintsugi_domain::{CoupleId, RecordId, UserId, Viewer};
use uuid::Uuid;

use crate::{Result, Timestamp};

/// Where a request for a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Asked by one partner; the other hasn't answered.
    Asked,
    /// Both agreed: links can be made.
    Consented,
    /// The other said no.
    Declined,
    /// One of them withdrew consent (or the request): every link ended with it.
    Withdrawn,
}

impl Stage {
    /// Its stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Asked => "asked",
            Stage::Consented => "consented",
            Stage::Declined => "declined",
            Stage::Withdrawn => "withdrawn",
        }
    }

    /// The stage of a stored name.
    pub fn parse(s: &str) -> Option<Stage> {
        [
            Stage::Asked,
            Stage::Consented,
            Stage::Declined,
            Stage::Withdrawn,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }
}

/// What a write does to a report, in its own transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportMove {
    /// A new request: the record written is the report, asked by its author in `couple`.
    Ask {
        /// The request's record.
        report: RecordId,
        /// Its couple.
        couple: CoupleId,
        /// Who asks.
        asker: UserId,
    },
    /// Requires a report to be at one of `within`, by a member of its couple while the couple
    /// lasts (adding to it); otherwise the whole write is refused as `Stale`.
    Require {
        /// The report.
        report: RecordId,
        /// Who writes.
        by: UserId,
        /// The stages it may be at.
        within: &'static [Stage],
    },
    /// Moves a report from one of `from` to `to` (to the same stage: only requires it), by a
    /// member of its couple while the couple lasts, and not by the asker when `not_asker`;
    /// otherwise the whole write is refused as `Stale`. Moving to `Withdrawn` ends every link
    /// at `at` and wipes what they held.
    Move {
        /// The report.
        report: RecordId,
        /// Who moves it.
        by: UserId,
        /// The stages it may move from.
        from: &'static [Stage],
        /// The stage it moves to.
        to: Stage,
        /// Whether the asker is refused (only the other answers).
        not_asker: bool,
        /// When.
        at: Timestamp,
    },
}

/// A new secret link to a report.
#[derive(Debug, Clone)]
pub struct NewLink {
    /// Its id.
    pub id: Uuid,
    /// The report.
    pub report: RecordId,
    /// SHA-256 of its token.
    pub token_hash: Vec<u8>,
    /// The token sealed with the couple key.
    pub token_sealed: Vec<u8>,
    /// The report as it was, sealed with a key derived from the token.
    pub snapshot: Vec<u8>,
    /// Who made it.
    pub made_by: UserId,
    /// When.
    pub made_at: Timestamp,
    /// When it stops opening.
    pub expires_at: Timestamp,
}

/// One link as both partners see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Its id.
    pub id: Uuid,
    /// The token sealed with the couple key.
    pub token_sealed: Vec<u8>,
    /// Who made it.
    pub made_by: UserId,
    /// When.
    pub made_at: Timestamp,
    /// When it stops opening.
    pub expires_at: Timestamp,
    /// When it was ended (by a partner, or with consent).
    pub ended_at: Option<Timestamp>,
    /// When it was opened, oldest first.
    pub opens: Vec<Timestamp>,
}

/// Where a report stands, with its links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportState {
    /// The report.
    pub report: RecordId,
    /// Its couple.
    pub couple: CoupleId,
    /// Who asked.
    pub asker: UserId,
    /// Where it stands.
    pub stage: Stage,
    /// Its links, oldest first.
    pub links: Vec<Link>,
}

/// A link opened by its holder.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The link.
    pub link: Uuid,
    /// The report.
    pub report: RecordId,
    /// What it holds, sealed with the token's key.
    pub snapshot: Vec<u8>,
}

/// The store's part of reports; every [`crate::Store`] is one.
#[async_trait]
pub trait Reports: Send + Sync {
    /// Adds a link while its report is consented and its couple lasts, by a member of it;
    /// `Stale` otherwise (consent withdrawn in the meantime: one winner).
    async fn add_report_link(&self, link: NewLink) -> Result<()>;
    /// Ends one live link of a report of the user's current couple, wiping what it held;
    /// `NotFound` when there is none.
    async fn end_report_link(&self, user: UserId, link: Uuid, now: Timestamp) -> Result<()>;
    /// Where the reports among `ids` that the viewer may read stand (through the one rule).
    async fn report_states(&self, viewer: &Viewer, ids: &[RecordId]) -> Result<Vec<ReportState>>;
    /// Opens the live link of this token hash (not ended, not expired, its report consented,
    /// its couple lasting) and lists the open, in one transaction; `None` otherwise.
    async fn open_report_link(&self, token_hash: &[u8], now: Timestamp) -> Result<Option<Opened>>;
}

/// Deleting an account; every [`Store`] is one.
#[async_trait]
pub trait Erase: Send + Sync {
    /// Deletes a person and everything of theirs in one transaction: their records (and what
    /// waits, falls due or reports on them), sessions, keys, invites and notices; the couple
    /// they are in ends (the partner told, `PartnerDeleted`), and every couple they were in
    /// names a stand-in account that holds nothing, so the partner keeps their own records and
    /// history. Only while the password hash is still `expected_hash` (`Stale` otherwise: a
    /// password changed in the meantime); `NotFound` for no such person.
    async fn delete_user(&self, id: UserId, expected_hash: &str, now: Timestamp) -> Result<()>;
}
