//! Every person's locker: one sealed blob of fixed size in their account row, sealed with their
//! data key and sealed afresh whenever their session is touched. What must leave no kind, count
//! or time of its own in the database (a safety check the person chose to keep) lives here, so a
//! copy of the database shows only that a locker changed, as every locker does with use.

use kintsugi_domain::UserId;
use kintsugi_vault::{Binding, Key};
use serde::{Deserialize, Serialize};

/// How many bytes a locker holds before sealing: every locker is this size, whatever it holds.
pub const SIZE: usize = 4096;

/// What a locker holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Locker {
    /// A safety check the person chose to keep, and when.
    #[serde(default)]
    pub safety: Option<(kintsugi_domain::safety::Check, i64)>,
}

fn binding(user: &UserId) -> Binding<'_> {
    Binding {
        record_id: user.0.as_bytes(),
        kind: "locker",
        owner: user.0.as_bytes(),
    }
}

/// Seals `locker` for `user`, padded to [`SIZE`] (`None` if it would not fit).
pub fn seal(key: &Key, user: UserId, locker: &Locker) -> Option<Vec<u8>> {
    let json = serde_json::to_string(locker).ok()?;
    if json.len() > SIZE {
        return None;
    }
    let padded = format!("{json}{}", " ".repeat(SIZE - json.len()));
    Some(kintsugi_vault::seal(key, &binding(&user), &padded))
}

/// Opens a sealed locker (an empty one when there is none yet, or it was sealed with a key that
/// is gone, as after a reset).
pub fn open(key: &Key, user: UserId, sealed: Option<&[u8]>) -> Locker {
    sealed
        .and_then(|s| kintsugi_vault::open(key, &binding(&user), s).ok())
        .and_then(|text| serde_json::from_str(text.trim_end()).ok())
        .unwrap_or_default()
}

/// The same locker sealed afresh (a new nonce, the same size): what a touch of a session
/// stores, whether or not anything in it changed.
pub fn reseal(key: &Key, user: UserId, sealed: Option<&[u8]>) -> Option<Vec<u8>> {
    seal(key, user, &open(key, user, sealed))
}

/// Whether a safety check the person kept suggests danger, from their locker as the request
/// read it (no store query): then Support recommends support of their own first, and Home
/// suggests only what one person does alone.
pub fn kept_danger(actor: &crate::Actor, sealed: Option<&[u8]>) -> bool {
    let l = open(actor.data_key(), actor.user, sealed);
    l.safety.is_some_and(|(c, _)| c.danger())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locker_is_the_same_size_and_opens_only_with_its_key() {
        let key = Key::generate();
        let user = UserId::new();
        let empty = seal(&key, user, &Locker::default()).expect("fits");
        let again = reseal(&key, user, Some(&empty)).expect("fits");
        assert_eq!(empty.len(), again.len());
        assert_ne!(empty, again, "sealed afresh");
        assert_eq!(open(&key, user, Some(&again)), Locker::default());
        let other = Key::generate();
        assert_eq!(open(&other, user, Some(&again)), Locker::default());
    }
}
