//! The phrase index: every pattern, by the word that can start it (and, where the pattern fixes
//! it, by the word that must follow), each candidate carrying what it needs of a sentence so
//! most are ruled out without reaching the pattern.

use crate::lexicon::{HashedMap, Lexicon};
use crate::pattern::{Pattern, word_hash};
use crate::rules::Marker;

/// Patterns that start with one word: those that fix the next word, by that word, and the rest.
#[derive(Default)]
pub(crate) struct Bucket {
    pub(crate) by_next: HashedMap<Vec<Candidate>>,
    pub(crate) any_next: Vec<Candidate>,
}

/// A pattern in a bucket, with what it needs of a sentence folded into its entry: most
/// candidates are ruled out here, without reaching the pattern itself.
#[derive(Clone, Copy)]
pub(crate) struct Candidate {
    /// The words the pattern needs, as the sentence's Bloom filter folded to one word.
    pub(crate) words: u64,
    /// The classes the pattern needs.
    pub(crate) classes: u64,
    pub(crate) pid: u32,
    pub(crate) entry: Entry,
}

/// What an indexed pattern belongs to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Entry {
    Rule(u32),
    Marker(Marker),
    Control,
}

/// The index being built: buckets by first word, and the patterns they refer to.
pub(crate) struct Indexing<'l> {
    pub(crate) lex: &'l Lexicon,
    pub(crate) map: HashedMap<Bucket>,
    pub(crate) patterns: Vec<Pattern>,
}

impl Indexing<'_> {
    pub(crate) fn add(&mut self, value: Entry, source: &str) {
        for one in crate::pattern::expand(source) {
            self.add_one(value, &one);
        }
    }

    fn add_one(&mut self, value: Entry, source: &str) {
        let (lex, map) = (self.lex, &mut self.map);
        let p = Pattern::parse(source, lex);
        let id = u32::try_from(self.patterns.len()).expect("fewer than 4 billion patterns");
        let second = p.second_words(lex);
        let (words, classes) = p.needs();
        let value = Candidate {
            words,
            classes,
            pid: id,
            entry: value,
        };
        for w in p.first_words(lex) {
            let bucket = map.entry(word_hash(w)).or_default();
            match &second {
                Some(next) => {
                    // Most words that start patterns with a fixed next word start several.
                    if bucket.by_next.is_empty() {
                        bucket.by_next.reserve(8);
                    }
                    for n in next {
                        bucket.by_next.entry(word_hash(n)).or_default().push(value);
                    }
                }
                None => bucket.any_next.push(value),
            }
        }
        self.patterns.push(p);
    }
}
