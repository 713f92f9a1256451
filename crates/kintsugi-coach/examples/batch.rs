//! The batch format over stdin, as `kintsugi coach --jsonl` runs it, without the binary's
//! start-up: for measuring the batch throughput (a development aid; needs `--features jsonl`).
#![allow(clippy::unwrap_used)]
use std::io::{BufRead, Write};
fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines().map_while(Result::ok) {
        if !line.trim().is_empty() {
            writeln!(out, "{}", kintsugi_coach::jsonl::batch_json(&line)).unwrap();
        }
    }
}
