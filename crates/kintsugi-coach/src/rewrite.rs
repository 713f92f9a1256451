//! Scaffolds that help the author rephrase: I-statements and transparency alternatives.

use crate::Finding;
use crate::text::Sentence;

/// Words that generalize; they are dropped when the behaviour is restated.
const ABSOLUTES: &[&str] = &[
    "always",
    "constantly",
    "continually",
    "forever",
    "again",
    "obviously",
    "clearly",
    "just",
];

/// Builds "I feel … when [the behaviour named] … because I need … Could we …?" from a message.
/// A behaviour named with a word that judges it (`judgement`, a class mask: "overreacted") is
/// not restated, since that would keep the accusation: the scaffold asks for what happened.
pub(crate) fn i_statement(
    text: &str,
    sentences: &[Sentence<'_>],
    findings: &[Finding],
    judgement: u64,
) -> String {
    let behaviour = behaviour(text, sentences, findings, judgement)
        .unwrap_or_else(|| "[what happened, as a camera would have seen it]".to_string());
    format!(
        "I feel [your feeling] when {behaviour}, because I need [what matters to you]. \
         Could we [one small, concrete request]?"
    )
}

/// The first "you + verb" clause of a flagged sentence, restated without absolutes; `None`
/// when it judges rather than describes.
fn behaviour(
    text: &str,
    sentences: &[Sentence<'_>],
    findings: &[Finding],
    judgement: u64,
) -> Option<String> {
    let flagged = |start: usize, end: usize| {
        findings
            .iter()
            .any(|f| f.category.is_blame() && f.span.start < end && start < f.span.end)
    };
    for s in sentences {
        let toks = &s.tokens;
        let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
            continue;
        };
        if !flagged(first.start, last.end) {
            continue;
        }
        for (i, t) in toks.iter().enumerate() {
            if t.norm != "you" {
                continue;
            }
            let mut words: Vec<String> = vec!["you".to_string()];
            let mut j = i + 1;
            let mut last_end = t.end;
            // A label ("you are lazy") names no behaviour; look for a verb clause instead.
            if toks
                .get(j)
                .is_some_and(|n| matches!(n.norm.as_ref(), "are" | "were"))
            {
                continue;
            }
            while j < toks.len() && toks[j].norm != "," {
                let tok = &toks[j];
                if tok.mask & judgement != 0 {
                    return None;
                }
                if tok.start >= last_end || j == i + 1 {
                    let written = &text[tok.start..tok.end];
                    let lower = tok.norm.as_ref();
                    if lower == "never" {
                        words.push("don't".to_string());
                    } else if !ABSOLUTES.contains(&lower) {
                        words.push(written.to_string());
                    }
                    last_end = tok.end;
                }
                j += 1;
            }
            if words.len() >= 2 {
                return Some(words.join(" "));
            }
        }
    }
    None
}

/// What could be offered instead of demanded, for requests that ask for control.
pub(crate) fn transparency_alternative(text: &str) -> String {
    let lower = text.to_lowercase();
    let topic = if ["location", "where you are", "whereabouts", "photo", "gps"]
        .iter()
        .any(|w| lower.contains(w))
    {
        "“When you're going to be late or somewhere unexpected, would you be willing to let me \
         know? I'm open to doing the same.”"
    } else if [
        "password", "phone", "message", "text", "email", "history", "receipt", "account",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        "“I'm struggling to feel safe right now. Would you be willing to tell me if someone from \
         the past gets in touch? I'd like us to agree on what we both share.”"
    } else {
        "“I feel anxious when … Would you be open to … ? And what could I offer you in return?”"
    };
    format!(
        "Transparency that is offered builds trust; access that is demanded doesn't. Try \
         saying what would help and asking what they'd be willing to offer: {topic}"
    )
}
