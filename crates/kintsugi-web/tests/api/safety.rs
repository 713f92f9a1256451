//! The safety check over HTTP: read back at once, the safety page first when the answers
//! suggest danger; kept only if asked, read back and erased; nothing the partner can observe
//! changes, on any documented route or page; a copy of the database shows no kind, count or
//! time of its own; bad input changes nothing.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

crate::endpoints! {
    safety_questions => GET "/api/v1/safety-check";
    take_safety => POST "/api/v1/safety-check", body;
    erase_safety => DELETE "/api/v1/safety-check";
}

fn answers(afraid: &str, keep: bool) -> Value {
    json!({"answers": {"hurt": "never", "threatened": "never", "insulted": "sometimes",
        "afraid": afraid, "money": "never", "contacts": "never", "phone": "never",
        "movements": "never"}, "priorities": ["children", "privacy"], "keep": keep})
}

/// Everything `t` can observe: every documented GET without an id, and the pages people open.
async fn observed(app: &TestApp, t: &str, web: &reqwest::Client) -> Vec<String> {
    let doc = app.document().await;
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if item.get("get").is_none() || path.contains('{') || path.ends_with("openapi.json") {
            continue;
        }
        // The person's own sessions carry the times of their own requests.
        if path.ends_with("/sessions") || path.ends_with("/me") {
            continue;
        }
        // An export is stamped with the moment it is made.
        if path.contains("/export") {
            continue;
        }
        let (_, body) = app.get(path.clone(), t).await;
        all.push(format!("{path} {body}"));
    }
    for page in [
        "/",
        "/program",
        "/closeness",
        "/support",
        "/health",
        "/progress",
        "/control",
    ] {
        all.push(format!("{page} {}", app.page(web, page).await));
    }
    all
}

#[tokio::test]
async fn the_check_reads_back_at_once_keeps_only_if_asked_and_the_partner_observes_nothing() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let sam_web = app.signed_in_browser("sam").await;
    // Roots used: Home would suggest a talk next, with Sam.
    let (s, v) = app
        .post(
            "/api/v1/reflections",
            &alex,
            json!({"text": "What I learned growing up."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, q) = app.safety_questions(&alex).await;
    let questions = q["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 8);
    let ids: Vec<&str> = questions[0]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["never", "once", "sometimes", "often"],
        "least worrying first"
    );
    assert_eq!(q["kept"], Value::Null);
    let before = observed(&app, &sam, &sam_web).await;
    // Danger indicated, not kept: read back, and gone.
    let (s, r) = app.take_safety(&alex, answers("often", false)).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["danger"], true);
    assert!(
        r["told"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "You feel afraid of your partner (often).")
    );
    assert_eq!(
        r["plan"][0]["priority"], "My own safety",
        "safety first when there is danger"
    );
    assert_eq!(r["kept_at"], Value::Null);
    assert_eq!(app.safety_questions(&alex).await.1["kept"], Value::Null);
    // Kept: read back later.
    let (s, r) = app.take_safety(&alex, answers("sometimes", true)).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert!(r["kept_at"].is_string());
    let (_, q) = app.safety_questions(&alex).await;
    assert_eq!(q["kept"]["danger"], true);
    // Support puts support of one's own first; Home suggests only what one does alone.
    let (_, signals) = app.get("/api/v1/support/signals", &alex).await;
    assert_eq!(signals[0]["signal"], "own_support", "{signals}");
    let alex_web = app.signed_in_browser("alex").await;
    let home = app.page(&alex_web, "/").await;
    assert!(home.contains("Support of your own comes first"));
    assert!(
        home.contains("href=\"/apologies\">Step 3:"),
        "only what one does alone is suggested, not a talk"
    );
    assert!(
        !app.page(&sam_web, "/")
            .await
            .contains("Support of your own comes first")
    );
    // Sam observes nothing at all, on any route or page.
    let after = observed(&app, &sam, &sam_web).await;
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a, "Sam's view changed");
    }
    // Nobody else reads it; erasing leaves nothing.
    for other in [&sam, &casey] {
        assert_eq!(app.safety_questions(other).await.1["kept"], Value::Null);
    }
    let (s, _) = app.erase_safety(&alex).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.safety_questions(&alex).await.1["kept"], Value::Null);
    assert_eq!(observed(&app, &sam, &sam_web).await, before);
}

#[tokio::test]
async fn bad_answers_are_refused_and_keep_nothing() {
    let app = spawn_app().await;
    let alex = app.account("alex").await;
    let mut missing = answers("never", true);
    missing["answers"].as_object_mut().unwrap().remove("hurt");
    let (s, err) = app.take_safety(&alex, missing).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    let mut odd = answers("never", true);
    odd["answers"]["hurt"] = json!("daily");
    let (s, _) = app.take_safety(&alex, odd).await;
    assert!(s.is_client_error());
    assert_eq!(app.safety_questions(&alex).await.1["kept"], Value::Null);
    let (s, _) = app
        .call(
            reqwest::Method::GET,
            "/api/v1/safety-check".into(),
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

/// Every byte of the data folder (the database, its WAL and shared memory).
fn raw(app: &TestApp) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(app.dir.path()).unwrap() {
        all.extend(std::fs::read(entry.unwrap().path()).unwrap_or_default());
    }
    all
}

#[tokio::test]
async fn a_copy_of_the_database_shows_nothing_of_its_own() {
    let app = spawn_app().await;
    let (alex, sam, _) = app.couple_and_stranger().await;
    let alex_id = app.store.user_by_username("alex").await.unwrap().unwrap();
    let kinds: Vec<String> = kintsugi_app::steps::STEPS
        .iter()
        .flat_map(|s| s.kinds.iter().map(|k| k.as_str().to_string()))
        .collect();
    let tallies = async || {
        let mut t = Vec::new();
        for k in &kinds {
            t.push(app.store.own_tally(alex_id.id, k).await.unwrap());
        }
        (
            t,
            app.inbox(&alex).await.1,
            app.inbox(&sam).await.1,
            app.store.due_of(alex_id.id).await.unwrap().len(),
            app.store.notices(alex_id.id).await.unwrap().len(),
        )
    };
    let count =
        |bytes: &[u8], word: &[u8]| bytes.windows(word.len()).filter(|w| *w == word).count();
    let words = [
        &b"safety"[..],
        b"afraid",
        b"often",
        b"own_support",
        b"children",
    ];
    let raw_before = raw(&app);
    let before = tallies().await;
    let locker_before = alex_id.locker.clone().expect("every person has a locker");
    let (s, _) = app.take_safety(&alex, answers("often", true)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        tallies().await,
        before,
        "no record, entry, due moment or notice of its own"
    );
    let alex_after = app.store.user_by_username("alex").await.unwrap().unwrap();
    let locker_after = alex_after.locker.unwrap();
    assert_eq!(
        locker_after.len(),
        locker_before.len(),
        "the same size, whatever it holds"
    );
    assert_ne!(locker_after, locker_before);
    // The files hold these words as often as before (the schema's own names, the migration
    // called "store safety"): nothing of the check's.
    let raw_after = raw(&app);
    for word in words {
        assert_eq!(
            count(&raw_after, word),
            count(&raw_before, word),
            "{:?} in the files",
            String::from_utf8_lossy(word)
        );
    }
}
