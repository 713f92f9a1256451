//! Reminders: the settings and their refusals, an address confirmed once through a real SMTP
//! server on loopback, discreet reminders that keep quiet hours and stop with one click, a mail
//! server in trouble, the safety check turning e-mail off, and the calendar feed read back by
//! another parser.

use std::time::Duration;

use kintsugi_store_tests::mailbox::{Mail, Mailbox};
use kintsugi_web::reminders::worker;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

crate::endpoints! {
    reminders => GET "/api/v1/reminders";
    put_reminders => PUT "/api/v1/reminders", body;
    put_email => PUT "/api/v1/email", body;
    forget_email => DELETE "/api/v1/email";
    calendar => GET "/api/v1/calendar";
    new_calendar => POST "/api/v1/calendar";
    stop_calendar => DELETE "/api/v1/calendar";
}

const PUBLIC: &str = "http://kintsugi.test";

/// An app that sends e-mail to a mailbox of its own.
async fn mail_app() -> (TestApp, Mailbox) {
    let mailbox = Mailbox::start();
    let url = mailbox.url();
    let app = spawn_configured(tempfile::tempdir().unwrap(), move |c| {
        let mailer =
            kintsugi_web::reminders::mail::Mailer::new(&url, "Kintsugi <kintsugi@test.example>")
                .expect("a mailer");
        c.mail = Some(std::sync::Arc::new(mailer));
        c.public_url = PUBLIC.into();
    })
    .await;
    (app, mailbox)
}

/// One worker round at `now`.
async fn round(app: &TestApp, now: i64) -> worker::Round {
    worker::round(&app.state, now, None).await.expect("a round")
}

/// The path of the first link to this server in a mail that contains `part`.
fn link_in(mail: &Mail, part: &str) -> String {
    let text = mail.text();
    let start = text.find(&format!("{PUBLIC}{part}")).expect("the link") + PUBLIC.len();
    text[start..].split_whitespace().next().unwrap().to_string()
}

fn valid(version: &Value) -> Value {
    json!({"kinds": ["talk", "promise", "inbox"], "daily_at": "18:30",
        "quiet_hours": {"from": "22:00", "to": "07:00"}, "time_zone": "Europe/London",
        "email": false, "calendar_titles": "neutral", "version": version})
}

