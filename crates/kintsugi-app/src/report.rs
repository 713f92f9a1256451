//! A report for a therapist, as the registry gives it: each step's part of what both partners
//! could read over a period (`Step::telling`), and the indicators a person may choose to add of
//! their own (the series a step gives to the signs of progress). Names no step.

use kintsugi_domain::support::{Indicator, MonthValue};

use crate::measure::Per;
use crate::steps::STEPS;
use crate::told::{Section, Span};
use crate::waiting::BoxFuture;
use crate::{Actor, Result, now};

/// Every step's part over `span`, in the program's order; steps with nothing are left out.
pub fn contents(actor: &Actor, span: Span) -> BoxFuture<'_, Result<Vec<Section>>> {
    Box::pin(async move {
        let mut sections = Vec::new();
        for step in STEPS {
            if let Some(tells) = step.tells {
                let mut items = tells(actor, span).await?;
                items.retain(|t| span.holds(t.at));
                items.sort_by_key(|t| t.at);
                if !items.is_empty() {
                    sections.push(Section {
                        number: step.number,
                        slug: step.slug.to_string(),
                        items,
                    });
                }
            }
        }
        Ok(sections)
    })
}

/// The names of the indicators a person can add of their own (their series for the signs of
/// progress).
pub async fn offered(actor: &Actor) -> Result<Vec<&'static str>> {
    let mut names = Vec::new();
    for step in STEPS {
        if let Some(measure) = step.measures {
            names.extend(measure(actor, now()).await?.iter().map(|s| s.name));
        }
    }
    Ok(names)
}

/// The actor's indicators of these names over `span`, month by month on their clock (a mean,
/// or how many, as the series adds up).
pub fn indicators<'a>(
    actor: &'a Actor,
    span: Span,
    names: &'a [String],
) -> BoxFuture<'a, Result<Vec<Indicator>>> {
    Box::pin(async move {
        let mut out = Vec::new();
        for step in STEPS {
            let Some(measure) = step.measures else {
                continue;
            };
            for s in measure(actor, span.from).await? {
                if !names.iter().any(|n| n == s.name) {
                    continue;
                }
                let mut months: Vec<(String, String, f64, u32)> = Vec::new();
                for (t, v) in s.points.iter().filter(|(t, _)| span.holds(*t)) {
                    let key = actor.zone.format(*t, "%Y-%m");
                    match months.iter_mut().find(|m| m.0 == key) {
                        Some(m) => {
                            m.2 += v;
                            m.3 += 1;
                        }
                        None => months.push((key, actor.zone.format(*t, "%B %Y"), *v, 1)),
                    }
                }
                months.sort_by(|a, b| a.0.cmp(&b.0));
                out.push(Indicator {
                    name: s.name.to_string(),
                    unit: s.unit.to_string(),
                    months: months
                        .into_iter()
                        .map(|(_, month, sum, n)| MonthValue {
                            month,
                            value: Some(match s.per {
                                Per::Count => sum,
                                Per::Mean => sum / f64::from(n),
                            }),
                            points: n,
                        })
                        .collect(),
                });
            }
        }
        Ok(out)
    })
}
