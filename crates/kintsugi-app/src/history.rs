//! Leaving a couple, and withdrawing what one shared from its history. Each person withdraws
//! only what they wrote: what the other wrote, and the facts both made together (a time both
//! agreed, terms both accepted, which day was kept), stay in the other's record, with the
//! withdrawer's words taken out. The withdrawer keeps their own words (their own copy, sealed
//! with their key). Leaving never deletes the other's writing.

use kintsugi_domain::{CoupleId, RecordId};
use kintsugi_store::Withdrawal;

use crate::records::{self, RecordKind};
use crate::steps::STEPS;
use crate::{Actor, Error, Result, now};

const NOT_PAIRED: &str = "You're not in a couple right now, so there is nothing to leave.";

/// Leaves the couple; with `withdraw`, everything the actor shared in it is withdrawn in the
/// same transaction. The partner is told, calmly.
pub async fn leave(actor: &Actor, withdraw: bool) -> Result<CoupleId> {
    let couple = actor.couple.as_ref().ok_or(Error::NotFound(NOT_PAIRED))?.id;
    let withdrawals = match withdraw {
        true => prepare(actor, couple, None).await?,
        false => Vec::new(),
    };
    Ok(actor
        .store
        .leave_couple(actor.user, now(), &withdrawals)
        .await?)
}

/// Withdraws what the actor shared in `couple` (one they are or were in): everything, or with
/// `only` one item and what they wrote under it. Returns how many records.
pub async fn withdraw(actor: &Actor, couple: CoupleId, only: Option<RecordId>) -> Result<u64> {
    let withdrawals = prepare(actor, couple, only).await?;
    Ok(actor
        .store
        .withdraw(actor.user, couple, &withdrawals, now())
        .await?)
}

/// Withdraws one item of a history (and what the actor wrote under it) from the couple it was
/// shared in. Refused for an item of the couple the actor is in now (it isn't history yet).
pub async fn withdraw_item(actor: &Actor, item: RecordId) -> Result<u64> {
    let found = actor.store.record(&actor.viewer(), item).await?;
    let couple = found
        .and_then(|r| r.couple)
        .ok_or(Error::NotFound(crate::error::NOT_FOUND))?;
    if actor.couple.as_ref().is_some_and(|c| c.id == couple) {
        return Err(Error::Refused(STILL_TOGETHER.into()));
    }
    withdraw(actor, couple, Some(item)).await
}

const STILL_TOGETHER: &str = "This is shared in the couple you're in now. You can make your own entries private again, or leave the couple; withdrawing is for a couple that has ended.";

async fn prepare(
    actor: &Actor,
    couple: CoupleId,
    only: Option<RecordId>,
) -> Result<Vec<Withdrawal>> {
    let mut shared = actor.store.shared_by(actor.user, couple).await?;
    if let Some(item) = only {
        shared.retain(|r| r.id == item || r.parent == Some(item));
    }
    let ids: Vec<RecordId> = shared.iter().map(|r| r.id).collect();
    let mut kept = Vec::new();
    for keeps in STEPS.iter().filter_map(|s| s.keeps) {
        kept.extend(keeps(actor, &ids).await?);
    }
    records::withdrawals(actor, couple, &shared, kind, &kept).await
}

/// A stored kind, as the registry knows it.
fn kind(name: &str) -> Option<RecordKind> {
    let kinds = STEPS.iter().flat_map(|s| s.kinds.iter());
    kinds.copied().find(|k| k.as_str() == name)
}
