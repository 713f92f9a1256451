//! The code rules: constructions a phrase can't express, over the sentence's tokens and word
//! classes ("you always …" with a complaint, a demand about something of the partner's, a whole
//! message that only shuts the talk down, the partner's own word held up in scare quotes).

use crate::Category;
use crate::coach::{Coach, Hit};
use crate::rules::{Marker, Target};
use crate::text::{Sentence, Token};

/// Words that begin a sentence that is not an order: "sell the bike or …" and "leave me and …"
/// begin with one; "I", "do you", "if", "please" do not.
pub(crate) const NOT_AN_ORDER: &[&str] = &[
    "i", "you", "we", "he", "she", "they", "it", "this", "that", "there", "do", "does", "did",
    "can", "could", "would", "will", "should", "shall", "may", "might", "is", "are", "was", "were",
    "am", "what", "why", "how", "when", "where", "who", "which", "if", "either", "whether",
    "maybe", "perhaps", "the", "a", "an", "my", "your", "our", "his", "her", "their", "oh", "ok",
    "okay", "so", "and", "but", "or", "please", "let", "thank", "thanks", "sorry", "just", "not",
    "no", "yes", "yeah", "hi", "hey", "love", "have", "had", "has", "want", "need", "like", "hope",
    "wish",
];

impl Coach {
    /// "You always …", "you never …": criticism unless the predicate is warm, or warmth in the
    /// same clause makes it praise ("you always make me laugh, thank you"). Warmth across a
    /// contrast doesn't cancel a sweeping verdict ("you never listen, but I love you"). Returns
    /// whether it read praise instead ("you never forget …"), a reading the second reader must
    /// not undo.
    pub(crate) fn absolutes(
        &self,
        si: usize,
        toks: &[Token<'_>],
        marks: &[(Marker, usize, usize)],
        hits: &mut Vec<Hit>,
    ) -> bool {
        let mut praise = false;
        let warm: Vec<usize> = marks
            .iter()
            .filter(|(m, _, _)| *m == Marker::Praise)
            .map(|(_, from, _)| *from)
            .collect();
        // Warmth reaches an absolute unless a contrast stands between them.
        let contrast = |a: usize, b: usize| {
            toks[a.min(b)..a.max(b)]
                .iter()
                .any(|t| crate::tone::turns(&t.norm))
        };
        let absolutes = || (0..toks.len()).filter(|k| toks[*k].mask & self.bits.absolute != 0);
        if !warm.is_empty() && absolutes().all(|k| warm.iter().any(|w| !contrast(k, *w))) {
            return true;
        }
        // A question ("do you always …?") asks; "don't mind him, he never …" doesn't.
        if toks.first().is_some_and(|t| {
            matches!(
                t.norm.as_ref(),
                "do" | "does" | "did" | "have" | "would" | "will" | "can" | "could"
            )
        }) && toks.get(1).is_none_or(|t| t.norm != "not")
        {
            return false;
        }
        for k in 0..toks.len() {
            let word = toks[k].norm.as_ref();
            if toks[k].mask & self.bits.absolute == 0 {
                continue;
            }
            let Some(subject) = subject_before(toks, k) else {
                continue;
            };
            // Said to the partner, or of them to someone else ("he never helps").
            if !matches!(toks[subject].norm.as_ref(), "you" | "he" | "she") {
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
            let positive = pred.iter().any(|t| t.mask & self.bits.warm != 0);
            let critical = if word == "never" {
                let starts_with = |ws: &[&str]| {
                    pred.len() >= ws.len() && pred.iter().zip(ws).all(|(t, w)| t.norm == *w)
                };
                let fails = pred
                    .first()
                    .is_some_and(|t| t.mask & self.bits.failverb != 0)
                    || starts_with(&["let", "me", "down"])
                    || starts_with(&["lets", "me", "down"])
                    || starts_with(&["give", "up"])
                    // "You never let me feel alone": a harm never allowed is care.
                    || (starts_with(&["let", "me", "feel"]) || starts_with(&["let", "me", "be"]))
                        && pred.iter().any(|t| t.mask & (self.bits.feeling | self.bits.vneg) != 0);
                // "You never told me about the trip" names one event, not a pattern.
                let past = pred.first().is_some_and(|t| is_past_tense(&t.norm));
                let specific = toks.iter().any(|t| {
                    matches!(
                        t.norm.as_ref(),
                        "yesterday" | "last" | "today" | "tonight" | "this" | "about"
                    )
                });
                praise |= fails;
                !(fails || (past && specific))
            } else {
                praise |= positive && !negative;
                // Said of him or her, a habit is only a complaint with a harsh word in it
                // ("he always calls his mum on Sundays" is just so).
                let said_to_you = toks[subject].norm == "you";
                let harsh = pred.iter().any(|t| t.mask & self.bits.vneg != 0);
                negative || (!positive && said_to_you) || (harsh && !said_to_you)
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
        praise
    }

    /// Control: a demand about something of the partner's, or a limit on their freedom.
    pub(crate) fn control_demands(
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

    /// A whole message that only closes the conversation: a few words, one of them a closing
    /// word ("fine", "bye", "whatever", "don't care"), nothing warm and no feeling named.
    pub(crate) fn shutdown(
        &self,
        kind: crate::Kind,
        sentences: &[Sentence<'_>],
        hits: &mut Vec<Hit>,
    ) {
        if kind == crate::Kind::Apology || sentences.is_empty() || sentences.len() > 2 {
            return;
        }
        let words: Vec<&Token<'_>> = sentences.iter().flat_map(|s| &s.tokens).collect();
        let (closing, warm) = (self.bits.closing, self.bits.good | self.bits.feeling);
        // "The laundry is done" tells a thing's state; "I'm done", "this is done" close.
        let a_things_state = |j: usize| {
            j >= 2
                && matches!(
                    words[j - 1].norm.as_ref(),
                    "is" | "are" | "was" | "were" | "'s"
                )
                && !matches!(
                    words[j - 2].norm.as_ref(),
                    "i" | "we" | "this" | "it" | "that" | "everything" | "you" | "am"
                )
        };
        let closes = words
            .iter()
            .enumerate()
            .any(|(j, t)| t.mask & closing != 0 && !a_things_state(j));
        // Words addressed to the partner ("don't forget your keys") or about an errand ("don't
        // forget we need milk") are not a door closing.
        let kind_words = words.iter().any(|t| {
            t.mask & (warm | self.bits.errand) != 0 || matches!(t.norm.as_ref(), "you" | "your")
        });
        if words.len() <= 6 && closes && !kind_words {
            let first = &sentences[0].tokens;
            hits.push(Hit {
                target: Target::Finding(Category::Stonewalling),
                rule: None,
                sentence: 0,
                from: 0,
                to: first.len(),
            });
        }
    }

    /// "Sell the bike or I'm moving out", "Go to that wedding and we're finished": an order,
    /// then the price of not obeying it.
    pub(crate) fn orders_with_a_price(&self, si: usize, toks: &[Token<'_>], hits: &mut Vec<Hit>) {
        let Some(first) = toks.first() else {
            return;
        };
        // "Do it again and …" orders; "do you …" asks.
        let asks = first.norm == "do"
            && toks
                .get(1)
                .is_some_and(|t| matches!(t.norm.as_ref(), "you" | "we" | "i" | "they"));
        let order = first.norm == "do" && !asks;
        if !order
            && (NOT_AN_ORDER.contains(&first.norm.as_ref()) || first.mask & self.bits.good != 0)
        {
            return;
        }
        let word = |i: usize| toks.get(i).map_or("", |t| t.norm.as_ref());
        let calm = self.bits.good | self.bits.feeling | self.bits.state;
        for k in 2..toks.len().saturating_sub(1) {
            let (a, b) = (word(k + 1), word(k + 2));
            // What follows the aux: "or I'll worry" is care, not a price.
            let rest = toks[(k + 3).min(toks.len())..].iter().take(3);
            let price = match word(k) {
                "or" => {
                    let aux = matches!((a, b), ("i" | "we", "am" | "will" | "are"))
                        || matches!((a, b), ("you", "will" | "can" | "lose"))
                        || matches!((a, b), ("do", "not") | ("it", "is"))
                        || a == "lose";
                    // "or I'll make this ugly" is a price; "make" only reads warm in praise.
                    aux && !rest.clone().take(1).any(|t| {
                        t.mask & calm != 0 && !matches!(t.norm.as_ref(), "make" | "makes")
                            || matches!(t.norm.as_ref(), "worry" | "miss" | "help")
                    })
                }
                "and" => {
                    let aux = matches!((a, b), ("i" | "we" | "it", "am" | "are" | "is" | "will"))
                        || matches!((a, b), ("you", "will" | "can"));
                    aux && rest
                        .clone()
                        .any(|t| t.mask & (self.bits.outcome | self.bits.vneg) != 0)
                }
                _ => false,
            };
            if price {
                hits.push(Hit {
                    target: Target::Finding(Category::Ultimatum),
                    rule: None,
                    sentence: si,
                    from: 0,
                    to: toks.len(),
                });
                return;
            }
        }
    }

    /// The partner's own word held up in scare quotes: `your "feelings"`, `my "partner"`.
    pub(crate) fn scare_quotes(&self, si: usize, toks: &[Token<'_>], hits: &mut Vec<Hit>) {
        for i in 1..toks.len() {
            let opens = toks[i].quoted && !toks[i - 1].quoted;
            // The partner's word ("your "feelings"") or their claim ("you were "working late"").
            let owner = matches!(toks[i - 1].norm.as_ref(), "your" | "my" | "you")
                || i >= 2
                    && toks[i - 2].norm == "you"
                    && matches!(toks[i - 1].norm.as_ref(), "were" | "are" | "was" | "had");
            if !(opens && owner) {
                continue;
            }
            let run = toks[i..].iter().take_while(|t| t.quoted).count();
            let whole = i + run == toks.len() && i == 1;
            if run <= 2 && !whole {
                hits.push(Hit {
                    target: Target::Finding(Category::Contempt),
                    rule: None,
                    sentence: si,
                    from: i - 1,
                    to: i + run,
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
