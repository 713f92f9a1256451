//! Sealed records: the one way a step stores and reads a person's writing.
//!
//! A step's item type implements [`Record`], which names its [`RecordKind`]; the kind is never
//! a loose string at a call site. Bodies are sealed as `{"v": version, "body": …}` (private: the
//! author's data key; shared: the couple key), bound to their record (id, kind, owner), and read
//! back only through the store's authorization rule. Bodies sealed before versions existed are
//! read as version 0. A record that can't be opened (its key is gone) is skipped and counted on
//! the actor, never an error for the whole list.

use kintsugi_domain::{CoupleId, RecordId, UserId, Visibility};
use kintsugi_store::RecordChange;
use kintsugi_vault::{Binding, Key, purpose};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{NO_PARTNER, NOT_FOUND, NOT_YOURS, Result};
use crate::{Actor, Error, now};

pub use crate::kinds::RecordKind;

/// A type stored as a sealed record of one kind.
pub trait Record: Serialize + DeserializeOwned {
    /// Its kind.
    const KIND: RecordKind;
    /// The version of its sealed format that this code writes (and the newest it reads).
    const VERSION: u32 = 1;
}

/// Declares the kind each body type is stored as: `record_kinds!(Apology => Apology, …)`.
#[macro_export]
macro_rules! record_kinds {
    ($($body:ty => $kind:ident),+ $(,)?) => {
        $(impl $crate::records::Record for $body {
            const KIND: $crate::records::RecordKind = $crate::records::RecordKind::$kind;
        })+
    };
}

#[derive(Serialize)]
struct SealedOut<'a, T> {
    v: u32,
    body: &'a T,
}

#[derive(Deserialize)]
struct SealedIn<T> {
    v: u32,
    body: T,
}

fn encode<T: Record>(body: &T) -> Result<String> {
    serde_json::to_string(&SealedOut {
        v: T::VERSION,
        body,
    })
    .map_err(|e| {
        tracing::error!(error = %e, kind = T::KIND.as_str(), "a record body could not be encoded");
        Error::Internal
    })
}

fn decode<T: Record>(json: &str) -> Option<T> {
    match serde_json::from_str::<SealedIn<T>>(json) {
        Ok(sealed) if sealed.v <= T::VERSION => Some(sealed.body),
        // Written by a newer version of Kintsugi: don't guess.
        Ok(_) => None,
        // Sealed before bodies carried a version.
        Err(_) => serde_json::from_str::<T>(json).ok(),
    }
}

/// One readable item.
#[derive(Debug, Clone)]
pub struct Item<T> {
    /// Its id.
    pub id: RecordId,
    /// Whether the actor wrote it.
    pub mine: bool,
    /// Who wrote it.
    pub author: UserId,
    /// Private or shared.
    pub visibility: Visibility,
    /// What it answers, if anything.
    pub parent: Option<RecordId>,
    /// When it was written.
    pub created_at: i64,
    /// When it last changed.
    pub updated_at: i64,
    /// Its version: a change names it, so a stale change is refused.
    pub version: i64,
    /// The couple it was shared in (or the author was in), if any.
    pub couple: Option<CoupleId>,
    /// Whether its author withdrew it from that couple.
    pub withdrawn: bool,
    /// The opened content.
    pub body: T,
}

impl<T> Item<T> {
    /// An item as if just read, written by `author` (for benchmarks and tests that assemble
    /// views without a store).
    #[doc(hidden)]
    pub fn sample(author: UserId, body: T) -> Item<T> {
        Item {
            id: RecordId::new(),
            mine: true,
            author,
            visibility: Visibility::Shared,
            parent: None,
            created_at: 0,
            updated_at: 0,
            version: 0,
            couple: None,
            withdrawn: false,
            body,
        }
    }

    /// Whether a shared item belongs to a couple the actor is no longer in with its partner:
    /// a read-only history, shown as it was, never answered or changed.
    pub fn closed(&self, actor: &Actor) -> bool {
        self.visibility == Visibility::Shared && self.couple != actor.couple.as_ref().map(|c| c.id)
    }
}

/// The refusal for a write into a couple that has ended.
pub const CLOSED: &str = "This belongs to a couple that has ended. It stays here as it was, for both of you to read, and can't be answered or changed any more.";

fn binding<'a>(id: &'a RecordId, kind: &'a str, author: &'a UserId) -> Binding<'a> {
    Binding {
        record_id: id.0.as_bytes(),
        kind,
        owner: author.0.as_bytes(),
    }
}

/// The couple keys opened for one read or write, so a list opens each once.
struct Keys<'a> {
    actor: &'a Actor,
    couples: Vec<(CoupleId, Option<Key>)>,
}

