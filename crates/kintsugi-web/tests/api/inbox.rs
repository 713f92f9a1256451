//! Home says what waits: each thing sent to you appears once, and clears when you act on it or
//! open it; your partner is never told what you read, and a stranger's inbox stays empty.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn what_waits_arrives_and_clears_as_it_is_answered_or_read() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    assert_eq!(app.inbox(&sam).await.1, json!([]));
    // A talk proposed to Sam waits until Sam answers it.
    let talk = app
        .propose(&alex, json!({"topic": "The holidays", "time": clock(0)}))
        .await
        .1;
    let talk = talk["id"].as_str().unwrap().to_string();
    assert_eq!(waiting(&app.inbox(&sam).await.1), ["talk_to_answer"]);
    assert!(
        app.inbox(&alex).await.1.as_array().unwrap().is_empty(),
        "nothing for the proposer"
    );
    app.answer_talk(&sam, &talk, json!({"response": "accept"}))
        .await;
    assert_eq!(app.inbox(&sam).await.1, json!([]));
    // A break Sam calls waits for Alex until Alex opens the talk.
    // Sam's yes reaches Alex too.
    assert_eq!(waiting(&app.inbox(&alex).await.1), ["talk_news"]);
    app.pause(&sam, &talk, json!({"minutes": 30})).await;
    assert_eq!(waiting(&app.inbox(&alex).await.1), ["break", "talk_news"]);
    app.talk(&alex, &talk).await;
    assert_eq!(app.inbox(&alex).await.1, json!([]));
    // An apology delivered to Sam waits until Sam opens it; Alex's view of it never changes.
    let apology = app
        .write_apology(
            &alex,
            json!({"what_i_did": "I lied about Saturday.", "deliver": true}),
        )
        .await
        .1;
    let apology = apology["id"].as_str().unwrap().to_string();
    let before = app.apology(&alex, &apology).await.1;
    assert_eq!(waiting(&app.inbox(&sam).await.1), ["apology"]);
    app.apology(&sam, &apology).await;
    assert_eq!(app.inbox(&sam).await.1, json!([]));
    assert_eq!(
        app.apology(&alex, &apology).await.1,
        before,
        "no read receipt"
    );
    // Sam's answer to it reaches Alex, until Alex opens the apology.
    let (s, _) = app
        .answer_apology(&sam, &apology, json!({"answer": "received"}))
        .await;
    assert!(s.is_success());
    let told = app.inbox(&alex).await.1;
    assert_eq!(waiting(&told), ["apology_answered"]);
    let words = told[0]["words"].as_str().unwrap();
    assert_eq!(
        words,
        "Sam D answered your apology: I received your apology."
    );
    app.apology(&alex, &apology).await;
    assert_eq!(app.inbox(&alex).await.1, json!([]));
    // A question waits until it is answered; the answer waits until the asker opens the thread.
    app.ask(&sam, json!({"text": "Where were you on Saturday?"}))
        .await;
    let (_, thread) = app.questions(&alex).await;
    let question = thread[0]["id"].as_str().unwrap().to_string();
    assert_eq!(waiting(&app.inbox(&alex).await.1), ["question_to_answer"]);
    app.answer_question(&alex, &question, json!({"text": "At my brother's."}))
        .await;
    assert_eq!(app.inbox(&alex).await.1, json!([]));
    assert_eq!(waiting(&app.inbox(&sam).await.1), ["new_answer"]);
    app.questions(&sam).await;
    assert_eq!(app.inbox(&sam).await.1, json!([]));
    // A stranger has nothing, and the inbox needs a session.
    assert_eq!(app.inbox(&casey).await.1, json!([]));
    let (s, _) = app.inbox("not-a-token").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // When Alex leaves, Sam is told; Home shows the count and the list.
    app.leave(&alex).await;
    assert_eq!(waiting(&app.inbox(&sam).await.1), ["couple_changed"]);
    let web = app.signed_in_browser("alex").await;
    let home = app.page(&web, "/").await;
    assert!(home.contains("Waiting for you") && home.contains("Nothing waits for you"));
}

