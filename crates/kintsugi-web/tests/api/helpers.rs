//! `TestApp`: a real server on port 0 with a fresh SQLite database, and one helper per request
//! the stories make.

pub use std::fmt::Display;
use std::sync::Arc;

use kintsugi_store::Store;
use kintsugi_web::{AppState, RateLimits, WebConfig};
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use serde_json::{Value, json};

pub const PASSWORD: &str = "river lantern quietly ninety";

/// The wall clock `minutes` from now in UTC (the zone of accounts made without one), as a
/// date-and-time field sends it.
pub fn clock(minutes: i64) -> String {
    let at = time::OffsetDateTime::now_utc() + time::Duration::minutes(minutes);
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    at.format(fmt).expect("formats")
}

/// An API answer: its status and its JSON (null when there is none).
pub type Reply = (StatusCode, Value);

/// One helper per endpoint, so stories read as what people do. Each line is
/// `name => METHOD "path"`, then `, id` when the path names an item and `, body` when the
/// request sends one: `answer_thing => POST "/api/v1/things/{id}/answers", id, body;`.
#[macro_export]
macro_rules! endpoints {
    () => {};
    ($name:ident => $m:ident $p:literal; $($rest:tt)*) => {
        impl $crate::helpers::TestApp {
            pub async fn $name(&self, t: &str) -> $crate::helpers::Reply {
                self.call(reqwest::Method::$m, $p.to_string(), Some(t), None).await
            }
        }
        $crate::endpoints!($($rest)*);
    };
    ($name:ident => $m:ident $p:literal, body; $($rest:tt)*) => {
        impl $crate::helpers::TestApp {
            pub async fn $name(&self, t: &str, body: serde_json::Value) -> $crate::helpers::Reply {
                self.call(reqwest::Method::$m, $p.to_string(), Some(t), Some(body)).await
            }
        }
        $crate::endpoints!($($rest)*);
    };
    ($name:ident => $m:ident $p:literal, id; $($rest:tt)*) => {
        impl $crate::helpers::TestApp {
            pub async fn $name(&self, t: &str, id: impl std::fmt::Display) -> $crate::helpers::Reply {
                self.call(reqwest::Method::$m, format!($p, id = id), Some(t), None).await
            }
        }
        $crate::endpoints!($($rest)*);
    };
    ($name:ident => $m:ident $p:literal, id, body; $($rest:tt)*) => {
        impl $crate::helpers::TestApp {
            pub async fn $name(
                &self,
                t: &str,
                id: impl std::fmt::Display,
                body: serde_json::Value,
            ) -> $crate::helpers::Reply {
                self.call(reqwest::Method::$m, format!($p, id = id), Some(t), Some(body)).await
            }
        }
        $crate::endpoints!($($rest)*);
    };
}

pub struct TestApp {
    pub base: String,
    pub store: Arc<dyn Store>,
    pub dir: tempfile::TempDir,
    pub server: tokio::task::JoinHandle<std::io::Result<()>>,
    /// How many calls reached the store (behind the authentication cache).
    pub store_calls: Arc<std::sync::atomic::AtomicU64>,
    /// The server's state (to run a reminder worker's round in a story).
    pub state: AppState,
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
    spawn_configured(dir, |c| c.rate_limits = limits).await
}

