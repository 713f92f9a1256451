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

/// Sends one reflection as `client` would (every fifth request makes an invite instead, a
/// write of several statements); returns the reflection's id when a 2xx answer was read.
async fn send(addr: &str, token: &str, n: usize, client: Client) -> Option<String> {
    let bytes = if n % 5 == 4 {
        request("/api/v1/couple/invites", token, &json!({}))
    } else {
        request(
            "/api/v1/reflections",
            token,
            &json!({"text": format!("entry {n}")}),
        )
    };
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
            let body = text.split("\r\n\r\n").nth(1).unwrap();
            let created: Value = serde_json::from_str(body).unwrap();
            created["id"].as_str().map(str::to_string)
        }
    }
    // The socket is dropped here: a real close.
}

#[tokio::test]
async fn clients_that_hang_up_leave_the_server_healthy_and_lose_no_acknowledged_write() {
    let app = spawn_app().await;
    let token = app.account("hangup").await;
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
    let list = app.all_pages("/api/v1/reflections", &token).await;
    let present: HashSet<String> = list
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let missing: Vec<_> = acknowledged.difference(&present).collect();
    assert!(missing.is_empty(), "acknowledged but gone: {missing:?}");
    eprintln!(
        "hang-ups: {clients} clients, {} acknowledged, {} present after restart ({} written in all)",
        acknowledged.len(),
        acknowledged.intersection(&present).count(),
        present.len()
    );
}
