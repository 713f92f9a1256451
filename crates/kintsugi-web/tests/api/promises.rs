//! Step 5, Promises, over HTTP: marked by the one who promised, confirmed by the partner,
//! reliability without streaks; the partner/stranger matrix and bad input for every endpoint.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

// The promises endpoints, one helper each.
crate::endpoints! {
    promises => GET "/api/v1/promises";
    get_promise => GET "/api/v1/promises/{id}", id;
    make_promise => POST "/api/v1/promises", body;
    promise_occurrences => GET "/api/v1/promises/{id}/occurrences", id;
    report_promise => POST "/api/v1/promises/{id}/occurrences", id, body;
    confirm_promise => POST "/api/v1/promises/{id}/confirmations", id, body;
    promise_reliability => GET "/api/v1/promises/reliability";
}

fn today() -> String {
    clock(0)[..10].to_string()
}

fn daily(text: &str) -> Value {
    json!({"text": text, "every": "daily", "day": today()})
}

#[tokio::test]
async fn promises_are_marked_confirmed_and_count_toward_reliability() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (s, p) = app
        .make_promise(&alex, daily("I'll text you when I leave work."))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let id = id_of(&p);
    assert_eq!(p["occurrences"][0]["status"], "Not marked yet.");
    assert_eq!(p["reliability"], Value::Null);
    let mark = |kept: bool, note: &str| json!({"day": today(), "kept": kept, "note": note});
    // Only the one who promised marks it; only the partner confirms it.
    let (s, _) = app.report_promise(&sam, &id, mark(true, "")).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, err) = app.confirm_promise(&sam, &id, mark(true, "")).await;
    assert_eq!(s, StatusCode::CONFLICT, "nothing marked yet");
    assert!(says(&err, "hasn't marked that day"), "{err}");
    let (s, marked) = app
        .report_promise(&alex, &id, mark(true, "Left at six."))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{marked}");
    assert_eq!(marked["occurrences"][0]["reported"], true);
    let (s, _) = app.confirm_promise(&alex, &id, mark(true, "")).await;
    assert_eq!(s, StatusCode::CONFLICT, "not one's own");
    assert_eq!(waiting(&app.inbox(&sam).await.1), ["promise_to_confirm"]);
    // They may disagree: both answers stay; the partner's counts.
    let (s, seen) = app
        .confirm_promise(&sam, &id, mark(false, "I didn't get a text."))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let day = &seen["occurrences"][0];
    assert_eq!(
        (
            day["reported"].as_bool(),
            day["confirmed"].as_bool(),
            day["counts"].as_bool()
        ),
        (Some(true), Some(false), Some(false))
    );
    assert!(
        day["status"]
            .as_str()
            .unwrap()
            .contains("; you said missed. Both are kept here"),
        "{day}"
    );
    assert_eq!(app.inbox(&sam).await.1, json!([]));
    // The one who promised hears the answer ("missed" in Sam's words) until they open it.
    let (_, told) = app.inbox(&alex).await;
    assert_eq!(waiting(&told), ["promise_confirmed"]);
    let words = told[0]["words"].as_str().unwrap();
    assert!(
        words.contains("of your promise") && words.ends_with("as missed."),
        "{words}"
    );
    app.get_promise(&alex, &id).await;
    assert_eq!(app.inbox(&alex).await.1, json!([]));
    // Changed their mind: the latest answer counts, and reliability moves.
    let (_, seen) = app
        .confirm_promise(&sam, &id, mark(true, "Found it, sorry."))
        .await;
    assert_eq!(seen["occurrences"][0]["counts"], true);
    assert!(seen["reliability"].as_u64().unwrap() > 50, "{seen}");
    let (_, r) = app.promise_reliability(&alex).await;
    assert!(r["overall"].as_u64().unwrap() > 50, "{r}");
    assert_eq!(r["weeks"].as_array().unwrap().len(), 26);
    // One day is too few to say how a promise is kept: no grade, no range, plain words.
    assert_eq!(
        (&seen["keeping"], &seen["range"]),
        (&Value::Null, &Value::Null)
    );
    let words = seen["words"].as_str().unwrap();
    assert_eq!(
        words,
        "Kept 1 of 1 time so far: too few to tell yet how it usually goes."
    );
    assert!(
        r["words"].as_str().unwrap().contains("too few to tell yet"),
        "{r}"
    );
    assert_eq!(r["range"], Value::Null);
    let web = app.signed_in_browser("alex").await;
    let page = app.page(&web, "/promises").await;
    assert!(
        page.contains("too few to tell yet") && !page.contains("Week by week"),
        "{page}"
    );
    assert_eq!(
        app.promise_reliability(&sam).await.1["overall"],
        Value::Null,
        "Sam promised nothing"
    );
    // The partner sees it; a stranger gets nothing and can do nothing.
    assert_eq!(app.promises(&sam).await.1[0]["mine"], false);
    assert_eq!(app.promises(&casey).await.1, json!([]));
    for (s, _) in [
        app.get_promise(&casey, &id).await,
        app.promise_occurrences(&casey, &id).await,
        app.report_promise(&casey, &id, mark(true, "")).await,
        app.confirm_promise(&casey, &id, mark(true, "")).await,
    ] {
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn bad_promises_and_marks_are_refused_and_store_nothing() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let cases = [
        (
            json!({"text": "", "every": "open"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("text"),
        ),
        (
            json!({"text": "x".repeat(4001), "every": "open"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("text"),
        ),
        (
            json!({"text": "Hi", "every": "hourly"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("every"),
        ),
        (
            json!({"text": "Hi", "every": "once", "day": "2020-01-01"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("day"),
        ),
        (
            json!({"text": "Hi", "every": "weekly", "day": today(), "days": []}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("days"),
        ),
        (
            json!({"text": "Hi", "every": "weekly", "day": today(), "days": [9]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("days"),
        ),
        (json!({"text": "Hi"}), StatusCode::BAD_REQUEST, None),
        (
            json!({"text": "Hi", "every": "open", "days": "monday"}),
            StatusCode::BAD_REQUEST,
            None,
        ),
    ];
    for (body, status, field) in cases {
        let (s, err) = app.make_promise(&alex, body.clone()).await;
        assert_eq!(s, status, "{body}");
        if let Some(f) = field {
            assert_eq!(err["error"]["field"], f, "{err}");
        }
    }
    assert_eq!(app.promises(&alex).await.1, json!([]));
    let solo = app.account("solo").await;
    assert_eq!(
        app.make_promise(&solo, daily("Alone")).await.0,
        StatusCode::CONFLICT
    );
    let (_, p) = app
        .make_promise(&alex, daily("Phone away at dinner."))
        .await;
    let id = id_of(&p);
    let marks = [
        json!({"day": "2099-01-01", "kept": true}),
        json!({"day": "2020-01-01", "kept": true}),
        json!({"day": "yesterday", "kept": true}),
        json!({"day": today(), "kept": true, "note": "x".repeat(301)}),
    ];
    for m in marks {
        let (s, _) = app.report_promise(&alex, &id, m.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{m}");
    }
    let (s, _) = app
        .report_promise(&alex, &id, json!({"day": today()}))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "kept is required");
    let (_, same) = app.get_promise(&alex, &id).await;
    assert_eq!(same["occurrences"][0]["reported"], Value::Null);
    let _ = sam;
}

#[tokio::test]
async fn a_promise_from_an_apology_is_a_full_promise() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let (_, apology) = app
        .write_apology(&alex, json!({"what_i_did": "I hid the messages.", "differently": "I'll tell you when my ex writes.", "deliver": true}))
        .await;
    let aid = id_of(&apology);
    let (s, _) = app.promise(&alex, &aid, json!({})).await;
    assert!(s.is_success(), "{s}");
    let (_, list) = app.promises(&alex).await;
    let p = &list[0];
    assert_eq!(
        (p["from_apology"].as_bool(), p["schedule"].as_str()),
        (Some(true), Some("as it comes up"))
    );
    assert_eq!(p["text"], "I'll tell you when my ex writes.");
    // Marked and confirmed like any other.
    let id = id_of(p);
    let (s, _) = app
        .report_promise(&alex, &id, json!({"day": today(), "kept": true}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, seen) = app
        .confirm_promise(&sam, &id, json!({"day": today(), "kept": true}))
        .await;
    assert_eq!(
        (s, seen["occurrences"][0]["counts"].as_bool()),
        (StatusCode::CREATED, Some(true))
    );
}

#[tokio::test]
async fn the_promise_pages_work_without_javascript() {
    let (app, alex) = couple_in_a_browser().await;
    let sam = app.signed_in_browser("sam").await;
    let t = today();
    let weekly = [
        ("text", "A walk together"),
        ("every", "weekly"),
        ("day", t.as_str()),
        ("days", "1"),
        ("days", "4"),
        ("action", "send"),
    ];
    let res = app.form(&alex, "/promises", &weekly).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let bad = [
        ("text", "A walk"),
        ("every", "weekly"),
        ("day", t.as_str()),
        ("days", "mon"),
        ("action", "send"),
    ];
    let res = app.form(&alex, "/promises", &bad).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app
        .form(
            &alex,
            "/promises",
            &[
                ("text", "Call at lunch"),
                ("every", "daily"),
                ("day", t.as_str()),
                ("action", "send"),
            ],
        )
        .await;
    let to = header(res.headers(), "location").to_string();
    let id = id_after(&to, "/promises/");
    let html = app.page(&alex, "/promises").await;
    assert!(html.contains("on Mondays and Thursdays") && html.contains("Call at lunch"));
    let res = app
        .form(
            &alex,
            &format!("/promises/{id}/mark"),
            &[("day", t.as_str()), ("kept", "true"), ("note", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = app.page(&sam, &format!("/promises/{id}")).await;
    assert!(
        page.contains("Marked done; waiting for confirmation.") && page.contains(">Kept</button>")
    );
    let res = app
        .form(
            &sam,
            &format!("/promises/{id}/mark"),
            &[("day", t.as_str()), ("kept", "true"), ("note", "Thank you")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        app.page(&alex, &format!("/promises/{id}"))
            .await
            .contains("Kept, confirmed.")
    );
    assert!(
        app.page(&alex, "/promises")
            .await
            .contains("How your promises are going")
    );
}
