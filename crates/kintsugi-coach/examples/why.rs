//! Prints the coach's findings in full for each stdin line "kind<TAB>text" (a development aid).
#![allow(clippy::unwrap_used)]
use std::io::BufRead;
fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let (k, t) = line.split_once('\t').unwrap_or(("message", &line));
        let kind = kintsugi_coach::Kind::parse(k).unwrap_or(kintsugi_coach::Kind::Message);
        let a = kintsugi_coach::analyze(kind, t);
        println!("{t}");
        for f in &a.findings {
            println!(
                "  {:?} [{}]: {}\n    -> {}",
                f.category, f.span.text, f.why, f.suggestion
            );
        }
        for s in &a.safety {
            println!("  safety {:?} [{}]", s.kind, s.span.text);
        }
    }
}
