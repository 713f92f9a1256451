//! Step 4, Agreements: proposed by one partner, in force once the other accepts; changes need
//! both too; every version is kept; either can retire one (kept, marked retired). Everything
//! here is shared between the partners. Where an agreement stands is replayed from its steps
//! through the domain's rules, so two steps sent at once can't corrupt it.

use kintsugi_domain::agreements::{AgreementError, Standing, Step as Change, Terms};
use kintsugi_domain::{InvalidInput, RecordId, UserId, Visibility};
use kintsugi_store::DueWhen;

use crate::error::refusals;
use crate::records::{self, Item, Threads};
use crate::step::Step;
use crate::waiting::{Effects, Falls, Wait};
use crate::{Actor, Error, Result, now};

crate::record_kinds!(
    Terms => "agreement" ["agreement", "acceptable", "not_acceptable", "if_crossed"],
    Change => "agreement_step" ["agreement", "acceptable", "not_acceptable", "if_crossed", "note"],
);

mod told;
mod view;
mod waits;
pub use view::{AgreementView, NewAgreement, NewRetirement, No, TermsView, VersionView, Yes};

/// An agreement, or a change to one, waiting for the actor's yes.
pub const TO_ANSWER: Wait = Wait("agreement_to_answer");
/// An agreement whose review date has come.
pub const TO_REVISIT: Wait = Wait("agreement_to_revisit");
/// The partner accepted, declined or retired an agreement.
pub const NEWS: Wait = Wait("agreement_news");
/// An agreement's review date.
pub const REVIEW: Falls = Falls::new(
    "agreement_review",
    "An agreement's review date",
    "/agreements/",
)
.titled("Review an agreement with {partner}");

/// Step 4 in the registry.
pub const STEP: Step = Step::new(4, "agreements", KINDS)
    .waiting(&[TO_ANSWER, TO_REVISIT, NEWS], waits::describe)
    .falling(&[REVIEW])
    .keeping(waits::accepted)
    .effort(&[crate::measure::Effort::new(
        "agreement",
        "Agreements proposed",
    )])
    .telling(told::tells);

const NEEDS_PARTNER: &str = "Agreements are made together, so you need to be paired first. You can invite your partner on the Partner page.";

refusals!(AgreementError);

/// One version of the terms: who proposed it, when, and how it was answered.
struct Version {
    record: RecordId,
    /// Whether its author withdrew their words from the reader's record.
    withdrawn: bool,
    terms: Terms,
    by: UserId,
    at: i64,
    answer: Option<Answer>,
}

/// A yes or a no to one version.
struct Answer {
    record: RecordId,
    by: UserId,
    at: i64,
    yes: bool,
    /// The few words with a no (empty when none, or withdrawn).
    note: String,
}

impl Version {
    fn accepted(&self) -> bool {
        self.answer.as_ref().is_some_and(|a| a.yes)
    }
}

/// An agreement with its history, before it is put in words.
struct Agreement {
    id: RecordId,
    /// The version of its first terms' record as read: every step moves it on.
    version: i64,
    versions: Vec<Version>,
    standing: Standing,
    /// Who retired it, when, with what words, and the record that says so.
    retired: Option<(UserId, i64, String, RecordId)>,
    closed: bool,
    other: String,
    seen_by: crate::SeenBy,
    created_at: i64,
}

fn assemble(actor: &Actor, item: Item<Terms>, threads: &Threads<'_>) -> Agreement {
    let mut standing = Standing::new(item.author);
    let mut versions = vec![Version {
        record: item.id,
        withdrawn: item.words_withdrawn(),
        terms: item.body.clone(),
        by: item.author,
        at: item.created_at,
        answer: None,
    }];
    let mut retired = None;
    for s in threads.of::<Change>(item.id) {
        let Ok(next) = standing.apply(s.author, &s.body) else {
            continue;
        };
        standing = next;
        let withdrawn = s.words_withdrawn();
        match s.body {
            Change::Amend { terms } => versions.push(Version {
                record: s.id,
                withdrawn,
                terms,
                by: s.author,
                at: s.created_at,
                answer: None,
            }),
            Change::Accept { version } => {
                answer(&mut versions, version, s.id, s.author, s.created_at, None)
            }
            Change::Decline { version, note } => answer(
                &mut versions,
                version,
                s.id,
                s.author,
                s.created_at,
                Some(note),
            ),
            Change::Retire { note } => retired = Some((s.author, s.created_at, note, s.id)),
        }
    }
    Agreement {
        version: item.version,
        closed: item.closed(actor),
        other: item.other(actor),
        seen_by: item.seen_by(actor),
        id: item.id,
        versions,
        standing,
        retired,
        created_at: item.created_at,
    }
}

/// Records a yes (`note` is `None`) or a no to one of `versions`.
fn answer(
    versions: &mut [Version],
    number: u32,
    record: RecordId,
    by: UserId,
    at: i64,
    note: Option<String>,
) {
    let i = usize::try_from(number).unwrap_or(usize::MAX);
    if let Some(v) = i.checked_sub(1).and_then(|i| versions.get_mut(i)) {
        v.answer = Some(Answer {
            record,
            by,
            at,
            yes: note.is_none(),
            note: note.unwrap_or_default(),
        });
    }
}

