//! The engine: the compiled rule tables and the pipeline `analyze` runs: tokenize, scan for
//! phrase and code-rule hits, judge each hit (guards, pauses, offers), merge, and assemble the
//! answer with apology parts and rewrites.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::index::{Bucket, Entry, Indexing};
use crate::lexicon::{Bits, HashedMap, Lexicon};
use crate::pattern::Pattern;
use crate::reader::Reader;
use crate::rules::{self, Marker, Target};
use crate::text::Sentence;
use crate::{
    Analysis, Category, Finding, Kind, Part, PartEvidence, Parts, SafetyKind, SafetySignal, Span,
    rewrite,
};

pub(crate) static COACH: LazyLock<Coach> = LazyLock::new(Coach::new);

pub(crate) struct CompiledRule {
    pub(crate) target: Target,
    pub(crate) kinds: u8,
    pub(crate) why: &'static str,
    pub(crate) suggestion: &'static str,
}

/// The compiled rule tables (immutable once built).
pub(crate) struct Coach {
    lex: Lexicon,
    pub(crate) rules: Vec<CompiledRule>,
    /// Every pattern, indexed by the words that can start it (and, where the pattern fixes it,
    /// by the word that must follow): two lookups per token, and only plausible patterns tried.
    pub(crate) index: Vec<Bucket>,
    /// The compiled patterns, once each; buckets refer to them by position (a pattern that
    /// starts with a class of 2,000 words is not copied 2,000 times).
    patterns: Vec<Pattern>,
    pub(crate) bits: Bits,
    pub(crate) story: crate::stories::StoryBits,
    pub(crate) threat: crate::threats::ThreatBits,
    pub(crate) reader: Reader,
}

/// A raw match before guards and merging.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) target: Target,
    pub(crate) rule: Option<usize>,
    pub(crate) sentence: usize,
    pub(crate) from: usize,
    pub(crate) to: usize,
}

impl Coach {
    pub(crate) fn new() -> Coach {
        Coach::without(&[])
    }

    /// The coach without some phrase patterns (as written in the tables): how the pruning tool
    /// in `rules::tests` asks what each pattern adds.
    pub(crate) fn without(skip: &[&str]) -> Coach {
        let mut lex = Lexicon::new();
        let mut rules = Vec::new();
        // Sized for the tables' 2,600 patterns under 3,100 first words, so building the index
        // never rehashes or regrows.
        let mut index = Indexing {
            lex: &lex,
            map: HashedMap::with_capacity_and_hasher(1 << 12, Default::default()),
            patterns: Vec::with_capacity(1 << 12),
        };
        for def in rules::RULES.iter().flat_map(|r| r.iter()) {
            let id = rules.len();
            rules.push(CompiledRule {
                target: def.target,
                kinds: def.kinds,
                why: def.why,
                suggestion: def.suggestion,
            });
            for src in def.patterns.iter().filter(|p| !skip.contains(p)) {
                index.add(Entry::Rule(u32::try_from(id).expect("few rules")), src);
            }
        }
        for (marker, sources) in rules::MARKERS {
            for src in *sources {
                index.add(Entry::Marker(*marker), src);
            }
        }
        for src in rules::CONTROL_PHRASES {
            index.add(Entry::Control, src);
        }
        let (map, patterns) = (index.map, index.patterns);
        // Each word's bucket is found with its classes, in the one lookup tokenizing makes.
        let mut buckets = Vec::with_capacity(map.len());
        for (hash, bucket) in map {
            buckets.push(bucket);
            lex.set_bucket(hash, u32::try_from(buckets.len()).expect("few buckets"));
        }
        let bits = Bits::new(&lex);
        let story = crate::stories::StoryBits::new(&lex);
        let threat = crate::threats::ThreatBits::new(&lex);
        let reader = Reader::new(&lex);
        Coach {
            lex,
            rules,
            index: buckets,
            patterns,
            bits,
            story,
            threat,
            reader,
        }
    }

