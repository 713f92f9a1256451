//! Leaving a couple never rewrites history: what was shared stays a read-only history both
//! former partners can read, each can withdraw what they shared, the one who stays is told,
//! and a new partner of either sees none of it.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn pair(app: &TestApp, inviter: &str, joiner: &str) {
    let (_, invite) = app.invite(inviter).await;
    let (s, _) = app.join(joiner, json!({"code": invite["code"]})).await;
    assert_eq!(s, StatusCode::OK);
}

async fn created(app: &TestApp, path: &str, token: &str, body: Value) -> Value {
    let (s, v) = app.post_json(path, Some(token), body).await;
    assert!(s.is_success(), "{path}: {s} {v}");
    v
}

async fn leave(app: &TestApp, token: &str, body: Option<&str>, content_type: &str) -> StatusCode {
    let mut req = reqwest::Client::new()
        .delete(app.url("/api/v1/couple"))
        .bearer_auth(token);
    if let Some(b) = body {
        req = req.header("content-type", content_type).body(b.to_string());
    }
    req.send().await.unwrap().status()
}

#[tokio::test]
async fn a_couple_that_ends_stays_a_readable_closed_history() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let talk = created(
        &app,
        "/api/v1/talks",
        &alex,
        json!({"topic": "Sundays", "time": "2030-11-28T19:30"}),
    )
    .await;
    let talk_id = talk["id"].as_str().unwrap().to_string();
    created(
        &app,
        &format!("/api/v1/talks/{talk_id}/responses"),
        &sam,
        json!({"response": "accept"}),
    )
    .await;
    let apology = created(
        &app,
        "/api/v1/apologies",
        &alex,
        json!({"what_i_did": "I hid the messages.", "deliver": true}),
    )
    .await;
    let apology_id = apology["id"].as_str().unwrap().to_string();
    let asked = created(
        &app,
        "/api/v1/questions",
        &sam,
        json!({"text": "Why then?"}),
    )
    .await;
    let question_id = asked[0]["id"].as_str().unwrap().to_string();
    for text in ["I was afraid.", "I was afraid of losing you."] {
        created(
            &app,
            &format!("/api/v1/questions/{question_id}/answers"),
            &alex,
            json!({"text": text}),
        )
        .await;
    }

    // A body that isn't the documented one is refused and changes nothing.
    assert_eq!(
        leave(
            &app,
            &alex,
            Some(r#"{"withdraw_shared": "yes"}"#),
            "application/json"
        )
        .await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        leave(&app, &alex, Some("withdraw"), "text/plain").await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert!(!app.me(&alex).await.1["couple"].is_null(), "still paired");
    assert_eq!(leave(&app, &alex, None, "").await, StatusCode::NO_CONTENT);
    assert_eq!(
        leave(&app, &alex, None, "").await,
        StatusCode::NOT_FOUND,
        "a replay changes nothing"
    );

    // Sam is told, calmly, on Home.
    let web = app.signed_in_browser("sam").await;
    let home = app.page(&web, "/").await;
    assert!(
        home.contains("Alex D left your couple in Kintsugi"),
        "named: {home}"
    );

    // Both still read everything, in its real final state, closed.
    for token in [&alex, &sam] {
        let (s, t) = app.talk(token, &talk_id).await;
        assert_eq!(s, StatusCode::OK, "{t}");
        assert_eq!(
            (t["status"].clone(), t["closed"].clone()),
            (json!("agreed"), json!(true)),
            "{t}"
        );
        let (s, a) = app.apology(token, &apology_id).await;
        assert_eq!(s, StatusCode::OK);
        assert!(a["delivered_at"].is_string(), "{a}");
        let (_, q) = app.questions(token).await;
        assert_eq!(
            q[0]["answers"].as_array().unwrap().len(),
            2,
            "every version stays: {q}"
        );
    }
    let page = app.page(&web, &format!("/talks/{talk_id}")).await;
    assert!(page.contains("Closed: your couple has ended"), "{page}");
    assert!(!page.contains("Waiting for"), "never shown as waiting");
    // Every page of the history names people as sentences should: never "your partner asked"
    // at the start of a line, never "proposed by You", never "You said missed".
    for path in [
        "/",
        "/talks",
        "/apologies",
        "/questions",
        "/agreements",
        "/promises",
        "/roots",
    ] {
        let html = app.page(&web, path).await;
        for wrong in [
            ">your partner",
            ">your former partner",
            "by You",
            "You said missed",
            "”.”",
            ".”.",
        ] {
            assert!(!html.contains(wrong), "{path}: {wrong}");
        }
    }

    // Nothing in it can be answered any more.
    let (s, _) = app.pause(&sam, &talk_id, json!({"minutes": 20})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = app
        .answer_apology(&sam, &apology_id, json!({"answer": "received"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = app
        .answer_question(&alex, &question_id, json!({"text": "More."}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);

    // Alex pairs with Casey: Casey sees none of it; Alex and Sam still do.
    pair(&app, &alex, &casey).await;
    assert_eq!(app.talk(&casey, &talk_id).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.apologies(&casey).await.1, json!([]));
    assert_eq!(app.questions(&casey).await.1, json!([]));
    assert_eq!(app.talk(&sam, &talk_id).await.0, StatusCode::OK);

    // Sam withdraws what Sam shared from the old couple: Sam's words leave Alex's record, Alex's
    // own stay, and Sam keeps a copy of theirs.
    let (_, couples) = app.couples(&sam).await;
    let old = couples[0]["id"].as_str().unwrap().to_string();
    let (s, _) = app.withdraw(&casey, &old).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "Casey was never in it");
    let (s, _) = app.withdraw(&sam, "not-an-id").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, n) = app.withdraw(&sam, &old).await;
    assert_eq!(s, StatusCode::OK);
    assert!(n["withdrawn"].as_u64().unwrap() >= 2, "{n}");
    let (_, q) = app.questions(&alex).await;
    assert_eq!(
        q[0]["text"], "",
        "Sam's words are gone from Alex's record: {q}"
    );
    assert_eq!(q[0]["withdrawn"], true);
    assert_eq!(
        q[0]["answers"].as_array().unwrap().len(),
        2,
        "Alex's answers stay Alex's"
    );
    let (_, q) = app.questions(&sam).await;
    assert_eq!(
        q[0]["answers"].as_array().unwrap().len(),
        2,
        "Alex's answers are Alex's: Sam keeps them"
    );
    let (s, n) = app.withdraw(&sam, &old).await;
    assert_eq!(
        (s, n["withdrawn"].clone()),
        (StatusCode::OK, json!(0)),
        "a replay withdraws nothing more"
    );
}

#[tokio::test]
async fn leaving_can_withdraw_everything_at_once() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    created(
        &app,
        "/api/v1/reflections",
        &alex,
        json!({"text": "What I shared.", "visibility": "shared"}),
    )
    .await;
    created(
        &app,
        "/api/v1/reflections",
        &sam,
        json!({"text": "What Sam shared.", "visibility": "shared"}),
    )
    .await;
    assert_eq!(
        leave(
            &app,
            &alex,
            Some(r#"{"withdraw_shared": true}"#),
            "application/json"
        )
        .await,
        StatusCode::NO_CONTENT
    );
    let (_, seen) = app.reflections(&sam).await;
    assert_eq!(seen.as_array().unwrap().len(), 1, "only Sam's own: {seen}");
    let (_, kept) = app.reflections(&alex).await;
    assert_eq!(kept.as_array().unwrap().len(), 2, "Alex keeps both: {kept}");
}

#[tokio::test]
async fn the_leave_page_asks_with_no_answer_chosen_and_refuses_to_guess() {
    let app = spawn_app().await;
    let (_alex, sam, _casey) = app.couple_and_stranger().await;
    let web = app.signed_in_browser("alex").await;
    let page = app.page(&web, "/couple/leave").await;
    assert!(page.contains("value=\"keep\"") && page.contains("value=\"withdraw\""));
    assert!(!page.contains("checked"), "no answer is chosen in advance");
    // Without an answer nothing happens.
    let res = app.form(&web, "/couple/leave", &[("x", "")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Please choose what happens")
    );
    let res = app
        .form(&web, "/couple/leave", &[("shared", "maybe")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!app.me(&sam).await.1["couple"].is_null(), "still paired");
    let res = app.form(&web, "/couple/leave", &[("shared", "keep")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(app.me(&sam).await.1["couple"].is_null());
    // A replayed form changes nothing more.
    let res = app.form(&web, "/couple/leave", &[("shared", "keep")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // The Partner page offers to withdraw from the couple that ended; only its members can.
    let partner_page = app.page(&web, "/couple").await;
    let id = id_after(&partner_page, "/couples/");
    let stranger = app.signed_in_browser("casey").await;
    let res = stranger
        .post(app.url(&format!("/couples/{id}/withdraw")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = web
        .post(app.url(&format!("/couples/{id}/withdraw")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}
