//! Step 8, the Control check, over HTTP: private always, every habit answered, each read back
//! in words (never a score), and a mirror of the person's own reassurance requests and
//! check-ups; a control demand's coach finding leads to it.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

crate::endpoints! {
    control => GET "/api/v1/control-checks";
    control_check => POST "/api/v1/control-checks", body;
}

fn answers(whereabouts: &str) -> serde_json::Value {
    json!({"answers": {"reassurance": "sometimes", "checking": "never", "testing": "rarely",
        "guilt": "never", "whereabouts": whereabouts, "company": "never"}})
}

#[tokio::test]
async fn the_control_check_is_private_and_reads_each_habit_in_words() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (_, empty) = app.control(&alex).await;
    assert_eq!(empty["latest"], serde_json::Value::Null);
    let mut missing = answers("often");
    missing["answers"]
        .as_object_mut()
        .unwrap()
        .remove("company");
    let (s, err) = app.control_check(&alex, missing).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    let (s, err) = app
        .control_check(&alex, json!({"answers": {"reassurance": "always"}}))
        .await;
    assert!(s.is_client_error(), "{err}");
    assert_eq!(
        app.control(&alex).await.1["latest"],
        serde_json::Value::Null,
        "nothing kept"
    );
    let (s, v) = app.control_check(&alex, answers("constantly")).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let habits = v["habits"].as_array().unwrap();
    assert_eq!(habits.len(), 6);
    let whereabouts = habits.iter().find(|h| h["habit"] == "whereabouts").unwrap();
    assert_eq!(whereabouts["often_label"], "Many times a day");
    assert!(
        whereabouts["reading"]
            .as_str()
            .unwrap()
            .contains("counsellor")
    );
    assert!(v.get("score").is_none());
    app.control_check(&alex, answers("sometimes")).await;
    let (_, v) = app.control(&alex).await;
    assert_eq!(v["trend"].as_array().unwrap().len(), 2);
    assert_eq!(v["trend"][0]["levels"][4], 4);
    assert_eq!(v["trend"][1]["levels"][4], 2);
    for other in [&sam, &casey] {
        let (_, v) = app.control(other).await;
        assert_eq!(v["latest"], serde_json::Value::Null, "never shared");
        assert_eq!(v["trend"], json!([]));
    }
    let web = app.signed_in_browser("sam").await;
    assert!(
        !app.page(&web, "/control")
            .await
            .contains("Many times a day</h3>")
    );
}

#[tokio::test]
async fn the_mirror_counts_my_own_requests_and_check_ups_only() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    for _ in 0..2 {
        let (s, v) = app
            .post(
                "/api/v1/reassurance-requests",
                &alex,
                json!({"text": "Could you text me when you leave work?"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    app.post(
        "/api/v1/reassurance-requests",
        &sam,
        json!({"text": "Could we talk tonight?"}),
    )
    .await;
    let entry = json!({"kind": "late_reply", "situation": "No answer.", "before": 7, "after": 4,
        "responded": ["checked_up"]});
    app.post("/api/v1/triggers", &alex, entry).await;
    let (_, v) = app.control(&alex).await;
    let weeks = v["mirror"].as_array().unwrap();
    assert_eq!(weeks.len(), 12);
    assert_eq!(weeks[11]["requests"], 2, "{v}");
    assert_eq!(weeks[11]["checked_up"], 1);
    let words = v["mirror_words"].as_str().unwrap();
    assert!(
        words.contains("2 reassurance requests") && words.contains("1 time"),
        "{words}"
    );
    let (_, v) = app.control(&sam).await;
    assert_eq!(v["mirror"][11]["requests"], 1);
    assert_eq!(v["mirror"][11]["checked_up"], 0);
}

#[tokio::test]
async fn a_control_demand_checked_by_the_coach_leads_to_the_control_check() {
    let app = spawn_app().await;
    app.couple_and_stranger().await;
    let web = app.signed_in_browser("alex").await;
    let page = app
        .form(
            &web,
            "/reassurance",
            &[
                ("text", "Send me your location at all times from now on."),
                ("action", "check"),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("<span class=\"tag\">Control</span>"),
        "{page}"
    );
    assert!(page.contains("href=\"/control\""));
}
