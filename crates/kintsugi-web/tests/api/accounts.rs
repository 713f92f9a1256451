//! Accounts over real HTTP: signing up, in and out, passwords, the recovery key, sessions.

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
    // Answered with a redirect, so Back never asks to send the form again.
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(header(res.headers(), "location"), "/recovery-key");
    let cookies: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_string())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("kintsugi_session="))
        .unwrap();
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    // The key travels sealed, never in the clear.
    let carried = cookies
        .iter()
        .find(|c| c.starts_with("kintsugi_shown_once="))
        .unwrap();
    assert!(carried.contains("HttpOnly") && carried.contains("Path=/recovery-key"));
    let key_page = app.page(&web, "/recovery-key").await;
    assert!(key_page.contains("recovery key") && key_page.contains("id=\"recovery-key\""));
    let key = key_page.split("<code id=\"recovery-key\">").nth(1).unwrap();
    let key = &key[..key.find('<').unwrap()];
    assert!(!carried.contains(key) && !carried.contains(&key.replace(' ', "")));
    let home = app.page(&web, "/").await;
    assert!(home.contains("Hello, Alex"));
    assert!(home.contains("Only you"));
    let res = web.post(app.url("/signout")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.visit(&web, "/account").await;
    assert_eq!(
        res.headers()["location"],
        "/signin",
        "the address says nothing of the page"
    );
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
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        app.page(&web, "/couple")
            .await
            .contains("id=\"invite-code\""),
        "the data key still opens after recovery: the invite was made"
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
    // The box to replace the recovery key left unticked: every session ends, this one too.
    let none: [(&str, &str); 0] = [];
    let res = app.form(&web, "/account/sessions/end-all", &none).await;
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
async fn after_signing_in_you_land_where_you_were_going_and_never_on_another_site() {
    let app = spawn_app().await;
    app.account("alex").await;
    let web = browser();
    let res = app.visit(&web, "/talks?x=1").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        to, "/signin",
        "where the person was going is kept in a cookie"
    );
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
async fn without_javascript_sign_up_asks_for_a_time_zone_instead_of_picking_one() {
    let app = spawn_app().await;
    let web = browser();
    let page = app.page(&web, "/signup").await;
    assert!(
        page.contains(r#"<option value="" selected>Choose your time zone</option>"#),
        "nothing is chosen for the person"
    );
    // The form as a browser without JavaScript sends it, the zone left unchosen.
    let fields = [
        ("username", "river"),
        ("display_name", "River"),
        ("password", PASSWORD),
        ("time_zone", ""),
    ];
    let res = app.form(&web, "/signup", &fields).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"id="time_zone-error""#), "{html}");
    assert!(html.contains(r#"value="river""#), "what was typed stays");
    assert_eq!(app.user_count().await, 0, "nothing was created");
    let chosen = [
        ("time_zone", "America/Chicago"),
        fields[0],
        fields[1],
        fields[2],
    ];
    let res = app.form(&web, "/signup", &chosen).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn reloading_the_recovery_key_page_says_it_was_shown_once() {
    let app = spawn_app().await;
    let web = browser();
    let res = app.signup_form(&web, "river", "River", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let shown = app.page(&web, "/recovery-key").await;
    assert!(shown.contains("id=\"recovery-key\""), "{shown}");
    // Shown again (a reload, Back): it was shown once.
    let again = app.page(&web, "/recovery-key").await;
    assert!(
        again.contains("Your recovery key was shown once"),
        "{again}"
    );
    assert!(
        !again.contains("id=\"recovery-key\""),
        "no key is shown again"
    );
    // Another browser, signed in as the same person, gets no key either.
    let other = app.signed_in_browser("river").await;
    let elsewhere = app.page(&other, "/recovery-key").await;
    assert!(elsewhere.contains("Your recovery key was shown once"));
    // The browser sends the same form again, now with the new session's cookie.
    let again = app.signup_form(&web, "river", "River", PASSWORD).await;
    assert_eq!(again.status(), StatusCode::OK);
    let html = again.text().await.unwrap();
    assert!(html.contains("Your recovery key was shown once") && html.contains("in Account"));
    assert!(!html.contains("recovery-key\""), "no key is shown again");
    assert!(app.has_account("river").await);
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

/// Someone who once saw the recovery key (a partner who knew the password, say) can't use it
/// after the person changes their password: by default the key is replaced in the same change.
/// A recovery by key ends every session and leaves a notice for the next sign-in.
#[tokio::test]
async fn a_recovery_key_changes_hands_with_the_password() {
    let app = spawn_app().await;
    let body = json!({"username": "alex", "display_name": "Alex", "password": PASSWORD});
    let old_key = app.sign_up(body).await.1["recovery_key"]
        .as_str()
        .unwrap()
        .to_string();
    let alex = app.account_token("alex").await;
    let elsewhere = app.account_token("alex").await;
    let recover = |key: &str, new: &str| json!({"username": "alex", "recovery_key": key, "new_password": new});
    // Bad input changes nothing: a wrong current password, a missing field, a weak password.
    for (bad, status) in [
        (
            json!({"current": "not it", "new": "maple harbour silently eleven"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (json!({"current": PASSWORD}), StatusCode::BAD_REQUEST),
        (
            json!({"current": PASSWORD, "new": "password123"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let (s, _) = app
            .call(
                reqwest::Method::PUT,
                "/api/v1/me/password".into(),
                Some(&alex),
                Some(bad),
            )
            .await;
        assert_eq!(s, status);
    }
    assert_eq!(app.me(&elsewhere).await.0, StatusCode::OK, "nothing ended");
    // The new password, with a new recovery key by default (shown this once).
    let change = json!({"current": PASSWORD, "new": "maple harbour silently eleven"});
    let (s, changed) = app
        .call(
            reqwest::Method::PUT,
            "/api/v1/me/password".into(),
            Some(&alex),
            Some(change),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{changed}");
    let new_key = changed["recovery_key"]
        .as_str()
        .expect("a new key")
        .to_string();
    assert_ne!(new_key, old_key);
    assert_eq!(
        app.me(&elsewhere).await.0,
        StatusCode::UNAUTHORIZED,
        "other sessions ended"
    );
    assert_eq!(app.me(&alex).await.0, StatusCode::OK, "this one stays");
    // The old key is refused at once, and changes nothing.
    let (s, _) = app
        .post(
            "/api/v1/recovery",
            "",
            recover(&old_key, "someone else's password here"),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(app.me(&alex).await.0, StatusCode::OK);
    // The new key works: every session ends, this client gets one, and a notice waits.
    let (s, signed) = app
        .post(
            "/api/v1/recovery",
            "",
            recover(&new_key, "cedar lantern softly twelve"),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{signed}");
    assert_eq!(
        app.me(&alex).await.0,
        StatusCode::UNAUTHORIZED,
        "every earlier session ended"
    );
    let token = signed["token"].as_str().unwrap();
    assert_eq!(waiting(&app.inbox(token).await.1), ["account_recovered"]);
    let web = browser();
    app.signin_form(&web, "alex", "cedar lantern softly twelve")
        .await;
    let home = app.page(&web, "/").await;
    assert!(
        home.contains("Your account was recovered with its recovery key"),
        "{home}"
    );
    // Keeping the key is a choice said out loud.
    let keep = json!({"current": "cedar lantern softly twelve", "new": "birch window gladly forty", "new_recovery_key": false});
    let (s, kept) = app
        .call(
            reqwest::Method::PUT,
            "/api/v1/me/password".into(),
            Some(token),
            Some(keep),
        )
        .await;
    assert_eq!((s, &kept["recovery_key"]), (StatusCode::OK, &Value::Null));
    // Signing out everywhere on the page replaces the key too, by default: shown once, then
    // this device signs out as well.
    let web = browser();
    app.signin_form(&web, "alex", "birch window gladly forty")
        .await;
    let page = app.page(&web, "/account").await;
    assert_eq!(
        page.matches(r#"name="new_recovery_key" checked"#).count(),
        2,
        "ticked to begin with"
    );
    let res = app
        .form(
            &web,
            "/account/sessions/end-all",
            &[("new_recovery_key", "on")],
        )
        .await;
    assert_eq!(header(res.headers(), "location"), "/recovery-key");
    let shown = app.page(&web, "/recovery-key").await;
    assert!(shown.contains("Signed out everywhere else") && shown.contains("action=\"/signout\""));
    let (s, _) = app
        .post(
            "/api/v1/recovery",
            "",
            recover(&new_key, "yet another password here"),
        )
        .await;
    assert_eq!(
        s,
        StatusCode::BAD_REQUEST,
        "the key before it stopped working"
    );
    let res = app
        .form(
            &web,
            "/account/sessions/end-all",
            &[("new_recovery_key", "maybe")],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::BAD_REQUEST,
        "an unknown choice changes nothing"
    );
}
