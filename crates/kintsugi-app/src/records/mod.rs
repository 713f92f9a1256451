//! Sealed records: the one way a step stores and reads a person's writing.
//!
//! A step's item type implements [`Record`], which names its [`RecordKind`]; the kind is never
//! a loose string at a call site. Bodies are sealed as `{"v": version, "body": …}` (private: the
//! author's data key; shared: the couple key), bound to their record (id, kind, owner), and read
//! back only through the store's authorization rule. Bodies sealed before versions existed are
//! read as version 0. A record that can't be opened (its key is gone) is skipped and counted on
//! the actor, never an error for the whole list.

use kintsugi_domain::{CoupleId, RecordId, UserId, Visibility};
use serde::Serialize;
use serde::de::DeserializeOwned;

mod pages;
pub use pages::{Cursor, Listed, MOST, Page, page, page_threaded, since};
mod sealing;
use sealing::{Keys, seal_raw};
mod writes;
pub use writes::{change, change_with, create, create_paired, create_with, delete, part};

use crate::error::{NOT_FOUND, Result};
use crate::{Actor, Error, now};

pub use crate::kinds::RecordKind;

/// A type stored as a sealed record of one kind.
pub trait Record: Serialize + DeserializeOwned {
    /// Its kind.
    const KIND: RecordKind;
    /// The version of its sealed format that this code writes (and the newest it reads).
    const VERSION: u32 = 1;
}

/// Declares the name each body type of a step is stored as, with the fields that hold its
/// author's words, and the step's list of kinds (`KINDS`, what its registry entry names):
/// `record_kinds!(Proposal => "talk" ["topic"], Pause => "talk_pause" [], …)`.
#[macro_export]
macro_rules! record_kinds {
    ($($body:ty => $name:literal [$($word:literal),* $(,)?] $(recent $secs:expr)?),+ $(,)?) => {
        $(impl $crate::records::Record for $body {
            const KIND: $crate::records::RecordKind =
                $crate::records::RecordKind::named($name, &[$($word),*])
                    $(.recent_threads($secs))?;
        })+
        /// The kinds of record this step stores.
        pub const KINDS: &[$crate::records::RecordKind] =
            &[$(<$body as $crate::records::Record>::KIND),+];
    };
}

/// Who can read an item now, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeenBy {
    /// Whether only the reader can read it.
    pub private: bool,
    /// In words: "Only you", "You and Sam", "You and Sam, from a couple that has ended", "You
    /// and Sam: Sam withdrew their words".
    pub words: String,
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

    /// Who can read it now, in words, for the label every item carries.
    pub fn seen_by(&self, actor: &Actor) -> SeenBy {
        let other = actor.partner_in(self.couple);
        let (private, words) = match (self.visibility, self.withdrawn, self.mine) {
            (Visibility::Private, _, _) => (true, "Only you".to_string()),
            (Visibility::Shared, true, true) => (
                true,
                format!("Only you: you withdrew it from {other}'s record"),
            ),
            (Visibility::Shared, true, false) => (
                false,
                format!("You and {other}: {other} withdrew their words"),
            ),
            _ if self.closed(actor) => (
                false,
                format!("You and {other}, from a couple that has ended"),
            ),
            _ => (false, format!("You and {other}")),
        };
        SeenBy { private, words }
    }

    /// The other person of its couple, by name.
    pub fn other(&self, actor: &Actor) -> String {
        actor.partner_in(self.couple)
    }

    /// Whether its author took their words out of the reader's record (then the reader sees
    /// what is left: the facts both made).
    pub fn words_withdrawn(&self) -> bool {
        self.withdrawn && !self.mine
    }

    /// Refuses a change to it when it is [`closed`](Item::closed).
    pub fn still_open(&self, actor: &Actor) -> Result<()> {
        if self.closed(actor) {
            return Err(Error::closed());
        }
        Ok(())
    }
}

pub use crate::error::CLOSED;

