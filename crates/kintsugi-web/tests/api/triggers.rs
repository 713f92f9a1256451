//! Step 6, Triggers, over HTTP: the log and its patterns are the author's alone; reassurance
//! requests are shared and answered; bad input changes nothing.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn entry(before: u8, after: u8) -> Value {
    json!({"kind": "late_reply", "situation": "No answer for three hours.", "before": before, "after": after,
           "fear": "That I'm not a priority.", "responded": ["paused", "spoke_calmly"]})
}

#[tokio::test]
async fn the_log_and_its_patterns_are_the_authors_alone() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (s, log) = app
        .post_json("/api/v1/triggers", Some(alex.as_str()), entry(7, 4))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{log}");
    app.post_json("/api/v1/triggers", Some(alex.as_str()), entry(8, 5))
        .await;
    assert_eq!(
        app.get_json("/api/v1/triggers", &alex)
            .await
            .1
            .as_array()
            .unwrap()
            .len(),
        2
    );
    for other in [&sam, &casey] {
        assert_eq!(
            app.get_json("/api/v1/triggers", other).await.1,
            json!([]),
            "never shared"
        );
        let (_, p) = app.get_json("/api/v1/triggers/patterns", other).await;
        assert!(
            p["summary"]
                .as_str()
                .unwrap()
                .starts_with("Nothing logged yet"),
            "{p}"
        );
    }
    let (_, p) = app.get_json("/api/v1/triggers/patterns", &alex).await;
    let summary = p["summary"].as_str().unwrap();
    assert_eq!(
        summary,
        "A late reply was behind every entry this month; average intensity fell from 7.5 to \
         4.5 by the time you logged it."
    );
    // The count is of the trigger named, beside all the entries; a tie names both.
    let mut other = entry(6, 6);
    other["kind"] = json!("social_media");
    app.post_json("/api/v1/triggers", Some(alex.as_str()), other.clone())
        .await;
    let (_, p) = app.get_json("/api/v1/triggers/patterns", &alex).await;
    let summary = p["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("A late reply came up most often this month (2 of 3 entries)"),
        "{summary}"
    );
    app.post_json("/api/v1/triggers", Some(alex.as_str()), other)
        .await;
    let (_, p) = app.get_json("/api/v1/triggers/patterns", &alex).await;
    let summary = p["summary"].as_str().unwrap();
    assert!(
        summary.starts_with(
            "A late reply and social media came up most often this month (2 each, of 4 entries)"
        ),
        "{summary}"
    );
    assert_eq!(p["weeks"].as_array().unwrap().len(), 12);
    let web = app.signed_in_browser("sam").await;
    assert!(
        !app.page(&web, "/triggers")
            .await
            .contains("No answer for three hours.")
    );
}

#[tokio::test]
async fn bad_entries_are_refused_and_store_nothing() {
    let app = spawn_app().await;
    let (alex, _, _) = app.couple_and_stranger().await;
    let mut unknown = entry(5, 5);
    unknown["kind"] = json!("jealousy");
    let mut bad_response = entry(5, 5);
    bad_response["responded"] = json!(["stalked"]);
    let mut empty = entry(5, 5);
    empty["situation"] = json!("  ");
    let cases = [
        (entry(11, 4), StatusCode::UNPROCESSABLE_ENTITY),
        (entry(4, 11), StatusCode::UNPROCESSABLE_ENTITY),
        (empty, StatusCode::UNPROCESSABLE_ENTITY),
        (unknown, StatusCode::BAD_REQUEST),
        (bad_response, StatusCode::BAD_REQUEST),
        (json!({"kind": "other"}), StatusCode::BAD_REQUEST),
    ];
    for (body, status) in cases {
        let (s, _) = app
            .post_json("/api/v1/triggers", Some(alex.as_str()), body.clone())
            .await;
        assert_eq!(s, status, "{body}");
    }
    assert_eq!(app.get_json("/api/v1/triggers", &alex).await.1, json!([]));
    let web = app.signed_in_browser("alex").await;
    let form = [
        ("kind", "late_reply"),
        ("situation", "x"),
        ("before", "eleven"),
        ("after", "3"),
    ];
    assert_eq!(
        app.form(&web, "/triggers", &form).await.status(),
        StatusCode::BAD_REQUEST
    );
    let form = [
        ("kind", "late_reply"),
        ("situation", "x"),
        ("before", "11"),
        ("after", "3"),
    ];
    let res = app.form(&web, "/triggers", &form).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("is a number from 0 to 10")
    );
    let form = [
        ("kind", "late_reply"),
        ("situation", "He was late."),
        ("before", "6"),
        ("after", "3"),
        ("responded", "paused"),
    ];
    assert_eq!(
        app.form(&web, "/triggers", &form).await.status(),
        StatusCode::SEE_OTHER
    );
    assert!(app.page(&web, "/triggers").await.contains("He was late."));
    assert!(
        app.page(&web, "/triggers/pause")
            .await
            .contains("Breathe in through your nose")
    );
}

#[tokio::test]
async fn a_reassurance_request_is_answered_by_the_partner_only() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (s, list) = app
        .post_json(
            "/api/v1/reassurance-requests",
            Some(alex.as_str()),
            json!({"text": "A quick text when plans change would help me."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{list}");
    let id = list[0]["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/reassurance-requests/{id}/answers");
    assert_eq!(
        app.get_json("/api/v1/reassurance-requests", &casey).await.1,
        json!([])
    );
    let (s, _) = app
        .post_json(&path, Some(casey.as_str()), json!({"text": "Hi"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app
        .post_json(&path, Some(alex.as_str()), json!({"text": "Me"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    for bad in [json!({"text": ""}), json!({"text": "x".repeat(1001)})] {
        let (s, _) = app.post_json(&path, Some(sam.as_str()), bad).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(waiting(&app.inbox(&sam).await.1), ["reassurance_request"]);
    let (s, r) = app
        .post_json(
            &path,
            Some(sam.as_str()),
            json!({"text": "Of course. I'll text you."}),
        )
        .await;
    assert_eq!(
        (s, r["answers"][0]["text"].as_str()),
        (StatusCode::CREATED, Some("Of course. I'll text you."))
    );
    assert_eq!(app.inbox(&sam).await.1, json!([]));
    assert_eq!(waiting(&app.inbox(&alex).await.1), ["reassured"]);
    app.get_json("/api/v1/reassurance-requests", &alex).await;
    assert_eq!(app.inbox(&alex).await.1, json!([]), "read once opened");
    let solo = app.account("solo").await;
    let (s, _) = app
        .post_json(
            "/api/v1/reassurance-requests",
            Some(solo.as_str()),
            json!({"text": "Hi"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
}
