//! Withdrawing takes out only the withdrawer's own words: every record of the other person,
//! their private trend, and the facts both made (a time both agreed, terms both accepted, which
//! days were kept) stay exactly as they were.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Words only Sam wrote, words only Alex wrote, and terms both accepted.
const SAM: &str = "samsaid";
const ALEX: &str = "alexsaid";
const BOTH: &str = "bothagreed";

fn id(v: &Value) -> String {
    v["id"]
        .as_str()
        .or(v[0]["id"].as_str())
        .unwrap()
        .to_string()
}

async fn ok(reply: (StatusCode, Value)) -> Value {
    let (s, v) = reply;
    assert!(s.is_success(), "{s} {v}");
    v
}

/// A shared history with both people's words in every step: threads under each other's items,
/// facts both made, and Alex's private rating of a talk Sam proposed.
async fn a_year_together(app: &TestApp, alex: &str, sam: &str) {
    // Sam proposes a talk now; Alex agrees, calls a break and rates it privately.
    let talk = ok(app
        .propose(
            sam,
            json!({"topic": format!("{SAM} topic"), "time": clock(0)}),
        )
        .await)
    .await;
    let talk = id(&talk);
    ok(app
        .answer_talk(
            alex,
            &talk,
            json!({"response": "accept", "note": format!("{ALEX} note")}),
        )
        .await)
    .await;
    ok(app.pause(alex, &talk, json!({"minutes": 20})).await).await;
    let rating =
        json!({"felt_heard": 4, "stayed_calm": 3, "turned_into_fight": false, "about_past": true});
    ok(app.rate_talk(alex, &talk, rating).await).await;
    // Sam's apology, Alex's answer; Sam's question, Alex's answer.
    let apology = json!({"what_i_did": format!("{SAM} did"), "deliver": true});
    let apology = id(&ok(app.write_apology(sam, apology).await).await);
    let answer = json!({"answer": "need_time", "text": format!("{ALEX} needs time")});
    ok(app.answer_apology(alex, &apology, answer).await).await;
    let q = id(&ok(app.ask(sam, json!({"text": format!("{SAM} asks")})).await).await);
    ok(app
        .answer_question(alex, &q, json!({"text": format!("{ALEX} answers")}))
        .await)
    .await;
    // Sam's terms, accepted by Alex: a fact both made. Alex's terms, changed by Sam (never
    // accepted), then retired by Alex with a note.
    let terms = |who: &str| json!({"category": "privacy", "agreement": format!("{who} terms"), "review_on": "2031-01-01"});
    let sams = id(&ok(app.propose_agreement(sam, terms(BOTH)).await).await);
    ok(app
        .accept_agreement(alex, &sams, json!({"version": 1}))
        .await)
    .await;
    let alexs = id(&ok(app.propose_agreement(alex, terms(ALEX)).await).await);
    ok(app.amend_agreement(sam, &alexs, terms(SAM)).await).await;
    ok(app
        .retire_agreement(alex, &alexs, json!({"note": format!("{ALEX} retires")}))
        .await)
    .await;
    // Sam's promise, marked by Sam, confirmed missed by Alex; Alex's promise, confirmed by Sam.
    let today = clock(0)[..10].to_string();
    let promise = |who: &str| json!({"text": format!("{who} promises"), "every": "open"});
    let mark =
        |who: &str, kept: bool| json!({"day": today, "kept": kept, "note": format!("{who} marks")});
    let sp = id(&ok(app.make_promise(sam, promise(SAM)).await).await);
    ok(app.report_promise(sam, &sp, mark(SAM, true)).await).await;
    ok(app.confirm_promise(alex, &sp, mark(ALEX, false)).await).await;
    let ap = id(&ok(app.make_promise(alex, promise(ALEX)).await).await);
    ok(app.report_promise(alex, &ap, mark(ALEX, true)).await).await;
    ok(app.confirm_promise(sam, &ap, mark(SAM, true)).await).await;
    // Sam's shared reflection, Alex's words back; Sam's request, Alex's reassurance.
    let shared = json!({"text": format!("{SAM} reflects"), "visibility": "shared"});
    let r = id(&ok(app.add_reflection(sam, shared).await).await);
    let back = format!("/api/v1/reflections/{r}/acknowledgements");
    ok(app
        .post(back, alex, json!({"text": format!("{ALEX} reads it")}))
        .await)
    .await;
    let ask = json!({"text": format!("{SAM} asks for reassurance")});
    let req = id(&ok(app.post("/api/v1/reassurance-requests", sam, ask).await).await);
    let reassure = format!("/api/v1/reassurance-requests/{req}/answers");
    ok(app
        .post(reassure, alex, json!({"text": format!("{ALEX} reassures")}))
        .await)
    .await;
}

/// Everything Alex reads, list by list (every list the API documents).
async fn alex_reads(app: &TestApp, alex: &str) -> Vec<(String, String)> {
    let doc = app.document().await;
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let listing =
            item["get"].is_object() && !path.contains('{') && !path.ends_with("openapi.json");
        if listing && !path.ends_with("/inbox") {
            let (_, body) = app.get(path.clone(), alex).await;
            all.push((path.clone(), body.to_string()));
        }
    }
    all
}

