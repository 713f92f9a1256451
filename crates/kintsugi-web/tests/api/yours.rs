//! Your data over HTTP: the export holds every kind the registry names, everything the person
//! wrote and what was shared with them, never the partner's private items or an unrevealed
//! answer, the safety check only on purpose; the HTML file is self-contained; deleting an
//! account takes everything of it, tells the partner, and a wrong password changes nothing.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

crate::endpoints! {
    export => GET "/api/v1/export";
    delete_me => DELETE "/api/v1/me", body;
}

async fn user_id(app: &TestApp, name: &str) -> kintsugi_domain::UserId {
    app.store.user_by_username(name).await.unwrap().unwrap().id
}

#[tokio::test]
async fn an_export_holds_every_kind_and_only_what_the_person_may_read() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let write = |t: &str, path: &str, body: Value| {
        let (t, path) = (t.to_string(), path.to_string());
        let app = &app;
        async move {
            let (s, v) = app.post(&path, &t, body).await;
            assert!(s.is_success(), "{path}: {v}");
        }
    };
    write(
        &alex,
        "/api/v1/reflections",
        json!({"prompt": "partner_or_past", "text": "PRIV-ALEX reflection"}),
    )
    .await;
    write(
        &alex,
        "/api/v1/reflections",
        json!({"prompt": "when_unsafe", "text": "SHARED-ALEX reflection", "visibility": "shared"}),
    )
    .await;
    write(
        &sam,
        "/api/v1/triggers",
        json!({"kind": "other", "situation": "PRIV-SAM entry", "before": 6, "after": 3}),
    )
    .await;
    write(
        &sam,
        "/api/v1/reassurance-requests",
        json!({"text": "SHARED-SAM request"}),
    )
    .await;
    // Alex's check-in: Sam hasn't given theirs, so it isn't Sam's to read yet.
    write(
        &alex,
        "/api/v1/checkins",
        json!({"mood": 4, "closeness": 7, "safe": 5, "note": "UNREVEALED-NOTE"}),
    )
    .await;
    let questions = app.get("/api/v1/safety-check", &alex).await.1;
    let mut answers = serde_json::Map::new();
    for q in questions["questions"].as_array().unwrap() {
        answers.insert(
            q["id"].as_str().unwrap().into(),
            q["choices"][0]["id"].clone(),
        );
    }
    write(
        &alex,
        "/api/v1/safety-check",
        json!({"answers": answers, "keep": true}),
    )
    .await;

    let (s, mine) = app.export(&alex).await;
    assert_eq!(s, StatusCode::OK, "{mine}");
    assert_eq!(mine["schema"], "kintsugi-export/1");
    let text = mine.to_string();
    for found in ["PRIV-ALEX", "SHARED-ALEX", "SHARED-SAM", "UNREVEALED-NOTE"] {
        assert!(text.contains(found), "{found} is in Alex's export");
    }
    assert!(
        !text.contains("PRIV-SAM"),
        "never the partner's private items"
    );
    assert_eq!(mine["safety_check"], Value::Null, "not unless asked");
    // Every kind the registry names is listed once, with what the store holds of the person's.
    let alex_id = user_id(&app, "alex").await;
    let kinds = mine["kinds"].as_array().unwrap();
    let registered: Vec<&str> = kintsugi_app::steps::STEPS
        .iter()
        .flat_map(|s| s.kinds.iter().map(|k| k.as_str()))
        .collect();
    assert_eq!(kinds.len(), registered.len());
    for kind in registered {
        let listed: Vec<&Value> = kinds.iter().filter(|k| k["kind"] == kind).collect();
        assert_eq!(listed.len(), 1, "{kind} is listed once");
        let records = mine["records"].as_array().unwrap();
        let here = records.iter().filter(|r| r["kind"] == kind).count();
        assert_eq!(listed[0]["count"], here, "{kind}");
        let own = records
            .iter()
            .filter(|r| r["kind"] == kind && r["mine"] == true)
            .count();
        let (stored, _) = app.store.own_tally(alex_id, kind).await.unwrap();
        assert_eq!(own as u64, stored, "every {kind} of Alex's is exported");
    }
    // On purpose, the kept safety check too.
    let (_, with) = app.get("/api/v1/export?safety_check=include", &alex).await;
    assert!(
        with["safety_check"]["check"].is_object(),
        "{}",
        with["safety_check"]
    );

    let (_, sams) = app.export(&sam).await;
    let text = sams.to_string();
    assert!(text.contains("SHARED-ALEX") && text.contains("PRIV-SAM"));
    for hidden in ["PRIV-ALEX", "UNREVEALED-NOTE"] {
        assert!(!text.contains(hidden), "{hidden} isn't Sam's to read");
    }
    let (_, caseys) = app.export(&casey).await;
    assert!(!caseys.to_string().contains("ALEX") && !caseys.to_string().contains("SAM"));
    let (s, _) = app
        .call(reqwest::Method::GET, "/api/v1/export".into(), None, None)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    // The readable file: everything in it, nothing fetched from anywhere.
    let res = reqwest::Client::new()
        .get(app.url("/api/v1/export.html"))
        .bearer_auth(&alex)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let html = res.text().await.unwrap();
    assert!(html.contains("PRIV-ALEX") && html.contains("SHARED-SAM"));
    assert!(!html.contains("PRIV-SAM"));
    for outside in ["<script", "<link", "src=", "url("] {
        assert!(!html.contains(outside), "{outside}: nothing is fetched");
    }
}

