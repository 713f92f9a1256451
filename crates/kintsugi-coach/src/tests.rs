//! Hard cases, written as the product's stories. The dev-examples accuracy test lives in
//! `tests/dev_examples.rs`.

use super::*;
use crate::coach::Coach;

fn cats(kind: Kind, text: &str) -> Vec<Category> {
    analyze(kind, text).categories()
}

#[test]
fn every_rule_pattern_compiles() {
    let coach = Coach::new();
    assert!(!coach.index.is_empty());
}

#[test]
fn you_always_plus_complaint_is_criticism() {
    assert_eq!(
        cats(Kind::Message, "You always leave your socks on the floor."),
        vec![Category::Criticism]
    );
}

#[test]
fn authors_own_feelings_are_not_criticism() {
    assert!(cats(Kind::Message, "I always feel better after we talk.").is_empty());
    assert!(cats(Kind::Message, "I never feel heard when we argue like that.").is_empty());
}

#[test]
fn praise_with_always_or_never_is_not_criticism() {
    assert!(cats(Kind::Message, "You always make me laugh.").is_empty());
    assert!(cats(Kind::Message, "You never forget my birthday.").is_empty());
    assert!(cats(Kind::Message, "You never let me down.").is_empty());
}

#[test]
fn warmth_across_a_contrast_does_not_cancel_a_sweeping_verdict() {
    for text in [
        "You always forget my birthday, but thank you for the flowers.",
        "You never listen to me, but I love you.",
        "Thank you for dinner, but you never listen.",
    ] {
        assert_eq!(
            cats(Kind::Message, text),
            vec![Category::Criticism],
            "{text}"
        );
    }
    // Warmth in the same clause still makes it praise.
    assert!(cats(Kind::Message, "You always make me laugh, thank you.").is_empty());
    assert!(cats(Kind::Message, "You never forget my birthday, thank you.").is_empty());
}

#[test]
fn an_i_statement_never_restates_a_judgement_as_the_behaviour() {
    for text in [
        "You always overreact when I am a little late.",
        "You always nag me about the dishes.",
    ] {
        let r = analyze(Kind::Message, text).rewrite.expect("a scaffold");
        assert!(
            r.contains("[what happened, as a camera would have seen it]"),
            "{r}"
        );
        assert!(!r.contains("overreact") && !r.contains("nag"), "{r}");
    }
    // What a camera would see is restated.
    let r = analyze(Kind::Message, "You ignored me at dinner.")
        .rewrite
        .expect("a scaffold");
    assert!(r.contains("when you ignored me at dinner"), "{r}");
}

#[test]
fn transparency_offered_about_ones_own_conduct_is_not_control() {
    for text in [
        "I will tell you when someone contacts me, before you have to ask.",
        "I'll let you know if my ex gets in touch.",
        "I will show you my phone whenever you want.",
    ] {
        assert!(cats(Kind::Request, text).is_empty(), "{text}");
    }
    // What claims the partner's things or conduct is still control.
    assert_eq!(
        cats(Kind::Request, "I will check your phone every night."),
        vec![Category::Control]
    );
    assert_eq!(
        cats(Kind::Request, "You will tell me when someone contacts you."),
        vec![Category::Control]
    );
}

#[test]
fn negated_and_framed_forms_are_not_flagged() {
    assert!(cats(Kind::Message, "I'm not saying you never help.").is_empty());
    assert!(cats(Kind::Message, "I know you didn't do it on purpose.").is_empty());
}

#[test]
fn quoted_speech_is_reported_not_coached() {
    assert!(
        cats(
            Kind::Message,
            "My mother said \"you are so lazy\" and it stung."
        )
        .is_empty()
    );
}