/// A new app whose configuration `configure` changes from the tests' usual one.
pub async fn spawn_configured(
    dir: tempfile::TempDir,
    configure: impl FnOnce(&mut WebConfig),
) -> TestApp {
    let sqlite = kintsugi_store_sqlite::open(&dir.path().join("k.db"))
        .await
        .unwrap();
    let (counting, store_calls) = kintsugi_store_tests::CountingStore::new(sqlite);
    let store: Arc<dyn Store> = Arc::new(counting);
    let mut config = WebConfig {
        secure_cookies: false,
        quick_exit_url: "https://example.org/weather".into(),
        helplines: kintsugi_web::helplines::for_country("GB").unwrap().into(),
        // The real cache is on: these tests also prove it never outlives a change.
        ..WebConfig::default()
    };
    configure(&mut config);
    let state = AppState::new(store.clone(), config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(kintsugi_web::serve(
        listener,
        state.clone(),
        std::future::pending(),
    ));
    TestApp {
        base,
        store,
        dir,
        server,
        store_calls,
        state,
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

    /// Every item of a paginated list, following its `Link: <…>; rel="next"` headers.
    pub async fn all_pages(&self, path: &str, token: &str) -> Vec<Value> {
        let mut items = Vec::new();
        let mut next = Some(path.to_string());
        while let Some(at) = next.take() {
            let res = reqwest::Client::new()
                .get(self.url(&at))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{at}");
            next = res
                .headers()
                .get("link")
                .and_then(|l| l.to_str().ok())
                .and_then(|l| l.strip_prefix('<'))
                .and_then(|l| l.split_once('>'))
                .map(|(url, _)| url.to_string());
            let page: Value = res.json().await.unwrap();
            items.extend(page.as_array().unwrap().iter().cloned());
        }
        items
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

    /// A new API token for an existing account (whose password is PASSWORD).
    pub async fn account_token(&self, username: &str) -> String {
        let (s, body) = self
            .sign_in(json!({"username": username, "password": PASSWORD}))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
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

    /// Whether an account named `username` exists.
    pub async fn has_account(&self, username: &str) -> bool {
        self.store
            .user_by_username(username)
            .await
            .unwrap()
            .is_some()
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

/// One helper per API endpoint, so stories read as what people do.
impl TestApp {
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: String,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = reqwest::Client::new().request(method, self.url(&path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: impl Into<String>, t: &str) -> (StatusCode, Value) {
        self.call(reqwest::Method::GET, path.into(), Some(t), None)
            .await
    }

    pub async fn post(&self, path: impl Into<String>, t: &str, body: Value) -> (StatusCode, Value) {
        self.call(reqwest::Method::POST, path.into(), Some(t), Some(body))
            .await
    }

    pub async fn sign_up(&self, body: Value) -> (StatusCode, Value) {
        let path = "/api/v1/accounts".into();
        self.call(reqwest::Method::POST, path, None, Some(body))
            .await
    }

    pub async fn sign_in(&self, body: Value) -> (StatusCode, Value) {
        let path = "/api/v1/sessions".into();
        self.call(reqwest::Method::POST, path, None, Some(body))
            .await
    }

    pub async fn sign_out(&self, t: &str) -> (StatusCode, Value) {
        let path = "/api/v1/sessions/current".into();
        self.call(reqwest::Method::DELETE, path, Some(t), None)
            .await
    }

    /// Leaves the couple (what was shared stays a history both can read).
    pub async fn leave(&self, t: &str) -> (StatusCode, Value) {
        let path = "/api/v1/couple".into();
        self.call(reqwest::Method::DELETE, path, Some(t), None)
            .await
    }

    pub async fn me(&self, t: &str) -> (StatusCode, Value) {
        self.get("/api/v1/me", t).await
    }

    /// Changes the account's time zone or quick-exit choice.
    pub async fn change_me(&self, t: &str, body: Value) -> (StatusCode, Value) {
        let path = "/api/v1/me".into();
        self.call(reqwest::Method::PATCH, path, Some(t), Some(body))
            .await
    }

    pub async fn invite(&self, t: &str) -> (StatusCode, Value) {
        self.post("/api/v1/couple/invites", t, json!({})).await
    }

    pub async fn pending_invites(&self, t: &str) -> (StatusCode, Value) {
        self.get("/api/v1/couple/invites", t).await
    }

    pub async fn stop_invites(&self, t: &str) -> (StatusCode, Value) {
        let path = "/api/v1/couple/invites".into();
        self.call(reqwest::Method::DELETE, path, Some(t), None)
            .await
    }

    pub async fn join(&self, t: &str, body: Value) -> (StatusCode, Value) {
        self.post("/api/v1/couple/join", t, body).await
    }

    pub async fn coach(&self, t: &str, body: Value) -> (StatusCode, Value) {
        self.post("/api/v1/coach", t, body).await
    }

    pub async fn inbox(&self, t: &str) -> (StatusCode, Value) {
        self.get("/api/v1/inbox", t).await
    }

    pub async fn couples(&self, t: &str) -> (StatusCode, Value) {
        self.get("/api/v1/couples", t).await
    }

    pub async fn withdraw(&self, t: &str, couple: impl Display) -> (StatusCode, Value) {
        let path = format!("/api/v1/couples/{couple}/withdrawal");
        self.post(path, t, json!({})).await
    }
}

/// What a browser does: read a page, open a link, send a form (redirects are not followed).
impl TestApp {
    pub async fn visit(&self, web: &reqwest::Client, path: &str) -> reqwest::Response {
        web.get(self.url(path)).send().await.unwrap()
    }

    pub async fn page(&self, web: &reqwest::Client, path: &str) -> String {
        self.visit(web, path).await.text().await.unwrap()
    }

    pub async fn form<T: serde::Serialize + ?Sized>(
        &self,
        web: &reqwest::Client,
        path: &str,
        fields: &T,
    ) -> reqwest::Response {
        web.post(self.url(path)).form(fields).send().await.unwrap()
    }
}

/// The `id` of an item the API returned.
pub fn id_of(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

/// What an inbox holds, by kind (`talk_to_answer`, `break`…), newest first.
pub fn waiting(inbox: &Value) -> Vec<String> {
    inbox
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["waiting"].as_str().unwrap().to_string())
        .collect()
}

/// Whether an API error's message says `words`.
pub fn says(err: &Value, words: &str) -> bool {
    err["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains(words))
}

/// The id in the first link of `page` that starts with `prefix` (`/couples/<id>/…`).
pub fn id_after(page: &str, prefix: &str) -> String {
    let rest = page.split(prefix).nth(1).expect("a link with that prefix");
    rest.split(['/', '?', '"']).next().unwrap().to_string()
}

/// The forms people fill in most, one helper each.
impl TestApp {
    pub async fn signup_form(
        &self,
        web: &reqwest::Client,
        username: &str,
        display_name: &str,
        password: &str,
    ) -> reqwest::Response {
        let fields = [
            ("username", username),
            ("display_name", display_name),
            ("password", password),
        ];
        self.form(web, "/signup", &fields).await
    }

    pub async fn signin_form(
        &self,
        web: &reqwest::Client,
        username: &str,
        password: &str,
    ) -> reqwest::Response {
        self.form(
            web,
            "/signin",
            &[("username", username), ("password", password)],
        )
        .await
    }

    pub async fn password_form(
        &self,
        web: &reqwest::Client,
        current: &str,
        new: &str,
    ) -> reqwest::Response {
        let fields = [("current_password", current), ("new_password", new)];
        self.form(web, "/account/password", &fields).await
    }

    pub async fn recover_form(
        &self,
        web: &reqwest::Client,
        username: &str,
        key: &str,
        password: &str,
    ) -> reqwest::Response {
        let fields = [
            ("username", username),
            ("recovery_key", key),
            ("password", password),
        ];
        self.form(web, "/recover", &fields).await
    }

    pub async fn coach_form(
        &self,
        web: &reqwest::Client,
        kind: &str,
        text: &str,
    ) -> reqwest::Response {
        self.form(web, "/coach", &[("kind", kind), ("text", text)])
            .await
    }
}

/// Forms whose answer is a page to read.
impl TestApp {
    pub async fn form_text<T: serde::Serialize + ?Sized>(
        &self,
        web: &reqwest::Client,
        path: &str,
        fields: &T,
    ) -> String {
        self.form(web, path, fields).await.text().await.unwrap()
    }

    /// A form's answer: its status and its page.
    pub async fn form_page<T: serde::Serialize + ?Sized>(
        &self,
        web: &reqwest::Client,
        path: &str,
        fields: &T,
    ) -> (StatusCode, String) {
        let res = self.form(web, path, fields).await;
        (res.status(), res.text().await.unwrap())
    }

    pub async fn coach_page(&self, web: &reqwest::Client, kind: &str, text: &str) -> String {
        self.coach_form(web, kind, text).await.text().await.unwrap()
    }
}

/// A new app where Alex and Sam are paired (Casey is a stranger), and Alex's signed-in browser.
pub async fn couple_in_a_browser() -> (TestApp, reqwest::Client) {
    let app = spawn_app().await;
    app.couple_and_stranger().await;
    let alex = app.signed_in_browser("alex").await;
    (app, alex)
}

/// A new app with one account, Alex: its API token and a signed-in browser.
pub async fn alex_in_a_browser() -> (TestApp, String, reqwest::Client) {
    let app = spawn_app().await;
    let token = app.account("alex").await;
    let web = app.signed_in_browser("alex").await;
    (app, token, web)
}

/// Rate limits as the defaults, with the changes `f` makes.
pub fn limits(f: impl FnOnce(&mut RateLimits)) -> Option<RateLimits> {
    let mut l = RateLimits::default();
    f(&mut l);
    Some(l)
}

/// A response header as text ("" when absent).
pub fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// Doors that aren't a step's items (accounts, sessions, pairing, the coach): the fixture below
/// leaves them alone.
const NOT_ITEMS: [&str; 4] = ["/accounts", "/sessions", "/couple/join", "/coach"];

impl TestApp {
    /// The API's document, as served.
    pub async fn document(&self) -> Value {
        let res = reqwest::get(self.url("/api/v1/openapi.json"))
            .await
            .unwrap();
        res.json().await.unwrap()
    }

    /// One of everything the API documents, from its own examples, between Alex and Sam: every
    /// create with its example body, by Alex; then every answer under those items with its
    /// example, by Sam or else by Alex, twice over (so an answer that needs another first finds
    /// it). Names no step: a new step's items join by being documented. Returns the ids made.
    pub async fn one_of_each(&self, alex: &str, sam: &str) -> Vec<(String, String)> {
        let doc = self.document().await;
        let example =
            |op: &Value| op["requestBody"]["content"]["application/json"]["schema"].clone();
        let schemas = &doc["components"]["schemas"];
        let body_of = |op: &Value| {
            let schema = example(op);
            let name = schema["$ref"]
                .as_str()
                .unwrap_or_default()
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string();
            schemas[name]["example"].clone()
        };
        let posts: Vec<(String, Value)> = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(path, item)| {
                item["post"].is_object() && !NOT_ITEMS.iter().any(|d| path.ends_with(d))
            })
            .map(|(path, item)| (path.clone(), body_of(&item["post"])))
            .filter(|(_, body)| !body.is_null())
            .collect();
        let mut made: Vec<(String, String)> = Vec::new();
        for (path, body) in posts.iter().filter(|(p, _)| !p.contains('{')) {
            let (s, v) = self.post(path.clone(), alex, body.clone()).await;
            let id = v["id"].as_str().or(v[0]["id"].as_str());
            if let (true, Some(id)) = (s.is_success(), id) {
                made.push((path.clone(), id.to_string()));
            }
        }
        for _ in 0..2 {
            for (path, body) in posts.iter().filter(|(p, _)| p.contains("/{id}")) {
                let under = path.split("/{id}").next().unwrap();
                for (_, id) in made.iter().filter(|(p, _)| p == under) {
                    let at = path.replace("{id}", id);
                    let (s, _) = self.post(at.clone(), sam, body.clone()).await;
                    if !s.is_success() {
                        self.post(at, alex, body.clone()).await;
                    }
                }
            }
        }
        made
    }
}
