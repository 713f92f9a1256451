//! Writes: a new item (alone, with what it leaves waiting, or as an answer revealed after
//! both), a change that names the version it read, a deletion.

use kintsugi_domain::{CoupleId, RecordId, Visibility};
use kintsugi_store::RecordChange;

use super::sealing::seal;
use super::{Item, Record};
use crate::error::{NO_PARTNER, NOT_YOURS, Result};
use crate::waiting::{Effects, Part};
use crate::{Actor, Error, now};

/// The couple a new or changed item belongs to, or why it can't be shared.
fn couple_for(actor: &Actor, visibility: Visibility) -> Result<Option<CoupleId>> {
    match (visibility, &actor.couple) {
        (Visibility::Private, c) => Ok(c.as_ref().map(|c| c.id)),
        (Visibility::Shared, Some(c)) => Ok(Some(c.id)),
        (Visibility::Shared, None) => Err(Error::Refused(NO_PARTNER.into())),
    }
}

/// Seals and stores a new item; returns its id.
pub async fn create<T: Record>(
    actor: &Actor,
    visibility: Visibility,
    parent: Option<RecordId>,
    body: &T,
) -> Result<RecordId> {
    create_with(actor, visibility, parent, body, |_| Effects::none()).await
}

/// Seals and stores a new item with what the write leaves waiting or due (`effects` gets the
/// new item's id), all in one transaction; returns its id.
pub async fn create_with<T: Record>(
    actor: &Actor,
    visibility: Visibility,
    parent: Option<RecordId>,
    body: &T,
    effects: impl FnOnce(RecordId) -> Effects,
) -> Result<RecordId> {
    create_in_pair(actor, visibility, parent, body, None, effects).await
}

/// The same for an answer revealed after both: `pair` names what it answers ("checkin:
/// 2026-12-06", never words). The partner reads it only once they gave theirs to the same
/// pair in the same couple, and a second answer of the actor's to one pair is refused
/// (`Stale`: one answer each, whatever races).
pub async fn create_paired<T: Record>(
    actor: &Actor,
    parent: Option<RecordId>,
    body: &T,
    pair: &str,
    effects: impl FnOnce(RecordId) -> Effects,
) -> Result<RecordId> {
    let pair = Some(pair.to_string());
    create_in_pair(actor, Visibility::Shared, parent, body, pair, effects).await
}

async fn create_in_pair<T: Record>(
    actor: &Actor,
    visibility: Visibility,
    parent: Option<RecordId>,
    body: &T,
    pair: Option<String>,
    effects: impl FnOnce(RecordId) -> Effects,
) -> Result<RecordId> {
    let couple = couple_for(actor, visibility)?;
    let mut record = sealed(actor, visibility, couple, body).await?;
    let id = record.id;
    record.parent = parent;
    record.pair = pair;
    let mut effects = effects(id).0;
    effects.session = actor.session;
    actor.store.put_record(record, effects).await?;
    Ok(id)
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
    change_with(actor, read, visibility, body, Effects::none()).await
}

/// The same, with what the change leaves waiting or due, in the same transaction.
pub async fn change_with<T: Record>(
    actor: &Actor,
    read: &Item<T>,
    visibility: Visibility,
    body: &T,
    effects: Effects,
) -> Result<()> {
    if !read.mine {
        return Err(Error::NotFound(NOT_YOURS));
    }
    // Sharing moves an item into the current couple; making it private keeps its couple.
    let couple = match visibility {
        Visibility::Shared => couple_for(actor, visibility)?,
        Visibility::Private => read.couple,
    };
    let sealed = seal(actor, read.id, visibility, couple, body).await?;
    let change = RecordChange {
        id: read.id,
        visibility,
        couple,
        body: sealed,
        updated_at: now(),
        expected_version: read.version,
    };
    actor
        .store
        .update_record(
            actor.user,
            change,
            kintsugi_store::Effects {
                session: actor.session,
                ..effects.0
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

/// Seals `body` as a private part of one of the actor's writes.
pub async fn part<T: Record>(actor: &Actor, body: &T) -> Result<Part> {
    let couple = actor.couple.as_ref().map(|c| c.id);
    Ok(Part(
        sealed(actor, Visibility::Private, couple, body).await?,
    ))
}

/// A new record of the actor's holding `body`, sealed, with nothing above it and no pair.
async fn sealed<T: Record>(
    actor: &Actor,
    visibility: Visibility,
    couple: Option<CoupleId>,
    body: &T,
) -> Result<kintsugi_store::Record> {
    let id = RecordId::new();
    let sealed = seal(actor, id, visibility, couple, body).await?;
    let t = now();
    Ok(kintsugi_store::Record {
        id,
        kind: T::KIND.as_str().to_string(),
        author: actor.user,
        couple,
        visibility,
        body: sealed,
        parent: None,
        created_at: t,
        updated_at: t,
        version: 0,
        withdrawn_at: None,
        own_body: None,
        pair: None,
        answered: false,
    })
}