#[test]
fn a_report_of_harm_gets_a_safety_signal_and_no_blame() {
    let a = analyze(Kind::Message, "I felt threatened when he blocked the door.");
    assert!(a.findings.is_empty());
    assert_eq!(a.safety[0].kind, SafetyKind::HarmReport);
    let a = analyze(
        Kind::Message,
        "He checks my phone every night and you never believe me.",
    );
    assert!(a.safety.iter().any(|s| s.kind == SafetyKind::HarmReport));
    assert!(a.rewrite.is_none());
}

#[test]
fn a_kindness_told_about_a_partner_is_not_a_report_of_harm() {
    for kind in [
        "She threw me a surprise party and I felt so loved.",
        "He grabbed me a coffee on his way in.",
        "You always pushed me to apply for better jobs.",
        "He took my car to get the brakes fixed.",
        "He held my hand the whole time at the hospital.",
        "My wife hit the nail on the head about the budget.",
    ] {
        assert!(analyze(Kind::Message, kind).safety.is_empty(), "{kind}");
    }
    for harm in [
        "She threw a plate at me.",
        "He grabbed me by the arm so hard it left bruises.",
        "He pushed me to the ground.",
        "He took my phone so I couldn't call anyone.",
        "He held me down on the bed.",
        "My girlfriend keeps hitting me.",
        // A threat is never read as a kindness.
        "I will take the kids to get them away from you.",
    ] {
        assert!(!analyze(Kind::Message, harm).safety.is_empty(), "{harm}");
    }
}

#[test]
fn harm_told_in_the_passive_is_a_report_of_harm() {
    for harm in [
        "I was hit again last night.",
        "I keep getting threatened whenever I mention leaving.",
        "I'm constantly being watched and tracked.",
        "My phone gets checked every night.",
    ] {
        let a = analyze(Kind::Message, harm);
        assert!(
            a.safety.iter().any(|s| s.kind == SafetyKind::HarmReport),
            "{harm}"
        );
        assert!(a.findings.is_empty(), "{harm}");
    }
    // A feeling told in the passive is not harm.
    assert!(
        analyze(Kind::Message, "I was hurt when you didn't call.")
            .safety
            .is_empty()
    );
}

#[test]
fn a_verdict_on_the_partner_told_to_someone_else_is_still_a_verdict() {
    assert!(cats(Kind::Message, "My husband is lazy and useless.").contains(&Category::Criticism));
    assert!(cats(Kind::Message, "He never helps with anything.").contains(&Category::Criticism));
    assert!(cats(Kind::Message, "He always calls his mum on Sundays.").is_empty());
    assert!(cats(Kind::Message, "She never lets me down.").is_empty());
}

#[test]
fn teasing_and_granted_intent_are_not_verdicts() {
    assert!(cats(Kind::Message, "You're so stubborn and I secretly love it.").is_empty());
    assert!(
        cats(Kind::Message, "You're so stubborn, it drives me mad.").contains(&Category::Criticism)
    );
    assert!(
        cats(
            Kind::Message,
            "It hurts when I feel ignored, and I know you don't mean it."
        )
        .is_empty()
    );
    assert!(
        cats(Kind::Message, "You don't mean it and you never did.")
            .contains(&Category::MindReading)
    );
}

#[test]
fn self_harm_is_its_own_signal() {
    let a = analyze(
        Kind::Message,
        "Sometimes I think you'd be better off without me.",
    );
    assert_eq!(a.safety[0].kind, SafetyKind::SelfHarm);
}

#[test]
fn a_healthy_pause_is_not_stonewalling() {
    assert!(
        cats(
            Kind::Message,
            "I don't want to talk about it right now, can we talk after dinner?"
        )
        .is_empty()
    );
    assert_eq!(
        cats(Kind::Message, "I don't want to talk about it."),
        vec![Category::Stonewalling]
    );
}

#[test]
fn a_permissive_condition_is_not_an_ultimatum() {
    assert!(cats(Kind::Message, "If you're running late, could you text me?").is_empty());
    assert_eq!(
        cats(Kind::Message, "If you lie to me again, we're done."),
        vec![Category::Ultimatum]
    );
}

