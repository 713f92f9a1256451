//! The one authorization rule. Every read of a person's writing goes through [`can_read`]:
//! the author always; the partner only if the record is shared and both are still in the couple
//! it was shared in; nobody else.

use crate::{CoupleId, UserId, Visibility};

/// Who is asking: the signed-in person and the couple they are in right now (if any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    /// The person.
    pub user: UserId,
    /// Their active couple; `None` when solo or after leaving.
    pub couple: Option<CoupleId>,
}

/// What the rule needs to know about a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordMeta {
    /// Who wrote it.
    pub author: UserId,
    /// The couple the author was in when writing (None when solo).
    pub couple: Option<CoupleId>,
    /// Private or shared.
    pub visibility: Visibility,
}

/// The authorization rule.
///
/// A couple ends for both partners when either leaves, so "the viewer's active couple is the
/// record's couple" means both are still together in it.
pub fn can_read(viewer: &Viewer, record: &RecordMeta) -> bool {
    if viewer.user == record.author {
        return true;
    }
    record.visibility == Visibility::Shared
        && record.couple.is_some()
        && record.couple == viewer.couple
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_partner_and_stranger() {
        let (a, b, c) = (UserId::new(), UserId::new(), UserId::new());
        let couple = CoupleId::new();
        let private = RecordMeta {
            author: a,
            couple: Some(couple),
            visibility: Visibility::Private,
        };
        let shared = RecordMeta {
            visibility: Visibility::Shared,
            ..private
        };
        let author = Viewer {
            user: a,
            couple: Some(couple),
        };
        let partner = Viewer {
            user: b,
            couple: Some(couple),
        };
        let stranger = Viewer {
            user: c,
            couple: Some(CoupleId::new()),
        };
        let former_partner = Viewer {
            user: b,
            couple: None,
        };
        assert!(can_read(&author, &private) && can_read(&author, &shared));
        assert!(!can_read(&partner, &private));
        assert!(can_read(&partner, &shared));
        assert!(!can_read(&stranger, &private) && !can_read(&stranger, &shared));
        assert!(!can_read(&former_partner, &shared));
        let solo_shared = RecordMeta {
            couple: None,
            ..shared
        };
        assert!(!can_read(
            &Viewer {
                user: b,
                couple: None
            },
            &solo_shared
        ));
    }
}
