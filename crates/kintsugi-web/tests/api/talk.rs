//! Step 2, Talk, over HTTP: planning in turns, breaks, private ratings, and bad input.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

// The talk endpoints, one helper each.
crate::endpoints! {
    talks => GET "/api/v1/talks";
    propose => POST "/api/v1/talks", body;
    talk => GET "/api/v1/talks/{id}", id;
    answer_talk => POST "/api/v1/talks/{id}/responses", id, body;
    pause => POST "/api/v1/talks/{id}/pauses", id, body;
    rate_talk => PUT "/api/v1/talks/{id}/reflection", id, body;
    talk_rating => GET "/api/v1/talks/{id}/reflection", id;
    talk_ratings => GET "/api/v1/talks/ratings";
}

async fn propose(app: &TestApp, token: &str) -> Value {
    let (s, talk) = app
        .propose(
            token,
            json!({"topic": "How we handle late nights", "time": "2030-11-28T19:30"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{talk}");
    talk
}

/// Proposes the usual talk and returns its id.
async fn proposed_id(app: &TestApp, token: &str) -> String {
    propose(app, token).await["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A talk Alex proposes for this very minute and Sam accepts: it has begun.
async fn talk_now(app: &TestApp, alex: &str, sam: &str) -> String {
    talk_begun(app, alex, sam, 0).await
}

/// A talk Alex proposes for `ago` minutes ago (at most a few) and Sam accepts.
async fn talk_begun(app: &TestApp, alex: &str, sam: &str, ago: i64) -> String {
    let (s, t) = app
        .propose(alex, json!({"topic": "Right now", "time": clock(-ago)}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let id = t["id"].as_str().unwrap().to_string();
    let (s, t) = app
        .answer_talk(sam, &id, json!({"response": "accept"}))
        .await;
    assert_eq!(
        (s, t["begun"].as_bool()),
        (StatusCode::OK, Some(true)),
        "{t}"
    );
    id
}

#[tokio::test]
async fn partners_plan_a_talk_in_turns() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let talk = propose(&app, &alex).await;
    assert_eq!(
        (talk["status"].as_str(), talk["your_turn"].as_bool()),
        (Some("proposed"), Some(false))
    );
    let id = talk["id"].as_str().unwrap();
    // Accepting your own proposal is refused and changes nothing.
    let (s, err) = app
        .answer_talk(&alex, &id, json!({"response": "accept"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(says(&err, "your own proposal"));
    // The partner sees it and proposes another time.
    let (_, seen) = app.talk(&sam, &id).await;
    assert_eq!(
        (seen["topic"].as_str(), seen["your_turn"].as_bool()),
        (Some("How we handle late nights"), Some(true))
    );
    let (s, countered) = app.answer_talk(&sam, &id, json!({"response": "counter", "time": "2030-11-29T10:00", "note": "Mornings are calmer for me."}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (countered["time"].as_str(), countered["your_turn"].as_bool()),
        (Some("2030-11-29T10:00"), Some(false))
    );
    let (s, _) = app
        .answer_talk(&sam, &id, json!({"response": "accept"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "now it's Sam's own proposal");
    let (s, agreed) = app
        .answer_talk(&alex, &id, json!({"response": "accept"}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (agreed["status"].as_str(), agreed["time"].as_str()),
        (Some("agreed"), Some("2030-11-29T10:00"))
    );
    let (_, for_sam) = app.talk(&sam, &id).await;
    assert_eq!(for_sam["status"], "agreed");
    // A stranger learns nothing, not even that the talk exists.
    for path in [
        format!("/api/v1/talks/{id}"),
        format!("/api/v1/talks/{id}/reflection"),
    ] {
        let (s, _) = app.get_json(&path, &casey).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
    let (s, _) = app
        .answer_talk(&casey, &id, json!({"response": "accept"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list) = app.talks(&casey).await;
    assert_eq!(list, json!([]));
}

#[tokio::test]
async fn a_break_is_seen_at_once_and_lasts_at_least_twenty_minutes() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    // Breaks open when the agreed time comes, not before.
    let later = proposed_id(&app, &alex).await;
    app.answer_talk(&sam, &later, json!({"response": "accept"}))
        .await;
    let (s, err) = app.pause(&sam, &later, json!({"minutes": 30})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(says(&err, "opens when your talk begins"), "{err}");
    let (_, seen) = app.talk(&alex, &later).await;
    assert_eq!(seen["pauses"], json!([]));
    let id = talk_now(&app, &alex, &sam).await;
    let (s, err) = app.pause(&sam, &id, json!({"minutes": 10})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(says(&err, "at least 20 minutes"));
    let (s, _) = app.pause(&casey, &id, json!({"minutes": 30})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.pause(&sam, &id, json!({"minutes": 30})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, seen) = app.talk(&alex, &id).await;
    assert_eq!(seen["pauses"].as_array().unwrap().len(), 1);
    assert_eq!(
        (
            seen["pauses"][0]["by"].as_str(),
            seen["pauses"][0]["minutes"].as_u64()
        ),
        (Some("partner"), Some(30))
    );
    // A second break while Sam's own is still running doesn't stack, and changes nothing; Alex
    // may still call one of their own.
    let (s, err) = app.pause(&sam, &id, json!({"minutes": 30})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(says(&err, "still running"));
    let (s, _) = app.pause(&alex, &id, json!({"minutes": 20})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, seen) = app.talk(&sam, &id).await;
    assert_eq!(seen["pauses"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_time_in_another_year_is_shown_with_its_year() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let (_, t) = app
        .propose(
            &alex,
            json!({"topic": "Next summer", "time": "2031-06-01T11:00"}),
        )
        .await;
    assert!(
        t["summary"]
            .as_str()
            .unwrap()
            .contains("Sunday 1 June 2031, 11:00"),
        "{t}"
    );
    let id = t["id"].as_str().unwrap();
    let (_, seen) = app.talk(&sam, id).await;
    assert!(seen["summary"].as_str().unwrap().contains("2031"), "{seen}");
}

#[tokio::test]
async fn after_talk_ratings_stay_private() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let mine =
        json!({"felt_heard": 2, "stayed_calm": 4, "turned_into_fight": false, "about_past": true});
    // Not before the talk: a proposal, even an agreed one, can't be rated yet.
    let later = proposed_id(&app, &alex).await;
    let (s, _) = app.rate_talk(&alex, &later, mine.clone()).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = app.talk_rating(&alex, &later).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "nothing was stored");
    let id = talk_now(&app, &alex, &sam).await;
    let (s, _) = app.rate_talk(&alex, &id, mine.clone()).await;
    assert_eq!(s, StatusCode::OK);
    let (s, got) = app.talk_rating(&alex, &id).await;
    assert_eq!((s, got), (StatusCode::OK, mine));
    // Sam gets nothing of Alex's answers.
    let (s, _) = app.talk_rating(&sam, &id).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Updating replaces the answers; bad ratings are refused and change nothing.
    let changed =
        json!({"felt_heard": 4, "stayed_calm": 4, "turned_into_fight": false, "about_past": false});
    app.rate_talk(&alex, &id, changed.clone()).await;
    for bad in [
        json!({"felt_heard": 6, "stayed_calm": 4, "turned_into_fight": false, "about_past": false}),
        json!({"felt_heard": 0, "stayed_calm": 4, "turned_into_fight": false, "about_past": false}),
        json!({"felt_heard": 3}),
    ] {
        let (s, _) = app.rate_talk(&alex, &id, bad.clone()).await;
        assert!(s.is_client_error(), "{bad}");
    }
    assert_eq!(app.talk_rating(&alex, &id).await.1, changed);
    let alex_user = app.store.user_by_username("alex").await.unwrap().unwrap();
    let viewer = kintsugi_domain::Viewer {
        user: alex_user.id,
        couple: None,
    };
    let stored = app
        .store
        .records(&viewer, "talk_reflection", kintsugi_store::Window::ALL)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1, "one reflection per person per talk");
}

#[tokio::test]
async fn bad_talks_are_refused_and_store_nothing() {
    let app = spawn_app().await;
    let solo = app.account("robin").await;
    let (s, err) = app
        .propose(&solo, json!({"topic": "Us", "time": "2030-11-28T19:30"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(says(&err, "paired"));
    let (alex, _, _) = app.couple_and_stranger().await;
    let cases = [
        (
            json!({"topic": "", "time": "2030-11-28T19:30"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"topic": "x".repeat(1001), "time": "2030-11-28T19:30"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"topic": "Us", "time": "soon"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (json!({"topic": "Us"}), StatusCode::BAD_REQUEST),
    ];
    for (body, status) in cases {
        let (s, _) = app.propose(&alex, body.clone()).await;
        assert_eq!(s, status, "{body}");
    }
    assert_eq!(app.talks(&alex).await.1, json!([]));
    let id = proposed_id(&app, &alex).await;
    let (s, _) = app
        .answer_talk(&alex, &id, json!({"response": "maybe"}))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = app
        .answer_talk(&alex, "not-an-id", json!({"response": "accept"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_coach_reads_a_topic_before_it_is_sent_without_javascript() {
    let (app, alex) = couple_in_a_browser().await;
    let html = app
        .form_text(
            &alex,
            "/talks",
            &[
                ("topic", "Why you never listen to me"),
                ("time", "2030-11-28T19:30"),
                ("action", "check"),
            ],
        )
        .await;
    assert!(
        html.contains("Criticism"),
        "findings appear under the field"
    );
    assert!(
        html.contains("Why you never listen to me</textarea>"),
        "the draft is kept"
    );
    assert!(!html.contains("Your talks"), "checking sends nothing");
    // The author can send anyway.
    let res = app
        .form(
            &alex,
            "/talks",
            &[
                ("topic", "Why you never listen to me"),
                ("time", "2030-11-28T19:30"),
                ("action", "send"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let sam = app.signed_in_browser("sam").await;
    let list = app.page(&sam, "/talks").await;
    assert!(list.contains("Your answer") && list.contains("Why you never listen to me"));
}

#[tokio::test]
async fn a_talk_can_be_moved_withdrawn_or_called_off() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let id = proposed_id(&app, &alex).await;
    // The proposer moves their own time; it still waits for Sam.
    let moved = json!({"response": "counter", "time": "2030-05-04T18:00"});
    let (s, t) = app.answer_talk(&alex, &id, moved).await;
    assert_eq!(
        (s, t["time"].as_str()),
        (StatusCode::OK, Some("2030-05-04T18:00"))
    );
    assert_eq!(app.talk(&sam, &id).await.1["your_turn"], true);
    // Only the proposer withdraws, and a stranger can't even see it.
    let withdraw = json!({"response": "withdraw"});
    let (s, err) = app.answer_talk(&sam, &id, withdraw.clone()).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(says(&err, "Only the one who proposed"));
    let (s, _) = app.answer_talk(&casey, &id, withdraw.clone()).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, t) = app.answer_talk(&alex, &id, withdraw).await;
    assert_eq!(
        (s, t["status"].as_str()),
        (StatusCode::OK, Some("withdrawn"))
    );
    // Nothing waits for Sam's answer any more; Sam hears it was withdrawn, until Sam reads it.
    let (_, told) = app.inbox(&sam).await;
    assert_eq!(waiting(&told), ["talk_news"], "{told}");
    assert!(
        told[0]["words"]
            .as_str()
            .unwrap()
            .contains("withdrew the talk")
    );
    app.talk(&sam, &id).await;
    assert_eq!(app.inbox(&sam).await.1, json!([]), "nothing waits any more");
    // Then it stays as it is.
    let (s, err) = app
        .answer_talk(&sam, &id, json!({"response": "accept"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(says(&err, "called off"));
    // An agreed talk can be called off by either, with a note; then no break, no answer.
    let id = proposed_id(&app, &alex).await;
    app.answer_talk(&sam, &id, json!({"response": "accept"}))
        .await;
    let off = json!({"response": "cancel", "note": "I'm not ready this week."});
    let (s, t) = app.answer_talk(&sam, &id, off).await;
    assert_eq!(
        (s, t["status"].as_str()),
        (StatusCode::OK, Some("cancelled"))
    );
    let (_, seen) = app.talk(&alex, &id).await;
    assert!(
        seen["summary"]
            .as_str()
            .unwrap()
            .contains("called this talk off")
    );
    assert_eq!(seen["events"][1]["note"], "I'm not ready this week.");
    let (s, _) = app.pause(&alex, &id, json!({"minutes": 30})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = app
        .answer_talk(&alex, &id, json!({"response": "cancel"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_talk_page_withdraws_and_calls_off_as_the_api_does() {
    let (app, alex) = couple_in_a_browser().await;
    let fields = [
        ("topic", "Our Sundays"),
        ("time", "2030-05-05T10:00"),
        ("action", "send"),
    ];
    let res = app.form(&alex, "/talks", &fields).await;
    let page = res.headers()["location"].to_str().unwrap().to_string();
    let html = app.page(&alex, &page).await;
    assert!(html.contains("Withdraw my proposal") && html.contains("Call this talk off"));
    let respond = format!("{page}/respond");
    let res = app
        .form(&alex, &respond, &[("action", "withdraw"), ("note", "")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = app.page(&alex, &page).await;
    assert!(html.contains("Withdrawn before it was agreed"), "{html}");
    assert!(!html.contains("Call this talk off"), "nothing more to do");
    let res = app
        .form(&alex, &respond, &[("action", "cancel"), ("note", "")])
        .await;
    assert_eq!(
        res.status(),
        StatusCode::CONFLICT,
        "a replayed form changes nothing"
    );
}

#[tokio::test]
async fn two_breaks_called_at_once_from_two_tabs_show_as_one() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let id = talk_now(&app, &alex, &sam).await;
    let body = json!({"minutes": 30});
    let (a, b) = tokio::join!(
        app.pause(&sam, &id, body.clone()),
        app.pause(&sam, &id, body.clone())
    );
    let created = [a.0, b.0]
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert!(created >= 1, "{:?} {:?}", a.0, b.0);
    for s in [a.0, b.0] {
        assert!(s == StatusCode::CREATED || s == StatusCode::CONFLICT, "{s}");
    }
    let (_, seen) = app.talk(&alex, &id).await;
    assert_eq!(seen["pauses"].as_array().unwrap().len(), 1, "{seen}");
}

#[tokio::test]
async fn the_private_trend_is_only_the_raters_own() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let web = app.signed_in_browser("alex").await;
    assert!(
        !app.page(&web, "/talks")
            .await
            .contains("How your talks have felt")
    );
    let rate = |heard: u8, calm: u8| json!({"felt_heard": heard, "stayed_calm": calm, "turned_into_fight": false, "about_past": false});
    let first = talk_begun(&app, &alex, &sam, 2).await;
    app.rate_talk(&alex, &first, rate(2, 3)).await;
    // One rated talk: words, no chart yet.
    let html = app.page(&web, "/talks").await;
    assert!(html.contains("rated one talk so far"), "{html}");
    assert!(!html.contains("<svg"), "one point is not a trend");
    let second = talk_now(&app, &alex, &sam).await;
    app.rate_talk(&alex, &second, rate(4, 5)).await;
    app.rate_talk(&sam, &second, rate(1, 1)).await;
    let (s, mine) = app.talk_ratings(&alex).await;
    assert_eq!(s, StatusCode::OK);
    let heard: Vec<u64> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rating"]["felt_heard"].as_u64().unwrap())
        .collect();
    assert_eq!(heard, [2, 4], "Alex's own, oldest first, none of Sam's");
    assert_eq!(app.talk_ratings(&sam).await.1.as_array().unwrap().len(), 1);
    assert_eq!(app.talk_ratings(&casey).await.1, json!([]));
    let html = app.page(&web, "/talks").await;
    assert!(
        html.contains("<svg") && html.contains("I felt heard"),
        "the chart"
    );
    assert!(
        html.contains("Across the 2 talks you rated, you felt heard 3.0"),
        "{html}"
    );
    // Sam's page shows Sam's own answer only.
    let sam_web = app.signed_in_browser("sam").await;
    let html = app.page(&sam_web, "/talks").await;
    assert!(
        html.contains("felt heard 1 out of 5") && !html.contains("felt heard 4"),
        "{html}"
    );
}

#[tokio::test]
async fn a_talk_that_has_begun_is_happening_now_and_later_behind_you() {
    let (app, _) = couple_in_a_browser().await;
    let alex = app.account_token("alex").await;
    let sam = app.account_token("sam").await;
    let web = app.signed_in_browser("alex").await;
    let later = app
        .propose(
            &alex,
            json!({"topic": "The summer", "time": clock(24 * 60)}),
        )
        .await
        .1;
    let begun = talk_now(&app, &alex, &sam).await;
    // The section a talk's link sits in, by the section's list id.
    let section = |page: &str, id: &str| {
        let at = page.find(&format!("href=\"/talks/{id}\"")).expect("listed");
        ["id=\"now\"", "id=\"upcoming\"", "id=\"past\""]
            .into_iter()
            .filter_map(|s| page[..at].rfind(s).map(|i| (i, s)))
            .max()
            .map(|(_, s)| s)
            .unwrap()
    };
    let page = app.page(&web, "/talks").await;
    assert_eq!(
        section(&page, &begun),
        "id=\"now\"",
        "begun, so not coming up"
    );
    assert_eq!(section(&page, id_of(&later).as_str()), "id=\"upcoming\"");
    // Four hours on (this thread's clock, which the server under test shares), it's behind you.
    kintsugi_app::move_clock_for_tests(4 * 3600);
    let page = app.page(&web, "/talks").await;
    assert_eq!(section(&page, &begun), "id=\"past\"");
    assert_eq!(section(&page, id_of(&later).as_str()), "id=\"upcoming\"");
}

/// Both answer the same state at once (Sam accepts while Alex withdraws): one wins, the other
/// is told it changed, and the talk reads as the winner left it; a replay of the loser changes
/// nothing either.
#[tokio::test]
async fn two_answers_at_once_have_one_winner() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    for round in 0..6 {
        let (s, v) = app
            .propose(
                &alex,
                json!({"topic": format!("Race {round}"), "time": clock(24 * 60)}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let id = id_of(&v);
        let accept = app.answer_talk(&sam, &id, json!({"response": "accept"}));
        let withdraw = app.answer_talk(&alex, &id, json!({"response": "withdraw"}));
        let ((s1, a), (s2, b)) = tokio::join!(accept, withdraw);
        assert!(
            s1.is_success() != s2.is_success(),
            "one winner: {s1} {a} / {s2} {b}"
        );
        let lost = if s1.is_success() { s2 } else { s1 };
        assert_eq!(lost, StatusCode::CONFLICT);
        let (_, t) = app.talk(&alex, &id).await;
        let status = t["status"].as_str().unwrap();
        match s1.is_success() {
            true => assert_eq!(status, "agreed", "{t}"),
            false => assert_eq!(status, "withdrawn", "{t}"),
        }
        assert_eq!(
            t["events"].as_array().unwrap().len(),
            1,
            "one answer stored: {t}"
        );
    }
}
