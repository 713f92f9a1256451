//! Clients that hang up mid-request, over real sockets: the server stays healthy, and every
//! write it acknowledged survives a restart.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use crate::helpers::*;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A raw HTTP/1.1 POST of a JSON body.
fn request(path: &str, token: &str, body: &Value) -> Vec<u8> {
    let body = body.to_string();
    format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// How a client behaves.
#[derive(Clone, Copy, Debug)]
enum Client {
    /// Sends half the request, then hangs up.
    HalfRequest,
    /// Sends the whole request and hangs up after `micros` without reading the answer.
    HangsUpAfter(u64),
    /// Sends the request and reads the answer.
    Patient,
}

/// The `n`th write, of one of six kinds in turn (alone, shared with its inbox entry, with a
/// private part in the same transaction), carrying the marker `m`: (path, body).
fn write(n: usize, m: &str) -> (&'static str, Value) {
    match n % 6 {
        0 => ("/api/v1/reflections", json!({"text": m})),
        1 => (
            "/api/v1/reflections",
            json!({"prompt": "when_unsafe", "text": m, "visibility": "shared"}),
        ),
        2 => (
            "/api/v1/triggers",
            json!({"kind": "other", "situation": m, "before": 6, "after": 3}),
        ),
        3 => ("/api/v1/reassurance-requests", json!({"text": m})),
        4 => ("/api/v1/appreciations", json!({"text": m})),
        _ => ("/api/v1/questions", json!({"text": m})),
    }
}

/// Sends the `n`th write as `client` would; returns its marker when a 2xx answer was read.
async fn send(addr: &str, token: &str, n: usize, client: Client) -> Option<String> {
    let marker = format!("hang-up write {n}.");
    let (path, body) = write(n, &marker);
    let bytes = request(path, token, &body);
    let mut socket = TcpStream::connect(addr).await.unwrap();
    match client {
        Client::HalfRequest => {
            socket.write_all(&bytes[..bytes.len() - 5]).await.unwrap();
            None
        }
        Client::HangsUpAfter(micros) => {
            socket.write_all(&bytes).await.unwrap();
            tokio::time::sleep(Duration::from_micros(micros)).await;
            None
        }
        Client::Patient => {
            socket.write_all(&bytes).await.unwrap();
            let mut answer = Vec::new();
            socket.read_to_end(&mut answer).await.unwrap();
            let text = String::from_utf8_lossy(&answer);
            let status: u16 = text.split(' ').nth(1).unwrap().parse().unwrap();
            assert!(status < 500, "a 5xx after hang-ups: {text}");
            if !(200..300).contains(&status) {
                return None;
            }
            Some(marker)
        }
    }
    // The socket is dropped here: a real close.
}

#[tokio::test]
async fn clients_that_hang_up_leave_the_server_healthy_and_lose_no_acknowledged_write() {
    let app = spawn_app().await;
    let (token, _, _) = app.couple_and_stranger().await;
    let addr = app.base.trim_start_matches("http://").to_string();
    let mut acknowledged = HashSet::new();
    let mut tasks = Vec::new();
    let clients = 120;
    for n in 0..clients {
        let client = match n % 4 {
            0 => Client::HalfRequest,
            1 | 2 => Client::HangsUpAfter((n as u64 * 4_937) % 600_000),
            _ => Client::Patient,
        };
        let (addr, token) = (addr.clone(), token.clone());
        tasks.push(tokio::spawn(
            async move { send(&addr, &token, n, client).await },
        ));
    }
    for t in tasks {
        if let Some(id) = t.await.unwrap() {
            acknowledged.insert(id);
        }
    }
    // The next writes succeed, each within a second.
    for n in 0..20 {
        let started = Instant::now();
        let id = send(&addr, &token, 1_000 + n * 5, Client::Patient)
            .await
            .expect("a write after the hang-ups succeeds");
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "write {n} took {:?}",
            started.elapsed()
        );
        acknowledged.insert(id);
    }
    // After a crash and a restart, every acknowledged write is there.
    let app = app.restart().await;
    let (_, export) = app.get("/api/v1/export", &token).await;
    let held = export.to_string();
    let missing: Vec<_> = acknowledged
        .iter()
        .filter(|m| !held.contains(m.as_str()))
        .collect();
    assert!(missing.is_empty(), "acknowledged but gone: {missing:?}");
    let present = (0..2_000)
        .filter(|n| held.contains(&format!("hang-up write {n}.")))
        .count();
    eprintln!(
        "hang-ups: {clients} clients over six kinds of write, {} acknowledged, all present after restart ({present} written in all)",
        acknowledged.len()
    );
}
