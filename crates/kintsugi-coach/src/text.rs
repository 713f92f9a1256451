//! Tokenizing: words with their byte spans, contractions expanded, sentences and quotes marked.
//!
//! Everything here is a single left-to-right pass over the text, so analysis stays linear.

use std::borrow::Cow;

/// One logical token. A contraction ("you're") becomes two logical tokens ("you", "are") that
/// share the span of the written word, so rules can speak plain grammar.
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    /// Lower-case normalized form; punctuation tokens are "," (clause marks) only. Borrowed from
    /// the text when the written word is already normal, so most tokens allocate nothing.
    pub norm: Cow<'a, str>,
    /// Byte offset of the written word's start.
    pub start: usize,
    /// Byte offset just past the written word.
    pub end: usize,
    /// True when the token sits inside quotation marks (reported speech).
    pub quoted: bool,
    /// The word classes this token belongs to (filled in by the coach, one lookup per token).
    pub mask: u64,
    /// A hash of `norm` (filled in by the coach), so patterns compare words by number first.
    pub hash: u64,
    /// One more than the position of the coach's index bucket for this word; 0 for none.
    pub bucket: u32,
}

/// A sentence: a run of tokens between sentence-ending punctuation.
#[derive(Debug, Clone)]
pub(crate) struct Sentence<'a> {
    pub tokens: Vec<Token<'a>>,
    /// What the sentence holds, for skipping patterns that can't match it (filled in by the
    /// coach with the tokens' hashes and classes).
    pub holds: Holds,
}

/// A sentence's words as a 256-bit Bloom filter of their hashes, and its classes as one mask.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Holds {
    pub words: [u64; 4],
    pub classes: u64,
}

impl Holds {
    /// Notes a token.
    pub(crate) fn add(&mut self, hash: u64, mask: u64) {
        self.words[((hash >> 6) & 3) as usize] |= 1 << (hash & 63);
        self.classes |= mask;
    }

    /// Whether a word with this hash may be in the sentence (no false negatives).
    pub(crate) fn may_hold(&self, hash: u64) -> bool {
        self.words[((hash >> 6) & 3) as usize] & (1 << (hash & 63)) != 0
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '‘' || c == '-'
}

/// Splits `text` into sentences of normalized tokens.
pub(crate) fn sentences(text: &str) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    let mut current: Vec<Token<'_>> = Vec::with_capacity(24);
    let mut quoted = false;
    let bytes = text.as_bytes();
    // The character at a byte offset (ASCII without decoding), and its length.
    let char_at = |at: usize| -> Option<char> {
        match bytes.get(at) {
            None => None,
            Some(b) if b.is_ascii() => Some(char::from(*b)),
            Some(_) => text[at..].chars().next(),
        }
    };
    let mut pos = 0;
    while let Some(c) = char_at(pos) {
        let i = pos;
        pos += c.len_utf8();
        if is_word_char(c) && c != '-' && c != '\'' && c != '’' && c != '‘' {
            let start = i;
            let mut end = pos;
            while let Some(d) = char_at(end) {
                if !is_word_char(d) {
                    break;
                }
                end += d.len_utf8();
            }
            pos = end;
            let raw = &text[start..end];
            // Trailing apostrophes and hyphens belong to punctuation, not the word.
            let trimmed = raw.trim_end_matches(['\'', '’', '‘', '-']);
            let end = start + trimmed.len();
            push_word(&mut current, trimmed, start, end, quoted);
        } else {
            match c {
                '.' | '!' | '?' | ';' | '\n' | '…' => {
                    // A full stop inside a number or abbreviation-like "e.g" stays in the sentence.
                    if c == '.'
                        && char_at(pos).is_some_and(char::is_alphanumeric)
                        && current.last().is_some_and(|t| t.end == i)
                    {
                        continue;
                    }
                    end_sentence(&mut out, &mut current);
                }
                '"' | '“' | '”' | '«' | '»' => {
                    quoted = match c {
                        '“' | '«' => true,
                        '”' | '»' => false,
                        _ => !quoted,
                    };
                }
                ',' | ':' | '—' | '–' | '(' | ')' => current.push(clause_mark(i, c, quoted)),
                // A spaced hyphen is a dash: a clause mark.
                '-' if text[..i].ends_with(' ') => current.push(clause_mark(i, c, quoted)),
                '\'' | '‘' | '’' => {
                    // A lone single quote opens or closes a quotation only at word edges.
                    let prev_space = text[..i]
                        .chars()
                        .next_back()
                        .is_none_or(char::is_whitespace);
                    let next_space = char_at(pos).is_none_or(char::is_whitespace);
                    if prev_space && !next_space {
                        quoted = true;
                    } else if next_space && !prev_space {
                        quoted = false;
                    }
                }
                _ => {}
            }
        }
    }
    end_sentence(&mut out, &mut current);
    out
}

