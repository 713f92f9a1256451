//! Kintsugi's coach: explainable analysis of text one partner writes to the other.
//!
//! It points at words, says why they may hurt, and suggests what to try instead; it never blocks
//! and never "corrects" a report of harm. It is pure: no I/O, no threads, no global mutable state
//! (the rule tables are compiled once into an immutable value), so it can run in a browser.
//! Matching is linear in the text (see `pattern.rs`).

#[cfg(feature = "jsonl")]
pub mod jsonl;
mod lexicon;
mod pattern;
mod rewrite;
mod rules;
mod text;

use std::collections::HashMap;

use lexicon::WordMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use lexicon::Lexicon;
use pattern::Pattern;
use rules::{Marker, Target};
use text::{Sentence, Token};

/// What kind of text is being written; it decides which checks apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A message to the partner (also talk topics and reassurance requests).
    Message,
    /// An apology.
    Apology,
    /// A request or agreement proposal.
    Request,
}

impl Kind {
    /// Parses the API name of a kind.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "message" => Some(Kind::Message),
            "apology" => Some(Kind::Apology),
            "request" => Some(Kind::Request),
            _ => None,
        }
    }

    fn bit(self) -> u8 {
        match self {
            Kind::Message => rules::MESSAGE,
            Kind::Apology => rules::APOLOGY,
            Kind::Request => rules::REQUEST,
        }
    }
}

/// The fixed vocabulary of findings (stable in the API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Global attacks on character, "you always/never".
    Criticism,
    /// Insults, mockery, sarcasm, disgust.
    Contempt,
    /// Counter-blame, excuses, "you're overreacting".
    Defensiveness,
    /// Refusing to engage.
    Stonewalling,
    /// Claiming the other's motives or feelings.
    MindReading,
    /// Threats and either-or demands.
    Ultimatum,
    /// Making the harm smaller than it was.
    Minimizing,
    /// "Sorry if".
    Conditional,
    /// "Sorry you feel", "you made me".
    BlameShift,
    /// "But I was stressed".
    Excuse,
    /// Surveillance or control demands.
    Control,
}

impl Category {
    /// Every category, in API order.
    pub const ALL: [Category; 11] = [
        Category::Criticism,
        Category::Contempt,
        Category::Defensiveness,
        Category::Stonewalling,
        Category::MindReading,
        Category::Ultimatum,
        Category::Minimizing,
        Category::Conditional,
        Category::BlameShift,
        Category::Excuse,
        Category::Control,
    ];

    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Criticism => "criticism",
            Category::Contempt => "contempt",
            Category::Defensiveness => "defensiveness",
            Category::Stonewalling => "stonewalling",
            Category::MindReading => "mind_reading",
            Category::Ultimatum => "ultimatum",
            Category::Minimizing => "minimizing",
            Category::Conditional => "conditional",
            Category::BlameShift => "blame_shift",
            Category::Excuse => "excuse",
            Category::Control => "control",
        }
    }

    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Category::Criticism => "Criticism",
            Category::Contempt => "Contempt",
            Category::Defensiveness => "Defensiveness",
            Category::Stonewalling => "Shutting down",
            Category::MindReading => "Mind reading",
            Category::Ultimatum => "Ultimatum",
            Category::Minimizing => "Minimizing",
            Category::Conditional => "Conditional apology",
            Category::BlameShift => "Shifting blame",
            Category::Excuse => "Excuse",
            Category::Control => "Control",
        }
    }

    /// Whether the category puts blame on the partner (these get an I-statement scaffold).
    fn is_blame(self) -> bool {
        matches!(
            self,
            Category::Criticism
                | Category::Contempt
                | Category::Defensiveness
                | Category::MindReading
                | Category::Ultimatum
        )
    }
}

/// The kinds of safety signal; they replace coaching with safety resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SafetyKind {
    /// A threat of violence or harm toward someone.
    Threat,
    /// A threat or thought of self-harm.
    SelfHarm,
    /// A report of violence, fear or coercive control.
    HarmReport,
}

/// The five parts of a full apology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Naming what I did.
    Acknowledgement,
    /// Saying it was my responsibility.
    Responsibility,
    /// Recognising how it affected the partner.
    Validation,
    /// What I will do differently.
    Commitment,
    /// How I will repair.
    Repair,
}

