//! A tiny, linear-time token pattern language for the coach's phrase rules.
//!
//! A pattern is a space-separated list of elements, matched against a sentence's tokens:
//! - `word` one literal word; `a|b|c` any of several single words;
//! - `(no one|nobody)` any of several phrases (or `(a b|)` an optional phrase): the source is
//!   expanded into one pattern per choice before compiling (`expand`);
//! - `@class` any word of a named word class (see `lexicon.rs`);
//! - a `?` suffix makes one element optional;
//! - `*N` skips 0 to N tokens (shortest first);
//! - `^` anchors the match to the start of the sentence, `$` to its end.
//!
//! Gaps are bounded and patterns are short, so matching a sentence costs
//! O(tokens × rules-anchored-on-each-token × small constant): no backtracking blow-up.

use crate::lexicon::Lexicon;
use crate::text::Token;

#[derive(Debug, Clone)]
enum Element {
    Words(Vec<(u64, String)>, bool),
    Class(usize, bool),
    Gap(u8),
    End,
}

/// The hash tokens and pattern words are compared by first (FNV-1a, as the word tables use).
pub(crate) fn word_hash(w: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = crate::lexicon::Fnv::default();
    h.write(w.as_bytes());
    h.finish()
}

/// Expands phrase groups: `"(no one|nobody) cares"` becomes `["no one cares", "nobody cares"]`.
/// A group whose every choice is one plain word, `"(hit|hits) me"`, is read as the choice
/// `"hit|hits me"` instead: it matches the same tokens, and expanding it would compile one
/// pattern per combination of such groups (a rule of a few groups became 1,620 patterns and
/// added a third to the coach's start-up). Groups may not nest; a source without one is
/// returned as it is.
pub(crate) fn expand(source: &str) -> Vec<String> {
    let Some(open) = source.find('(') else {
        assert!(
            !source.contains(')'),
            "unopened group in pattern {source:?}"
        );
        return vec![source.to_string()];
    };
    let close = open
        + source[open..]
            .find(')')
            .unwrap_or_else(|| panic!("unclosed group in pattern {source:?}"));
    let inner = &source[open + 1..close];
    assert!(!inner.contains('('), "nested group in pattern {source:?}");
    let plain = |c: &str| {
        !c.is_empty()
            && c.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'\'' || b == b'-')
    };
    // The source with the group replaced (built by hand: start-up builds thousands).
    let with = |middle: &str| {
        let (head, tail) = (&source[..open], &source[close + 1..]);
        let mut s = String::with_capacity(head.len() + middle.len() + tail.len() + 2);
        for piece in [head, " ", middle, " ", tail] {
            s.push_str(piece);
        }
        s
    };
    if inner.split('|').all(plain) {
        return expand(&with(inner));
    }
    inner
        .split('|')
        .flat_map(|choice| expand(&with(choice)))
        .collect()
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    elements: Vec<Element>,
    anchored: bool,
    /// The required elements after the first, checked before trying: a sentence missing one
    /// can't match. Required single words as bits of the sentence's Bloom filter (one compare),
    /// required choices of words as their hashes, and required classes as a mask.
    needs_bits: [u64; 4],
    needs_words: Vec<Vec<u64>>,
    needs_classes: u64,
}

impl Pattern {
    /// Compiles `source`; panics on an unknown class, which only a rule-table typo can cause
    /// (and the crate's tests compile every rule).
    pub(crate) fn parse(source: &str, lex: &Lexicon) -> Pattern {
        let mut elements = Vec::new();
        let mut anchored = false;
        for part in source.split_whitespace() {
            if part == "^" {
                anchored = true;
                continue;
            }
            if part == "$" {
                elements.push(Element::End);
                continue;
            }
            let (body, optional) = match part.strip_suffix('?') {
                Some(b) if !b.is_empty() => (b, true),
                _ => (part, false),
            };
            if let Some(n) = body.strip_prefix('*') {
                let n: u8 = n
                    .parse()
                    .unwrap_or_else(|_| panic!("bad gap in pattern {source:?}"));
                elements.push(Element::Gap(n));
            } else if let Some(name) = body.strip_prefix('@') {
                let id = lex
                    .class_id(name)
                    .unwrap_or_else(|| panic!("unknown class @{name} in pattern {source:?}"));
                elements.push(Element::Class(id, optional));
            } else {
                elements.push(Element::Words(
                    body.split('|')
                        .map(|w| (word_hash(w), w.to_string()))
                        .collect(),
                    optional,
                ));
            }
        }
        // "see what i do|will do" reads as (do|will) do: choices beside a choice or word that
        // shares one of their words are a phrase choice written without a group, which would
        // silently never match.
        for pair in elements.windows(2) {
            if let [Element::Words(a, _), Element::Words(b, _)] = pair
                && (a.len() > 1 || b.len() > 1)
                && a.iter().any(|w| b.contains(w))
                // "ok|okay ok|okay" is a word said twice, not a phrase.
                && a.len() != b.len()
            {
                panic!(
                    "pattern {source:?} looks like a phrase choice; write it as a group (a b|c)"
                );
            }
        }
        assert!(
            matches!(
                elements.first(),
                Some(Element::Words(_, false) | Element::Class(_, false))
            ),
            "pattern {source:?} must start with a required word or class"
        );
        let mut needs_words = Vec::new();
        let mut needs_bits = crate::text::Holds::default();
        let mut needs_classes = 0u64;
        for e in elements.iter().skip(1) {
            match e {
                Element::Words(ws, false) if ws.len() == 1 => needs_bits.add(ws[0].0, 0),
                Element::Words(ws, false) => needs_words.push(ws.iter().map(|(h, _)| *h).collect()),
                Element::Class(id, false) => needs_classes |= 1 << id,
                _ => {}
            }
        }
        Pattern {
            elements,
            anchored,
            needs_bits: needs_bits.words,
            needs_words,
            needs_classes,
        }
    }

