//! Serving connections so that a hostile client can't take the server offline: a request must
//! arrive within a few seconds of connecting (and between requests on a kept-alive connection),
//! and the number of open connections is bounded below the process's descriptor limit. When
//! every slot is taken, a new connection takes the slot of the oldest one that has no request in
//! progress (an idle keep-alive, a half-sent request, an open event stream, whose page simply
//! reconnects), so a flood of idle connections can't shut real visitors out; when every slot is
//! busy with a request in progress, the new connection is closed at once.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// How many connections, and how long a client may take to send a request.
#[derive(Debug, Clone)]
pub struct Connections {
    /// The most open at once (below the descriptor limit, with room for the database and logs).
    pub max: usize,
    /// How long a request's head may take to arrive, from connecting or from the end of the
    /// previous response on a kept-alive connection; then the connection closes.
    pub request_timeout: Duration,
}

impl Default for Connections {
    fn default() -> Connections {
        Connections {
            max: 512,
            request_timeout: Duration::from_secs(10),
        }
    }
}

impl Connections {
    /// The bound for a process allowed `descriptors` open files: all but a reserve for the
    /// database, the data folder and the logs, and at most 4,096 (each open connection costs
    /// memory too; far more than a couples' server needs at once).
    pub fn within(descriptors: u64) -> usize {
        let bound = descriptors.saturating_sub(128).clamp(32, 4096);
        usize::try_from(bound).unwrap_or(4096)
    }
}

/// One open connection: how many of its requests are in progress, and how to close it.
struct Slot {
    busy: usize,
    close: Arc<Notify>,
}

/// The open connections, oldest first.
#[derive(Default)]
struct Slots {
    open: BTreeMap<u64, Slot>,
    next: u64,
}

type Shared = Arc<Mutex<Slots>>;

impl Slots {
    /// A slot for a new connection: a free one, or the oldest without a request in progress
    /// (told to close); `None` when every slot is busy.
    fn admit(&mut self, max: usize) -> Option<(u64, Arc<Notify>)> {
        if self.open.len() >= max {
            let idle = self
                .open
                .iter()
                .find(|(_, s)| s.busy == 0)
                .map(|(id, _)| *id)?;
            if let Some(old) = self.open.remove(&idle) {
                old.close.notify_one();
            }
        }
        let id = self.next;
        self.next += 1;
        let close = Arc::new(Notify::new());
        self.open.insert(
            id,
            Slot {
                busy: 0,
                close: close.clone(),
            },
        );
        Some((id, close))
    }

    fn busy(&mut self, id: u64, by: isize) {
        if let Some(s) = self.open.get_mut(&id) {
            s.busy = s.busy.saturating_add_signed(by);
        }
    }
}

/// Marks a connection busy while one of its requests is in progress.
struct Busy(Shared, u64);

impl Busy {
    fn new(slots: &Shared, id: u64) -> Busy {
        if let Ok(mut s) = slots.lock() {
            s.busy(id, 1);
        }
        Busy(slots.clone(), id)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        if let Ok(mut s) = self.0.lock() {
            s.busy(self.1, -1);
        }
    }
}

/// Resolves once the server is stopping.
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await.is_ok();
}

/// Accepts connections on `listener` and serves `app` on them until `stop` turns true; then
/// lets requests in progress finish (for at most ten seconds).
pub(crate) async fn accept(
    listener: TcpListener,
    app: Router,
    limits: Connections,
    mut stop: watch::Receiver<bool>,
) {
    let slots: Shared = Arc::default();
    let mut tasks = JoinSet::new();
    let mut refused: u64 = 0;
    loop {
        tokio::select! {
            () = stopped(&mut stop) => break,
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
            accepted = listener.accept() => {
                let (stream, addr) = match accepted {
                    Ok(a) => a,
                    Err(e) => {
                        // Out of descriptors, say: wait a moment rather than spin.
                        tracing::warn!(error = %e, "accepting a connection failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let admitted = slots.lock().ok().and_then(|mut s| s.admit(limits.max));
                let Some((id, close)) = admitted else {
                    refused += 1;
                    if refused.is_power_of_two() {
                        tracing::warn!(refused, max = limits.max, "every connection slot is busy; refusing new connections");
                    }
                    continue;
                };
                let job = connection(stream, addr, app.clone(), slots.clone(), id, close, stop.clone(), limits.request_timeout);
                tasks.spawn(job);
            }
        }
    }
    let finished = async { while tasks.join_next().await.is_some() {} };
    if tokio::time::timeout(Duration::from_secs(10), finished)
        .await
        .is_err()
    {
        tracing::warn!("requests still in progress at shutdown were cut off");
    }
}

/// One connection, until it closes, is told to close (its slot taken), or the server stops
/// (then requests in progress finish first).
#[allow(clippy::too_many_arguments)]
async fn connection(
    stream: TcpStream,
    addr: SocketAddr,
    app: Router,
    slots: Shared,
    id: u64,
    close: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
    request_timeout: Duration,
) {
    let service = {
        let slots = slots.clone();
        hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
            let busy = Busy::new(&slots, id);
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut().insert(ConnectInfo(addr));
            let app = app.clone();
            async move {
                let res = app.oneshot(req).await;
                drop(busy);
                res.map_err(|e: Infallible| match e {})
            }
        })
    };
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(request_timeout)
        .keep_alive(true);
    let conn = http.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        // Its slot went to a newer connection: nothing is in progress, so it simply closes.
        () = close.notified() => {}
        () = stopped(&mut stop) => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.as_mut().await;
        }
    }
    if let Ok(mut s) = slots.lock() {
        s.open.remove(&id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_house_gives_the_oldest_idle_slot_to_a_newcomer_and_never_a_busy_one() {
        let mut slots = Slots::default();
        let (a, close_a) = slots.admit(2).expect("room");
        let (b, _) = slots.admit(2).expect("room");
        slots.busy(a, 1);
        // Full: the oldest without a request in progress (b) gives way.
        let (c, _) = slots.admit(2).expect("b's slot");
        assert_eq!(slots.open.keys().copied().collect::<Vec<_>>(), [a, c]);
        assert!(!slots.open.contains_key(&b));
        // Both busy: the newcomer is refused.
        slots.busy(c, 1);
        assert!(slots.admit(2).is_none());
        // A request done, its connection is idle again and can give way.
        slots.busy(a, -1);
        assert!(slots.admit(2).is_some());
        assert!(!slots.open.contains_key(&a));
        drop(close_a);
        assert_eq!(Connections::within(1024), 896);
        assert_eq!(Connections::within(64), 32);
        assert_eq!(Connections::within(1 << 20), 4096);
    }
}
