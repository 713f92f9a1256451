//! How long a Promises page's reliability takes at the far end of real use: a couple with three
//! daily promises kept for five years (5,475 marked days), computed into 26 weekly points.
//! The baseline, in the same run, only lays out the calendar of those days.

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
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
