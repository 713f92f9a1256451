//! Progress, a Home that guides, and the guide: each person's signs come from their own
//! entries and the facts both made, never the partner's private writing (before and after
//! leaving); Home suggests one next step; the guide is open to everyone, searchable without
//! JavaScript, and kept for offline reading only as a visitor sees it.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn series<'a>(p: &'a Value, sign: &str) -> Vec<&'a Value> {
    let signs = p["signs"].as_array().unwrap();
    let s = signs.iter().find(|s| s["sign"] == sign).unwrap();
    s["series"].as_array().unwrap().iter().collect()
}

/// Every number in a sign's series, over all weeks.
fn figures(p: &Value, sign: &str) -> Vec<f64> {
    series(p, sign)
        .iter()
        .flat_map(|s| {
            s["weeks"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(Value::as_f64)
        })
        .collect()
}

#[tokio::test]
async fn progress_shows_only_ones_own_private_figures_before_and_after_leaving() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    // Sam's private entries: a trigger log, a check-in (closeness 3, safe 2).
    for _ in 0..3 {
        let entry = json!({"kind": "late_reply", "situation": "Waiting.", "before": 9, "after": 2});
        let (s, v) = app.post("/api/v1/triggers", &sam, entry).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let (s, v) = app
        .post(
            "/api/v1/checkins",
            &sam,
            json!({"mood": 2, "closeness": 3, "safe": 2}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    // Alex's own: one check-in, closeness 8.
    app.post(
        "/api/v1/checkins",
        &alex,
        json!({"mood": 4, "closeness": 8, "safe": 9}),
    )
    .await;
    let (s, sams) = app.get_json("/api/v1/progress", &sam).await;
    assert_eq!(s, StatusCode::OK, "{sams}");
    assert!(figures(&sams, "less_worry").contains(&3.0), "{sams}");
    assert!(figures(&sams, "less_worry").contains(&9.0));
    assert_eq!(figures(&sams, "closeness"), [3.0]);
    assert_eq!(sams["weeks"].as_array().unwrap().len(), 8);
    for period in ["weeks8", "months6", "all"] {
        let (s, alexs) = app
            .get_json(&format!("/api/v1/progress?period={period}"), &alex)
            .await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            figures(&alexs, "less_worry").is_empty(),
            "{period}: {alexs}"
        );
        assert_eq!(figures(&alexs, "closeness"), [8.0], "{period}: {alexs}");
    }
    let web = app.signed_in_browser("alex").await;
    let page = app.page(&web, "/progress").await;
    assert!(
        page.contains("How close you felt: 1 week with something to count"),
        "{page}"
    );
    assert!(
        !page.contains(">3.0<") && !page.contains(">9.0<"),
        "none of Sam's figures"
    );
    let (_, nobody) = app.get_json("/api/v1/progress", &casey).await;
    for sign in [
        "less_worry",
        "closeness",
        "honesty",
        "candid_talks",
        "fewer_fights",
    ] {
        assert!(figures(&nobody, sign).is_empty(), "{sign}: {nobody}");
    }
    // After leaving, each keeps their own and nothing of the other's.
    app.leave(&sam).await;
    let (_, alexs) = app.get_json("/api/v1/progress?period=all", &alex).await;
    assert!(figures(&alexs, "less_worry").is_empty());
    assert_eq!(figures(&alexs, "closeness"), [8.0]);
    let (_, sams) = app.get_json("/api/v1/progress?period=all", &sam).await;
    assert_eq!(figures(&sams, "closeness"), [3.0]);
    // A period that isn't one is refused plainly.
    let (s, err) = app.get_json("/api/v1/progress?period=decade", &alex).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert!(says(&err, "weeks8, months6 or all"), "{err}");
    let (s, _) = app
        .call(reqwest::Method::GET, "/api/v1/progress".into(), None, None)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn home_says_where_you_are_and_suggests_one_next_step() {
    let app = spawn_app().await;
    app.account("robin").await;
    let web = app.signed_in_browser("robin").await;
    let home = app.page(&web, "/").await;
    assert!(home.contains("Where you are in the program"));
    assert!(home.contains("When you're ready:"), "{home}");
    assert!(
        home.contains("href=\"/roots\">Step 1:"),
        "alone, the first step that works alone"
    );
    let robin = app.account_token("robin").await;
    let (s, v) = app
        .post(
            "/api/v1/reflections",
            &robin,
            json!({"text": "What I learned growing up."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let home = app.page(&web, "/").await;
    assert!(home.contains("(you've used this)"));
    assert!(
        home.contains("href=\"/apologies\">Step 3:"),
        "talk needs a partner: {home}"
    );
}

#[tokio::test]
async fn the_guide_is_open_searchable_and_kept_offline_only_as_a_visitor_sees_it() {
    let app = spawn_app().await;
    let visitor = browser();
    for path in [
        "/guide",
        "/guide/questions",
        "/guide/closeness",
        "/guide/control",
    ] {
        let res = app.visit(&visitor, path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
    }
    let questions = app.page(&visitor, "/guide/questions").await;
    assert_eq!(questions.matches("<section class=\"card\" id=").count(), 12);
    let found = app.page(&visitor, "/guide?q=overthinking").await;
    assert!(found.contains("Found for “overthinking”"), "{found}");
    assert!(found.contains("/guide/questions#overthinking"));
    let steps = app.page(&visitor, "/guide?q=check-in+safe").await;
    assert!(steps.contains("href=\"/guide/closeness\""), "{steps}");
    let none = app.page(&visitor, "/guide?q=zeppelin+kumquat").await;
    assert!(none.contains("Nothing found for “zeppelin kumquat”"));
    assert!(
        none.contains("/guide/questions#address"),
        "suggests where to start"
    );
    let odd = app
        .page(&visitor, &format!("/guide?q={}", "<b>".repeat(300)))
        .await;
    assert!(!odd.contains("<b><b>"), "what was asked is escaped and cut");
    let sw = app.visit(&visitor, "/sw.js").await;
    assert_eq!(sw.headers()["cache-control"], "no-store");
    let sw = sw.text().await.unwrap();
    assert!(sw.contains("\"/guide/questions\"") && sw.contains("credentials: \"omit\""));
    assert!(!sw.contains("\"/closeness\""), "only the guide is kept");
}

#[tokio::test]
async fn with_four_weeks_of_entries_a_sign_draws_its_line_and_reads_a_direction() {
    let app = spawn_app().await;
    let robin = app.account("robin").await;
    // Five weeks: three entries a week at first, then one (this thread's clock, which the
    // server under test shares, moves a week at a time).
    for week in 0..5 {
        let n = if week < 3 { 3 } else { 1 };
        for _ in 0..n {
            let entry =
                json!({"kind": "other", "situation": "A hard evening.", "before": 6, "after": 4});
            let (s, v) = app.post("/api/v1/triggers", &robin, entry).await;
            assert_eq!(s, StatusCode::CREATED, "{v}");
        }
        kintsugi_app::move_clock_for_tests(7 * 86_400);
    }
    let (_, p) = app.get_json("/api/v1/progress", &robin).await;
    let entries = series(&p, "less_worry")[0];
    assert_eq!(entries["enough"], true, "{entries}");
    let words = entries["words"].as_str().unwrap();
    assert!(words.contains("a change for the better"), "{words}");
    let web = app.signed_in_browser("robin").await;
    let page = app.page(&web, "/progress").await;
    assert!(
        page.contains("<figure class=\"trend\"><svg"),
        "a line is drawn"
    );
    assert!(page.contains("Less worry, week by week on your clock."));
}
