//! How long a Promises page's reliability takes at the far end of real use: a couple with three
//! daily promises kept for five years (5,475 marked days), computed into 26 weekly points.
//! The baseline, in the same run, only lays out the calendar of those days. And the triggers
//! patterns of five years of daily log entries.

#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::Date;
use kintsugi_domain::promises::Schedule;

fn bench(c: &mut Criterion) {
    let today: Date = "2026-11-27".parse().expect("a date");
    let mut g = c.benchmark_group("promises");
    g.bench_function("baseline: the calendar of 3 × 5 years of days", |b| {
        let s = Schedule::Daily {
            from: "2021-11-28".into(),
        };
        b.iter(|| (0..3).map(|_| s.days_until(today).len()).sum::<usize>())
    });
    g.bench_function(
        "reliability: 3 daily promises × 5 years into 26 weeks",
        |b| b.iter(|| kintsugi_app::promises::five_years(3, today)),
    );
    let entries: Vec<(i64, kintsugi_domain::triggers::Entry)> = (0..5 * 365i64)
        .map(|i| {
            let kind = kintsugi_domain::triggers::TriggerKind::ALL[(i % 5) as usize];
            let words = kintsugi_domain::triggers::Words {
                situation: "No answer for three hours.",
                fear: "",
                evidence_for: "",
                evidence_against: "",
                need: "",
            };
            let e = kintsugi_domain::triggers::Entry::parse(
                kind,
                &words,
                (i % 11) as u8,
                (i % 7) as u8,
                &[],
            )
            .expect("valid");
            (1_795_800_000 - i * 86_400, e)
        })
        .collect();
    let zone = kintsugi_domain::Zone::parse("Europe/Paris").expect("known");
    g.bench_function("patterns: 5 years of daily trigger entries", |b| {
        b.iter(|| kintsugi_app::triggers::patterns_of(&entries, false, &zone, 1_795_800_000))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
