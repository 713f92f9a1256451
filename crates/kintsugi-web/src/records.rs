//! Sealed records: the one way a step stores and reads a person's writing.
//!
//! A step describes its items as serde types; this module seals them (private: the author's data
//! key; shared: the couple key), binds each ciphertext to its record, and reads them back only
//! through the store's authorization rule. Every later step uses these five functions.

use kintsugi_domain::{CoupleId, RecordId, Visibility};
use kintsugi_store::{Record, RecordChange};
use kintsugi_vault::{Binding, Key, purpose};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::accounts::Current;
use crate::{AppError, AppState, now};

/// One readable item of a step.
#[derive(Debug, Clone)]
pub struct Item<T> {
    /// Its id.
    pub id: RecordId,
    /// Whether the viewer wrote it.
    pub mine: bool,
    /// Who wrote it.
    pub author: kintsugi_domain::UserId,
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
    /// The opened content.
    pub body: T,
}

/// The message when sharing needs a partner.
pub const NO_PARTNER: &str = "You're not paired with a partner right now, so there is no one to share this with. It stays private.";

/// Keys opened for one request, so a list opens each couple key once.
struct Keys<'a> {
    state: &'a AppState,
    me: &'a Current,
    data: Option<Key>,
    couples: Vec<(CoupleId, Key)>,
}

impl<'a> Keys<'a> {
    fn new(state: &'a AppState, me: &'a Current) -> Keys<'a> {
        Keys {
            state,
            me,
            data: None,
            couples: Vec::new(),
        }
    }

    fn data(&mut self) -> Result<&Key, AppError> {
        if self.data.is_none() {
            self.data = Some(self.me.data_key()?);
        }
        self.data.as_ref().ok_or(AppError::Internal)
    }

    /// The key that seals or opens records of `visibility` in `couple`.
    async fn for_record(
        &mut self,
        visibility: Visibility,
        couple: Option<CoupleId>,
    ) -> Result<&Key, AppError> {
        let couple = match (visibility, couple) {
            (Visibility::Private, _) => return self.data(),
            (Visibility::Shared, None) => return Err(AppError::Conflict(NO_PARTNER.into())),
            (Visibility::Shared, Some(c)) => c,
        };
        if let Some(i) = self.couples.iter().position(|(c, _)| *c == couple) {
            return Ok(&self.couples[i].1);
        }
        let wrap = match &self.me.couple {
            Some(active) if active.id == couple => Some(active.key_wrap.clone()),
            _ => {
                self.state
                    .store
                    .couple_key_wrap(self.me.user.id, couple)
                    .await?
            }
        };
        let wrap = wrap.ok_or(AppError::NotFound("We couldn't find that."))?;
        let key = self
            .data()?
            .unwrap_key(&wrap, purpose::COUPLE)
            .map_err(|_| AppError::NotFound("We couldn't find that."))?;
        self.couples.push((couple, key));
        Ok(&self.couples[self.couples.len() - 1].1)
    }
}

fn binding<'a>(
    id: &'a RecordId,
    kind: &'a str,
    author: &'a kintsugi_domain::UserId,
) -> Binding<'a> {
    Binding {
        record_id: id.0.as_bytes(),
        kind,
        owner: author.0.as_bytes(),
    }
}

fn encode<T: Serialize>(body: &T) -> Result<String, AppError> {
    serde_json::to_string(body).map_err(|e| {
        tracing::error!(error = %e, "a record body could not be encoded");
        AppError::Internal
    })
}

/// The couple a new shared item belongs to, or why it can't be shared.
fn couple_for(me: &Current, visibility: Visibility) -> Result<Option<CoupleId>, AppError> {
    match (visibility, &me.couple) {
        (Visibility::Private, c) => Ok(c.as_ref().map(|c| c.id)),
        (Visibility::Shared, Some(c)) => Ok(Some(c.id)),
        (Visibility::Shared, None) => Err(AppError::Conflict(NO_PARTNER.into())),
    }
}

/// Seals and stores a new item; returns its id.
pub async fn create<T: Serialize>(
    state: &AppState,
    me: &Current,
    kind: &'static str,
    visibility: Visibility,
    parent: Option<RecordId>,
    body: &T,
) -> Result<RecordId, AppError> {
    let couple = couple_for(me, visibility)?;
    let id = RecordId::new();
    let mut keys = Keys::new(state, me);
    let key = keys.for_record(visibility, couple).await?;
    let sealed = kintsugi_vault::seal(key, &binding(&id, kind, &me.user.id), &encode(body)?);
    let t = now();
    state
        .store
        .put_record(Record {
            id,
            kind: kind.to_string(),
            author: me.user.id,
            couple,
            visibility,
            body: sealed,
            parent,
            created_at: t,
            updated_at: t,
            version: 0,
        })
        .await?;
    Ok(id)
}

