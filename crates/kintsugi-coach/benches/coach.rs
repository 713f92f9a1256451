#![allow(missing_docs)] // criterion's macros generate undocumented items
//! Throughput and per-message latency of the coach on a realistic mix.
//!
//! The baseline in the same run is `str::to_lowercase` over the same bytes: the cheapest pass
//! that still touches every character, so the ratio says what the analysis costs on top of it.

use criterion::{Criterion, Throughput, criterion_group};
use kintsugi_coach::{Kind, analyze};
use std::hint::black_box;

const EXAMPLES: &str = include_str!("../tests/data/dev_examples.tsv");

fn corpus() -> Vec<(Kind, String)> {
    let mut out: Vec<(Kind, String)> = EXAMPLES
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut c = l.splitn(3, '\t');
            let kind = Kind::parse(c.next()?)?;
            c.next()?;
            Some((kind, c.next()?.to_string()))
        })
        .collect();
    // A few long letters: the whole set of messages joined, as someone pouring it all out.
    let letter: String = out
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for kind in [Kind::Message, Kind::Apology, Kind::Request] {
        out.push((kind, letter.clone()));
    }
    out
}

fn bench(c: &mut Criterion) {
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(|(_, t)| t.len()).sum();
    let mut g = c.benchmark_group("mix");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("baseline_lowercase", |b| {
        b.iter(|| {
            for (_, t) in &corpus {
                black_box(t.to_lowercase());
            }
        })
    });
    g.bench_function("analyze", |b| {
        b.iter(|| {
            for (k, t) in &corpus {
                black_box(analyze(*k, t));
            }
        })
    });
    g.finish();

    let message = "I know you said you'd be home by seven, and you always come home late and never \
                   bother to tell me. It's not just tonight. Whatever. I'm sorry if that sounds \
                   harsh, but I was worried. Could you text me next time? I'd really like that.";
    let mut g = c.benchmark_group("message_300_chars");
    g.throughput(Throughput::Bytes(message.len() as u64));
    g.bench_function("analyze", |b| {
        b.iter(|| black_box(analyze(Kind::Message, black_box(message))))
    });
    g.finish();
}

/// Per-message latency over the realistic mix (each text timed alone, many rounds): the
/// percentiles the typing-pause budget cares about.
fn latency_report() {
    let corpus: Vec<(Kind, String)> = corpus()
        .into_iter()
        .filter(|(_, t)| t.len() <= 1_000)
        .collect();
    let mut samples = Vec::with_capacity(corpus.len() * 200);
    for _ in 0..200 {
        for (k, t) in &corpus {
            let start = std::time::Instant::now();
            black_box(analyze(*k, black_box(t)));
            samples.push(start.elapsed());
        }
    }
    samples.sort();
    let pct = |p: f64| samples[((samples.len() - 1) as f64 * p) as usize];
    println!(
        "per-message latency over {} analyses of {} messages: p50 {:?}, p99 {:?}, max {:?}",
        samples.len(),
        corpus.len(),
        pct(0.50),
        pct(0.99),
        samples[samples.len() - 1]
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    latency_report();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
