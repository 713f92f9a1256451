//! The coach's batch format, one JSON object a line, shared by `kintsugi coach --jsonl` and the
//! WebAssembly module (so CI can prove the two give the same answers).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::borrow::Cow;

use crate::{Kind, Part, analyze};

/// A well-formed batch line, its strings borrowed from the line where they need no unescaping.
#[derive(Deserialize)]
struct Line<'a> {
    #[serde(default)]
    id: Value,
    #[serde(borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    text: Option<Cow<'a, str>>,
}

/// One answer, its fields in the order a JSON object's keys sort (as the batch has always
/// written them), serialized straight from the analysis.
#[derive(Serialize)]
struct Answer<'a> {
    categories: Vec<&'static str>,
    findings: &'a [crate::Finding],
    id: &'a Value,
    // A text the coach could not read says so, rather than passing for "nothing found".
    not_read: Option<&'static str>,
    parts: BTreeMap<&'static str, bool>,
    safety: &'a [crate::SafetySignal],
}

/// Answers one batch line `{"id", "kind", "text"}` as a line of JSON; a malformed line gets an
/// error object, so a batch goes on past it.
pub fn batch_json(line: &str) -> String {
    let error = |id: &Value, message: &str| json!({"id": id, "error": message}).to_string();
    // Most lines are well formed: the CLI reads those without building a JSON value (the
    // WebAssembly module, kept small, reads every line as a value); any other line is read as
    // a value, to say what is wrong with it.
    #[cfg(not(target_family = "wasm"))]
    let typed = serde_json::from_str::<Line<'_>>(line).ok();
    #[cfg(target_family = "wasm")]
    let typed: Option<Line<'_>> = None;
    let v = match &typed {
        Some(_) => Value::Null,
        None => match serde_json::from_str::<Value>(line) {
            Ok(v) => v,
            Err(_) => return error(&Value::Null, "This line is not valid JSON."),
        },
    };
    let (id, text, kind) = match &typed {
        Some(l) => (&l.id, l.text.as_deref(), l.kind.as_deref()),
        None => (
            v.get("id").unwrap_or(&Value::Null),
            v.get("text").and_then(Value::as_str),
            v.get("kind").and_then(Value::as_str),
        ),
    };
    let Some(text) = text else {
        return error(id, "Each line needs a \"text\" string.");
    };
    let kind = match kind {
        None => Kind::Message,
        Some(k) => match Kind::parse(k) {
            Some(k) => k,
            None => return error(id, "\"kind\" must be message, apology or request."),
        },
    };
    let a = analyze(kind, text);
    let parts = a.parts.as_ref().map_or_else(BTreeMap::new, |p| {
        Part::ALL
            .iter()
            .map(|part| (part.as_str(), p.present.iter().any(|e| e.part == *part)))
            .collect()
    });
    let answer = Answer {
        categories: a.categories().iter().map(|c| c.as_str()).collect(),
        findings: &a.findings,
        id,
        not_read: a.not_read.map(|n| n.message()),
        parts,
        safety: &a.safety,
    };
    serde_json::to_string(&answer).unwrap_or_else(|_| error(id, "The answer could not be written."))
}

/// [`batch_json`]'s answer as a JSON value.
pub fn batch_line(line: &str) -> Value {
    serde_json::from_str(&batch_json(line)).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_lines_answer_in_kind_and_survive_bad_lines() {
        let ok =
            batch_line(r#"{"id": 7, "kind": "apology", "text": "I'm sorry if you were upset."}"#);
        assert_eq!(ok["id"], 7);
        assert!(
            ok["categories"]
                .as_array()
                .is_some_and(|c| c.iter().any(|c| c == "conditional"))
        );
        assert_eq!(ok["parts"]["repair"], false);
        assert!(batch_line("not json")["error"].is_string());
        assert_eq!(batch_line(r#"{"id": "x"}"#)["id"], "x");
        assert!(batch_line(r#"{"id": 1, "kind": "poem", "text": "hi"}"#)["error"].is_string());
        assert!(ok["not_read"].is_null());
        let other = batch_line(
            r#"{"id": 2, "text": "Je ne veux plus en parler avec toi ce soir, laisse-moi tranquille."}"#,
        );
        assert!(
            other["not_read"]
                .as_str()
                .is_some_and(|m| m.contains("English"))
        );
    }
}
