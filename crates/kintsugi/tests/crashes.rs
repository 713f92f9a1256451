//! The crash probe, from outside: the real binary under concurrent writers of several kinds is
//! killed with SIGKILL at a different moment each round, started again, and every write it
//! acknowledged must be there; SQLite's integrity check stays clean. Twenty rounds on SQLite,
//! and five on PostgreSQL when `KINTSUGI_TEST_POSTGRES_URL` names a server.

#![allow(clippy::unwrap_used, missing_docs)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

mod common;
use common::{PASSWORD, PgDatabase, serve};

async fn post(c: &reqwest::Client, url: String, token: Option<&str>, body: Value) -> Option<Value> {
    let mut req = c.post(url).json(&body).timeout(Duration::from_secs(5));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.ok()?;
    if !res.status().is_success() {
        return None;
    }
    res.json().await.ok()
}

/// Two paired people: their tokens (sessions outlive restarts).
async fn couple(base: &str) -> (String, String) {
    let c = reqwest::Client::new();
    let mut tokens = Vec::new();
    for name in ["alex", "sam"] {
        let account = json!({"username": name, "display_name": name, "password": PASSWORD});
        post(&c, format!("{base}/api/v1/accounts"), None, account)
            .await
            .unwrap();
        let login = json!({"username": name, "password": PASSWORD});
        let s = post(&c, format!("{base}/api/v1/sessions"), None, login)
            .await
            .unwrap();
        tokens.push(s["token"].as_str().unwrap().to_string());
    }
    let invite = post(
        &c,
        format!("{base}/api/v1/couple/invites"),
        Some(&tokens[0]),
        json!({}),
    )
    .await
    .unwrap();
    let code = json!({"code": invite["code"]});
    post(
        &c,
        format!("{base}/api/v1/couple/join"),
        Some(&tokens[1]),
        code,
    )
    .await
    .unwrap();
    (tokens[0].clone(), tokens[1].clone())
}

/// One write of the `n`th kind, carrying `marker`: (path, body).
fn write(n: usize, marker: &str) -> (&'static str, Value) {
    match n % 5 {
        0 => (
            "/api/v1/reflections",
            json!({"prompt": "partner_or_past", "text": marker}),
        ),
        1 => (
            "/api/v1/reflections",
            json!({"prompt": "when_unsafe", "text": marker, "visibility": "shared"}),
        ),
        2 => (
            "/api/v1/triggers",
            json!({"kind": "other", "situation": marker, "before": 6, "after": 3}),
        ),
        3 => ("/api/v1/reassurance-requests", json!({"text": marker})),
        _ => ("/api/v1/appreciations", json!({"text": marker})),
    }
}

/// Writers until the server is gone; what it acknowledged goes into `acked`.
async fn writers(base: &str, tokens: &[String], round: usize, acked: Arc<Mutex<Vec<String>>>) {
    let mut tasks = Vec::new();
    for w in 0..4 {
        let (base, token, acked) = (base.to_string(), tokens[w % 2].clone(), acked.clone());
        tasks.push(tokio::spawn(async move {
            let c = reqwest::Client::new();
            for i in 0.. {
                let marker = format!("crash-r{round}-w{w}-{i}");
                let (path, body) = write(w + i, &marker);
                match post(&c, format!("{base}{path}"), Some(&token), body).await {
                    Some(_) => acked.lock().unwrap().push(marker),
                    None => break,
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
}

/// Everything either person's export holds, as text.
async fn exported(base: &str, tokens: &[String]) -> String {
    let c = reqwest::Client::new();
    let mut all = String::new();
    for t in tokens {
        let res = c
            .get(format!("{base}/api/v1/export"))
            .bearer_auth(t)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success(), "{}", res.status());
        all.push_str(&res.text().await.unwrap());
    }
    all
}

async fn probe(rounds: usize, database_url: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, mut base) = serve(dir.path(), database_url);
    let (a, b) = couple(&base).await;
    let tokens = vec![a, b];
    let acked = Arc::new(Mutex::new(Vec::new()));
    let mut seed: u64 = 0x9E37_79B9;
    for round in 0..rounds {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let wait = 80 + (seed >> 33) % 320;
        let writing = tokio::spawn({
            let (base, tokens, acked) = (base.clone(), tokens.clone(), acked.clone());
            async move { writers(&base, &tokens, round, acked).await }
        });
        tokio::time::sleep(Duration::from_millis(wait)).await;
        server.kill().unwrap(); // SIGKILL
        server.wait().unwrap();
        writing.await.unwrap();
        if database_url.is_none() {
            let conn = rusqlite::Connection::open(dir.path().join("kintsugi.db")).unwrap();
            let check: String = conn
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(check, "ok", "round {round}");
        }
        (server, base) = serve(dir.path(), database_url);
        let held = exported(&base, &tokens).await;
        let acked = acked.lock().unwrap().clone();
        let lost: Vec<&String> = acked
            .iter()
            .filter(|m| !held.contains(m.as_str()))
            .collect();
        assert!(
            lost.is_empty(),
            "round {round}: acknowledged but gone: {lost:?}"
        );
    }
    let _ = server.kill();
    let _ = server.wait();
    let n = acked.lock().unwrap().len();
    eprintln!(
        "crash probe ({}): {rounds} rounds of SIGKILL under 4 writers, {n} writes acknowledged, 0 lost",
        if database_url.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    assert!(n > rounds, "the writers wrote ({n})");
}

#[tokio::test(flavor = "current_thread")]
async fn acknowledged_writes_survive_sigkill_on_sqlite() {
    probe(20, None).await;
}

#[tokio::test(flavor = "current_thread")]
async fn acknowledged_writes_survive_sigkill_on_postgres() {
    let Some(db) = PgDatabase::fresh("kintsugi_crash") else {
        eprintln!("KINTSUGI_TEST_POSTGRES_URL is not set: PostgreSQL rounds skipped");
        return;
    };
    probe(5, Some(&db.url)).await;
}
