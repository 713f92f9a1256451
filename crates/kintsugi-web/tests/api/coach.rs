//! The coach over real HTTP: limits, the page without JavaScript, the safety card.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_coach_answers_signed_in_people_within_limits() {
    let app = spawn_app_with(limits(|l| l.coach_per_minute = 3)).await;
    let token = app.account("alex").await;
    let (s, _) = app
        .post_json(
            "/api/v1/coach",
            None,
            json!({"kind": "message", "text": "You never listen."}),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, a) = app
        .coach(
            &token,
            json!({"kind": "message", "text": "You never listen."}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(a["findings"][0]["category"], "criticism");
    assert!(a["rewrite"].is_string());
    let (s, err) = app
        .coach(
            &token,
            json!({"kind": "message", "text": "é".repeat(20_001)}),
        )
        .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(says(&err, "20000"));
    let (s, _) = app
        .coach(&token, json!({"kind": "poem", "text": "hi"}))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // Three analyses a minute in this test: two were counted above, one more is allowed.
    let (s, _) = app
        .coach(&token, json!({"kind": "message", "text": "hi"}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, err) = app
        .coach(&token, json!({"kind": "message", "text": "hi"}))
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(err["error"]["code"], "rate_limited");
}

#[tokio::test]
async fn the_coach_page_works_without_javascript() {
    let (app, _, web) = alex_in_a_browser().await;
    let html = app
        .coach_page(&web, "apology", "I'm sorry if you were upset.")
        .await;
    assert!(html.contains("Conditional apology"));
    assert!(html.contains("repair</strong> is missing"));
    let html = app
        .coach_page(&web, "message", "She shoved me against the wall.")
        .await;
    assert!(html.contains("Your safety comes first"));
    assert!(!html.contains("Why it matters"));
}

#[tokio::test]
async fn the_safety_card_gives_the_configured_lines_for_the_danger_named() {
    let (app, _, web) = alex_in_a_browser().await;
    let card = |html: &str| {
        // The card on the page (the <template>s for the device come before <main>).
        let main = html.find("<main").unwrap();
        let start = main
            + html[main..]
                .find("<div class=\"safety\"")
                .expect("a safety card");
        html[start..start + html[start..].find("</div>").unwrap()].to_string()
    };
    // A report of harm: the domestic-abuse line, the emergency number, a quick exit.
    let html = app
        .coach_page(
            &web,
            "message",
            "He hit me last night and I'm scared to go home.",
        )
        .await;
    let danger = card(&html);
    assert!(
        danger.contains("National Domestic Abuse Helpline") && danger.contains("0808 2000 247")
    );
    assert!(danger.contains("Your local emergency number") && danger.contains("/quick-exit"));
    assert!(!danger.contains("Samaritans"), "{danger}");
    // Thoughts of self-harm: their own words and the crisis line.
    let html = app
        .coach_page(
            &web,
            "message",
            "I don't want to be alive anymore, I keep thinking about ending it.",
        )
        .await;
    let crisis = card(&html);
    assert!(
        crisis.contains("You matter")
            && crisis.contains("Samaritans")
            && crisis.contains("116 123"),
        "{crisis}"
    );
    assert!(!crisis.contains("0808 2000 247"), "{crisis}");
    // Helplines are tap-to-call on a phone.
    assert!(crisis.contains("href=\"tel:116123\""), "{crisis}");
    // A threat written by the person: words for someone who may hurt others, and where to get
    // help to stop; never the victim's "none of this is your fault".
    let html = app
        .coach_page(&web, "message", "If you leave me I will kill you.")
        .await;
    let threat = card(&html);
    assert!(
        threat.contains("read as a threat") && threat.contains("Respect Phone Line"),
        "{threat}"
    );
    assert!(!threat.contains("none of it is your fault"), "{threat}");
    assert!(
        !threat.contains("National Domestic Abuse Helpline"),
        "{threat}"
    );
    // The same parts wait in <template>s for the coach on the device.
    for id in [
        "safety-self_harm",
        "safety-threat",
        "safety-harm_report",
        "safety-exit",
    ] {
        assert!(html.contains(&format!("<template id=\"{id}\">")), "{id}");
    }
}

#[tokio::test]
async fn the_coach_says_when_it_could_not_read_a_text() {
    let (app, token, web) = alex_in_a_browser().await;
    let french = "Tu ne m'écoutes jamais quand je te parle de mes problèmes.";
    let html = app.coach_page(&web, "message", french).await;
    assert!(html.contains("reads English only"), "{html}");
    assert!(!html.contains("found nothing to point out"));
    let (s, a) = app
        .coach(&token, json!({"kind": "message", "text": french}))
        .await;
    assert_eq!(
        (s, a["not_read"].as_str()),
        (StatusCode::OK, Some("not_english"))
    );
}

/// Words that read as a threat or a report of harm reach the other person with the safety card
/// (its lines, the emergency number, a quick exit), never bare; their writer's own pages don't
/// show it as received.
#[tokio::test]
async fn a_threat_reaches_its_reader_with_the_safety_card() {
    let (app, alex_web) = couple_in_a_browser().await;
    let sam_web = app.signed_in_browser("sam").await;
    let sam = app.account_token("sam").await;
    let quiet = app.page(&alex_web, "/questions").await;
    assert!(
        !quiet.contains("id=\"received-safety\""),
        "nothing received yet"
    );
    let (s, _) = app
        .post(
            "/api/v1/questions",
            &sam,
            json!({"text": "Tell me where you were or I will hurt you."}),
        )
        .await;
    assert!(s.is_success());
    for page in ["/questions", "/"] {
        let html = app.page(&alex_web, page).await;
        let at = html
            .find("id=\"received-safety\"")
            .unwrap_or_else(|| panic!("{page}: {html}"));
        let card = &html[at..at + html[at..].find("</div>").unwrap()];
        assert!(card.contains("reads as a threat") && card.contains("none of it is your fault"));
        assert!(
            card.contains("National Domestic Abuse Helpline") && card.contains("tel:08082000247")
        );
        assert!(card.contains("Your local emergency number") && card.contains("/quick-exit"));
    }
    let own = app.page(&sam_web, "/questions").await;
    assert!(
        !own.contains("id=\"received-safety\""),
        "not received by its writer"
    );
}

#[tokio::test]
async fn one_reason_is_given_once_however_often_it_applies() {
    let (app, _, web) = alex_in_a_browser().await;
    let text = "I will check your phone tonight. Give me your passwords. I am going to track your location.";
    let html = app.coach_page(&web, "request", text).await;
    assert_eq!(html.matches("class=\"finding\"").count(), 3, "{html}");
    assert_eq!(html.matches("feels like surveillance").count(), 1, "{html}");
    assert_eq!(html.matches("as above.").count(), 2);
}
