//! The phrase rules: what to look for, why it matters, and what to try instead.
//!
//! Patterns use the small language in `pattern.rs` over normalized tokens (contractions are
//! expanded: "don't" is `do not`, "you're" is `you are`, "I'll" is `i will`). A `{quote}` in a
//! suggestion is replaced with the words found.

use crate::{Category, Part, SafetyKind};

/// What a rule produces when it matches.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target {
    Finding(Category),
    Safety(SafetyKind),
    Part(Part),
}

pub(crate) const MESSAGE: u8 = 1;
pub(crate) const APOLOGY: u8 = 2;
pub(crate) const REQUEST: u8 = 4;
pub(crate) const ALL: u8 = MESSAGE | APOLOGY | REQUEST;

/// One phrase rule.
pub(crate) struct RuleDef {
    pub target: Target,
    /// Which kinds of text the rule applies to (bit set of MESSAGE, APOLOGY, REQUEST).
    pub kinds: u8,
    pub patterns: &'static [&'static str],
    pub why: &'static str,
    pub suggestion: &'static str,
    /// A text the rule must catch, and a near miss in nearly the same words it must leave
    /// alone (the loop in `tests` holds every rule to both), so a newcomer sees what it is for.
    #[cfg(test)]
    pub example: &'static str,
    #[cfg(test)]
    pub near_miss: &'static str,
}

use Category::*;
use Target::{Finding as F, Part as P, Safety as S};

const fn rule(
    target: Target,
    kinds: u8,
    patterns: &'static [&'static str],
    why: &'static str,
    suggestion: &'static str,
) -> RuleDef {
    RuleDef {
        target,
        kinds,
        patterns,
        why,
        suggestion,
        #[cfg(test)]
        example: "",
        #[cfg(test)]
        near_miss: "",
    }
}

impl RuleDef {
    /// The rule's example and near miss (kept in test builds only: the module shipped to
    /// browsers doesn't carry them).
    #[cfg(test)]
    const fn tried(self, example: &'static str, near_miss: &'static str) -> RuleDef {
        RuleDef {
            example,
            near_miss,
            ..self
        }
    }

    #[cfg(not(test))]
    const fn tried(self, _example: &'static str, _near_miss: &'static str) -> RuleDef {
        self
    }
}

mod accounts;
mod apology;
mod contempt;
mod criticism;
mod defensiveness;
mod markers;
mod mind_reading;
mod safety;
mod stonewalling;
mod ultimatum;

#[cfg(test)]
mod prune;

/// Every phrase rule, by category. Order does not matter; overlapping findings of one category
/// are merged.
pub(crate) use markers::{MARKERS, Marker};

pub(crate) const RULES: &[&[RuleDef]] = &[
    criticism::RULES,
    contempt::RULES,
    defensiveness::RULES,
    stonewalling::RULES,
    mind_reading::RULES,
    ultimatum::RULES,
    apology::RULES,
    safety::RULES,
    accounts::RULES,
];

