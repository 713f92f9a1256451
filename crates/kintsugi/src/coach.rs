//! `kintsugi coach`: the coach on the command line, for one text or a JSON-lines batch.

use std::io::{BufRead, Read, Write};

use anyhow::Context;
use clap::{Args, ValueEnum};
use kintsugi_coach::jsonl::batch_json;
use kintsugi_coach::{Analysis, Kind, analyze};

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

/// Lines read before they are answered together.
const CHUNK: usize = 2048;

/// Answers a chunk of batch lines on every core, in their order; blank lines get no answer.
/// Each line is answered alone, so the answers are the same however many cores share them.
fn answer_all(lines: &[String]) -> anyhow::Result<Vec<String>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let answer = |line: &String| (!line.trim().is_empty()).then(|| batch_json(line));
    if threads == 1 || lines.len() < 2 {
        return Ok(lines.iter().filter_map(answer).collect());
    }
    // Every thread takes every n-th line, so long letters and short notes spread evenly.
    let mut answers: Vec<Option<String>> = vec![None; lines.len()];
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (t..lines.len())
                        .step_by(threads)
                        .map(|i| (i, answer(&lines[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in workers {
            // A worker only fails if the coach panics, which its tests and fuzzing rule out;
            // a batch with unanswered lines would be worse than a stop with an error.
            let answered = worker
                .join()
                .map_err(|_| anyhow::anyhow!("the coach failed while answering a batch"))?;
            for (i, a) in answered {
                answers[i] = a;
            }
        }
        Ok(())
    })?;
    Ok(answers.into_iter().flatten().collect())
}

/// Runs the subcommand.
pub fn run(args: CoachArgs) -> anyhow::Result<()> {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    if args.jsonl {
        // Buffered: a standard output written line by line would flush every answer.
        let mut batch = std::io::BufWriter::new(&mut out);
        let mut lines = stdin.lock().lines();
        loop {
            let chunk = lines
                .by_ref()
                .take(CHUNK)
                .collect::<Result<Vec<String>, _>>()
                .context("reading a line from stdin")?;
            if chunk.is_empty() {
                break;
            }
            for answer in answer_all(&chunk)? {
                writeln!(batch, "{answer}")?;
            }
        }
        batch.flush()?;
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
    fn the_report_leads_with_safety() {
        let r = report(&analyze(Kind::Message, "She shoved me against the wall."));
        assert!(r.starts_with("Safety first."));
        let r = report(&analyze(Kind::Message, "You never listen to me."));
        assert!(r.contains("Criticism") && r.contains("A way to say it"));
    }
}
