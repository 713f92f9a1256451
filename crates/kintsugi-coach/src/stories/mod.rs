//! Stories of harm: a concept reader for accounts told about a partner, in the past tense and in
//! long sentences ("When he came home drunk he dragged me out of bed by my hair"), where a
//! phrase pattern would need the doer right beside the act.
//!
//! A clause's subject is the last one named before the act (a partner in the third person, or
//! "I", "we", "you", "they"); when it is the partner, an act of one of the concepts below, with
//! what it must reach in the same clause, raises the safety signal:
//! - **blows** (`@strike`): a person or a part of their body follows ("threw a mug at my head");
//! - **needs withheld** (`@withhold` → `@need`): "hid my inhaler", "locked the fridge";
//! - **money taken over** (`@takeover` → `@finance`): "closed our joint account";
//! - **watching** (`@watch` → `@watched`): "went through my phone every night";
//! - **questioning as an accusation** (`@probe` + me): "grilled me about the men at work";
//! - **put-downs** (`@mock` + me or mine): "mocked my accent in front of his friends";
//! - **choices taken over** (`@decide` → what/which/where/who/when … I, or my `@life`), two of
//!   them, or one with a word of permission or of always ("decided when I could see my parents");
//! - **made to give something up** (`@coerce` me to `@coerced`): "made me sell my car";
//! - **not let** ("wouldn't let me visit my dad"), unless it is care ("… let me pay");
//! - **things thrown** (`@strike` → `@thrown`): "threw plates, chairs, whatever was in reach";
//! - **rage as a habit** (`@rage` at me, us, the children, "that I …", or over what I do, said
//!   of what the partner would, always, gets or kept doing): "she'd scream at me over a spoon
//!   in the sink", "he gets furious over every penny I spend";
//! - **what the author may not do, decided** (`@decide` (that) I couldn't, wasn't, had to
//!   stop …): "she decided I couldn't see my friends without her".
//!
//! Fear lived in (`@dread`) needs no doer: the author is afraid of the partner, their temper, or
//! what they would do ("I dreaded the sound of his key in the door"). Kindness told in the same
//! words is left alone: a hand taken to dance, keys taken after a drink, a phone checked for the
//! directions. Each concept has an example and a near miss in `tests.rs`.

use crate::SafetyKind;
use crate::coach::{Coach, Hit};
use crate::lexicon::Lexicon;
use crate::rules::Target;
use crate::text::{Sentence, Token};

/// The concept classes, looked up once.
pub(crate) struct StoryBits {
    doer: u64,
    strike: u64,
    body: u64,
    decide: u64,
    life: u64,
    withhold: u64,
    need: u64,
    takeover: u64,
    finance: u64,
    dread: u64,
    watch: u64,
    watched: u64,
    probe: u64,
    mock: u64,
    thrown: u64,
    coerce: u64,
    coerced: u64,
    rage: u64,
    /// Any act: a "him" or "her" right before one is its doer ("him putting his hand …").
    acts: u64,
}

impl StoryBits {
    pub(crate) fn new(lex: &Lexicon) -> StoryBits {
        let bit = |name: &str| lex.classes(&[name]);
        let acts = lex.classes(&[
            "strike", "decide", "withhold", "takeover", "watch", "probe", "mock",
        ]);
        StoryBits {
            doer: bit("doer"),
            strike: bit("strike"),
            body: bit("body"),
            decide: bit("decide"),
            life: bit("life"),
            withhold: bit("withhold"),
            need: bit("need"),
            takeover: bit("takeover"),
            finance: bit("finance"),
            dread: bit("dread"),
            watch: bit("watch"),
            watched: bit("watched"),
            probe: bit("probe"),
            mock: bit("mock"),
            thrown: bit("thrown"),
            coerce: bit("coerce"),
            coerced: bit("coerced"),
            rage: bit("rage"),
            acts,
        }
    }
}

/// The word classes that make a text tell of someone: a partner's word (`@doer`) or fear
/// (`@dread`).
pub(crate) const TOLD: [&str; 2] = ["doer", "dread"];

