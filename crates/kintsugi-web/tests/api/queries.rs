//! A list page costs the same number of store queries whatever its length.

use std::sync::atomic::Ordering;

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

/// Adds one talk (with a reply and a break), one delivered apology (with an answer and a
/// promise) and one question (with two versions of an answer) between Alex and Sam.
async fn one_of_each(app: &TestApp, alex: &str, sam: &str) {
    let (s, talk) = app
        .propose(alex, json!({"topic": "Sundays", "time": clock(0)}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{talk}");
    let id = talk["id"].as_str().unwrap();
    let (s, _) = app
        .answer_talk(sam, &id, json!({"response": "accept"}))
        .await;
    assert!(s.is_success(), "{s}");
    let (s, _) = app.pause(sam, &id, json!({"minutes": 20})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, apology) = app.write_apology(alex, json!({"what_i_did": "I hid the messages.", "differently": "I'll tell you.", "deliver": true}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let id = apology["id"].as_str().unwrap();
    let (s, _) = app
        .answer_apology(sam, &id, json!({"answer": "need_time"}))
        .await;
    assert!(s.is_success(), "{s}");
    let (s, _) = app.promise(alex, &id, json!({})).await;
    assert!(s.is_success(), "{s}");
    let terms = json!({"category": "privacy", "agreement": "We each keep a journal.", "review_on": "2031-01-01"});
    let (s, a) = app.propose_agreement(alex, terms.clone()).await;
    assert_eq!(s, StatusCode::CREATED);
    let id = a["id"].as_str().unwrap();
    app.accept_agreement(sam, id, json!({"version": 1})).await;
    app.amend_agreement(sam, id, terms).await;
    let (s, _) = app
        .add_reflection(alex, json!({"text": "Shared.", "visibility": "shared"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, q) = app.ask(sam, json!({"text": "Why then?"})).await;
    assert_eq!(s, StatusCode::CREATED);
    // Asking answers with the whole thread, newest first.
    let id = q[0]["id"].as_str().unwrap();
    for text in [
        "Because I was afraid.",
        "Because I was afraid of losing you.",
    ] {
        let (s, _) = app.answer_question(alex, &id, json!({"text": text})).await;
        assert!(s.is_success(), "{s}");
    }
}

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

const LISTS: &[&str] = &[
    "/api/v1/talks",
    "/api/v1/apologies",
    "/api/v1/questions",
    "/api/v1/agreements",
    "/api/v1/reflections",
];

#[tokio::test]
async fn list_pages_cost_a_constant_number_of_store_queries() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    one_of_each(&app, &alex, &sam).await;
    let mut with_one = Vec::new();
    for path in LISTS {
        with_one.push(calls(&app, path, &alex).await);
    }
    for _ in 0..7 {
        one_of_each(&app, &alex, &sam).await;
    }
    for (path, one) in LISTS.iter().zip(with_one) {
        let (_, list) = app.get_json(path, &alex).await;
        assert_eq!(list.as_array().unwrap().len(), 8, "{path}");
        let eight = calls(&app, path, &alex).await;
        assert_eq!(
            eight, one,
            "{path}: {one} store calls for one item, {eight} for eight"
        );
        assert!(eight <= 3, "{path}: {eight} store calls");
    }
}