fn count(reads: &[(String, String)], words: &str) -> usize {
    reads.iter().map(|(_, b)| b.matches(words).count()).sum()
}

#[tokio::test]
async fn withdrawing_takes_out_only_the_withdrawers_words() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    a_year_together(&app, &alex, &sam).await;
    assert_eq!(app.leave(&sam).await.0, StatusCode::NO_CONTENT);
    let before = alex_reads(&app, &alex).await;
    assert!(
        count(&before, SAM) >= 8,
        "Sam's words are in Alex's record to begin with"
    );
    let (_, couples) = app.couples(&sam).await;
    let old = couples[0]["id"].as_str().unwrap().to_string();
    let (s, n) = app.withdraw(&sam, &old).await;
    assert_eq!(s, StatusCode::OK, "{n}");
    let after = alex_reads(&app, &alex).await;

    // Sam's words are gone from every list Alex reads; terms both accepted stay whole.
    assert_eq!(count(&after, SAM), 0, "{after:?}");
    assert_eq!(count(&after, BOTH), count(&before, BOTH));
    assert!(count(&after, BOTH) > 0);
    // Every word of Alex's is where it was, in every list.
    assert_eq!(count(&after, ALEX), count(&before, ALEX));
    for ((path, b), (_, a)) in before.iter().zip(&after) {
        assert_eq!(b.matches(ALEX).count(), a.matches(ALEX).count(), "{path}");
    }
    // Alex's private trend and the reliability of Alex's promises are unchanged.
    let read = |reads: &[(String, String)], path: &str| -> Value {
        let (_, body) = reads.iter().find(|(p, _)| p.ends_with(path)).unwrap();
        serde_json::from_str(body).unwrap()
    };
    let ratings = |reads| -> Vec<Value> {
        let all = read(reads, "/talks/ratings");
        all.as_array()
            .unwrap()
            .iter()
            .map(|r| json!([r["at"], r["rating"]]))
            .collect()
    };
    assert_eq!(ratings(&before), ratings(&after));
    assert_eq!(
        ratings(&after).len(),
        1,
        "Alex's rating of Sam's talk stays in the trend"
    );
    for path in ["/promises/reliability", "/triggers"] {
        assert_eq!(read(&before, path), read(&after, path), "{path}");
    }
    // The facts both made stay: the agreed time, the accepted terms, the days and what was
    // said of them.
    let (_, talks) = app.talks(&alex).await;
    assert_eq!(talks[0]["status"], "agreed");
    assert_eq!(talks[0]["withdrawn"], true);
    assert!(talks[0]["title"].as_str().unwrap().contains("withdrew"));
    let (_, promises) = app.promises(&alex).await;
    let sams = promises
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["mine"] == false)
        .unwrap();
    assert_eq!(sams["withdrawn"], true);
    assert_eq!(
        sams["occurrences"][0]["reported"], true,
        "Sam's mark stays a fact"
    );
    assert_eq!(
        sams["occurrences"][0]["confirmed"], false,
        "Alex's confirmation stays"
    );
    // Sam keeps their own words; nobody else reads them.
    let sams_own = alex_reads(&app, &sam).await;
    assert!(
        count(&sams_own, SAM) >= 8,
        "Sam keeps a copy of their words"
    );
    // Withdrawing again takes nothing more.
    let (_, n) = app.withdraw(&sam, &old).await;
    assert_eq!(n["withdrawn"], 0);
}

#[tokio::test]
async fn one_item_can_be_withdrawn_from_a_history_on_its_own() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let one = json!({"text": format!("{SAM} one"), "visibility": "shared"});
    let one = id(&ok(app.add_reflection(&sam, one).await).await);
    let two = json!({"text": format!("{SAM} two"), "visibility": "shared"});
    ok(app.add_reflection(&sam, two).await).await;
    let web = app.signed_in_browser("sam").await;
    // Not while the couple is together: that's what "make private" is for.
    let res = app
        .form(
            &web,
            &format!("/history/{one}/withdraw"),
            &[("back", "/roots")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    app.leave(&sam).await;
    let page = app.page(&web, "/roots").await;
    assert!(
        page.contains(&format!("/history/{one}/withdraw")),
        "offered on each item"
    );
    // A stranger, or Alex, can't withdraw Sam's words.
    let casey = app.signed_in_browser("casey").await;
    let res = app
        .form(
            &casey,
            &format!("/history/{one}/withdraw"),
            &[("back", "/")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app
        .form(
            &web,
            &format!("/history/{one}/withdraw"),
            &[("back", "https://elsewhere.example/")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(header(res.headers(), "location"), "/", "never another site");
    let (_, seen) = app.reflections(&alex).await;
    let texts: Vec<&str> = seen
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [format!("{SAM} two")],
        "only the one withdrawn is gone"
    );
}