#[tokio::test]
async fn settings_start_gentle_and_refuse_what_makes_no_sense() {
    let app = spawn_app().await;
    let (alex, _, _) = app.couple_and_stranger().await;
    let (s, r) = app.reminders(&alex).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(
        (
            r["email"]["on"].as_bool(),
            r["email"]["available"].as_bool()
        ),
        (Some(false), Some(false))
    );
    assert_eq!(r["daily_at"], "19:00");
    assert_eq!(r["quiet_hours"], json!({"from": "22:00", "to": "08:00"}));
    assert_eq!(r["calendar_titles"], "neutral");
    let kinds: Vec<&str> = r["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        kinds.contains(&"talk") && kinds.contains(&"inbox"),
        "{kinds:?}"
    );
    assert!(
        !kinds.contains(&"checkin"),
        "a daily e-mail only when asked for"
    );
    let offered: Vec<&str> = r["choices"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    for k in [
        "talk",
        "promise",
        "agreement_review",
        "moment",
        "checkin",
        "inbox",
    ] {
        assert!(offered.contains(&k), "{k} offered: {offered:?}");
    }

    let (s, saved) = app.put_reminders(&alex, valid(&r["version"])).await;
    assert_eq!(s, StatusCode::OK, "{saved}");
    assert_eq!(
        (saved["daily_at"].as_str(), saved["time_zone"].as_str()),
        (Some("18:30"), Some("Europe/London"))
    );
    let (_, me) = app.get("/api/v1/me", &alex).await;
    assert_eq!(
        me["time_zone"], "Europe/London",
        "one zone for the whole account"
    );

    // Each refused with a clear 4xx, and nothing changes.
    let v = saved["version"].clone();
    let mut cases: Vec<(Value, StatusCode, Option<&str>)> = Vec::new();
    let mut zone = valid(&v);
    zone["time_zone"] = json!("Mars/Olympus_Mons");
    cases.push((zone, StatusCode::UNPROCESSABLE_ENTITY, Some("time_zone")));
    let mut same = valid(&v);
    same["quiet_hours"] = json!({"from": "22:00", "to": "22:00"});
    cases.push((same, StatusCode::UNPROCESSABLE_ENTITY, Some("quiet_to")));
    let mut late = valid(&v);
    late["daily_at"] = json!("25:00");
    cases.push((late, StatusCode::UNPROCESSABLE_ENTITY, Some("daily_at")));
    let mut odd = valid(&v);
    odd["quiet_hours"] = json!({"from": "7pm", "to": "07:00"});
    cases.push((odd, StatusCode::UNPROCESSABLE_ENTITY, Some("quiet_from")));
    let mut unknown = valid(&v);
    unknown["kinds"] = json!(["talk", "horoscope"]);
    cases.push((unknown, StatusCode::UNPROCESSABLE_ENTITY, Some("kinds")));
    let mut email = valid(&v);
    email["email"] = json!(true);
    cases.push((email, StatusCode::CONFLICT, None));
    cases.push((valid(&json!(0)), StatusCode::CONFLICT, None));
    let mut missing = valid(&v);
    missing.as_object_mut().unwrap().remove("daily_at");
    cases.push((missing, StatusCode::BAD_REQUEST, None));
    let mut extra = valid(&v);
    extra["spy_on"] = json!("sam");
    cases.push((extra, StatusCode::BAD_REQUEST, None));
    let mut long = valid(&v);
    long["daily_at"] = json!("1".repeat(5000));
    cases.push((long, StatusCode::UNPROCESSABLE_ENTITY, Some("daily_at")));
    for (body, status, field) in cases {
        let (s, err) = app.put_reminders(&alex, body.clone()).await;
        assert_eq!(s, status, "{body} → {err}");
        assert!(err["error"]["message"].is_string(), "{err}");
        if let Some(f) = field {
            assert_eq!(err["error"]["field"], f, "{err}");
        }
        let (_, now) = app.reminders(&alex).await;
        assert_eq!(now, saved, "nothing changed by {body}");
    }
    // This server sends no e-mail: asking for a link says so.
    let (s, err) = app
        .put_email(&alex, json!({"address": "alex@example.org"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{err}");
}

#[tokio::test]
async fn an_address_is_confirmed_once_and_reminders_are_discreet_quiet_and_stop_with_one_click() {
    let (app, mailbox) = mail_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let now = kintsugi_app::now();
    // Bad addresses change nothing.
    for bad in [
        json!({"address": "not an address"}),
        json!({"address": ""}),
        json!({"address": format!("{}@example.org", "a".repeat(260))}),
        json!({"addr": "x@example.org"}),
    ] {
        let (s, err) = app.put_email(&alex, bad.clone()).await;
        let structural = bad.get("address").is_none();
        let want = if structural {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        assert_eq!(s, want, "{bad} → {err}");
    }
    assert_eq!(
        app.reminders(&alex).await.1["email"]["waiting"],
        Value::Null
    );
    let (s, _) = app
        .put_email(&alex, json!({"address": "alex@example.org"}))
        .await;
    assert_eq!(s, StatusCode::ACCEPTED);
    // Something waits for Alex, but the address isn't confirmed: only the link goes out.
    let (s, _) = app
        .post_json(
            "/api/v1/talks",
            Some(&sam),
            json!({"topic": "PRIVATE-TOPIC the money worries", "time": "2030-11-28T19:30"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let r = round(&app, now).await;
    assert_eq!(r.sent, 1, "{r:?}");
    let mails = mailbox.mails();
    assert_eq!(
        mails.len(),
        1,
        "nothing to an unconfirmed address but its link"
    );
    assert_eq!(mails[0].to, vec!["alex@example.org".to_string()]);
    assert_eq!(
        mails[0].header("Subject").as_deref(),
        Some("Confirm your address for Kintsugi")
    );
    let confirm = link_in(&mails[0], "/email/confirm/");
    let page = reqwest::get(app.url(&confirm)).await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Your address is confirmed")
    );
    let again = reqwest::get(app.url(&confirm)).await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "a link works once");
    let (_, r) = app.reminders(&alex).await;
    assert_eq!(
        (r["email"]["on"].as_bool(), r["email"]["address"].as_str()),
        (Some(true), Some("alex@example.org"))
    );

    // Quiet hours around this moment (UTC, Alex's zone): the reminder waits for them to end.
    let minute = |offset: i64| {
        let m = ((now + offset * 60).rem_euclid(86_400)) / 60;
        format!("{:02}:{:02}", m / 60, m % 60)
    };
    let mut quiet = valid(&r["version"]);
    quiet["time_zone"] = json!("UTC");
    quiet["email"] = json!(true);
    quiet["quiet_hours"] = json!({"from": minute(-30), "to": minute(60)});
    let (s, body) = app.put_reminders(&alex, quiet).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let r = round(&app, now).await;
    assert_eq!((r.sent, mailbox.mails().len()), (0, 1), "quiet: {r:?}");
    let r = round(&app, now + 61 * 60).await;
    assert_eq!(r.sent, 1, "after quiet hours: {r:?}");
    let mails = mailbox.mails();
    let reminder = &mails[1];
    assert_eq!(
        reminder.header("Subject").as_deref(),
        Some("Something is waiting for you in Kintsugi")
    );
    let text = reminder.text();
    for secret in ["PRIVATE", "money", "sam", "Sam", "talk", "Talk"] {
        assert!(
            !text.contains(secret) && !reminder.data.contains(secret),
            "{secret} in {}",
            reminder.data
        );
    }
    assert!(text.contains(&format!("{PUBLIC}/#waiting")), "{text}");
    let off = link_in(reminder, "/email/off/");
    assert_eq!(
        reminder.header("List-Unsubscribe"),
        Some(format!("<{PUBLIC}{off}>"))
    );
    // Planned again, on any node: nothing new.
    assert_eq!(round(&app, now + 62 * 60).await, worker::Round::default());
    // A forged off link does nothing; the real one turns e-mail off without signing in.
    let forged = reqwest::get(app.url(&format!("{}x", &off[..off.len() - 1])))
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.reminders(&alex).await.1["email"]["on"], true);
    let page = reqwest::get(app.url(&off)).await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(app.reminders(&alex).await.1["email"]["on"], false);
    // Something new for Alex: no e-mail now.
    app.post_json(
        "/api/v1/talks",
        Some(&sam),
        json!({"topic": "Another", "time": "2030-12-01T19:30"}),
    )
    .await;
    round(&app, now + 3 * 3600).await;
    assert_eq!(mailbox.mails().len(), 2, "e-mail is off");
    // Forgotten: no address, nothing waiting, and e-mail can't be turned on.
    assert_eq!(app.forget_email(&alex).await.0, StatusCode::NO_CONTENT);
    let (_, r) = app.reminders(&alex).await;
    assert_eq!(
        (r["email"]["address"].clone(), r["email"]["on"].clone()),
        (Value::Null, json!(false))
    );
    let mut on = valid(&r["version"]);
    on["email"] = json!(true);
    assert_eq!(app.put_reminders(&alex, on).await.0, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_mail_server_in_trouble_leaves_the_job_for_later_and_the_app_working() {
    let (app, mailbox) = mail_app().await;
    let (alex, _, _) = app.couple_and_stranger().await;
    let now = kintsugi_app::now();
    mailbox.refuse(true);
    app.put_email(&alex, json!({"address": "alex@example.org"}))
        .await;
    let r = round(&app, now).await;
    assert_eq!((r.sent, r.later), (0, 1), "{r:?}");
    let jobs = app.store.jobs_like("confirm:").await.unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(
        (jobs[0].outcome.as_deref(), jobs[0].attempts),
        (None, 1),
        "kept, not lost"
    );
    let why = jobs[0].last_error.clone().unwrap();
    assert!(why.contains("refused") && !why.contains("alex"), "{why}");
    assert_eq!(
        app.reminders(&alex).await.0,
        StatusCode::OK,
        "the app works"
    );
    mailbox.refuse(false);
    assert_eq!(
        round(&app, now + 30).await.sent,
        0,
        "not before its backoff"
    );
    let r = round(&app, now + 3600).await;
    assert_eq!(r.sent, 1, "{r:?}");
    assert_eq!(mailbox.mails().len(), 1, "once");
}

#[tokio::test]
async fn danger_in_a_safety_check_turns_email_off_until_the_person_turns_it_on() {
    let (app, mailbox) = mail_app().await;
    let (alex, _, _) = app.couple_and_stranger().await;
    app.put_email(&alex, json!({"address": "alex@example.org"}))
        .await;
    round(&app, kintsugi_app::now()).await;
    let mails = mailbox.wait_for(1, Duration::from_secs(5)).await;
    let confirm = link_in(&mails[0], "/email/confirm/");
    reqwest::get(app.url(&confirm)).await.unwrap();
    assert_eq!(app.reminders(&alex).await.1["email"]["on"], true);
    let danger = json!({"answers": {"hurt": "often", "threatened": "often", "insulted": "often",
        "afraid": "often", "money": "never", "contacts": "never", "phone": "never",
        "movements": "never"}, "priorities": [], "keep": false});
    let (s, r) = app
        .post_json("/api/v1/safety-check", Some(&alex), danger)
        .await;
    assert_eq!(
        (s, r["danger"].as_bool()),
        (StatusCode::OK, Some(true)),
        "{r}"
    );
    let (_, r) = app.reminders(&alex).await;
    assert_eq!(r["email"]["on"], false, "off after danger");
    assert_eq!(
        r["email"]["address"], "alex@example.org",
        "the address stays theirs"
    );
    let mut on = valid(&r["version"]);
    on["email"] = json!(true);
    let (s, r) = app.put_reminders(&alex, on).await;
    assert_eq!(
        (s, r["email"]["on"].as_bool()),
        (StatusCode::OK, Some(true)),
        "{r}"
    );
}

#[tokio::test]
async fn the_calendar_feed_reads_back_as_rfc_5545_and_holds_only_what_is_yours() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    // A talk both agreed on (due for both), Alex's daily promise, and Sam's own promise.
    let (_, t) = app
        .post_json(
            "/api/v1/talks",
            Some(&alex),
            json!({"topic": "SECRET-TOPIC", "time": "2030-11-28T19:30"}),
        )
        .await;
    let id = t["id"].as_str().unwrap();
    let (s, _) = app
        .post_json(
            &format!("/api/v1/talks/{id}/responses"),
            Some(&sam),
            json!({"response": "accept"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let today = clock(0)[..10].to_string();
    let (s, _) = app
        .post_json(
            "/api/v1/promises",
            Some(&alex),
            json!({"text": "SECRET-PROMISE", "every": "weekly", "day": today, "days": [1, 4]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    app.post_json(
        "/api/v1/promises",
        Some(&sam),
        json!({"text": "SAMS-OWN", "every": "daily", "day": today}),
    )
    .await;
    assert_eq!(app.calendar(&alex).await.1, json!({"url": null}));
    let (s, made) = app.new_calendar(&alex).await;
    assert_eq!(s, StatusCode::CREATED, "{made}");
    let url = made["url"].as_str().unwrap().to_string();
    assert_eq!(
        app.calendar(&alex).await.1["url"],
        url.as_str(),
        "shown again"
    );
    assert_eq!(
        app.calendar(&casey).await.1["url"],
        Value::Null,
        "a stranger has their own"
    );
    let path = url
        .strip_prefix("http://127.0.0.1:8080")
        .unwrap()
        .to_string();
    let read = |path: String| {
        let app = &app;
        async move {
            let res = reqwest::get(app.url(&path)).await.unwrap();
            let status = res.status();
            let kind = res
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_string());
            (status, kind, res.text().await.unwrap())
        }
    };
    let (s, kind, text) = read(path.clone()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(kind.as_deref(), Some("text/calendar; charset=utf-8"));
    for secret in ["SECRET", "SAMS-OWN", "sam", "Talk"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let events = parse(&text);
    assert_eq!(
        events.len(),
        2,
        "the talk and Alex's promise, not Sam's: {text}"
    );
    assert!(
        events.iter().all(|e| e["SUMMARY"] == "Appointment"),
        "{events:?}"
    );
    let talk = events
        .iter()
        .find(|e| e["DTSTART"].contains('T'))
        .expect("the timed talk");
    assert_eq!(talk["DTSTART"], "20301128T193000Z");
    let promise = events
        .iter()
        .find(|e| e.contains_key("RRULE"))
        .expect("the promise");
    assert_eq!(promise["RRULE"], "FREQ=WEEKLY;BYDAY=MO,TH");
    // Plain titles name things, with the partner's name.
    let (_, r) = app.reminders(&alex).await;
    let mut plain = valid(&r["version"]);
    plain["calendar_titles"] = json!("plain");
    plain["time_zone"] = json!("UTC");
    assert_eq!(app.put_reminders(&alex, plain).await.0, StatusCode::OK);
    let events = parse(&read(path.clone()).await.2);
    let titles: Vec<&str> = events.iter().map(|e| e["SUMMARY"].as_str()).collect();
    assert!(
        titles.contains(&"Talk with sam D") && titles.contains(&"Your promise"),
        "{titles:?}"
    );
    // A new address: the old one stops at once; stopping ends the new one.
    let (_, again) = app.new_calendar(&alex).await;
    let newer = again["url"]
        .as_str()
        .unwrap()
        .strip_prefix("http://127.0.0.1:8080")
        .unwrap()
        .to_string();
    assert_ne!(newer, path);
    assert_eq!(
        read(path.clone()).await.0,
        StatusCode::NOT_FOUND,
        "the old address"
    );
    assert_eq!(read(newer.clone()).await.0, StatusCode::OK);
    assert_eq!(app.stop_calendar(&alex).await.0, StatusCode::NO_CONTENT);
    assert_eq!(read(newer).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        read("/calendar/not-a-feed.ics".into()).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        read(format!("/calendar/{}.ics", "x".repeat(5000))).await.0,
        StatusCode::NOT_FOUND
    );
}

/// The events of a feed as read by the `ical` crate (not the one that wrote it): each event's
/// properties by name.
fn parse(text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = reader.next().expect("a calendar").expect("it parses");
    assert!(reader.next().is_none(), "one calendar");
    cal.events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn the_reminders_page_saves_and_refuses_with_the_reason_beside_the_field() {
    let app = spawn_app().await;
    app.account("alex").await;
    let web = app.signed_in_browser("alex").await;
    let page = web.get(app.url("/account/reminders")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("doesn't send e-mail"),
        "no SMTP here, said plainly"
    );
    let form = |quiet_to: &str| {
        vec![
            ("version", "0".to_string()),
            ("kinds", "talk".to_string()),
            ("kinds", "checkin".to_string()),
            ("daily_at", "07:45".to_string()),
            ("quiet", "on".to_string()),
            ("quiet_from", "21:00".to_string()),
            ("quiet_to", quiet_to.to_string()),
            ("titles", "plain".to_string()),
        ]
    };
    let refused = web
        .post(app.url("/account/reminders"))
        .form(&form("21:00"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("id=\"quiet_to-error\""),
        "said beside the field"
    );
    let token = app.account_token("alex").await;
    assert_eq!(
        app.reminders(&token).await.1["version"],
        0,
        "nothing changed"
    );
    let saved = web
        .post(app.url("/account/reminders"))
        .form(&form("06:30"))
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (_, r) = app.reminders(&token).await;
    assert_eq!(r["kinds"], json!(["talk", "checkin"]));
    assert_eq!(r["quiet_hours"], json!({"from": "21:00", "to": "06:30"}));
    assert_eq!(r["calendar_titles"], "plain");
    // The same form again names a version that is gone: refused, nothing changed.
    let stale = web
        .post(app.url("/account/reminders"))
        .form(&form("05:00"))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    assert_eq!(app.reminders(&token).await.1["quiet_hours"]["to"], "06:30");
    // No SMTP: an address is refused, and the page says why.
    let email = web
        .post(app.url("/account/reminders/email"))
        .form(&[("address", "alex@example.org")])
        .send()
        .await
        .unwrap();
    assert_eq!(email.status(), StatusCode::CONFLICT);
    // The calendar from the page: made, shown, replaced, stopped.
    for (path, shown) in [
        ("/account/reminders/calendar", true),
        ("/account/reminders/calendar", true),
        ("/account/reminders/calendar/stop", false),
    ] {
        let res = web.post(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        let html = web
            .get(app.url("/account/reminders"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(html.contains("id=\"feed\""), shown, "{path}");
    }
    // Signed out: no page, no change.
    let anon = browser();
    let res = anon
        .get(app.url("/account/reminders"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = anon
        .post(app.url("/account/reminders/calendar"))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error() || res.status().is_redirection());
    assert_eq!(app.calendar(&token).await.1["url"], Value::Null);
}