    /// The whole analysis, as a short pipeline.
    pub(crate) fn analyze(&self, kind: Kind, text: &str) -> Analysis {
        let sentences = self.tokenize(text);
        let scan = self.scan(kind, &sentences);
        let judged = self.judge(text, &sentences, &scan);
        let mut findings: Vec<Finding> = merge(judged.findings)
            .into_iter()
            .map(|(c, start, end, rule)| self.finding(c, text, start, end, rule))
            .collect();
        // The second reader speaks only where the rules saw nothing at all: a hit a guard set
        // aside (negated, taken back, quoted, an offer, a pause) is a reading it must not undo.
        // Praise the rules recognized ("you never forget …") is a reading too.
        let untouched = !scan
            .hits
            .iter()
            .any(|h| matches!(h.target, Target::Finding(_)))
            && !scan.praised;
        // An apology that already names two of its parts ("I'm sorry I interrupted you. What
        // you were saying matters to me.") is not the reader's to second-guess.
        let apology_with_parts = kind == Kind::Apology && judged.parts.len() >= 2;
        let mut safety = judged.safety;
        // An account of harm the rules did not name, read by the second reader: safety
        // resources instead of coaching, as the rules give (a message that only tells of the
        // partner's harshness to them reads as one almost never, by its cross-validation).
        if safety.is_empty()
            && !scan.kindly
            && self.story_told(&sentences)
            && let Some(si) = self.reader.reports(text, &sentences)
            && let (Some(first), Some(last)) =
                (sentences[si].tokens.first(), sentences[si].tokens.last())
        {
            safety.push(SafetySignal {
                kind: SafetyKind::HarmReport,
                span: span(text, first.start, last.end),
            });
            findings.clear();
        }
        if findings.is_empty() && safety.is_empty() && untouched && !apology_with_parts {
            findings.extend(self.second_reading(text, &sentences));
        }
        assemble(
            kind,
            text,
            &sentences,
            findings,
            safety,
            judged.parts,
            self.bits.judgement,
        )
    }

