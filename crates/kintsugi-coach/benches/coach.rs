#![allow(missing_docs)] // criterion's macros generate undocumented items
//! Throughput and per-message latency of the coach on a realistic mix.
//!
//! The baseline in the same run is `str::to_lowercase` over the same bytes: the cheapest pass
//! that still touches every character, so the ratio says what the analysis costs on top of it.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
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

criterion_group!(benches, bench);
criterion_main!(benches);
