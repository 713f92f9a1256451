//! Scores a labelled TSV file (`kind`, `label`, `text`) as the corpus tests do and prints the
//! tallies; `--misses` prints the misses too (a development aid for fresh probes: a holdout's
//! misses are never printed).
#![allow(clippy::unwrap_used)]
#[path = "../tests/common/mod.rs"]
mod common;
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a TSV file");
    let show = args.next().as_deref() == Some("--misses");
    let tsv = std::fs::read_to_string(&path).unwrap();
    let (tally, misses) = common::score(&tsv);
    common::print(&path, &tally);
    if show {
        for m in misses {
            println!("miss: {m}");
        }
    }
}
