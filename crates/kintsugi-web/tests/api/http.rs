//! The web app over real HTTP on port 0, with a fresh SQLite database per test.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn sign_up_sign_in_me_and_sign_out_over_the_api() {
    let app = spawn_app().await;
    let (s, body) = app
        .sign_up(json!({"username": " Alex ", "display_name": "Alex", "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(body["username"], "alex");
    assert_eq!(body["recovery_key"].as_str().unwrap().len(), 39);
    let (s, body) = app
        .sign_in(json!({"username": "alex", "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let token = body["token"].as_str().unwrap().to_string();
    let (s, me) = app.me(&token).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        me,
        json!({"username": "alex", "display_name": "Alex", "time_zone": "UTC",
               "quick_exit_ends_session": true, "couple": null})
    );
    let (s, _) = app.sign_out(&token).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, body) = app.me(&token).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn the_sign_in_error_never_says_which_part_was_wrong() {
    let app = spawn_app().await;
    app.account("alex").await;
    let (s1, wrong_password) = app
        .sign_in(json!({"username": "alex", "password": "not the password at all"}))
        .await;
    let (s2, unknown_user) = app
        .sign_in(json!({"username": "nobody", "password": PASSWORD}))
        .await;
    assert_eq!(
        (s1, s2),
        (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED)
    );
    assert_eq!(wrong_password, unknown_user);
}

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
    assert_eq!(app.user_count().await, 0, "nothing was stored");
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
async fn partners_pair_once_and_either_can_leave() {
    let app = spawn_app().await;
    let (a, b, c) = (
        app.account("alex").await,
        app.account("sam").await,
        app.account("casey").await,
    );
    let (s, invite) = app.invite(&a).await;
    assert_eq!(s, StatusCode::CREATED);
    let code = invite["code"].as_str().unwrap().to_string();
    assert_eq!(code.len(), 14);
    // Not your own invite.
    let (s, _) = app.join(&a, json!({"code": code})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    // The partner joins, typing the code loosely.
    let loose = code.to_lowercase().replace('-', " ");
    let (s, joined) = app.join(&b, json!({"code": loose})).await;
    assert_eq!(s, StatusCode::OK, "{joined}");
    assert_eq!(joined["partner_display_name"], "alex D");
    let (_, me_a) = app.me(&a).await;
    assert_eq!(me_a["couple"]["partner_display_name"], "sam D");
    // A used invite cannot be replayed by anyone.
    let (s, err) = app.join(&c, json!({"code": code})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(says(&err, "expired"));
    // A stranger sees nothing of the couple.
    let (_, me_c) = app.me(&c).await;
    assert_eq!(me_c["couple"], Value::Null);
    // Someone in a couple can't invite.
    let (s, _) = app.invite(&b).await;
    assert_eq!(s, StatusCode::CONFLICT);
    // Leaving is unilateral and ends it for both.
    let (s, _) = app.leave(&b).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, me_a) = app.me(&a).await;
    assert_eq!(me_a["couple"], Value::Null);
    let (s, _) = app.leave(&b).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn malformed_and_expired_invites_are_refused() {
    let app = spawn_app().await;
    let (a, b) = (app.account("alex").await, app.account("sam").await);
    let (s, err) = app.join(&b, json!({"code": "nope"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["error"]["field"], "code");
    // An invite that has run out: made 49 hours ago.
    let alex = app.store.user_by_username("alex").await.unwrap().unwrap();
    let code = "ABCDEFGHJKMN";
    app.store
        .create_invite(kintsugi_store::Invite {
            code_hash: kintsugi_vault_hash(code),
            inviter: alex.id,
            couple_id: kintsugi_domain::CoupleId::new(),
            inviter_wrap: vec![0; 72],
            code_wrap: vec![0; 72],
            code_salt: vec![0; 16],
            code_sealed: None,
            created_at: kintsugi_web::now() - 49 * 3600,
            expires_at: kintsugi_web::now() - 3600,
        })
        .await
        .unwrap();
    let (s, _) = app.join(&b, json!({"code": "ABCD-EFGH-JKMN"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, me) = app.me(&b).await;
    assert_eq!(me["couple"], Value::Null);
    let _ = a;
}

fn kintsugi_vault_hash(code: &str) -> Vec<u8> {
    kintsugi_vault::token_hash(code.as_bytes())
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
async fn too_many_sign_in_attempts_get_a_clear_429() {
    let app = spawn_app_with(limits(|l| l.sign_in_per_minute = 3)).await;
    app.account("alex").await; // one sign-in used
    let mut last = StatusCode::OK;
    let mut body = Value::Null;
    for _ in 0..3 {
        (last, body) = app
            .sign_in(json!({"username": "alex", "password": "wrong wrong wrong"}))
            .await;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    assert!(says(&body, "wait a minute"));
}

#[tokio::test]
async fn pages_work_without_javascript_from_sign_up_to_sign_out() {
    let app = spawn_app().await;
    let web = browser();
    let page = app.visit(&web, "/").await;
    assert!(page.text().await.unwrap().contains("Create an account"));
    // A weak password is shown next to its field, and the other values are kept.
    let res = app.signup_form(&web, "alex", "Alex", "password123").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"password-error\"") && html.contains("value=\"alex\""));
    let res = app.signup_form(&web, "alex", "Alex", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let cookie = res
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(res.text().await.unwrap().contains("recovery key"));
    let home = app.page(&web, "/").await;
    assert!(home.contains("Hello, Alex"));
    assert!(home.contains("Only you"));
    let res = web.post(app.url("/signout")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.visit(&web, "/account").await;
    assert_eq!(res.headers()["location"], "/signin?next=/account");
    // Signing in again.
    let res = app.signin_form(&web, "alex", "wrong password here").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.text().await.unwrap().contains("don&#39;t match"));
    let res = app.signin_form(&web, "alex", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let account = app.page(&web, "/account").await;
    assert!(account.contains("this device"));
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
async fn changing_the_password_keeps_the_keys_and_signs_out_elsewhere() {
    let (app, other_device, web) = alex_in_a_browser().await;
    let res = app
        .password_form(&web, "not my password", "maple harbour silently eleven")
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .password_form(&web, PASSWORD, "maple harbour silently eleven")
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (s, _) = app.me(&other_device).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "other sessions ended");
    let (s, _) = app
        .sign_in(json!({"username": "alex", "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, body) = app
        .sign_in(json!({"username": "alex", "password": "maple harbour silently eleven"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    // The data key still opens: making an invite wraps the couple key with it.
    let (s, _) = app.invite(body["token"].as_str().unwrap()).await;
    assert_eq!(s, StatusCode::CREATED);
}

#[tokio::test]
async fn the_recovery_key_sets_a_new_password_and_keeps_everything() {
    let app = spawn_app().await;
    let alex = json!({"username": "alex", "display_name": "Alex", "password": PASSWORD});
    let key = app.sign_up(alex).await.1["recovery_key"]
        .as_str()
        .unwrap()
        .to_lowercase();
    let web = browser();
    let res = app
        .recover_form(
            &web,
            "alex",
            "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",
            "maple harbour silently eleven",
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app
        .recover_form(&web, "alex", key.as_str(), "maple harbour silently eleven")
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = web.post(app.url("/couple/invite")).send().await.unwrap();
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "the data key still opens after recovery"
    );
    let (s, _) = app
        .sign_in(json!({"username": "alex", "password": "maple harbour silently eleven"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session() {
    let (app, api, web) = alex_in_a_browser().await;
    let account = app.page(&web, "/account").await;
    assert!(account.contains("An app (API token)") && account.contains("A browser"));
    let res = web
        .post(app.url("/account/sessions/end-all"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/signin?done=everywhere");
    assert_eq!(app.me(&api).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.visit(&web, "/account").await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn ending_someone_elses_session_is_not_possible() {
    let app = spawn_app().await;
    let victim = app.account("sam").await;
    let sam = app.store.user_by_username("sam").await.unwrap().unwrap();
    let session = app
        .store
        .sessions_of(sam.id, kintsugi_web::now())
        .await
        .unwrap()
        .remove(0);
    app.account("alex").await;
    let web = app.signed_in_browser("alex").await;
    let res = web
        .post(app.url(&format!("/account/sessions/{}/end", session.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.me(&victim).await.0, StatusCode::OK);
    // A malformed id gets a page, not a JSON body, in the browser.
    let res = web
        .post(app.url("/account/sessions/not-an-id/end"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(header(res.headers(), "content-type").starts_with("text/html"));
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("couldn&#39;t find that session")
    );
}

#[tokio::test]
async fn the_coach_answers_signed_in_people_within_limits() {
    let app = spawn_app_with(limits(|l| l.coach_per_minute = 3)).await;
    let token = app.account("alex").await;
    let (s, _) = app
        .post_json(
            "/api/v1/coach",
            None,
            json!({"kind": "message", "text": "You never listen."}),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, a) = app
        .coach(
            &token,
            json!({"kind": "message", "text": "You never listen."}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(a["findings"][0]["category"], "criticism");
    assert!(a["rewrite"].is_string());
    let (s, err) = app
        .coach(
            &token,
            json!({"kind": "message", "text": "é".repeat(20_001)}),
        )
        .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(says(&err, "20000"));
    let (s, _) = app
        .coach(&token, json!({"kind": "poem", "text": "hi"}))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // Three analyses a minute in this test: two were counted above, one more is allowed.
    let (s, _) = app
        .coach(&token, json!({"kind": "message", "text": "hi"}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, err) = app
        .coach(&token, json!({"kind": "message", "text": "hi"}))
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(err["error"]["code"], "rate_limited");
}

#[tokio::test]
async fn the_coach_page_works_without_javascript() {
    let (app, _, web) = alex_in_a_browser().await;
    let html = app
        .coach_page(&web, "apology", "I'm sorry if you were upset.")
        .await;
    assert!(html.contains("Conditional apology"));
    assert!(html.contains("repair</strong> is missing"));
    let html = app
        .coach_page(&web, "message", "She shoved me against the wall.")
        .await;
    assert!(html.contains("Your safety comes first"));
    assert!(!html.contains("Why it matters"));
}

#[tokio::test]
async fn the_safety_card_gives_the_configured_lines_for_the_danger_named() {
    let (app, _, web) = alex_in_a_browser().await;
    let card = |html: &str| {
        // The card on the page (the <template>s for the device come before <main>).
        let main = html.find("<main").unwrap();
        let start = main
            + html[main..]
                .find("<div class=\"safety\"")
                .expect("a safety card");
        html[start..start + html[start..].find("</div>").unwrap()].to_string()
    };
    // A report of harm: the domestic-abuse line, the emergency number, a quick exit.
    let html = app
        .coach_page(
            &web,
            "message",
            "He hit me last night and I'm scared to go home.",
        )
        .await;
    let danger = card(&html);
    assert!(
        danger.contains("National Domestic Abuse Helpline") && danger.contains("0808 2000 247")
    );
    assert!(danger.contains("Your local emergency number") && danger.contains("/quick-exit"));
    assert!(!danger.contains("Samaritans"), "{danger}");
    // Thoughts of self-harm: their own words and the crisis line.
    let html = app
        .coach_page(
            &web,
            "message",
            "I don't want to be alive anymore, I keep thinking about ending it.",
        )
        .await;
    let crisis = card(&html);
    assert!(
        crisis.contains("You matter")
            && crisis.contains("Samaritans")
            && crisis.contains("116 123"),
        "{crisis}"
    );
    assert!(!crisis.contains("0808 2000 247"), "{crisis}");
    // The same cards wait in <template>s for the coach on the device.
    for id in ["safety-crisis", "safety-danger", "safety-both"] {
        assert!(html.contains(&format!("<template id=\"{id}\">")), "{id}");
    }
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
async fn health_readiness_and_the_openapi_document() {
    let app = spawn_app().await;
    assert_eq!(
        reqwest::get(app.url("/healthz")).await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        reqwest::get(app.url("/readyz"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "ready"
    );
    let doc: Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/accounts",
        "/api/v1/sessions",
        "/api/v1/me",
        "/api/v1/couple/invites",
        "/api/v1/couple/join",
        "/api/v1/coach",
        "/api/v1/roots",
        "/api/v1/reflections",
        "/api/v1/reflections/{id}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(doc["components"]["schemas"]["Analysis"].is_object());
    for path in [
        "/api/v1/couple",
        "/api/v1/couples",
        "/api/v1/couples/{id}/withdrawal",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    // Schema names are unique: the apology's parts and the coach's parts are two schemas.
    let schemas = &doc["components"]["schemas"];
    assert!(
        schemas["ApologyParts"]["properties"]["what_i_did"].is_object(),
        "{schemas}"
    );
    assert!(
        schemas["Parts"]["properties"]["present"].is_object(),
        "{schemas}"
    );
    // Every operation says what it does and how it can be refused.
    let public = [
        ("post", "/api/v1/accounts"),
        ("post", "/api/v1/sessions"),
        ("get", "/api/v1/openapi.json"),
    ];
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let here = format!("{method} {path}");
            let summary = op["summary"].as_str().unwrap_or_default();
            assert!(!summary.is_empty(), "{here} has a summary");
            let documents = |code: &str| op["responses"][code].is_object();
            if !public.contains(&(method.as_str(), path.as_str())) {
                assert!(documents("401"), "{here} documents 401");
                assert!(op["security"].is_array(), "{here} names its auth");
                if method != "get" {
                    assert!(documents("409"), "{here} documents 409");
                }
            }
            if op["requestBody"].is_object() {
                for code in ["400", "413", "422"] {
                    assert!(documents(code), "{here} documents {code}");
                }
            }
            if path.contains("{id}") {
                assert!(documents("404"), "{here} documents 404");
                let params = op["parameters"].as_array().unwrap();
                assert!(
                    params.iter().any(|p| p["name"] == "id"),
                    "{here} names its id"
                );
            }
        }
    }
    assert!(operations >= 30, "{operations} operations");
    // Every schema an operation refers to is in the document.
    let text = doc.to_string();
    for part in text.split("\"#/components/schemas/").skip(1) {
        let name = part.split('"').next().unwrap();
        assert!(schemas[name].is_object(), "{name} is defined");
    }
}

#[tokio::test]
async fn after_signing_in_you_land_where_you_were_going_and_never_on_another_site() {
    let app = spawn_app().await;
    app.account("alex").await;
    let web = browser();
    let res = app.visit(&web, "/talks?x=1").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(to, "/signin?next=/talks%3Fx%3D1");
    let page = app.page(&web, &to).await;
    assert!(page.contains(r#"name="next" value="/talks?x=1""#), "{page}");
    for (next, landing) in [
        ("/talks?x=1", "/talks?x=1"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
    ] {
        let res = browser()
            .post(app.url("/signin"))
            .form(&[("username", "alex"), ("password", PASSWORD), ("next", next)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(res.headers()["location"], landing, "{next}");
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
    let res = app.visit(&web, "/quick-exit").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "https://example.org/weather");
    let res = app.visit(&web, "/account").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "signed out");
    // The button's beacon does the same.
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
    let res = app.visit(&web, "/quick-exit").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
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
        res.status(),
        StatusCode::CREATED,
        "the page with the recovery key"
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

#[tokio::test]
async fn the_coach_says_when_it_could_not_read_a_text() {
    let (app, token, web) = alex_in_a_browser().await;
    let french = "Tu ne m'écoutes jamais quand je te parle de mes problèmes.";
    let html = app.coach_page(&web, "message", french).await;
    assert!(html.contains("reads English only"), "{html}");
    assert!(!html.contains("found nothing to point out"));
    let (s, a) = app
        .coach(&token, json!({"kind": "message", "text": french}))
        .await;
    assert_eq!(
        (s, a["not_read"].as_str()),
        (StatusCode::OK, Some("not_english"))
    );
}

#[tokio::test]
async fn an_empty_sign_up_names_every_missing_field_at_once() {
    let app = spawn_app().await;
    let web = browser();
    let res = app.signup_form(&web, "", "", "").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    for id in ["username-error", "display_name-error", "password-error"] {
        assert!(html.contains(&format!(r#"id="{id}""#)), "{id} in {html}");
    }
    assert_eq!(app.user_count().await, 0, "nothing was created");
}

#[tokio::test]
async fn an_invite_link_leads_a_newcomer_through_sign_up_and_back_with_the_code() {
    let app = spawn_app().await;
    let maya = app.account("maya").await;
    let code = app.invite(&maya).await.1["code"]
        .as_str()
        .unwrap()
        .to_string();
    let link = format!("/couple/join?code={code}");
    // Signed out: to sign in, where the link to sign up keeps the way back.
    let web = browser();
    let res = app.visit(&web, &link).await;
    let to = header(res.headers(), "location").to_string();
    assert!(to.starts_with("/signin?next="), "{to}");
    let signin = app.page(&web, &to).await;
    let href = signin
        .split("href=\"/signup?next=")
        .nth(1)
        .expect("a sign-up link");
    let signup = format!("/signup?next={}", href.split('"').next().unwrap());
    let page = app.page(&web, &signup).await;
    assert!(
        page.contains(&format!(r#"name="next" value="{link}""#)),
        "{page}"
    );
    // Signing up with the way back: the recovery key, then straight back to the code.
    let fields = [
        ("username", "noor"),
        ("display_name", "Noor"),
        ("password", PASSWORD),
        ("next", link.as_str()),
    ];
    let key_page = app.form_text(&web, "/signup", &fields).await;
    assert!(
        key_page.contains(&format!(r#"href="{link}""#)),
        "{key_page}"
    );
    let join = app.page(&web, &link).await;
    assert!(
        join.contains(&format!(r#"value="{code}""#)),
        "the code is kept"
    );
    // Someone already paired who opens a link is told why it can't be used.
    app.account("sam").await;
    let alex = app.account("alex").await;
    let sam_web = app.signed_in_browser("sam").await;
    let invite = app.invite(&alex).await.1["code"]
        .as_str()
        .unwrap()
        .to_string();
    app.form(&sam_web, "/couple/join", &[("code", invite.as_str())])
        .await;
    let page = app.page(&sam_web, &link).await;
    assert!(
        page.contains("already in a couple, so this invite can&#39;t be used"),
        "{page}"
    );
}

#[tokio::test]
async fn reloading_the_recovery_key_page_says_it_was_shown_once() {
    let app = spawn_app().await;
    let web = browser();
    let res = app.signup_form(&web, "river", "River", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    // The browser sends the same form again, now with the new session's cookie.
    let again = app.signup_form(&web, "river", "River", PASSWORD).await;
    assert_eq!(again.status(), StatusCode::OK);
    let html = again.text().await.unwrap();
    assert!(html.contains("Your recovery key was shown once") && html.contains("in Account"));
    assert!(!html.contains("recovery-key\""), "no key is shown again");
    assert!(app.has_account("river").await);
}

#[tokio::test]
async fn an_invite_code_stays_on_the_partner_page_until_used_stopped_or_replaced() {
    let (app, alex_token, alex) = alex_in_a_browser().await;
    let sam = app.account("sam").await;
    let html = app.form_text(&alex, "/couple/invite", &[("", "")]).await;
    let code = html
        .split("<code id=\"invite-code\">")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .unwrap()
        .to_string();
    // Back later: the same code, with its link, still there; the API lists it; only Alex's.
    let again = app.page(&alex, "/couple").await;
    assert!(again.contains(&code) && again.contains(&format!("/couple/join?code={code}")));
    let (_, listed) = app.pending_invites(&alex_token).await;
    assert_eq!(listed[0]["code"], code.as_str());
    assert_eq!(app.pending_invites(&sam).await.1, json!([]));
    // A new code replaces it: the old one no longer joins.
    let html = app.form_text(&alex, "/couple/invite", &[("", "")]).await;
    assert!(!html.contains(&code), "replaced");
    let (s, _) = app.join(&sam, json!({"code": code})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Stopped: gone from the page and the API, and it joins no one.
    let (_, listed) = app.pending_invites(&alex_token).await;
    let newer = listed[0]["code"].as_str().unwrap().to_string();
    let res = app.form(&alex, "/couple/invite/stop", &[("", "")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = app.page(&alex, "/couple?done=stopped").await;
    assert!(!html.contains(&newer) && html.contains("That code is stopped"));
    let (s, _) = app.join(&sam, json!({"code": newer})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Over the API: made, listed, stopped (204), gone.
    let (_, made) = app.invite(&alex_token).await;
    assert_eq!(
        app.pending_invites(&alex_token).await.1[0]["code"],
        made["code"]
    );
    assert_eq!(
        app.stop_invites(&alex_token).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.pending_invites(&alex_token).await.1, json!([]));
    // Once paired, there is no code to show.
    let (_, made) = app.invite(&alex_token).await;
    app.join(&sam, json!({"code": made["code"]})).await;
    assert_eq!(app.pending_invites(&alex_token).await.1, json!([]));
    assert!(!app.page(&alex, "/couple").await.contains("invite-code"));
}

#[tokio::test]
async fn sessions_are_named_by_browser_and_system_and_say_when_last_used() {
    let app = spawn_app().await;
    app.account("alex").await;
    let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    let web = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(firefox)
        .build()
        .unwrap();
    let res = app
        .form(
            &web,
            "/signin",
            &[("username", "alex"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = app.page(&web, "/account").await;
    assert!(
        html.contains("<strong>Firefox on Linux</strong> · this device"),
        "{html}"
    );
    assert!(
        html.contains("An app (API token)"),
        "the API session made by `account`"
    );
    assert!(html.contains("last used now"));
    // Only the name is kept, never the user-agent string itself.
    let user = app.store.user_by_username("alex").await.unwrap().unwrap();
    let sessions = app
        .store
        .sessions_of(user.id, kintsugi_web::now())
        .await
        .unwrap();
    assert!(sessions.iter().any(|s| s.device == "Firefox on Linux"));
    assert!(sessions.iter().all(|s| !s.device.contains("Gecko")));
}
