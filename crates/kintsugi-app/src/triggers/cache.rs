//! The patterns as last worked out for each person, so that opening the log does not open every
//! entry of twelve weeks each time: they depend only on the entries (which are never changed,
//! only added: how many there are and when the newest came name them all, also across a reset), the person's clock and their day. Only
//! numbers and the summary made of them are kept, in this process's memory; no words of any
//! entry. Bounded: past `MOST` people it starts over.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use kintsugi_domain::UserId;

use super::Patterns;

/// How many people's patterns are kept at once.
const MOST: usize = 10_000;

/// What the patterns were worked out from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    /// Whose.
    pub user: UserId,
    /// On which clock.
    pub zone: String,
    /// On which day of it (`YYYY-MM-DD`): the weeks shown end there.
    pub today: String,
    /// How many entries they had written, and when the newest came.
    pub entries: (u64, Option<i64>),
}

fn kept() -> &'static Mutex<HashMap<UserId, (Key, Patterns)>> {
    static KEPT: OnceLock<Mutex<HashMap<UserId, (Key, Patterns)>>> = OnceLock::new();
    KEPT.get_or_init(|| Mutex::new(HashMap::new()))
}

/// One person's turn to work their patterns out: many views at once (a burst of requests, a
/// page and its live updates) work them out once and the others wait for it, not each on its
/// own. People share a few turns; waiting on another's is brief.
pub async fn turn(user: UserId) -> tokio::sync::MutexGuard<'static, ()> {
    static TURNS: OnceLock<Vec<tokio::sync::Mutex<()>>> = OnceLock::new();
    let turns = TURNS.get_or_init(|| (0..64).map(|_| tokio::sync::Mutex::new(())).collect());
    let at = user.0.as_u128() % turns.len() as u128;
    turns[at as usize].lock().await
}

/// The patterns worked out from exactly `key`, if they are kept.
pub fn get(key: &Key) -> Option<Patterns> {
    let kept = kept().lock().ok()?;
    kept.get(&key.user)
        .filter(|(k, _)| k == key)
        .map(|(_, p)| p.clone())
}

/// Keeps the patterns worked out from `key` (in place of that person's earlier ones).
pub fn put(key: Key, patterns: &Patterns) {
    if let Ok(mut kept) = kept().lock() {
        if kept.len() >= MOST && !kept.contains_key(&key.user) {
            kept.clear();
        }
        kept.insert(key.user, (key, patterns.clone()));
    }
}
