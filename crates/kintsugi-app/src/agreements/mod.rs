//! Step 4, Agreements: proposed by one partner, in force once the other accepts; changes need
//! both too; every version is kept; either can retire one (kept, marked retired). Everything
//! here is shared between the partners. Where an agreement stands is replayed from its steps
//! through the domain's rules, so two steps sent at once can't corrupt it.

use kintsugi_domain::agreements::{AgreementError, Standing, Step, Terms};
use kintsugi_domain::{RecordId, UserId, Visibility};

use crate::records::{self, Item, Threads};
use crate::{Actor, now};

crate::record_kinds!(
    Terms => Agreement,
    Step => AgreementStep,
);

mod view;
pub use view::{AgreementView, NewAgreement, NewRetirement, TermsView, VersionView, Yes};

/// What Agreements refuses.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Agreements are made together.
    #[error(
        "Agreements are made together, so you need to be paired first. You can invite your partner on the Partner page."
    )]
    NeedsPartner,
    /// The agreement belongs to a couple that has ended.
    #[error("{}", crate::records::CLOSED)]
    Closed,
    /// The step doesn't fit where the agreement stands.
    #[error(transparent)]
    Step(#[from] AgreementError),
    /// Anything every step can meet.
    #[error(transparent)]
    App(#[from] crate::Error),
}

crate::error::step_error!(Error, not_found: []);

/// A result of this step.
pub type Result<T> = std::result::Result<T, Error>;

/// One version of the terms: who proposed it, when, and who accepted it, when.
struct Version {
    terms: Terms,
    by: UserId,
    at: i64,
    accepted: Option<(UserId, i64)>,
}

/// An agreement with its history, before it is put in words.
struct Agreement {
    id: RecordId,
    versions: Vec<Version>,
    standing: Standing,
    retired: Option<(UserId, i64, String)>,
    closed: bool,
    created_at: i64,
}

fn assemble(actor: &Actor, item: Item<Terms>, threads: &Threads<'_>) -> Agreement {
    let mut standing = Standing::new(item.author);
    let mut versions = vec![Version {
        terms: item.body.clone(),
        by: item.author,
        at: item.created_at,
        accepted: None,
    }];
    let mut retired = None;
    for s in threads.of::<Step>(item.id) {
        let Ok(next) = standing.apply(s.author, &s.body) else {
            continue;
        };
        standing = next;
        match s.body {
            Step::Amend { terms } => versions.push(Version {
                terms,
                by: s.author,
                at: s.created_at,
                accepted: None,
            }),
            Step::Accept { version } => {
                let i = usize::try_from(version).unwrap_or(usize::MAX);
                if let Some(v) = i.checked_sub(1).and_then(|i| versions.get_mut(i)) {
                    v.accepted = Some((s.author, s.created_at));
                }
            }
            Step::Retire { note } => retired = Some((s.author, s.created_at, note)),
        }
    }
    Agreement {
        closed: item.closed(actor),
        id: item.id,
        versions,
        standing,
        retired,
        created_at: item.created_at,
    }
}

/// Today on the actor's clock, `YYYY-MM-DD`.
fn today(actor: &Actor) -> String {
    actor.zone.format(now(), "%Y-%m-%d")
}

/// Every agreement the actor may see: those to revisit first, then waiting for an answer, in
/// force, and retired (two queries, however many).
pub async fn agreements(actor: &Actor) -> Result<Vec<AgreementView>> {
    let list = records::list_threaded(actor, assemble).await?;
    let today = today(actor);
    let mut views: Vec<AgreementView> = list
        .into_iter()
        .map(|a| AgreementView::new(actor, a, &today))
        .collect();
    views.sort_by_key(|v| v.order());
    Ok(views)
}

/// One agreement, or `NotFound`.
pub async fn agreement(actor: &Actor, id: RecordId) -> Result<AgreementView> {
    let a = records::get_threaded(actor, id, assemble).await?;
    Ok(AgreementView::new(actor, a, &today(actor)))
}

fn terms(actor: &Actor, new: &NewAgreement) -> Result<Terms> {
    let parts = [
        new.agreement.as_str(),
        &new.acceptable,
        &new.not_acceptable,
        &new.if_crossed,
    ];
    Terms::parse(new.category, parts, &new.review_on, &today(actor))
        .map_err(|mut all| Error::App(crate::Error::Invalid(all.swap_remove(0))))
}

/// Proposes an agreement to the partner.
pub async fn propose(actor: &Actor, new: &NewAgreement) -> Result<RecordId> {
    let t = terms(actor, new)?;
    if actor.couple.is_none() {
        return Err(Error::NeedsPartner);
    }
    Ok(records::create(actor, Visibility::Shared, None, &t).await?)
}

/// Everything wrong with a proposal at once (for a form that names each field).
pub fn problems(actor: &Actor, new: &NewAgreement) -> Vec<kintsugi_domain::InvalidInput> {
    let parts = [
        new.agreement.as_str(),
        &new.acceptable,
        &new.not_acceptable,
        &new.if_crossed,
    ];
    Terms::parse(new.category, parts, &new.review_on, &today(actor))
        .err()
        .unwrap_or_default()
}

/// Applies a step by the actor, if it fits where the agreement stands now.
async fn step(actor: &Actor, id: RecordId, step: Step) -> Result<AgreementView> {
    let current: Agreement = records::get_threaded(actor, id, assemble).await?;
    if current.closed {
        return Err(Error::Closed);
    }
    if actor.couple.is_none() {
        return Err(Error::NeedsPartner);
    }
    current.standing.apply(actor.user, &step)?;
    records::create(actor, Visibility::Shared, Some(id), &step).await?;
    agreement(actor, id).await
}

/// Proposes new terms for an agreement (either partner); they need the other's yes.
pub async fn amend(actor: &Actor, id: RecordId, new: &NewAgreement) -> Result<AgreementView> {
    let terms = terms(actor, new)?;
    step(actor, id, Step::Amend { terms }).await
}

/// Accepts the version read (refused if another is waiting now, or it's one's own).
pub async fn accept(actor: &Actor, id: RecordId, yes: Yes) -> Result<AgreementView> {
    step(
        actor,
        id,
        Step::Accept {
            version: yes.version,
        },
    )
    .await
}

/// Retires an agreement (either partner): kept, marked retired, no longer in force.
pub async fn retire(actor: &Actor, id: RecordId, r: &NewRetirement) -> Result<AgreementView> {
    step(actor, id, Step::retire(&r.note)?).await
}
