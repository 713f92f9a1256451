//! The registry of the program's steps: the one shared place that names them. Each step
//! declares itself ([`Step`]) in its own module; the program page, Home, the inbox, what falls
//! due, the guide and export walk this list. Adding a step adds one line here.

pub use crate::step::Step;
use crate::{
    agreements, apology, closeness, control, health, promises, roots, support, talk, triggers,
};

/// The steps that are ready, in the program's order.
pub const STEPS: &[Step] = &[
    roots::STEP,
    talk::STEP,
    apology::STEP,
    agreements::STEP,
    promises::STEP,
    triggers::STEP,
    closeness::STEP,
    control::STEP,
    support::STEP,
    health::STEP,
];

/// Which steps the actor has used (written anything of), in the registry's order: one store
/// query, one index probe a kind.
pub async fn used(actor: &crate::Actor) -> crate::Result<Vec<bool>> {
    let kinds: Vec<String> = STEPS
        .iter()
        .flat_map(|s| s.kinds.iter().map(|k| k.as_str().to_string()))
        .collect();
    let written = actor.store.kinds_written(actor.user, &kinds).await?;
    Ok(STEPS
        .iter()
        .map(|s| {
            s.kinds
                .iter()
                .any(|k| written.iter().any(|w| w == k.as_str()))
        })
        .collect())
}

/// The step of this slug.
pub fn by_slug(slug: &str) -> Option<&'static Step> {
    STEPS.iter().find(|s| s.slug == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_in_order_and_names_belong_to_one_step() {
        for (i, s) in STEPS.iter().enumerate() {
            assert_eq!(usize::from(s.number), i + 1);
        }
        let unique = |names: Vec<&str>| {
            let n = names.len();
            let mut sorted = names;
            sorted.sort_unstable();
            sorted.dedup();
            sorted.len() == n
        };
        let kinds = STEPS
            .iter()
            .flat_map(|s| s.kinds.iter().map(|k| k.as_str()));
        assert!(unique(kinds.collect()), "no record kind in two steps");
        let waits = STEPS.iter().flat_map(|s| s.waits.iter().map(|w| w.0));
        assert!(unique(waits.collect()), "no inbox kind in two steps");
        let falls = STEPS.iter().flat_map(|s| s.falls.iter().map(|f| f.kind));
        assert!(unique(falls.collect()), "no due kind in two steps");
        assert!(unique(STEPS.iter().map(|s| s.slug).collect()));
        for s in STEPS {
            for e in s.efforts {
                assert!(
                    s.kinds.iter().any(|k| k.as_str() == e.kind),
                    "{}'s effort {} is one of its own kinds",
                    s.slug,
                    e.kind
                );
            }
        }
    }
}