#[test]
fn offered_and_mutual_transparency_is_not_control() {
    assert!(
        cats(
            Kind::Request,
            "I'm open to sharing my location when I travel, if that helps you."
        )
        .is_empty()
    );
    assert!(
        cats(
            Kind::Request,
            "Let's both keep our phones unlocked at home."
        )
        .is_empty()
    );
    let a = analyze(Kind::Request, "You have to give me your passcode.");
    assert_eq!(a.categories(), vec![Category::Control]);
    assert!(a.alternative.is_some());
}

#[test]
fn control_is_flagged_in_messages_too() {
    assert!(cats(Kind::Message, "Show me your messages right now.").contains(&Category::Control));
}

#[test]
fn the_rewrite_restates_the_named_behaviour() {
    let a = analyze(Kind::Message, "You always come home late and never call.");
    let r = a.rewrite.expect("a blame finding gets a scaffold");
    assert!(r.contains("when you come home late and don't call"), "{r}");
}

#[test]
fn apology_parts_and_missing_parts() {
    let a = analyze(
        Kind::Apology,
        "I'm sorry I lied to you. It was my choice. I know you felt betrayed. From now on I will tell you the truth, and I'll answer any questions you have.",
    );
    let parts = a.parts.expect("apologies get parts");
    assert!(parts.missing.is_empty(), "{:?}", parts.missing);
    let a = analyze(Kind::Apology, "I'm sorry I lied.");
    let parts = a.parts.expect("apologies get parts");
    assert!(parts.missing.contains(&Part::Repair));
    assert!(parts.missing.contains(&Part::Responsibility));
    assert_eq!(
        parts.hints.get(&Part::Repair).map(String::as_str),
        Some(Part::Repair.hint())
    );
    assert_eq!(parts.hints.len(), parts.missing.len());
}

#[test]
fn a_conditional_apology_is_not_also_blame_shifting() {
    assert_eq!(
        cats(Kind::Apology, "I'm sorry if you were upset."),
        vec![Category::Conditional]
    );
    assert_eq!(
        cats(Kind::Apology, "I'm sorry you were upset."),
        vec![Category::BlameShift]
    );
}

#[test]
fn no_excuse_is_not_an_excuse() {
    assert!(
        cats(
            Kind::Apology,
            "There's no excuse for what I did, and I'm sorry."
        )
        .is_empty()
    );
}

#[test]
fn passive_voice_minimizes() {
    assert!(cats(Kind::Apology, "Things were said that night.").contains(&Category::Minimizing));
}

#[test]
fn suggestions_never_ask_for_forgiveness() {
    for c in Category::ALL {
        let (why, s) = rules::default_words(c);
        assert!(!why.to_lowercase().contains("forgive") && !s.to_lowercase().contains("forgive"));
    }
    for r in rules::RULES.iter().flat_map(|r| r.iter()) {
        assert!(
            !r.suggestion.to_lowercase().contains("forgive"),
            "{}",
            r.suggestion
        );
    }
    for p in Part::ALL {
        assert!(!p.hint().to_lowercase().contains("forgive"));
    }
}

