//! An administrator's reset of a paired person, and sign-in under a guessing attack.

use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use crate::helpers::*;
use kintsugi_web::{AppState, RateLimits, WebConfig, accounts};
use reqwest::StatusCode;
use serde_json::json;

const NEW_PASSWORD: &str = "copper meadow gently seventy";

/// Every page a signed-in person can open, and every list in the API.
const PAGES: &[&str] = &[
    "/",
    "/program",
    "/coach",
    "/couple",
    "/account",
    "/roots",
    "/talks",
    "/apologies",
    "/questions",
    "/guide/roots",
    "/guide/talk",
    "/guide/apology",
];
const LISTS: &[&str] = &[
    "/api/v1/me",
    "/api/v1/roots",
    "/api/v1/reflections",
    "/api/v1/talks",
    "/api/v1/apologies",
    "/api/v1/questions",
];

#[tokio::test]
async fn a_paired_person_whose_password_was_reset_opens_every_page_and_the_partner_is_told() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    // Both write private and shared things in every step so far.
    for token in [&alex, &sam] {
        for visibility in ["private", "shared"] {
            let (s, _) = app
                .add_reflection(
                    token,
                    json!({"text": "what I keep coming back to", "visibility": visibility}),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED);
        }
    }
    let (s, talk) = app
        .propose(
            &alex,
            json!({"topic": "Sundays", "time": "2030-11-28T19:30"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{talk}");
    let (s, _) = app
        .write_apology(
            &alex,
            json!({"what_i_did": "I hid the messages.", "deliver": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = app.ask(&sam, json!({"text": "Why then?"})).await;
    assert_eq!(s, StatusCode::CREATED);

    let admin = AppState::new(app.store.clone(), WebConfig::default());
    accounts::admin_reset_password(&admin, "alex", NEW_PASSWORD)
        .await
        .unwrap();

    // Alex, with the new password, opens everything without a server error.
    let web = crate::helpers::browser();
    let res = app.signin_form(&web, "alex", NEW_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mut notes = 0;
    // The log says what couldn't be opened once per page read, with counts: never a line per
    // record (this thread's subscriber also sees the server, which runs on it).
    let warnings = Warnings::default();
    let listening = tracing::subscriber::set_default(warnings.clone());
    for page in PAGES {
        let res = app.visit(&web, page).await;
        assert_eq!(res.status(), StatusCode::OK, "{page}");
        if res.text().await.unwrap().contains("could not be opened") {
            notes += 1;
        }
    }
    drop(listening);
    let said = warnings.0.load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!(
        said, notes,
        "one line for each page that couldn't open something"
    );
    assert!(
        notes >= 2,
        "lists say what they couldn't open ({notes} pages did)"
    );
    let (s, token) = app
        .sign_in(json!({"username": "alex", "password": NEW_PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let alex = token["token"].as_str().unwrap().to_string();
    for list in LISTS {
        let (s, body) = app.get_json(list, &alex).await;
        assert_eq!(s, StatusCode::OK, "{list}: {body}");
    }
    let (_, me) = app.me(&alex).await;
    assert!(me["couple"].is_null(), "the reset ended the couple: {me}");

    // Sam is told, calmly, on Home; everything Sam wrote is still there.
    let sam_web = app.signed_in_browser("sam").await;
    let home = app.page(&sam_web, "/").await;
    assert!(home.contains("your couple has ended"), "{home}");
    for list in LISTS {
        let (s, _) = app.get_json(list, &sam).await;
        assert_eq!(s, StatusCode::OK, "{list}");
    }
    // Sam's own two, and what Alex shared: the ended couple stays a history Sam can read.
    let (_, seen) = app.reflections(&sam).await;
    let seen = seen.as_array().unwrap();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen.iter().filter(|r| r["mine"] == true).count(), 2);
    // Alex's Home says nothing of the kind; only Sam can dismiss Sam's notice.
    let alex_home = app.page(&web, "/").await;
    assert!(!alex_home.contains("your couple has ended"));
    let id = id_after(&home, "/notices/");
    let dismiss = format!("/notices/{id}/dismiss");
    let res = web.post(app.url(&dismiss)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "not Alex's to dismiss");
    let res = sam_web.post(app.url(&dismiss)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let home = app.page(&sam_web, "/").await;
    assert!(!home.contains("your couple has ended"));
    let res = sam_web.post(app.url(&dismiss)).send().await.unwrap();
    assert_eq!(
        res.status(),
        StatusCode::NOT_FOUND,
        "a replayed dismissal changes nothing"
    );
}

fn client_from(last_octet: u8) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, last_octet)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_owner_signs_in_while_someone_elsewhere_guesses_their_password() {
    let app = spawn_app_with(Some(RateLimits::default())).await;
    app.account("owner").await;
    let attacker = client_from(2);
    let mut refused = 0;
    for _ in 0..14 {
        let res = attacker
            .post(app.url("/api/v1/sessions"))
            .json(&json!({"username": "owner", "password": "not the password at all"}))
            .send()
            .await
            .unwrap();
        match res.status() {
            StatusCode::UNAUTHORIZED => {}
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert!(refused > 0, "the attacker's address ran out of attempts");
    // The right password from the attacker's address is refused too: the address is spent.
    let res = attacker
        .post(app.url("/api/v1/sessions"))
        .json(&json!({"username": "owner", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // The owner, at home, gets in: slowed a little, never locked out.
    let started = Instant::now();
    let res = client_from(1)
        .post(app.url("/api/v1/sessions"))
        .json(&json!({"username": "owner", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert!(started.elapsed() < Duration::from_secs(5));
    // And the browser form works the same way.
    let res = crate::helpers::browser()
        .post(app.url("/signin"))
        .form(&[("username", "owner"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

/// Counts warnings from the app (a minimal subscriber: nothing is recorded but the count).
#[derive(Clone, Default)]
struct Warnings(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl tracing::Subscriber for Warnings {
    fn enabled(&self, m: &tracing::Metadata<'_>) -> bool {
        *m.level() == tracing::Level::WARN && m.target().starts_with("kintsugi_app")
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, _: &tracing::Event<'_>) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// A reset from the command line reaches a running server's cache of sessions only after a
/// moment; in that moment the old session's writes are refused, never acknowledged and
/// sealed with the discarded key.
#[tokio::test]
async fn a_write_racing_a_reset_is_refused_not_lost() {
    let app = spawn_app().await;
    let alex = app.account("alex").await;
    // The server now knows the session (its cache holds it for a second).
    assert_eq!(app.me(&alex).await.0, StatusCode::OK);
    let admin = AppState::new(app.store.clone(), WebConfig::default());
    accounts::admin_reset_password(&admin, "alex", NEW_PASSWORD)
        .await
        .unwrap();
    let (s, body) = app
        .add_reflection(&alex, json!({"text": "written as the reset happened"}))
        .await;
    assert_eq!(
        s,
        StatusCode::UNAUTHORIZED,
        "refused, not acknowledged: {body}"
    );
    // Nothing was stored to turn up sealed and unreadable later.
    let (_, token) = app
        .sign_in(json!({"username": "alex", "password": NEW_PASSWORD}))
        .await;
    let fresh = token["token"].as_str().unwrap();
    assert_eq!(app.reflections(fresh).await.1, json!([]));
    let web = crate::helpers::browser();
    app.signin_form(&web, "alex", NEW_PASSWORD).await;
    assert!(
        !app.page(&web, "/roots")
            .await
            .contains("could not be opened")
    );
}
