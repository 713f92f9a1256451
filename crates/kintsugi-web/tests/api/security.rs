//! What holds for every request: bad input changes nothing, cross-site forms are refused,
//! headers, limits at the route, quick exit.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn bad_input_gets_a_clear_error_and_changes_nothing() {
    let app = spawn_app().await;
    let cases = [
        (
            json!({"username": "", "display_name": "X", "password": PASSWORD}),
            422,
            "Username is required.",
        ),
        (
            json!({"username": "x", "display_name": "X", "password": PASSWORD}),
            422,
            "Username needs at least 3 characters.",
        ),
        (
            json!({"username": "a".repeat(40), "display_name": "X", "password": PASSWORD}),
            422,
            "Username can be at most 32 characters.",
        ),
        (
            json!({"username": "blake", "display_name": "B".repeat(61), "password": PASSWORD}),
            422,
            "Display name can be at most 60 characters.",
        ),
        (
            json!({"username": "blake", "display_name": "Blake", "password": "password123"}),
            422,
            "too easy to guess",
        ),
        (
            json!({"username": "blake", "display_name": "Blake", "password": "short"}),
            422,
            "at least 10",
        ),
        (
            json!({"username": "blake", "display_name": "Blake"}),
            400,
            "missing a field",
        ),
    ];
    for (body, status, words) in cases {
        let (s, err) = app.sign_up(body.clone()).await;
        assert_eq!(s.as_u16(), status, "{body} -> {err}");
        let msg = err["error"]["message"].as_str().unwrap();
        assert!(msg.contains(words), "{msg:?} should say {words:?}");
    }
    let client = reqwest::Client::new();
    let invalid_utf8 = client
        .post(app.url("/api/v1/accounts"))
        .header("content-type", "application/json")
        .body(
            b"{\"username\": \"bl\xff\xfeke\", \"display_name\": \"B\", \"password\": \"x\"}"
                .to_vec(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(invalid_utf8.status(), StatusCode::BAD_REQUEST);
    let body: Value = invalid_utf8.json().await.unwrap();
    assert!(says(&body, "UTF-8"));
    let wrong_type = client
        .post(app.url("/api/v1/accounts"))
        .body("username=blake")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_type.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let huge = client
        .post(app.url("/api/v1/accounts"))
        .header("content-type", "application/json")
        .body(vec![b' '; kintsugi_web::BODY_LIMIT_BYTES + 10])
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let said: serde_json::Value = huge.json().await.unwrap();
    assert_eq!(
        said["error"]["code"], "too_large",
        "the JSON error, as documented"
    );
    // A list where an object belongs is refused, even one serde could read as the fields.
    let list = json!(["blake", "Blake", PASSWORD]);
    let (s, err) = app.sign_up(list).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{err}");
    assert!(says(&err, "JSON object"));
    assert_eq!(app.user_count().await, 0, "nothing was stored");
    // A query string that doesn't read is refused with the JSON error too.
    let t = app.account("query").await;
    let (s, err) = app.get("/api/v1/progress?period=all&period=all", &t).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(err["error"]["code"], "bad_request", "{err}");
    // A replayed sign-up is refused and changes nothing.
    app.account("sam").await;
    let (s, err) = app
        .sign_up(json!({"username": "sam", "display_name": "Other", "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(says(&err, "taken"));
    assert_eq!(
        app.store
            .user_by_username("sam")
            .await
            .unwrap()
            .unwrap()
            .display_name,
        "sam D"
    );
}

#[tokio::test]
async fn cross_site_forms_are_refused() {
    let app = spawn_app().await;
    let res = reqwest::Client::new()
        .post(app.url("/signup"))
        .header("sec-fetch-site", "cross-site")
        .header("origin", "https://evil.example")
        .form(&[
            ("username", "mallory"),
            ("display_name", "M"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(
        res.text().await.unwrap().contains("came from another site"),
        "a page for browsers"
    );
    assert!(!app.has_account("mallory").await);
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/accounts"))
        .header("sec-fetch-site", "cross-site")
        .header("origin", "https://evil.example")
        .json(&json!({"username": "mallory", "display_name": "M", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body["error"]["code"], "cross_site_request",
        "JSON for the API"
    );
    assert!(!app.has_account("mallory").await);
}

#[tokio::test]
async fn a_broken_form_changes_nothing() {
    let app = spawn_app().await;
    let res = browser()
        .post(app.url("/signup"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("username=alex&display_name=Alex")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error());
    assert!(res.text().await.unwrap().contains("nothing was changed"));
    assert!(!app.has_account("alex").await);
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_pages_are_not_cached() {
    let app = spawn_app().await;
    for path in ["/", "/signin", "/api/v1/me", "/nowhere"] {
        let res = reqwest::get(app.url(path)).await.unwrap();
        let h = res.headers();
        assert!(
            header(h, "content-security-policy").contains("default-src 'none'"),
            "{path}"
        );
        assert!(header(h, "content-security-policy").contains("frame-ancestors 'none'"));
        assert_eq!(h["referrer-policy"], "no-referrer");
        assert!(header(h, "permissions-policy").contains("geolocation=()"));
        assert_eq!(h["cache-control"], "no-store");
    }
    let res = reqwest::get(app.url("/nowhere")).await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_app_can_be_added_to_a_home_screen() {
    let app = spawn_app().await;
    let manifest: Value = reqwest::get(app.url("/manifest.webmanifest"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(manifest["start_url"], "/");
    let icons = manifest["icons"].as_array().unwrap();
    assert!(icons.iter().any(|i| i["sizes"] == "512x512"));
    for icon in icons {
        let res = reqwest::get(app.url(icon["src"].as_str().unwrap()))
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            res.headers()["content-type"],
            icon["type"].as_str().unwrap()
        );
        assert!(!res.bytes().await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn quick_exit_ends_the_session_unless_turned_off() {
    let app = spawn_app().await;
    app.account("alex").await;
    // The no-JavaScript link: this device is signed out and sent to the neutral page.
    let web = app.signed_in_browser("alex").await;
    let home = app.page(&web, "/").await;
    assert!(home.contains(r#"href="/quick-exit""#));
    // A link from another site only leaves: it signs no one out and marks nothing.
    let res = web
        .get(app.url("/quick-exit"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "https://example.org/weather");
    assert!(
        res.headers().get("set-cookie").is_none(),
        "no cookie changed"
    );
    assert_eq!(
        app.visit(&web, "/account").await.status(),
        StatusCode::OK,
        "still signed in"
    );
    let res = app.visit(&web, "/quick-exit").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "https://example.org/weather");
    let marker = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_string())
        .find(|c| c.starts_with("kintsugi_exited="))
        .expect("a marker for pages asked for again");
    assert!(
        marker.contains("Max-Age=300") && marker.contains("HttpOnly"),
        "{marker}"
    );
    // Without JavaScript, any page asked for again (by Back) is the neutral page for now.
    for page in ["/account", "/roots", "/signin", "/"] {
        let res = app.visit(&web, page).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{page}");
        assert_eq!(
            res.headers()["location"],
            "https://example.org/weather",
            "{page}"
        );
    }
    // The button's beacon does the same, leaving the way back to the page's own script.
    let web = app.signed_in_browser("alex").await;
    let res = web.post(app.url("/quick-exit")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.visit(&web, "/account").await.status(),
        StatusCode::SEE_OTHER
    );
    // Turned off in Account: quick exit leaves, the session stays.
    let web = app.signed_in_browser("alex").await;
    let res = app
        .form(&web, "/account/quick-exit", &[("ends_session", "maybe")])
        .await;
    assert_eq!(
        res.status(),
        StatusCode::BAD_REQUEST,
        "an unknown choice changes nothing"
    );
    let page = app.page(&web, "/account").await;
    assert!(
        page.contains(r#"name="ends_session" checked"#),
        "on by default"
    );
    let res = app.form(&web, "/account/quick-exit", &[("x", "")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = web.post(app.url("/quick-exit")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.visit(&web, "/account").await.status(), StatusCode::OK);
    // A visitor is simply sent on.
    let res = browser().get(app.url("/quick-exit")).send().await.unwrap();
    assert_eq!(res.headers()["location"], "https://example.org/weather");
}

#[tokio::test]
async fn sign_ups_and_invite_codes_are_limited_at_the_route_for_pages_and_the_api_alike() {
    let app = spawn_app_with(limits(|l| {
        l.sign_up_per_hour = 3;
        l.join_per_minute = 2;
    }))
    .await;
    // Sign-up: three from this address (two by the API, one by the page), then a clear 429.
    let alex = app.account("alex").await;
    app.account("sam").await;
    let web = browser();
    let fields = [
        ("username", "casey"),
        ("display_name", "Casey"),
        ("password", PASSWORD),
    ];
    let res = app.form(&web, "/signup", &fields).await;
    assert_eq!(
        header(res.headers(), "location"),
        "/recovery-key",
        "on to the page with the recovery key"
    );
    let fields = [
        ("username", "drew"),
        ("display_name", "Drew"),
        ("password", PASSWORD),
    ];
    let res = app.form(&web, "/signup", &fields).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.text().await.unwrap().contains("Too many attempts"));
    let body = json!({"username": "erin", "display_name": "Erin", "password": PASSWORD});
    let (s, err) = app.sign_up(body).await;
    assert_eq!(
        (s, err["error"]["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("rate_limited"))
    );
    assert_eq!(
        app.user_count().await,
        2,
        "alex and sam (casey too, not named there)"
    );
    // Reading the sign-up page is never limited.
    assert_eq!(app.visit(&web, "/signup").await.status(), StatusCode::OK);
    // Invite codes: two guesses a minute per account, by the page and the API together.
    let (s, _) = app.join(&alex, json!({"code": "AAAA-BBBB-CCCC"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let alex_web = app.signed_in_browser("alex").await;
    let res = app
        .form(&alex_web, "/couple/join", &[("code", "AAAA-BBBB-CCCD")])
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app
        .form(&alex_web, "/couple/join", &[("code", "AAAA-BBBB-CCCE")])
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let (s, _) = app.join(&alex, json!({"code": "AAAA-BBBB-CCCF"})).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    // Another account keeps its own budget; the join page itself still opens.
    assert_eq!(
        app.visit(&alex_web, "/couple/join").await.status(),
        StatusCode::OK
    );
    let sam = app
        .sign_in(json!({"username": "sam", "password": PASSWORD}))
        .await
        .1;
    let (s, _) = app
        .join(
            sam["token"].as_str().unwrap(),
            json!({"code": "AAAA-BBBB-CCCG"}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
