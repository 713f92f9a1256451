//! Rows as the database returns them, mapped through `FromRow` into the store's models.

use kintsugi_domain::{CoupleId, RecordId, SessionId, UserId, Visibility};
use uuid::Uuid;

use super::fast::Cells;
use crate::{
    Couple, CoupleRecord, Due, DueWhen, InboxEntry, Invite, Notice, NoticeKind, Record, Session,
    StoreError, User,
};

#[derive(sqlx::FromRow)]
pub struct UserRow {
    id: Uuid,
    username: String,
    display_name: String,
    password_hash: String,
    kek_salt: Vec<u8>,
    password_wrap: Vec<u8>,
    recovery_wrap: Option<Vec<u8>>,
    disabled: bool,
    quick_exit_ends_session: bool,
    time_zone: String,
    created_at: i64,
    #[sqlx(default)]
    locker: Option<Vec<u8>>,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> User {
        User {
            id: UserId(r.id),
            username: r.username,
            display_name: r.display_name,
            password_hash: r.password_hash,
            kek_salt: r.kek_salt,
            password_wrap: r.password_wrap,
            recovery_wrap: r.recovery_wrap,
            disabled: r.disabled,
            preferences: crate::Preferences {
                quick_exit_ends_session: r.quick_exit_ends_session,
                time_zone: r.time_zone,
            },
            created_at: r.created_at,
            locker: r.locker,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct SessionRow {
    id: Uuid,
    user_id: Uuid,
    token_hash: Vec<u8>,
    key_wrap: Vec<u8>,
    client: String,
    device: String,
    last_used_at: i64,
    created_at: i64,
    expires_at: i64,
}

impl From<SessionRow> for Session {
    fn from(r: SessionRow) -> Session {
        Session {
            id: SessionId(r.id),
            user_id: UserId(r.user_id),
            token_hash: r.token_hash,
            key_wrap: r.key_wrap,
            client: r.client,
            device: r.device,
            last_used_at: r.last_used_at,
            created_at: r.created_at,
            expires_at: r.expires_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct CoupleRow {
    id: Uuid,
    since: i64,
    partner: Uuid,
    partner_display_name: String,
    partner_time_zone: String,
    key_wrap: Vec<u8>,
}

impl From<CoupleRow> for Couple {
    fn from(r: CoupleRow) -> Couple {
        Couple {
            id: CoupleId(r.id),
            partner: UserId(r.partner),
            partner_display_name: r.partner_display_name,
            partner_time_zone: r.partner_time_zone,
            since: r.since,
            key_wrap: r.key_wrap,
        }
    }
}

/// A session, its account and the account's active couple, from one query.
#[derive(sqlx::FromRow)]
pub struct AuthRow {
    s_id: Uuid,
    s_user_id: Uuid,
    s_token_hash: Vec<u8>,
    s_key_wrap: Vec<u8>,
    s_client: String,
    s_device: String,
    s_last_used_at: i64,
    s_created_at: i64,
    s_expires_at: i64,
    #[sqlx(flatten)]
    user: UserRow,
    c_id: Option<Uuid>,
    c_since: Option<i64>,
    c_partner: Option<Uuid>,
    c_partner_name: Option<String>,
    c_partner_zone: Option<String>,
    c_key_wrap: Option<Vec<u8>>,
}

impl From<AuthRow> for crate::Authenticated {
    fn from(r: AuthRow) -> crate::Authenticated {
        let couple = match (
            r.c_id,
            r.c_since,
            r.c_partner,
            r.c_partner_name,
            r.c_key_wrap,
        ) {
            (Some(id), Some(since), Some(partner), Some(name), Some(key_wrap)) => Some(Couple {
                id: CoupleId(id),
                partner: UserId(partner),
                partner_display_name: name,
                partner_time_zone: r.c_partner_zone.unwrap_or_else(|| "UTC".to_string()),
                since,
                key_wrap,
            }),
            _ => None,
        };
        crate::Authenticated {
            session: Session {
                id: SessionId(r.s_id),
                user_id: UserId(r.s_user_id),
                token_hash: r.s_token_hash,
                key_wrap: r.s_key_wrap,
                client: r.s_client,
                device: r.s_device,
                last_used_at: r.s_last_used_at,
                created_at: r.s_created_at,
                expires_at: r.s_expires_at,
            },
            user: r.user.into(),
            couple,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct InviteRow {
    code_hash: Vec<u8>,
    inviter_id: Uuid,
    couple_id: Uuid,
    inviter_wrap: Vec<u8>,
    code_wrap: Vec<u8>,
    code_salt: Vec<u8>,
    code_sealed: Option<Vec<u8>>,
    created_at: i64,
    expires_at: i64,
}

impl From<InviteRow> for Invite {
    fn from(r: InviteRow) -> Invite {
        Invite {
            code_hash: r.code_hash,
            inviter: UserId(r.inviter_id),
            couple_id: CoupleId(r.couple_id),
            inviter_wrap: r.inviter_wrap,
            code_wrap: r.code_wrap,
            code_salt: r.code_salt,
            code_sealed: r.code_sealed,
            created_at: r.created_at,
            expires_at: r.expires_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct RecordRow {
    id: Uuid,
    kind: String,
    author_id: Uuid,
    couple_id: Option<Uuid>,
    visibility: String,
    body: Vec<u8>,
    parent_id: Option<Uuid>,
    created_at: i64,
    updated_at: i64,
    version: i64,
    withdrawn_at: Option<i64>,
    own_body: Option<Vec<u8>>,
    pair: Option<String>,
    /// Computed by the reads that apply the rule (`records_read`); absent elsewhere.
    #[sqlx(default)]
    answered: Option<i64>,
}

impl TryFrom<RecordRow> for Record {
    type Error = StoreError;

    fn try_from(r: RecordRow) -> Result<Record, StoreError> {
        // The schema's CHECK allows only these two; anything else is a corrupt row.
        let visibility =
            Visibility::parse(&r.visibility).ok_or(StoreError::State("a record is corrupt"))?;
        Ok(Record {
            id: RecordId(r.id),
            kind: r.kind,
            author: UserId(r.author_id),
            couple: r.couple_id.map(CoupleId),
            visibility,
            body: r.body,
            parent: r.parent_id.map(RecordId),
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
            withdrawn_at: r.withdrawn_at,
            own_body: r.own_body,
            pair: r.pair,
            answered: r.answered == Some(1),
        })
    }
}

/// A record row as a backend's own reader gives it (see `FastReads`): the columns of
/// `records`, ids as UUIDs.
#[derive(Debug, Clone)]
pub struct RawRecord {
    /// `id`.
    pub id: Uuid,
    /// `kind`.
    pub kind: String,
    /// `author_id`.
    pub author_id: Uuid,
    /// `couple_id`.
    pub couple_id: Option<Uuid>,
    /// `visibility`.
    pub visibility: String,
    /// `body`.
    pub body: Vec<u8>,
    /// `parent_id`.
    pub parent_id: Option<Uuid>,
    /// `created_at`.
    pub created_at: i64,
    /// `updated_at`.
    pub updated_at: i64,
    /// `version`.
    pub version: i64,
    /// `withdrawn_at`.
    pub withdrawn_at: Option<i64>,
    /// `own_body`.
    pub own_body: Option<Vec<u8>>,
    /// `pair`.
    pub pair: Option<String>,
    /// `answered` (computed).
    pub answered: i64,
}

impl TryFrom<RawRecord> for Record {
    type Error = StoreError;

    fn try_from(r: RawRecord) -> Result<Record, StoreError> {
        Record::try_from(RecordRow {
            id: r.id,
            kind: r.kind,
            author_id: r.author_id,
            couple_id: r.couple_id,
            visibility: r.visibility,
            body: r.body,
            parent_id: r.parent_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
            withdrawn_at: r.withdrawn_at,
            own_body: r.own_body,
            pair: r.pair,
            answered: Some(r.answered),
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct NoticeRow {
    id: Uuid,
    kind: String,
    created_at: i64,
}

impl NoticeRow {
    /// The columns a notice is read from, in this order.
    pub(crate) const COLUMNS: &str = "id, kind, created_at";

    /// A row the backend's own reader read.
    pub(crate) fn from_cells(mut c: Cells) -> crate::Result<NoticeRow> {
        Ok(NoticeRow {
            id: c.uuid()?,
            kind: c.text()?,
            created_at: c.int()?,
        })
    }

    /// The notice, or `None` for a kind this version doesn't know (skipped, not an error).
    pub(crate) fn into_notice(self) -> Option<Notice> {
        Some(Notice {
            id: self.id,
            kind: NoticeKind::parse(&self.kind)?,
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct CoupleHistoryRow {
    id: Uuid,
    since: i64,
    ended_at: Option<i64>,
    partner: Uuid,
    partner_display_name: String,
}

impl From<CoupleHistoryRow> for CoupleRecord {
    fn from(r: CoupleHistoryRow) -> CoupleRecord {
        CoupleRecord {
            id: CoupleId(r.id),
            partner: UserId(r.partner),
            partner_display_name: r.partner_display_name,
            since: r.since,
            ended_at: r.ended_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct InboxRow {
    user_id: Uuid,
    kind: String,
    subject_id: Uuid,
    about_id: Option<Uuid>,
    couple_id: Option<Uuid>,
    at: i64,
    until: Option<i64>,
}

impl InboxRow {
    /// The columns an entry is read from, in this order.
    pub(crate) const COLUMNS: &str = "user_id, kind, subject_id, about_id, couple_id, at, until";

    /// A row the backend's own reader read.
    pub(crate) fn from_cells(mut c: Cells) -> crate::Result<InboxRow> {
        Ok(InboxRow {
            user_id: c.uuid()?,
            kind: c.text()?,
            subject_id: c.uuid()?,
            about_id: c.uuid_or_null()?,
            couple_id: c.uuid_or_null()?,
            at: c.int()?,
            until: c.int_or_null()?,
        })
    }
}

impl From<InboxRow> for InboxEntry {
    fn from(r: InboxRow) -> InboxEntry {
        InboxEntry {
            user: UserId(r.user_id),
            kind: r.kind,
            subject: RecordId(r.subject_id),
            about: r.about_id.map(RecordId),
            couple: r.couple_id.map(CoupleId),
            at: r.at,
            until: r.until,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct DueRow {
    user_id: Uuid,
    kind: String,
    subject_id: Uuid,
    at: Option<i64>,
    day: Option<String>,
    repeat: Option<String>,
}

impl DueRow {
    /// The moment, or `None` for a row with neither a time nor a day (skipped).
    pub(crate) fn into_due(self) -> Option<Due> {
        let when = match (self.at, self.day) {
            (Some(at), _) => DueWhen::At(at),
            (None, Some(day)) => DueWhen::Day(day),
            (None, None) => return None,
        };
        Some(Due {
            user: UserId(self.user_id),
            kind: self.kind,
            subject: RecordId(self.subject_id),
            when,
            repeat: self.repeat,
        })
    }
}
