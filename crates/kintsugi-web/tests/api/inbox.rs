//! Home says what waits: each thing sent to you appears once, and clears when you act on it or
//! open it; your partner is never told what you read, and a stranger's inbox stays empty.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

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
    app.pause(&sam, &talk, json!({"minutes": 30})).await;
    assert_eq!(waiting(&app.inbox(&alex).await.1), ["break"]);
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
