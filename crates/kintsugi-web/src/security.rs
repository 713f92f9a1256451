//! Security headers, CSRF rejection, request tracing without private data, static assets and
//! the readiness probe.

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::TraceLayer;

use crate::AppState;

const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; form-action 'self'; manifest-src 'self'; base-uri 'none'; \
                   frame-ancestors 'none'";
const PERMISSIONS: &str = "accelerometer=(), autoplay=(), camera=(), display-capture=(), \
                           encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), \
                           magnetometer=(), microphone=(), midi=(), payment=(), \
                           picture-in-picture=(), publickey-credentials-get=(), usb=(), \
                           screen-wake-lock=(), xr-spatial-tracking=()";

/// Adds the security headers to every response. Pages are never cached: after a quick exit,
/// the back button must not bring the app's content back.
pub(crate) async fn headers(req: Request<Body>, next: Next) -> Response {
    let is_static = req.uri().path().starts_with("/static/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("permissions-policy", HeaderValue::from_static(PERMISSIONS));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !is_static {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// The answer to a cross-site state-changing request.
#[derive(Clone, Copy)]
pub(crate) struct CsrfRejection;

impl tower_http::csrf::ResponseForProtectionError<Body> for CsrfRejection {
    fn response_for_protection_error(
        &mut self,
        _error: tower_http::csrf::ProtectionError,
    ) -> Response<Body> {
        let body = serde_json::json!({"error": {
            "code": "cross_site_request",
            "message": "This request came from another site, so it was refused to protect your account. Please use Kintsugi's own pages."
        }});
        (StatusCode::FORBIDDEN, axum::Json(body)).into_response()
    }
}

/// A request the framework refused before a handler read it (a body too large by its
/// `Content-Length` alone, a query string that doesn't read) is answered on the API as every
/// other refusal is: the JSON error the document states, never plain text.
pub(crate) async fn plain_refusals_as_json(req: Request<Body>, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    if !api || json {
        return res;
    }
    match res.status() {
        StatusCode::PAYLOAD_TOO_LARGE => {
            let limit = crate::BODY_LIMIT_BYTES / 1024;
            let msg = format!("The request is too large: the server accepts up to {limit} KiB.");
            crate::AppError::TooLarge(msg).into_response()
        }
        StatusCode::BAD_REQUEST => crate::AppError::BadRequest(
            "The request couldn't be read: check its query string (each value once) and body."
                .to_string(),
        )
        .into_response(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => crate::AppError::WrongContentType.into_response(),
        _ => res,
    }
}

/// Logs method, route and status: never query strings (invite codes), bodies or cookies.
pub(crate) fn trace_layer() -> TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    impl Fn(&Request<Body>) -> tracing::Span + Clone,
> {
    TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
        let route = req
            .extensions()
            .get::<axum::extract::MatchedPath>()
            .map_or("unmatched", |p| p.as_str());
        // The safety check leaves no line of its own: its routes are logged as a page, unnamed.
        let route = match crate::steps::unlogged(route) {
            true => "(a page)".to_string(),
            false => route.to_string(),
        };
        tracing::info_span!("request", method = %req.method(), route = %route)
    })
}

/// Whether the database answers.
pub(crate) async fn readyz(State(state): State<AppState>) -> Response {
    // The store's ping is a write that touches nothing, so a read-only database is not ready.
    match state.store.ping().await {
        Ok(()) => "ready".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "not ready").into_response()
        }
    }
}

fn asset(content_type: &'static str, body: &'static [u8]) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// The service worker, with the addresses it keeps for reading offline: the guide (every
/// step's, the questions) and what those pages load. Never cached itself (`no-store`, as every
/// page), so a new version reaches the device at once.
async fn service_worker() -> Response {
    let mut pages: Vec<String> = vec!["/guide".into(), "/guide/questions".into()];
    pages.extend(crate::steps::WEB.iter().map(|w| w.guide_path()));
    pages.extend(
        [
            "/static/app.css",
            "/static/exit.js",
            "/static/app.js",
            "/static/icon.svg",
        ]
        .map(String::from),
    );
    let list = serde_json::to_string(&pages).unwrap_or_else(|_| "[]".into());
    let body = format!("const PAGES = {list};\n{}", include_str!("../static/sw.js"));
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        body,
    )
        .into_response()
}

/// Stylesheet, script, icons and web app manifest, built into the binary.
pub(crate) fn static_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/static/app.css",
            get(|| async {
                asset(
                    "text/css; charset=utf-8",
                    include_bytes!("../static/app.css"),
                )
            }),
        )
        .route(
            "/static/report.css",
            get(|| async {
                asset(
                    "text/css; charset=utf-8",
                    include_bytes!("../static/report.css"),
                )
            }),
        )
        .route(
            "/static/app.js",
            get(|| async {
                asset(
                    "text/javascript; charset=utf-8",
                    include_bytes!("../static/app.js"),
                )
            }),
        )
        .route(
            "/static/exit.js",
            get(|| async {
                asset(
                    "text/javascript; charset=utf-8",
                    include_bytes!("../static/exit.js"),
                )
            }),
        )
        .route(
            "/static/coach.wasm",
            get(|| async { asset("application/wasm", include_bytes!("../static/coach.wasm")) }),
        )
        .route(
            "/static/icon.svg",
            get(|| async { asset("image/svg+xml", include_bytes!("../static/icon.svg")) }),
        )
        .route(
            "/static/icon-192.png",
            get(|| async { asset("image/png", include_bytes!("../static/icon-192.png")) }),
        )
        .route(
            "/static/icon-512.png",
            get(|| async { asset("image/png", include_bytes!("../static/icon-512.png")) }),
        )
        .route("/sw.js", get(service_worker))
        .route(
            "/manifest.webmanifest",
            get(|| async {
                asset(
                    "application/manifest+json",
                    include_bytes!("../static/manifest.webmanifest"),
                )
            }),
        )
}
