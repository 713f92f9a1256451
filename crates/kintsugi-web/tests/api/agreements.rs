//! Step 4, Agreements, over HTTP: in force only once both say yes, changes too, every version
//! kept, retired not deleted; the partner/stranger matrix and bad input for every endpoint.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

// The agreements endpoints, one helper each.
crate::endpoints! {
    agreements => GET "/api/v1/agreements";
    agreement => GET "/api/v1/agreements/{id}", id;
    propose_agreement => POST "/api/v1/agreements", body;
    agreement_versions => GET "/api/v1/agreements/{id}/versions", id;
    amend_agreement => POST "/api/v1/agreements/{id}/versions", id, body;
    accept_agreement => POST "/api/v1/agreements/{id}/acceptance", id, body;
    decline_agreement => POST "/api/v1/agreements/{id}/refusal", id, body;
    retire_agreement => POST "/api/v1/agreements/{id}/retirement", id, body;
}

fn terms(agreement: &str) -> Value {
    json!({
        "category": "contact_with_others",
        "agreement": agreement,
        "acceptable": "Friendly messages about work.",
        "not_acceptable": "Meeting alone without telling each other.",
        "if_crossed": "We talk about it calmly within a day.",
        "review_on": "2031-01-01"
    })
}

#[tokio::test]
async fn an_agreement_is_in_force_only_once_both_say_yes() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (s, a) = app
        .propose_agreement(&alex, terms("We tell each other when an ex gets in touch."))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    assert_eq!(
        (a["status"].as_str(), a["your_turn"].as_bool()),
        (Some("proposed"), Some(false))
    );
    let id = id_of(&a);
    // The proposer can't accept their own; the partner sees it waiting for them.
    let (s, err) = app
        .accept_agreement(&alex, &id, json!({"version": 1}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(says(&err, "your own proposal"));
    let (_, seen) = app.agreement(&sam, &id).await;
    assert_eq!(seen["your_turn"], true);
    assert_eq!(waiting(&app.inbox(&sam).await.1), ["agreement_to_answer"]);
    let (s, accepted) = app.accept_agreement(&sam, &id, json!({"version": 1})).await;
    assert_eq!(
        (
            s,
            accepted["status"].as_str(),
            accepted["in_force"].as_u64()
        ),
        (StatusCode::OK, Some("in_force"), Some(1))
    );
    assert_eq!(app.inbox(&sam).await.1, json!([]));
    // A change needs both too; the version in force stands meanwhile.
    let (s, changing) = app
        .amend_agreement(
            &sam,
            &id,
            terms("We tell each other within a day when an ex gets in touch."),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{changing}");
    assert_eq!(
        (
            changing["status"].as_str(),
            changing["in_force"].as_u64(),
            changing["pending"].as_u64()
        ),
        (Some("changing"), Some(1), Some(2))
    );
    // Alex counters; Sam's yes to version 2 (what Sam read) no longer fits.
    app.amend_agreement(&alex, &id, terms("We tell each other the same evening."))
        .await;
    let (s, err) = app.accept_agreement(&sam, &id, json!({"version": 2})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(says(&err, "isn't the one waiting"), "{err}");
    let (s, now) = app.accept_agreement(&sam, &id, json!({"version": 3})).await;
    assert_eq!((s, now["in_force"].as_u64()), (StatusCode::OK, Some(3)));
    // Every version is kept, with who proposed and accepted it.
    let (_, versions) = app.agreement_versions(&alex, &id).await;
    let who: Vec<(u64, &str, Option<&str>)> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["number"].as_u64().unwrap(),
                v["proposed_by"].as_str().unwrap(),
                v["accepted_by"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        who,
        [
            (1, "You", Some("sam D")),
            (2, "sam D", None),
            (3, "You", Some("sam D"))
        ]
    );
    // Retired, not deleted: nothing more fits.
    let (s, retired) = app
        .retire_agreement(&sam, &id, json!({"note": "We've grown past it."}))
        .await;
    assert_eq!(
        (s, retired["status"].as_str()),
        (StatusCode::OK, Some("retired"))
    );
    for (s, _) in [
        app.accept_agreement(&alex, &id, json!({"version": 3}))
            .await,
        app.amend_agreement(&alex, &id, terms("Again")).await,
        app.retire_agreement(&alex, &id, json!({})).await,
    ] {
        assert_eq!(s, StatusCode::CONFLICT);
    }
    assert_eq!(app.agreements(&alex).await.1[0]["status"], "retired");
    // A stranger gets nothing, and can do nothing.
    assert_eq!(app.agreements(&casey).await.1, json!([]));
    for (s, _) in [
        app.agreement(&casey, &id).await,
        app.agreement_versions(&casey, &id).await,
        app.accept_agreement(&casey, &id, json!({"version": 3}))
            .await,
        app.amend_agreement(&casey, &id, terms("Mine now")).await,
        app.retire_agreement(&casey, &id, json!({})).await,
    ] {
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn bad_agreements_are_refused_and_store_nothing() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let mut past = terms("Fine");
    past["review_on"] = json!("2020-01-01");
    let mut unknown = terms("Fine");
    unknown["category"] = json!("surveillance");
    let mut no_date = terms("Fine");
    no_date.as_object_mut().unwrap().remove("review_on");
    let cases = [
        (
            terms(""),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("agreement"),
        ),
        (
            terms(&"x".repeat(1001)),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("agreement"),
        ),
        (
            terms("a\u{0}b"),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("agreement"),
        ),
        (past, StatusCode::UNPROCESSABLE_ENTITY, Some("review_on")),
        (unknown, StatusCode::BAD_REQUEST, None),
        (no_date, StatusCode::BAD_REQUEST, None),
    ];
    for (body, status, field) in cases {
        let (s, err) = app.propose_agreement(&alex, body.clone()).await;
        assert_eq!(s, status, "{body}");
        if let Some(f) = field {
            assert_eq!(err["error"]["field"], f, "{err}");
        }
    }
    assert_eq!(app.agreements(&alex).await.1, json!([]));
    // Someone not in a couple can't propose one.
    let solo = app.account("solo").await;
    let (s, _) = app.propose_agreement(&solo, terms("Just me")).await;
    assert_eq!(s, StatusCode::CONFLICT);
    // Bad steps change nothing either.
    let (_, a) = app
        .propose_agreement(&alex, terms("We keep our phones unlocked on the table."))
        .await;
    let id = id_of(&a);
    for body in [json!({}), json!({"version": "one"}), json!({"version": 9})] {
        let (s, _) = app.accept_agreement(&sam, &id, body.clone()).await;
        assert!(s.is_client_error(), "{body}: {s}");
    }
    let (s, _) = app
        .retire_agreement(&sam, &id, json!({"note": "x".repeat(501)}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, same) = app.agreement(&alex, &id).await;
    assert_eq!(
        (
            same["status"].as_str(),
            same["versions"].as_array().unwrap().len()
        ),
        (Some("proposed"), 1)
    );
}

#[tokio::test]
async fn a_review_date_is_never_due_at_once_and_comes_on_each_clock() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    // Alex in New York, Sam in Kiritimati, a day or so ahead: Alex's "today" has already
    // passed on Sam's clock, so it is refused, as is Sam's today; nothing is stored.
    let zone = |z: &str| json!({"time_zone": z});
    app.change_me(&alex, zone("America/New_York")).await;
    app.change_me(&sam, zone("Pacific/Kiritimati")).await;
    let day = |tz: jiff::tz::TimeZone, plus: i64| {
        let today = jiff::Timestamp::now().to_zoned_datetime(tz).date();
        today
            .checked_add(jiff::Span::new().days(plus))
            .unwrap()
            .to_string()
    };
    let new_york = || jiff::tz::TimeZone::get("America/New_York").unwrap();
    let kiritimati = || jiff::tz::TimeZone::get("Pacific/Kiritimati").unwrap();
    for too_soon in [day(new_york(), 0), day(kiritimati(), 0)] {
        let mut t = terms("We check in every Sunday evening.");
        t["review_on"] = json!(too_soon);
        let (s, err) = app.propose_agreement(&alex, t).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{too_soon}: {err}");
        assert!(says(&err, "still to come for both of you"), "{err}");
    }
    assert_eq!(app.agreements(&alex).await.1, json!([]));
    // Both in Pago Pago (UTC-11): the first day that works is tomorrow; it isn't due for either.
    app.change_me(&alex, zone("Pacific/Pago_Pago")).await;
    app.change_me(&sam, zone("Pacific/Pago_Pago")).await;
    let pago_pago = || jiff::tz::TimeZone::get("Pacific/Pago_Pago").unwrap();
    let mut t = terms("We check in every Sunday evening.");
    t["review_on"] = json!(day(pago_pago(), 1));
    let (s, a) = app.propose_agreement(&alex, t).await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    let id = id_of(&a);
    app.accept_agreement(&sam, &id, json!({"version": 1})).await;
    for who in [&alex, &sam] {
        assert_eq!(app.agreement(who, &id).await.1["review_due"], false);
    }
    // The day comes on each person's own clock: Alex moves to Kiritimati, 25 hours ahead,
    // where it has already come; on Sam's clock it hasn't yet.
    app.change_me(&alex, zone("Pacific/Kiritimati")).await;
    let (_, seen) = app.agreement(&alex, &id).await;
    assert_eq!(seen["review_due"], true, "{seen}");
    assert!(
        seen["summary"]
            .as_str()
            .unwrap()
            .contains("time to revisit")
    );
    assert_eq!(app.agreement(&sam, &id).await.1["review_due"], false);
}

#[tokio::test]
async fn the_agreement_pages_work_without_javascript() {
    let (app, alex) = couple_in_a_browser().await;
    let sam = app.signed_in_browser("sam").await;
    // Every problem at once, by its field; what was typed stays.
    let empty = [
        ("category", "privacy"),
        ("agreement", ""),
        ("review_on", "2020-01-01"),
        ("action", "send"),
    ];
    let res = app.form(&alex, "/agreements", &empty).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"agreement-error\"") && html.contains("id=\"review_on-error\""));
    // An unknown category is refused, never guessed.
    let res = app
        .form(
            &alex,
            "/agreements",
            &[
                ("category", "spying"),
                ("agreement", "x"),
                ("review_on", "2031-01-01"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // The coach reads a controlling proposal and says why, before anything is sent.
    let control = [
        ("category", "privacy"),
        (
            "agreement",
            "You will share your location with me at all times.",
        ),
        ("review_on", "2031-01-01"),
        ("action", "check"),
    ];
    let html = app.form_text(&alex, "/agreements", &control).await;
    assert!(
        html.contains("surveillance") && html.contains("offered freely"),
        "{html}"
    );
    assert!(
        html.contains("You will share your location with me at all times."),
        "kept"
    );
    let fields = [
        ("category", "privacy"),
        (
            "agreement",
            "We each keep a journal the other doesn't read.",
        ),
        ("review_on", "2031-06-01"),
        ("action", "send"),
    ];
    let res = app.form(&alex, "/agreements", &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = header(res.headers(), "location").to_string();
    let id = id_after(&to, "/agreements/");
    // Sam accepts the version on the page.
    let page = app.page(&sam, &format!("/agreements/{id}")).await;
    assert!(page.contains("Accept this version") && page.contains("name=\"version\" value=\"1\""));
    let accept = format!("/agreements/{id}/accept");
    let res = app.form(&sam, &accept, &[("version", "1")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // The same form again (a replay, a second tab) changes nothing.
    let res = app.form(&sam, &accept, &[("version", "1")]).await;
    assert_eq!(
        res.status(),
        StatusCode::CONFLICT,
        "a replayed form changes nothing"
    );
    let page = app.page(&alex, "/agreements").await;
    assert!(page.contains("In force: you both agreed."));
    let res = app
        .form(&alex, &format!("/agreements/{id}/retire"), &[("note", "")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        app.page(&sam, &format!("/agreements/{id}"))
            .await
            .contains("Retired by")
    );
}

#[tokio::test]
async fn a_demand_for_control_can_be_declined_with_a_word_on_why() {
    let (app, alex_web) = couple_in_a_browser().await;
    let sam_web = app.signed_in_browser("sam").await;
    let alex = app.account_token("alex").await;
    let sam = app.account_token("sam").await;
    let casey = app.account_token("casey").await;
    let demand = "You will share your location with me at all times.";
    let (_, a) = app.propose_agreement(&alex, terms(demand)).await;
    let id = id_of(&a);
    // The one it was proposed to reads why a demand like this harms trust, and what could be
    // offered instead: the explanation its author saw.
    let page = app.page(&sam_web, &format!("/agreements/{id}")).await;
    assert!(page.contains("id=\"control-note\""), "{page}");
    assert!(page.contains("offered freely") && page.contains("Instead of access"));
    assert!(page.contains("action=\"/agreements/") && page.contains("/decline\""));
    assert!(
        !page.contains("Set this proposal aside"),
        "the one asked declines it"
    );
    // Its author doesn't get that reading on their own proposal, and can't decline it.
    let own = app.page(&alex_web, &format!("/agreements/{id}")).await;
    assert!(!own.contains("id=\"control-note\"") && !own.contains("/decline\""));
    let (s, err) = app
        .decline_agreement(&alex, &id, json!({"version": 1}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(says(&err, "nothing to decline"), "{err}");
    // Bad input changes nothing: a note too long, a version that isn't waiting, a stranger.
    let long = json!({"version": 1, "note": "x".repeat(501)});
    let (s, _) = app.decline_agreement(&sam, &id, long).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = app
        .decline_agreement(&sam, &id, json!({"version": 2}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = app
        .decline_agreement(&casey, &id, json!({"version": 1}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app
        .decline_agreement(&sam, &id, json!({"note": "no version"}))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "a missing field");
    assert_eq!(app.agreement(&alex, &id).await.1["status"], "proposed");
    // Sam declines on the page, with a few words; Alex hears of it.
    let note = "I'd rather we both offered to say where we are.";
    let decline = format!("/agreements/{id}/decline");
    let res = app
        .form(&sam_web, &decline, &[("version", "1"), ("note", note)])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let told = app.inbox(&alex).await.1;
    assert_eq!(waiting(&told), ["agreement_news"]);
    assert!(
        told[0]["words"]
            .as_str()
            .unwrap()
            .contains("declined the agreement")
    );
    let (_, a) = app.agreement(&alex, &id).await;
    assert_eq!(
        app.inbox(&alex).await.1,
        json!([]),
        "read, so no longer waiting"
    );
    assert_eq!(
        (a["status"].as_str(), a["in_force"].as_u64()),
        (Some("declined"), None)
    );
    assert_eq!(a["versions"][0]["declined_by"], "sam D");
    assert_eq!(a["versions"][0]["decline_note"], note);
    assert!(summary_says(&a, "sam D declined it"), "{a}");
    // The same form again (a replay) changes nothing.
    let res = app
        .form(&sam_web, &decline, &[("version", "1"), ("note", note)])
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    // Never in force, so it is set aside, not "no longer in force".
    let page = app.page(&alex_web, &format!("/agreements/{id}")).await;
    assert!(page.contains("Set this proposal aside") && !page.contains("Retire this agreement"));
    assert!(page.contains("proposed by you") && !page.contains("proposed by You"));
    let (_, a) = app
        .retire_agreement(&alex, &id, json!({"note": "Fair enough."}))
        .await;
    assert!(
        summary_says(
            &a,
            "Set aside before it was ever in force by you: “Fair enough.” It stays"
        ),
        "{a}"
    );
    // A declined change leaves the version in force as it was.
    let (_, b) = app
        .propose_agreement(&alex, terms("We tell each other when an ex gets in touch."))
        .await;
    let b = id_of(&b);
    app.accept_agreement(&sam, &b, json!({"version": 1})).await;
    app.amend_agreement(&alex, &b, terms("We tell each other within the hour."))
        .await;
    let page = app.page(&sam_web, &format!("/agreements/{b}")).await;
    assert!(page.contains("In force now") && page.contains("The change waiting for an answer"));
    assert!(
        page.contains("<span class=\"tag\">changed</span>"),
        "{page}"
    );
    let (s, b) = app.decline_agreement(&sam, &b, json!({"version": 2})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(
        (b["status"].as_str(), b["in_force"].as_u64()),
        (Some("in_force"), Some(1))
    );
    assert!(summary_says(&b, "You declined the latest change"), "{b}");
}

fn summary_says(a: &Value, words: &str) -> bool {
    a["summary"].as_str().unwrap_or_default().contains(words)
}