impl<'a> Keys<'a> {
    fn new(actor: &'a Actor) -> Keys<'a> {
        Keys {
            actor,
            couples: Vec::new(),
        }
    }

    /// Opens the keys of these couples (each at most once; one the actor no longer has is
    /// remembered as missing).
    /// (A `Vec`, not an iterator: an iterator of closures held across an await makes the future
    /// unsendable.)
    async fn open(&mut self, couples: Vec<CoupleId>) -> Result<()> {
        for couple in couples {
            if self.couples.iter().any(|(c, _)| *c == couple) {
                continue;
            }
            let wrap = match &self.actor.couple {
                Some(active) if active.id == couple => Some(active.key_wrap.clone()),
                _ => {
                    self.actor
                        .store
                        .couple_key_wrap(self.actor.user, couple)
                        .await?
                }
            };
            let key = wrap.and_then(|w| self.actor.data_key().unwrap_key(&w, purpose::COUPLE).ok());
            self.couples.push((couple, key));
        }
        Ok(())
    }

    /// The key for a record, if it was opened.
    fn get(&self, visibility: Visibility, couple: Option<CoupleId>) -> Option<&Key> {
        match (visibility, couple) {
            (Visibility::Private, _) => Some(self.actor.data_key()),
            (Visibility::Shared, None) => None,
            (Visibility::Shared, Some(c)) => self
                .couples
                .iter()
                .find(|(x, _)| *x == c)
                .and_then(|(_, k)| k.as_ref()),
        }
    }

    /// Opens one record as `T`, or counts it as unopenable.
    fn item<T: Record>(&self, r: &kintsugi_store::Record) -> Option<Item<T>> {
        let body = self
            .get(r.visibility, r.couple)
            .and_then(|key| {
                kintsugi_vault::open(key, &binding(&r.id, &r.kind, &r.author), &r.body).ok()
            })
            .and_then(|json| decode::<T>(&json));
        let Some(body) = body else {
            tracing::warn!(record = %r.id, "a record could not be opened with the current keys");
            self.actor.note_unopened();
            return None;
        };
        Some(Item {
            id: r.id,
            mine: r.author == self.actor.user,
            author: r.author,
            visibility: r.visibility,
            parent: r.parent,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
            couple: r.couple,
            withdrawn: r.withdrawn_at.is_some(),
            body,
        })
    }
}

/// The couple a new or changed item belongs to, or why it can't be shared.
fn couple_for(actor: &Actor, visibility: Visibility) -> Result<Option<CoupleId>> {
    match (visibility, &actor.couple) {
        (Visibility::Private, c) => Ok(c.as_ref().map(|c| c.id)),
        (Visibility::Shared, Some(c)) => Ok(Some(c.id)),
        (Visibility::Shared, None) => Err(Error::Refused(NO_PARTNER.into())),
    }
}

async fn seal<T: Record>(
    actor: &Actor,
    id: RecordId,
    visibility: Visibility,
    couple: Option<CoupleId>,
    body: &T,
) -> Result<Vec<u8>> {
    let mut keys = Keys::new(actor);
    if visibility == Visibility::Shared {
        keys.open(couple.into_iter().collect()).await?;
    }
    let key = keys.get(visibility, couple).ok_or(Error::Internal)?;
    let bound = binding(&id, T::KIND.as_str(), &actor.user);
    Ok(kintsugi_vault::seal(key, &bound, &encode(body)?))
}

/// Seals and stores a new item; returns its id.
pub async fn create<T: Record>(
    actor: &Actor,
    visibility: Visibility,
    parent: Option<RecordId>,
    body: &T,
) -> Result<RecordId> {
    let couple = couple_for(actor, visibility)?;
    let id = RecordId::new();
    let sealed = seal(actor, id, visibility, couple, body).await?;
    let t = now();
    actor
        .store
        .put_record(kintsugi_store::Record {
            id,
            kind: T::KIND.as_str().to_string(),
            author: actor.user,
            couple,
            visibility,
            body: sealed,
            parent,
            created_at: t,
            updated_at: t,
            version: 0,
            withdrawn_at: None,
        })
        .await?;
    Ok(id)
}

async fn open_all<T: Record>(
    actor: &Actor,
    records: &[kintsugi_store::Record],
) -> Result<Vec<Item<T>>> {
    let mut keys = Keys::new(actor);
    keys.open(records.iter().filter_map(|r| r.couple).collect())
        .await?;
    Ok(records.iter().filter_map(|r| keys.item(r)).collect())
}

/// Every item of a kind the actor may read (theirs, and what their partner shares), newest first.
pub async fn list<T: Record>(actor: &Actor) -> Result<Vec<Item<T>>> {
    let records = actor
        .store
        .records(&actor.viewer(), T::KIND.as_str())
        .await?;
    open_all(actor, &records).await
}

/// One item the actor may read, or `NotFound` (the same answer whether it is missing, of
/// another kind, or not theirs to see).
pub async fn get<T: Record>(actor: &Actor, id: RecordId) -> Result<Item<T>> {
    let record = actor
        .store
        .record(&actor.viewer(), id)
        .await?
        .filter(|r| r.kind == T::KIND.as_str())
        .ok_or(Error::NotFound(NOT_FOUND))?;
    open_all(actor, std::slice::from_ref(&record))
        .await?
        .pop()
        .ok_or(Error::NotFound(NOT_FOUND))
}

/// The threads under a page's items, fetched in one query and opened with one set of keys.
pub struct Threads<'a> {
    keys: Keys<'a>,
    children: Vec<kintsugi_store::Record>,
}

