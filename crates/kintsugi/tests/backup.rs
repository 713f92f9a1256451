//! Backups from outside, with the binary: a copy made while the server runs, restored into a
//! new data folder, holds every table as it was, and the restored server serves its people as
//! before; a restore refuses a damaged file, a newer database, and a running server.

#![allow(clippy::unwrap_used, missing_docs)]

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};

mod common;
use common::{BIN, PASSWORD, serve};

fn kintsugi(dir: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("KINTSUGI_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stop(mut child: Child) {
    let _ = Command::new("kill").arg(child.id().to_string()).status();
    child.wait().unwrap();
}

async fn sign_in(base: &str) -> String {
    let body = serde_json::json!({"username": "sam", "password": PASSWORD});
    let res = reqwest::Client::new()
        .post(format!("{base}/api/v1/sessions"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let v: serde_json::Value = res.json().await.unwrap();
    v["token"].as_str().unwrap().to_string()
}

/// Every table's rows, as text, in a stable order.
fn tables(db: &Path) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names
        .into_iter()
        .map(|t| {
            let sql = format!("SELECT quote(t.rowid), * FROM \"{t}\" t");
            let mut stmt = conn.prepare(&sql).unwrap();
            let n = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (1..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect();
                    Ok(cells.join("|"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            (t, rows)
        })
        .collect()
}

#[tokio::test]
async fn a_backup_restores_whole_and_serves_its_people() {
    let first = tempfile::tempdir().unwrap();
    let out = kintsugi(
        first.path(),
        &[
            "user",
            "create",
            "--username",
            "sam",
            "--display-name",
            "Sam",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (server, base) = serve(first.path(), None);
    let token = sign_in(&base).await;
    let body =
        serde_json::json!({"prompt": "partner_or_past", "text": "Written before the backup."});
    let res = reqwest::Client::new()
        .post(format!("{base}/api/v1/reflections"))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);

    // While it runs: a backup, yes; a restore over it, no.
    let copies = tempfile::tempdir().unwrap();
    let copy = copies.path().join("copy.db");
    let out = kintsugi(first.path(), &["backup", copy.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("lookup-secret"),
        "it says what to keep with it"
    );
    let out = kintsugi(first.path(), &["restore", copy.to_str().unwrap()], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("server is running"));
    let out = kintsugi(first.path(), &["backup", copy.to_str().unwrap()], "");
    assert!(
        !out.status.success(),
        "an existing file is never overwritten"
    );
    stop(server);

    // Restored into a new data folder (with the lookup secret): every table as it was.
    let second = tempfile::tempdir().unwrap();
    std::fs::copy(
        first.path().join("lookup-secret"),
        second.path().join("lookup-secret"),
    )
    .unwrap();
    let out = kintsugi(second.path(), &["restore", copy.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = tables(&first.path().join("kintsugi.db"));
    let after = tables(&second.path().join("kintsugi.db"));
    assert!(
        before
            .iter()
            .any(|(t, rows)| t == "records" && rows.len() == 1)
    );
    assert_eq!(before, after);

    // And it serves Sam as before: signed in, what Sam wrote reads back.
    let (server, base) = serve(second.path(), None);
    let token = sign_in(&base).await;
    let list: serde_json::Value = reqwest::Client::new()
        .get(format!("{base}/api/v1/reflections"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        list.to_string().contains("Written before the backup."),
        "{list}"
    );
    stop(server);

    // The operator exports Sam's data only with Sam's password: the server alone can't.
    let out = kintsugi(
        second.path(),
        &["export", "--user", "sam"],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exported = String::from_utf8_lossy(&out.stdout);
    assert!(
        exported.contains("kintsugi-export/1") && exported.contains("Written before the backup.")
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("can't open anyone's writing"));
    let out = kintsugi(
        second.path(),
        &["export", "--user", "sam"],
        "not sam's password\n",
    );
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nothing was exported"));

    // A damaged file, a newer database: refused, and the data stays as it is.
    let served = tables(&second.path().join("kintsugi.db"));
    let damaged = copies.path().join("damaged.db");
    let mut bytes = std::fs::read(&copy).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&damaged, &bytes).unwrap();
    let out = kintsugi(second.path(), &["restore", damaged.to_str().unwrap()], "");
    assert!(!out.status.success());
    let newer = copies.path().join("newer.db");
    std::fs::copy(&copy, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute(
            "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
             VALUES (99990101, 'from the future', CURRENT_TIMESTAMP, 1, x'00', 0)",
            [],
        )
        .unwrap();
    let out = kintsugi(second.path(), &["restore", newer.to_str().unwrap()], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer Kintsugi"));
    assert!(
        tables(&second.path().join("kintsugi.db")) == served,
        "unchanged"
    );
}
