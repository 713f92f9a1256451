//! The second reader: a naive Bayes model over words and word pairs, learned when the coach
//! starts from our own labelled sentences (`data/`: the training and validation splits and the
//! first holdout; never the second holdout, which measures it). It reads what no phrase rule
//! names ("every birthday, forgotten, that's you") and stays explainable: a finding it raises
//! quotes the sentence that carried it and names the words that weighed most.
//!
//! It only speaks when the rules found nothing and no safety signal was raised, and only above
//! a threshold chosen by cross-validation on the training pool for specificity (so kind words
//! are left alone at least 95 times in 100 there). Reports of harm and threats are in its
//! "leave alone" class: it never coaches them.

use crate::coach::{Coach, span};
use crate::lexicon::{Fnv, WordMap};
use crate::rules::{self, Target};
use crate::text::{self, Sentence};
use crate::{Category, Finding};

use std::hash::Hasher;

const POOL: [&str; 3] = [
    include_str!("../data/corpus_train.tsv"),
    include_str!("../data/corpus_validation.tsv"),
    include_str!("../data/corpus_holdout.tsv"),
];

/// The harmful labels, in the order of the model's class weights.
const HARMFUL: [(&str, Category); 8] = [
    ("criticism", Category::Criticism),
    ("contempt", Category::Contempt),
    ("defensiveness", Category::Defensiveness),
    ("stonewalling", Category::Stonewalling),
    ("mind_reading", Category::MindReading),
    ("ultimatum", Category::Ultimatum),
    ("apology_minimizing", Category::Minimizing),
    ("control_demand", Category::Control),
];

/// Labels that must be left alone by coaching (kind words, and reports and threats, which get
/// safety resources instead).
const LEAVE_ALONE: [&str; 6] = [
    "i_statement",
    "apology_good",
    "boundary_healthy",
    "praise_you",
    "victim_report",
    "safety_threat",
];

/// Log-odds a text must pass (cross-validated on the pool: sensitivity 0.49, specificity 0.96).
const THRESHOLD: f32 = 5.0;

/// What the reader concluded about a text.
pub(crate) struct Reading {
    pub(crate) category: Category,
    /// The sentence that weighed most.
    pub(crate) sentence: usize,
    /// The words that weighed most, most first.
    pub(crate) words: Vec<String>,
}

/// The learned weights: per feature, the log-likelihood ratio of harmful against kind, and per
/// harmful class the same ratio for that class (to name the category).
pub(crate) struct Reader {
    harm: WordMap<u64, f32>,
    class: WordMap<u64, [f32; 8]>,
}

fn key(a: &str, b: Option<&str>) -> u64 {
    let mut h = Fnv::default();
    h.write(a.as_bytes());
    if let Some(b) = b {
        h.write(b" ");
        h.write(b.as_bytes());
    }
    h.finish()
}

/// The features of one sentence: its words and its adjacent word pairs (clause marks left out).
fn features<'a>(s: &'a Sentence<'_>) -> impl Iterator<Item = (u64, &'a str)> + 'a {
    let words: Vec<&str> = s
        .tokens
        .iter()
        .map(|t| t.norm.as_ref())
        .filter(|w| *w != ",")
        .collect();
    let pairs: Vec<(u64, &str)> = words
        .windows(2)
        .map(|w| (key(w[0], Some(w[1])), w[0]))
        .collect();
    words.into_iter().map(|w| (key(w, None), w)).chain(pairs)
}

impl Reader {
    pub(crate) fn new() -> Reader {
        // Counts per feature: harmful classes 0..8, and "leave alone" at 8.
        let mut counts: WordMap<u64, [u32; 9]> = WordMap::default();
        let mut totals = [0u32; 9];
        for line in POOL.iter().flat_map(|t| t.lines().skip(1)) {
            let mut cols = line.splitn(3, '\t');
            let (Some(_), Some(label), Some(text)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let class = match HARMFUL.iter().position(|(l, _)| *l == label) {
                Some(c) => c,
                None if LEAVE_ALONE.contains(&label) => 8,
                None => continue,
            };
            for s in text::sentences(text) {
                for (k, _) in features(&s) {
                    counts.entry(k).or_default()[class] += 1;
                    totals[class] += 1;
                }
            }
        }
        let vocab = counts.len() as f32;
        let harm_total: u32 = totals[..8].iter().sum();
        let p = |count: u32, total: u32| (count as f32 + 1.0) / (total as f32 + vocab);
        let mut harm = WordMap::default();
        let mut class = WordMap::default();
        for (k, c) in &counts {
            let kind = p(c[8], totals[8]);
            let harmful: u32 = c[..8].iter().sum();
            harm.insert(*k, (p(harmful, harm_total) / kind).ln());
            let mut per = [0f32; 8];
            for (i, w) in per.iter_mut().enumerate() {
                *w = (p(c[i], totals[i]) / kind).ln();
            }
            class.insert(*k, per);
        }
        Reader { harm, class }
    }

    /// Reads a whole text: a finding when it weighs past the threshold, else nothing.
    pub(crate) fn read(&self, sentences: &[Sentence<'_>]) -> Option<Reading> {
        let mut total = 0f32;
        let mut per_class = [0f32; 8];
        let mut best = (f32::MIN, 0usize);
        let mut words: Vec<(f32, &str)> = Vec::new();
        for (si, s) in sentences.iter().enumerate() {
            let mut here = 0f32;
            for (k, word) in features(s) {
                let Some(w) = self.harm.get(&k) else {
                    continue;
                };
                here += w;
                words.push((*w, word));
                if let Some(c) = self.class.get(&k) {
                    for (acc, x) in per_class.iter_mut().zip(c) {
                        *acc += x;
                    }
                }
            }
            total += here;
            if here > best.0 {
                best = (here, si);
            }
        }
        if total <= THRESHOLD {
            return None;
        }
        let top = per_class
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map_or(0, |(i, _)| i);
        words.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut named: Vec<String> = Vec::new();
        for (_, w) in words {
            if named.len() == 3 {
                break;
            }
            if !named.iter().any(|n| n == w) {
                named.push(w.to_string());
            }
        }
        Some(Reading {
            category: HARMFUL[top].1,
            sentence: best.1,
            words: named,
        })
    }
}

impl Coach {
    /// The second reader's finding, worded like the rules' own for its category and naming the
    /// words that weighed most.
    pub(crate) fn second_reading(&self, text: &str, sentences: &[Sentence<'_>]) -> Option<Finding> {
        let r = self.reader.read(sentences)?;
        let toks = &sentences.get(r.sentence)?.tokens;
        let (start, end) = (toks.first()?.start, toks.last()?.end);
        let span = span(text, start, end);
        let rule = self.rules.iter().find(|d| {
            matches!(d.target, Target::Finding(c) if c == r.category) && !d.suggestion.is_empty()
        });
        let (why, suggestion) = rule.map_or_else(
            || rules::default_words(r.category),
            |d| (d.why, d.suggestion),
        );
        let quoted: Vec<String> = r.words.iter().map(|w| format!("“{w}”")).collect();
        Some(Finding {
            category: r.category,
            why: format!(
                "Read as a whole, this may land as {}: words like {} often carry it. {why}",
                r.category.label().to_lowercase(),
                quoted.join(", ")
            ),
            suggestion: suggestion.replace("{quote}", &span.text),
            span,
        })
    }
}
