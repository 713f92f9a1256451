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
            // Chat English, which no identifier knows: "u dont even care lol".
                | b"u"
                | b"ur"
                | b"r"
                | b"dont"
                | b"cant"
                | b"wont"
                | b"didnt"
                | b"doesnt"
                | b"isnt"
                | b"ive"
                | b"idk"
                | b"idc"
                | b"lol"
                | b"omg"
                | b"tbh"
                | b"pls"
                | b"plz"
                | b"rn"
                | b"bc"
                | b"cuz"
                | b"gonna"
                | b"wanna"
                | b"thats"
                | b"whats"
                | b"even"
                | b"care"
                | b"because"
                | b"someone"
                | b"anyone"
                | b"anything"
                | b"everyone"
                | b"nobody"
                | b"really"
                | b"nice"
                | b"good"
                | b"bad"
                | b"very"
                | b"much"
                | b"too"
                | b"than"
                | b"their"
                | b"where"
                | b"who"
                | b"which"
                | b"been"
                | b"being"
                | b"could"
                | b"should"
                | b"may"
                | b"might"
                | b"must"
                | b"into"
                | b"only"
                | b"also"
                | b"still"
                | b"well"
                | b"way"
                | b"any"
                | b"some"
                | b"other"
                | b"make"
                | b"made"
                | b"take"
                | b"said"
                | b"say"
                | b"see"
                | b"think"
                | b"come"
                | b"look"
                | b"day"
                | b"today"
                | b"tonight"
                | b"tomorrow"
                | b"work"
                | b"love"
                | b"thing"
                | b"things"
                | b"people"
                | b"away"
                | b"off"
                | b"down"
                | b"thank"
                | b"his"
                | b"him"
                | b"her"
                | b"its"
                | b"by"
                | b"let"
                | b"got"
                | b"going"
                | b"gone"
                | b"went"
        )
    }
    // The first sixty words are enough to judge, and cost the same for a note or a letter; ten
    // of English's words among them already settle it.
    let (mut words, mut english) = (0usize, 0usize);
    for w in text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic() && !matches!(c, '\'' | '’')))
        .filter(|w| !w.is_empty())
        .take(60)
    {
        words += 1;
        english += usize::from(is_english(w));
        if english == 10 {
            return false;
        }
    }
    if words < 4 || english * 6 >= words {
        return false;
    }
    let sample: String = text.chars().take(400).collect();
    whatlang::detect(&sample).is_some_and(|i| i.lang() != whatlang::Lang::Eng)
}
