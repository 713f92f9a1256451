//! The kinds of record: a name stored with each record and bound into its seal, and which of
//! its fields are its author's words (what a withdrawal takes out of the other person's record,
//! leaving the facts both made). Each step names its own kinds beside its body types
//! (`record_kinds!`); the registry lists them, and a test there proves no two steps share a
//! name. Stored names never change.

/// A kind of record, by its stored name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordKind {
    name: &'static str,
    words: &'static [&'static str],
    /// For an item whose thread grows with time (a promise's daily marks): how far back, in
    /// seconds, its thread is read (lists and pages cost the same after five years).
    recent: Option<i64>,
}

impl RecordKind {
    /// A kind by its stored name, with the fields (at any depth of its sealed form) that hold
    /// its author's words (what `record_kinds!` writes for a step).
    pub const fn named(name: &'static str, words: &'static [&'static str]) -> RecordKind {
        RecordKind {
            name,
            words,
            recent: None,
        }
    }

    /// The same, its items' threads read only for their last `seconds`.
    pub const fn recent_threads(self, seconds: i64) -> RecordKind {
        RecordKind {
            recent: Some(seconds),
            ..self
        }
    }

    /// From when its items' threads are read, at `now` (`None`: all of them).
    pub fn recent_since(self, now: i64) -> Option<i64> {
        self.recent.map(|s| now - s)
    }

    /// The name stored with the record (and bound into its seal).
    pub const fn as_str(self) -> &'static str {
        self.name
    }

    /// The fields that hold its author's words.
    pub const fn words(self) -> &'static [&'static str] {
        self.words
    }

    /// The non-empty strings in its words fields, at any depth of its sealed form (JSON text).
    pub fn words_in(self, json: &str) -> Vec<String> {
        fn collect(v: &serde_json::Value, words: &[&str], out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(map) => {
                    for (k, x) in map {
                        match x {
                            serde_json::Value::String(s)
                                if words.contains(&k.as_str()) && !s.trim().is_empty() =>
                            {
                                out.push(s.clone());
                            }
                            _ => collect(x, words, out),
                        }
                    }
                }
                serde_json::Value::Array(items) => {
                    items.iter().for_each(|x| collect(x, words, out));
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(json) {
            collect(&value, self.words, &mut out);
        }
        out
    }

    /// Its sealed form (JSON) with its author's words taken out: every string in a words field,
    /// at any depth, emptied. What is left is the facts (a time, a day, which answer, whether
    /// it was kept).
    pub fn without_words(self, mut value: serde_json::Value) -> serde_json::Value {
        fn blank(v: &mut serde_json::Value, words: &[&str]) {
            match v {
                serde_json::Value::Object(map) => {
                    for (k, x) in map.iter_mut() {
                        if words.contains(&k.as_str()) && x.is_string() {
                            *x = serde_json::Value::String(String::new());
                        } else if words.contains(&k.as_str()) && x.is_number() {
                            // A number the author gave (a mood) is theirs as much as words.
                            *x = serde_json::Value::from(0);
                        } else {
                            blank(x, words);
                        }
                    }
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(|x| blank(x, words)),
                _ => {}
            }
        }
        blank(&mut value, self.words);
        value
    }
}

#[cfg(test)]
mod tests {
    use super::RecordKind;

    #[test]
    fn taking_words_out_leaves_the_facts() {
        let kind = RecordKind::named("talk_reply", &["note", "topic"]);
        let sealed = serde_json::json!({"v": 1, "body": {"response": "counter",
            "time": "2031-01-01T19:30:00Z", "note": "Sunday is better", "nested": [{"topic": "x"}]}});
        let left = kind.without_words(sealed);
        assert_eq!(left["body"]["note"], "");
        assert_eq!(left["body"]["nested"][0]["topic"], "");
        assert_eq!(left["body"]["time"], "2031-01-01T19:30:00Z");
        assert_eq!(left["body"]["response"], "counter");
        assert_eq!(left["v"], 1);
    }

    #[test]
    fn the_words_are_found_at_any_depth_and_only_there() {
        let kind = RecordKind::named("talk_reply", &["note", "topic"]);
        let sealed = r#"{"v":1,"body":{"response":"counter","note":"Sunday is better",
            "nested":[{"topic":"money"},{"topic":"  "}]}}"#;
        let mut found = kind.words_in(sealed);
        found.sort();
        assert_eq!(found, ["Sunday is better", "money"]);
        assert!(kind.words_in("not json").is_empty());
    }
}
