//! Hostile connections: idle half-requests, more than the server may hold, never take it
//! offline, and each is closed once its time to send a request is up.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::*;

/// Reads until the server closes the connection (or `within` passes): whether it closed.
async fn closed(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 512];
    let read = async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return true,
                Ok(_) => {}
            }
        }
    };
    tokio::time::timeout(within, read).await.unwrap_or(false)
}

#[tokio::test]
async fn idle_half_requests_never_take_the_server_offline() {
    let app = spawn_configured(tempfile::tempdir().unwrap(), |c| {
        c.connections.max = 40;
        c.connections.request_timeout = Duration::from_secs(1);
    })
    .await;
    let addr = app.base.trim_start_matches("http://").to_string();
    // Five times more idle connections than the server holds, each with half a request line.
    let mut idle = Vec::new();
    for _ in 0..200 {
        let mut s = TcpStream::connect(&addr).await.unwrap();
        s.write_all(b"GET /healthz HT").await.unwrap();
        idle.push(s);
    }
    // A real visitor still gets an answer at once.
    let started = Instant::now();
    let res = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(res.text().await.unwrap(), "ok");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    // The oldest idle ones gave their slots away and are closed already; the rest close once
    // their second to send a request is up.
    assert!(
        closed(&mut idle[0], Duration::from_millis(500)).await,
        "gave its slot away"
    );
    let started = Instant::now();
    for s in idle.iter_mut().rev().take(30) {
        assert!(
            closed(s, Duration::from_secs(3)).await,
            "closed within the timeout"
        );
    }
    assert!(started.elapsed() < Duration::from_secs(3));
    // And a kept-alive connection that goes quiet after a request is closed too.
    let mut kept = TcpStream::connect(&addr).await.unwrap();
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut answer = [0u8; 256];
    let n = kept.read(&mut answer).await.unwrap();
    assert!(String::from_utf8_lossy(&answer[..n]).starts_with("HTTP/1.1 200"));
    assert!(
        closed(&mut kept, Duration::from_secs(3)).await,
        "idle keep-alive closed"
    );
}

/// Sends a form post nobody signed in may make, with a body of `size` bytes, then a second
/// request on the same connection: the head of the first answer, and whether the second got one.
async fn refused_then_again(addr: &str, size: usize) -> (String, bool) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let body = format!("text={}", "x".repeat(size));
    let head = format!(
        "POST /roots/reflections HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let _ = s.write_all(body.as_bytes()).await;
    let mut first = Vec::new();
    let mut buf = [0u8; 4096];
    while !first.windows(4).any(|w| w == b"\r\n\r\n") {
        match s.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => first.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&first).to_lowercase();
    let head = text
        .split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_string();
    let again = async {
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .ok()?;
        let mut all = Vec::new();
        loop {
            let n = s.read(&mut buf).await.ok()?;
            if n == 0 {
                return Some(all);
            }
            all.extend_from_slice(&buf[..n]);
            if all.windows(2).any(|w| w == b"ok") {
                return Some(all);
            }
        }
    };
    let second = tokio::time::timeout(Duration::from_secs(3), again)
        .await
        .ok()
        .flatten()
        .is_some_and(|a| String::from_utf8_lossy(&a).contains("HTTP/1.1 200"));
    (head, second)
}

#[tokio::test]
async fn a_refusal_before_the_body_is_read_leaves_the_connection_usable_or_says_it_closes() {
    let app = spawn_app().await;
    let addr = app.base.trim_start_matches("http://").to_string();
    // Under the body limit: the rest is read and dropped, and the next request is answered.
    for _ in 0..5 {
        let (head, second) = refused_then_again(&addr, 200_000).await;
        assert!(head.starts_with("http/1.1 303"), "{head}");
        assert!(second, "the connection stays usable: {head}");
    }
    // Over it: the answer says the connection closes, so no request is sent into it unawares.
    let (head, _) = refused_then_again(&addr, 400_000).await;
    assert!(head.contains("connection: close"), "{head}");
}
