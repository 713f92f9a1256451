//! Step 1, Roots, over HTTP: the checklist and the journal, who sees what, and bad input.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

// The roots endpoints, one helper each.
crate::endpoints! {
    checklist => GET "/api/v1/roots";
    save_checklist => PUT "/api/v1/roots", body;
    reflections => GET "/api/v1/reflections";
    add_reflection => POST "/api/v1/reflections", body;
    change_reflection => PATCH "/api/v1/reflections/{id}", id, body;
    delete_reflection => DELETE "/api/v1/reflections/{id}", id;
}

async fn reflections(app: &TestApp, token: &str) -> Vec<Value> {
    let (s, list) = app.reflections(token).await;
    assert_eq!(s, StatusCode::OK);
    list.as_array().unwrap().clone()
}

#[tokio::test]
async fn the_checklist_is_private_and_bad_input_changes_nothing() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let saved = json!({"origins": [
        {"origin": "lying", "note": "the messages in March"},
        {"origin": "attachment_wounds"}
    ]});
    let (s, body) = app.save_checklist(&alex, saved).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let (_, mine) = app.checklist(&alex).await;
    assert_eq!(
        mine["origins"][0],
        json!({"origin": "lying", "note": "the messages in March"})
    );
    assert_eq!(mine["origins"][1]["origin"], "attachment_wounds");
    // Neither the partner nor a stranger sees it.
    for other in [&sam, &casey] {
        let (_, theirs) = app.checklist(other).await;
        assert_eq!(theirs, json!({"origins": [], "version": 0}));
    }
    // Refused input leaves the saved checklist as it was.
    let bad = [
        (
            json!({"origins": [{"origin": "astrology"}]}),
            StatusCode::BAD_REQUEST,
        ),
        (
            json!({"origins": [{"origin": "lying"}, {"origin": "lying"}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"origins": [{"origin": "lying", "note": "x".repeat(2001)}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"origins": [{"origin": "lying", "note": "a\u{0}b"}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (json!({}), StatusCode::BAD_REQUEST),
    ];
    for (body, status) in bad {
        let (s, err) = app.save_checklist(&alex, body.clone()).await;
        assert_eq!(s, status, "{body}");
        assert!(err["error"]["message"].is_string());
    }
    let (_, after) = app.checklist(&alex).await;
    assert_eq!(after, mine);
}

#[tokio::test]
async fn partner_and_stranger_get_nothing_private_from_the_journal() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (s, private) = app
        .add_reflection(
            &alex,
            json!({"prompt": "partner_or_past", "text": "Mostly my past, I think."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{private}");
    assert_eq!(private["visibility"], "private");
    let (s, shared) = app.add_reflection(&alex, json!({"prompt": "when_unsafe", "text": "Since the trip in May.", "visibility": "shared"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(reflections(&app, &alex).await.len(), 2);
    // Sharing reaches Sam's inbox (the private one never does), until Sam reads the list.
    let (_, told) = app.inbox(&sam).await;
    assert_eq!(waiting(&told), ["reflection_shared"]);
    assert_eq!(
        told[0]["words"],
        "Alex D shared a reflection with you: “Since the trip in May.”"
    );
    let seen_by_sam = reflections(&app, &sam).await;
    assert_eq!(app.inbox(&sam).await.1, json!([]));
    assert_eq!(seen_by_sam.len(), 1);
    assert_eq!(seen_by_sam[0]["text"], "Since the trip in May.");
    assert_eq!(seen_by_sam[0]["mine"], false);
    assert!(reflections(&app, &casey).await.is_empty());
    // Nobody but the author changes or deletes an entry, and the answer never reveals it exists.
    for (who, id) in [
        (&sam, &shared["id"]),
        (&sam, &private["id"]),
        (&casey, &shared["id"]),
    ] {
        let (s, _) = app
            .change_reflection(who, id.as_str().unwrap(), json!({"text": "changed"}))
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, _) = app.delete_reflection(who, id.as_str().unwrap()).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
    // Taking it back.
    let (s, body) = app
        .change_reflection(
            &alex,
            shared["id"].as_str().unwrap(),
            json!({"visibility": "private"}),
        )
        .await;
    assert_eq!(
        (s, body["visibility"].clone()),
        (StatusCode::OK, json!("private"))
    );
    assert!(reflections(&app, &sam).await.is_empty());
    assert_eq!(app.inbox(&sam).await.1, json!([]), "nothing left to read");
    // Shared again, then the couple ends: it stays a history both can read, until its author
    // withdraws it (then the partner loses it and the author keeps it).
    app.change_reflection(
        &alex,
        shared["id"].as_str().unwrap(),
        json!({"visibility": "shared"}),
    )
    .await;
    assert_eq!(reflections(&app, &sam).await.len(), 1);
    let (s, _) = app.leave(&sam).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(
        reflections(&app, &sam).await.len(),
        1,
        "the former partner still reads it"
    );
    let (_, couples) = app.couples(&alex).await;
    let couple = couples[0]["id"].as_str().unwrap().to_string();
    let (s, body) = app.withdraw(&alex, &couple).await;
    assert_eq!((s, body["withdrawn"].clone()), (StatusCode::OK, json!(1)));
    assert!(reflections(&app, &sam).await.is_empty());
    let kept = reflections(&app, &alex).await;
    assert_eq!(kept.len(), 2);
    assert!(
        kept.iter().any(|r| r["text"] == "Since the trip in May."),
        "the author still reads it"
    );
    // And the author deletes their own.
    let (s, _) = app
        .delete_reflection(&alex, shared["id"].as_str().unwrap())
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(reflections(&app, &alex).await.len(), 1);
}

#[tokio::test]
async fn bad_reflections_are_refused_and_store_nothing() {
    let app = spawn_app().await;
    let solo = app.account("robin").await;
    let cases = [
        (
            json!({"text": ""}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "required",
        ),
        (
            json!({"text": "é".repeat(10_001)}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "at most 10000",
        ),
        (
            json!({"text": "fine", "prompt": "horoscope"}),
            StatusCode::BAD_REQUEST,
            "wrong type",
        ),
        (
            json!({"text": "fine", "visibility": "everyone"}),
            StatusCode::BAD_REQUEST,
            "wrong type",
        ),
        (
            json!({"text": "Sharing with no partner", "visibility": "shared"}),
            StatusCode::CONFLICT,
            "not paired",
        ),
        (
            json!({"prompt": "free"}),
            StatusCode::BAD_REQUEST,
            "missing a field",
        ),
    ];
    for (body, status, words) in cases {
        let (s, err) = app.add_reflection(&solo, body.clone()).await;
        assert_eq!(s, status, "{body}");
        let msg = err["error"]["message"].as_str().unwrap();
        assert!(msg.contains(words), "{msg:?} should say {words:?}");
    }
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/reflections"))
        .bearer_auth(&solo)
        .body("text=hello")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (s, _) = app.delete_reflection(&solo, "not-an-id").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(
        reflections(&app, &solo).await.is_empty(),
        "nothing was stored"
    );
    let (s, _) = app.reflections("not-a-token").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_roots_pages_work_without_javascript_and_share_on_purpose() {
    let (app, alex) = couple_in_a_browser().await;
    let res = app
        .form(
            &alex,
            "/roots/checklist",
            &[
                ("version", "0"),
                ("origin", "lying"),
                ("note_lying", "the phone in March"),
                ("note_other", "ignored, not ticked"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = app.page(&alex, "/roots").await;
    assert!(page.contains("value=\"lying\" checked"));
    assert!(page.contains("the phone in March"));
    assert!(!page.contains("ignored, not ticked"));
    // An empty reflection is refused next to its field, keeping the chosen prompt.
    let res = app
        .form(
            &alex,
            "/roots/reflections",
            &[("prompt", "which_behaviour"), ("text", "   ")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"text-error\""));
    assert!(html.contains("value=\"which_behaviour\" checked"));
    let res = app
        .form(
            &alex,
            "/roots/reflections",
            &[
                ("prompt", "which_behaviour"),
                ("text", "Finding the second phone."),
                ("share", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let sam = app.signed_in_browser("sam").await;
    let page = app.page(&sam, "/roots").await;
    assert!(page.contains("Shared by alex D") && page.contains("Finding the second phone."));
    assert!(
        !page.contains("the phone in March"),
        "the checklist stays private"
    );
    // A forged share of someone else's entry finds nothing.
    let (_, api) = app
        .sign_in(json!({"username": "sam", "password": crate::helpers::PASSWORD}))
        .await;
    let (_, list) = app.reflections(api["token"].as_str().unwrap()).await;
    let id = list[0]["id"].as_str().unwrap().to_string();
    let res = sam
        .post(app.url(&format!("/roots/reflections/{id}/unshare")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let page = app.page(&sam, "/roots").await;
    assert!(page.contains("Finding the second phone."));
}

#[tokio::test]
async fn reflections_never_reach_the_database_in_the_clear() {
    let app = spawn_app().await;
    let token = app.account("alex").await;
    let secret = "I first felt unsafe at my sister's wedding";
    let (s, _) = app.add_reflection(&token, json!({"text": secret})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = app
        .save_checklist(
            &token,
            json!({"origins": [{"origin": "other", "note": "my sister's wedding"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    app.store.ping().await.unwrap();
    let mut files = 0;
    for entry in std::fs::read_dir(app.dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(14).any(|w| w == b"sister's weddi"));
        files += 1;
    }
    assert!(files >= 2, "database and WAL were read");
}

#[tokio::test]
async fn forms_refuse_what_the_api_refuses_and_store_nothing() {
    let (app, token, web) = alex_in_a_browser().await;
    let post = |body: &'static str| {
        web.post(app.url("/roots/reflections"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    // Bytes that aren't UTF-8 are refused, never stored as replacement characters.
    let res = post("prompt=free&text=%FF%FE").await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("nothing was changed"));
    // A question that isn't one of the journal's is refused, not turned into "free".
    let res = post("prompt=astrology&text=Hello").await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(reflections(&app, &token).await.is_empty());
    // The same form, well formed, is kept.
    let res = post("prompt=free&text=caf%C3%A9").await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(reflections(&app, &token).await[0]["text"], "café");
}

#[tokio::test]
async fn two_tabs_saving_the_checklist_never_overwrite_each_other_silently() {
    let (app, alex) = couple_in_a_browser().await;
    let token = app.account_token("alex").await;
    // Both tabs opened the page before anything was saved (version 0).
    let first = [
        ("version", "0"),
        ("origin", "lying"),
        ("note_lying", "the phone in March"),
    ];
    let res = app.form(&alex, "/roots/checklist", &first).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let second = [
        ("version", "0"),
        ("origin", "past_relationships"),
        ("note_past_relationships", "my parents"),
    ];
    let res = app.form(&alex, "/roots/checklist", &second).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    assert!(html.contains("changed in another tab"), "{html}");
    assert!(
        html.contains("Saved elsewhere") && html.contains("the phone in March"),
        "theirs"
    );
    assert!(
        html.contains("value=\"past_relationships\" checked") && html.contains("my parents"),
        "what was typed"
    );
    let (_, saved) = app.checklist(&token).await;
    assert_eq!(
        saved["origins"].as_array().unwrap().len(),
        1,
        "nothing changed: {saved}"
    );
    assert_eq!(saved["origins"][0]["origin"], "lying");
    // The page now names the newer version, so saving again (having seen both) goes through.
    let v = saved["version"].as_i64().unwrap().to_string();
    let again = [
        ("version", v.as_str()),
        ("origin", "past_relationships"),
        ("note_past_relationships", "my parents"),
    ];
    let res = app.form(&alex, "/roots/checklist", &again).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // A form without its version is refused and changes nothing.
    let res = app
        .form(&alex, "/roots/checklist", &[("origin", "lying")])
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // The API: a stale version is a 409; without one the save replaces (as before).
    let (_, now) = app.checklist(&token).await;
    let stale = json!({"origins": [{"origin": "lying"}], "version": 1});
    let (s, err) = app.save_checklist(&token, stale).await;
    assert_eq!(s, StatusCode::CONFLICT, "{err}");
    assert_eq!(app.checklist(&token).await.1, now);
    let (s, body) = app
        .save_checklist(
            &token,
            json!({"origins": [{"origin": "lying"}], "version": now["version"]}),
        )
        .await;
    assert_eq!(
        (s, body["origins"][0]["origin"].as_str()),
        (StatusCode::OK, Some("lying"))
    );
    assert!(body["version"].as_i64().unwrap() > now["version"].as_i64().unwrap());
}

#[tokio::test]
async fn a_shared_reflection_can_get_a_few_words_back_from_the_partner_only() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (_, shared) = app
        .add_reflection(
            &alex,
            json!({"text": "I shut down when plans change.", "visibility": "shared"}),
        )
        .await;
    let id = shared["id"].as_str().unwrap().to_string();
    let (_, private) = app
        .add_reflection(&alex, json!({"text": "Only mine."}))
        .await;
    let pid = private["id"].as_str().unwrap().to_string();
    let path = |id: &str| format!("/api/v1/reflections/{id}/acknowledgements");
    // Refused, and nothing stored: a stranger, the author, a private entry, bad words.
    let refusals = [
        (
            &casey,
            id.clone(),
            json!({"text": "Hi"}),
            StatusCode::NOT_FOUND,
        ),
        (
            &alex,
            id.clone(),
            json!({"text": "Me"}),
            StatusCode::CONFLICT,
        ),
        (
            &sam,
            pid.clone(),
            json!({"text": "Hi"}),
            StatusCode::NOT_FOUND,
        ),
        (
            &sam,
            id.clone(),
            json!({"text": "  "}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            &sam,
            id.clone(),
            json!({"text": "x".repeat(501)}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            &sam,
            id.clone(),
            json!({"text": "Hi", "mood": 3}),
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (who, rid, body, status) in refusals {
        let (s, _) = app
            .post_json(&path(&rid), Some(who.as_str()), body.clone())
            .await;
        assert_eq!(s, status, "{body}");
    }
    let (_, seen) = app.reflections(&alex).await;
    assert!(
        seen.as_array()
            .unwrap()
            .iter()
            .all(|r| r["acknowledgements"] == json!([]))
    );
    // Sam's words reach Alex, and wait in Alex's inbox until the journal is opened.
    let (s, view) = app
        .post_json(
            &path(&id),
            Some(sam.as_str()),
            json!({"text": "Thank you for telling me."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{view}");
    assert_eq!(view["acknowledgements"][0]["mine"], true);
    assert_eq!(waiting(&app.inbox(&alex).await.1), ["acknowledgement"]);
    let (_, mine) = app.reflections(&alex).await;
    let entry = mine
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id.as_str())
        .unwrap();
    assert_eq!(
        entry["acknowledgements"][0]["text"],
        "Thank you for telling me."
    );
    assert_eq!(entry["acknowledgements"][0]["mine"], false);
    assert_eq!(
        app.inbox(&alex).await.1,
        json!([]),
        "read once the journal was opened"
    );
    // Made private again: gone for Sam, and no more words back.
    app.change_reflection(&alex, &id, json!({"visibility": "private"}))
        .await;
    let (s, _) = app
        .post_json(&path(&id), Some(sam.as_str()), json!({"text": "Hi"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn words_back_are_checked_and_sent_from_the_page_without_javascript() {
    let (app, _alex_web) = couple_in_a_browser().await;
    let alex = app.account_token("alex").await;
    let (_, shared) = app
        .add_reflection(
            &alex,
            json!({"text": "I need quiet after work.", "visibility": "shared"}),
        )
        .await;
    let id = shared["id"].as_str().unwrap().to_string();
    let sam = app.signed_in_browser("sam").await;
    let html = app.page(&sam, "/roots").await;
    assert!(html.contains(&format!("/roots/reflections/{id}/acknowledge")));
    let form = format!("/roots/reflections/{id}/acknowledge");
    let res = app
        .form(
            &sam,
            &form,
            &[
                ("text", "You always do this, you are so selfish."),
                ("action", "check"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("finding") && html.contains("You always do this, you are so selfish."));
    assert!(
        app.reflections(&alex).await.1[0]["acknowledgements"] == json!([]),
        "checking sent nothing"
    );
    let res = app
        .form(
            &sam,
            &form,
            &[("text", "I read it. Thank you."), ("action", "send")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.reflections(&alex).await.1[0]["acknowledgements"][0]["text"],
        "I read it. Thank you."
    );
}
