//! Markers: phrases that are not findings themselves but tell the guards and the second reader
//! how a sentence is said — an offer or something mutual, praise, a frame that takes back, a
//! plain question, the author's own feeling named first, ownership beside an explanation.

/// Markers the coach's code rules consult: demands, mutual or offered wording, praise, framing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    /// A one-sided demand or announced checking.
    Demand,
    /// Mutual ("let's both") or offered ("I'm open to sharing") wording.
    MutualOrOffer,
    /// Warmth that makes an absolute read as praise ("and I love that").
    Praise,
    /// A frame that takes back what follows ("I'm not saying …").
    Frame,
    /// A plain question that offers or asks ("do you want tea or …?", "shall we …?"): the
    /// rules still read it, the second reader leaves it alone.
    Asks,
    /// Ownership beside an explanation ("I was stressed and took it out on you"): the reason
    /// is told, not used as an excuse.
    Owns,
    /// The author's own feeling named first ("I'm jealous of how easily you make friends"):
    /// the rules still read it, the second reader leaves it alone.
    Feels,
}

/// Marker phrases, by marker.
pub(crate) const MARKERS: &[(Marker, &[&str])] = &[
    (
        Marker::Demand,
        &[
            "^ give|share|send|show|hand|delete|unfriend|unfollow|block|turn|forward|install|unlock|text|answer|report|switch|remove",
            ", give|share|send|show|hand|delete|unfriend|unfollow|block|turn|forward|unlock",
            "^ tell me",
            "you have to",
            "you must",
            "you need to",
            "you better",
            "you had better",
            "you are going to tell|show|give|send|stop|delete|hand|unlock|share|quit|cut|block|unfriend|unfollow|answer",
            "you will",
            "i want to see|read|check|know|have|look|go",
            "i want access",
            "i want you to",
            "i want every|all|your",
            "i need to see|know|read|check|have",
            "i need access",
            "i need your",
            "i demand",
            "i expect you to",
            "i insist",
            "i will be checking|reading|tracking|monitoring|going|looking|watching",
            "i am going to check|read|track|monitor|go|look|watch",
            "i will check|read|track|monitor|go|look|watch",
            "from now on",
            "whenever i want",
            "never turn",
        ],
    ),
    (
        Marker::MutualOrOffer,
        &[
            "let us",
            "we both",
            "both of us",
            "us both",
            "each other",
            "each of us",
            "either of us",
            "we agree",
            "we could",
            "we can",
            "together",
            "i am open to",
            "i am happy to",
            "i can share",
            "i will share",
            "i could share",
            "i would be willing",
            "willing to share",
            "if it helps you",
            "if that helps you",
            "i would like to share",
            "i want to share",
            "i offer",
        ],
    ),
    (
        Marker::Praise,
        &[
            // A warm word said to be what the partner is (VADER's or ours).
            "you @be @intens? @intens? @vpos",
            "you @be @intens? @intens? @positive",
            "you @be a|an|the @intens? @vpos",
            "you @be my @intens? @vpos",
            "thank you",
            "thanks",
            "i love that",
            "i love it",
            "i love you",
            "i appreciate",
            "i notice it",
            "i noticed",
            "grateful",
            "proud of you",
            "that meant a lot",
            "^ you are (so|totally|absolutely|completely|) right",
            "(that is a|a|good) fair point",
            "^ good point",
            // Care for how the partner will feel: "I never want you to feel alone".
            "i (never|do not ever|do not) want you to (feel|think|worry|be afraid|be scared)",
            "making me smile|laugh|blush|happy|melt",
            "i (secretly|really|just|honestly|) love (it|that|you|this)",
            "you are the only one (who|i|that)",
            // Love said outright: "love you, you ridiculous human".
            "^ love you",
            ", love you",
            "obsessed with you",
            "marry you (all over|again)",
            "i owe you",
            "miss you",
            "adore you",
            "best day",
        ],
    ),
    (
        Marker::Frame,
        &[
            "not saying",
            "not that you",
            "i do not think you",
            "i do not believe you",
            "does not mean you",
            "i am not accusing",
            "i know you do not",
            "i know you are not",
            // Granting the partner's reading first: "even if it was a joke, it hurt".
            "even if it was|is",
            "even if you did not mean",
        ],
    ),
    (
        Marker::Asks,
        &[
            "^ do|would you want|fancy|need|like|mind",
            "^ would you rather",
            "either (is fine|works|is good|suits|way)",
            "or shall|should i|we",
            "(you or me|you or i|me or you)",
            "(whatever|anything) you (want|like|prefer|pick|choose) *4 (is fine|works|is good|sounds good)",
            "fine by me",
            "^ shall|should we|i",
            "^ are we still",
            "^ can|could you grab|get|pick|check|send|let|bring|take|call|text",
            "^ want me to",
            "^ do you want me to",
            ", want me to",
            ", do you want me to",
            "^ what do you want|fancy|think",
            "^ what shall|should we",
        ],
    ),
    (
        Marker::Feels,
        &["^ i (am|feel|felt|was|get|got) (so|really|a bit|a little|kind of|kinda|just|) @feeling"],
    ),
    (
        Marker::Owns,
        &[
            "took|take it out on you",
            "that is|was on me",
            "it is|was on me",
            "my fault",
            "no excuse",
            "not an excuse",
            "you did not deserve",
            "i chose to",
            "my responsibility",
            "should have listened to you",
            "i was wrong",
        ],
    ),
];
