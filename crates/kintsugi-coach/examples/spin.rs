//! Analyzes the development examples in a loop for a profiler (a development aid).
#![allow(clippy::unwrap_used)]
fn main() {
    let tsv = include_str!("../tests/data/dev_examples.tsv");
    let texts: Vec<(kintsugi_coach::Kind, &str)> = tsv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut c = l.splitn(3, '\t');
            let k = kintsugi_coach::Kind::parse(c.next()?)?;
            c.next()?;
            Some((k, c.next()?))
        })
        .collect();
    let letter: String = texts.iter().map(|(_, t)| *t).collect::<Vec<_>>().join(" ");
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    for _ in 0..rounds {
        for (k, t) in &texts {
            std::hint::black_box(kintsugi_coach::analyze(*k, t));
        }
        std::hint::black_box(kintsugi_coach::analyze(
            kintsugi_coach::Kind::Message,
            &letter,
        ));
    }
}
