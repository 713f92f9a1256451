//! Threats read as concepts, not phrases: what makes a sentence a threat is its shape, whatever
//! its words.
//!
//! - **Exposure**: private pictures or what was sent in trust (`@exposed`, "what you sent me",
//!   or only "these" when they would "end up" somewhere), shown to the people in a person's life
//!   or put online (`@audience`, "post", "leak", "see"), as a price: on a condition ("if you
//!   block me"), after an order ("leave me and …"), as a reminder of what is held ("don't forget
//!   I still have …") or as a question about the audience ("how would your boss feel if …").
//!   Said to the partner it is a threat; told of a partner ("she said she'd post the photos I
//!   sent her if I didn't come back") it is an account of harm.
//! - **A price told of**: a partner said, wrote or swore that something bad would follow if the
//!   author left, told anyone or went to the police ("he told me I'd never work in this town
//!   again if I went to the police").
//!
//! Kindness in the same words is left alone: a condition the other may choose ("if you like"),
//! asking first ("can I post that photo of you?"), pictures that are not the other's ("send the
//! photos to your mum"). Each concept has an example and a near miss in the tests below.

use crate::SafetyKind;
use crate::coach::{Coach, Hit};
use crate::lexicon::Lexicon;
use crate::rules::Target;
use crate::text::{Sentence, Token};

/// The classes the threat concepts read, looked up once.
pub(crate) struct ThreatBits {
    exposed: u64,
    audience: u64,
}

impl ThreatBits {
    pub(crate) fn new(lex: &Lexicon) -> ThreatBits {
        let bit = |name: &str| lex.classes(&[name]);
        ThreatBits {
            exposed: bit("exposed"),
            audience: bit("audience"),
        }
    }
}

/// Verbs of making something public.
const PUBLISH: &[&str] = &[
    "post",
    "posts",
    "posted",
    "posting",
    "share",
    "shares",
    "shared",
    "sharing",
    "leak",
    "leaks",
    "leaked",
    "leaking",
    "upload",
    "uploaded",
    "uploading",
    "circulate",
    "spread",
    "see",
    "sees",
    "seeing",
    "seen",
];

/// Conditions the other may freely choose: "if you like", "if you don't mind".
const KIND_CONDITION: &[&str] = &[
    "want", "like", "prefer", "mind", "agree", "okay", "ok", "fine", "happy", "say",
];

/// Words a partner uses to say what will happen: the start of a price told of.
const SAYS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "texted",
    "texting",
    "texts",
    "messaged",
    "messaging",
    "wrote",
    "writes",
    "warned",
    "warns",
    "swore",
    "swears",
    "threatened",
    "threatens",
    "threatening",
    "promised",
    "screamed",
    "yelled",
    "shouted",
    "saying",
];

