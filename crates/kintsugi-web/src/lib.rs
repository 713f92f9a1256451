//! Kintsugi's web face: the axum router, HTML pages, the JSON API, sessions and security.
//!
//! An adapter: pages (`pages`, and each step's under `steps/<step>/`) and the API (`api`, and
//! each step's) only parse, call the app crate (or `accounts` and `couples`) and render, with
//! what they share in `kit`. Every read of a person's writing goes through the store's one rule.

mod account_api;
pub mod accounts;
pub mod api;
mod authcache;
pub mod clients;
pub mod couples;
mod error;
pub mod helplines;
mod kit;
mod limits;
pub mod live;
pub mod openapi;
mod pages;
pub mod reminders;
mod security;
pub mod server;
pub mod steps;
mod unread;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use kintsugi_store::Store;
use tower_http::limit::RequestBodyLimitLayer;

pub use error::{AppError, ErrorBody};
pub use limits::RateLimits;

/// Request bodies larger than this are refused with 413 before any handler runs.
pub const BODY_LIMIT_BYTES: usize = 256 * 1024;

/// What the web layer needs to know from the configuration.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (set when served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Where the quick exit goes: a neutral page that says nothing about this app.
    pub quick_exit_url: String,
    /// The helplines the safety card shows (besides "your local emergency number").
    pub helplines: Arc<[helplines::Helpline]>,
    /// Rate limits (or `None` to turn them off, e.g. for load tests).
    pub rate_limits: Option<RateLimits>,
    /// How long this node may reuse a session lookup (zero turns the cache off).
    pub auth_cache: std::time::Duration,
    /// The secret invite codes are looked up by (kept outside the database; the same on every
    /// node that shares one database).
    pub lookup_key: Arc<kintsugi_vault::LookupKey>,
    /// How many connections, and how long a request may take to arrive.
    pub connections: server::Connections,
    /// E-mail, when SMTP is configured (none: no e-mail is offered).
    pub mail: Option<Arc<reminders::mail::Mailer>>,
    /// The address people reach this server at, for links in e-mails and the calendar feed's
    /// address (`http://127.0.0.1:8080`).
    pub public_url: String,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            quick_exit_url: "https://www.bbc.com/weather".to_string(),
            helplines: Arc::from(Vec::new()),
            rate_limits: Some(RateLimits::default()),
            auth_cache: std::time::Duration::from_secs(1),
            lookup_key: Arc::new(kintsugi_vault::LookupKey::generate()),
            connections: server::Connections::default(),
            mail: None,
            public_url: "http://127.0.0.1:8080".to_string(),
        }
    }
}

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    /// The store (SQLite or PostgreSQL), behind the authentication cache.
    pub store: Arc<dyn Store>,
    /// Configuration.
    pub config: Arc<WebConfig>,
    limits: Arc<limits::Limiters>,
    /// Live updates for open pages.
    pub live: Arc<live::Live>,
    /// The API's document, made when the router is built.
    api_doc: Arc<std::sync::OnceLock<Arc<serde_json::Value>>>,
    /// Wakes this node's reminder worker (an address to confirm, a changed choice).
    pub worker_wake: Arc<tokio::sync::Notify>,
}

impl AppState {
    /// Builds the state.
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> AppState {
        let limits = Arc::new(limits::Limiters::new(config.rate_limits.clone()));
        let store: Arc<dyn Store> = Arc::new(authcache::CachedStore::new(store, config.auth_cache));
        AppState {
            store,
            config: Arc::new(config),
            limits,
            live: Arc::new(live::Live::default()),
            api_doc: Arc::default(),
            worker_wake: Arc::default(),
        }
    }

    /// Lets this node's reminder worker run a round now rather than at its next tick.
    pub fn wake_worker(&self) {
        self.worker_wake.notify_one();
    }
}

/// Unix time now, in seconds.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let (api, report) = openapi::build(&state);
    // The first router built for this state sets the document (they are all the same).
    let _ = state.api_doc.set(Arc::new(report.doc));
    Router::new()
        .merge(pages::routes(&state))
        .merge(reminders::pages::routes())
        .merge(api)
        .merge(security::static_routes())
        .route("/healthz", axum::routing::get(|| async { "ok" }))
        .route("/readyz", axum::routing::get(security::readyz))
        .route("/events", axum::routing::get(live::events))
        .fallback(pages::not_found)
        .with_state(state.clone())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            live::announce,
        ))
        .layer(tower_http::csrf::CsrfLayer::new().with_rejection_response(security::CsrfRejection))
        .layer(axum::middleware::from_fn_with_state(
            state,
            kit::html_errors,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(axum::middleware::from_fn(security::plain_refusals_as_json))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(axum::middleware::from_fn(unread::drain))
        .layer(security::trace_layer())
}

/// Serves the app on `listener` until `shutdown` resolves, finishing requests in flight; each
/// connection bounded in time and number (see [`server`]).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = state.config.connections.clone();
    tracing::info!(
        max = limits.max,
        request_timeout_s = limits.request_timeout.as_secs_f32(),
        "connections are bounded"
    );
    let live = state.live.clone();
    let (stop, stopping) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        // Open pages' live streams end first, so stopping doesn't wait on them.
        live.close();
        let _ = stop.send(true);
    });
    server::accept(listener, router(state), limits, stopping).await;
    Ok(())
}
