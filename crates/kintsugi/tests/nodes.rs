//! Two app nodes on one PostgreSQL database, as the real binary runs them: 1,000 due reminders
//! are sent once each by two workers; then again while nodes are killed with SIGKILL mid-run
//! (a message accepted just before a kill may repeat once: never more often than the kills);
//! and a session made on one node works on the other, until a sign-out on the first reaches it
//! within the authentication cache's window. Runs when KINTSUGI_TEST_POSTGRES_URL is set.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use std::collections::BTreeMap;
use std::process::{Child, Command};

use std::time::{Duration, Instant};

use common::{BIN, PASSWORD, PgDatabase, serve};
use kintsugi_store::{Jobs, NewJob, ReminderChoice, Store};
use kintsugi_store_tests::mailbox::Mailbox;
use serde_json::json;

const SECRET: &str = "dHdvLW5vZGVzLXNoYXJlLW9uZS10ZXN0LXNlY3JldCE=";

/// A node's process, killed when the test ends however it ends.
struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A worker node alone (`kintsugi worker`) on `url`, sending to `mailbox`.
fn worker(url: &str, mailbox: &Mailbox, dir: &std::path::Path) -> Node {
    let child = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .arg("worker")
        .env("KINTSUGI_DATABASE_URL", url)
        .env("KINTSUGI_SMTP_URL", mailbox.url())
        .env("KINTSUGI_SMTP_FROM", "Kintsugi <kintsugi@probe.test>")
        .env("KINTSUGI_SERVER_SECRET", SECRET)
        .env("KINTSUGI_WORKER_TICK_MS", "50")
        .env("KINTSUGI_LOG", "warn")
        .stderr(std::fs::File::create(dir.join("worker.log")).unwrap())
        .spawn()
        .unwrap();
    Node(child)
}

/// Twenty people with confirmed addresses, e-mail on and no quiet hours.
async fn people<S: Store>(store: &S) -> Vec<kintsugi_domain::UserId> {
    let mut out = Vec::new();
    for i in 0..20 {
        let user = kintsugi_store_tests::user(store, &format!("probe{i}")).await;
        let hash = format!("probe-link-{i}").into_bytes();
        let job = NewJob {
            key: format!("confirm:probe:{i}"),
            kind: "confirm".into(),
            user,
            run_at: i64::MAX / 2,
            give_up_at: i64::MAX / 2,
        };
        let address = format!("person{i}@probe.test");
        store
            .ask_email(user, &address, b"nonce", &hash, i64::MAX / 2, job)
            .await
            .unwrap();
        store
            .confirm_email(&hash, kintsugi_app::now())
            .await
            .unwrap();
        let choice = ReminderChoice {
            kinds: vec!["inbox".into()],
            daily_at: 19 * 60,
            quiet: None,
            email_on: true,
            calendar_plain: false,
        };
        let version = store.reminder_settings(user).await.unwrap().version;
        store
            .choose_reminders(user, &choice, None, version)
            .await
            .unwrap();
        out.push(user);
    }
    out
}

/// 1,000 reminders due now, spread over `people`.
async fn due<S: Store>(store: &S, people: &[kintsugi_domain::UserId], round: &str) {
    let now = kintsugi_app::now();
    let jobs: Vec<NewJob> = (0..1000)
        .map(|i| NewJob {
            key: format!("remind:probe:{round}:{i}"),
            kind: "remind".into(),
            user: people[i % people.len()],
            run_at: now - 5,
            give_up_at: now + 3600,
        })
        .collect();
    assert_eq!(store.plan_jobs(&jobs).await.unwrap(), 1000);
}