#[tokio::test]
async fn home_lists_what_waits_and_the_navigation_counts_it() {
    let (app, alex) = couple_in_a_browser().await;
    let sam = app
        .sign_in(json!({"username": "sam", "password": PASSWORD}))
        .await
        .1;
    let sam = sam["token"].as_str().unwrap().to_string();
    app.propose(
        &sam,
        json!({"topic": "Our weekends", "time": "2030-12-03T18:00"}),
    )
    .await;
    app.ask(&sam, json!({"text": "Can we talk about money?"}))
        .await;
    let home = app.page(&alex, "/").await;
    assert!(
        home.contains("A time for a talk about “Our weekends”"),
        "{home}"
    );
    assert!(home.contains("asked you: “Can we talk about money?”"));
    assert!(home.contains(r#"aria-label="2 waiting for you""#));
    let talks = app.page(&alex, "/talks").await;
    assert!(
        talks.contains(r#"aria-label="2 waiting for you""#),
        "the count on every step page"
    );
}

/// Every answer the API documents, made by Sam to something of Alex's, reaches Alex's inbox
/// and the count by Home. Walks the API's own document, so a new step's answers are covered
/// by being documented.
#[tokio::test]
async fn every_answer_to_something_of_yours_reaches_you() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let doc = app.document().await;
    let schemas = &doc["components"]["schemas"];
    let example = |op: &Value| {
        let schema = &op["requestBody"]["content"]["application/json"]["schema"];
        let name = schema["$ref"].as_str().unwrap_or_default();
        schemas[name.rsplit('/').next().unwrap_or_default()]["example"].clone()
    };
    let paths = doc["paths"].as_object().unwrap();
    let posts = |under: bool| {
        paths
            .iter()
            .filter(move |(p, item)| item["post"].is_object() && p.contains("/{id}") == under)
            .map(|(p, item)| (p.clone(), example(&item["post"])))
            .filter(|(_, body)| !body.is_null())
            .collect::<Vec<_>>()
    };
    // One of each of Alex's items, shared with Sam where it can be.
    let mut made = Vec::new();
    for (path, mut body) in posts(false) {
        if body.get("visibility").is_some() {
            body["visibility"] = json!("shared");
        }
        if path.ends_with("/apologies") {
            body["deliver"] = json!(true);
        }
        let (s, v) = app.post(path.clone(), &alex, body).await;
        if let (true, Some(id)) = (s.is_success(), v["id"].as_str().or(v[0]["id"].as_str())) {
            made.push((path, id.to_string()));
        }
    }
    assert!(made.len() >= 6, "{made:?}");
    // Opening each clears what it left for Sam; Alex starts with nothing waiting.
    assert_eq!(app.inbox(&alex).await.1, json!([]));
    let web = app.signed_in_browser("alex").await;
    let mut answered = Vec::new();
    // Twice over, so an answer that needs another first (a retirement after a yes) finds it.
    let answers = [posts(true), posts(true)].concat();
    for (path, body) in answers {
        let under = path.split("/{id}").next().unwrap();
        for (_, id) in made.iter().filter(|(p, _)| p == under) {
            if answered.contains(&(path.clone(), id.clone())) {
                continue;
            }
            let before = app.inbox(&alex).await.1;
            let (s, _) = app.post(path.replace("{id}", id), &sam, body.clone()).await;
            if !s.is_success() {
                continue; // not Sam's to make (a mark on Alex's own promise, a second yes)
            }
            let after = app.inbox(&alex).await.1;
            assert!(
                after != before,
                "{path}: Sam's answer didn't reach Alex: {after}"
            );
            let n = after.as_array().unwrap().len();
            let home = app.page(&web, "/").await;
            assert!(
                home.contains(&format!("aria-label=\"{n} waiting for you\"")),
                "{path}: the count by Home says {n}"
            );
            answered.push((path.clone(), id.clone()));
        }
    }
    let walked = [
        "/responses",
        "/response",
        "/acceptance",
        "/retirement",
        "/answers",
        "/acknowledgements",
    ];
    for answer in walked {
        assert!(
            answered.iter().any(|(p, _)| p.ends_with(answer)),
            "{answer} was walked: {answered:?}"
        );
    }
}

/// Home lists the newest fifteen things that wait (a page costs the same however much waits)
/// and says how many more, with a way to see them all; the count by Home counts everything.
#[tokio::test]
async fn home_lists_the_newest_and_says_how_many_more_wait() {
    let (app, _alex_web) = couple_in_a_browser().await;
    let alex = app.account_token("alex").await;
    for i in 0..20 {
        app.ask(&alex, json!({"text": format!("Question number {i}?")}))
            .await;
    }
    let sam = app.signed_in_browser("sam").await;
    let home = app.page(&sam, "/").await;
    assert_eq!(home.matches("asked you:").count(), 15, "the newest fifteen");
    assert!(home.contains("Question number 19?") && !home.contains("Question number 0?"));
    assert!(home.contains("5 more wait: show everything"), "{home}");
    assert!(home.contains(r#"aria-label="20 waiting for you""#));
    let all = app.page(&sam, "/?show=all").await;
    assert_eq!(all.matches("asked you:").count(), 20);
    assert!(!all.contains("more wait"));
}

/// The API's inbox answers the newest 20 unless asked for up to 100, and says how many wait in
/// all; a limit outside 1 to 100, or not a number, is refused and changes nothing.
#[tokio::test]
async fn the_api_inbox_answers_the_newest_and_says_how_many_wait() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    for i in 0..25 {
        app.ask(&alex, json!({"text": format!("Question number {i}?")}))
            .await;
    }
    let fetch = |query: &'static str| {
        let (app, sam) = (&app, sam.clone());
        async move {
            let res = reqwest::Client::new()
                .get(app.url(&format!("/api/v1/inbox{query}")))
                .bearer_auth(&sam)
                .send()
                .await
                .unwrap();
            let status = res.status();
            let total = res
                .headers()
                .get("x-total-count")
                .map(|v| v.to_str().unwrap().to_string());
            (status, total, res.json::<Value>().await.unwrap())
        }
    };
    let (s, total, items) = fetch("").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(total.as_deref(), Some("25"));
    let items = items.as_array().unwrap().clone();
    assert_eq!(items.len(), 20, "the newest twenty");
    assert!(
        items[0]["words"]
            .as_str()
            .unwrap()
            .contains("Question number 24?")
    );
    let (_, _, all) = fetch("?limit=100").await;
    assert_eq!(all.as_array().unwrap().len(), 25);
    let (_, _, three) = fetch("?limit=3").await;
    assert_eq!(three.as_array().unwrap()[..], items[..3]);
    for bad in ["?limit=0", "?limit=101", "?limit=many", "?limit=-1"] {
        let (s, _, body) = fetch(bad).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(
            body.to_string().contains("between 1 and 100"),
            "{bad}: {body}"
        );
    }
    // Nothing was cleared by reading or by the refusals.
    let (_, total, _) = fetch("").await;
    assert_eq!(total.as_deref(), Some("25"));
}
