//! Quality on the labelled development examples: per-label accuracy must be at least 95%.

use std::collections::BTreeMap;

use kintsugi_coach::{Category, Kind, analyze};

const EXAMPLES: &str = include_str!("data/dev_examples.tsv");

/// Categories that count as the label's own problem.
fn expected(label: &str) -> Option<&'static [Category]> {
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

const GOOD: &[&str] = &[
    "i_statement",
    "apology_good",
    "boundary_healthy",
    "praise_you",
    "victim_report",
];
const SAFETY: &[&str] = &["victim_report", "safety_threat"];

#[test]
fn dev_examples_per_label_accuracy_is_at_least_95_percent() {
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for line in EXAMPLES.lines().skip(1) {
        let mut cols = line.splitn(3, '\t');
        let (Some(kind), Some(label), Some(text)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let kind = Kind::parse(kind).expect("known kind");
        let a = analyze(kind, text);
        let cats = a.categories();
        let mut ok = true;
        if let Some(want) = expected(label) {
            ok &= cats.iter().any(|c| want.contains(c));
        }
        if GOOD.contains(&label) {
            ok &= cats.is_empty();
        }
        if SAFETY.contains(&label) {
            ok &= !a.safety.is_empty();
        }
        let e = tally.entry(label).or_default();
        e.1 += 1;
        if ok {
            e.0 += 1;
        } else {
            misses.push(format!(
                "{label}: {text} -> {cats:?} safety={}",
                a.safety.len()
            ));
        }
    }
    let mut failed = false;
    for (label, (ok, n)) in &tally {
        let acc = *ok as f64 / *n as f64;
        println!("{label:20} {ok:3}/{n:3} = {:5.1}%", acc * 100.0);
        failed |= acc < 0.95;
    }
    for m in &misses {
        println!("miss: {m}");
    }
    assert!(tally.len() >= 14, "every label is present");
    assert!(!failed, "a label is under 95%:\n{}", misses.join("\n"));
}