impl Part {
    /// The five parts in the order an apology usually takes.
    pub const ALL: [Part; 5] = [
        Part::Acknowledgement,
        Part::Responsibility,
        Part::Validation,
        Part::Commitment,
        Part::Repair,
    ];

    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Acknowledgement => "acknowledgement",
            Part::Responsibility => "responsibility",
            Part::Validation => "validation",
            Part::Commitment => "commitment",
            Part::Repair => "repair",
        }
    }

    /// A gentle hint for writing this part when it is missing.
    pub fn hint(self) -> &'static str {
        match self {
            Part::Acknowledgement => "Name plainly what you did: “I'm sorry that I …”.",
            Part::Responsibility => {
                "Say that it was yours to own: “It was my choice, and there's no excuse for it.”"
            }
            Part::Validation => {
                "Show you see how it affected them: “I can see it made you feel …”."
            }
            Part::Commitment => "Say what you will do differently: “From now on I will …”.",
            Part::Repair => {
                "Offer a way to repair: “I'll answer any questions you have” or “I'd like to …”."
            }
        }
    }
}

/// A stretch of the analysed text: byte offsets (on character boundaries) and the words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The words themselves.
    pub text: String,
}

/// One thing the coach noticed, with why it matters and what to try instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    /// The category, from the fixed vocabulary.
    pub category: Category,
    /// Where in the text.
    pub span: Span,
    /// Why it may hurt, in one plain sentence.
    pub why: String,
    /// What to try instead.
    pub suggestion: String,
}

/// A safety signal: no coaching, show safety resources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SafetySignal {
    /// What kind of danger the words suggest.
    pub kind: SafetyKind,
    /// Where in the text.
    pub span: Span,
}

/// Evidence that an apology contains one of its parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartEvidence {
    /// The part.
    pub part: Part,
    /// The words that show it.
    pub span: Span,
}

/// Which apology parts are present and which are missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Parts {
    /// Parts found, with evidence.
    pub present: Vec<PartEvidence>,
    /// Parts not found (responsibility and repair matter most).
    pub missing: Vec<Part>,
    /// For each missing part, a gentle hint for writing it.
    pub hints: std::collections::BTreeMap<Part, String>,
}

/// The coach's full answer for one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Analysis {
    /// The kind analysed.
    pub kind: Kind,
    /// What the coach noticed, in text order.
    pub findings: Vec<Finding>,
    /// Safety signals; when present, show safety resources instead of tips.
    pub safety: Vec<SafetySignal>,
    /// For apologies: which of the five parts are there.
    pub parts: Option<Parts>,
    /// For messages with blame: an I-statement scaffold built from the message.
    pub rewrite: Option<String>,
    /// For requests with a control finding: what could be offered instead of demanded.
    pub alternative: Option<String>,
}

impl Analysis {
    /// The distinct categories found, in API order.
    pub fn categories(&self) -> Vec<Category> {
        let mut cats: Vec<Category> = self.findings.iter().map(|f| f.category).collect();
        cats.sort();
        cats.dedup();
        cats
    }
}

/// Analyses `text` as `kind`. Never fails: any string is valid input.
pub fn analyze(kind: Kind, text: &str) -> Analysis {
    COACH.analyze(kind, text)
}

static COACH: LazyLock<Coach> = LazyLock::new(Coach::new);

struct CompiledRule {
    target: Target,
    kinds: u8,
    why: &'static str,
    suggestion: &'static str,
}

/// The compiled rule tables (immutable once built).
struct Coach {
    lex: Lexicon,
    rules: Vec<CompiledRule>,
    /// Every pattern, indexed by the words that can start it (and, where the pattern fixes it,
    /// by the word that must follow): two lookups per token, and only plausible patterns tried.
    index: WordMap<String, Bucket>,
    bits: Bits,
}

/// Patterns that start with one word: those that fix the next word, by that word, and the rest.
#[derive(Default)]
struct Bucket {
    by_next: WordMap<String, Vec<(Entry, Pattern)>>,
    any_next: Vec<(Entry, Pattern)>,
}

/// Class bit masks the code rules test, looked up once.
struct Bits {
    later: u64,
    third: u64,
    report: u64,
    absolute: u64,
    bad: u64,
    good: u64,
    failverb: u64,
    ctlobj: u64,
}

impl Bits {
    fn new(lex: &Lexicon) -> Bits {
        let bit = |name: &str| lex.class_id(name).map_or(0, |id| 1u64 << id);
        Bits {
            later: bit("later"),
            third: bit("third"),
            report: bit("report"),
            absolute: bit("absolute"),
            bad: bit("negative") | bit("trait") | bit("insult"),
            good: bit("positive"),
            failverb: bit("failverb"),
            ctlobj: bit("ctlobj"),
        }
    }
}

