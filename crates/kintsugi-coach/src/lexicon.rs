//! Word classes: the coach's vocabulary of people, feelings, traits and actions.
//!
//! Each class is a plain list of lower-case words. Membership is one hash lookup that returns a
//! bit set of every class a word belongs to.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::classes::CLASSES;
use crate::pattern::word_hash;
use crate::text::Sentence;

/// FNV-1a: the coach hashes many short words, where SipHash's DoS resistance buys nothing
/// (the tables are fixed) and costs most of the analysis time.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash map keyed by words, with the fast hasher.
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// For keys that are already word hashes: one multiply spreads them over the table, instead
/// of hashing the hash again byte by byte.
#[derive(Default, Clone, Copy)]
pub(crate) struct Spread(u64);

impl Hasher for Spread {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A hash map keyed by word hashes.
pub(crate) type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<Spread>>;

/// The valence lexicon of VADER (C.J. Hutto, MIT licence; `data/VADER-LICENSE.txt`): the 4,040
/// of its 7,200 words rated strongly either way — a mean valence of 1.5 or more from −4 to +4,
/// each rated by ten people — with the sign of their rating (the milder ones, which the coach
/// doesn't read, are left out of the file, and so are the ratings themselves). It widens the
/// hand-made classes to the words people really use: a strongly negative word said of the
/// partner is a verdict on them (`@vneg`), a strongly positive one is warm (`@vpos`).
const VADER: &str = include_str!("../data/vader.tsv");

/// The superlative of a short plain adjective ("sweet" → "sweetest", "lazy" → "laziest",
/// "nice" → "nicest", "sad" → "saddest"); `None` for words that take "most" or aren't plain.
fn superlative(word: &str) -> Option<String> {
    const NOT_PLAIN: &[&str] = &[
        "ed", "ing", "ly", "s", "ness", "ful", "ous", "ive", "al", "ic", "est", "er", "ion", "ment",
    ];
    let b = word.as_bytes();
    if !(3..=6).contains(&b.len())
        || !b.iter().all(u8::is_ascii_lowercase)
        || NOT_PLAIN.iter().any(|end| word.ends_with(end))
    {
        return None;
    }
    let vowel = |c: u8| b"aeiou".contains(&c);
    let (last, before) = (b[b.len() - 1], b[b.len() - 2]);
    Some(if last == b'y' && !vowel(before) {
        format!("{}iest", &word[..word.len() - 1])
    } else if last == b'e' {
        format!("{word}st")
    } else if b.len() <= 4
        && !vowel(last)
        && vowel(before)
        && !vowel(b[b.len() - 3])
        && !b"wxy".contains(&last)
    {
        format!("{word}{}est", last as char)
    } else {
        format!("{word}est")
    })
}

/// The compiled word classes.
/// Whether a written word is in capitals for emphasis: two letters or more, all upper case.
fn shouted(word: &str) -> bool {
    if word.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        letters += usize::from(c.is_uppercase());
    }
    letters >= 2
}

/// What a word is: its classes, and where the coach's phrase index keeps the patterns it
/// starts (one lookup gives both).
#[derive(Default, Clone, Copy)]
struct Member {
    mask: u64,
    /// One more than the bucket's position in the coach's index; 0 for none.
    bucket: u32,
}

pub(crate) struct Lexicon {
    names: WordMap<&'static str, usize>,
    /// Each word's classes, by the word's hash (the hash tokens carry anyway).
    members: HashedMap<Member>,
    lists: Vec<Vec<Cow<'static, str>>>,
    shout: u64,
}

/// The bit set of the named classes.
fn members_of(names: &WordMap<&'static str, usize>, classes: &[&str]) -> u64 {
    classes
        .iter()
        .filter_map(|c| names.get(c))
        .fold(0, |m, id| m | 1 << id)
}

