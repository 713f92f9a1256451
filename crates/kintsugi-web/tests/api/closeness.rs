//! Step 7, Closeness, over HTTP: check-ins and prompt answers are revealed after both (on every
//! route the API documents, before and after an edit), "safe" never reaches the partner, one
//! answer each whatever races, time together and appreciations; bad input changes nothing.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Words only an unrevealed answer holds.
const HIDDEN: &str = "hiddenjade";

crate::endpoints! {
    check_in => POST "/api/v1/checkins", body;
    check_ins => GET "/api/v1/checkins";
    draw => POST "/api/v1/prompts", body;
    prompts => GET "/api/v1/prompts";
    answer_prompt => POST "/api/v1/prompts/{id}/answers", id, body;
    skip_prompt => POST "/api/v1/prompts/{id}/skip", id;
    plan => POST "/api/v1/moments", body;
    moments => GET "/api/v1/moments";
    look_back => POST "/api/v1/moments/{id}/look-back", id, body;
    thank => POST "/api/v1/appreciations", body;
    appreciations => GET "/api/v1/appreciations";
}

impl TestApp {
    pub async fn day(&self, t: &str, day: &str) -> Reply {
        self.get(format!("/api/v1/checkins/{day}"), t).await
    }

    pub async fn change_check_in(&self, t: &str, day: &str, body: Value) -> Reply {
        let path = format!("/api/v1/checkins/{day}");
        self.call(reqwest::Method::PUT, path, Some(t), Some(body))
            .await
    }

    /// Everything `t` can read by every documented GET without an id (a day's path asks for
    /// `day`), and the Closeness pages: what must never hold an unrevealed answer.
    pub async fn everything_read_by(&self, t: &str, day: &str) -> String {
        let doc = self.document().await;
        let mut all = String::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            if item.get("get").is_none() || path.contains("{id}") || path.ends_with("openapi.json")
            {
                continue;
            }
            let (_, body) = self.get(path.replace("{day}", day), t).await;
            all.push_str(&body.to_string());
        }
        all
    }
}

fn check_in(note: &str, safe: u8) -> Value {
    json!({"mood": 4, "closeness": 7, "safe": safe, "note": note})
}

