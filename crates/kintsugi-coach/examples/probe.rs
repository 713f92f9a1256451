//! Prints the coach's categories for each stdin line "kind<TAB>text" (a development aid).
#![allow(clippy::unwrap_used)]
use std::io::BufRead;
fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let (k, t) = line.split_once('\t').unwrap_or(("message", &line));
        let a = kintsugi_coach::analyze(
            kintsugi_coach::Kind::parse(k).unwrap_or(kintsugi_coach::Kind::Message),
            t,
        );
        let s: Vec<_> = a.safety.iter().map(|s| format!("{:?}", s.kind)).collect();
        println!("{:?} {:?} | {}", a.categories(), s, t);
    }
}