/// What an indexed pattern belongs to.
#[derive(Debug, Clone, Copy)]
enum Entry {
    Rule(usize),
    Marker(Marker),
    Control,
}

/// A raw match before guards and merging.
#[derive(Debug, Clone, Copy)]
struct Hit {
    target: Target,
    rule: Option<usize>,
    sentence: usize,
    from: usize,
    to: usize,
}

fn index_patterns(lex: &Lexicon, map: &mut WordMap<String, Bucket>, value: Entry, source: &str) {
    let p = Pattern::parse(source, lex);
    let second = p.second_words(lex);
    for w in p.first_words(lex) {
        let bucket = map.entry(w.to_string()).or_default();
        match &second {
            Some(next) => {
                for n in next {
                    bucket
                        .by_next
                        .entry((*n).to_string())
                        .or_default()
                        .push((value, p.clone()));
                }
            }
            None => bucket.any_next.push((value, p.clone())),
        }
    }
}

impl Coach {
    fn new() -> Coach {
        let lex = Lexicon::new();
        let mut rules = Vec::new();
        let mut index = WordMap::default();
        for def in rules::RULES.iter().flat_map(|r| r.iter()) {
            let id = rules.len();
            rules.push(CompiledRule {
                target: def.target,
                kinds: def.kinds,
                why: def.why,
                suggestion: def.suggestion,
            });
            for src in def.patterns {
                index_patterns(&lex, &mut index, Entry::Rule(id), src);
            }
        }
        for (marker, sources) in rules::MARKERS {
            for src in *sources {
                index_patterns(&lex, &mut index, Entry::Marker(*marker), src);
            }
        }
        for src in rules::CONTROL_PHRASES {
            index_patterns(&lex, &mut index, Entry::Control, src);
        }
        let bits = Bits::new(&lex);
        Coach {
            lex,
            rules,
            index,
            bits,
        }
    }