/// Messages by `Message-ID`, how many times each arrived.
fn by_id(mailbox: &Mailbox, skip: usize) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for m in mailbox.mails().into_iter().skip(skip) {
        *seen.entry(m.header("Message-ID").unwrap()).or_default() += 1;
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_send_each_reminder_once_even_when_killed() {
    let Some(db) = PgDatabase::fresh("kintsugi_nodes_mail") else {
        eprintln!("KINTSUGI_TEST_POSTGRES_URL is not set: the two-node probe is skipped");
        return;
    };
    let url = db.url.clone();
    let store = kintsugi_store_postgres::open_url(&url).await.unwrap();
    let people = people(&store).await;
    let mailbox = Mailbox::start();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    eprintln!("logs in {:?} and {:?}", dir_a.path(), dir_b.path());

    // The baseline, in the same run: one sender handing 200 e-mails straight to the same
    // server, with the same mailer the workers use and no queue.
    let direct =
        kintsugi_web::reminders::mail::Mailer::new(&mailbox.url(), "k@probe.test").unwrap();
    let started = Instant::now();
    for i in 0..200 {
        let e = kintsugi_web::reminders::mail::reminder(
            "base@probe.test".into(),
            "http://probe.test/",
            "http://probe.test/off",
            format!("<baseline-{i}@probe.test>"),
        );
        direct.send(e).await.unwrap();
    }
    let baseline = 200.0 / started.elapsed().as_secs_f64();
    let skip = mailbox.mails().len();

    // Round one: two nodes, no kills.
    due(&store, &people, "calm").await;
    let started = Instant::now();
    let (a, b) = (
        worker(&url, &mailbox, dir_a.path()),
        worker(&url, &mailbox, dir_b.path()),
    );
    mailbox
        .wait_for(skip + 1000, Duration::from_secs(120))
        .await;
    let calm = started.elapsed();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let seen = by_id(&mailbox, skip);
    if seen.len() != 1000 {
        for d in [&dir_a, &dir_b] {
            let log = std::fs::read_to_string(d.path().join("worker.log")).unwrap_or_default();
            eprintln!("worker log:\n{log}");
        }
    }
    let twice = seen.values().filter(|n| **n > 1).count();
    assert_eq!((seen.len(), twice), (1000, 0), "each once, none lost");
    let sent = store.jobs_like("remind:probe:calm:").await.unwrap();
    assert!(sent.iter().all(|j| j.outcome.as_deref() == Some("sent")));
    let rate = 1000.0 / calm.as_secs_f64();
    eprintln!(
        "two nodes: 1,000 reminders in {:.2} s ({rate:.0}/s; one direct sender, no queue: {baseline:.0}/s, so {:.2}x), 0 lost, 0 twice",
        calm.as_secs_f64(),
        rate / baseline
    );

    // Round two: the same while nodes are killed with SIGKILL and started again.
    let before = mailbox.mails().len();
    due(&store, &people, "killed").await;
    let started = Instant::now();
    let mut nodes = [a, b];
    let mut kills = 0;
    for (i, at) in [150, 400, 650].into_iter().enumerate() {
        let until = Instant::now() + Duration::from_secs(60);
        while mailbox.mails().len() < before + at && Instant::now() < until {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        let which = i % 2;
        nodes[which].0.kill().unwrap(); // SIGKILL
        nodes[which].0.wait().unwrap();
        kills += 1;
        let dir = if which == 0 {
            dir_a.path()
        } else {
            dir_b.path()
        };
        nodes[which] = worker(&url, &mailbox, dir);
    }
    // A claim a killed node held lapses after a minute; then another node takes it.
    let until = Instant::now() + Duration::from_secs(150);
    loop {
        let jobs = store.jobs_like("remind:probe:killed:").await.unwrap();
        let ended = jobs.iter().all(|j| j.outcome.is_some());
        if (ended && by_id(&mailbox, before).len() == 1000) || Instant::now() > until {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let killed = started.elapsed();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let seen = by_id(&mailbox, before);
    let repeats: usize = seen.values().map(|n| n - 1).sum();
    assert_eq!(seen.len(), 1000, "none lost");
    assert!(repeats <= kills, "{repeats} repeats after {kills} kills");
    let done = store.jobs_like("remind:probe:killed:").await.unwrap();
    assert!(
        done.iter().all(|j| j.outcome.as_deref() == Some("sent")),
        "all ended"
    );
    eprintln!(
        "two nodes, {kills} SIGKILLs: 1,000 reminders in {:.1} s, 0 lost, {repeats} sent twice",
        killed.as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_made_on_one_node_works_on_the_other_until_signed_out() {
    let Some(db) = PgDatabase::fresh("kintsugi_nodes_session") else {
        eprintln!("KINTSUGI_TEST_POSTGRES_URL is not set: the two-node probe is skipped");
        return;
    };
    let url = db.url.clone();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, base_a) = serve(dir_a.path(), Some(&url));
    let (b, base_b) = serve(dir_b.path(), Some(&url));
    let _nodes = (Node(a), Node(b));
    let c = reqwest::Client::new();
    let made = c
        .post(format!("{base_a}/api/v1/accounts"))
        .json(&json!({"username": "nodes", "display_name": "Nodes", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 201);
    let signed: serde_json::Value = c
        .post(format!("{base_a}/api/v1/sessions"))
        .json(&json!({"username": "nodes", "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = signed["token"].as_str().unwrap();
    let me = |base: &str| c.get(format!("{base}/api/v1/me")).bearer_auth(token).send();
    assert_eq!(
        me(&base_b).await.unwrap().status(),
        200,
        "made on A, works on B"
    );
    let out = c
        .delete(format!("{base_a}/api/v1/sessions/current"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert!(out.status().is_success());
    let signed_out = Instant::now();
    assert_eq!(
        me(&base_a).await.unwrap().status(),
        401,
        "ended on A at once"
    );
    while me(&base_b).await.unwrap().status() != 401 {
        assert!(
            signed_out.elapsed() < Duration::from_millis(1500),
            "within the cache's window"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    eprintln!(
        "a sign-out on node A reached node B in {} ms (the cache's window: 1000 ms)",
        signed_out.elapsed().as_millis()
    );
}
