//! A list page costs the same number of store queries whatever its length.

use std::sync::atomic::Ordering;

use crate::helpers::*;
use reqwest::StatusCode;

/// Store calls made by one request.
async fn calls(app: &TestApp, path: &str, token: &str) -> u64 {
    // A first request warms the authentication cache, so only the page's own reads are counted.
    app.me(token).await;
    let before = app.store_calls.load(Ordering::SeqCst);
    let res = reqwest::Client::new()
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    app.store_calls.load(Ordering::SeqCst) - before
}

/// Every list the API documents: a GET whose path names no item and whose answer is an array.
async fn lists(app: &TestApp) -> Vec<String> {
    let doc = app.document().await;
    let paths = doc["paths"].as_object().unwrap();
    let array = |op: &serde_json::Value| {
        op["responses"]["200"]["content"]["application/json"]["schema"]["type"] == "array"
    };
    paths
        .iter()
        .filter(|(path, item)| {
            !path.contains('{') && item["get"].is_object() && array(&item["get"])
        })
        .map(|(path, _)| path.clone())
        .collect()
}

#[tokio::test]
async fn list_pages_cost_a_constant_number_of_store_queries() {
    // The authentication cache holds a session for a second by default; under a loaded machine
    // the gap between warming it and the counted request can pass that, and the count would then
    // include the session's own read. A minute keeps the count to the page's reads alone.
    let app = spawn_configured(tempfile::tempdir().unwrap(), |c| {
        c.auth_cache = std::time::Duration::from_secs(60)
    })
    .await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let mut lists = lists(&app).await;
    for step in [
        "talks",
        "apologies",
        "questions",
        "agreements",
        "reflections",
        "promises",
        "inbox",
    ] {
        assert!(
            lists.iter().any(|p| p.ends_with(step)),
            "{step} is among the documented lists: {lists:?}"
        );
    }
    // Home, with its list of what waits, too.
    lists.push("/".to_string());
    app.one_of_each(&alex, &sam).await;
    let mut with_one = Vec::new();
    for path in &lists {
        with_one.push(calls(&app, path, &alex).await);
    }
    for _ in 0..7 {
        app.one_of_each(&alex, &sam).await;
    }
    for (path, one) in lists.iter().zip(with_one) {
        let eight = calls(&app, path, &alex).await;
        assert_eq!(
            eight, one,
            "{path}: {one} store calls with one of each, {eight} with eight"
        );
        eprintln!("{path}: {eight} store calls");
        assert!(eight <= 8, "{path}: {eight} store calls");
    }
    // Eight of each really are there.
    for (path, _) in app.one_of_each(&alex, &sam).await {
        let (_, list) = app.get_json(&path, &alex).await;
        assert!(list.as_array().unwrap().len() >= 9, "{path}: {list}");
    }
}
