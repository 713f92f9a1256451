//! Step 9, Support: signals that suggest professional help, each with its reason in plain
//! words and the facts behind it, private to the person and dismissible; where to find help
//! is the web's (the lines and directories whoever runs the instance configured).

use kintsugi_domain::Visibility;
use kintsugi_domain::roots::{Checklist, Origin};
use kintsugi_domain::support::{
    Dismissal, ReportAddition, ReportAnswer, ReportRequest, ReportWithdrawal, Signal,
};
use kintsugi_domain::talk::TalkReflection;
use kintsugi_domain::triggers::Entry;
use serde::Serialize;

use crate::records::{self, Page};
use crate::step::Step;
use crate::{Actor, Result, now};

crate::record_kinds!(
    Dismissal => "support_dismissal" [],
    ReportRequest => "report" [],
    ReportAnswer => "report_answer" [],
    ReportWithdrawal => "report_withdrawal" [],
    ReportAddition => "report_addition" [],
);

pub mod reports;

/// Step 9 in the registry.
pub const STEP: Step = Step::new(9, "support", KINDS).for_one().waiting(
    &[reports::ASKED, reports::ANSWERED, reports::WITHDRAWN],
    reports::describe,
);

/// What Support refuses, besides what every step can.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// Answering one's own request.
    #[error("This is your own request. Your partner answers it.")]
    OwnReport,
    /// A link before both agreed, or after consent was withdrawn.
    #[error("A link can be made only while you both agree to the report.")]
    NotAgreed,
}

crate::error::refusals!(Refusal);

/// How long a signal set aside stays aside.
pub const ASIDE_DAYS: i64 = 30;

/// A signal, with why and the facts behind it.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignalView {
    /// Which signal.
    pub signal: Signal,
    /// Its name.
    pub title: &'static str,
    /// Why it suggests help.
    pub reason: &'static str,
    /// The facts behind it, from the person's own records (and, for shared effort, what both
    /// can see).
    pub facts: Vec<String>,
}

/// The signals that apply to the actor now and that they haven't set aside in the last thirty
/// days (with `danger`, from a safety check they kept, support of their own comes first). `lately` is how many shared things each partner added lately (yours, theirs), from
/// mutual effort.
pub async fn signals(actor: &Actor, lately: (u32, u32), danger: bool) -> Result<Vec<SignalView>> {
    let now = now();
    let mut found: Vec<(Signal, Vec<String>)> = Vec::new();
    if danger {
        let fact = "From the safety check you chose to keep.".to_string();
        found.push((Signal::OwnSupport, vec![fact]));
    }
    let (roots, _) = records::page::<Checklist>(actor, Page::first(1)).await?;
    if roots.iter().any(|c| {
        c.mine
            && c.body
                .origins
                .iter()
                .any(|o| o.origin == Origin::Infidelity)
    }) {
        let fact = "Your roots checklist names infidelity or emotional cheating.".to_string();
        found.push((Signal::Infidelity, vec![fact]));
    }
    let (talks, _) = records::page::<TalkReflection>(actor, Page::first(5)).await?;
    let rated: Vec<_> = talks.iter().filter(|t| t.mine).collect();
    let fights = rated.iter().filter(|t| t.body.turned_into_fight).count();
    if rated.len() >= 2 && fights * 2 >= rated.len() {
        let fact = format!(
            "{fights} of your last {} rated talks turned into a fight.",
            rated.len()
        );
        found.push((Signal::Fights, vec![fact]));
    }
    let entries = records::since::<Entry>(actor, now - 56 * 86_400).await?;
    let split = now - 28 * 86_400;
    let strength = |earlier: bool| {
        let xs: Vec<f64> = entries
            .iter()
            .filter(|e| e.mine && (e.created_at < split) == earlier)
            .map(|e| f64::from(e.body.before))
            .collect();
        (xs.len(), xs.iter().sum::<f64>() / xs.len().max(1) as f64)
    };
    let ((n1, before), (n2, lately_strength)) = (strength(true), strength(false));
    if n1 >= 2 && n2 >= 2 && lately_strength >= before {
        let fact = format!(
            "How strong your triggers were at first: {before:.1} out of 10 on average in the four weeks before, {lately_strength:.1} in the last four ({} entries).",
            n1 + n2
        );
        found.push((Signal::NotEasing, vec![fact]));
    }
    if let Some(c) = &actor.couple {
        let (yours, theirs) = lately;
        if (yours == 0) != (theirs == 0) {
            let fact = format!(
                "Since the start of last month, you added {} and {} added {theirs}.",
                crate::words::shared_things(yours),
                c.partner_display_name
            );
            found.push((Signal::OneSided, vec![fact]));
        }
    }
    let aside = records::since::<Dismissal>(actor, now - ASIDE_DAYS * 86_400).await?;
    Ok(found
        .into_iter()
        .filter(|(s, _)| !aside.iter().any(|d| d.mine && d.body.signal == *s))
        .map(|(signal, facts)| SignalView {
            title: signal.label(),
            reason: signal.reason(),
            signal,
            facts,
        })
        .collect())
}

/// Sets a signal aside for thirty days (private).
pub async fn dismiss(actor: &Actor, signal: Signal) -> Result<()> {
    records::create(actor, Visibility::Private, None, &Dismissal { signal }).await?;
    Ok(())
}
