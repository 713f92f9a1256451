//! Long lists come a page at a time: every list the API documents with `after` and `limit`
//! gives its items once each, newest first, across pages linked by `Link: rel="next"`; a bad
//! cursor or size is refused plainly. Names no step: a list joins by being documented so.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

/// The documented lists that take a page, with the create example for their path.
async fn paged_lists(app: &TestApp) -> Vec<(String, Value)> {
    let doc = app.document().await;
    let schemas = &doc["components"]["schemas"];
    let paths = doc["paths"].as_object().unwrap();
    paths
        .iter()
        .filter(|(_, item)| {
            item["get"]["parameters"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["name"] == "after"))
        })
        .map(|(path, item)| {
            let schema = &item["post"]["requestBody"]["content"]["application/json"]["schema"];
            let name = schema["$ref"].as_str().unwrap_or_default();
            let example = schemas[name.rsplit('/').next().unwrap_or_default()]["example"].clone();
            (path.clone(), example)
        })
        .collect()
}

#[tokio::test]
async fn every_long_list_comes_a_page_at_a_time() {
    let app = spawn_app().await;
    let (alex, _sam, _) = app.couple_and_stranger().await;
    let lists = paged_lists(&app).await;
    assert!(lists.len() >= 5, "{lists:?}");
    let mut walked = 0;
    'lists: for (path, example) in &lists {
        assert!(!example.is_null(), "{path} has a create example");
        for i in 0..7 {
            let (s, body) = app.post(path.clone(), &alex, example.clone()).await;
            // One at a time by its rules (a day's check-in, a prompt while one waits): its
            // step's own story pages it, with items made its own way.
            if i == 1 && s == StatusCode::CONFLICT {
                continue 'lists;
            }
            assert!(s.is_success(), "{path}: {body}");
        }
        walked += 1;
        let all = app.get_json(&format!("{path}?limit=100"), &alex).await.1;
        let all: Vec<Value> = all
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].clone())
            .collect();
        assert!(all.len() >= 7, "{path}: {}", all.len());
        let paged: Vec<Value> = app
            .all_pages(&format!("{path}?limit=3"), &alex)
            .await
            .iter()
            .map(|i| i["id"].clone())
            .collect();
        assert_eq!(paged, all, "{path}: every item once, in the same order");
        // A page says where the next starts; the last says nothing.
        let res = reqwest::Client::new()
            .get(app.url(&format!("{path}?limit=3")))
            .bearer_auth(&alex)
            .send()
            .await
            .unwrap();
        let link = res.headers()["link"].to_str().unwrap().to_string();
        assert!(link.starts_with(&format!("<{path}?after=")) && link.ends_with("rel=\"next\""));
        // A cursor or size that makes no sense is refused, and says so.
        for bad in ["?after=nonsense", "?limit=0", "?limit=1000", "?limit=many"] {
            let (s, err) = app.get_json(&format!("{path}{bad}"), &alex).await;
            assert!(
                s == StatusCode::UNPROCESSABLE_ENTITY || s == StatusCode::BAD_REQUEST,
                "{path}{bad}: {s} {err}"
            );
            assert!(err["error"]["message"].is_string(), "{path}{bad}: {err}");
        }
    }
    assert!(walked >= 5, "most lists are walked here ({walked})");
}

#[tokio::test]
async fn a_page_of_the_log_shows_an_older_link_that_leads_on() {
    let (app, web) = couple_in_a_browser().await;
    let alex = app.account_token("alex").await;
    // More than a page, all inside the weeks the patterns read (the page is then their newest
    // part, read once for both): every entry shows exactly once across the two pages.
    for n in 0..35 {
        let entry = serde_json::json!({"kind": "late_reply", "situation": format!("Moment number {n}."), "before": 6, "after": 3});
        app.post("/api/v1/triggers", &alex, entry).await;
    }
    let shown = |page: &str| -> Vec<usize> {
        (0..35)
            .filter(|n| page.contains(&format!("Moment number {n}.")))
            .collect()
    };
    let first = app.page(&web, "/triggers").await;
    assert_eq!(first.matches("Moment number").count(), 30, "a page of 30");
    let older = first
        .split("<p class=\"older\"><a href=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("an Older link")
        .to_string();
    let second = app.page(&web, &older).await;
    assert_eq!(second.matches("Moment number").count(), 5);
    assert!(!second.contains("class=\"older\""), "the last page");
    let mut both = shown(&first);
    both.extend(shown(&second));
    both.sort_unstable();
    assert_eq!(
        both,
        (0..35).collect::<Vec<_>>(),
        "none repeated, none skipped"
    );
    // The API's pages of the same log agree with the page's.
    let api = app.all_pages("/api/v1/triggers?limit=30", &alex).await;
    assert_eq!(api.len(), 35);
    let (_, newest) = app.get_json("/api/v1/triggers?limit=30", &alex).await;
    let newest: Vec<&str> = newest
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["situation"].as_str().unwrap())
        .collect();
    for words in newest {
        assert!(first.contains(words), "{words} is on the first page too");
    }
}
