//! How a text is said: fondly (a pet name, a heart, a laugh), setting a worry down, or with a
//! rough verb in a figure of speech. The second reader asks for more before it reads such a
//! text as harsh, and never reads it as an account of harm.

use crate::text::{Sentence, Token};

/// Names said fondly to a partner, and the marks of a kiss or a joke.
const FOND_WORDS: &[&str] = &[
    "babe",
    "bae",
    "hun",
    "hon",
    "honey",
    "sweetheart",
    "sweetie",
    "darling",
    "love",
    "gorgeous",
    "handsome",
    "pea",
    "xx",
    "xxx",
    "x",
    "jk",
    "cutie",
    "angel",
    "sunshine",
    "trouble",
    "bless",
];
/// Words of a laugh.
const LAUGH_WORDS: &[&str] = &["haha", "hahaha", "hehe", "lol", "lmao"];
/// Laughing faces.
const LAUGH_MARKS: &[char] = &['😂', '🤣'];
/// Hearts and kisses.
const HEART_MARKS: &[char] = &[
    '❤', '♥', '😍', '🥰', '😘', '💕', '💖', '💗', '💛', '💙', '💜', '💚',
];
/// Smiles, winks and sunshine.
const SMILE_MARKS: &[char] = &[
    '😊', '🙈', '☀', '✨', '😁', '😄', '😆', '🥹', '😻', '😉', '😜', '😅', '🤪', '🙂', '😀',
];

/// Whether a text is said fondly: a pet name or a laugh in it, or a heart, a smile or a kiss.
pub(crate) fn fond(text: &str, sentences: &[Sentence<'_>]) -> bool {
    sentences
        .iter()
        .flat_map(|s| &s.tokens)
        .any(|t| FOND_WORDS.contains(&t.norm.as_ref()) || LAUGH_WORDS.contains(&t.norm.as_ref()))
        || (marks_possible(text)
            && (text.contains(HEART_MARKS)
                || text.contains(LAUGH_MARKS)
                || text.contains(SMILE_MARKS)))
}

/// Words of a worry or of self-blame: told not to, a partner is being cared for ("don't panic",
/// "don't you dare apologise").
pub(crate) const CALM: &[&str] = &[
    "worry",
    "worries",
    "panic",
    "stress",
    "fret",
    "apologise",
    "apologize",
    "apologising",
    "apologizing",
];

/// Words that turn a sentence against what came before: warmth before "but" doesn't soften
/// what follows it, nor make a sweeping verdict praise.
pub(crate) fn turns(w: &str) -> bool {
    matches!(
        w,
        "but" | "though" | "although" | "however" | "yet" | "still"
    )
}

/// Whether a text could hold a heart, a face or a star at all: each begins with one of these
/// lead bytes in UTF-8, and a plain byte scan rules most texts out at once.
fn marks_possible(text: &str) -> bool {
    text.bytes().any(|b| b == 0xE2 || b == 0xF0)
}

/// Whether a text sends a heart or a kiss.
pub(crate) fn hearts(text: &str) -> bool {
    marks_possible(text) && text.contains(HEART_MARKS)
}

/// Whether a word is a laugh ("lol", "haha").
pub(crate) fn laugh_word(w: &str) -> bool {
    LAUGH_WORDS.contains(&w)
}

/// Whether sentence `si` laughs: a laughing face, or "lol", "haha" among its words (up to
/// where the next sentence begins, so a face after its last word counts).
pub(crate) fn laughs(text: &str, sentences: &[Sentence<'_>], si: usize) -> bool {
    let Some(first) = sentences[si].tokens.first() else {
        return false;
    };
    let end = sentences
        .get(si + 1)
        .and_then(|s| s.tokens.first())
        .map_or(text.len(), |t| t.start);
    text.get(first.start..end)
        .is_some_and(|s| s.contains(LAUGH_MARKS))
        || sentences[si].tokens.iter().any(|t| laugh_word(&t.norm))
}

/// Whether a text sets a worry down ("don't panic about the wine, no harm done"): it names the
/// mishap only to say it doesn't matter, or says a need of its own is nothing against the
/// other ("it doesn't mean anything is wrong"), or checks in ("got home ok?").
pub(crate) fn reassures(sentences: &[Sentence<'_>]) -> bool {
    sentences.iter().any(|s| {
        // A check-in: "just checking you got home ok?"
        let n = s.tokens.len();
        let checks_in = n >= 2
            && matches!(
                s.tokens[n - 1].norm.as_ref(),
                "ok" | "okay" | "alright" | "safe"
            )
            && matches!(
                s.tokens[n - 2].norm.as_ref(),
                "home" | "you" | "back" | "there"
            );
        let w = |i: usize| s.tokens.get(i).map_or("", |t| t.norm.as_ref());
        checks_in
            || (0..s.tokens.len()).any(|i| {
                (matches!(w(i), "not" | "no")
                && CALM.contains(&w(i + 1))
                && w(i.wrapping_sub(1)) != "i")
                || (w(i) == "no" && w(i + 1) == "harm" && w(i + 2) == "done")
                || (w(i) == "these" && w(i + 1) == "things" && w(i + 2) == "happen")
                // "it doesn't mean anything is wrong", "nothing against you", "not about you"
                || (w(i) == "mean" && w(i + 1) == "anything" && w(i.wrapping_sub(1)) == "not")
                || (w(i) == "nothing" && matches!(w(i + 1), "against" | "wrong"))
                || (w(i) == "not" && w(i + 1) == "about" && w(i + 2) == "you")
            })
    })
}

/// Rough verbs in everyday figures of speech: "hit the nail on the head", "hit it off",
/// "smashed it", "killing it", "knock them dead", "blew me away".
pub(crate) fn idiomatic(sentences: &[Sentence<'_>]) -> bool {
    sentences
        .iter()
        .any(|s| (0..s.tokens.len()).any(|i| figure_at(&s.tokens, i)))
}

/// Whether a rough verb at `i` begins a figure of speech ("killing it", "hit it off").
pub(crate) fn figure_at(toks: &[Token<'_>], i: usize) -> bool {
    let w = |i: usize| toks.get(i).map_or("", |t| t.norm.as_ref());
    match w(i) {
        "hit" | "hits" => {
            matches!(
                (w(i + 1), w(i + 2)),
                (
                    "the",
                    "nail" | "jackpot" | "road" | "hay" | "spot" | "ground" | "roof" | "ceiling"
                ) | ("it", "off")
            )
        }
        "killed" | "killing" | "smashed" | "smashing" | "nailed" | "crushed" | "crushing" => {
            w(i + 1) == "it"
        }
        "knock" | "knocked" => {
            matches!(w(i + 1), "them" | "em" | "it") && matches!(w(i + 2), "dead" | "out")
        }
        "blew" | "blown" => w(i + 1) == "me" && w(i + 2) == "away",
        // "punched the air" in joy
        "punched" | "punch" | "punches" | "punching" => w(i + 1) == "the" && w(i + 2) == "air",
        // "your jokes will be the death of me", "the end of me"
        "death" | "end" => w(i + 1) == "of" && w(i + 2) == "me",
        _ => false,
    }
}