    /// Sentences of normalized tokens, each with its word classes.
    fn tokenize<'t>(&self, text: &'t str) -> Vec<Sentence<'t>> {
        self.lex.tokenize(text)
    }

    /// Every phrase-rule and code-rule hit, and the markers each sentence carries.
    fn scan(&self, kind: Kind, sentences: &[Sentence<'_>]) -> Scan {
        let mut scan = Scan {
            hits: Vec::new(),
            marks: Vec::with_capacity(sentences.len()),
            safe: vec![false; sentences.len()],
            praised: false,
            kindly: false,
        };
        for (si, s) in sentences.iter().enumerate() {
            let marks = self.phrase_hits(kind, si, s, &mut scan);
            scan.praised |= self.absolutes(si, &s.tokens, &marks, &mut scan.hits);
            scan.praised |= marks
                .iter()
                .any(|(m, _, _)| matches!(m, Marker::Asks | Marker::Feels));
            self.control_demands(si, &s.tokens, &marks, &mut scan.hits);
            self.scare_quotes(si, &s.tokens, &mut scan.hits);
            self.orders_with_a_price(si, &s.tokens, &mut scan.hits);
            let told = scan.hits.len();
            scan.kindly |= self.stories(si, s, &mut scan.hits);
            self.threats(si, s, &mut scan.hits);
            scan.safe[si] |= scan.hits.len() > told;
            scan.marks.push(marks);
        }
        self.shutdown(kind, sentences, &mut scan.hits);
        scan
    }

    /// The phrase rules' hits in one sentence (two index lookups per token); returns the
    /// markers found, which the code rules and the guards consult.
    fn phrase_hits(
        &self,
        kind: Kind,
        si: usize,
        s: &Sentence<'_>,
        scan: &mut Scan,
    ) -> Vec<(Marker, usize, usize)> {
        let toks = &s.tokens;
        let mut marks = Vec::new();
        for i in 0..toks.len() {
            let Some(bucket) = (toks[i].bucket as usize)
                .checked_sub(1)
                .and_then(|b| self.index.get(b))
            else {
                continue;
            };
            let fixed_next = toks
                .get(i + 1)
                .and_then(|n| bucket.by_next.get(&n.hash))
                .map_or(&[][..], Vec::as_slice);
            let folded = s.holds.words.iter().fold(0, |f, w| f | w);
            for c in bucket.any_next.iter().chain(fixed_next) {
                if c.words & !folded != 0 || c.classes & !s.holds.classes != 0 {
                    continue;
                }
                let (entry, pat) = (&c.entry, &self.patterns[c.pid as usize]);
                let (target, rule) = match *entry {
                    Entry::Rule(r) if self.rules[r as usize].kinds & kind.bit() == 0 => continue,
                    Entry::Rule(r) => (self.rules[r as usize].target, Some(r as usize)),
                    Entry::Control | Entry::Marker(_) => (Target::Finding(Category::Control), None),
                };
                if !pat.could_match(&s.holds) {
                    continue;
                }
                let Some(end) = pat.match_at(toks, i) else {
                    continue;
                };
                if let Entry::Marker(m) = entry {
                    marks.push((*m, i, end));
                    continue;
                }
                if matches!(target, Target::Safety(_)) {
                    // Only a report of harm can turn out to tell a kindness; a threat can't.
                    if matches!(target, Target::Safety(SafetyKind::HarmReport))
                        && crate::guards::told_kindly(toks, i, end)
                    {
                        scan.kindly = true;
                        continue;
                    }
                    scan.safe[si] = true;
                }
                scan.hits.push(Hit {
                    target,
                    rule,
                    sentence: si,
                    from: i,
                    to: end,
                });
            }
        }
        marks
    }

    /// Sorts hits into safety signals, apology parts and coaching findings, dropping the
    /// findings a guard rules out (quoted, negated, reported, a pause, an offer).
    fn judge(&self, text: &str, sentences: &[Sentence<'_>], scan: &Scan) -> Judged {
        let mut judged = Judged::default();
        // Whether the text sends a heart: read once, and only if a verdict is found.
        let mut hearts: Option<bool> = None;
        for h in scan.hits.iter().filter(|h| self.kept(sentences, scan, h)) {
            let toks = &sentences[h.sentence].tokens;
            let (start, end) = (toks[h.from].start, toks[h.to - 1].end);
            match h.target {
                Target::Safety(k) => judged.safety.push(SafetySignal {
                    kind: k,
                    span: span(text, start, end),
                }),
                Target::Part(p) => {
                    judged
                        .parts
                        .entry(p)
                        .or_insert_with(|| span(text, start, end));
                }
                // A verdict laughed at in its own sentence ("why are you like this 😂") teases;
                // so does a rough name in a text that sends a heart ("morning, moron ❤️"),
                // unless its sentence turns ("… but you never listen").
                Target::Finding(Category::Criticism)
                    if crate::tone::laughs(text, sentences, h.sentence) => {}
                Target::Finding(Category::Criticism | Category::Contempt)
                    if *hearts.get_or_insert_with(|| crate::tone::hearts(text))
                        && !toks.iter().any(|t| crate::tone::turns(&t.norm)) => {}
                Target::Finding(c) => judged.findings.push((c, start, end, h.rule)),
            }
        }
        judged.safety.sort_by_key(|s| (s.span.start, s.span.end));
        judged
            .safety
            .dedup_by(|a, b| a.kind == b.kind && a.span.start < b.span.end);
        judged
    }

    /// Whether a hit stands once its sentence is read: a safety signal always; an apology's part
    /// unless quoted; a finding unless its sentence raised safety or a guard rules it out.
    fn kept(&self, sentences: &[Sentence<'_>], scan: &Scan, h: &Hit) -> bool {
        let toks = &sentences[h.sentence].tokens;
        match h.target {
            Target::Safety(_) => true,
            Target::Part(_) => !toks[h.from..h.to].iter().any(|t| t.quoted),
            Target::Finding(c) => {
                !scan.safe[h.sentence] && self.stands(c, sentences, h, &scan.marks[h.sentence])
            }
        }
    }

    /// The phrase rules (by position in `rules::RULES`, flattened) whose hits stand in a text:
    /// how each rule's example and near miss are checked.
    #[cfg(test)]
    pub(crate) fn fired(&self, kind: Kind, text: &str) -> Vec<usize> {
        let sentences = self.tokenize(text);
        let scan = self.scan(kind, &sentences);
        scan.hits
            .iter()
            .filter(|h| self.kept(&sentences, &scan, h))
            .filter_map(|h| h.rule)
            .collect()
    }

    fn finding(
        &self,
        category: Category,
        text: &str,
        start: usize,
        end: usize,
        rule: Option<usize>,
    ) -> Finding {
        let span = span(text, start, end);
        let (why, suggestion) = match rule {
            Some(r) => (self.rules[r].why, self.rules[r].suggestion),
            None => self.category_words(category),
        };
        let suggestion = suggestion.replace("{quote}", &span.text);
        Finding {
            category,
            span,
            why: why.to_string(),
            suggestion,
        }
    }

    /// The words for a finding no phrase rule raised: the category's own default where it has
    /// one, else those of the category's first phrase rule.
    pub(crate) fn category_words(&self, category: Category) -> (&'static str, &'static str) {
        if matches!(category, Category::Criticism | Category::Control) {
            return rules::default_words(category);
        }
        self.rule_words(category)
    }

    /// The words of the category's first phrase rule (the second reader speaks in these, since
    /// the defaults above are about "always" and access, which it may not have read).
    pub(crate) fn rule_words(&self, category: Category) -> (&'static str, &'static str) {
        self.rules
            .iter()
            .find(|d| {
                matches!(d.target, Target::Finding(c) if c == category) && !d.suggestion.is_empty()
            })
            .map_or_else(|| rules::default_words(category), |d| (d.why, d.suggestion))
    }
}

/// What the scan found: every hit, the markers per sentence, and which sentences carry a
/// safety signal (no coaching there).
pub(crate) struct Scan {
    hits: Vec<Hit>,
    marks: Vec<Vec<(Marker, usize, usize)>>,
    safe: Vec<bool>,
    /// Whether the rules read praise or a plain question somewhere (a marker, or "you never
    /// forget …"): readings the second reader must not undo.
    praised: bool,
    /// Whether words of harm turned out to tell a kindness ("grabbed me a coffee"): a reading
    /// the second reader must not undo by taking the text for an account of harm.
    kindly: bool,
}

/// Hits sorted by what they become.
#[derive(Default)]
struct Judged {
    findings: Vec<(Category, usize, usize, Option<usize>)>,
    safety: Vec<SafetySignal>,
    parts: HashMap<Part, Span>,
}

/// Overlapping findings of one category become one span; then text order.
fn merge(
    mut findings: Vec<(Category, usize, usize, Option<usize>)>,
) -> Vec<(Category, usize, usize, Option<usize>)> {
    findings.sort_by_key(|f| (f.0, f.1, f.2));
    let mut merged: Vec<(Category, usize, usize, Option<usize>)> = Vec::new();
    for f in findings {
        match merged.last_mut() {
            Some(last) if last.0 == f.0 && f.1 <= last.2 => {
                last.2 = last.2.max(f.2);
                last.3 = last.3.or(f.3);
            }
            _ => merged.push(f),
        }
    }
    merged.sort_by_key(|f| (f.1, f.0));
    merged
}

/// The answer: findings and safety, an apology's parts, and the rewrites that apply.
fn assemble(
    kind: Kind,
    text: &str,
    sentences: &[Sentence<'_>],
    findings: Vec<Finding>,
    safety: Vec<SafetySignal>,
    parts: HashMap<Part, Span>,
    judgement: u64,
) -> Analysis {
    let parts = (kind == Kind::Apology).then(|| {
        let mut present: Vec<PartEvidence> = parts
            .into_iter()
            .map(|(part, span)| PartEvidence { part, span })
            .collect();
        present.sort_by_key(|p| p.part);
        let missing: Vec<Part> = Part::ALL
            .into_iter()
            .filter(|p| !present.iter().any(|e| e.part == *p))
            .collect();
        let hints = missing.iter().map(|p| (*p, p.hint().to_string())).collect();
        Parts {
            present,
            missing,
            hints,
        }
    });
    let blames = findings.iter().any(|f| f.category.is_blame());
    let rewrite = (kind == Kind::Message && safety.is_empty() && blames)
        .then(|| rewrite::i_statement(text, sentences, &findings, judgement));
    let controls = findings.iter().any(|f| f.category == Category::Control);
    let alternative =
        (safety.is_empty() && controls).then(|| rewrite::transparency_alternative(text));
    Analysis {
        kind,
        findings,
        safety,
        parts,
        rewrite,
        alternative,
        not_read: None,
    }
}

pub(crate) fn span(text: &str, start: usize, end: usize) -> Span {
    Span {
        start,
        end,
        text: text[start..end].to_string(),
    }
}
