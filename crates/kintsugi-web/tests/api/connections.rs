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
