//! Step 9, Support, over HTTP: signals with their reasons and facts come from the person's own
//! records (and the couple's shared effort), are theirs alone, and can be set aside; the
//! lines and directories are marked built in or configured.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

crate::endpoints! {
    signals => GET "/api/v1/support/signals";
}

fn kinds(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s["signal"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn signals_come_from_ones_own_records_and_can_be_set_aside() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (_, none) = app.signals(&alex).await;
    assert_eq!(none, json!([]), "nothing yet");
    // Infidelity among Alex's roots.
    let checklist = json!({"origins": [{"origin": "infidelity"}]});
    let (s, v) = app.save_checklist(&alex, checklist).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // Triggers as strong as four weeks ago.
    let entry = |before: u8| json!({"kind": "other", "situation": "A hard evening.", "before": before, "after": 4});
    for _ in 0..2 {
        app.post("/api/v1/triggers", &alex, entry(6)).await;
    }
    kintsugi_app::move_clock_for_tests(30 * 86_400);
    for _ in 0..2 {
        app.post("/api/v1/triggers", &alex, entry(8)).await;
    }
    // Only Alex shares anything.
    let (s, v) = app
        .post(
            "/api/v1/appreciations",
            &alex,
            json!({"text": "Thank you for dinner."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, alexs) = app.signals(&alex).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        kinds(&alexs),
        ["infidelity", "not_easing", "one_sided"],
        "{alexs}"
    );
    let easing = &alexs[1];
    assert!(easing["reason"].as_str().unwrap().contains("counsellor"));
    assert!(
        easing["facts"][0]
            .as_str()
            .unwrap()
            .contains("6.0 out of 10 on average in the four weeks before, 8.0 in the last four"),
        "{easing}"
    );
    // Sam's own signals know nothing of Alex's roots or log; the shared effort is both's.
    let (_, sams) = app.signals(&sam).await;
    assert_eq!(kinds(&sams), ["one_sided"], "{sams}");
    assert!(
        sams[0]["facts"][0]
            .as_str()
            .unwrap()
            .contains("you added 0 shared things and alex D added 1")
    );
    assert_eq!(app.signals(&casey).await.1, json!([]));
    // Set aside: gone for thirty days; an unknown signal is refused.
    let (s, left) = app
        .post(
            "/api/v1/support/signals/infidelity/dismiss",
            &alex,
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{left}");
    assert_eq!(kinds(&left), ["not_easing", "one_sided"]);
    let (s, _) = app
        .post(
            "/api/v1/support/signals/astrology/dismiss",
            &alex,
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let web = app.signed_in_browser("sam").await;
    let page = app.page(&web, "/support").await;
    assert!(
        !page.contains("Infidelity is part of what happened"),
        "Alex's alone"
    );
    assert!(page.contains("The work is resting on one of you"));
}

#[tokio::test]
async fn lines_and_directories_say_whether_they_are_built_in() {
    // The stories' server shows the built-in lines for GB.
    let app = spawn_app().await;
    app.account("robin").await;
    let web = app.signed_in_browser("robin").await;
    let page = app.page(&web, "/support").await;
    assert!(page.contains("Relate"), "a counselling directory for GB");
    assert!(page.contains("(built into Kintsugi)"));
    assert!(page.contains("href=\"tel:08082000247\""));
}