impl Lexicon {
    pub(crate) fn new() -> Lexicon {
        let mut names = WordMap::default();
        // Sized for the classes' and VADER's 8,000 words, so it never rehashes.
        let mut members: HashedMap<Member> =
            HashedMap::with_capacity_and_hasher(1 << 14, Default::default());
        let mut lists = Vec::new();
        for (id, (name, words)) in CLASSES.iter().enumerate() {
            names.insert(*name, id);
            let list: Vec<Cow<'static, str>> = words.split_whitespace().map(Cow::from).collect();
            for w in &list {
                members.entry(word_hash(w)).or_default().mask |= 1 << id;
            }
            lists.push(list);
        }
        // VADER's words, as two more classes; a word already named a state or a feeling
        // keeps only that reading.
        let calm = members_of(&names, &["state", "feeling"]);
        let (mut neg, mut pos) = (Vec::new(), Vec::new());
        for line in VADER.lines().filter(|l| !l.starts_with('#')) {
            let Some((word, sign)) = line.split_once('\t') else {
                continue;
            };
            if members
                .get(&word_hash(word))
                .is_some_and(|m| m.mask & calm != 0)
            {
                continue;
            }
            let list = match sign {
                "-" => &mut neg,
                "+" => &mut pos,
                _ => continue,
            };
            list.push(Cow::from(word));
            // "the sweetest notes", "the laziest man": a rated word's superlative carries it.
            if let Some(most) = superlative(word) {
                list.push(Cow::from(most));
            }
        }
        for (name, mut list) in [("vneg", neg), ("vpos", pos)] {
            list.sort_unstable();
            list.dedup();
            let id = lists.len();
            names.insert(name, id);
            for w in &list {
                members.entry(word_hash(w)).or_default().mask |= 1 << id;
            }
            lists.push(list);
        }
        assert!(lists.len() <= 64, "class bit set holds 64 classes");
        let shout = names.get("shout").map_or(0, |id| 1 << id);
        Lexicon {
            names,
            members,
            lists,
            shout,
        }
    }

    /// Sentences of normalized tokens, each with its word classes and hash.
    pub(crate) fn tokenize<'t>(&self, text: &'t str) -> Vec<Sentence<'t>> {
        let mut sentences = crate::text::sentences(text);
        for s in &mut sentences {
            for t in &mut s.tokens {
                t.hash = word_hash(&t.norm);
                let m = self.members.get(&t.hash).copied().unwrap_or_default();
                (t.mask, t.bucket) = (m.mask, m.bucket);
                if shouted(&text[t.start..t.end]) {
                    t.mask |= self.shout;
                }
                s.holds.add(t.hash, t.mask);
            }
        }
        sentences
    }

    /// Notes where the coach's phrase index keeps the patterns a word starts (`id` is one more
    /// than the bucket's position).
    pub(crate) fn set_bucket(&mut self, hash: u64, id: u32) {
        self.members.entry(hash).or_default().bucket = id;
    }

    /// A class's name.
    pub(crate) fn class_name(&self, id: usize) -> &str {
        self.names
            .iter()
            .find(|(_, i)| **i == id)
            .map_or("", |(n, _)| n)
    }

    /// How many classes there are.
    pub(crate) fn class_count(&self) -> usize {
        self.lists.len()
    }

    /// The bit set of the named classes (unknown names add nothing).
    pub(crate) fn classes(&self, names: &[&str]) -> u64 {
        members_of(&self.names, names)
    }

    pub(crate) fn class_id(&self, name: &str) -> Option<usize> {
        self.names.get(name).copied()
    }

    pub(crate) fn class_words(&self, id: usize) -> impl Iterator<Item = &str> {
        self.lists[id].iter().map(|w| w.as_ref())
    }
}

/// Class bit masks the code rules test, looked up once.
pub(crate) struct Bits {
    pub(crate) later: u64,
    pub(crate) third: u64,
    pub(crate) report: u64,
    pub(crate) absolute: u64,
    pub(crate) bad: u64,
    pub(crate) good: u64,
    /// Ours and VADER's warm words: what makes an absolute praise ("the sweetest notes").
    pub(crate) warm: u64,
    pub(crate) failverb: u64,
    pub(crate) ctlobj: u64,
    pub(crate) closing: u64,
    pub(crate) feeling: u64,
    pub(crate) state: u64,
    pub(crate) outcome: u64,
    pub(crate) vneg: u64,
    pub(crate) errand: u64,
    /// Words that judge what was done instead of describing it ("overreacted").
    pub(crate) judgement: u64,
}

impl Bits {
    pub(crate) fn new(lex: &Lexicon) -> Bits {
        let bit = |name: &str| lex.classes(&[name]);
        Bits {
            later: bit("later"),
            third: bit("third"),
            report: bit("report"),
            absolute: bit("absolute"),
            bad: bit("negative") | bit("trait") | bit("insult"),
            good: bit("positive"),
            warm: bit("positive") | bit("vpos"),
            failverb: bit("failverb"),
            ctlobj: bit("ctlobj"),
            closing: bit("closing"),
            feeling: bit("feeling"),
            state: bit("state"),
            outcome: bit("outcome"),
            vneg: bit("vneg"),
            errand: bit("errand"),
            judgement: bit("judgement"),
        }
    }
}