#[tokio::test]
async fn a_check_in_is_revealed_only_after_both_and_safe_never_reaches_the_partner() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (s, mine) = app
        .check_in(&alex, check_in(&format!("{HIDDEN} today"), 2))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{mine}");
    let day = mine["day"].as_str().unwrap().to_string();
    assert_eq!(mine["mine"]["safe"], 2);
    assert_eq!(mine["theirs"], Value::Null);
    assert_eq!(mine["they_answered"], false);
    assert_eq!(mine["can_change"], true);
    // Sam learns that Alex checked in, and nothing of what, on any route or page.
    let (_, theirs) = app.day(&sam, &day).await;
    assert_eq!(theirs["they_answered"], true, "{theirs}");
    assert_eq!(theirs["theirs"], Value::Null);
    assert_eq!(waiting(&app.inbox(&sam).await.1), ["checkin"]);
    let seen = app.everything_read_by(&sam, &day).await;
    assert!(
        !seen.contains(HIDDEN) && !seen.contains("\"safe\":"),
        "{seen}"
    );
    let web = app.signed_in_browser("sam").await;
    let page = app.page(&web, "/closeness").await;
    assert!(
        page.contains("alex has checked in for this day")
            || page.contains("has checked in for this day")
    );
    assert!(!page.contains(HIDDEN));
    // Alex changes it while Sam hasn't checked in: still nothing for Sam.
    let changed = check_in(&format!("{HIDDEN} changed"), 3);
    let (s, v) = app.change_check_in(&alex, &day, changed).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["mine"]["safe"], 3);
    let seen = app.everything_read_by(&sam, &day).await;
    assert!(
        !seen.contains(HIDDEN) && !seen.contains("\"safe\":"),
        "{seen}"
    );
    // A stranger learns nothing, not even that Alex checked in.
    let (_, v) = app.day(&casey, &day).await;
    assert_eq!(v["they_answered"], false, "{v}");
    assert!(!app.everything_read_by(&casey, &day).await.contains(HIDDEN));
    // Sam checks in: both see both, without the other's "safe".
    let (s, both) = app.check_in(&sam, check_in("Glad we talked.", 9)).await;
    assert_eq!(s, StatusCode::CREATED, "{both}");
    assert_eq!(both["theirs"]["note"], format!("{HIDDEN} changed"));
    assert!(both["theirs"].get("safe").is_none(), "{both}");
    assert_eq!(both["mine"]["safe"], 9);
    let (_, v) = app.day(&alex, &day).await;
    assert_eq!(v["theirs"]["note"], "Glad we talked.");
    assert!(v["theirs"].get("safe").is_none(), "{v}");
    assert!(
        !app.everything_read_by(&alex, &day)
            .await
            .contains("\"safe\":9")
    );
    // Now Sam could read it, it stays as it is; a later thought goes under it.
    let (s, err) = app
        .change_check_in(&alex, &day, check_in("rewritten", 5))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{err}");
    assert!(says(&err, "stays as it is"), "{err}");
    let (s, v) = app
        .post(
            format!("/api/v1/checkins/{day}/notes"),
            &alex,
            json!({"text": "I felt better after our walk."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, v) = app.day(&sam, &day).await;
    assert_eq!(
        v["theirs"]["notes"][0]["text"],
        "I felt better after our walk."
    );
    assert!(waiting(&app.inbox(&sam).await.1).contains(&"checkin_note".to_string()));
    // A low "safe" offers help to its author alone.
    let alex_web = app.signed_in_browser("alex").await;
    let alex_page = app.page(&alex_web, "/closeness").await;
    assert!(alex_page.contains("You said you don't feel safe"));
    assert!(
        !app.page(&web, "/closeness")
            .await
            .contains("You said you don't feel safe")
    );
}

#[tokio::test]
async fn bad_check_ins_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let today = app.check_in(&alex, check_in("first", 6)).await.1["day"]
        .as_str()
        .unwrap()
        .to_string();
    let before = app.check_ins(&alex).await.1;
    let long = "x".repeat(501);
    for (body, field) in [
        (
            json!({"mood": 0, "closeness": 7, "safe": 5, "day": "2020-01-01"}),
            "day",
        ),
        (json!({"mood": 0, "closeness": 7, "safe": 5}), "mood"),
        (json!({"mood": 3, "closeness": 11, "safe": 5}), "closeness"),
        (json!({"mood": 3, "closeness": 5, "safe": 300}), "safe"),
        (
            json!({"mood": 3, "closeness": 5, "safe": 5, "note": long}),
            "note",
        ),
        (
            json!({"mood": 3, "closeness": 5, "safe": 5, "day": "2999-01-01"}),
            "day",
        ),
        (
            json!({"mood": 3, "closeness": 5, "safe": 5, "day": "yesterday"}),
            "day",
        ),
    ] {
        let (s, err) = app.check_in(&alex, body.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {err}");
        assert_eq!(err["error"]["field"], field, "{body}: {err}");
    }
    let (s, err) = app.check_in(&alex, json!({"mood": 3})).await;
    assert!(s.is_client_error(), "{err}");
    // A second check-in for a day is refused, and says what to do instead.
    let (s, err) = app.check_in(&alex, check_in("second", 6)).await;
    assert_eq!(s, StatusCode::CONFLICT, "{err}");
    assert!(says(&err, "already checked in"), "{err}");
    assert_eq!(app.check_ins(&alex).await.1, before, "nothing changed");
    // Someone without a partner has nobody to check in with; a stranger's day is empty.
    let (s, err) = app.check_in(&casey, check_in("alone", 5)).await;
    assert_eq!(s, StatusCode::CONFLICT, "{err}");
    let (s, err) = app
        .change_check_in(&sam, &today, check_in("not mine", 5))
        .await;
    assert!(s.is_client_error(), "{err}");
    assert_eq!(app.day(&alex, &today).await.1["mine"]["note"], "first");
}

#[tokio::test]
async fn two_tabs_checking_in_at_once_end_with_one_answer_and_a_clear_409() {
    let app = spawn_app().await;
    let (alex, _sam, _) = app.couple_and_stranger().await;
    let tries = (0..6).map(|i| app.check_in(&alex, check_in(&format!("tab {i}"), 5)));
    let answers = futures_util::future::join_all(tries).await;
    let won = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    let lost = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CONFLICT)
        .count();
    assert_eq!((won, lost), (1, 5), "{answers:?}");
    assert_eq!(app.check_ins(&alex).await.1.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn prompt_answers_are_revealed_together_and_no_prompt_repeats() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (s, p) = app.draw(&alex, json!({"depth": "deeper"})).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let id = id_of(&p);
    assert!(p["prompt"].as_str().unwrap().ends_with('?'));
    let (s, err) = app.draw(&sam, json!({"depth": "light"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "one waits first: {err}");
    assert_eq!(waiting(&app.inbox(&sam).await.1), ["prompt_drawn"]);
    let (s, v) = app
        .answer_prompt(&sam, &id, json!({"text": format!("{HIDDEN} answer")}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["theirs"], Value::Null);
    // Alex sees that Sam answered, never what, anywhere.
    let (_, list) = app.prompts(&alex).await;
    assert_eq!(list[0]["they_answered"], true);
    assert!(
        !app.everything_read_by(&alex, "2026-01-01")
            .await
            .contains(HIDDEN)
    );
    assert!(
        !app.everything_read_by(&casey, "2026-01-01")
            .await
            .contains(HIDDEN)
    );
    let (s, err) = app.answer_prompt(&sam, &id, json!({"text": "again"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{err}");
    let (s, v) = app
        .answer_prompt(&alex, &id, json!({"text": "Mine, at last."}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["theirs"]["text"], format!("{HIDDEN} answer"));
    assert_eq!(
        app.prompts(&sam).await.1[0]["theirs"]["text"],
        "Mine, at last."
    );
    // Bad input changes nothing.
    let (s, _) = app.draw(&alex, json!({"depth": "bottomless"})).await;
    assert!(s.is_client_error());
    let (s, err) = app
        .answer_prompt(&casey, &id, json!({"text": "me too"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{err}");
    // Every light prompt once before any comes back; either can set one aside.
    let mut seen = std::collections::BTreeSet::new();
    for i in 0..30 {
        let who = if i % 2 == 0 { &alex } else { &sam };
        let (s, p) = app.draw(who, json!({"depth": "light"})).await;
        assert_eq!(s, StatusCode::CREATED, "{p}");
        assert!(
            seen.insert(p["prompt"].as_str().unwrap().to_string()),
            "{p} came back"
        );
        let (s, v) = app
            .skip_prompt(if i % 2 == 0 { &sam } else { &alex }, id_of(&p))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert!(v["skipped_by"].is_string());
    }
    let paged = app.all_pages("/api/v1/prompts?limit=7", &alex).await;
    assert_eq!(paged.len(), 31, "every prompt once across pages");
}

#[tokio::test]
async fn time_together_is_planned_and_looked_back_on_and_thanks_are_kept() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (s, err) = app
        .plan(&alex, json!({"what": "A walk", "at": clock(-120)}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    let (s, err) = app
        .plan(&alex, json!({"what": "x".repeat(201), "at": clock(60)}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    let (s, m) = app
        .plan(
            &alex,
            json!({"what": "A walk by the river", "at": clock(60)}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    let id = id_of(&m);
    assert_eq!(waiting(&app.inbox(&sam).await.1), ["moment_planned"]);
    let (s, err) = app.look_back(&sam, &id, json!({"went": 5})).await;
    assert_eq!(s, StatusCode::CONFLICT, "not yet: {err}");
    kintsugi_app::move_clock_for_tests(2 * 3600);
    let (s, v) = app
        .look_back(&sam, &id, json!({"went": 5, "line": "Let's do it again."}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["went"], 5);
    let (s, _) = app.look_back(&sam, &id, json!({"went": 4})).await;
    assert_eq!(s, StatusCode::CONFLICT, "once each");
    let (_, list) = app.moments(&alex).await;
    assert_eq!(list[0]["lines"][0]["text"], "Let's do it again.");
    assert!(
        list[0].get("went").is_none(),
        "how it went for Sam is Sam's: {list}"
    );
    assert_eq!(app.moments(&casey).await.1, json!([]));
    let (s, err) = app.look_back(&alex, &id, json!({"went": 9})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    // Appreciations.
    let (s, v) = app
        .thank(&sam, json!({"text": "Thank you for planning the walk."}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert!(waiting(&app.inbox(&alex).await.1).contains(&"appreciation".to_string()));
    assert_eq!(
        app.appreciations(&alex).await.1[0]["text"],
        "Thank you for planning the walk."
    );
    assert_eq!(app.appreciations(&casey).await.1, json!([]));
    let (s, _) = app.thank(&sam, json!({"text": "x".repeat(501)})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = app.thank(&casey, json!({"text": "Thanks!"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "nobody to thank");
    assert_eq!(
        app.appreciations(&alex).await.1.as_array().unwrap().len(),
        1
    );
}

#[tokio::test]
async fn check_ins_come_a_page_at_a_time() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let today = app.check_in(&alex, check_in("today", 5)).await.1["day"]
        .as_str()
        .unwrap()
        .to_string();
    let today: time::Date = time::Date::parse(
        &today,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .unwrap();
    for back in 1..=7 {
        let day = (today - time::Duration::days(back)).to_string();
        for who in [&alex, &sam] {
            let mut body = check_in("a day", 5);
            body["day"] = json!(day);
            let (s, v) = app.check_in(who, body).await;
            assert_eq!(s, StatusCode::CREATED, "{v}");
        }
    }
    let all = app.check_ins(&alex).await.1;
    assert_eq!(
        all.as_array().unwrap().len(),
        15,
        "8 of Alex's, 7 of Sam's revealed"
    );
    let paged = app.all_pages("/api/v1/checkins?limit=4", &alex).await;
    assert_eq!(paged.len(), 15);
    // The week reads on Alex's clock: every day has both, but today Sam's is still to come.
    let (_, d) = app.day(&alex, &today.to_string()).await;
    assert_eq!(
        (d["they_answered"].clone(), d["can_change"].clone()),
        (json!(false), json!(true))
    );
}

#[tokio::test]
async fn in_a_couple_that_ends_unrevealed_stays_unrevealed_and_withdrawing_takes_the_numbers_too() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let today = app
        .check_in(&alex, check_in("Both of us today.", 5))
        .await
        .1["day"]
        .as_str()
        .unwrap()
        .to_string();
    app.check_in(&sam, check_in("Me too.", 5)).await;
    let today_date: time::Date = time::Date::parse(
        &today,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .unwrap();
    let yesterday = (today_date - time::Duration::days(1)).to_string();
    let mut hidden = check_in(&format!("{HIDDEN} yesterday"), 5);
    hidden["day"] = json!(yesterday);
    let (s, v) = app.check_in(&alex, hidden).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, _) = app.leave(&alex).await;
    assert!(s.is_success());
    // The history keeps what both could read, and nothing that waited for Sam's answer.
    let (_, history) = app.check_ins(&sam).await;
    let text = history.to_string();
    assert!(
        text.contains("Both of us today.") && !text.contains(HIDDEN),
        "{history}"
    );
    let (s, _) = app
        .check_in(&sam, {
            let mut b = check_in("too late", 5);
            b["day"] = json!(yesterday);
            b
        })
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "no partner to answer with now");
    assert!(!app.check_ins(&sam).await.1.to_string().contains(HIDDEN));
    // Alex's label says who can read it: nobody else, since Sam never checked in that day.
    let (_, alexs) = app.check_ins(&alex).await;
    let hidden = alexs
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["day"] == yesterday.as_str())
        .unwrap();
    assert_eq!(hidden["seen_by"]["private"], true, "{hidden}");
    assert!(
        hidden["seen_by"]["words"]
            .as_str()
            .unwrap()
            .contains("never checked in for this day"),
        "{hidden}"
    );
    // Alex withdraws: Sam keeps their own check-in; Alex's mood and words leave Sam's record.
    let (_, couples) = app.couples(&alex).await;
    let old = couples[0]["id"].as_str().unwrap().to_string();
    let (s, n) = app.withdraw(&alex, &old).await;
    assert!(s.is_success(), "{n}");
    let (_, history) = app.check_ins(&sam).await;
    let alexs = history
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["mine"] == false)
        .cloned();
    eprintln!("HISTORY {history}");
    if let Some(c) = alexs {
        assert_eq!(c["withdrawn"], true, "{c}");
        assert_eq!(
            (c["note"].clone(), c["mood"].clone()),
            (json!(""), json!(0)),
            "{c}"
        );
    }
    let mine = history
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["mine"] == true)
        .unwrap();
    assert_eq!(mine["note"], "Me too.", "Sam's own stays whole");
}
