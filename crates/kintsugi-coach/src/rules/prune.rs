//! What each report-of-harm pattern adds beyond the concept reader and the other patterns: a
//! development tool, run by hand (`cargo test -p kintsugi-coach --release --lib prune --
//! --ignored --nocapture`). It drops patterns one at a time, keeping a drop only when every
//! account of harm and every threat in the pool still raises the safety signal; it never reads
//! the validation split or the holdouts that are never tuned on (3, 5, 6, 7).

use crate::coach::Coach;
use crate::rules::{RULES, Target};
use crate::{Kind, SafetyKind};

const POOL: [&str; 6] = [
    include_str!("../../data/corpus_train.tsv"),
    include_str!("../../data/corpus_holdout.tsv"),
    include_str!("../../data/corpus_holdout2.tsv"),
    include_str!("../../data/corpus_holdout4.tsv"),
    include_str!("../../tests/data/dev_examples.tsv"),
    include_str!("../../tests/data/outside_probes.tsv"),
];

/// Which sentences raise the safety signal: accounts and threats (must), the rest (must not).
fn raised(coach: &Coach) -> (Vec<bool>, usize) {
    let mut must = Vec::new();
    let mut false_alarms = 0;
    for line in POOL.iter().flat_map(|t| t.lines().skip(1)) {
        let mut cols = line.splitn(3, '\t');
        let (Some(kind), Some(label), Some(text)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let safety = !coach
            .analyze(Kind::parse(kind).expect("known kind"), text)
            .safety
            .is_empty();
        if matches!(label, "victim_report" | "safety_threat") {
            must.push(safety);
        } else {
            false_alarms += usize::from(safety);
        }
    }
    (must, false_alarms)
}

#[test]
#[ignore = "a development tool: prints the patterns that add nothing"]
fn report_patterns_the_stories_already_carry() {
    let candidates: Vec<&'static str> = RULES
        .iter()
        .flat_map(|r| r.iter())
        .filter(|d| matches!(d.target, Target::Safety(SafetyKind::HarmReport)))
        .flat_map(|d| d.patterns.iter().copied())
        .collect();
    let (base, base_alarms) = raised(&Coach::new());
    let mut skip: Vec<&str> = Vec::new();
    for p in candidates {
        skip.push(p);
        let (now, alarms) = raised(&Coach::without(&skip));
        let lost = base.iter().zip(&now).any(|(b, n)| *b && !n);
        if lost || alarms > base_alarms {
            skip.pop();
        }
    }
    println!("{} patterns add nothing:", skip.len());
    for p in &skip {
        println!("{p}");
    }
}