/// A clause mark (a comma, colon, dash or bracket) as the "," token.
fn clause_mark<'a>(i: usize, c: char, quoted: bool) -> Token<'a> {
    Token {
        norm: Cow::Borrowed(","),
        start: i,
        end: i + c.len_utf8(),
        quoted,
        mask: 0,
        hash: 0,
        bucket: 0,
    }
}

/// Closes the sentence being read, if it has any token.
fn end_sentence<'a>(out: &mut Vec<Sentence<'a>>, current: &mut Vec<Token<'a>>) {
    if !current.is_empty() {
        out.push(Sentence {
            // The next sentence starts with room for a typical one, not from nothing.
            tokens: std::mem::replace(current, Vec::with_capacity(24)),
            holds: Holds::default(),
        });
    }
}

fn push_word<'a>(out: &mut Vec<Token<'a>>, raw: &'a str, start: usize, end: usize, quoted: bool) {
    let normal = if raw.is_ascii() {
        !raw.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        raw.chars()
            .all(|c| !c.is_uppercase() && c != '’' && c != '‘')
    };
    let norm: Cow<'a, str> = if normal {
        Cow::Borrowed(raw)
    } else if raw == "I" {
        Cow::Borrowed("i")
    } else {
        let mut n = String::with_capacity(raw.len());
        for c in raw.chars() {
            match c {
                '’' | '‘' => n.push('\''),
                c => n.extend(c.to_lowercase()),
            }
        }
        Cow::Owned(n)
    };
    let ur = by_place(&norm, out.last().map(|t| t.norm.as_ref()));
    let mut push = |s: Cow<'a, str>| {
        out.push(Token {
            norm: s,
            start,
            end,
            quoted,
            mask: 0,
            hash: 0,
            bucket: 0,
        })
    };
    if let Some(parts) = ur.or_else(|| expand(&norm)) {
        for p in parts {
            push(Cow::Borrowed(p));
        }
        return;
    }
    // A byte scan: most words are short and have no apostrophe.
    let apostrophe = norm.bytes().position(|b| b == b'\'');
    if let Some((head, tail)) = apostrophe.map(|at| (&norm[..at], &norm[at + 1..])) {
        let head_parts: &[&str] = match tail {
            "re" => &["are"],
            "ve" => &["have"],
            "ll" => &["will"],
            "d" => &["would"],
            "m" => &["am"],
            "s" if matches!(
                head,
                "it" | "that"
                    | "he"
                    | "she"
                    | "what"
                    | "there"
                    | "who"
                    | "where"
                    | "this"
                    | "here"
                    | "how"
                    | "everything"
                    | "nothing"
                    | "everyone"
            ) =>
            {
                &["is"]
            }
            // Any other "'s" ("laundry's done", "mum's car") stays a mark of its own, so the
            // word before it is still itself.
            "s" if !head.is_empty() => &["'s"],
            _ => &[],
        };
        if !head_parts.is_empty() {
            // The head is borrowed from the text when the word was already normal.
            let head = match &norm {
                Cow::Borrowed(b) => Cow::Borrowed(&b[..head.len()]),
                Cow::Owned(_) if head == "i" => Cow::Borrowed("i"),
                Cow::Owned(_) => Cow::Owned(head.to_string()),
            };
            push(head);
            for p in head_parts {
                push(Cow::Borrowed(p));
            }
            return;
        }
    }
    push(norm);
}

/// Chat words read by their place. "ur" is "you are" where a clause starts ("ur always late")
/// and "your" after a word that takes an object ("on ur phone"); apostrophe-less "lets" is
/// "let us" where a clause starts ("lets go") and the verb after a subject ("she lets me down").
fn by_place(word: &str, before: Option<&str>) -> Option<&'static [&'static str]> {
    match word {
        "ur" => {
            let opens = before.is_none_or(|b| {
                matches!(
                    b,
                    "and"
                        | "but"
                        | "so"
                        | "if"
                        | "when"
                        | "because"
                        | "that"
                        | "or"
                        | ","
                        | "think"
                        | "know"
                        | "cause"
                        | "tho"
                        | "lol"
                        | "omg"
                )
            });
            Some(if opens { &["you", "are"] } else { &["your"] })
        }
        "lets" => before
            .is_none_or(|b| matches!(b, "," | "so" | "ok" | "okay" | "then" | "and" | "but"))
            .then_some(&["let", "us"]),
        _ => None,
    }
}