async fn open_all<T: Record>(
    actor: &Actor,
    records: &[kintsugi_store::Record],
) -> Result<Vec<Item<T>>> {
    let mut keys = Keys::new(actor);
    keys.open(records.iter().filter_map(|r| r.couple).collect())
        .await?;
    let items: Vec<Item<T>> = records.iter().filter_map(|r| keys.item(r)).collect();
    // Items of a couple that ended name its other person: read the couples once, only then.
    if items.iter().any(|i| i.closed(actor) || i.withdrawn) {
        actor.know_couples().await?;
    }
    Ok(items)
}

/// Every item of a kind the actor may read (theirs, and what their partner shares), newest first.
pub async fn list<T: Record>(actor: &Actor) -> Result<Vec<Item<T>>> {
    let records = actor
        .store
        .records(
            &actor.viewer(),
            T::KIND.as_str(),
            kintsugi_store::Window::ALL,
        )
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

/// Reads `ids` and everything answering them (two queries) for the rest of this actor's
/// page; [`get_many`] and [`threads`] answer from it when it holds all they ask for.
///
/// The threads of items of the `long` kinds (threads that grow with time) aren't read ahead:
/// asked for, they are read for their recent part only.
pub(crate) async fn prefetch(actor: &Actor, ids: &[RecordId], long: &[&str]) -> Result<()> {
    let viewer = actor.viewer();
    let records = actor.store.records_in(&viewer, ids).await?;
    let threaded: Vec<RecordId> = records
        .iter()
        .filter(|r| !long.contains(&r.kind.as_str()))
        .map(|r| r.id)
        .collect();
    let children = actor.store.children_of(&viewer, &threaded, None).await?;
    actor.keep_prefetched(Some(crate::actor::Prefetched {
        ids: ids.to_vec(),
        threaded,
        records,
        children,
    }));
    Ok(())
}

/// Forgets what [`prefetch`] read.
pub(crate) fn forget_prefetched(actor: &Actor) {
    actor.keep_prefetched(None);
}

/// The items of kind `T` among `ids` that the actor may read (others are left out), in the
/// order of `ids`: one query (none, when they were read ahead), for the items an inbox is about.
pub async fn get_many<T: Record>(actor: &Actor, ids: &[RecordId]) -> Result<Vec<Item<T>>> {
    let mut records = match actor.prefetched(|p| p.records_in(ids)) {
        Some(records) => records,
        None => actor.store.records_in(&actor.viewer(), ids).await?,
    };
    records.retain(|r| r.kind == T::KIND.as_str());
    records.sort_by_key(|r| ids.iter().position(|i| *i == r.id));
    open_all(actor, &records).await
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
    threads_since(actor, parents, None).await
}

/// The same, only what was written at or after `since` (a thread that grows with time, read
/// for its recent part).
async fn threads_since<'a>(
    actor: &'a Actor,
    parents: &[RecordId],
    since: Option<i64>,
) -> Result<Threads<'a>> {
    let children = if parents.is_empty() {
        Vec::new()
    } else if let Some(read) = actor.prefetched(|p| p.children_of(parents)) {
        read
    } else {
        actor
            .store
            .children_of(&actor.viewer(), parents, since)
            .await?
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
    with_threads(actor, list::<T>(actor).await?, assemble).await
}

/// `items` with their threads (one query), as `assemble` views them.
async fn with_threads<T: Record, V>(
    actor: &Actor,
    items: Vec<Item<T>>,
    assemble: Assemble<T, V>,
) -> Result<Vec<V>> {
    let ids: Vec<RecordId> = items.iter().map(|i| i.id).collect();
    let threads = threads_since(actor, &ids, T::KIND.recent_since(now())).await?;
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
    let threads = threads_since(actor, &[id], T::KIND.recent_since(now())).await?;
    Ok(assemble(actor, item, &threads))
}

/// The items of kind `T` among `ids`, each with its thread, as `assemble` views it: two
/// queries however many.
pub async fn get_many_threaded<T: Record, V>(
    actor: &Actor,
    ids: &[RecordId],
    assemble: Assemble<T, V>,
) -> Result<Vec<V>> {
    with_threads(actor, get_many::<T>(actor, ids).await?, assemble).await
}

