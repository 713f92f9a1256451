//! The authorization sweep: every operation the API documents, asked by someone signed out, by a
//! stranger and by the partner, about every item of Alex's. The route list comes from the
//! OpenAPI document, so a route added tomorrow is swept tomorrow.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Words only Alex's private writing holds, and words only what Alex shared holds.
const PRIVATE: &str = "quietcobalt";
const SHARED: &str = "brightamber";

/// Alex writes something of every kind, private and shared; returns every id the API gave.
async fn alex_writes_everything(app: &TestApp, alex: &str, sam: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut keep = |v: &Value| {
        if let Some(id) = v["id"].as_str() {
            ids.push(id.to_string());
        }
        if let Some(first) = v.as_array().and_then(|a| a.first()) {
            ids.extend(first["id"].as_str().map(str::to_string));
        }
    };
    let writes = [
        (
            "/api/v1/reflections",
            json!({"text": format!("{PRIVATE} reflection")}),
        ),
        (
            "/api/v1/reflections",
            json!({"text": format!("{SHARED} reflection"), "visibility": "shared"}),
        ),
        (
            "/api/v1/triggers",
            json!({"kind": "late_reply", "situation": format!("{PRIVATE} moment"),
            "before": 6, "after": 3}),
        ),
        (
            "/api/v1/apologies",
            json!({"what_i_did": format!("{PRIVATE} draft")}),
        ),
        (
            "/api/v1/apologies",
            json!({"what_i_did": format!("{SHARED} apology"), "deliver": true}),
        ),
        (
            "/api/v1/talks",
            json!({"topic": format!("{SHARED} topic"), "time": clock(0)}),
        ),
        (
            "/api/v1/agreements",
            json!({"category": "privacy", "agreement": format!("{SHARED} terms"),
            "review_on": "2031-01-01"}),
        ),
        (
            "/api/v1/promises",
            json!({"text": format!("{SHARED} promise"), "every": "open"}),
        ),
        (
            "/api/v1/questions",
            json!({"text": format!("{SHARED} question")}),
        ),
        (
            "/api/v1/reassurance-requests",
            json!({"text": format!("{SHARED} request")}),
        ),
        // Revealed after both: Sam hasn't answered, so to Sam these are as private as a draft.
        (
            "/api/v1/checkins",
            json!({"mood": 3, "closeness": 6, "safe": 4, "note": format!("{PRIVATE} check-in")}),
        ),
        ("/api/v1/prompts", json!({"depth": "light"})),
        (
            "/api/v1/moments",
            json!({"what": format!("{SHARED} walk"), "at": clock(90)}),
        ),
        (
            "/api/v1/appreciations",
            json!({"text": format!("{SHARED} thanks")}),
        ),
        (
            "/api/v1/control-checks",
            json!({"answers": {"reassurance": "rarely", "checking": "never", "testing": "never",
                "guilt": "never", "whereabouts": "rarely", "company": "never"}}),
        ),
    ];
    for (path, body) in writes {
        let (s, v) = app.post_json(path, Some(alex), body).await;
        assert_eq!(s, StatusCode::CREATED, "{path}: {v}");
        keep(&v);
    }
    // Alex answers the prompt Alex drew, and Sam hasn't: to Sam, as private as a draft.
    let (_, prompts) = app.get_json("/api/v1/prompts", alex).await;
    let prompt = prompts[0]["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/prompts/{prompt}/answers");
    let (s, v) = app
        .post_json(
            &path,
            Some(alex),
            json!({"text": format!("{PRIVATE} answer")}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, checkins) = app.get_json("/api/v1/checkins", alex).await;
    ids.push(checkins[0]["id"].as_str().unwrap().to_string());
    let checklist =
        json!({"origins": [{"origin": "past_relationships", "note": format!("{PRIVATE} note")}]});
    let (s, v) = app.save_checklist(alex, checklist).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // Sam asks Alex a question, so Alex's answer is a thread under Sam's item.
    let (_, q) = app.ask(sam, json!({"text": "Sam's question"})).await;
    let q = q[0]["id"].as_str().unwrap().to_string();
    let (s, v) = app
        .answer_question(alex, &q, json!({"text": format!("{SHARED} answer")}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    ids.push(q);
    ids
}

/// Every documented operation: (method, path).
async fn operations(app: &TestApp) -> Vec<(String, String)> {
    let doc = app.document().await;
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            ops.push((method.clone(), path.clone()));
        }
    }
    ops
}

async fn ask(app: &TestApp, method: &str, path: &str, token: Option<&str>) -> (StatusCode, String) {
    let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    let mut req = reqwest::Client::new().request(method.clone(), app.url(path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if method != reqwest::Method::GET && method != reqwest::Method::DELETE {
        req = req.json(&json!({}));
    }
    let res = req.send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

/// Everything Alex can read, as the API says it: what must not change when others try things.
async fn alex_reads(app: &TestApp, alex: &str, ops: &[(String, String)]) -> Vec<String> {
    let mut all = Vec::new();
    for (method, path) in ops {
        if method == "get" && !path.contains('{') && !path.ends_with("openapi.json") {
            let (_, body) = ask(app, method, path, Some(alex)).await;
            all.push(format!("{path} {body}"));
        }
    }
    all
}

#[tokio::test]
async fn nobody_but_the_author_and_the_partner_reaches_anything_by_any_documented_route() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let ids = alex_writes_everything(&app, &alex, &sam).await;
    let ops = operations(&app).await;
    assert!(ops.len() >= 40, "{} operations", ops.len());
    let public = [
        "/api/v1/accounts",
        "/api/v1/sessions",
        "/api/v1/recovery",
        "/api/v1/openapi.json",
    ];
    let (_, checkins) = app.get_json("/api/v1/checkins", &alex).await;
    let today = checkins[0]["day"].as_str().unwrap().to_string();
    let before = alex_reads(&app, &alex, &ops).await;
    // The words are really there to be found: Alex reads both, Sam reads what was shared.
    let alex_all = before.join("\n");
    assert!(alex_all.contains(PRIVATE) && alex_all.contains(SHARED));
    let sam_all = alex_reads(&app, &sam, &ops).await.join("\n");
    assert!(sam_all.contains(SHARED) && !sam_all.contains(PRIVATE));
    let mut asked = 0;
    for (method, path) in &ops {
        let concrete: Vec<String> = if path.contains("{id}") {
            ids.iter().map(|id| path.replace("{id}", id)).collect()
        } else {
            vec![path.replace("{day}", &today)]
        };
        for at in &concrete {
            // Signed out: nothing but the public doors.
            if !public.contains(&path.as_str()) {
                let (s, body) = ask(&app, method, at, None).await;
                assert_eq!(
                    s,
                    StatusCode::UNAUTHORIZED,
                    "{method} {at} signed out: {body}"
                );
            }
            // Signing up and in are doors, not reads, and signing out ends the asker's own
            // session: leave them to their own stories.
            if (public.contains(&path.as_str()) && method == "post")
                || at.ends_with("/sessions/current")
            {
                continue;
            }
            // A stranger reads nothing of Alex's and changes nothing.
            let (s, body) = ask(&app, method, at, Some(&casey)).await;
            assert!(
                !body.contains(PRIVATE) && !body.contains(SHARED),
                "{method} {at} as a stranger: {body}"
            );
            if path.contains("{id}") {
                assert!(!s.is_success(), "{method} {at} as a stranger: {s} {body}");
            }
            // The partner never reads what Alex kept private.
            if method == "get" {
                let (_, body) = ask(&app, method, at, Some(&sam)).await;
                assert!(
                    !body.contains(PRIVATE),
                    "{method} {at} as the partner: {body}"
                );
            }
            asked += 1;
        }
    }
    assert!(asked > 100, "{asked} requests");
    let after = alex_reads(&app, &alex, &ops).await;
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        let path = b.split(' ').next().unwrap();
        // The inbox changes as entries are opened; an export is stamped with when it was made.
        if path.ends_with("/inbox") || path.contains("/export") {
            continue;
        }
        assert_eq!(
            b, a,
            "a stranger's requests changed what Alex reads at {path}"
        );
    }
}
