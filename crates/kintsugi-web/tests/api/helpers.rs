//! `TestApp`: a real server on port 0 with a fresh SQLite database, and one helper per request
//! the stories make.

use std::sync::Arc;

use kintsugi_store::Store;
use kintsugi_web::{AppState, RateLimits, WebConfig};
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use serde_json::{Value, json};

pub const PASSWORD: &str = "river lantern quietly ninety";

pub struct TestApp {
    pub base: String,
    pub store: Arc<dyn Store>,
    pub dir: tempfile::TempDir,
    pub server: tokio::task::JoinHandle<std::io::Result<()>>,
    /// How many calls reached the store (behind the authentication cache).
    pub store_calls: Arc<std::sync::atomic::AtomicU64>,
}

pub async fn spawn_app_with(limits: Option<RateLimits>) -> TestApp {
    spawn_app_in(tempfile::tempdir().unwrap(), limits).await
}

impl TestApp {
    /// Stops the server as a crash would (no graceful shutdown) and starts a new one on the
    /// same database file.
    pub async fn restart(self) -> TestApp {
        self.server.abort();
        let _ = self.server.await;
        drop(self.store);
        spawn_app_in(self.dir, None).await
    }
}

pub async fn spawn_app_in(dir: tempfile::TempDir, limits: Option<RateLimits>) -> TestApp {
    let sqlite = kintsugi_store_sqlite::open(&dir.path().join("k.db"))
        .await
        .unwrap();
    let (counting, store_calls) = kintsugi_store_tests::CountingStore::new(sqlite);
    let store: Arc<dyn Store> = Arc::new(counting);
    let state = AppState::new(
        store.clone(),
        WebConfig {
            secure_cookies: false,
            quick_exit_url: "https://example.org/weather".into(),
            rate_limits: limits,
            // The real cache is on: these tests also prove it never outlives a change.
            ..WebConfig::default()
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(kintsugi_web::serve(listener, state, std::future::pending()));
    TestApp {
        base,
        store,
        dir,
        server,
        store_calls,
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(None).await
}

pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn post_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: Value,
    ) -> (StatusCode, Value) {
        let mut req = reqwest::Client::new().post(self.url(path)).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    pub async fn get_json(&self, path: &str, token: &str) -> (StatusCode, Value) {
        let res = reqwest::Client::new()
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    pub async fn account(&self, username: &str) -> String {
        let (s, body) = self
            .post_json(
                "/api/v1/accounts",
                None,
                json!({"username": username, "display_name": format!("{username} D"), "password": PASSWORD}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        let (s, body) = self
            .post_json(
                "/api/v1/sessions",
                None,
                json!({"username": username, "password": PASSWORD}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        body["token"].as_str().unwrap().to_string()
    }

    /// A cookie-keeping browser signed in as `username` (whose password is PASSWORD).
    pub async fn signed_in_browser(&self, username: &str) -> reqwest::Client {
        let web = browser();
        let res = web
            .post(self.url("/signin"))
            .form(&[("username", username), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "signed in");
        web
    }

    pub async fn user_count(&self) -> usize {
        let mut n = 0;
        for name in ["alex", "sam", "x", "", "blake", "a".repeat(40).as_str()] {
            if self.store.user_by_username(name).await.unwrap().is_some() {
                n += 1;
            }
        }
        n
    }
}

impl TestApp {
    /// Sends a request with a bearer token and a JSON body (any method).
    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = reqwest::Client::new()
            .request(method, self.url(path))
            .bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Two paired accounts and a stranger: (alex, sam, casey) tokens.
    pub async fn couple_and_stranger(&self) -> (String, String, String) {
        let (a, b, c) = (
            self.account("alex").await,
            self.account("sam").await,
            self.account("casey").await,
        );
        let (_, invite) = self
            .post_json("/api/v1/couple/invites", Some(&a), json!({}))
            .await;
        let (s, _) = self
            .post_json(
                "/api/v1/couple/join",
                Some(&b),
                json!({"code": invite["code"]}),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        (a, b, c)
    }
}
