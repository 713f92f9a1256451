//! Step 1, Roots: the origins checklist (always private) and the reflection journal (private
//! until its author shares an entry, and sharing can be taken back).

use kintsugi_domain::roots::{Acknowledgement, Checklist, Prompt, Reflection};
use kintsugi_domain::{RecordId, Visibility};
use kintsugi_store::InboxEntry;

use crate::error::refusals;
use crate::records::{self, Item, Listed, Page};
use crate::step::{Step, threaded};
use crate::waiting::{BoxFuture, Effects, InboxItem, Wait, opened_all, quote};
use crate::{Actor, Error, Result};

crate::record_kinds!(
    Checklist => "roots_checklist" [],
    Reflection => "reflection" ["text"],
    Acknowledgement => "acknowledgement" ["text"],
);

mod told;
mod view;
pub use view::{
    AcknowledgementView, ChecklistBody, NewReflection, ReflectionPatch, ReflectionView,
};

/// The partner's few words back on a reflection the actor shared.
pub const ACKNOWLEDGED: Wait = Wait("acknowledgement");
/// A reflection the partner shared with the actor.
pub const SHARED: Wait = Wait("reflection_shared");

/// Step 1 in the registry.
pub const STEP: Step = Step::new(1, "roots", KINDS)
    .waiting(&[ACKNOWLEDGED, SHARED], describe)
    .for_one()
    .effort(&[crate::measure::Effort::new(
        "reflection",
        "Reflections shared",
    )])
    .telling(told::tells);

/// What Roots refuses, besides what every step can.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// Acknowledging one's own reflection, or one that isn't shared.
    #[error("Only a reflection your partner shared with you can get your words back.")]
    NotSharedWithYou,
    /// The checklist was saved elsewhere since the version the person read.
    #[error(
        "This checklist changed in another tab or on another device since you opened it. Both versions are below: keep the one you want, or combine them, and save again."
    )]
    ChangedElsewhere,
}

refusals!(Refusal);

/// The actor's checklist, if they saved one.
pub async fn checklist(actor: &Actor) -> Result<Option<Item<Checklist>>> {
    let mine = records::list::<Checklist>(actor).await?;
    Ok(mine.into_iter().find(|i| i.mine))
}

/// The version a person sees of their saved checklist: 0 for none yet, then 1, 2… per save.
pub fn seen_version(saved: Option<&Item<Checklist>>) -> i64 {
    saved.map_or(0, |c| c.version + 1)
}

/// The actor's checklist as the API and the page read it, with its version (0: none yet).
pub async fn checklist_body(actor: &Actor) -> Result<ChecklistBody> {
    let saved = checklist(actor).await?;
    let version = Some(seen_version(saved.as_ref()));
    Ok(match saved {
        Some(c) => ChecklistBody {
            origins: c.body.origins,
            version,
        },
        None => ChecklistBody {
            origins: Vec::new(),
            version: Some(0),
        },
    })
}

/// Saves the checklist (replacing the earlier one). Always private. With `version`, only if
/// that is still the saved version: the write names it, so of two tabs saving at once one wins
/// and the other hears why.
pub async fn save_checklist(actor: &Actor, body: ChecklistBody) -> Result<ChecklistBody> {
    let parsed = Checklist::parse(body.origins)?;
    let existing = checklist(actor).await?;
    let current = seen_version(existing.as_ref());
    if body.version.is_some_and(|v| v != current) {
        return Err(Refusal::ChangedElsewhere.into());
    }
    match existing {
        Some(existing) => {
            records::change(actor, &existing, Visibility::Private, &parsed).await?;
        }
        None => {
            records::create(actor, Visibility::Private, None, &parsed).await?;
        }
    }
    checklist_body(actor).await
}

/// How many reflections a page holds unless asked otherwise.
pub const PAGE: u32 = 20;

