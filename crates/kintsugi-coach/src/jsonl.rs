//! The coach's batch format, one JSON object a line, shared by `kintsugi coach --jsonl` and the
//! WebAssembly module (so CI can prove the two give the same answers).

use serde_json::{Map, Value, json};

use crate::{Kind, Part, analyze};

/// Answers one batch line `{"id", "kind", "text"}`; a malformed line gets an error object, so a
/// batch goes on past it.
pub fn batch_line(line: &str) -> Value {
    let Ok(v) = serde_json::from_str::<Value>(line) else {
        return json!({"id": null, "error": "This line is not valid JSON."});
    };
    let id = v.get("id").cloned().unwrap_or(Value::Null);
    let Some(text) = v.get("text").and_then(Value::as_str) else {
        return json!({"id": id, "error": "Each line needs a \"text\" string."});
    };
    let kind = match v.get("kind").and_then(Value::as_str) {
        None => Kind::Message,
        Some(k) => match Kind::parse(k) {
            Some(k) => k,
            None => {
                return json!({"id": id, "error": "\"kind\" must be message, apology or request."});
            }
        },
    };
    let a = analyze(kind, text);
    let parts = a.parts.as_ref().map(|p| {
        let mut m = Map::new();
        for part in Part::ALL {
            m.insert(
                part.as_str().to_string(),
                Value::Bool(p.present.iter().any(|e| e.part == part)),
            );
        }
        Value::Object(m)
    });
    json!({
        "id": id,
        "categories": a.categories().iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        "findings": a.findings,
        "safety": a.safety,
        "parts": parts.unwrap_or_else(|| json!({})),
        // A text the coach could not read says so, rather than passing for "nothing found".
        "not_read": a.not_read.map(|n| n.message()),
    })
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
