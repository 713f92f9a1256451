//! Step 10, the Health check, over HTTP: the self-assessment is private, every question
//! answered from 1 to 5, read back in words with its trend; mutual effort shows both partners
//! the same shared facts and nothing private (an unanswered check-in doesn't count).

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

crate::endpoints! {
    health => GET "/api/v1/health-checks";
    assess => POST "/api/v1/health-checks", body;
    effort => GET "/api/v1/effort";
}

fn answers(both: i64) -> Value {
    json!({"answers": {"consistent": 3, "safe": 4, "growing": 3, "respect": 4, "repair": 3, "both": both}})
}

#[tokio::test]
async fn the_health_check_is_private_and_reads_each_answer_in_words() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let mut missing = answers(2);
    missing["answers"].as_object_mut().unwrap().remove("safe");
    let (s, err) = app.assess(&alex, missing).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    let (s, err) = app.assess(&alex, answers(9)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    let (s, err) = app.assess(&alex, json!({"answers": {"trust": 3}})).await;
    assert!(s.is_client_error(), "{err}");
    assert_eq!(
        app.health(&alex).await.1["latest"],
        Value::Null,
        "nothing kept"
    );
    let (s, v) = app.assess(&alex, answers(1)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let both = v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["question"] == "both")
        .unwrap()
        .clone();
    assert_eq!(both["answer_label"], "Not at all");
    assert!(
        both["reading"]
            .as_str()
            .unwrap()
            .contains("can't rest on one person")
    );
    app.assess(&alex, answers(4)).await;
    let (_, v) = app.health(&alex).await;
    assert_eq!(v["trend"].as_array().unwrap().len(), 2);
    assert_eq!(v["trend"][1]["answers"][5], 4);
    for other in [&sam, &casey] {
        let (_, v) = app.health(other).await;
        assert_eq!(v["latest"], Value::Null, "never shared");
        assert_eq!(v["trend"], json!([]));
    }
}

#[tokio::test]
async fn mutual_effort_shows_both_the_same_shared_facts() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    app.post(
        "/api/v1/appreciations",
        &alex,
        json!({"text": "Thanks for today."}),
    )
    .await;
    app.post(
        "/api/v1/reflections",
        &alex,
        json!({"text": "A private one."}),
    )
    .await;
    app.post(
        "/api/v1/reflections",
        &sam,
        json!({"text": "A shared one.", "visibility": "shared"}),
    )
    .await;
    app.post(
        "/api/v1/checkins",
        &alex,
        json!({"mood": 3, "closeness": 5, "safe": 5}),
    )
    .await;
    let row = |v: &Value, what: &str| {
        let rows = v["rows"].as_array().unwrap();
        let r = rows.iter().find(|r| r["what"] == what).unwrap();
        let last = |k: &str| r[k].as_array().unwrap().last().unwrap().as_u64().unwrap();
        (last("yours"), last("theirs"))
    };
    let (_, a) = app.effort(&alex).await;
    let (_, s) = app.effort(&sam).await;
    assert_eq!(row(&a, "Appreciations"), (1, 0));
    assert_eq!(
        row(&s, "Appreciations"),
        (0, 1),
        "the same fact, seen from the other side"
    );
    assert_eq!(
        row(&a, "Reflections shared"),
        (0, 1),
        "a private reflection never counts"
    );
    assert_eq!(
        row(&a, "Check-ins you both gave"),
        (0, 0),
        "not until both checked in"
    );
    app.post(
        "/api/v1/checkins",
        &sam,
        json!({"mood": 4, "closeness": 6, "safe": 7}),
    )
    .await;
    let (_, a) = app.effort(&alex).await;
    assert_eq!(row(&a, "Check-ins you both gave"), (1, 1));
    let (_, nobody) = app.effort(&casey).await;
    assert_eq!(nobody["rows"], json!([]), "{nobody}");
    let web = app.signed_in_browser("sam").await;
    let page = app.page(&web, "/health").await;
    assert!(page.contains("Mutual effort") && !page.contains("A private one."));
}
