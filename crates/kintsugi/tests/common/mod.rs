//! What the binary's own tests share: the real server started on a data folder, and where it
//! listens.

#![allow(clippy::unwrap_used, dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_kintsugi");
/// A password the rules accept.
pub const PASSWORD: &str = "river lantern quietly ninety";

/// A server on `dir` (and `database_url`, if one), and its address.
pub fn serve(dir: &Path, database_url: Option<&str>) -> (Child, String) {
    let mut cmd = Command::new(BIN);
    cmd.arg("--data-dir")
        .arg(dir)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env_remove("KINTSUGI_DATABASE_URL")
        .env("KINTSUGI_LOG", "warn")
        .stderr(Stdio::piped());
    if let Some(url) = database_url {
        cmd.env("KINTSUGI_DATABASE_URL", url);
    }
    let mut child = cmd.spawn().unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let base = loop {
        let line = lines
            .next()
            .expect("the server says where it runs")
            .unwrap();
        if let Some(rest) = line.strip_prefix("Kintsugi is running at ") {
            break rest
                .split(' ')
                .next()
                .unwrap()
                .trim_end_matches('/')
                .to_string();
        }
    };
    // Keep reading its log so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, base)
}

/// A fresh database on the test PostgreSQL server (`KINTSUGI_TEST_POSTGRES_URL`), dropped when
/// this goes (with whatever still holds it open).
pub struct PgDatabase {
    base: String,
    name: String,
    /// Its address.
    pub url: String,
}

impl PgDatabase {
    /// A new database named from `prefix`; `None` when no server is configured.
    pub fn fresh(prefix: &str) -> Option<PgDatabase> {
        let base = std::env::var("KINTSUGI_TEST_POSTGRES_URL").ok()?;
        let name = format!("{prefix}_{}", std::process::id());
        let made = Command::new("psql")
            .args([
                base.as_str(),
                "-q",
                "-c",
                &format!("CREATE DATABASE {name}"),
            ])
            .status()
            .unwrap();
        assert!(made.success());
        let (prefix, _) = base.rsplit_once('/').unwrap();
        let url = format!("{prefix}/{name}");
        Some(PgDatabase { base, name, url })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let drop = format!("DROP DATABASE {} WITH (FORCE)", self.name);
        let _ = Command::new("psql")
            .args([self.base.as_str(), "-q", "-c", &drop])
            .status();
    }
}