/// A page of the actor's reflections and those their partner shares, newest first, each with
/// the acknowledgements it got (two queries, however long the journal).
pub async fn reflections(actor: &Actor, page: Page) -> Result<Listed<ReflectionView>> {
    let mut listed = records::page_threaded(actor, page, ReflectionView::new).await?;
    listed.items.retain(ReflectionView::holds_anything);
    // The words a partner sent back on the actor's own reflections are now seen (inbox only).
    opened_all(actor, &[ACKNOWLEDGED, SHARED]).await?;
    Ok(listed)
}

/// One reflection the actor may read.
pub async fn reflection(actor: &Actor, id: RecordId) -> Result<ReflectionView> {
    records::get_threaded(actor, id, ReflectionView::new).await
}

/// A few words back on a reflection the partner shared with the actor (shared with its author).
pub async fn acknowledge(actor: &Actor, id: RecordId, text: &str) -> Result<ReflectionView> {
    let ack = Acknowledgement::parse(text)?;
    let shared: Item<Reflection> = records::get(actor, id).await?;
    if shared.mine || shared.visibility != Visibility::Shared {
        return Err(Refusal::NotSharedWithYou.into());
    }
    shared.still_open(actor)?;
    let waits = |ack| Effects::none().tell_partner_about(actor, ACKNOWLEDGED, id, Some(ack), None);
    records::create_with(actor, Visibility::Shared, Some(id), &ack, waits).await?;
    reflection(actor, id).await
}

/// Writes a new reflection.
pub async fn add_reflection(actor: &Actor, new: &NewReflection) -> Result<RecordId> {
    let entry = Reflection::parse(new.prompt.unwrap_or(Prompt::Free), &new.text)?;
    let visibility = new.visibility.unwrap_or_default();
    let told = |id| match visibility {
        Visibility::Shared => Effects::none().tell_partner(actor, SHARED, id),
        Visibility::Private => Effects::none(),
    };
    records::create_with(actor, visibility, None, &entry, told).await
}

/// Changes one of the actor's reflections: its text, its visibility, or both.
pub async fn edit_reflection(
    actor: &Actor,
    id: RecordId,
    patch: ReflectionPatch,
) -> Result<ReflectionView> {
    let current: Item<Reflection> = records::get(actor, id).await?;
    if !current.mine {
        return Err(Error::not_yours());
    }
    let entry = match patch.text {
        Some(t) => Reflection::parse(current.body.prompt, &t)?,
        None => current.body.clone(),
    };
    let visibility = patch.visibility.unwrap_or(current.visibility);
    let told = match (current.visibility, visibility) {
        (Visibility::Private, Visibility::Shared) => {
            Effects::none().tell_partner(actor, SHARED, id)
        }
        (Visibility::Shared, Visibility::Private) => Effects::none().settled(id, &[SHARED]),
        _ => Effects::none(),
    };
    records::change_with(actor, &current, visibility, &entry, told).await?;
    reflection(actor, id).await
}

/// Deletes one of the actor's reflections.
pub async fn delete_reflection(actor: &Actor, id: RecordId) -> Result<()> {
    records::delete::<Reflection>(actor, id).await
}

/// Roots' [`Describe`](crate::step::Describe): words back on the actor's shared reflections.
fn describe<'a>(
    actor: &'a Actor,
    entries: &'a [InboxEntry],
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>> {
    threaded(actor, entries, ReflectionView::new, |_, r, e| {
        if e.kind == SHARED.0 {
            return (!r.mine && !r.closed && r.shared()).then(|| InboxItem {
                waiting: SHARED.0,
                words: format!(
                    "{} shared a reflection with you: “{}”",
                    r.who,
                    quote(&r.text, 60)
                ),
                href: "/roots#shared".to_string(),
                at: r.updated_at.clone(),
            });
        }
        let a = r.acknowledgements.iter().find(|a| Some(a.key) == e.about)?;
        let live = r.mine && !r.closed && r.shared() && !a.mine;
        live.then(|| InboxItem {
            waiting: ACKNOWLEDGED.0,
            words: format!(
                "{} wrote back on your reflection “{}”",
                a.who,
                quote(&r.text, 60)
            ),
            href: "/roots#journal".to_string(),
            at: a.at.clone(),
        })
    })
}