/// What a price told of is the price of: leaving, telling, the police, not doing as told.
fn leaving(toks: &[Token<'_>], j: usize) -> bool {
    let word = |i: usize| toks.get(i).map_or("", |t| t.norm.as_ref());
    match word(j) {
        "leave" | "left" | "leaving" | "ever" | "dared" | "police" | "cops" => true,
        "tell" | "told" | "called" | "call" | "reported" | "report" => true,
        "not" => matches!(word(j.wrapping_sub(1)), "did" | "do" | "would" | "could"),
        "went" | "go" => matches!(word(j + 1), "to" | "back") && word(j + 2) != "bed",
        _ => false,
    }
}

/// What follows, when a partner names a price: harm, loss, exposure, never again.
const BAD_END: &[&str] = &[
    "never", "kill", "hurt", "take", "post", "share", "send", "ruin", "regret", "sorry", "pay",
    "lose", "deported", "deport", "nobody", "kick", "throw", "die", "dead", "find", "leak", "end",
];

impl Coach {
    /// The threat concepts in one sentence (see the module's documentation).
    pub(crate) fn threats(&self, si: usize, s: &Sentence<'_>, hits: &mut Vec<Hit>) {
        let b = &self.threat;
        let toks = &s.tokens;
        let mut push = |kind: SafetyKind, from: usize, to: usize| {
            hits.push(Hit {
                target: Target::Safety(kind),
                rule: None,
                sentence: si,
                from,
                to,
            });
        };
        // A partner told of, and where they are first named.
        let doer = (0..toks.len()).find(|&i| self.partner_at(toks, i));
        if let Some(d) = doer
            && let Some(end) = self.price_told(toks, d)
        {
            push(SafetyKind::HarmReport, d, end);
            return;
        }
        if s.holds.classes & (b.exposed | b.audience) == 0 {
            return;
        }
        let Some((from, to)) = self.exposure(toks) else {
            return;
        };
        // Told of a partner, about the author's pictures: an account; said to the partner: a
        // threat.
        let mine = toks
            .iter()
            .any(|t| matches!(t.norm.as_ref(), "my" | "me" | "i"));
        match doer {
            Some(d) if mine && d < to => push(SafetyKind::HarmReport, d, to),
            _ => push(SafetyKind::Threat, from, to),
        }
    }

    /// "He told me I'd never work in this town again if I went to the police": a partner's
    /// word of saying, then a bad end and a condition of leaving or telling, in either order.
    /// The end of what was told.
    fn price_told(&self, toks: &[Token<'_>], doer: usize) -> Option<usize> {
        let word = |i: usize| toks.get(i).map_or("", |t| t.norm.as_ref());
        let said = (doer + 1..toks.len().min(doer + 5)).find(|&i| SAYS.contains(&word(i)))?;
        let cond = (said + 1..toks.len())
            .find(|&i| matches!(word(i), "if" | "unless") && word(i + 1) == "i")?;
        let condition_end = (cond + 2..toks.len().min(cond + 7)).find(|&j| leaving(toks, j))?;
        let bad = (said + 1..toks.len()).any(|i| i != condition_end && BAD_END.contains(&word(i)));
        bad.then_some((condition_end + 1).max(cond + 2))
    }

    /// Private pictures shown as a price (see the module's documentation): the threat's span.
    fn exposure(&self, toks: &[Token<'_>]) -> Option<(usize, usize)> {
        let b = &self.threat;
        let word = |i: usize| toks.get(i).map_or("", |t| t.norm.as_ref());
        let n = toks.len();
        // Asking first is not a threat: "can I post that photo of you?"
        if matches!(
            (word(0), word(1)),
            ("can" | "may" | "could" | "should", "i") | ("is", "it") | ("do", "you")
        ) {
            return None;
        }
        // What would be shown: pictures that are the other's or were sent in trust, what was
        // sent, or only "these" when they would end up somewhere.
        let owned = |m: usize| {
            matches!(
                word(m.wrapping_sub(1)),
                "your" | "my" | "that" | "those" | "these" | "them"
            ) || (m + 1..n.min(m + 4)).any(|j| {
                (word(j) == "of" && matches!(word(j + 1), "you" | "me"))
                    || (matches!(word(j), "you" | "i") && word(j + 1) == "sent")
            })
        };
        let material = (0..n).any(|m| {
            (toks[m].mask & b.exposed != 0 && owned(m))
                || (word(m) == "what"
                    && matches!(word(m + 1), "you" | "i")
                    && word(m + 2) == "sent")
                || (matches!(word(m), "these" | "those" | "they" | "them")
                    && matches!(word(m + 1), "end" | "ended" | "go" | "went" | "get" | "got")
                    && matches!(word(m + 2), "up" | "online" | "out" | "around"))
        });
        if !material {
            return None;
        }
        // Who would see them, or how they would get out.
        let spread = (0..n).any(|i| {
            (toks[i].mask & b.audience != 0 && !matches!(word(i.wrapping_sub(1)), "my" | "our"))
                || PUBLISH.contains(&word(i))
        });
        // "Don't forget I still have that video of you" warns without naming who would see it.
        let warned = (0..n).any(|i| {
            word(i) == "forget"
                && word(i.wrapping_sub(1)) == "not"
                && (i + 1..n.min(i + 5)).any(|j| matches!(word(j), "have" | "got" | "kept"))
        });
        if !spread && !warned {
            return None;
        }
        // The price: a condition not the other's to choose, an order, a reminder of what is
        // held, a question about the audience.
        let condition = (0..n).any(|i| {
            matches!(word(i), "if" | "unless")
                && !(i + 1..n.min(i + 5)).any(|j| KIND_CONDITION.contains(&word(j)))
        });
        let order = !crate::constructions::NOT_AN_ORDER.contains(&word(0))
            && (1..n).any(|i| word(i) == "and" && !matches!(word(i + 1), "i" | "we"));
        let again = (0..n).any(|i| word(i) == "again" && word(i + 1) == "and");
        let held = (0..n).any(|i| {
            matches!(word(i), "forget" | "remember")
                && (i + 1..n.min(i + 5)).any(|j| matches!(word(j), "have" | "got" | "kept"))
        });
        let question = (0..n).any(|i| {
            matches!(word(i), "how" | "what" | "imagine" | "wonder")
                && (i + 1..n.min(i + 5)).any(|j| toks[j].mask & b.audience != 0)
        });
        (warned || condition || order || again || held || question).then_some((0, n))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Kind, SafetyKind, analyze};

    /// Each concept: a sentence it must read as a threat (or an account of one), and a near
    /// miss in the same words that it must leave alone.
    const CONCEPTS: &[(&str, SafetyKind, &str, &str)] = &[
        (
            "exposure on a condition",
            SafetyKind::Threat,
            "If you block me one more time your pictures go straight to your boss.",
            "If you like, I'll send the pictures from the wedding to your mum.",
        ),
        (
            "exposure after an order",
            SafetyKind::Threat,
            "Walk out on me and everyone at your office gets to see what you sent me.",
            "Come home early and we can look at the holiday photos together.",
        ),
        (
            "what is held",
            SafetyKind::Threat,
            "Remember I've still got those videos of you, so think before you post that.",
            "Can I post that video of you dancing? You look so happy in it.",
        ),
        (
            "a question about the audience",
            SafetyKind::Threat,
            "What would your parents say if these ended up online?",
            "What would your parents say if we visited at Easter?",
        ),
        (
            "exposure told of",
            SafetyKind::HarmReport,
            "After I left, my ex messaged that she'd share my pictures with my family if I didn't call.",
            "My sister kept threatening to show the baby photos at my party, so embarrassing.",
        ),
        (
            "a price told of",
            SafetyKind::HarmReport,
            "He swore I'd never see the kids again if I left him.",
            "He told me I'd love the film if I went in with an open mind.",
        ),
    ];

    #[test]
    fn each_threat_concept_reads_its_example_and_leaves_its_near_miss() {
        for (concept, kind, example, near_miss) in CONCEPTS {
            let a = analyze(Kind::Message, example);
            assert!(
                a.safety.iter().any(|s| s.kind == *kind),
                "{concept}: {example:?} gave {:?}",
                a.safety
            );
            let a = analyze(Kind::Message, near_miss);
            assert!(
                a.safety.is_empty(),
                "{concept}: the near miss {near_miss:?} gave {:?}",
                a.safety
            );
        }
    }
}
