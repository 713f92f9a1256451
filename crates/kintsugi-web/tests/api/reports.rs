//! A report for a therapist over HTTP: asked by one, made only with the other's yes, holding
//! only what both could read (and what each chose to add), opened through a secret link by
//! someone with no account, every open listed for both; ended links, withdrawn consent, an
//! expired link and a couple that ended open nothing; bad input changes nothing.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

crate::endpoints! {
    reports => GET "/api/v1/reports";
    ask_report => POST "/api/v1/reports", body;
    report => GET "/api/v1/reports/{id}", id;
    report_document => GET "/api/v1/reports/{id}/document", id;
    consent_report => POST "/api/v1/reports/{id}/consent", id;
    decline_report => POST "/api/v1/reports/{id}/decline", id;
    withdraw_report => POST "/api/v1/reports/{id}/withdraw", id;
    add_indicators => POST "/api/v1/reports/{id}/indicators", id, body;
    make_link => POST "/api/v1/reports/{id}/links", id, body;
}

fn day(offset_days: i64) -> String {
    let secs = kintsugi_app::now() + offset_days * 86_400;
    kintsugi_domain::Zone::utc().format(secs, "%Y-%m-%d")
}

/// What someone with the link and no account sees: status and page.
async fn open(app: &TestApp, path: &str) -> (StatusCode, String) {
    let res = reqwest::Client::new()
        .get(app.url(path))
        .send()
        .await
        .unwrap();
    let status = res.status();
    assert_eq!(
        res.headers()["cache-control"],
        "no-store",
        "a report is never cached"
    );
    (status, res.text().await.unwrap())
}

fn live_path(report: &Value) -> String {
    let links = report["links"].as_array().unwrap();
    let live = links.iter().rev().find(|l| l["live"] == true).unwrap();
    live["path"].as_str().unwrap().to_string()
}

