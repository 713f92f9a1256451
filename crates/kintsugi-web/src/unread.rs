//! A request refused before its body was read (signed out, too large, a bad origin) still
//! leaves its connection usable: what is left of the body is read and dropped, up to the body
//! limit and for at most a second, before the answer goes; a body larger than that is not
//! read, and the answer says `Connection: close`, so a client never sends its next request
//! into a connection that is closing without being told.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use http_body::{Body as HttpBody, Frame, SizeHint};

/// The request's own body, shared between the handler's view of it and this layer.
#[derive(Clone)]
struct Shared(Arc<Mutex<Option<Body>>>);

/// The handler's view: reads through to the shared body.
struct Through(Shared);

impl HttpBody for Through {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let Ok(mut inner) = self.0.0.lock() else {
            return Poll::Ready(None);
        };
        let Some(body) = inner.as_mut() else {
            return Poll::Ready(None);
        };
        let polled = Pin::new(body).poll_frame(cx);
        if let Poll::Ready(None) = polled {
            // Read to the end: nothing is left over.
            *inner = None;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.0
            .0
            .lock()
            .map_or(true, |b| b.as_ref().is_none_or(|b| b.is_end_stream()))
    }

    fn size_hint(&self) -> SizeHint {
        self.0
            .0
            .lock()
            .ok()
            .and_then(|b| b.as_ref().map(|b| b.size_hint()))
            .unwrap_or_default()
    }
}

/// The layer: see the module's description.
pub(crate) async fn drain(req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let shared = Shared(Arc::new(Mutex::new(Some(body))));
    let req = Request::from_parts(parts, Body::new(Through(shared.clone())));
    let mut res = next.run(req).await;
    let left = shared.0.lock().ok().and_then(|mut b| b.take());
    let Some(left) = left else {
        return res;
    };
    let small = left
        .size_hint()
        .upper()
        .is_some_and(|n| n <= crate::BODY_LIMIT_BYTES as u64);
    let read = async {
        let limited = http_body_util::Limited::new(left, crate::BODY_LIMIT_BYTES);
        http_body_util::BodyExt::collect(limited).await.is_ok()
    };
    let drained = small
        && tokio::time::timeout(Duration::from_secs(1), read)
            .await
            .unwrap_or(false);
    if !drained {
        res.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    res
}
