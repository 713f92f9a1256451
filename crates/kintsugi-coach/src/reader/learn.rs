//! How the second reader learns, when the coach starts: counting each feature of the pool per
//! class, then turning the counts into log-likelihood ratios.

use rust_stemmers::{Algorithm, Stemmer};

use super::{HARMFUL, LEAVE_ALONE, REPORT, Reader, Weight, stem_key};
use crate::lexicon::{HashedMap, Lexicon, WordMap};
use crate::pattern::word_hash;
use crate::stories::{TOLD, told};

/// What the reader learns from: the training split, the holdouts whose misses were read (1, 2
/// and 4), and the development examples. Never the validation split, nor holdouts 3 and 5.
pub(super) const POOL: [&str; 5] = [
    include_str!("../../data/corpus_train.tsv"),
    include_str!("../../data/corpus_holdout.tsv"),
    include_str!("../../data/corpus_holdout2.tsv"),
    include_str!("../../data/corpus_holdout4.tsv"),
    include_str!("../../tests/data/dev_examples.tsv"),
];

/// More accounts of harm, one per line, for the report reading alone: the development
/// probes' accounts, gathered by `build.rs` (see there for why only they).
pub(super) const ACCOUNTS: &str = include_str!(concat!(env!("OUT_DIR"), "/accounts.txt"));

/// The class the further accounts (`ACCOUNTS`) are counted in.
const MORE_ACCOUNTS: usize = 10;

/// The class the pool's other texts that tell of someone (a partner in the third person, or
/// fear) are counted in again, for the report weights: only such texts are weighed as accounts.
const TOLD_REST: usize = 11;

impl Reader {
    pub(crate) fn new(lex: &Lexicon) -> Reader {
        Reader::learn(
            lex,
            POOL.iter().flat_map(|t| t.lines().skip(1)),
            ACCOUNTS.lines(),
        )
    }

    /// Learns from labelled lines (`kind`, `label`, `text`), and from more accounts of harm
    /// (one text per line) that teach the report reading alone.
    pub(super) fn learn<'a>(
        lex: &Lexicon,
        lines: impl Iterator<Item = &'a str>,
        accounts: impl Iterator<Item = &'a str>,
    ) -> Reader {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut concepts = 0u64;
        let mut concept_keys = Vec::with_capacity(lex.class_count());
        for id in 0..lex.class_count() {
            let name = lex.class_name(id);
            concept_keys.push(word_hash(&format!("@{name}")));
            // Function-word classes are read as their words.
            if !matches!(name, "be" | "intens") {
                concepts |= 1 << id;
            }
        }
        let mut reader = Reader {
            weights: HashedMap::default(),
            stems: HashedMap::default(),
            stemmer,
            concepts,
            concept_keys,
            warm: lex.classes(&["positive", "vpos", "errand"]),
            cold: lex.classes(&["negative", "vneg", "trait", "insult", "negadj", "irony"]),
        };
        // Counts per feature: harmful classes 0..8, "leave alone" at 8 and its accounts of harm
        // at 9 (read as "leave alone" by the harm weights, and on their own by the report ones),
        // the further accounts at 10 and the other texts that tell of someone at 11 (both read
        // by the report weights alone). Sized for the 15,000 features and 2,100 words met, so
        // learning never rehashes.
        let mut counts: WordMap<u64, [u32; 12]> =
            WordMap::with_capacity_and_hasher(1 << 15, Default::default());
        reader.stems.reserve(1 << 12);
        let mut totals = [0u32; 12];
        let mut feats = Vec::new();
        let labelled = lines.filter_map(|line| {
            let mut cols = line.splitn(3, '\t');
            let (Some(_), Some(label), Some(text)) = (cols.next(), cols.next(), cols.next()) else {
                return None;
            };
            let class = match HARMFUL.iter().position(|(l, _)| *l == label) {
                Some(c) => c,
                None if label == "victim_report" => REPORT,
                None if LEAVE_ALONE.contains(&label) => 8,
                None => return None,
            };
            Some((class, text))
        });
        let tells = lex.classes(&TOLD);
        for (class, text) in labelled.chain(accounts.map(|text| (MORE_ACCOUNTS, text))) {
            let sentences = lex.tokenize(text);
            // What else tells of someone is what an account is told apart from.
            let told_rest = class < REPORT && told(tells, &sentences);
            for s in sentences {
                for t in &s.tokens {
                    if !reader.stems.contains_key(&t.hash) {
                        let key = stem_key(&reader.stemmer, &t.norm);
                        reader.stems.insert(t.hash, key);
                    }
                }
                feats.clear();
                reader.features(&s, &mut feats);
                for f in &feats {
                    let c = counts.entry(f.key).or_default();
                    c[class] += 1;
                    totals[class] += 1;
                    if told_rest {
                        c[TOLD_REST] += 1;
                        totals[TOLD_REST] += 1;
                    }
                }
            }
        }
        // The coaching weights know the pool's features only; the report weights all of them.
        let vocab = counts
            .values()
            .filter(|c| c[..=REPORT].iter().any(|n| *n > 0))
            .count() as f32;
        let report_vocab = counts.len() as f32;
        // Each weight is a difference of logarithms: of a count plus one (looked up, as counts
        // are mostly small) and of a class's total plus the vocabulary (once per class).
        let small: Vec<f32> = (1..=1024u16).map(|n| f32::from(n).ln()).collect();
        let ln1 = |n: u32| {
            small
                .get(n as usize)
                .copied()
                .unwrap_or_else(|| (n as f32 + 1.0).ln())
        };
        let ln_total = |total: u32, vocab: f32| (total as f32 + vocab).ln();
        let class_totals: [f32; 8] = std::array::from_fn(|i| ln_total(totals[i], vocab));
        let harm_total = ln_total(totals[..8].iter().sum(), vocab);
        let alone_total = ln_total(totals[8] + totals[REPORT], vocab);
        let accounts_total = ln_total(totals[REPORT] + totals[MORE_ACCOUNTS], report_vocab);
        let told_total = ln_total(totals[TOLD_REST], report_vocab);
        reader.weights.reserve(counts.len());
        for (k, c) in &counts {
            let report = (ln1(c[REPORT] + c[MORE_ACCOUNTS]) - accounts_total)
                - (ln1(c[TOLD_REST]) - told_total);
            if c[..=REPORT].iter().all(|n| *n == 0) {
                // Only the further accounts know it: no weight for coaching.
                let (harm, class) = (0.0, [0.0; 8]);
                reader.weights.insert(
                    *k,
                    Weight {
                        harm,
                        class,
                        report,
                    },
                );
                continue;
            }
            let kind = ln1(c[8] + c[REPORT]) - alone_total;
            let harmful: u32 = c[..8].iter().sum();
            let class: [f32; 8] = std::array::from_fn(|i| ln1(c[i]) - class_totals[i] - kind);
            let harm = ln1(harmful) - harm_total - kind;
            reader.weights.insert(
                *k,
                Weight {
                    harm,
                    class,
                    report,
                },
            );
        }
        reader
    }
}
