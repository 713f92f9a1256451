//! The authorization sweep over pages: every route the web's source registers (`.route("…")`,
//! read from the source itself, so a page added tomorrow is swept tomorrow) and every documented
//! read of the API, asked by someone signed out, by a stranger, by the partner, by the former
//! partner once the couple ended, and after Alex withdrew what Alex shared. Nobody but Alex
//! ever reads Alex's private words; after the withdrawal, nobody but Alex reads the shared ones.

use std::path::{Path, PathBuf};

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

const PRIVATE: &str = "velvetpine";
const SHARED: &str = "copperwren";

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every path the web's source registers with `.route("…")`.
fn page_routes() -> Vec<String> {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut routes = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        for part in text.split(".route(").skip(1) {
            let part = part.trim_start();
            if let Some(rest) = part.strip_prefix('"') {
                routes.push(rest.split('"').next().unwrap().to_string());
            }
        }
    }
    routes.sort();
    routes.dedup();
    routes
}

/// Every documented read of the API without a path value.
async fn api_reads(app: &TestApp) -> Vec<String> {
    let doc = app.document().await;
    doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(p, item)| item.get("get").is_some() && !p.ends_with("openapi.json"))
        .map(|(p, _)| p.clone())
        .collect()
}

/// Alex writes privately and shares; returns the ids of what Alex wrote.
async fn alex_writes(app: &TestApp, alex: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for (path, body) in [
        (
            "/api/v1/reflections",
            json!({"text": format!("{PRIVATE} reflection")}),
        ),
        (
            "/api/v1/reflections",
            json!({"text": format!("{SHARED} reflection"), "visibility": "shared"}),
        ),
        (
            "/api/v1/triggers",
            json!({"kind": "other", "situation": format!("{PRIVATE} moment"), "before": 5, "after": 2}),
        ),
        (
            "/api/v1/apologies",
            json!({"what_i_did": format!("{PRIVATE} draft")}),
        ),
        (
            "/api/v1/apologies",
            json!({"what_i_did": format!("{SHARED} apology"), "deliver": true}),
        ),
        (
            "/api/v1/promises",
            json!({"text": format!("{SHARED} promise"), "every": "open"}),
        ),
        (
            "/api/v1/reassurance-requests",
            json!({"text": format!("{SHARED} request")}),
        ),
        (
            "/api/v1/appreciations",
            json!({"text": format!("{SHARED} thanks")}),
        ),
        (
            "/api/v1/checkins",
            json!({"mood": 3, "closeness": 6, "safe": 2, "note": format!("{PRIVATE} check-in")}),
        ),
    ] {
        let (s, v) = app.post(path, alex, body).await;
        assert!(s.is_success(), "{path}: {v}");
        let id = v["id"].as_str().or_else(|| v[0]["id"].as_str());
        ids.extend(id.map(str::to_string));
    }
    ids
}

/// Every concrete address of the pages and reads, for Alex's items and today.
fn addresses(routes: &[String], reads: &[String], ids: &[String], today: &str) -> Vec<String> {
    let mut out = Vec::new();
    for r in routes.iter().chain(reads) {
        let r = r.replace("{day}", today).replace("{slug}", "roots");
        let r = r
            .replace("{token}", "not-a-link")
            .replace("{signal}", "fights");
        if r.contains("{id}") {
            out.extend(ids.iter().map(|id| r.replace("{id}", id)));
        } else if !r.contains('{') {
            out.push(r);
        }
    }
    out
}

async fn read(
    app: &TestApp,
    web: &reqwest::Client,
    token: Option<&str>,
    at: &str,
) -> (StatusCode, String) {
    let mut req = web.get(app.url(at));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    (res.status(), res.text().await.unwrap_or_default())
}

#[tokio::test]
async fn no_page_or_read_gives_anyone_but_alex_what_is_alexs() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let ids = alex_writes(&app, &alex).await;
    let routes = page_routes();
    assert!(
        routes.len() > 60,
        "{} routes read from the source",
        routes.len()
    );
    let reads = api_reads(&app).await;
    let (_, checkins) = app.get_json("/api/v1/checkins", &alex).await;
    let today = checkins[0]["day"].as_str().unwrap().to_string();
    let all = addresses(&routes, &reads, &ids, &today);
    // Pages that would end the asker's own session as they are opened.
    let at_all: Vec<&String> = all
        .iter()
        .filter(|a| !matches!(a.as_str(), "/signout" | "/quick-exit" | "/events"))
        .collect();
    let (alex_web, sam_web, casey_web) = (
        app.signed_in_browser("alex").await,
        app.signed_in_browser("sam").await,
        app.signed_in_browser("casey").await,
    );
    let anonymous = browser();
    // The words are there to be found.
    let mut alex_sees = String::new();
    for at in &at_all {
        alex_sees.push_str(&read(&app, &alex_web, None, at).await.1);
    }
    assert!(alex_sees.contains(PRIVATE) && alex_sees.contains(SHARED));
    let mut checked = 0;
    let sweep = |who: &'static str,
                 web: reqwest::Client,
                 token: Option<String>,
                 forbidden: Vec<&'static str>| {
        let (app, at_all) = (&app, &at_all);
        async move {
            let mut seen_shared = false;
            for at in at_all.iter() {
                let (_, body) = read(app, &web, token.as_deref(), at).await;
                for word in &forbidden {
                    assert!(!body.contains(word), "{at} as {who} shows {word}");
                }
                seen_shared |= body.contains(SHARED);
            }
            seen_shared
        }
    };
    // Signed out and a stranger: nothing of Alex's; the partner: nothing private.
    sweep("someone signed out", anonymous, None, vec![PRIVATE, SHARED]).await;
    sweep("a stranger", casey_web.clone(), None, vec![PRIVATE, SHARED]).await;
    sweep(
        "a stranger's API token",
        reqwest::Client::new(),
        Some(casey.clone()),
        vec![PRIVATE, SHARED],
    )
    .await;
    let partner_sees = sweep("the partner", sam_web.clone(), None, vec![PRIVATE]).await;
    assert!(partner_sees, "the partner reads what was shared");
    sweep(
        "the partner's API token",
        reqwest::Client::new(),
        Some(sam.clone()),
        vec![PRIVATE],
    )
    .await;
    checked += 5 * at_all.len();
    // The couple ends: the former partner still reads the shared history, nothing private.
    let (s, _) = app.leave(&sam).await;
    assert!(s.is_success());
    let former_sees = sweep("the former partner", sam_web.clone(), None, vec![PRIVATE]).await;
    assert!(former_sees, "a read-only history");
    // Alex withdraws everything shared in that couple: then not even that.
    let (_, couples) = app.couples(&alex).await;
    let couple = couples[0]["id"].as_str().unwrap().to_string();
    let (s, v) = app.withdraw(&alex, &couple).await;
    assert!(s.is_success(), "{v}");
    sweep(
        "the former partner after the withdrawal",
        sam_web,
        None,
        vec![PRIVATE, SHARED],
    )
    .await;
    sweep(
        "their API token after the withdrawal",
        reqwest::Client::new(),
        Some(sam),
        vec![PRIVATE, SHARED],
    )
    .await;
    checked += 3 * at_all.len();
    eprintln!(
        "pages sweep: {} addresses from {} routes and {} reads, {checked} requests",
        at_all.len(),
        routes.len(),
        reads.len()
    );
}
