//! Names in sentences: "You", "Sam" and "your former partner" read right wherever they fall.

/// The same words with a capital first letter, for the start of a sentence ("your partner
/// asked" → "Your partner asked").
pub fn capital(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A person's name inside a sentence: "You" and "Your (former) partner" in lower case, a name
/// as it is ("proposed by you", "proposed by Sam").
pub fn in_sentence(who: &str) -> String {
    match who {
        "You" => "you".into(),
        w if w.starts_with("Your ") => format!("y{}", &w[1..]),
        w => w.to_string(),
    }
}

/// A sentence that ends once: a full stop is added unless it already ends in one (or in "!",
/// "?" or "…", inside closing quotes or not): "Retired: “We outgrew it.”" gets no second stop.
pub fn ended(sentence: &str) -> String {
    let last = sentence
        .trim_end_matches(['”', '"', '’', ')'])
        .chars()
        .last();
    match last {
        Some('.' | '!' | '?' | '…') => sentence.to_string(),
        _ => format!("{sentence}."),
    }
}

/// Someone's words quoted after a colon, or nothing when there are none: `: “words”`.
pub fn said(words: &str) -> String {
    match words.trim() {
        "" => String::new(),
        w => format!(": “{w}”"),
    }
}

/// "1 shared thing", "3 shared things".
pub fn shared_things(n: u32) -> String {
    match n {
        1 => "1 shared thing".into(),
        n => format!("{n} shared things"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_right_at_the_start_and_inside_a_sentence() {
        assert_eq!(
            capital("your former partner asked"),
            "Your former partner asked"
        );
        assert_eq!(capital("Élodie"), "Élodie");
        assert_eq!(capital(""), "");
        assert_eq!(in_sentence("You"), "you");
        assert_eq!(in_sentence("Your former partner"), "your former partner");
        assert_eq!(in_sentence("Youssef"), "Youssef");
        assert_eq!(in_sentence("Sam"), "Sam");
    }

    #[test]
    fn a_sentence_ends_once() {
        let note = format!("Retired by Sam{}", said("We outgrew it."));
        assert_eq!(ended(&note), "Retired by Sam: “We outgrew it.”");
        assert_eq!(ended("Retired by Sam"), "Retired by Sam.");
        assert_eq!(
            ended(&format!("Declined{}", said("Not yet"))),
            "Declined: “Not yet”."
        );
        assert_eq!(said("  "), "");
    }
}
