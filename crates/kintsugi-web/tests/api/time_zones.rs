//! Times are instants: typed in the typist's zone, shown in each reader's, never in the past.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

/// Alex in Paris and Sam in Chicago, paired; their API tokens.
async fn far_apart(app: &TestApp) -> (String, String) {
    let (alex, sam) = (app.account("alex").await, app.account("sam").await);
    for (t, zone) in [(&alex, "Europe/Paris"), (&sam, "America/Chicago")] {
        let (s, me) = app.change_me(t, json!({"time_zone": zone})).await;
        assert_eq!((s, me["time_zone"].as_str()), (StatusCode::OK, Some(zone)));
    }
    let (_, invite) = app.invite(&alex).await;
    let (s, _) = app.join(&sam, json!({"code": invite["code"]})).await;
    assert_eq!(s, StatusCode::OK);
    (alex, sam)
}

#[tokio::test]
async fn one_time_reads_on_each_partners_clock() {
    let app = spawn_app().await;
    let (alex, sam) = far_apart(&app).await;
    let (s, t) = app
        .propose(
            &alex,
            json!({"topic": "Winter plans", "time": "2030-11-28T19:30"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    assert_eq!(
        (t["time"].as_str(), t["starts_at"].as_str()),
        (Some("2030-11-28T19:30"), Some("2030-11-28T19:30:00+01:00"))
    );
    let id = t["id"].as_str().unwrap();
    let (_, seen) = app.talk(&sam, id).await;
    assert_eq!(
        (seen["time"].as_str(), seen["starts_at"].as_str()),
        (Some("2030-11-28T12:30"), Some("2030-11-28T12:30:00-06:00"))
    );
    assert!(
        seen["summary"].as_str().unwrap().contains("12:30"),
        "{seen}"
    );
    // Sam's counter is typed on Sam's clock and read on Alex's.
    let (s, _) = app
        .answer_talk(
            &sam,
            id,
            json!({"response": "counter", "time": "2030-11-29T09:00"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, seen) = app.talk(&alex, id).await;
    assert_eq!(seen["time"].as_str(), Some("2030-11-29T16:00"), "{seen}");
    // An instant with its own offset is taken as it is.
    let (_, t) = app
        .propose(
            &sam,
            json!({"topic": "Exact", "time": "2030-12-01T18:00:00Z"}),
        )
        .await;
    assert_eq!(t["time"].as_str(), Some("2030-12-01T12:00"), "{t}");
    // Pages show the reader's clock, with no UTC anywhere.
    let web = app.signed_in_browser("alex").await;
    let html = app.page(&web, &format!("/talks/{id}")).await;
    assert!(html.contains("16:00") && !html.contains("UTC"), "{html}");
}

#[tokio::test]
async fn a_time_in_the_past_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let (alex, sam) = far_apart(&app).await;
    for time in ["2020-01-01T10:00", &clock(-60 * 24)] {
        let (s, err) = app
            .propose(&alex, json!({"topic": "Too late", "time": time}))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{time}");
        assert!(says(&err, "in the past"), "{err}");
        assert_eq!(err["error"]["field"], "time", "{err}");
    }
    assert_eq!(app.talks(&alex).await.1, json!([]));
    // A counter in the past changes nothing either.
    let (_, t) = app
        .propose(&alex, json!({"topic": "Soon", "time": "2030-11-28T19:30"}))
        .await;
    let id = t["id"].as_str().unwrap();
    let (s, err) = app
        .answer_talk(
            &sam,
            id,
            json!({"response": "counter", "time": "2021-03-03T10:00"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(says(&err, "in the past"), "{err}");
    let (_, seen) = app.talk(&alex, id).await;
    assert_eq!(seen["events"], json!([]));
    // The minute just gone is now, not the past: "let's talk now" works (sent as an instant,
    // since `clock` reads UTC and Alex is in Paris).
    let (s, _) = app
        .propose(
            &alex,
            json!({"topic": "Now", "time": format!("{}:00Z", clock(-1))}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    // The page says it in words, by the field.
    let web = app.signed_in_browser("alex").await;
    let res = app
        .form(
            &web,
            "/talks",
            &[
                ("topic", "Too late"),
                ("time", "2020-01-01T10:00"),
                ("action", "send"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("is in the past"), "{html}");
}

#[tokio::test]
async fn talks_ahead_come_first_and_those_behind_are_done() {
    let app = spawn_app().await;
    let (alex, sam) = far_apart(&app).await;
    let mut ids = Vec::new();
    for (topic, time) in [
        ("Later", "2031-01-10T10:00"),
        ("Sooner", "2030-06-10T10:00"),
        ("Off", "2030-05-01T10:00"),
    ] {
        let (_, t) = app
            .propose(&alex, json!({"topic": topic, "time": time}))
            .await;
        ids.push(t["id"].as_str().unwrap().to_string());
    }
    app.answer_talk(&sam, &ids[2], json!({"response": "cancel"}))
        .await;
    let (_, list) = app.talks(&sam).await;
    let order: Vec<(&str, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["topic"].as_str().unwrap(), t["done"].as_bool().unwrap()))
        .collect();
    assert_eq!(order, [("Sooner", false), ("Later", false), ("Off", true)]);
    let web = app.signed_in_browser("sam").await;
    let html = app.page(&web, "/talks").await;
    let (ahead, behind) = (
        html.find("Coming up").unwrap(),
        html.find("Behind you").unwrap(),
    );
    let at = |topic: &str| html.find(&format!(">{topic}</a>")).unwrap();
    assert!(ahead < at("Sooner") && at("Sooner") < at("Later") && at("Later") < behind);
    assert!(behind < at("Off"), "a talk called off is behind you");
}

#[tokio::test]
async fn a_time_zone_must_be_a_real_one_everywhere() {
    let app = spawn_app().await;
    // Sign-up over the API: a zone that isn't one is refused, and no account is made.
    let bad = json!({"username": "alex", "display_name": "Alex", "password": PASSWORD, "time_zone": "Mars/Olympus"});
    let (s, err) = app.sign_up(bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["error"]["field"], "time_zone", "{err}");
    assert!(!app.has_account("alex").await);
    let good = json!({"username": "alex", "display_name": "Alex", "password": PASSWORD, "time_zone": "Asia/Tokyo"});
    assert_eq!(app.sign_up(good).await.0, StatusCode::CREATED);
    let (_, session) = app
        .sign_in(json!({"username": "alex", "password": PASSWORD}))
        .await;
    let token = session["token"].as_str().unwrap();
    assert_eq!(app.me(token).await.1["time_zone"], "Asia/Tokyo");
    // Changing it: a bad name or an unknown field is refused and changes nothing.
    for bad in [
        json!({"time_zone": "Nowhere"}),
        json!({"time_zone": ""}),
        json!({"zone": "UTC"}),
    ] {
        let (s, _) = app.change_me(token, bad.clone()).await;
        assert!(s.is_client_error(), "{bad}: {s}");
        assert_eq!(app.me(token).await.1["time_zone"], "Asia/Tokyo");
    }
    let (s, me) = app
        .change_me(token, json!({"quick_exit_ends_session": false}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (
            me["time_zone"].as_str(),
            me["quick_exit_ends_session"].as_bool()
        ),
        (Some("Asia/Tokyo"), Some(false)),
        "what is left out stays"
    );
    // The same rule on the pages: Account's form, and the sign-up form.
    let web = app.signed_in_browser("alex").await;
    let res = app
        .form(
            &web,
            "/account/time-zone",
            &[("time_zone", "Atlantis/Main")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("needs to be a time zone from the list")
    );
    let res = app
        .form(
            &web,
            "/account/time-zone",
            &[("time_zone", "Europe/Lisbon")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.me(token).await.1["time_zone"], "Europe/Lisbon");
    let html = app.page(&web, "/account").await;
    assert!(
        html.contains("<option selected>Europe/Lisbon</option>"),
        "the choice shows"
    );
    let newcomer = browser();
    let fields = [
        ("username", "sam"),
        ("display_name", "Sam"),
        ("password", PASSWORD),
        ("time_zone", "Moon/Base"),
        ("next", "/"),
    ];
    let res = app.form(&newcomer, "/signup", &fields).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!app.has_account("sam").await);
}