/// Whole-word expansions: negative contractions, common apostrophe-less spellings and chat forms.
fn expand(w: &str) -> Option<&'static [&'static str]> {
    Some(match w {
        "don't" | "dont" => &["do", "not"],
        "doesn't" | "doesnt" => &["does", "not"],
        "didn't" | "didnt" => &["did", "not"],
        "can't" | "cant" | "cannot" => &["can", "not"],
        "won't" => &["will", "not"],
        "isn't" | "isnt" => &["is", "not"],
        "aren't" | "arent" => &["are", "not"],
        "wasn't" | "wasnt" => &["was", "not"],
        "weren't" | "werent" => &["were", "not"],
        "haven't" | "havent" => &["have", "not"],
        "hasn't" | "hasnt" => &["has", "not"],
        "hadn't" | "hadnt" => &["had", "not"],
        "wouldn't" | "wouldnt" => &["would", "not"],
        "shouldn't" | "shouldnt" => &["should", "not"],
        "couldn't" | "couldnt" => &["could", "not"],
        "mustn't" => &["must", "not"],
        "ain't" => &["is", "not"],
        "let's" => &["let", "us"],
        "youre" => &["you", "are"],
        "u" | "ya" => &["you"],
        "r" => &["are"],
        "idc" => &["i", "do", "not", "care"],
        "idk" => &["i", "do", "not", "know"],
        "rn" => &["right", "now"],
        "bf" => &["boyfriend"],
        "gf" => &["girlfriend"],
        "sry" => &["sorry"],
        "pls" | "plz" => &["please"],
        "thx" => &["thanks"],
        "bc" | "cuz" | "coz" | "cos" => &["because"],
        "ppl" => &["people"],
        "nvm" => &["never", "mind"],
        "ofc" => &["of", "course"],
        "stfu" => &["shut", "the", "fuck", "up"],
        "hes" => &["he", "is"],
        "shes" => &["she", "is"],
        "theyre" => &["they", "are"],
        "wont" => &["will", "not"],
        "im" => &["i", "am"],
        "ive" => &["i", "have"],
        "youll" => &["you", "will"],
        "thats" => &["that", "is"],
        "whats" => &["what", "is"],
        "gonna" => &["going", "to"],
        "wanna" => &["want", "to"],
        "gotta" => &["have", "to"],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<Vec<String>> {
        sentences(text)
            .into_iter()
            .map(|s| s.tokens.into_iter().map(|t| t.norm.into_owned()).collect())
            .collect()
    }

    #[test]
    fn chat_forms_expand_and_ur_reads_by_its_place() {
        assert_eq!(
            norms("ur always on ur phone"),
            [["you", "are", "always", "on", "your", "phone"]]
        );
        assert_eq!(norms("lets go"), [["let", "us", "go"]]);
        assert_eq!(norms("she lets me"), [["she", "lets", "me"]]);
        assert_eq!(
            norms("idc, sry"),
            [["i", "do", "not", "care", ",", "sorry"]]
        );
    }

    #[test]
    fn contractions_expand_to_plain_grammar() {
        assert_eq!(
            norms("You're late. I don't care!"),
            vec![vec!["you", "are", "late"], vec!["i", "do", "not", "care"]]
        );
        assert_eq!(norms("You’re"), vec![vec!["you", "are"]]);
    }

    #[test]
    fn expanded_tokens_share_the_written_span() {
        let s = sentences("so you're");
        let t = &s[0].tokens;
        assert_eq!((t[1].start, t[1].end), (3, 9));
        assert_eq!((t[2].start, t[2].end), (3, 9));
    }

    #[test]
    fn quotes_mark_reported_speech() {
        let s = sentences("He said \"you never listen\" to me");
        let quoted: Vec<bool> = s[0].tokens.iter().map(|t| t.quoted).collect();
        assert_eq!(quoted, vec![false, false, true, true, true, false, false]);
    }

    #[test]
    fn commas_are_clause_marks() {
        assert_eq!(
            norms("Whatever, loser"),
            vec![vec!["whatever", ",", "loser"]]
        );
    }
}
