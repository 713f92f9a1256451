//! Quality on the labelled development examples: per-label accuracy must be at least 95%.

mod common;

const EXAMPLES: &str = include_str!("data/dev_examples.tsv");

#[test]
fn dev_examples_per_label_accuracy_is_at_least_95_percent() {
    let (tally, misses) = common::score(EXAMPLES);
    common::print("development examples", &tally);
    for m in &misses {
        println!("miss: {m}");
    }
    assert!(tally.len() >= 14, "every label is present");
    let under: Vec<_> = tally
        .iter()
        .filter(|(_, t)| (t.ok as f64) < 0.95 * t.n as f64)
        .map(|(label, _)| label.clone())
        .collect();
    assert!(
        under.is_empty(),
        "under 95%: {under:?}\n{}",
        misses.join("\n")
    );
}
