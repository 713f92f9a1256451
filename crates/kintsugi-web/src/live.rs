//! Live updates: while a page is open, what waits for the person arrives without a reload.
//!
//! After any successful write by a signed-in person, [`announce`] sends a ping naming their
//! couple and themselves; nothing about what was written. Each open `/events` stream (server-sent
//! events) belongs to one person: on a ping from their couple or from themselves it reads their
//! inbox again, through the same rule as every page, and sends it only when it changed. So a
//! partner learns nothing from a ping: not what was written, not that anything was, and not
//! whether the other has a page open (no presence, no read receipts). Without JavaScript the
//! pages show the same on the next load.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use kintsugi_domain::{CoupleId, UserId};
use serde::Serialize;
use tokio::sync::{broadcast, watch};

use crate::accounts::{self, Current};
use crate::{AppError, AppState};

/// Open streams one person may have at once (tabs and devices); more is refused with 429.
pub const STREAMS_PER_PERSON: usize = 6;
/// How long one stream stays open; then it ends and the page's browser opens a new one, so a
/// reader that stopped reading doesn't hold its connection for good.
pub const STREAM_LIFETIME: Duration = Duration::from_secs(10 * 60);

/// A write happened: by whom, in which couple (if any). Never what.
#[derive(Debug, Clone, Copy)]
struct Ping {
    couple: Option<CoupleId>,
    author: UserId,
}

/// The hub: pings out, open streams counted, and the signal that the server is stopping.
pub struct Live {
    pings: broadcast::Sender<Ping>,
    closing: watch::Sender<bool>,
    open: Mutex<HashMap<UserId, usize>>,
}

impl Default for Live {
    fn default() -> Live {
        Live {
            pings: broadcast::channel(256).0,
            closing: watch::channel(false).0,
            open: Mutex::new(HashMap::new()),
        }
    }
}

impl Live {
    fn ping(&self, couple: Option<CoupleId>, author: UserId) {
        // No open stream is not an error.
        let _ = self.pings.send(Ping { couple, author });
    }

    /// Ends every stream, so a graceful shutdown doesn't wait on open pages.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, HashMap<UserId, usize>> {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn open_for(self: &Arc<Live>, user: UserId) -> Option<Opened> {
        let mut open = self.counts();
        let n = open.entry(user).or_default();
        if *n >= STREAMS_PER_PERSON {
            return None;
        }
        *n += 1;
        Some(Opened {
            live: self.clone(),
            user,
        })
    }
}

/// One open stream, counted until it ends.
struct Opened {
    live: Arc<Live>,
    user: UserId,
}

impl Drop for Opened {
    fn drop(&mut self) {
        let mut open = self.live.counts();
        if let Some(n) = open.get_mut(&self.user) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.user);
            }
        }
    }
}

/// Middleware: after a successful write by a signed-in person, a ping for their couple.
pub(crate) async fn announce(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || crate::steps::unlogged(req.uri().path())
    {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let me = accounts::current(&state, &parts).await.ok().flatten();
    let res = next.run(Request::from_parts(parts, body)).await;
    let done = res.status().is_success() || res.status().is_redirection();
    if let Some(me) = me.filter(|_| done) {
        state
            .live
            .ping(me.couple.as_ref().map(|c| c.id), me.user.id);
    }
    res
}

/// What a stream sends: the count by Home, and what waits, in words, on the reader's clock.
#[derive(Serialize, PartialEq)]
struct Waiting {
    count: usize,
    items: Vec<Item>,
}

#[derive(Serialize, PartialEq)]
struct Item {
    waiting: &'static str,
    words: String,
    href: String,
    when: String,
}

struct Watch {
    state: AppState,
    me: Current,
    pings: broadcast::Receiver<Ping>,
    closing: watch::Receiver<bool>,
    last: Option<Waiting>,
    /// When the stream ends (the browser opens a new one).
    until: tokio::time::Instant,
    _opened: Opened,
}

impl Watch {
    fn concerns(&self, p: Ping) -> bool {
        p.author == self.me.user.id
            || (p.couple.is_some() && p.couple == self.me.couple.as_ref().map(|c| c.id))
    }

    /// The person's inbox read again, with their session checked again; `None` once signed out.
    async fn read(&mut self) -> Option<Waiting> {
        let hash = self.me.token.lookup_hash();
        let found = self
            .state
            .store
            .authenticate(&hash, crate::now())
            .await
            .ok()??;
        self.me.user = found.user;
        self.me.couple = found.couple;
        let actor = self.me.actor(&self.state).ok()?;
        let on_home = kintsugi_app::inbox::ON_HOME;
        let newest = kintsugi_app::inbox::newest(&actor, on_home).await.ok()?;
        let (items, count) = (newest.items, newest.total);
        Some(Waiting {
            count,
            items: items
                .into_iter()
                .map(|i| Item {
                    waiting: i.waiting,
                    words: i.words,
                    href: i.href,
                    when: i.at.date_time(),
                })
                .collect(),
        })
    }

    /// Waits for the next change worth sending; `None` ends the stream.
    async fn next(&mut self) -> Option<Event> {
        loop {
            if self.last.is_some() {
                let ping = tokio::select! {
                    _ = self.closing.wait_for(|c| *c) => return None,
                    () = tokio::time::sleep_until(self.until) => return None,
                    p = self.pings.recv() => p,
                };
                match ping {
                    Ok(p) if !self.concerns(p) => continue,
                    Err(broadcast::error::RecvError::Closed) => return None,
                    // A ping that concerns this person, or some missed: read again.
                    _ => {}
                }
            }
            let now = self.read().await?;
            if self.last.as_ref() != Some(&now) {
                let event = Event::default().event("inbox").json_data(&now).ok()?;
                self.last = Some(now);
                return Some(event);
            }
        }
    }
}

/// `GET /events`: the person's inbox as it changes, while a page is open.
pub(crate) async fn events(State(state): State<AppState>, me: Current) -> Response {
    let Some(opened) = state.live.open_for(me.user.id) else {
        return AppError::RateLimited.into_response();
    };
    let watch = Watch {
        pings: state.live.pings.subscribe(),
        closing: state.live.closing.subscribe(),
        state,
        me,
        last: None,
        until: tokio::time::Instant::now() + STREAM_LIFETIME,
        _opened: opened,
    };
    let events = stream::unfold(watch, |mut w| async move {
        let e = w.next().await?;
        Some((Ok::<_, Infallible>(e), w))
    });
    stream_response(events)
}

fn stream_response(
    events: impl Stream<Item = Result<Event, Infallible>> + Send + 'static,
) -> Response {
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response()
}