async fn open_all<T: DeserializeOwned>(
    keys: &mut Keys<'_>,
    records: Vec<Record>,
) -> Result<Vec<Item<T>>, AppError> {
    let mut out = Vec::with_capacity(records.len());
    for r in records {
        let opened = match keys.for_record(r.visibility, r.couple).await {
            Ok(key) => kintsugi_vault::open(key, &binding(&r.id, &r.kind, &r.author), &r.body)
                .ok()
                .and_then(|json| serde_json::from_str::<T>(&json).ok()),
            // No key for it any more (an administrator's reset removed the couple-key wraps).
            Err(AppError::NotFound(_)) => None,
            Err(e) => return Err(e),
        };
        let Some(body) = opened else {
            // Sealed with a key this person no longer has: skipped, counted, never a 500.
            tracing::warn!(record = %r.id, "a record could not be opened with the current keys");
            keys.me.note_unopened();
            continue;
        };
        out.push(Item {
            id: r.id,
            mine: r.author == keys.me.user.id,
            author: r.author,
            visibility: r.visibility,
            parent: r.parent,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
            body,
        });
    }
    Ok(out)
}

/// Every item of a kind the person may read (theirs, and what their partner shares), newest first.
pub async fn list<T: DeserializeOwned>(
    state: &AppState,
    me: &Current,
    kind: &str,
) -> Result<Vec<Item<T>>, AppError> {
    let records = state.store.records(&me.viewer(), kind).await?;
    open_all(&mut Keys::new(state, me), records).await
}

/// The items answering `parent`, oldest first.
pub async fn children<T: DeserializeOwned>(
    state: &AppState,
    me: &Current,
    parent: RecordId,
    kind: &str,
) -> Result<Vec<Item<T>>, AppError> {
    let records = state
        .store
        .children(&me.viewer(), parent)
        .await?
        .into_iter()
        .filter(|r| r.kind == kind)
        .collect();
    open_all(&mut Keys::new(state, me), records).await
}

/// One item the person may read, or `NotFound` (the same answer whether it is missing or not
/// theirs to see).
pub async fn get<T: DeserializeOwned>(
    state: &AppState,
    me: &Current,
    kind: &str,
    id: RecordId,
) -> Result<Item<T>, AppError> {
    let missing = || {
        AppError::NotFound(
            "We couldn't find that. It may have been deleted, or it isn't shared with you.",
        )
    };
    let record = state
        .store
        .record(&me.viewer(), id)
        .await?
        .ok_or_else(missing)?;
    if record.kind != kind {
        return Err(missing());
    }
    open_all(&mut Keys::new(state, me), vec![record])
        .await?
        .pop()
        .ok_or_else(missing)
}

/// Replaces one of the person's own items: new content and visibility, sealed afresh. The
/// change applies only while the item is still at `version`, the version the caller read and
/// checked its rules against; otherwise nothing is written and the answer is a conflict.
pub async fn change<T: Serialize>(
    state: &AppState,
    me: &Current,
    kind: &'static str,
    id: RecordId,
    version: i64,
    visibility: Visibility,
    body: &T,
) -> Result<(), AppError> {
    let existing = state
        .store
        .record(&me.viewer(), id)
        .await?
        .filter(|r| r.author == me.user.id && r.kind == kind)
        .ok_or(AppError::NotFound(
            "We couldn't find that among your own writing.",
        ))?;
    // Sharing moves an item into the current couple; making it private keeps its couple.
    let couple = match visibility {
        Visibility::Shared => couple_for(me, visibility)?,
        Visibility::Private => existing.couple,
    };
    let mut keys = Keys::new(state, me);
    let key = keys.for_record(visibility, couple).await?;
    let sealed = kintsugi_vault::seal(key, &binding(&id, kind, &me.user.id), &encode(body)?);
    state
        .store
        .update_record(
            me.user.id,
            RecordChange {
                id,
                visibility,
                couple,
                body: sealed,
                updated_at: now(),
                expected_version: version,
            },
        )
        .await?;
    Ok(())
}

/// Deletes one of the person's own items.
pub async fn delete(
    state: &AppState,
    me: &Current,
    kind: &str,
    id: RecordId,
) -> Result<(), AppError> {
    let mine = state
        .store
        .record(&me.viewer(), id)
        .await?
        .is_some_and(|r| r.author == me.user.id && r.kind == kind);
    if !mine {
        return Err(AppError::NotFound(
            "We couldn't find that among your own writing.",
        ));
    }
    state.store.delete_record(me.user.id, id).await?;
    Ok(())
}