impl Threads<'_> {
    /// The items of kind `T` answering `parent`, oldest first.
    pub fn of<T: Record>(&self, parent: RecordId) -> Vec<Item<T>> {
        self.children
            .iter()
            .filter(|r| r.parent == Some(parent) && r.kind == T::KIND.as_str())
            .filter_map(|r| self.keys.item(r))
            .collect()
    }
}

/// Everything the actor may read that answers any of `parents`.
pub async fn threads<'a>(actor: &'a Actor, parents: &[RecordId]) -> Result<Threads<'a>> {
    let children = if parents.is_empty() {
        Vec::new()
    } else {
        actor.store.children_of(&actor.viewer(), parents).await?
    };
    let mut keys = Keys::new(actor);
    keys.open(children.iter().filter_map(|r| r.couple).collect())
        .await?;
    Ok(Threads { keys, children })
}

/// Turns an item and the threads under it into a step's view of it.
pub type Assemble<T, V> = fn(&Actor, Item<T>, &Threads<'_>) -> V;

/// Every item of kind `T` the actor may read, each with its thread, as `assemble` views it:
/// two store queries however many items (newest first).
pub async fn list_threaded<T: Record, V>(
    actor: &Actor,
    assemble: Assemble<T, V>,
) -> Result<Vec<V>> {
    let items = list::<T>(actor).await?;
    let ids: Vec<RecordId> = items.iter().map(|i| i.id).collect();
    let threads = threads(actor, &ids).await?;
    Ok(items
        .into_iter()
        .map(|i| assemble(actor, i, &threads))
        .collect())
}

/// One item of kind `T` with its thread, as `assemble` views it; `NotFound` as [`get`].
pub async fn get_threaded<T: Record, V>(
    actor: &Actor,
    id: RecordId,
    assemble: Assemble<T, V>,
) -> Result<V> {
    let item = get::<T>(actor, id).await?;
    let threads = threads(actor, &[id]).await?;
    Ok(assemble(actor, item, &threads))
}

/// Replaces one of the actor's own items with new content and visibility, sealed afresh. It
/// applies only while the item is still at the version in `read` (the one the caller checked
/// its rules against); otherwise nothing is written and the store answers `Stale`.
pub async fn change<T: Record>(
    actor: &Actor,
    read: &Item<T>,
    visibility: Visibility,
    body: &T,
) -> Result<()> {
    if !read.mine {
        return Err(Error::NotFound(NOT_YOURS));
    }
    let existing = actor
        .store
        .record(&actor.viewer(), read.id)
        .await?
        .filter(|r| r.author == actor.user && r.kind == T::KIND.as_str())
        .ok_or(Error::NotFound(NOT_YOURS))?;
    // Sharing moves an item into the current couple; making it private keeps its couple.
    let couple = match visibility {
        Visibility::Shared => couple_for(actor, visibility)?,
        Visibility::Private => existing.couple,
    };
    let sealed = seal(actor, read.id, visibility, couple, body).await?;
    actor
        .store
        .update_record(
            actor.user,
            RecordChange {
                id: read.id,
                visibility,
                couple,
                body: sealed,
                updated_at: now(),
                expected_version: read.version,
            },
        )
        .await?;
    Ok(())
}

/// Deletes one of the actor's own items of kind `T`.
pub async fn delete<T: Record>(actor: &Actor, id: RecordId) -> Result<()> {
    let mine = actor
        .store
        .record(&actor.viewer(), id)
        .await?
        .is_some_and(|r| r.author == actor.user && r.kind == T::KIND.as_str());
    if !mine {
        return Err(Error::NotFound(NOT_YOURS));
    }
    actor.store.delete_record(actor.user, id).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Note {
        text: String,
    }

    impl Record for Note {
        const KIND: RecordKind = RecordKind::Reflection;
    }

    #[test]
    fn bodies_carry_a_version_and_old_bodies_still_open() {
        let note = Note {
            text: "hello".into(),
        };
        let json = encode(&note).expect("encodes");
        assert_eq!(json, r#"{"v":1,"body":{"text":"hello"}}"#);
        assert_eq!(decode::<Note>(&json), Some(note));
        assert_eq!(
            decode::<Note>(r#"{"text":"from before versions"}"#),
            Some(Note {
                text: "from before versions".into()
            })
        );
        assert_eq!(decode::<Note>(r#"{"v":9,"body":{"text":"future"}}"#), None);
    }
}
