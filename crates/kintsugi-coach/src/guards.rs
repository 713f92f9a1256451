//! The guards: whether a coaching finding stands once the sentence around it is read (quoted,
//! negated, reported or taken back; then each category's own: an offer, a pause, the author's
//! own promise or things, teasing), and whether a verb of harm told a kindness instead.

use crate::Category;
use crate::coach::{Coach, Hit};
use crate::rules::{Marker, Target};
use crate::text::{Sentence, Token};

impl Coach {
    /// Whether a coaching finding stands after the guards: those every finding passes, then
    /// its category's own.
    pub(crate) fn stands(
        &self,
        c: Category,
        sentences: &[Sentence<'_>],
        h: &Hit,
        marks: &[(Marker, usize, usize)],
    ) -> bool {
        if !self.coachable(&sentences[h.sentence], h, marks) {
            return false;
        }
        let toks = &sentences[h.sentence].tokens;
        match c {
            Category::Excuse => !marks.iter().any(|(m, _, _)| *m == Marker::Owns),
            Category::Control => self.control_stands(sentences, h, marks),
            // "Ha you were right, I should have listened to you" concedes.
            Category::Criticism | Category::Contempt => {
                !teases(toks, h, marks) && !marks.iter().any(|(m, _, _)| *m == Marker::Owns)
            }
            Category::Stonewalling => self.stonewalling_stands(sentences, h),
            Category::Ultimatum => ultimatum_stands(toks, h),
            _ => true,
        }
    }

    /// Control, unless offered or mutual, the author's own promise ("I'll be home by eleven"),
    /// the author's news in a message about errands, or a request about the author's own things.
    fn control_stands(
        &self,
        sentences: &[Sentence<'_>],
        h: &Hit,
        marks: &[(Marker, usize, usize)],
    ) -> bool {
        let toks = &sentences[h.sentence].tokens;
        if marks.iter().any(|(m, _, _)| *m == Marker::MutualOrOffer) {
            return false;
        }
        // "I'll be home by eleven" is the author's own promise, not a demand.
        let about_you = |t: &Token<'_>| matches!(t.norm.as_ref(), "you" | "your");
        let own = toks[h.from.saturating_sub(4)..h.from]
            .iter()
            .rev()
            .find(|t| !matches!(t.norm.as_ref(), "will" | "am" | "always" | "can" | "be"))
            .is_some_and(|t| t.norm == "i");
        if own && !toks[h.from..h.to].iter().any(about_you) {
            return false;
        }
        if offers_own_conduct(toks, h) {
            return false;
        }
        // "Running late, the meeting ran over. Be home by seven." A sentence with no subject in
        // a message about errands is the author's own news.
        let errands = || {
            sentences
                .iter()
                .flat_map(|s| &s.tokens)
                .any(|t| t.mask & self.bits.errand != 0)
        };
        // "Answer your phone!! The boiler is making that noise again" is urgent news too.
        let urgent = matches!(toks[0].norm.as_ref(), "be" | "answer" | "pick" | "call");
        if h.from <= 1 && urgent && errands() {
            return false;
        }
        // "Can you be home by seven? My parents are coming": a time asked for, once.
        let asks = toks.len() > 2
            && matches!(toks[0].norm.as_ref(), "can" | "could" | "would")
            && toks[1].norm == "you";
        let once = !toks.iter().any(|t| {
            matches!(
                t.norm.as_ref(),
                "every" | "always" | "all" | "no" | "never" | "exceptions"
            )
        });
        if asks && once && toks[h.from..h.to].iter().any(|t| t.norm == "by") {
            return false;
        }
        // "Please don't read my messages without asking me" guards the author's own things
        // or person: a boundary, not a limit on the partner.
        let guards_own = toks[..h.from]
            .iter()
            .any(|t| matches!(t.norm.as_ref(), "my" | "mine"))
            && !toks[..h.to]
                .iter()
                .any(|t| matches!(t.norm.as_ref(), "your" | "yourself"));
        // "I felt left out when you made plans without asking me" tells a feeling and what
        // led to it: an I-statement, not a rule for the partner.
        let before = &toks[..h.from];
        let feeling_told = before
            .iter()
            .position(|t| matches!(t.norm.as_ref(), "felt" | "feel" | "feeling"))
            .is_some_and(|f| {
                before[f..]
                    .windows(2)
                    .any(|w| w[0].norm == "when" && w[1].norm == "you")
            });
        !guards_own && !feeling_told
    }

    /// A shutdown, unless it keeps a topic of the author's own, is about talking with others,
    /// or is a pause that names its return.
    fn stonewalling_stands(&self, sentences: &[Sentence<'_>], h: &Hit) -> bool {
        let toks = &sentences[h.sentence].tokens;
        // "I don't want to talk about my weight" keeps a topic of the author's own: a boundary.
        let after = &toks[h.to..];
        let own_topic = after.len() >= 2 && after[0].norm == "about" && after[1].norm == "my";
        // "I won't discuss our relationship with your friends": not with others, not a wall.
        let with_others = after.windows(2).take(6).any(|w| {
            w[0].norm == "with"
                && matches!(
                    w[1].norm.as_ref(),
                    "your"
                        | "my"
                        | "our"
                        | "other"
                        | "others"
                        | "anyone"
                        | "people"
                        | "friends"
                        | "family"
                        | "them"
                        | "him"
                        | "her"
                        | "everyone"
                )
        });
        if own_topic || with_others {
            return false;
        }
        // "I don't want to talk now; can we talk tonight?" is a pause, not a wall.
        // A return named, not refused: "not later either" closes the door too.
        // "When I feel like it" names no return at all; "tonight or ever" takes it back.
        let on_a_whim = |s: &Sentence| {
            s.tokens.windows(3).any(|w| {
                matches!(
                    (w[0].norm.as_ref(), w[1].norm.as_ref(), w[2].norm.as_ref()),
                    ("feel", "like", "it") | ("good", "and", "ready") | ("or", "any", _)
                )
            }) || s.tokens.windows(2).any(|w| {
                matches!(
                    (w[0].norm.as_ref(), w[1].norm.as_ref()),
                    ("or", "ever" | "never" | "later") | ("not", "ever")
                )
            })
        };
        let names_a_return = |s: Option<&Sentence>| {
            s.is_some_and(|s| {
                !on_a_whim(s)
                    && s.tokens.iter().enumerate().any(|(i, t)| {
                        (t.mask & self.bits.later != 0 || t.norm == "unless")
                            && !(i > 0 && matches!(s.tokens[i - 1].norm.as_ref(), "not" | "never"))
                    })
            })
        };
        !(names_a_return(sentences.get(h.sentence))
            || names_a_return(sentences.get(h.sentence + 1)))
    }

    /// Guards every coaching finding: not quoted, not negated, not reported, not taken back.
    fn coachable(&self, s: &Sentence<'_>, h: &Hit, marks: &[(Marker, usize, usize)]) -> bool {
        let toks = &s.tokens;
        // Quoted words are someone else's, except a scare-quoted word of the partner's own.
        let scare = h.rule.is_none() && matches!(h.target, Target::Finding(Category::Contempt));
        if !scare && toks[h.from..h.to].iter().any(|t| t.quoted) {
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
                "not" | "never" | "no" | "nothing" | "none" => {
                    // "you're not allowed" style phrases carry their own negation.
                    return matches!(h.target, Target::Finding(Category::Control));
                }
                _ => {}
            }
        }
        // A rough verb in a figure of speech: "you are killing it".
        if (h.from..h.to).any(|i| crate::tone::figure_at(toks, i)) {
            return false;
        }
        // What the words forbid is a worry or an apology: "don't you dare apologise".
        let next = |i: usize| toks.get(i).map_or("", |t| t.norm.as_ref());
        if crate::tone::CALM.contains(&next(h.to)) {
            return false;
        }
        let before = &toks[..h.from];
        // The author's own past words, owned: "I'm sorry I called you stupid".
        let recalled = &before[before.len().saturating_sub(4)..];
        let has = |w: &str| recalled.iter().any(|t| t.norm == w);
        if recalled
            .last()
            .is_some_and(|t| matches!(t.norm.as_ref(), "called" | "calling" | "were"))
            && has("i")
            && !has("you")
        {
            return false;
        }
        // Reported speech: "my mother says you are lazy".
        let (third, report) = (self.bits.third, self.bits.report);
        for w in before.windows(2) {
            if w[0].mask & third != 0 && w[1].mask & report != 0 {
                return false;
            }
        }
        // Taken back: "I'm not saying you never help"; "I know you don't mean it" grants it.
        !marks
            .iter()
            .any(|(m, from, _)| *m == Marker::Frame && *from < h.from)
    }
}

/// "You're so stubborn and I secretly love it", "love you, you ridiculous human": warmth said
/// in the same breath as the rough word, with nothing that turns against it ("but"), teases.
fn teases(toks: &[Token<'_>], h: &Hit, marks: &[(Marker, usize, usize)]) -> bool {
    marks.iter().any(|(m, from, to)| {
        if *m != Marker::Praise || (*from < h.to && h.from < *to) {
            return false;
        }
        // Warmth joined on with "and" ("… and I secretly love it"), or love said outright on
        // either side; thanks and praise alone can be sarcasm ("thanks SO much, you hero").
        let joined = *from >= h.to && *from > 0 && toks[*from - 1].norm == "and";
        let loving = toks[*from..*to].iter().any(|t| {
            matches!(
                t.norm.as_ref(),
                "love" | "obsessed" | "marry" | "owe" | "miss" | "adore" | "proud"
            )
        });
        let (a, b) = (h.from.min(*from), h.to.max(*to));
        (joined || loving) && !toks[a..b].iter().any(|t| crate::tone::turns(&t.norm))
    })
}

/// An ultimatum, unless the author steps away with a way back ("If you yell, I'll leave the
/// room, and we can try again") or offers ("If you want, I'll leave you alone for a bit").
fn ultimatum_stands(toks: &[Token<'_>], h: &Hit) -> bool {
    let steps_back = toks.windows(3).any(|w| {
        matches!(
            (w[0].norm.as_ref(), w[1].norm.as_ref(), w[2].norm.as_ref()),
            ("leave", "the", "room")
                | ("take", "a", "break")
                | ("step", "away" | "out" | "outside", _)
                | ("hang", "up", _)
                | ("try" | "talk", "again", _)
        )
    });
    let offers = toks[h.from..h.to].windows(3).any(|w| {
        w[0].norm == "if"
            && w[1].norm == "you"
            && matches!(
                w[2].norm.as_ref(),
                "want" | "need" | "like" | "prefer" | "would" | "are"
            )
    });
    !(steps_back || offers)
}

/// "She threw me a surprise party", "he grabbed me a coffee", "you pushed me to apply": a verb
/// that reports harm with a person as its object reads as a kindness when the person is given
/// something ("me a …") or urged toward something ("me to apply"), not struck or moved; a
/// thing taken "to get it fixed" was taken to be mended.
pub(crate) fn a_kind_deed(toks: &[Token<'_>], end: usize) -> bool {
    let word = |i: usize| toks.get(i).map_or("", |t| t.norm.as_ref());
    // "He took my car to get the brakes fixed": a thing taken to be mended.
    if word(end) == "to"
        && matches!(
            word(end + 1),
            "get" | "fix" | "repair" | "clean" | "wash" | "service" | "charge" | "return"
        )
    {
        return true;
    }
    if end == 0 || word(end - 1) != "me" {
        return false;
    }
    let verb = word(end.saturating_sub(2));
    match word(end) {
        "a" | "an" | "some" | "another" => true,
        "to" => {
            matches!(verb, "pushed" | "pushes" | "pushing")
                && !matches!(word(end + 1), "the" | "a" | "my" | "his" | "her")
        }
        _ => false,
    }
}

/// "I'll tell you when someone contacts me, before you have to ask": transparency the author
/// offers about their own conduct. The sentence opens with the author promising to tell, show
/// or share, what follows is about the author ("me", "my", "I"), and nothing of the partner's
/// is claimed. ("I'll tell you when you can go out" is about the partner, and stands.)
fn offers_own_conduct(toks: &[Token<'_>], h: &Hit) -> bool {
    const MODAL: &[&str] = &[
        "will", "am", "going", "to", "can", "would", "always", "promise",
    ];
    const TELLING: &[&str] = &[
        "tell", "let", "show", "share", "text", "call", "message", "update", "say", "mention",
    ];
    if toks.first().is_none_or(|t| t.norm != "i") {
        return false;
    }
    let Some(verb) = toks
        .iter()
        .skip(1)
        .position(|t| !MODAL.contains(&t.norm.as_ref()))
    else {
        return false;
    };
    let verb = verb + 1;
    let telling = verb > 1 && TELLING.contains(&toks[verb].norm.as_ref());
    let about_me = toks[verb + 1..]
        .iter()
        .any(|t| matches!(t.norm.as_ref(), "me" | "my" | "i" | "mine"));
    let claims_yours = toks.iter().any(|t| t.norm == "your");
    telling && about_me && !claims_yours && h.from > verb
}

/// Words of tenderness or play near an act: the same verbs tell a kindness.
pub(crate) fn tender(w: &str) -> bool {
    matches!(
        w,
        "dance"
            | "danced"
            | "dancing"
            | "hug"
            | "hugs"
            | "hugged"
            | "kiss"
            | "kissed"
            | "kisses"
            | "cuddle"
            | "cuddled"
            | "close"
            | "closer"
            | "surprise"
            | "party"
            | "present"
            | "gift"
            | "pillow"
            | "snowball"
            | "snowballs"
            | "nap"
            | "holiday"
            | "lie-in"
            | "confetti"
            | "directions"
            | "address"
            | "weather"
            | "route"
            | "map"
            | "number"
            | "safekeeping"
    )
}

/// An act told of someone else that turns out to be a kindness: tenderness or play near it
/// ("grabbed my hand and pulled me onto the dance floor"), keys taken from someone who had been
/// drinking, a phone
/// checked for the directions, or something given or mended (`a_kind_deed`). `end` is just past
/// the act's object.
pub(crate) fn told_kindly(toks: &[Token<'_>], from: usize, end: usize) -> bool {
    const DRINK: &[&str] = &[
        "drink", "drinks", "drinking", "drunk", "wine", "beer", "pints",
    ];
    let keys = end > 0 && matches!(toks[end - 1].norm.as_ref(), "keys" | "key" | "car");
    let word = |i: usize| toks.get(i).map_or("", |t| t.norm.as_ref());
    // "grabbed me by the hand and we ran for the bus"
    let by_the_hand =
        (from..end + 1).any(|j| word(j) == "by" && word(j + 1) == "the" && word(j + 2) == "hand");
    // "he wouldn't let me pay for dinner"
    let let_kindly = end >= 2
        && word(end - 2) == "let"
        && word(end - 1) == "me"
        && LET_KINDLY.contains(&word(end));
    // "she keeps my medication in the blue box so I don't forget"
    let a_reminder = (end..toks.len().min(end + 8)).any(|j| {
        word(j) == "so"
            && word(j + 1) == "i"
            && matches!(
                word(j + 2),
                "do" | "never" | "can" | "will" | "would" | "did"
            )
            && matches!(word(j + 3), "not" | "forget" | "remember")
    });
    // "she smashed it at karaoke": a rough verb in a figure of speech.
    let a_figure = (from..end.min(toks.len())).any(|i| crate::tone::figure_at(toks, i));
    by_the_hand
        || let_kindly
        || a_reminder
        || a_figure
        || (from..toks.len().min(end + 8)).any(|j| tender(&toks[j].norm))
        || (keys && toks[end..].iter().any(|t| DRINK.contains(&t.norm.as_ref())))
        || a_kind_deed(toks, end)
}

/// What a partner won't let someone do out of care: pay, carry, lift, worry.
pub(crate) const LET_KINDLY: &[&str] = &[
    "pay",
    "carry",
    "lift",
    "help",
    "do",
    "cook",
    "clean",
    "wash",
    "tidy",
    "worry",
    "cry",
    "fall",
    "forget",
    "lose",
    "win",
    "apologise",
    "apologize",
    "thank",
    ",",
];
