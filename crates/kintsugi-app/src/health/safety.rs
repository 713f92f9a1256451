//! The safety check: a short private screen, read back at once; kept only if the person
//! chooses, and then only in their locker (`crate::locker`), never as a record: no kind, count
//! or time of its own in the database, nothing in any inbox, nothing the partner can observe.

use std::collections::HashMap;

use kintsugi_domain::safety::{Ask, Check, HowOften, Priority};
use serde::{Deserialize, Serialize};

use crate::locker::{self, Locker};
use crate::{Actor, Error, Result, Stamp, now};

/// A safety check as sent.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"answers": {"hurt": "never", "threatened": "never", "insulted": "once", "afraid": "never", "money": "never", "contacts": "never", "phone": "sometimes", "movements": "never"}, "priorities": ["safety"], "keep": false})))]
pub struct NewSafetyCheck {
    /// One answer per question, by its id: `never`, `once`, `sometimes` or `often`.
    pub answers: HashMap<Ask, HowOften>,
    /// What matters most to you now, for your plan: `safety`, `children`, `staying`, `leaving`,
    /// `privacy`, `money`, `pet` (optional).
    #[serde(default)]
    pub priorities: Vec<Priority>,
    /// Keep the answers and the plan, sealed for you alone (off unless you ask).
    #[serde(default)]
    pub keep: bool,
}

/// One choice of a question.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChoiceView {
    /// Its id.
    pub id: &'static str,
    /// In words.
    pub label: &'static str,
}

/// One question, with its choices from least to most worrying.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AskView {
    /// Its id.
    pub id: &'static str,
    /// The question.
    pub question: &'static str,
    /// The choices, least worrying first.
    pub choices: Vec<ChoiceView>,
}

/// A part of the plan.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanPart {
    /// What it is for.
    pub priority: &'static str,
    /// Its steps.
    pub steps: &'static [&'static str],
}

/// What the check reads back.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SafetyReading {
    /// Whether the answers suggest danger (a rule, not a score).
    pub danger: bool,
    /// What you told us, a sentence each.
    pub told: Vec<String>,
    /// A short plan that fits what matters to you.
    pub plan: Vec<PlanPart>,
    /// Whether it is kept (sealed for you alone), and since when.
    pub kept_at: Option<Stamp>,
}

/// The questions, with their choices.
pub fn questions() -> Vec<AskView> {
    Ask::ALL
        .iter()
        .map(|a| AskView {
            id: a.as_str(),
            question: a.label(),
            choices: HowOften::ALL
                .iter()
                .map(|o| ChoiceView {
                    id: o.as_str(),
                    label: o.label(),
                })
                .collect(),
        })
        .collect()
}

fn reading(actor: &Actor, check: &Check, kept_at: Option<i64>) -> SafetyReading {
    let mut priorities = check.priorities.clone();
    if check.danger() && !priorities.contains(&Priority::Safety) {
        priorities.insert(0, Priority::Safety);
    }
    SafetyReading {
        danger: check.danger(),
        told: check.told(),
        plan: priorities
            .iter()
            .map(|p| PlanPart {
                priority: p.label(),
                steps: p.plan(),
            })
            .collect(),
        kept_at: kept_at.map(|t| actor.stamp(t)),
    }
}

/// The actor's locker as stored now, opened, with the sealed form it was read from.
async fn stored(actor: &Actor) -> Result<(Locker, Option<Vec<u8>>)> {
    let user = actor.store.user(actor.user).await?.ok_or(Error::Internal)?;
    let opened = locker::open(actor.data_key(), actor.user, user.locker.as_deref());
    Ok((opened, user.locker))
}

/// Changes the locker with `change` and stores it sealed afresh, as a touch of the actor's
/// session, only over the locker it read (a reseal racing it: read again and tried on top).
async fn update(actor: &Actor, change: impl Fn(&mut Locker)) -> Result<()> {
    let session = actor.session.ok_or(Error::Internal)?;
    for _ in 0..3 {
        let (mut l, was) = stored(actor).await?;
        change(&mut l);
        let sealed = locker::seal(actor.data_key(), actor.user, &l).ok_or(Error::Internal)?;
        let swap = kintsugi_store::LockerSwap { was, now: sealed };
        match actor.store.touch_session(session, now(), Some(swap)).await {
            Err(kintsugi_store::StoreError::Stale) => continue,
            done => return Ok(done?),
        }
    }
    Err(kintsugi_store::StoreError::Stale.into())
}

/// Takes the check: the reading at once; kept only if asked (then replacing any kept before).
pub async fn take(actor: &Actor, new: &NewSafetyCheck) -> Result<SafetyReading> {
    let answers: Vec<(Ask, HowOften)> = new.answers.iter().map(|(a, o)| (*a, *o)).collect();
    let check = Check::parse(&answers, &new.priorities)?;
    if check.danger() {
        // No e-mail reaches someone whose answers suggest danger, unless they turn it back on
        // themselves: an inbox others may read is no place for reminders now. Nothing else is
        // stored (an e-mail switch that is off says nothing about why).
        actor.store.email_off(actor.user).await?;
    }
    if !new.keep {
        return Ok(reading(actor, &check, None));
    }
    let at = now();
    update(actor, |l| l.safety = Some((check.clone(), at))).await?;
    Ok(reading(actor, &check, Some(at)))
}

/// What the actor kept, read back, if anything.
pub async fn kept(actor: &Actor) -> Result<Option<SafetyReading>> {
    let (l, _) = stored(actor).await?;
    Ok(l.safety.map(|(check, at)| reading(actor, &check, Some(at))))
}

/// Erases what the actor kept (the locker stays, empty, the same size).
pub async fn erase(actor: &Actor) -> Result<()> {
    update(actor, |l| l.safety = None).await
}
