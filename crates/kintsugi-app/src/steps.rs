//! The registry of the program's steps: what the program page, home, navigation, export and
//! progress read. Adding a step adds one entry here.

use crate::RecordKind;

/// One step of the program as the app presents it.
#[derive(Debug)]
pub struct Step {
    /// Its number in the program (1–10).
    pub number: u8,
    /// The name in code and URLs.
    pub slug: &'static str,
    /// Its title.
    pub title: &'static str,
    /// One or two sentences on what it gives the person.
    pub summary: &'static str,
    /// Where its tools are.
    pub path: &'static str,
    /// Where its guide is.
    pub guide: &'static str,
    /// Further pages of the step, with their names.
    pub more: &'static [(&'static str, &'static str)],
    /// The kinds of record it stores (what export and progress read).
    pub kinds: &'static [RecordKind],
}

/// The steps that are ready, in the program's order.
pub const STEPS: &[Step] = &[
    Step {
        number: 1,
        slug: "roots",
        title: "Roots: where the distrust comes from",
        summary: "A checklist of where distrust can begin, and a journal with gentle questions. Private unless you share an entry.",
        path: "/roots",
        guide: "/guide/roots",
        more: &[],
        kinds: &[RecordKind::RootsChecklist, RecordKind::Reflection],
    },
    Step {
        number: 2,
        slug: "talk",
        title: "Talk: honest, calm, together",
        summary: "Plan a calm conversation with your partner, keep the ground rules in view, call a break when you need one, and note privately how it went.",
        path: "/talks",
        guide: "/guide/talk",
        more: &[],
        kinds: &[
            RecordKind::Talk,
            RecordKind::TalkReply,
            RecordKind::TalkPause,
            RecordKind::TalkReflection,
        ],
    },
    Step {
        number: 3,
        slug: "apology",
        title: "Apology and accountability",
        summary: "Write a full apology with the coach's help, deliver it when it's ready, answer hard questions honestly, and turn commitments into promises.",
        path: "/apologies",
        guide: "/guide/apology",
        more: &[("Questions", "/questions")],
        kinds: &[
            RecordKind::Apology,
            RecordKind::ApologyValue,
            RecordKind::ApologyResponse,
            RecordKind::Question,
            RecordKind::Answer,
        ],
    },
    Step {
        number: 4,
        slug: "agreements",
        title: "Agreements: what we both say yes to",
        summary: "Put into words what the two of you agree on, what is fine and what isn't, and when to look at it again. Nothing is in force until you both say yes.",
        path: "/agreements",
        guide: "/guide/agreements",
        more: &[],
        kinds: &[RecordKind::Agreement, RecordKind::AgreementStep],
    },
    Step {
        number: 5,
        slug: "promises",
        title: "Promises: small and kept",
        summary: "Make small promises with a day or a rhythm, mark them as you go, and let your partner confirm them. Reliability grows with each one kept; a miss is a dip, not a reset.",
        path: "/promises",
        guide: "/guide/promises",
        more: &[],
        kinds: &[RecordKind::Promise, RecordKind::PromiseMark],
    },
    Step {
        number: 6,
        slug: "triggers",
        title: "Triggers: when old fear wakes up",
        summary: "Log the moments fear flares up, privately, and see your own patterns. Take a guided pause, and if you want, ask your partner for reassurance in calm words.",
        path: "/triggers",
        guide: "/guide/triggers",
        more: &[
            ("Guided pause", "/triggers/pause"),
            ("Reassurance", "/reassurance"),
        ],
        kinds: &[
            RecordKind::TriggerEntry,
            RecordKind::ReassuranceRequest,
            RecordKind::ReassuranceAnswer,
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_in_order_and_every_kind_belongs_to_one_step() {
        for (i, s) in STEPS.iter().enumerate() {
            assert_eq!(usize::from(s.number), i + 1);
        }
        let mut kinds: Vec<&str> = STEPS
            .iter()
            .flat_map(|s| s.kinds.iter().map(|k| k.as_str()))
            .collect();
        let n = kinds.len();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), n, "no kind in two steps");
    }
}