/// Control demands that need no object: limits on the partner's freedom and announced watching.
pub(crate) const CONTROL_PHRASES: &[&str] = &[
    "who were you with",
    "^ send (me|) a (pic|photo|picture|selfie|video)",
    "you will ask me (for|before|first)",
    "i am (handling|managing|controlling|taking) your (wages|money|pay|finances|card|cards|account|accounts)",
    "i will be driving|taking you (to work|everywhere)",
    "(tracking app|tracker) on your",
    "leave it on $",
    "leave it (switched|turned) on",
    "i do not like you going|seeing|talking|texting|wearing|spending",
    "you are not wearing",
    "show me who|what|where you",
    "you go|do|say|eat|wear|buy where|what|whatever|when i",
    "^ (log out of|delete|deactivate|close) (your|@ctlobj)",
    "you will be home|back by|at|before",
    "coming with you to every|all",
    "tell me *2 where|who you",
    "who said you could|can",
    "you do not need to (work|drive|go out|have friends)",
    ", i said no $",
    "list of everyone|everybody|every|all *3 you",
    "so i decide|choose",
    "i get to decide",
    "when i say you can|may",
    "when i say so",
    "when you get there ,? (and|) when you leave",
    "receipts for everything|every",
    "i need the receipts",
    "i will need to meet|approve|vet *3 friends|people|anyone|everyone",
    "you do not need a|your car|job|phone|account|card|license|licence|bank",
    // Isolation as distrust of the partner's people; watched objects; reply deadlines.
    "i do not trust your friends|mates|family|sister|brother|coworkers|colleagues|boss",
    "where i can see it|them|you",
    "from now on i handle|control|decide|manage|keep|hold",
    "you have *3 minutes|seconds|hour to reply|answer|respond|call|text",
    "^ no more nights|trips|drinks|gym|parties|friends|going|seeing|texting|talking",
    "^ no more girls|boys|guys|lads *1 night|nights|trips",
    // Check-ins on a schedule, and the money decided alone.
    "(text|call|message|ring) me *5 every hour|day|night|morning|evening|time|lunch|break",
    "i decide|choose *3 we|you spend|buy|wear|see|eat",
    "you are not allowed",
    "you are never allowed",
    "not allowed to go|see|talk|leave|have|meet",
    "without my permission",
    "unless i say|agree|approve|allow|let",
    "only if i say|agree|allow",
    "so i know where you are",
    "know where you are at all times",
    "i want to know where you are",
    "tell me where you are",
    "who you are with|talking|texting|seeing|messaging",
    "answer my calls|texts|messages within|immediately",
    "answer *2 my calls|texts",
    "you must answer|reply|respond|pick",
    "pick up when i call",
    "check in with me every",
    "i decide who",
    "you need my permission",
    "ask my permission",
    "ask me before you see|go|talk|meet",
    "stop seeing|talking|texting|messaging to? your|him|her|them",
    "show|give|send|hand|forward me your",
    "unblock me",
    "let me see|read|check your",
    "you can not see|go|talk|leave|meet *4 unless",
    "you will not see|go|talk|meet",
    "hand over your",
    "share your location",
    "read receipts",
    "every text|message|email you send",
    "i will be checking|reading|tracking|monitoring|going",
    "i want to see|read|check *2 your|every|all",
    "i need access to your",
    "access to your",
    "send me a photo|picture|selfie",
    "photo|picture|selfie every",
    "delete all your",
    "not go out without me",
    "go out without me",
    // Permission before spending or going out; deadlines; isolation as care.
    "without asking|telling me",
    "ask me before you",
    "text|ask|check with me for approval",
    "for my approval",
    "unless i approve|agree",
    "my permission",
    "@outing *3 without asking",
    "you do not need to see your|any|them",
    "you do not need friends|anyone",
    ", you have me",
    "you do not get to have",
    "you are only allowed",
    "no exceptions",
    "be home|back by",
    "you are home|back by",
    "home by six|seven|eight|nine|ten|eleven|midnight",
    "unlocked at all times",
    "at all times",
    "every single day|time",
    "^ unfollow|unfriend|block",
    "you will tell me",
    "who you talk to",
    "who you are talking to",
    "where you are and who",
    "keep|keeping|take|taking your @ctlobj",
    "keep|keeping|take|taking your @intens? @belongings",
    "i will need your",
    "i just need your",
    "so you do not get any ideas",
    "so you stay home",
    "reply|answer|respond within",
    "within *2 minutes",
    "where are you ? who",
    "who was that on the phone",
    "who is with you",
    "why are you not answering",
    "why did not you answer",
    "i want screenshots|proof",
    "prove you were|it",
    "password|passcode|pin to your",
    "when you arrive , when you leave",
    "when you get there , when you leave",
    "every hour in between",
    "unless i am there|with you|coming",
    "before you leave the house",
    "approve every|your|what",
    "name of everyone",
    "everyone you had|have|talk|see|meet",
    "stays on the *3 table|counter",
    // Decisions about the partner's life taken over ("I'll decide which friends you keep"),
    // and things of theirs put under the author's keeping.
    "i *2 decide|choose|pick|deciding|choosing|picking which|who|what|when|where|how *2 you",
    "i *1 decide|choose who you",
    "your @ctlobj goes|go|stays|stay|lives|live in|on|with my|me",
    "your @belongings goes|go|stays|stay|lives|live in|on|with my|me",
    "goes|go in my drawer|bag|pocket|room",
    "you do not go anywhere",
    "you are not going to that|the|your",
    "you are not going out",
    "you do not leave the house",
    "from now on you",
    "i will be keeping|holding|taking",
    "i will handle|manage the|your money|wages|pay|finances",
    "you need to ask me before|first",
    "ask me first",
    "you answer|reply|respond to? my *3 within|immediately|straight",
    "show me *1 now",
    "your @belongings go|goes into|to|in my",
    "an|your allowance",
    "you will wear|do|say|eat|buy what|whatever i",
    "you are not to",
    "give me the names",
    "that is the rule",
    "i check your @ctlobj",
    "i am in charge of the|your money|finances|phone|car",
    "i want you home *3 after|by|straight",
    "no stopping anywhere",
    "you can go *4 if i come|go with you",
    "putting|put your @belongings in|into",
    "i will be keeping|holding your",
];

/// Explanations for findings raised by code rules rather than phrase rules.
pub(crate) fn default_words(category: Category) -> (&'static str, &'static str) {
    match category {
        Category::Criticism => (
            "“Always” and “never” turn one moment into a verdict on your partner, and they will \
             likely argue with the word instead of hearing the hurt.",
            "Name one specific time instead of “{quote}”: “Yesterday, when …, I felt …”.",
        ),
        Category::Control => (
            "Asking for access or limits on your partner's freedom feels like surveillance; trust \
             grows from what is offered freely, not from what is checked.",
            "Say what would help you feel safe and ask what they'd be willing to offer, instead \
             of “{quote}”.",
        ),
        _ => (
            "These words may land harder than you mean them to.",
            "Try describing what happened and how you felt.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{APOLOGY, MESSAGE, RULES};
    use crate::Kind;
    use crate::coach::COACH;

    /// Every phrase rule catches its example and leaves its near miss alone, read as the first
    /// kind of text the rule applies to.
    #[test]
    fn every_rule_catches_its_example_and_leaves_its_near_miss() {
        for (id, def) in RULES.iter().flat_map(|r| r.iter()).enumerate() {
            let kind = if def.kinds & MESSAGE != 0 {
                Kind::Message
            } else if def.kinds & APOLOGY != 0 {
                Kind::Apology
            } else {
                Kind::Request
            };
            assert!(
                !def.example.is_empty() && !def.near_miss.is_empty(),
                "rule {id} ({:?}) needs an example and a near miss",
                def.patterns.first()
            );
            assert!(
                COACH.fired(kind, def.example).contains(&id),
                "rule {id} misses its example: {}",
                def.example
            );
            assert!(
                !COACH.fired(kind, def.near_miss).contains(&id),
                "rule {id} catches its near miss: {}",
                def.near_miss
            );
        }
    }
}
