//! Answers to the questions people ask about trust, in our own words: one page of them, each
//! with its own anchor, searched with the step guides.

/// One question and its answer (paragraphs), with where to go from it.
pub(crate) struct Question {
    /// Its anchor on the page.
    pub(crate) slug: &'static str,
    /// The question as people ask it.
    pub(crate) question: &'static str,
    /// The answer, a paragraph each.
    pub(crate) answer: &'static [&'static str],
    /// A step's guide that goes further, by slug (none: the answer stands alone).
    pub(crate) see: Option<&'static str>,
}

/// The questions, in the order the page shows them.
pub(crate) const QUESTIONS: &[Question] = &[
    Question {
        slug: "address",
        question: "How do we start addressing trust issues?",
        answer: &[
            "Start smaller than you think. Trust is rebuilt in ordinary moments more than in one big talk: a promise kept on a Tuesday, a calm answer to a worried question, a day when nobody checked anybody's phone.",
            "It helps to name what happened and how it hurt, in a planned conversation rather than in the middle of a fight, and then to agree on a few concrete things each of you will do. Kintsugi's steps follow that order, and you can start with whichever fits where you are.",
        ],
        see: Some("talk"),
    },
    Question {
        slug: "come-back",
        question: "Can trust really come back?",
        answer: &[
            "For many couples, yes. Trust grows back the way it first grew: through repeated experience that the other person's words and actions match. It doesn't come back because someone asks for it, and it can't be forced by watching closely.",
            "It also takes both people. The one who broke trust needs to be open and consistent; the one who was hurt needs, over time, to let that consistency count. If only one of you is doing the work, that is worth noticing, kindly and honestly.",
        ],
        see: Some("promises"),
    },
    Question {
        slug: "how-long",
        question: "How long does it take?",
        answer: &[
            "Longer than either of you would like, and rarely in a straight line. Months are common; a year or more is not unusual after a deep betrayal. Bad days in the middle of good weeks are normal and don't mean you are back at the start.",
            "What tells you more than the calendar is the direction: fewer days ruled by worry, talks that end calmer, promises kept more often. Your progress page shows those signs from your own entries, without any score.",
        ],
        see: None,
    },
    Question {
        slug: "causes",
        question: "What causes trust problems in the first place?",
        answer: &[
            "Sometimes one clear event: an affair, a hidden debt, a serious lie. Often it is slower: promises that kept slipping, secrecy about small things, feeling dismissed, or old hurts from earlier relationships or from childhood that make it hard to feel safe with anyone.",
            "Knowing where your own difficulty comes from doesn't excuse anything, but it helps you tell today's partner apart from yesterday's pain. The first step of the program looks at exactly that, privately.",
        ],
        see: Some("roots"),
    },
    Question {
        slug: "win-back",
        question: "I hurt my partner. How do I win back their trust?",
        answer: &[
            "Begin with a real apology: say what you did without softening it, how you understand it affected them, and what you will do differently, without asking for forgiveness in return. Then answer their questions honestly, even the uncomfortable ones.",
            "After that, it is mostly about being predictable in small things: doing what you said, when you said, and offering openness before you are asked. Patience matters too. Their doubt is not an accusation you need to defend against; it is a wound that heals with time and consistency.",
        ],
        see: Some("apology"),
    },
    Question {
        slug: "normal",
        question: "Is it normal to feel this way?",
        answer: &[
            "Yes. After trust is broken, people commonly feel anxious, angry, numb, suspicious or sad, sometimes all in one day. Replaying events, checking for signs, and sudden waves of fear at ordinary things like a late message are common reactions to hurt, not signs that something is wrong with you.",
            "If the feelings take over your days, or you feel unsafe, please talk to someone: a counsellor, a doctor, or one of the lines listed in the app.",
        ],
        see: Some("triggers"),
    },
    Question {
        slug: "step-by-step",
        question: "How does trust grow, step by step?",
        answer: &[
            "Roughly in this order: understanding what shaped each of you, talking honestly, a sincere apology, clear agreements, promises kept over time, handling the moments fear wakes up, and making room for closeness again. Along the way it helps to notice controlling habits, to get support when you need it, and to check in on how you both are doing.",
            "Kintsugi's ten steps follow that path, but you don't have to take them in order. Start where it makes sense for you.",
        ],
        see: None,
    },
    Question {
        slug: "needed",
        question: "Does a relationship need trust to last?",
        answer: &[
            "A relationship can survive a long time without it, but it rarely feels good from the inside. Without trust, people tend to guard themselves, watch each other, and hold back the openness that makes being together worthwhile.",
            "Trust doesn't mean certainty that nothing will ever go wrong. It means believing, on good evidence, that the other person means well and will tell you the truth.",
        ],
        see: None,
    },
    Question {
        slug: "stay",
        question: "Should I stay if trust won't come back?",
        answer: &[
            "Only you can decide that, and no app should decide it for you. It may help to ask yourself a few questions over time: is your partner consistent and accountable? Do you feel emotionally safe more often than not? Are you growing, or constantly anxious? Are both of you carrying the work?",
            "If you feel afraid of your partner, that is a different situation: couples work is not the right tool while there is danger, and the lines in the app can help you think about your safety in confidence.",
        ],
        see: None,
    },
    Question {
        slug: "therapy",
        question: "Does couples therapy help?",
        answer: &[
            "Often, yes, especially when the hurt is deep, when talks keep turning into fights, or when one of you feels stuck. A good therapist gives both of you a safe place to be heard and helps you avoid the patterns that keep the wound open.",
            "Couples therapy is not advised while one partner is afraid of the other or is being controlled or hurt; individual support is the right place to start then.",
        ],
        see: None,
    },
    Question {
        slug: "overthinking",
        question: "How do I stop overthinking?",
        answer: &[
            "You probably can't switch the thoughts off, but you can change what you do with them. Write the worry down, including what supports it and what speaks against it. Give it ten minutes before acting on it. Breathe slowly for a few minutes; the body calms faster than the mind.",
            "If you still need reassurance afterwards, ask for it once, calmly, and say what would help. Over weeks, your triggers log will show you whether the worries come less often.",
        ],
        see: Some("triggers"),
    },
    Question {
        slug: "boundaries",
        question: "How do boundaries help?",
        answer: &[
            "A boundary says what you will do to look after yourself, not what the other person must do. \"I need us to stop talking when voices rise, and come back in twenty minutes\" is a boundary; \"you may not see your friends\" is control.",
            "Clear, kind boundaries make a relationship safer for both people, because each knows where the other stands. Agreements you both accept can hold them, and you can review them as things change.",
        ],
        see: Some("agreements"),
    },
];
