//! Honesty about what the coach can read: a text plainly in another language is said to be
//! unread, never "nothing to point out".

/// Whether a text is plainly in another language: enough words to judge, hardly any of the
/// words English is made of, and a language identifier (`whatlang`) that names another
/// language. Either alone errs on short texts; together they leave English alone.
pub(crate) fn not_english(text: &str) -> bool {
    // English's commonest words, compared lower-cased in a small buffer (one match, no
    // allocation).
    fn is_english(w: &str) -> bool {
        let mut buf = [0u8; 8];
        let mut len = 0;
        // Typographic apostrophes count as plain ones ("I’m" is "i'm").
        for c in w.chars() {
            let c = if c == '’' || c == '‘' { '\'' } else { c };
            if !c.is_ascii() || len == buf.len() {
                return false;
            }
            buf[len] = (c as u8).to_ascii_lowercase();
            len += 1;
        }
        let dst = &buf[..len];
        matches!(
            dst,
            b"the"
                | b"a"
                | b"an"
                | b"and"
                | b"or"
                | b"but"
                | b"to"
                | b"of"
                | b"in"
                | b"on"
                | b"at"
                | b"for"
                | b"with"
                | b"you"
                | b"i"
                | b"me"
                | b"my"
                | b"your"
                | b"we"
                | b"us"
                | b"our"
                | b"he"
                | b"she"
                | b"it"
                | b"they"
                | b"them"
                | b"is"
                | b"are"
                | b"was"
                | b"were"
                | b"be"
                | b"not"
                | b"do"
                | b"did"
                | b"have"
                | b"has"
                | b"had"
                | b"this"
                | b"that"
                | b"what"
                | b"when"
                | b"why"
                | b"how"
                | b"so"
                | b"if"
                | b"just"
                | b"can"
                | b"will"
                | b"would"
                | b"all"
                | b"no"
                | b"about"
                | b"from"
                | b"like"
                | b"know"
                | b"don't"
                | b"i'm"
                | b"it's"
                | b"you're"
                | b"can't"
                | b"never"
                | b"always"
                | b"every"
                | b"over"
                | b"before"
                | b"after"
                | b"night"
                | b"time"
                | b"want"
                | b"need"
                | b"get"
                | b"go"
                | b"out"
                | b"up"
                | b"one"
                | b"more"
                | b"then"
                | b"there"
                | b"here"
                | b"now"
                | b"again"
                | b"please"
                | b"sorry"
                | b"okay"
                | b"ok"
                | b"yes"
                | b"yeah"
                | b"thanks"
                | b"won't"
                | b"didn't"
                | b"i'll"
                | b"i've"
                | b"home"
                | b"back"
        )
    }
    // The first sixty words are enough to judge, and cost the same for a note or a letter.
    let (words, english) = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic() && !matches!(c, '\'' | '’')))
        .filter(|w| !w.is_empty())
        .take(60)
        .fold((0usize, 0usize), |(n, e), w| {
            (n + 1, e + usize::from(is_english(w)))
        });
    if words < 4 || english * 6 >= words {
        return false;
    }
    let sample: String = text.chars().take(400).collect();
    whatlang::detect(&sample).is_some_and(|i| i.lang() != whatlang::Lang::Eng)
}
