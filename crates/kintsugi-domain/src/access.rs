//! The one authorization rule. Every read of a person's writing goes through [`can_read`]:
//! the author always; a partner, or a former partner, for what the author shared in a couple
//! the reader is or was in, and once the author withdrew it only what is left of it for the
//! other (the facts both made: a time both agreed, terms both accepted; never the author's
//! words); nobody else. An answer revealed after both (a day's check-in, a prompt's answer)
//! is read by the partner only once they gave theirs ([`RecordMeta::revealed`]).
//!
//! A couple that ends becomes a read-only history both former partners can still read; each can
//! withdraw what they shared from it. Who is in which couple is read fresh from the store for
//! every read ([`Reader`]), never taken from what a client or a cache claims.

use crate::{CoupleId, UserId, Visibility};

/// Who is asking: the signed-in person and the couple they are in right now (if any). Writes
/// use the couple; reads are decided by a [`Reader`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    /// The person.
    pub user: UserId,
    /// Their active couple; `None` when solo or after leaving.
    pub couple: Option<CoupleId>,
}

/// A person as the rule sees them: every couple they are or were in, as the store knows now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// The person.
    pub user: UserId,
    /// Every couple they are in or were in, ended ones included.
    pub couples: Vec<CoupleId>,
}

/// What the rule needs to know about a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordMeta {
    /// Who wrote it.
    pub author: UserId,
    /// The couple the author was in when sharing it (None when solo).
    pub couple: Option<CoupleId>,
    /// Private or shared.
    pub visibility: Visibility,
    /// Whether the author withdrew it from the couple.
    pub withdrawn: bool,
    /// Whether, withdrawn, it keeps a form for the other person with the author's words taken
    /// out (withdrawals from before there was one took the whole record).
    pub facts_left: bool,
    /// Whether the reader may see it as far as its pair goes: true for a record that names no
    /// pair (most), and for an answer the reader gave theirs to (the store reads this fresh).
    pub revealed: bool,
}

/// The authorization rule.
pub fn can_read(reader: &Reader, record: &RecordMeta) -> bool {
    if reader.user == record.author {
        return true;
    }
    record.visibility == Visibility::Shared
        && record.revealed
        && (!record.withdrawn || record.facts_left)
        && record.couple.is_some_and(|c| reader.couples.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_partner_former_partner_withdrawn_stranger_and_new_partner() {
        let (a, b, c, d) = (UserId::new(), UserId::new(), UserId::new(), UserId::new());
        let (ours, later) = (CoupleId::new(), CoupleId::new());
        let private = RecordMeta {
            author: a,
            couple: Some(ours),
            visibility: Visibility::Private,
            withdrawn: false,
            facts_left: false,
            revealed: true,
        };
        let shared = RecordMeta {
            visibility: Visibility::Shared,
            ..private
        };
        let withdrawn = RecordMeta {
            withdrawn: true,
            ..shared
        };
        let reader = |user, couples: &[CoupleId]| Reader {
            user,
            couples: couples.to_vec(),
        };
        let author = reader(a, &[ours]);
        // B is A's partner, or former partner: the couple is in B's history either way.
        let partner = reader(b, &[ours]);
        let stranger = reader(c, &[]);
        // D paired with B later: D was never in the couple A shared in.
        let new_partner = reader(d, &[later]);
        assert!(can_read(&author, &private) && can_read(&author, &shared));
        assert!(
            can_read(&author, &withdrawn),
            "the author keeps what they withdrew"
        );
        assert!(!can_read(&partner, &private));
        assert!(can_read(&partner, &shared));
        assert!(
            !can_read(&partner, &withdrawn),
            "withdrawn whole, as before"
        );
        let words_out = RecordMeta {
            facts_left: true,
            ..withdrawn
        };
        assert!(can_read(&partner, &words_out), "what both made stays");
        assert!(!can_read(&stranger, &words_out) && !can_read(&new_partner, &words_out));
        for nobody in [&stranger, &new_partner] {
            assert!(!can_read(nobody, &private) && !can_read(nobody, &shared));
        }
        let solo_shared = RecordMeta {
            couple: None,
            ..shared
        };
        assert!(!can_read(&partner, &solo_shared));
        let unanswered = RecordMeta {
            revealed: false,
            ..shared
        };
        assert!(
            can_read(&author, &unanswered),
            "the author reads their own answer"
        );
        assert!(
            !can_read(&partner, &unanswered),
            "a partner reads an answer only once they gave theirs"
        );
    }
}