/// Alex and Sam share a reflection and a request for reassurance; each keeps something
/// private. Returns the report Alex asked for, over the last week.
async fn with_shared_history(app: &TestApp, alex: &str, sam: &str) -> String {
    let shared = json!({"prompt": "when_unsafe", "text": "Since the trip in May, SHARED-ROOT.", "visibility": "shared"});
    let (s, _) = app.post("/api/v1/reflections", alex, shared).await;
    assert_eq!(s, StatusCode::CREATED);
    let private = json!({"prompt": "partner_or_past", "text": "PRIVATE-ROOT of mine."});
    app.post("/api/v1/reflections", alex, private).await;
    let (s, r) = app
        .post(
            "/api/v1/reassurance-requests",
            sam,
            json!({"text": "Could you text me when you land? SHARED-ASK"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let path = format!("/api/v1/reassurance-requests/{}/answers", id_of(&r[0]));
    app.post(
        &path,
        alex,
        json!({"text": "Of course, I will. SHARED-ANSWER"}),
    )
    .await;
    // A promise Alex keeps and Sam confirms, day by day.
    let today = clock(0)[..10].to_string();
    let promise = json!({"text": "I'll text when I leave work. SHARED-PROMISE", "every": "daily", "day": today});
    let (s, p) = app.post("/api/v1/promises", alex, promise).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let days = format!("/api/v1/promises/{}/occurrences", id_of(&p));
    let kept = json!({"day": today, "kept": true, "note": ""});
    let (s, v) = app.post(&days, alex, kept.clone()).await;
    assert!(s.is_success(), "{v}");
    let confirm = days.replace("occurrences", "confirmations");
    let (s, v) = app.post(&confirm, sam, kept).await;
    assert!(s.is_success(), "{v}");
    let entry =
        json!({"kind": "other", "situation": "PRIVATE-FEAR at night.", "before": 7, "after": 4});
    app.post("/api/v1/triggers", sam, entry).await;
    let (s, r) = app
        .ask_report(alex, json!({"from": day(-7), "to": day(0)}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!(r["stage"], "asked");
    id_of(&r)
}

#[tokio::test]
async fn a_report_is_made_only_with_both_and_holds_only_what_both_could_read() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let id = with_shared_history(&app, &alex, &sam).await;

    // Sam is told, in the inbox; Casey sees nothing of it.
    let (_, inbox) = app.inbox(&sam).await;
    assert!(
        waiting(&inbox).contains(&"report_to_answer".to_string()),
        "{inbox}"
    );
    for (path, who) in [(format!("/api/v1/reports/{id}"), &casey)] {
        let (s, _) = app.get(path, who).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
    assert_eq!(app.reports(&casey).await.1, json!([]));
    assert_eq!(
        app.consent_report(&casey, &id).await.0,
        StatusCode::NOT_FOUND
    );

    // No link before Sam agrees; Alex can't agree for Sam.
    let (s, v) = app.make_link(&alex, &id, json!({"days": 7})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    let (s, v) = app.consent_report(&alex, &id).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(says(&v, "your own request"), "{v}");

    let (s, v) = app.consent_report(&sam, &id).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["stage"], "consented");
    // A replayed answer changes nothing.
    let (s, _) = app.decline_report(&sam, &id).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(app.report(&alex, &id).await.1["stage"], "consented");
    let (_, inbox) = app.inbox(&alex).await;
    assert!(
        waiting(&inbox).contains(&"report_answered".to_string()),
        "{inbox}"
    );

    // Sam adds one of their own measures; nothing of Alex's is added.
    let (_, offered) = app.get("/api/v1/reports/indicators", &sam).await;
    let name = offered[0].as_str().unwrap().to_string();
    let (s, v) = app
        .add_indicators(&sam, &id, json!({"indicators": [name.clone()]}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["added"][0]["names"][0], name.as_str());

    // The link: the report both could read, with no account.
    let (s, v) = app.make_link(&sam, &id, json!({"days": 7})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let path = live_path(&v);
    let (s, page) = open(&app, &path).await;
    assert_eq!(s, StatusCode::OK);
    for shared in [
        "SHARED-ROOT",
        "SHARED-ASK",
        "SHARED-ANSWER",
        "SHARED-PROMISE",
        "Kept, confirmed.",
        &name,
        "alex D",
        "sam D",
    ] {
        assert!(page.contains(shared), "{shared} is in the report");
    }
    for private in [
        "PRIVATE-ROOT",
        "PRIVATE-FEAR",
        "Quick exit",
        "/static/app.js",
    ] {
        assert!(!page.contains(private), "{private} is not in it");
    }
    // Alex sees the same link, and the open, as Sam does.
    for who in [&alex, &sam] {
        let (_, r) = app.report(who, &id).await;
        assert_eq!(live_path(&r), path);
        assert_eq!(r["links"][0]["opens"].as_array().unwrap().len(), 1, "{r}");
    }
    // The document as it reads now holds the same.
    let (_, doc) = app.report_document(&alex, &id).await;
    assert!(doc.to_string().contains("SHARED-ASK") && !doc.to_string().contains("PRIVATE"));

    // Ended by Alex: it opens nothing, and says nothing of why.
    let link_id = app.report(&alex, &id).await.1["links"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, _) = app
        .call(
            reqwest::Method::DELETE,
            format!("/api/v1/reports/{id}/links/{link_id}"),
            Some(&casey),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "a stranger can't end it");
    let (s, _) = app
        .call(
            reqwest::Method::DELETE,
            format!("/api/v1/reports/{id}/links/{link_id}"),
            Some(&alex),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, gone) = open(&app, &path).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(!gone.contains("SHARED") && !gone.contains("alex D"));
    let (s, unknown) = open(&app, "/report/not-a-real-link").await;
    assert_eq!(
        (s, unknown),
        (StatusCode::NOT_FOUND, gone),
        "one answer for every dead link"
    );

    // A new link, then consent withdrawn by Sam: every link ends at once.
    let (_, v) = app.make_link(&alex, &id, json!({})).await;
    let second = live_path(&v);
    assert_eq!(open(&app, &second).await.0, StatusCode::OK);
    let (s, v) = app.withdraw_report(&sam, &id).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["stage"], "withdrawn");
    assert_eq!(open(&app, &second).await.0, StatusCode::NOT_FOUND);
    let (s, _) = app.make_link(&alex, &id, json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (_, inbox) = app.inbox(&alex).await;
    assert!(
        waiting(&inbox).contains(&"report_withdrawn".to_string()),
        "{inbox}"
    );
    // Every open stays listed for both.
    let (_, r) = app.report(&alex, &id).await;
    let opens: usize = r["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["opens"].as_array().unwrap().len())
        .sum();
    assert_eq!(opens, 2, "{r}");
}

#[tokio::test]
async fn a_link_expires_and_ends_with_the_couple() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let id = with_shared_history(&app, &alex, &sam).await;
    app.consent_report(&sam, &id).await;
    let (_, v) = app.make_link(&alex, &id, json!({"days": 1})).await;
    let short = live_path(&v);
    let (_, v) = app.make_link(&alex, &id, json!({"days": 30})).await;
    let long = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["path"].as_str().unwrap().to_string())
        .find(|p| *p != short)
        .unwrap();
    kintsugi_app::move_clock_for_tests(86_400 + 60);
    assert_eq!(open(&app, &short).await.0, StatusCode::NOT_FOUND, "expired");
    assert_eq!(open(&app, &long).await.0, StatusCode::OK);
    let (_, r) = app.report(&sam, &id).await;
    let live = r["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["live"] == true)
        .count();
    assert_eq!(live, 1, "{r}");
    // Sam leaves: no link of the couple opens any more, and the former partner can still
    // read where it stood.
    app.leave(&sam).await;
    assert_eq!(open(&app, &long).await.0, StatusCode::NOT_FOUND);
    let (s, r) = app.report(&alex, &id).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(r["closed"], true);
    assert_eq!(
        app.withdraw_report(&alex, &id).await.0,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn bad_requests_change_nothing() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    for (body, field) in [
        (json!({"from": day(-3), "to": day(2)}), "to"),
        (json!({"from": day(0), "to": day(-3)}), "from"),
        (json!({"from": day(-800), "to": day(0)}), "from"),
        (json!({"from": "yesterday", "to": day(0)}), "from"),
        (json!({"from": day(-3), "to": ""}), "to"),
    ] {
        let (s, v) = app.ask_report(&alex, body.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {v}");
        assert_eq!(v["error"]["field"], field, "{v}");
    }
    let (s, _) = app.ask_report(&alex, json!({"from": day(-3)})).await;
    assert!(s.is_client_error(), "a missing field");
    let (s, v) = app
        .ask_report(&casey, json!({"from": day(-3), "to": day(0)}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "alone: {v}");
    assert_eq!(app.reports(&alex).await.1, json!([]), "nothing was asked");

    let id = with_shared_history(&app, &alex, &sam).await;
    app.consent_report(&sam, &id).await;
    for days in [json!(0), json!(31)] {
        let (s, v) = app.make_link(&alex, &id, json!({"days": days})).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert_eq!(v["error"]["field"], "days");
    }
    for names in [json!([]), json!(["Not a measure of mine"])] {
        let (s, v) = app
            .add_indicators(&alex, &id, json!({"indicators": names}))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    }
    let (_, r) = app.report(&alex, &id).await;
    assert_eq!(r["links"], json!([]));
    assert_eq!(r["added"], json!([]));
    let long = "x".repeat(5000);
    let res = reqwest::Client::new()
        .get(app.url(&format!("/report/{long}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_pages_ask_answer_and_refuse_clearly() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let (alex_web, sam_web) = (
        app.signed_in_browser("alex").await,
        app.signed_in_browser("sam").await,
    );
    // A future last day: the Support page again, with the field's message; nothing asked.
    let res = app
        .form(
            &alex_web,
            "/support/reports",
            &[("from", day(-3)), ("to", day(3))],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("to-error") && page.contains("after today"),
        "{page}"
    );
    assert_eq!(app.reports(&alex).await.1, json!([]));
    // Asked: to the request's page.
    let res = app
        .form(
            &alex_web,
            "/support/reports",
            &[("from", day(-3)), ("to", day(0))],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        to.starts_with("/support/reports/") && to.ends_with("?done=asked"),
        "{to}"
    );
    let path = to.split('?').next().unwrap().to_string();
    let page = app.page(&sam_web, &path).await;
    assert!(page.contains("I agree"), "Sam is asked");
    assert!(
        !app.page(&alex_web, &path).await.contains("I agree"),
        "Alex isn't"
    );
    // Sam agrees; the same form again (a replay) is refused and changes nothing.
    let res = app
        .form(&sam_web, &format!("{path}/consent"), &[("", "")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app
        .form(&sam_web, &format!("{path}/decline"), &[("", "")])
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let id = path.rsplit('/').next().unwrap();
    assert_eq!(app.report(&sam, id).await.1["stage"], "consented");
    // A link from the page; too many days is refused beside its field.
    let res = app
        .form(&alex_web, &format!("{path}/links"), &[("days", "45")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("days-error"));
    let res = app
        .form(&alex_web, &format!("{path}/links"), &[("days", "10")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = app.page(&sam_web, &path).await;
    assert!(page.contains("/report/"), "Sam sees the link too");
    assert!(page.contains("Not opened yet."));
    // The printable report, for either of them; not for anyone signed out.
    let res = app.visit(&sam_web, &format!("{path}/print")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("report.css"));
    let res = app.visit(&browser(), &format!("{path}/print")).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "signed out: to sign in"
    );
    // No such action.
    let res = app
        .form(&alex_web, &format!("{path}/explode"), &[("", "")])
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
