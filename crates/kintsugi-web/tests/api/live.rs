//! The live inbox: an open page hears what waits for its person, and nothing else.

use std::time::Duration;

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// An open `/events` stream, read event by event.
struct Stream {
    res: reqwest::Response,
    buf: String,
}

impl Stream {
    async fn open(app: &TestApp, token: &str) -> Stream {
        let res = reqwest::Client::new()
            .get(app.url("/events"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(header(res.headers(), "content-type"), "text/event-stream");
        Stream {
            res,
            buf: String::new(),
        }
    }

    /// The next `inbox` event's data, or `None` when the stream ends; fails after a few seconds.
    async fn next(&mut self) -> Option<Value> {
        let wait = async {
            loop {
                while let Some(end) = self.buf.find("\n\n") {
                    let block: String = self.buf.drain(..end + 2).collect();
                    if block.lines().any(|l| l == "event: inbox") {
                        let data: String = block
                            .lines()
                            .filter_map(|l| l.strip_prefix("data: "))
                            .collect();
                        return Some(serde_json::from_str(&data).unwrap());
                    }
                }
                let chunk = self.res.chunk().await.ok()??;
                self.buf.push_str(std::str::from_utf8(&chunk).unwrap());
            }
        };
        tokio::time::timeout(Duration::from_secs(5), wait)
            .await
            .expect("an event or the end within five seconds")
    }
}

fn kinds(v: &Value) -> Vec<&str> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["waiting"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn an_open_page_hears_what_waits_and_nothing_else() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let mut live = Stream::open(&app, &alex).await;
    let first = live.next().await.unwrap();
    assert_eq!((first["count"].as_u64(), kinds(&first)), (Some(0), vec![]));
    // Sam proposes a talk: it arrives, in words, with where to answer it.
    let (_, t) = app
        .propose(
            &sam,
            json!({"topic": "Our Sundays", "time": "2030-06-02T11:00"}),
        )
        .await;
    let got = live.next().await.unwrap();
    assert_eq!(
        (got["count"].as_u64(), kinds(&got)),
        (Some(1), vec!["talk_to_answer"])
    );
    let item = &got["items"][0];
    assert!(
        item["words"].as_str().unwrap().contains("Our Sundays"),
        "{got}"
    );
    assert_eq!(
        item["href"],
        format!("/talks/{}", t["id"].as_str().unwrap())
    );
    // A stranger's writes and Sam's private ones send nothing: the next event Alex hears is the
    // question Sam asks afterwards.
    app.add_reflection(&casey, json!({"text": "Casey's own day."}))
        .await;
    app.add_reflection(&sam, json!({"text": "Only for me."}))
        .await;
    app.ask(&sam, json!({"text": "What helps you feel calm?"}))
        .await;
    let got = live.next().await.unwrap();
    assert_eq!(kinds(&got).len(), 2, "{got}");
    assert!(kinds(&got).contains(&"question_to_answer"), "{got}");
    // Alex's own answer (from another tab, say) clears it here too.
    let (_, talk) = app.talks(&alex).await;
    let id = talk[0]["id"].as_str().unwrap().to_string();
    app.answer_talk(&alex, &id, json!({"response": "accept"}))
        .await;
    let got = live.next().await.unwrap();
    assert_eq!(kinds(&got), vec!["question_to_answer"], "{got}");
    // Signing out ends the stream.
    app.sign_out(&alex).await;
    assert_eq!(live.next().await, None, "the stream ends with the session");
}

#[tokio::test]
async fn streams_need_a_session_and_are_limited_per_person() {
    let app = spawn_app().await;
    let (alex, _, _) = app.couple_and_stranger().await;
    let res = reqwest::get(app.url("/events")).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let mut open = Vec::new();
    for _ in 0..kintsugi_web::live::STREAMS_PER_PERSON {
        open.push(Stream::open(&app, &alex).await);
    }
    let events = || {
        reqwest::Client::new()
            .get(app.url("/events"))
            .bearer_auth(&alex)
            .send()
    };
    let res = events().await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // Closing one frees its place.
    drop(open.pop());
    let mut again = None;
    for _ in 0..50 {
        let res = events().await.unwrap();
        if res.status() == StatusCode::OK {
            again = Some(res);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(again.is_some(), "a closed stream gives its place back");
}