/// The first day a review date may fall on, `YYYY-MM-DD`: tomorrow on whichever of the two
/// partners' clocks is ahead, so a new agreement is never due for review at once for either
/// of them (a day set in New York has not already passed in London).
pub fn earliest_review(actor: &Actor) -> String {
    let now = now();
    let mut latest = actor.zone.format(now, "%Y-%m-%d");
    if let Some(c) = &actor.couple {
        let theirs = kintsugi_domain::Zone::or_utc(&c.partner_time_zone).format(now, "%Y-%m-%d");
        latest = latest.max(theirs);
    }
    latest
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.tomorrow().ok())
        .map_or(latest, |d| d.to_string())
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
        .filter(AgreementView::holds_anything)
        .collect();
    views.sort_by_key(|v| v.order());
    Ok(views)
}

/// One agreement, or `NotFound`.
pub async fn agreement(actor: &Actor, id: RecordId) -> Result<AgreementView> {
    let a = records::get_threaded(actor, id, assemble).await?;
    crate::waiting::opened(actor, id, &[NEWS]).await?;
    Ok(AgreementView::new(actor, a, &today(actor)))
}

/// The terms, or everything wrong with them at once.
fn parsed(actor: &Actor, new: &NewAgreement) -> std::result::Result<Terms, Vec<InvalidInput>> {
    let parts = [
        new.agreement.as_str(),
        &new.acceptable,
        &new.not_acceptable,
        &new.if_crossed,
    ];
    Terms::parse(new.category, parts, &new.review_on, &earliest_review(actor))
}

fn terms(actor: &Actor, new: &NewAgreement) -> Result<Terms> {
    parsed(actor, new).map_err(|mut all| Error::Invalid(all.swap_remove(0)))
}

/// Proposes an agreement to the partner.
pub async fn propose(actor: &Actor, new: &NewAgreement) -> Result<RecordId> {
    let t = terms(actor, new)?;
    actor.paired(NEEDS_PARTNER)?;
    let waits = |id| Effects::none().tell_partner(actor, TO_ANSWER, id);
    records::create_with(actor, Visibility::Shared, None, &t, waits).await
}

/// Everything wrong with a proposal at once (for a form that names each field).
pub fn problems(actor: &Actor, new: &NewAgreement) -> Vec<InvalidInput> {
    parsed(actor, new).err().unwrap_or_default()
}

/// Applies a step by the actor, if it fits where the agreement stands now.
async fn step(actor: &Actor, id: RecordId, step: Change) -> Result<AgreementView> {
    let current: Agreement = records::get_threaded(actor, id, assemble).await?;
    if current.closed {
        return Err(Error::closed());
    }
    actor.paired(NEEDS_PARTNER)?;
    current.standing.apply(actor.user, &step)?;
    let effects = Effects::none()
        .done(actor, id, &[TO_ANSWER])
        .answering(id, current.version);
    let (effects, news) = match &step {
        Change::Amend { .. } => (effects.tell_partner(actor, TO_ANSWER, id), false),
        Change::Accept { version } => {
            let accepted = usize::try_from(*version)
                .ok()
                .and_then(|v| v.checked_sub(1));
            match accepted.and_then(|v| current.versions.get(v)) {
                Some(v) => {
                    let day = v.terms.review_on.as_str();
                    let when = Some((DueWhen::Day(day.to_string()), None));
                    let effects = effects
                        .remind_both_on(actor, TO_REVISIT, id, day)
                        .due(actor, id, REVIEW, when, true);
                    (effects, true)
                }
                None => (effects, false),
            }
        }
        Change::Decline { .. } => (effects, true),
        Change::Retire { .. } => (
            effects.settled(id, &[]).due(actor, id, REVIEW, None, true),
            true,
        ),
    };
    // The partner hears of a yes, a no or a retirement: the step itself is what they read.
    let told = |step_id| match news {
        true => effects.tell_partner_about(actor, NEWS, id, Some(step_id), None),
        false => effects,
    };
    records::create_with(actor, Visibility::Shared, Some(id), &step, told).await?;
    agreement(actor, id).await
}

/// Proposes new terms for an agreement (either partner); they need the other's yes.
pub async fn amend(actor: &Actor, id: RecordId, new: &NewAgreement) -> Result<AgreementView> {
    let terms = terms(actor, new)?;
    step(actor, id, Change::Amend { terms }).await
}

/// Accepts the version read (refused if another is waiting now, or it's one's own).
pub async fn accept(actor: &Actor, id: RecordId, yes: Yes) -> Result<AgreementView> {
    step(
        actor,
        id,
        Change::Accept {
            version: yes.version,
        },
    )
    .await
}

/// Declines the version read, with an optional note (only the one it was proposed to; refused
/// if another is waiting now). What was in force stands.
pub async fn decline(actor: &Actor, id: RecordId, no: &No) -> Result<AgreementView> {
    step(actor, id, Change::decline(no.version, &no.note)?).await
}

/// Retires an agreement (either partner): kept, marked retired, no longer in force.
pub async fn retire(actor: &Actor, id: RecordId, r: &NewRetirement) -> Result<AgreementView> {
    step(actor, id, Change::retire(&r.note)?).await
}
