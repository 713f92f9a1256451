//! Notices: what the app tells a person the next time they open it.

use crate::Timestamp;

/// Something the app tells a person the next time they open it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// An administrator reset the partner's password, which ended the couple.
    PartnerReset,
    /// The partner left the couple.
    PartnerLeft,
    /// The person's own account was recovered with its recovery key (by them, or by someone
    /// who had the key).
    Recovered,
    /// The partner deleted their account: what they wrote is gone, the couple ended.
    PartnerDeleted,
}

impl NoticeKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::PartnerReset => "partner_reset",
            NoticeKind::PartnerLeft => "partner_left",
            NoticeKind::Recovered => "recovered",
            NoticeKind::PartnerDeleted => "partner_deleted",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<NoticeKind> {
        match s {
            "partner_reset" => Some(NoticeKind::PartnerReset),
            "partner_left" => Some(NoticeKind::PartnerLeft),
            "recovered" => Some(NoticeKind::Recovered),
            "partner_deleted" => Some(NoticeKind::PartnerDeleted),
            _ => None,
        }
    }
}

/// A notice waiting for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The id (to dismiss it).
    pub id: uuid::Uuid,
    /// What happened.
    pub kind: NoticeKind,
    /// When.
    pub created_at: Timestamp,
}