    fn analyze(&self, kind: Kind, text: &str) -> Analysis {
        let mut sentences = text::sentences(text);
        for s in &mut sentences {
            for t in &mut s.tokens {
                t.mask = self.lex.mask(&t.norm);
            }
        }
        let mut hits: Vec<Hit> = Vec::new();
        let mut marker_hits: Vec<Vec<(Marker, usize, usize)>> = Vec::with_capacity(sentences.len());
        let mut safe_sentences = vec![false; sentences.len()];
        for (si, s) in sentences.iter().enumerate() {
            let toks = &s.tokens;
            let mut marks = Vec::new();
            for i in 0..toks.len() {
                let Some(bucket) = self.index.get(toks[i].norm.as_ref()) else {
                    continue;
                };
                let fixed_next = toks
                    .get(i + 1)
                    .and_then(|n| bucket.by_next.get(n.norm.as_ref()))
                    .map_or(&[][..], Vec::as_slice);
                for (entry, pat) in bucket.any_next.iter().chain(fixed_next) {
                    let target = match entry {
                        Entry::Rule(rule) => {
                            let r = &self.rules[*rule];
                            if r.kinds & kind.bit() == 0 {
                                continue;
                            }
                            r.target
                        }
                        Entry::Control => Target::Finding(Category::Control),
                        Entry::Marker(_) => Target::Finding(Category::Control),
                    };
                    let Some(end) = pat.match_at(toks, i) else {
                        continue;
                    };
                    if let Entry::Marker(m) = entry {
                        marks.push((*m, i, end));
                        continue;
                    }
                    if matches!(target, Target::Safety(_)) {
                        safe_sentences[si] = true;
                    }
                    hits.push(Hit {
                        target,
                        rule: match entry {
                            Entry::Rule(r) => Some(*r),
                            _ => None,
                        },
                        sentence: si,
                        from: i,
                        to: end,
                    });
                }
            }
            let kinds: Vec<Marker> = marks.iter().map(|(m, _, _)| *m).collect();
            self.absolutes(si, toks, &kinds, &mut hits);
            self.control_demands(si, toks, &marks, &mut hits);
            marker_hits.push(marks);
        }

        let mut findings: Vec<(Category, usize, usize, Option<usize>)> = Vec::new();
        let mut safety = Vec::new();
        let mut parts: HashMap<Part, Span> = HashMap::new();
        for h in &hits {
            let toks = &sentences[h.sentence].tokens;
            let (start, end) = (toks[h.from].start, toks[h.to - 1].end);
            match h.target {
                Target::Safety(k) => safety.push(SafetySignal {
                    kind: k,
                    span: span(text, start, end),
                }),
                Target::Part(p) => {
                    if !toks[h.from..h.to].iter().any(|t| t.quoted) {
                        parts.entry(p).or_insert_with(|| span(text, start, end));
                    }
                }
                Target::Finding(c) => {
                    let marks = &marker_hits[h.sentence];
                    if safe_sentences[h.sentence]
                        || !self.coachable(&sentences[h.sentence], h, marks)
                    {
                        continue;
                    }
                    if c == Category::Control
                        && marks.iter().any(|(m, _, _)| *m == Marker::MutualOrOffer)
                    {
                        continue;
                    }
                    // "I don't want to talk now; can we talk tonight?" is a pause, not a wall.
                    let names_a_return = |s: Option<&Sentence>| {
                        s.is_some_and(|s| s.tokens.iter().any(|t| t.mask & self.bits.later != 0))
                    };
                    if c == Category::Stonewalling
                        && (names_a_return(sentences.get(h.sentence))
                            || names_a_return(sentences.get(h.sentence + 1)))
                    {
                        continue;
                    }
                    // "If you want, I'll leave you alone for a bit" offers, it doesn't threaten.
                    if c == Category::Ultimatum
                        && toks[h.from..h.to].windows(3).any(|w| {
                            w[0].norm == "if"
                                && w[1].norm == "you"
                                && matches!(
                                    w[2].norm.as_ref(),
                                    "want" | "need" | "like" | "prefer" | "would" | "are"
                                )
                        })
                    {
                        continue;
                    }
                    findings.push((c, start, end, h.rule));
                }
            }
        }

        // Merge overlapping findings of one category into one span.
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
        let findings: Vec<Finding> = merged
            .into_iter()
            .map(|(c, start, end, rule)| self.finding(c, text, start, end, rule))
            .collect();

        safety.sort_by_key(|s| (s.span.start, s.span.end));
        safety.dedup_by(|a, b| a.kind == b.kind && a.span.start < b.span.end);

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
            let hints = missing
                .iter()
                .map(|p: &Part| (*p, p.hint().to_string()))
                .collect();
            Parts {
                present,
                missing,
                hints,
            }
        });

        let rewrite = (kind == Kind::Message
            && safety.is_empty()
            && findings.iter().any(|f| f.category.is_blame()))
        .then(|| rewrite::i_statement(text, &sentences, &findings));
        let alternative = (safety.is_empty()
            && findings.iter().any(|f| f.category == Category::Control))
        .then(|| rewrite::transparency_alternative(text));

        Analysis {
            kind,
            findings,
            safety,
            parts,
            rewrite,
            alternative,
        }
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
            None => rules::default_words(category),
        };
        let suggestion = suggestion.replace("{quote}", &span.text);
        Finding {
            category,
            span,
            why: why.to_string(),
            suggestion,
        }
    }

    /// Guards every coaching finding: not quoted, not negated, not reported, not taken back.
    fn coachable(&self, s: &Sentence<'_>, h: &Hit, marks: &[(Marker, usize, usize)]) -> bool {
        let toks = &s.tokens;
        if toks[h.from..h.to].iter().any(|t| t.quoted) {
            return false;
        }
        // Negated: "not" or "never" just before, within the clause.
        let mut k = h.from;
        let mut steps = 0;
        while k > 0 && steps < 3 {
            k -= 1;
            steps += 1;
            match toks[k].norm.as_ref() {
                "," => break,
                "not" | "never" | "no" => {
                    // "you're not allowed" style phrases carry their own negation.
                    return matches!(h.target, Target::Finding(Category::Control));
                }
                _ => {}
            }
        }
        let before = &toks[..h.from];
        // Reported speech: "my mother says you are lazy".
        let (third, report) = (self.bits.third, self.bits.report);
        for w in before.windows(2) {
            if w[0].mask & third != 0 && w[1].mask & report != 0 {
                return false;
            }
        }
        // Taken back: "I'm not saying you never help".
        !marks
            .iter()
            .any(|(m, _, end)| *m == Marker::Frame && *end <= h.from)
    }

    /// "You always …", "you never …": criticism unless the predicate is warm.
    fn absolutes(&self, si: usize, toks: &[Token<'_>], marks: &[Marker], hits: &mut Vec<Hit>) {
        if marks.contains(&Marker::Praise) {
            return;
        }
        if toks.first().is_some_and(|t| {
            matches!(
                t.norm.as_ref(),
                "do" | "does" | "did" | "have" | "would" | "will" | "can" | "could"
            )
        }) {
            return;
        }
        for k in 0..toks.len() {
            let word = toks[k].norm.as_ref();
            if toks[k].mask & self.bits.absolute == 0 {
                continue;
            }
            let Some(subject) = subject_before(toks, k) else {
                continue;
            };
            if toks[subject].norm != "you" {
                continue;
            }
            let mut end = k + 1;
            while end < toks.len()
                && !matches!(
                    toks[end].norm.as_ref(),
                    "," | "when" | "because" | "if" | "after" | "before" | "while" | "since"
                )
            {
                end += 1;
            }
            let pred = &toks[k + 1..end];
            let negative = pred.iter().any(|t| t.mask & self.bits.bad != 0);
            let positive = pred.iter().any(|t| t.mask & self.bits.good != 0);
            let critical = if word == "never" {
                let starts_with = |ws: &[&str]| {
                    pred.len() >= ws.len() && pred.iter().zip(ws).all(|(t, w)| t.norm == *w)
                };
                let fails = pred
                    .first()
                    .is_some_and(|t| t.mask & self.bits.failverb != 0)
                    || starts_with(&["let", "me", "down"])
                    || starts_with(&["give", "up"]);
                // "You never told me about the trip" names one event, not a pattern.
                let past = pred.first().is_some_and(|t| is_past_tense(&t.norm));
                let specific = toks.iter().any(|t| {
                    matches!(
                        t.norm.as_ref(),
                        "yesterday" | "last" | "today" | "tonight" | "this" | "about"
                    )
                });
                !(fails || (past && specific))
            } else {
                negative || !positive
            };
            if critical {
                hits.push(Hit {
                    target: Target::Finding(Category::Criticism),
                    rule: None,
                    sentence: si,
                    from: subject,
                    to: end.max(k + 1),
                });
            }
        }
    }

    /// Control: a demand about something of the partner's, or a limit on their freedom.
    fn control_demands(
        &self,
        si: usize,
        toks: &[Token<'_>],
        marks: &[(Marker, usize, usize)],
        hits: &mut Vec<Hit>,
    ) {
        let demand = marks.iter().find(|(m, _, _)| *m == Marker::Demand);
        if demand.is_none() || marks.iter().any(|(m, _, _)| *m == Marker::MutualOrOffer) {
            return;
        }
        let ctlobj = self.bits.ctlobj;
        for (i, t) in toks.iter().enumerate() {
            if t.mask & ctlobj == 0 {
                continue;
            }
            let before = &toks[i.saturating_sub(3)..i];
            let partners = before.iter().any(|b| b.norm == "your" || b.norm == "you")
                || toks.get(i + 1).is_some_and(|n| n.norm == "you");
            let own = before
                .iter()
                .any(|b| matches!(b.norm.as_ref(), "my" | "our" | "own" | "mine"));
            if partners && !own {
                let from = demand.map_or(i, |(_, f, _)| (*f).min(i));
                hits.push(Hit {
                    target: Target::Finding(Category::Control),
                    rule: None,
                    sentence: si,
                    from,
                    to: i + 1,
                });
            }
        }
    }
}

/// The nearest subject pronoun before token `k`, skipping auxiliaries and adverbs.
fn subject_before(toks: &[Token<'_>], k: usize) -> Option<usize> {
    const OBJECT_AFTER: &[&str] = &[
        "with", "to", "for", "about", "at", "of", "from", "thank", "love", "miss", "need", "want",
        "see", "tell", "ask", "than", "like",
    ];
    let lo = k.saturating_sub(10);
    for j in (lo..k).rev() {
        match toks[j].norm.as_ref() {
            "you" => {
                let object = j > 0 && OBJECT_AFTER.contains(&toks[j - 1].norm.as_ref());
                if !object {
                    return Some(j);
                }
            }
            "i" | "we" | "he" | "she" | "they" | "it" | "people" | "everyone" | "nobody"
            | "someone" | "who" | "that" | "this" | "things" => return Some(j),
            _ => {}
        }
    }
    None
}

fn is_past_tense(w: &str) -> bool {
    w.ends_with("ed")
        || matches!(
            w,
            "told"
                | "said"
                | "came"
                | "went"
                | "gave"
                | "took"
                | "did"
                | "made"
                | "showed"
                | "paid"
                | "let"
                | "got"
                | "brought"
                | "thought"
                | "knew"
                | "saw"
                | "wrote"
                | "sent"
                | "met"
        )
}

fn span(text: &str, start: usize, end: usize) -> Span {
    Span {
        start,
        end,
        text: text[start..end].to_string(),
    }
}

#[cfg(test)]
mod tests;
