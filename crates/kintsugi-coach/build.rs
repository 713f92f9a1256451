//! Gathers the accounts of harm that the second reader's report reading learns from beside its
//! pool: the accounts (label `victim_report`) of the development probes, which were written from
//! strangers' pages. Only those lines are built in, not the probes' kind and harsh messages (the
//! coaching weights stay as the pool makes them) and not the rest of the file (the WebAssembly
//! module stays small).
use std::fmt::Write as _;

const SOURCES: [&str; 1] = ["tests/data/outside_probes.tsv"];

fn main() {
    let mut accounts = String::new();
    for path in SOURCES {
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for line in text.lines().skip(1) {
            let mut cols = line.splitn(3, '\t');
            if let (Some(_), Some("victim_report"), Some(story)) =
                (cols.next(), cols.next(), cols.next())
            {
                let _ = writeln!(accounts, "{story}");
            }
        }
    }
    let out = std::env::var("OUT_DIR").unwrap_or_else(|e| panic!("OUT_DIR: {e}"));
    let path = std::path::Path::new(&out).join("accounts.txt");
    std::fs::write(&path, accounts).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