    /// Words that can start a match (for indexing rules by their first token).
    pub(crate) fn first_words<'a>(&'a self, lex: &'a Lexicon) -> Vec<&'a str> {
        match &self.elements[0] {
            Element::Words(ws, _) => ws.iter().map(|(_, w)| w.as_str()).collect(),
            Element::Class(id, _) => lex.class_words(*id).collect(),
            Element::Gap(_) | Element::End => Vec::new(),
        }
    }

    /// Words the second token must be, when the pattern's second element is a required word or
    /// class (for a second-level index); `None` when anything may follow the first token.
    pub(crate) fn second_words<'a>(&'a self, lex: &'a Lexicon) -> Option<Vec<&'a str>> {
        match self.elements.get(1)? {
            Element::Words(ws, false) => Some(ws.iter().map(|(_, w)| w.as_str()).collect()),
            // A class set from how a word is written (`@shout`) has no word list to index by.
            Element::Class(id, false) if lex.class_words(*id).next().is_some() => {
                Some(lex.class_words(*id).collect())
            }
            _ => None,
        }
    }

    /// What the pattern needs of a sentence, cheaply: its required words as the sentence's
    /// Bloom filter folded to one word, and its required classes.
    pub(crate) fn needs(&self) -> (u64, u64) {
        (
            self.needs_bits.iter().fold(0, |f, w| f | w),
            self.needs_classes,
        )
    }

    /// Whether a sentence holding these words and classes could match at all.
    pub(crate) fn could_match(&self, holds: &crate::text::Holds) -> bool {
        holds.classes & self.needs_classes == self.needs_classes
            && holds
                .words
                .iter()
                .zip(&self.needs_bits)
                .all(|(have, need)| have & need == *need)
            && self
                .needs_words
                .iter()
                .all(|alts| alts.iter().any(|h| holds.may_hold(*h)))
    }

    /// Tries to match starting exactly at token `at`; returns the index one past the last token.
    pub(crate) fn match_at(&self, tokens: &[Token<'_>], at: usize) -> Option<usize> {
        if self.anchored && at != 0 {
            return None;
        }
        self.match_from(0, tokens, at)
    }

    fn match_from(&self, el: usize, tokens: &[Token<'_>], pos: usize) -> Option<usize> {
        let Some(element) = self.elements.get(el) else {
            return Some(pos);
        };
        match element {
            Element::End => (pos == tokens.len()).then_some(pos),
            Element::Gap(n) => {
                for skip in 0..=*n as usize {
                    if pos + skip > tokens.len() {
                        break;
                    }
                    if let Some(end) = self.match_from(el + 1, tokens, pos + skip) {
                        return Some(end);
                    }
                }
                None
            }
            Element::Words(words, optional) => {
                let hit = tokens
                    .get(pos)
                    .is_some_and(|t| words.iter().any(|(h, w)| *h == t.hash && *w == t.norm));
                self.step(el, tokens, pos, hit, *optional)
            }
            Element::Class(id, optional) => {
                let hit = tokens.get(pos).is_some_and(|t| t.mask & (1 << id) != 0);
                self.step(el, tokens, pos, hit, *optional)
            }
        }
    }

    fn step(
        &self,
        el: usize,
        tokens: &[Token<'_>],
        pos: usize,
        hit: bool,
        optional: bool,
    ) -> Option<usize> {
        if hit && let Some(end) = self.match_from(el + 1, tokens, pos + 1) {
            return Some(end);
        }
        if optional {
            return self.match_from(el + 1, tokens, pos);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::expand;

    #[test]
    fn phrase_groups_expand_into_one_pattern_per_choice() {
        let norm = |v: Vec<String>| -> Vec<String> {
            v.iter()
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        };
        assert_eq!(
            norm(expand("(no one|nobody) asked|cares")),
            ["no one asked|cares", "nobody asked|cares"]
        );
        assert_eq!(
            norm(expand("you made me (do it|say it|) again ($|now)")),
            [
                "you made me do it again $",
                "you made me do it again now",
                "you made me say it again $",
                "you made me say it again now",
                "you made me again $",
                "you made me again now",
            ]
        );
        assert_eq!(norm(expand("you @be @trait")), ["you @be @trait"]);
        // A group of single plain words is one choice, not one pattern per word.
        assert_eq!(
            norm(expand("(told|said) me (i was|) (crazy|mad) ($|now)")),
            [
                "told|said me i was crazy|mad $",
                "told|said me i was crazy|mad now",
                "told|said me crazy|mad $",
                "told|said me crazy|mad now",
            ]
        );
    }

    #[test]
    #[should_panic(expected = "phrase choice")]
    fn a_phrase_choice_without_a_group_is_a_table_error() {
        let lex = crate::lexicon::Lexicon::new();
        super::Pattern::parse("see what i do|will do", &lex);
    }

    #[test]
    #[should_panic(expected = "unclosed group")]
    fn an_unclosed_group_is_a_table_error() {
        expand("you (always|never");
    }
}