#[tokio::test]
async fn deleting_an_account_takes_everything_of_it_and_tells_the_partner() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let (_, r) = app
        .post(
            "/api/v1/reflections",
            &alex,
            json!({"prompt": "when_unsafe", "text": "SHARED-GONE", "visibility": "shared"}),
        )
        .await;
    let shared = id_of(&r);
    let (_, own) = app
        .post(
            "/api/v1/reflections",
            &sam,
            json!({"prompt": "partner_or_past", "text": "SAM-STAYS"}),
        )
        .await;
    // A wrong password, or none: refused, and nothing changes.
    let (s, v) = app
        .delete_me(&alex, json!({"password": "not my password at all"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["field"], "password");
    let (s, _) = app.delete_me(&alex, json!({})).await;
    assert!(s.is_client_error());
    assert_eq!(app.me(&alex).await.0, StatusCode::OK);
    let app = &app;
    let listed = |t: String| async move { app.get("/api/v1/reflections", &t).await.1.to_string() };
    assert!(listed(sam.clone()).await.contains(&shared));

    let (s, v) = app.delete_me(&alex, json!({"password": PASSWORD})).await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{v}");
    assert_eq!(
        app.me(&alex).await.0,
        StatusCode::UNAUTHORIZED,
        "every session ended"
    );
    let (s, _) = app
        .sign_in(json!({"username": "alex", "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(!app.has_account("alex").await);
    // Sam: Alex's shared words are gone, Sam's own stay, and Sam is told.
    let after = listed(sam.clone()).await;
    assert!(!after.contains(&shared), "gone for Sam too");
    assert!(after.contains(&id_of(&own)), "Sam's own stay");
    let (_, inbox) = app.inbox(&sam).await;
    assert!(
        inbox.to_string().contains("deleted their Kintsugi account"),
        "{inbox}"
    );
    assert_eq!(app.me(&sam).await.1["couple"], Value::Null);
}

#[tokio::test]
async fn the_deletion_page_asks_once_more() {
    let app = spawn_app().await;
    app.account("robin").await;
    let web = app.signed_in_browser("robin").await;
    let page = app.page(&web, "/account/delete").await;
    assert!(
        page.contains("can&#39;t be undone") || page.contains("can't be undone"),
        "{page}"
    );
    let res = app
        .form(
            &web,
            "/account/delete",
            &[("password", "wrong wrong wrong")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("password-error"));
    assert!(app.has_account("robin").await);
    let res = app
        .form(&web, "/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/signin?done=deleted");
    assert!(!app.has_account("robin").await);
    let res = app.visit(&web, "/account").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "signed out");
}