/// Whether a sentence holds a word of `TOLD`'s classes, given as their mask (what
/// `Coach::story_told` asks, and what the second reader learns accounts apart from).
pub(crate) fn told(mask: u64, sentences: &[Sentence<'_>]) -> bool {
    sentences.iter().any(|s| s.holds.classes & mask != 0)
}

/// Words that end the reach of an act: a new clause with its own subject or reason.
fn ends_clause(w: &str) -> bool {
    matches!(
        w,
        "i" | "we" | "you" | "they" | "because" | "but" | "so" | "although" | "though" | "until"
    )
}

/// Words of permission or of always: one choice taken over with one of these is control.
fn permission(w: &str) -> bool {
    matches!(
        w,
        "could" | "allowed" | "let" | "every" | "always" | "never" | "only"
    )
}

impl Coach {
    /// Whether a partner is named at `k`: "he" or "she", or a partner's noun after "my", "our",
    /// "the", "his" or "her" ("my husband", "the ex").
    pub(crate) fn partner_at(&self, toks: &[Token<'_>], k: usize) -> bool {
        let word = |i: usize| toks.get(i).map_or("", |t| t.norm.as_ref());
        toks.get(k).is_some_and(|t| t.mask & self.story.doer != 0)
            && (matches!(word(k), "he" | "she")
                || matches!(
                    word(k.wrapping_sub(1)),
                    "my" | "our" | "the" | "his" | "her"
                ))
    }

    /// Whether a text tells of someone: a partner in the third person, or fear. Only such a
    /// text is weighed as an account of harm by the second reader.
    pub(crate) fn story_told(&self, sentences: &[Sentence<'_>]) -> bool {
        told(self.story.doer | self.story.dread, sentences)
    }

    /// Accounts of harm told as stories: see the module's documentation. Returns whether an
    /// act of harm's words turned out to tell a kindness.
    pub(crate) fn stories(&self, si: usize, s: &Sentence<'_>, hits: &mut Vec<Hit>) -> bool {
        let b = &self.story;
        // A story needs a partner told of in the third person, or fear.
        if s.holds.classes & (b.doer | b.dread) == 0 {
            return false;
        }
        let toks = &s.tokens;
        let mut kindly = false;
        let word = |i: usize| toks.get(i).map_or("", |t| t.norm.as_ref());
        let mask = |i: usize| toks.get(i).map_or(0, |t| t.mask);
        let mut hit = |from: usize, to: usize| {
            hits.push(Hit {
                target: Target::Safety(SafetyKind::HarmReport),
                rule: None,
                sentence: si,
                from,
                to,
            });
        };
        // Within `reach` tokens after `k`, in the same clause, the first token `found` accepts.
        let after = |k: usize, reach: usize, found: &dyn Fn(usize) -> bool| -> Option<usize> {
            (k + 1..toks.len().min(k + 1 + reach))
                .take_while(|j| !ends_clause(word(*j)))
                .find(|j| found(*j))
        };
        let kind_near = |k: usize, end: usize| crate::guards::told_kindly(toks, k, end + 1);
        let mut subject: Option<(usize, bool)> = None;
        // Choices taken over in the sentence: how many, from the first doer to the last.
        let (mut choices, mut first, mut last) = (0, None, 0);
        for k in 0..toks.len() {
            let w = word(k);
            if toks[k].quoted {
                continue;
            }
            if mask(k) & b.dread != 0
                && let Some(end) = self.feared(toks, k)
            {
                hit(k, end);
            }
            let object_doer = matches!(w, "him" | "her")
                && mask(k + 1) & b.acts != 0
                && word(k + 1).ends_with("ing");
            if self.partner_at(toks, k) || object_doer {
                subject = Some((k, true));
                continue;
            }
            if ends_clause(w) && !matches!(word(k.wrapping_sub(1)), "than" | "and") {
                subject = Some((k, false));
                continue;
            }
            let Some((doer, true)) = subject else {
                continue;
            };
            let m = mask(k);
            let person = |j: usize| {
                matches!(word(j), "me" | "us")
                    || (matches!(word(j), "my" | "our")
                        && (mask(j + 1) & b.body != 0 || mask(j + 2) & b.body != 0)
                        && !matches!(word(j + 1), "hand" | "hands"))
            };
            let mut found = None;
            if m & b.strike != 0 {
                found = after(k, 8, &person).or_else(|| after(k, 2, &|j| mask(j) & b.thrown != 0));
            }
            // Made to give something up: "made me sell my car", "forced me to quit".
            if found.is_none() && m & b.coerce != 0 && word(k + 1) == "me" {
                let at = k + 2 + usize::from(word(k + 2) == "to");
                found = (mask(at) & b.coerced != 0).then_some(at);
            }
            // Not let: "wouldn't let me visit my dad" (but "wouldn't let me pay" is a treat).
            if found.is_none()
                && w == "let"
                && matches!(word(k.wrapping_sub(1)), "not" | "never")
                && word(k + 1) == "me"
                && !word(k + 2).is_empty()
                && !crate::guards::LET_KINDLY.contains(&word(k + 2))
            {
                found = Some(k + 2);
            }
            if found.is_none() && m & b.withhold != 0 {
                // Mine ("hid my inhaler"), or the household's lifeline ("locked the fridge").
                found = after(k, 4, &|j| {
                    mask(j) & b.need != 0
                        && (matches!(word(j - 1), "my" | "our")
                            || (word(j - 1) == "the"
                                && matches!(word(j), "fridge" | "food" | "heating" | "water")))
                });
            }
            if found.is_none() && m & b.takeover != 0 {
                found = after(k, 5, &|j| mask(j) & b.finance != 0);
            }
            if found.is_none()
                && m & b.watch != 0
                && !matches!(w, "went" | "goes" | "go" | "looked")
            {
                found = after(k, 4, &|j| mask(j) & b.watched != 0 && word(j - 1) != "the");
            }
            if found.is_none()
                && matches!(w, "went" | "goes" | "go" | "looked")
                && word(k + 1) == "through"
            {
                found = after(k + 1, 3, &|j| mask(j) & b.watched != 0);
            }
            if found.is_none() && m & (b.probe | b.mock) != 0 {
                found = after(k, 2, &|j| matches!(word(j), "me" | "my"));
            }
            // Called to ("screamed at me to come and see the sunset", "shouted at me from the
            // garden") or laughed about, it is not rage.
            if found.is_none()
                && m & b.rage != 0
                && self.habit(toks, k)
                && !toks.iter().any(|t| crate::tone::laugh_word(&t.norm))
            {
                found = after(k, 4, &|j| match word(j) {
                    "at" => {
                        let whom = usize::from(word(j + 1) == "the") + j + 1;
                        (matches!(word(j + 1), "me" | "us" | "my" | "our")
                            || (word(j + 1) == "the"
                                && matches!(word(j + 2), "kids" | "children" | "baby")))
                            && !matches!(word(whom + 1), "to" | "from" | "across" | "through")
                            && word(whom + 2) != "to"
                    }
                    "that" => word(j + 1) == "i",
                    // "furious over every penny I spend", "screams about how I load the
                    // dishwasher"
                    "over" | "about" => {
                        matches!(word(j + 1), "every" | "my" | "how" | "what")
                            && toks[j..]
                                .iter()
                                .take(6)
                                .any(|t| t.norm == "i" || t.norm == "my")
                    }
                    _ => false,
                })
                .map(|j| j + 1);
            }
            if found.is_none() && m & b.decide != 0 {
                found = self.decided_for_me(toks, k);
            }
            if let Some(end) = found {
                if kind_near(k, end) {
                    kindly = true;
                } else {
                    hit(doer, end + 1);
                }
                continue;
            }
            if m & b.decide != 0 {
                // Every choice this act reaches in its clause: "picked what I ate, what I
                // watched and what time I went to bed", "chose my clothes".
                let mut j = k + 1;
                while j < toks.len() {
                    let w = word(j);
                    if matches!(w, "what" | "which" | "where" | "who" | "when" | "how") {
                        if let Some(i) = (j + 1..toks.len().min(j + 4)).find(|i| word(*i) == "i") {
                            choices += 1;
                            last = i + 1;
                            j = i + 1;
                            continue;
                        }
                        if word(j + 1) == "to" {
                            choices += 1;
                            last = j + 2;
                        }
                    } else if w == "my" && mask(j + 1) & b.life != 0 {
                        choices += 1;
                        last = j + 2;
                    } else if w == "everything" {
                        choices += 2;
                        last = j + 1;
                    } else if ends_clause(w) {
                        break;
                    }
                    j += 1;
                }
                if choices > 0 && first.is_none() {
                    first = Some(doer);
                }
            }
        }
        let permitted = toks.iter().any(|t| permission(&t.norm));
        if let Some(from) = first
            && (choices >= 2 || permitted)
        {
            hit(from, last.min(toks.len()));
        }
        kindly
    }

    /// Whether the act at `k` is told as a habit: "would", "always", "kept", "used to" just
    /// before it, or "every" or "whenever" in the sentence.
    fn habit(&self, toks: &[Token<'_>], k: usize) -> bool {
        let word = |i: usize| toks.get(i).map_or("", |t| t.norm.as_ref());
        matches!(
            word(k.wrapping_sub(1)),
            "would" | "always" | "constantly" | "kept" | "keeps" | "often" | "gets" | "get"
        ) || (word(k.wrapping_sub(1)) == "to" && word(k.wrapping_sub(2)) == "used")
            || toks
                .iter()
                .any(|t| matches!(t.norm.as_ref(), "every" | "whenever" | "anytime"))
    }

    /// A choice at `k` ("decided", "chose") of what the author may not do: "decided I couldn't
    /// see my friends", "decided that I had to quit". The end of the decision.
    fn decided_for_me(&self, toks: &[Token<'_>], k: usize) -> Option<usize> {
        let word = |i: usize| toks.get(i).map_or("", |t| t.norm.as_ref());
        let i = k + 1 + usize::from(word(k + 1) == "that");
        if word(i) != "i" {
            return None;
        }
        let barred = match (word(i + 1), word(i + 2)) {
            ("could" | "can" | "was" | "would" | "should", "not" | "never") => {
                word(i + 3) != "possibly"
            }
            ("had" | "have", "to") => matches!(
                word(i + 3),
                "stop" | "quit" | "give" | "stay" | "leave" | "move" | "ask" | "hand"
            ),
            _ => false,
        };
        barred.then_some((i + 4).min(toks.len()))
    }

    /// Fear of the partner, their temper, or what they would do, within the clause after a
    /// word of fear at `k`: the end of what was feared.
    fn feared(&self, toks: &[Token<'_>], k: usize) -> Option<usize> {
        let word = |i: usize| toks.get(i).map_or("", |t| t.norm.as_ref());
        const TRIGGER: &[&str] = &[
            "temper",
            "moods",
            "mood",
            "anger",
            "rage",
            "reaction",
            "key",
            "car",
            "footsteps",
            "voice",
            "fists",
            "drinking",
            "truck",
        ];
        const WOULD: &[&str] = &[
            "would", "might", "will", "came", "comes", "got", "gets", "was", "started", "raised",
        ];
        // "On edge" and "eggshells" are the fear; "edge" alone is a place.
        if word(k) == "edge" && word(k.wrapping_sub(1)) != "on" {
            return None;
        }
        let end = toks.len().min(k + 11);
        for j in k + 1..end {
            let w = word(j);
            if matches!(w, "because" | "but" | "for") {
                return None;
            }
            let him = matches!(w, "him" | "her") && !matches!(word(j - 1), "for" | "with" | "to");
            let his = matches!(w, "his" | "her") && TRIGGER.contains(&word(j + 1));
            let he_would = matches!(w, "he" | "she") && WOULD.contains(&word(j + 1));
            let set_off = matches!(word(j.wrapping_sub(1)), "set" | "annoy" | "upset" | "anger")
                && matches!(w, "him" | "her");
            if him || his || he_would || set_off {
                return Some(j + 1 + usize::from(his || he_would));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