#[test]
fn spans_quote_the_text_exactly() {
    let text = "Honestly, you’re so lazy.";
    let a = analyze(Kind::Message, text);
    let f = &a.findings[0];
    assert_eq!(&text[f.span.start..f.span.end], f.span.text);
    assert!(f.span.text.contains("lazy"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_text_analyses_without_panic_and_spans_are_on_char_boundaries(text in "\\PC{0,400}") {
            for kind in [Kind::Message, Kind::Apology, Kind::Request] {
                let a = analyze(kind, &text);
                let spans = a.findings.iter().map(|f| &f.span)
                    .chain(a.safety.iter().map(|s| &s.span))
                    .chain(a.parts.iter().flat_map(|p| p.present.iter().map(|e| &e.span)));
                for s in spans {
                    prop_assert!(s.start <= s.end && s.end <= text.len());
                    prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                    prop_assert_eq!(&text[s.start..s.end], s.text.as_str());
                }
            }
        }

        #[test]
        fn wordy_text_with_quotes_and_apostrophes_never_panics(
            words in proptest::collection::vec("(you|you're|never|always|'|\"|“|”|,|\\.|sorry|if|i|he|not|my|phone|’s|-)", 0..60)
        ) {
            let text = words.join(" ");
            let _ = analyze(Kind::Message, &text);
            let _ = analyze(Kind::Apology, &text);
            let _ = analyze(Kind::Request, &text);
        }
    }
}

#[test]
fn a_five_field_apology_is_judged_field_by_field() {
    let (text, a) = analyze_apology([
        "I lied to you about the money",
        "It was my choice, and nothing you did made me do it",
        "You felt betrayed and alone",
        "From now on I will show you every statement",
        "I will answer every question you have",
    ]);
    let parts = a.parts.expect("parts");
    assert!(parts.missing.is_empty(), "{:?} in {text}", parts.missing);
    assert!(a.findings.is_empty(), "{:?}", a.findings);
    // A field that shrinks the apology doesn't count as its part.
    let (_, a) = analyze_apology(["I'm sorry if you were upset", "", "", "", ""]);
    assert!(a.categories().contains(&Category::Conditional));
    assert_eq!(a.parts.expect("parts").missing.len(), 5);
}

#[test]
fn a_text_in_another_language_is_said_to_be_unread_not_fine() {
    for text in [
        "Tu ne m'écoutes jamais quand je te parle de mes problèmes.",
        "Siempre llegas tarde a casa y nunca me avisas por teléfono, y ya estoy muy cansada de esperar.",
        "Du hörst mir nie zu, wenn ich mit dir über meine Sorgen rede.",
    ] {
        let a = analyze(Kind::Message, text);
        assert_eq!(a.not_read, Some(NotRead::NotEnglish), "{text}");
        assert!(a.findings.is_empty() && a.safety.is_empty());
    }
    // Short replies, chat English and English are read as always.
    for text in [
        "u dont even care lol",
        "ur gonna regret this tbh",
        "ok",
        "Fine.",
        "You never listen to me when I talk about my day.",
    ] {
        assert_eq!(analyze(Kind::Message, text).not_read, None, "{text}");
    }
}

#[test]
fn thanks_with_a_shouted_word_is_sarcasm_and_plain_thanks_is_not() {
    assert_eq!(
        cats(Kind::Message, "Thanks SO much for the help today."),
        vec![Category::Contempt]
    );
    assert!(cats(Kind::Message, "Thanks so much for the help today.").is_empty());
}

#[test]
fn the_authors_own_promise_and_owned_words_are_not_coached() {
    assert!(cats(Kind::Request, "I'll always be home by eleven, I promise.").is_empty());
    assert_eq!(
        cats(Kind::Request, "You'll be home by eleven."),
        vec![Category::Control]
    );
    assert!(
        cats(
            Kind::Apology,
            "I'm sorry I called you stupid. You're not, and it was cruel."
        )
        .is_empty()
    );
    assert!(
        cats(
            Kind::Apology,
            "I'm sorry I snapped. I was stressed and I took it out on you."
        )
        .is_empty()
    );
}

#[test]
fn an_order_with_a_price_is_an_ultimatum_and_care_is_not() {
    assert_eq!(
        cats(Kind::Message, "Sell the bike or I'm moving out."),
        vec![Category::Ultimatum]
    );
    assert!(cats(Kind::Message, "Call me when you land or I'll worry.").is_empty());
    assert!(
        !cats(Kind::Message, "Do you want tea or are you off to bed?")
            .contains(&Category::Ultimatum)
    );
}

#[test]
fn short_english_with_typographic_apostrophes_is_read() {
    let a = analyze(Kind::Apology, "I’m sorry, okay? God.");
    assert!(a.not_read.is_none());
    assert_eq!(a.categories(), vec![Category::Minimizing]);
}