/// Withdrawals of the actor's records shared in `couple` (as the store gave them): for each,
/// what the other keeps (its sealed form with its author's words, the fields its `kind` names,
/// taken out; whole for the records in `kept`, the facts both made) and the author's own copy.
/// A record that can't be opened is left as it is.
pub async fn withdrawals(
    actor: &Actor,
    couple: CoupleId,
    records: &[kintsugi_store::Record],
    kind: impl Fn(&str) -> Option<RecordKind>,
    kept: &[RecordId],
) -> Result<Vec<kintsugi_store::Withdrawal>> {
    let mut keys = Keys::new(actor);
    keys.open(vec![couple]).await?;
    let mut out = Vec::new();
    for r in records.iter().filter(|r| r.author == actor.user) {
        let (Some(raw), Some(kind)) = (keys.open_raw(r), kind(&r.kind)) else {
            continue;
        };
        let value: serde_json::Value = serde_json::from_str(&raw).map_err(|_| Error::Internal)?;
        let left = match kept.contains(&r.id) {
            true => value,
            false => kind.without_words(value),
        };
        let left = serde_json::to_string(&left).map_err(|_| Error::Internal)?;
        let sealed = |json: &str, own| seal_raw(&keys, r, json, own).ok_or(Error::Internal);
        out.push(kintsugi_store::Withdrawal {
            id: r.id,
            body: sealed(&left, false)?,
            own_body: sealed(&raw, true)?,
            expected_version: r.version,
        });
    }
    Ok(out)
}

/// Seals a short text (a report link's token) with the key of the actor's couple, bound to
/// `id` and `kind`: only the two of them open it again.
pub async fn seal_for_couple(
    actor: &Actor,
    couple: CoupleId,
    id: uuid::Uuid,
    kind: &str,
    text: &str,
) -> Result<Vec<u8>> {
    let mut keys = sealing::Keys::new(actor);
    keys.open(vec![couple]).await?;
    let key = keys
        .get(Visibility::Shared, Some(couple))
        .ok_or(Error::Internal)?;
    let bound = kintsugi_vault::Binding {
        record_id: id.as_bytes(),
        kind,
        owner: couple.0.as_bytes(),
    };
    Ok(kintsugi_vault::seal(key, &bound, text))
}

/// Opens what [`seal_for_couple`] sealed, if the actor still holds the couple's key.
pub async fn open_for_couple(
    actor: &Actor,
    couple: CoupleId,
    id: uuid::Uuid,
    kind: &str,
    sealed: &[u8],
) -> Result<Option<String>> {
    let mut keys = sealing::Keys::new(actor);
    keys.open(vec![couple]).await?;
    let bound = kintsugi_vault::Binding {
        record_id: id.as_bytes(),
        kind,
        owner: couple.0.as_bytes(),
    };
    Ok(keys
        .get(Visibility::Shared, Some(couple))
        .and_then(|key| kintsugi_vault::open(key, &bound, sealed).ok()))
}

/// Every record of `kind` the actor may read (by the one rule: theirs, and what was shared with
/// them and not withdrawn), newest first, each with the JSON it was sealed as
/// (`{"v": version, "body": …}`; bodies from before versions as they are), `None` for one that
/// can't be opened. For export, which must hold every kind the registry names.
pub async fn raw(
    actor: &Actor,
    kind: &str,
) -> Result<Vec<(kintsugi_store::Record, Option<serde_json::Value>)>> {
    let records = actor
        .store
        .records(&actor.viewer(), kind, kintsugi_store::Window::ALL)
        .await?;
    let mut keys = Keys::new(actor);
    keys.open(records.iter().filter_map(|r| r.couple).collect())
        .await?;
    Ok(records
        .into_iter()
        .map(|r| {
            let json = keys.open_raw(&r);
            let value = json.and_then(|j| serde_json::from_str(&j).ok());
            (r, value)
        })
        .collect())
}
