//! Scoring labelled sentences: which categories count as each label's own problem, and the
//! tallies the corpus and the development examples report.

use std::collections::BTreeMap;

use kintsugi_coach::{Category, Kind, analyze};

/// Categories that count as the label's own problem (a harmful label).
pub fn expected(label: &str) -> Option<&'static [Category]> {
    use Category::*;
    Some(match label {
        "criticism" => &[Criticism],
        "contempt" => &[Contempt],
        "defensiveness" => &[Defensiveness],
        "stonewalling" => &[Stonewalling],
        "mind_reading" => &[MindReading],
        "ultimatum" => &[Ultimatum],
        "apology_minimizing" => &[Minimizing, Conditional, BlameShift, Excuse],
        "control_demand" => &[Control],
        _ => return None,
    })
}

/// Kind words that must be left alone.
pub const GOOD: &[&str] = &[
    "i_statement",
    "apology_good",
    "boundary_healthy",
    "praise_you",
    "neutral",
];
/// Words that must raise the safety signal.
pub const SAFETY: &[&str] = &["victim_report", "safety_threat"];

/// One label's tally.
#[derive(Default, Debug, Clone, Copy)]
pub struct Tally {
    /// Sentences.
    pub n: usize,
    /// Handled as the label asks: flagged (harmful), left alone (kind), safety raised (harm).
    pub ok: usize,
    /// Harmful sentences flagged with the label's own category.
    pub exact: usize,
    /// Sentences that raised the safety signal.
    pub safety: usize,
}

/// Scores a labelled TSV (`kind`, `label`, `text`); returns tallies by label and the misses.
pub fn score(tsv: &str) -> (BTreeMap<String, Tally>, Vec<String>) {
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for line in tsv.lines().skip(1) {
        let mut cols = line.splitn(3, '\t');
        let (Some(kind), Some(label), Some(text)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let a = analyze(Kind::parse(kind).expect("known kind"), text);
        let cats = a.categories();
        let flagged = !cats.is_empty() || !a.safety.is_empty();
        let (ok, exact) = match expected(label) {
            Some(want) => (flagged, cats.iter().any(|c| want.contains(c))),
            // A report of harm gets safety resources and never a coaching note.
            None if label == "victim_report" => (!a.safety.is_empty() && cats.is_empty(), false),
            None if SAFETY.contains(&label) => (!a.safety.is_empty(), false),
            None => (!flagged, false),
        };
        let t = tally.entry(label.to_string()).or_default();
        t.n += 1;
        t.ok += usize::from(ok);
        t.exact += usize::from(exact);
        t.safety += usize::from(!a.safety.is_empty());
        if !ok {
            misses.push(format!(
                "{label}: {text} -> {cats:?} safety={}",
                a.safety.len()
            ));
        }
    }
    (tally, misses)
}

/// Sensitivity (harmful flagged), specificity (kind left alone) and safety recall.
pub fn summary(tally: &BTreeMap<String, Tally>) -> (f64, f64, f64) {
    let rate = |pick: &dyn Fn(&str) -> bool| {
        let (ok, n) = tally
            .iter()
            .filter(|(l, _)| pick(l))
            .fold((0, 0), |(o, n), (_, t)| (o + t.ok, n + t.n));
        ok as f64 / n.max(1) as f64
    };
    (
        rate(&|l| expected(l).is_some()),
        rate(&|l| GOOD.contains(&l)),
        rate(&|l| SAFETY.contains(&l)),
    )
}

/// Exact category among harmful sentences, and the safety signal's rate on kind words.
pub fn extra(tally: &BTreeMap<String, Tally>) -> (f64, f64) {
    let sum = |pick: &dyn Fn(&str) -> bool, f: &dyn Fn(&Tally) -> usize| {
        tally
            .iter()
            .filter(|(l, _)| pick(l))
            .fold((0, 0), |(o, n), (_, t)| (o + f(t), n + t.n))
    };
    let (exact, harmful) = sum(&|l| expected(l).is_some(), &|t| t.exact);
    let (alarms, kind) = sum(&|l| GOOD.contains(&l), &|t| t.safety);
    (
        exact as f64 / harmful.max(1) as f64,
        alarms as f64 / kind.max(1) as f64,
    )
}

/// Prints the tallies, one line per label.
pub fn print(name: &str, tally: &BTreeMap<String, Tally>) {
    let (sens, spec, safety) = summary(tally);
    let (exact, alarms) = extra(tally);
    println!(
        "== {name}: sensitivity {sens:.2}, specificity {spec:.2}, safety {safety:.2}, \
         exact category {exact:.2}, safety on kind words {alarms:.2}"
    );
    for (label, t) in tally {
        let exact = if expected(label).is_some() {
            format!(" (own category {}/{})", t.exact, t.n)
        } else {
            String::new()
        };
        println!("{label:20} {:3}/{:3}{exact}", t.ok, t.n);
    }
}

/// Scores a holdout whose misses are never printed, prints its figures per label, and holds
/// kind words left alone to `specificity`.
#[allow(
    dead_code,
    reason = "only the corpus tests use it; the development examples share the module"
)]
pub fn holdout(name: &str, tsv: &str, specificity: f64) {
    let (tally, _) = score(tsv);
    print(name, &tally);
    let (_, spec, _) = summary(&tally);
    assert!(spec >= specificity, "kind words are left alone: {spec}");
}
