//! Mutual effort: the shared facts each partner added, month by month (what the registry's
//! steps declare as effort: a talk proposed, an apology delivered, a check-in both gave). Only
//! what both can read counts, and nothing is opened: a record's author, time and pair are
//! enough. Both partners see the same facts.

use serde::Serialize;

use crate::{Actor, Result, now};

/// One kind of effort, month by month.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EffortRow {
    /// What it is.
    pub what: &'static str,
    /// How many you added, a month each, oldest first.
    pub yours: Vec<u32>,
    /// How many your partner added.
    pub theirs: Vec<u32>,
}

/// The mutual-effort view.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EffortView {
    /// The months, oldest first ("Jul 2026").
    pub months: Vec<String>,
    /// One row a kind of effort.
    pub rows: Vec<EffortRow>,
    /// In words.
    pub words: String,
}

/// How many months the view shows.
pub const MONTHS: usize = 6;

/// The couple's shared facts of the last six months on the actor's clock, by partner. Empty
/// without a partner.
pub async fn effort(actor: &Actor) -> Result<EffortView> {
    let now = now();
    // The last six calendar months on the actor's clock, oldest first.
    let this_month = actor
        .zone
        .format(now, "%Y-%m-01")
        .parse::<jiff::civil::Date>()
        .unwrap_or(jiff::civil::Date::constant(2000, 1, 1));
    let firsts: Vec<jiff::civil::Date> = (0..MONTHS as i64)
        .rev()
        .filter_map(|m| this_month.checked_sub(jiff::Span::new().months(m)).ok())
        .collect();
    let keys: Vec<String> = firsts
        .iter()
        .map(|d| d.strftime("%Y-%m").to_string())
        .collect();
    let months = firsts
        .iter()
        .map(|d| d.strftime("%b %Y").to_string())
        .collect();
    let Some(couple) = actor.couple.as_ref() else {
        return Ok(EffortView {
            months,
            rows: Vec::new(),
            words: "Mutual effort shows once you are paired.".into(),
        });
    };
    let since = now - (MONTHS as i64 + 1) * 31 * 86_400;
    let efforts: Vec<_> = crate::steps::STEPS
        .iter()
        .flat_map(|s| s.efforts.iter())
        .collect();
    let kinds: Vec<String> = efforts.iter().map(|e| e.kind.to_string()).collect();
    let facts = actor
        .store
        .shared_facts(&actor.viewer(), &kinds, since)
        .await?;
    // Each month's first day as a day number on the actor's clock: a fact's month is found
    // without formatting a date for each (a busy half-year holds hundreds of check-ins).
    let starts: Vec<i64> = firsts
        .iter()
        .filter_map(|d| actor.zone.instant(&format!("{d}T00:00")))
        .map(|t| actor.zone.day_number(t))
        .collect();
    let month_of = |t: i64| {
        let day = actor.zone.day_number(t);
        starts.iter().rposition(|s| *s <= day)
    };
    // Who answered each pair, read once: an answer of a pair counts once both gave theirs.
    let mut answered: std::collections::HashMap<(&str, &str), Vec<kintsugi_domain::UserId>> =
        std::collections::HashMap::new();
    for f in &facts {
        if let Some(p) = f.pair.as_deref() {
            answered
                .entry((f.kind.as_str(), p))
                .or_default()
                .push(f.author);
        }
    }
    let both = |f: &kintsugi_store::Fact| match f.pair.as_deref() {
        None => true,
        Some(p) => answered
            .get(&(f.kind.as_str(), p))
            .is_some_and(|who| who.iter().any(|a| *a != f.author)),
    };
    let mut rows = Vec::new();
    for effort in efforts {
        let mut yours = vec![0u32; keys.len()];
        let mut theirs = vec![0u32; keys.len()];
        let these = facts.iter().filter(|f| f.kind == effort.kind && both(f));
        for f in these {
            if let Some(i) = month_of(f.created_at) {
                match f.author == actor.user {
                    true => yours[i] += 1,
                    false => theirs[i] += 1,
                }
            }
        }
        rows.push(EffortRow {
            what: effort.what,
            yours,
            theirs,
        });
    }
    let total = |f: fn(&EffortRow) -> &Vec<u32>| rows.iter().flat_map(|r| f(r).iter()).sum::<u32>();
    let (yours, theirs) = (total(|r| &r.yours), total(|r| &r.theirs));
    let partner = &couple.partner_display_name;
    let words = match (yours, theirs) {
        (0, 0) => "Nothing shared in these months yet.".to_string(),
        (y, t) => format!(
            "In these months you added {} and {partner} added {t}. Effort looks different for different people; this is a place to notice, not to keep score.",
            crate::words::shared_things(y)
        ),
    };
    Ok(EffortView {
        months,
        rows,
        words,
    })
}

/// How many shared things each partner added since the start of last month (yours, theirs).
pub fn lately(view: &EffortView) -> (u32, u32) {
    let from = view.months.len().saturating_sub(2);
    let sum = |f: fn(&EffortRow) -> &Vec<u32>| {
        view.rows
            .iter()
            .flat_map(|r| f(r).iter().skip(from))
            .sum::<u32>()
    };
    (sum(|r| &r.yours), sum(|r| &r.theirs))
}
