//! Each story concept: an account it must read as harm, and a near miss in the same words.

use crate::{Kind, SafetyKind, analyze};

/// Each concept: an account it must read as harm, and a near miss in the same words that
/// it must leave alone.
const CONCEPTS: &[(&str, &str, &str)] = &[
    (
        "blows",
        "When he got back from the pub he dragged me across the kitchen by my hair.",
        "He grabbed my hand and dragged me onto the dance floor.",
    ),
    (
        "needs withheld",
        "She used to hide my inhaler whenever we argued.",
        "She hid the presents in the garage so the kids wouldn't find them.",
    ),
    (
        "money taken over",
        "He emptied my savings account the week I said I wanted a divorce.",
        "He opened a savings account for the baby.",
    ),
    (
        "watching",
        "Every night he went through my phone while I was in the shower.",
        "He went through the photos from the wedding with me last night.",
    ),
    (
        "questioning as an accusation",
        "She grilled me about every woman I spoke to at the party.",
        "She grilled the steaks while I made the salad.",
    ),
    (
        "put-downs",
        "He mocked my accent in front of his friends for years.",
        "He mocked up a poster for my bake sale.",
    ),
    (
        "choices taken over",
        "He decided what I wore and who I could see.",
        "He decided what we'd cook tonight and it was delicious.",
    ),
    (
        "fear lived in",
        "I dreaded the sound of his car pulling into the drive.",
        "I dreaded the dentist all week but she was lovely.",
    ),
    (
        "made to give something up",
        "She made me sell my car so I'd have to ask her for lifts.",
        "She made me a cup of tea and made me sit down.",
    ),
    (
        "not let",
        "He wouldn't let me visit my dad in hospital.",
        "He wouldn't let me pay for dinner, such a gentleman.",
    ),
    (
        "things thrown",
        "He threw plates and chairs whenever he lost an argument.",
        "He threw a ball for the dog for an hour.",
    ),
    (
        "rage as a habit",
        "She'd scream at me over a spoon left in the sink and the kids heard every word.",
        "She'd shout up the stairs that dinner was ready and we'd all come running.",
    ),
    (
        "what the author may not do, decided",
        "He decided I couldn't see my sister unless he came along too.",
        "He decided I could have the last slice, which was very noble of him.",
    ),
    (
        "keys taken",
        "He took my car keys so I couldn't leave the house.",
        "He took my car keys because I'd had too much wine, which was fair.",
    ),
];

fn harm(text: &str) -> bool {
    analyze(Kind::Message, text)
        .safety
        .iter()
        .any(|s| s.kind == SafetyKind::HarmReport)
}

#[test]
fn each_concept_reads_its_example_and_leaves_its_near_miss() {
    for (concept, example, near_miss) in CONCEPTS {
        assert!(harm(example), "{concept}: {example}");
        assert!(!harm(near_miss), "{concept} near miss: {near_miss}");
    }
}

#[test]
fn a_report_told_as_a_story_is_never_coached() {
    for (_, example, _) in CONCEPTS {
        assert!(
            analyze(Kind::Message, example).findings.is_empty(),
            "{example}"
        );
    }
}
