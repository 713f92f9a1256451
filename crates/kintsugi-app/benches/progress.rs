//! How long progress takes at the far end of real use: five years of daily data in every
//! series (seven series, 12,775 points), counted into up to 261 weeks on a person's clock. The
//! baseline, in the same run, only sums the points.

#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use kintsugi_app::progress::{Period, five_years_of_daily_data, weekly};
use kintsugi_domain::Zone;

fn bench(c: &mut Criterion) {
    let now = 1_796_000_000;
    let data = five_years_of_daily_data(now);
    let zone = Zone::parse("Europe/London").expect("a zone");
    let mut g = c.benchmark_group("progress");
    g.bench_function("baseline: sum every point", |b| {
        b.iter(|| {
            data.iter()
                .flat_map(|s| s.points.iter().map(|(_, v)| *v))
                .sum::<f64>()
        })
    });
    g.bench_function("five signs: 5 years of daily data, everything", |b| {
        b.iter(|| weekly(&data, &zone, now, Period::All))
    });
    g.bench_function("five signs: 5 years of daily data, last 6 months", |b| {
        b.iter(|| weekly(&data, &zone, now, Period::Months6))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
