//! `kintsugi coach`: the coach on the command line, for one text or a JSON-lines batch.

use std::io::{BufRead, Read, Write};

use anyhow::Context;
use clap::{Args, ValueEnum};
use kintsugi_coach::{Analysis, Kind, analyze};
use serde_json::{Value, json};

/// Options of `kintsugi coach`.
#[derive(Args)]
pub struct CoachArgs {
    /// What the text is.
    #[arg(long, value_enum, default_value = "message")]
    kind: KindArg,
    /// Print the analysis as JSON.
    #[arg(long, conflicts_with = "jsonl")]
    json: bool,
    /// Batch: each stdin line is {"id", "kind", "text"}; each output line answers it in order.
    #[arg(long)]
    jsonl: bool,
    /// The text; read from stdin when absent.
    text: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Message,
    Apology,
    Request,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Message => Kind::Message,
            KindArg::Apology => Kind::Apology,
            KindArg::Request => Kind::Request,
        }
    }
}

/// Runs the subcommand.
pub fn run(args: CoachArgs) -> anyhow::Result<()> {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    if args.jsonl {
        for line in stdin.lock().lines() {
            let line = line.context("reading a line from stdin")?;
            if line.trim().is_empty() {
                continue;
            }
            writeln!(out, "{}", batch_line(&line))?;
        }
        return Ok(());
    }
    let text = if args.text.is_empty() {
        let mut s = String::new();
        stdin
            .lock()
            .read_to_string(&mut s)
            .context("reading stdin (is it valid UTF-8?)")?;
        s
    } else {
        args.text.join(" ")
    };
    let a = analyze(args.kind.into(), &text);
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&a)?)?;
    } else {
        write!(out, "{}", report(&a))?;
    }
    Ok(())
}

/// Answers one batch line; a malformed line gets an error object and the batch goes on.
pub fn batch_line(line: &str) -> Value {
    let parsed: Result<Value, _> = serde_json::from_str(line);
    let Ok(v) = parsed else {
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
        let mut m = serde_json::Map::new();
        for part in kintsugi_coach::Part::ALL {
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
    })
}

/// A readable report for a terminal.
pub fn report(a: &Analysis) -> String {
    let mut s = String::new();
    if !a.safety.is_empty() {
        s.push_str(
            "Safety first. These words suggest someone may be in danger. If that's you or someone \
             you love, please reach out to local emergency services or a crisis line now.\n",
        );
        for sig in &a.safety {
            s.push_str(&format!("  • “{}”\n", sig.span.text));
        }
        return s;
    }
    if a.findings.is_empty() {
        s.push_str("The coach found nothing to point out.\n");
    }
    for f in &a.findings {
        s.push_str(&format!(
            "{} — “{}”\n  Why: {}\n  Try: {}\n",
            f.category.label(),
            f.span.text,
            f.why,
            f.suggestion
        ));
    }
    if let Some(p) = &a.parts {
        for e in &p.present {
            s.push_str(&format!("✓ {}: “{}”\n", e.part.as_str(), e.span.text));
        }
        for m in &p.missing {
            s.push_str(&format!("○ {} is missing. {}\n", m.as_str(), m.hint()));
        }
    }
    if let Some(r) = &a.rewrite {
        s.push_str(&format!("A way to say it: {r}\n"));
    }
    if let Some(alt) = &a.alternative {
        s.push_str(&format!("Instead of asking for access: {alt}\n"));
    }
    s
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
    }

    #[test]
    fn the_report_leads_with_safety() {
        let r = report(&analyze(Kind::Message, "She shoved me against the wall."));
        assert!(r.starts_with("Safety first."));
        let r = report(&analyze(Kind::Message, "You never listen to me."));
        assert!(r.contains("Criticism") && r.contains("A way to say it"));
    }
}
