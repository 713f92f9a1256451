//! Step 3, Apology and accountability, over HTTP: drafts and delivery, free answers, promises,
//! the questions thread with every version kept, and bad input.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

// The apology and questions endpoints, one helper each.
crate::endpoints! {
    apologies => GET "/api/v1/apologies";
    write_apology => POST "/api/v1/apologies", body;
    apology => GET "/api/v1/apologies/{id}", id;
    edit_apology => PUT "/api/v1/apologies/{id}", id, body;
    deliver_version => POST "/api/v1/apologies/{id}/delivery", id, body;
    answer_apology => POST "/api/v1/apologies/{id}/response", id, body;
    promise => POST "/api/v1/apologies/{id}/promises", id, body;
    questions => GET "/api/v1/questions";
    ask => POST "/api/v1/questions", body;
    answer_question => POST "/api/v1/questions/{id}/answers", id, body;
}

impl TestApp {
    pub async fn deliver(&self, t: &str, id: impl Display) -> Reply {
        self.post(format!("/api/v1/apologies/{id}/delivery"), t, json!({}))
            .await
    }
}

fn full_apology(deliver: bool) -> Value {
    json!({
        "what_i_did": "I lied about where I was on Saturday.",
        "responsibility": "It was my choice, and there's no excuse.",
        "impact": "I can see it made you doubt everything I say.",
        "differently": "I will tell you where I am when plans change.",
        "repair": "I'll answer any question you have.",
        "value": "honesty",
        "deliver": deliver
    })
}

async fn list(app: &TestApp, token: &str) -> Vec<Value> {
    let (s, v) = app.apologies(token).await;
    assert_eq!(s, StatusCode::OK);
    v.as_array().unwrap().clone()
}

#[tokio::test]
async fn a_draft_is_private_and_a_delivered_apology_is_frozen() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (s, draft) = app.write_apology(&alex, full_apology(false)).await;
    assert_eq!(s, StatusCode::CREATED, "{draft}");
    assert_eq!(
        (draft["delivered_at"].clone(), draft["value"].clone()),
        (Value::Null, json!("honesty"))
    );
    assert!(
        list(&app, &sam).await.is_empty(),
        "a draft is the author's alone"
    );
    let id = draft["id"].as_str().unwrap();
    // The draft can change; nobody else can change it.
    let edit = json!({"what_i_did": "I lied to you about Saturday."});
    let (s, _) = app.edit_apology(&sam, &id, edit.clone()).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, edited) = app.edit_apology(&alex, &id, edit.clone()).await;
    assert_eq!(
        (s, edited["parts"]["what_i_did"].clone()),
        (StatusCode::OK, json!("I lied to you about Saturday."))
    );
    let (s, delivered) = app.deliver(&alex, &id).await;
    assert_eq!(s, StatusCode::OK);
    assert!(delivered["delivered_at"].is_string());
    // Frozen now: no silent edits.
    let (s, err) = app
        .edit_apology(&alex, &id, json!({"what_i_did": "Nothing much."}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(says(&err, "isn't changed"));
    let (s, _) = app.deliver(&alex, &id).await;
    assert_eq!(s, StatusCode::CONFLICT);
    // The partner reads it; the value line never reaches them; a stranger sees nothing.
    let for_sam = list(&app, &sam).await;
    assert_eq!(for_sam.len(), 1);
    assert_eq!(
        for_sam[0]["parts"]["what_i_did"],
        "I lied to you about Saturday."
    );
    assert_eq!(for_sam[0]["value"], Value::Null);
    assert!(list(&app, &casey).await.is_empty());
    let (s, _) = app.apology(&casey, &id).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_receiver_answers_freely_and_commitments_become_promises() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (_, a) = app.write_apology(&alex, full_apology(true)).await;
    let id = a["id"].as_str().unwrap();
    let answers = [
        (
            &alex,
            "received",
            StatusCode::CONFLICT,
            "not your own apology",
        ),
        (
            &sam,
            "forgiven",
            StatusCode::BAD_REQUEST,
            "there is no forgiveness button",
        ),
        (
            &casey,
            "received",
            StatusCode::NOT_FOUND,
            "a stranger sees nothing",
        ),
        (
            &sam,
            "need_time",
            StatusCode::CREATED,
            "the receiver answers freely",
        ),
    ];
    for (who, answer, status, why) in answers {
        let (s, _) = app
            .answer_apology(who, &id, json!({"answer": answer}))
            .await;
        assert_eq!(s, status, "{why}");
    }
    let (s, after) = app
        .answer_apology(
            &sam,
            &id,
            json!({"answer": "have_questions", "text": "I want to understand the weekend."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let answers: Vec<&str> = after["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["answer"].as_str().unwrap())
        .collect();
    assert_eq!(answers, ["need_time", "have_questions"]);
    // Promises: only the author, only once delivered; the text defaults to the commitment.
    let (s, _) = app.promise(&sam, &id, json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, made) = app.promise(&alex, &id, json!({})).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        made["promises"],
        json!(["I will tell you where I am when plans change."])
    );
    let (_, seen) = app.apology(&sam, &id).await;
    assert_eq!(seen["promises"].as_array().unwrap().len(), 1);
    let (_, draft) = app
        .write_apology(&alex, json!({"what_i_did": "I forgot."}))
        .await;
    let (s, _) = app
        .promise(
            &alex,
            draft["id"].as_str().unwrap(),
            json!({"text": "Call"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "deliver first");
}

#[tokio::test]
async fn answers_are_amended_in_the_open() {
    let app = spawn_app().await;
    let (alex, sam, casey) = app.couple_and_stranger().await;
    let (s, _) = app.ask(&sam, json!({"text": "When did it start?"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, qs) = app.questions(&alex).await;
    let id = qs[0]["id"].as_str().unwrap().to_string();
    for (who, status, why) in [
        (&sam, StatusCode::CONFLICT, "the other partner answers"),
        (&casey, StatusCode::NOT_FOUND, "a stranger sees nothing"),
    ] {
        let (s, _) = app.answer_question(who, &id, json!({"text": "Mine"})).await;
        assert_eq!(s, status, "{why}");
    }
    app.answer_question(&alex, &id, json!({"text": "In the spring."}))
        .await;
    let (s, after) = app
        .answer_question(
            &alex,
            &id,
            json!({"text": "In the spring; the first message was in March."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let versions: Vec<&str> = after[0]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        versions,
        [
            "In the spring.",
            "In the spring; the first message was in March."
        ]
    );
    let (_, for_sam) = app.questions(&sam).await;
    assert_eq!(
        for_sam[0]["answers"].as_array().unwrap().len(),
        2,
        "every version stays visible to both"
    );
    assert_eq!(app.questions(&casey).await.1, json!([]));
}

#[tokio::test]
async fn bad_apologies_and_questions_are_refused_and_store_nothing() {
    let app = spawn_app().await;
    let solo = app.account("robin").await;
    let (s, err) = app.write_apology(&solo, full_apology(true)).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(says(&err, "paired"));
    let (s, _) = app.ask(&solo, json!({"text": "Why?"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let cases = [
        (json!({"what_i_did": ""}), StatusCode::UNPROCESSABLE_ENTITY),
        (
            json!({"what_i_did": "x", "impact": "y".repeat(4001)}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"what_i_did": "x", "value": "v".repeat(201)}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (json!({"impact": "only this"}), StatusCode::BAD_REQUEST),
    ];
    for (body, status) in cases {
        let (s, _) = app.write_apology(&solo, body.clone()).await;
        assert_eq!(s, status, "{body}");
    }
    assert!(list(&app, &solo).await.is_empty(), "nothing was stored");
    let (alex, _, _) = app.couple_and_stranger().await;
    let (s, _) = app.ask(&alex, json!({"text": "  "})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = app
        .answer_question(&alex, "nope", json!({"text": "x"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(app.questions(&alex).await.1, json!([]));
}

#[tokio::test]
async fn the_coach_checks_an_apology_before_it_is_delivered_without_javascript() {
    let (app, alex) = couple_in_a_browser().await;
    let mut typed = CONDITIONAL.to_vec();
    typed.push(("value", "honesty"));
    let html = app.form_text(&alex, "/apologies", &typed).await;
    assert!(html.contains("Conditional apology"));
    assert!(html.contains("responsibility</strong> is missing"));
    assert!(html.contains("value=\"honesty\""), "what was typed is kept");
    assert!(!html.contains("Your apologies"), "checking stores nothing");
    let res = app
        .form(
            &alex,
            "/apologies",
            &[
                ("what_i_did", "I lied about Saturday"),
                ("responsibility", "It was my choice"),
                ("impact", ""),
                ("differently", "I'll call when plans change"),
                ("repair", ""),
                ("action", "review"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let review = header(res.headers(), "location").to_string();
    assert!(review.ends_with("/review"), "{review}");
    let html = app.page(&alex, &review).await;
    let id = review
        .trim_start_matches("/apologies/")
        .trim_end_matches("/review");
    let res = deliver_form(&app, &alex, id, version_on(&html)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let sam = app.signed_in_browser("sam").await;
    let page = app.page(&sam, "/apologies").await;
    assert!(page.contains("Apologies to you") && page.contains("I lied about Saturday"));
    assert!(
        !page.to_lowercase().contains("forgive"),
        "no forgiveness button anywhere"
    );
}

#[tokio::test]
async fn the_five_field_apology_is_judged_field_by_field() {
    let (app, alex) = couple_in_a_browser().await;
    let fields = [
        ("value", "honesty"),
        ("what_i_did", "I lied to you about the money"),
        (
            "responsibility",
            "It was my choice, and nothing you did made me do it",
        ),
        ("impact", "You felt betrayed and alone"),
        ("differently", "From now on I will show you every statement"),
        ("repair", "I will answer every question you have"),
        ("action", "check"),
    ];
    let html = app.form_text(&alex, "/apologies", &fields).await;
    assert!(
        !html.contains("is missing"),
        "every filled field counts: {html}"
    );
    assert!(
        !html.contains("Shifting blame"),
        "a disclaimer is not blame"
    );
    assert!(html.contains("✓ <strong>responsibility</strong>"), "{html}");
}

/// A conditional apology in the five-field form, with "Check my apology" pressed.
const CONDITIONAL: [(&str, &str); 6] = [
    ("what_i_did", "I'm sorry if you were upset about Saturday"),
    ("responsibility", ""),
    ("impact", ""),
    ("differently", ""),
    ("repair", ""),
    ("action", "check"),
];

/// "Check my words" on a form at `path`: the page it answers with (200).
async fn checked(app: &TestApp, web: &reqwest::Client, path: &str, text: &str) -> String {
    let (status, html) = app
        .form_page(web, path, &[("text", text), ("action", "check")])
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    html
}

/// Sends the deliver form of apology `id` naming `version`, as the review page does.
async fn deliver_form(
    app: &TestApp,
    web: &reqwest::Client,
    id: &str,
    version: &str,
) -> reqwest::Response {
    let path = format!("/apologies/{id}/deliver");
    app.form(web, &path, &[("version", version)]).await
}

/// The version a review page's deliver form names.
fn version_on(html: &str) -> &str {
    let field = "name=\"version\" value=\"";
    let at = html.find(field).expect("a version field") + field.len();
    &html[at..at + html[at..].find('"').unwrap()]
}

#[tokio::test]
async fn deliver_sends_what_was_read_through_and_nothing_unseen() {
    let (app, alex) = couple_in_a_browser().await;
    let sam = app.signed_in_browser("sam").await;
    let fields = |what: &'static str, action: &'static str| {
        [
            ("what_i_did", what),
            ("responsibility", "It was my choice."),
            ("impact", ""),
            ("differently", "I'll call when plans change."),
            ("repair", ""),
            ("action", action),
        ]
    };
    let res = app
        .form(&alex, "/apologies", &fields("I forgot our dinner.", "save"))
        .await;
    let id = id_after(header(res.headers(), "location"), "/apologies/");
    // Edits on screen go with "Review and deliver", unsaved before it: the review shows them.
    let res = app
        .form(
            &alex,
            &format!("/apologies/{id}/edit"),
            &fields("I forgot our anniversary dinner.", "review"),
        )
        .await;
    assert_eq!(
        header(res.headers(), "location"),
        format!("/apologies/{id}/review")
    );
    let review = app.page(&alex, &format!("/apologies/{id}/review")).await;
    assert!(
        review.contains("I forgot our anniversary dinner.") && review.contains("Deliver this to")
    );
    let seen = version_on(&review).to_string();
    // Another tab changes the draft after that: delivering the version read is refused, and
    // nothing reaches Sam.
    app.form(
        &alex,
        &format!("/apologies/{id}/edit"),
        &fields("I forgot.", "save"),
    )
    .await;
    let res = deliver_form(&app, &alex, &id, seen.as_str()).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("changed after you read it through")
    );
    assert!(!app.page(&sam, "/apologies").await.contains("I forgot"));
    // A deliver form without a version, or with a word for one, is refused and sends nothing.
    for bad in [vec![], vec![("version", "latest")]] {
        let res = app
            .form(&alex, &format!("/apologies/{id}/deliver"), &bad)
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
    }
    assert!(!app.page(&sam, "/apologies").await.contains("I forgot"));
    // Read again, then delivered: Sam gets exactly that.
    let review = app.page(&alex, &format!("/apologies/{id}/review")).await;
    let res = deliver_form(&app, &alex, &id, version_on(&review)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = app.page(&sam, &format!("/apologies/{id}")).await;
    assert!(
        html.contains("I forgot.") && !html.contains("anniversary"),
        "{html}"
    );
    // Replaying the form changes nothing; the review page of a delivered apology leads back.
    let res = deliver_form(&app, &alex, &id, version_on(&review)).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let res = app.visit(&alex, &format!("/apologies/{id}/review")).await;
    assert_eq!(
        header(res.headers(), "location"),
        format!("/apologies/{id}")
    );
}

#[tokio::test]
async fn the_api_delivers_the_version_named_or_the_current_one() {
    let app = spawn_app().await;
    let (alex, _, _) = app.couple_and_stranger().await;
    let (_, draft) = app.write_apology(&alex, full_apology(false)).await;
    let id = draft["id"].as_str().unwrap().to_string();
    let stale = draft["version"].as_i64().unwrap();
    app.edit_apology(&alex, &id, json!({"what_i_did": "I lied, twice."}))
        .await;
    let (s, err) = app
        .deliver_version(&alex, &id, json!({"version": stale}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(says(&err, "changed after you read it through"), "{err}");
    let (s, _) = app
        .deliver_version(&alex, &id, json!({"versoin": stale + 1}))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "an unknown field is refused");
    let (_, now) = app.apology(&alex, &id).await;
    assert_eq!(now["delivered_at"], Value::Null, "nothing was delivered");
    let (s, done) = app
        .deliver_version(&alex, &id, json!({"version": now["version"]}))
        .await;
    assert_eq!(
        (s, done["parts"]["what_i_did"].as_str()),
        (StatusCode::OK, Some("I lied, twice."))
    );
}

#[tokio::test]
async fn check_my_words_works_under_every_field_for_the_partner_and_sends_nothing() {
    let app = spawn_app().await;
    let (alex_t, sam_t, _) = app.couple_and_stranger().await;
    let (alex, sam) = (
        app.signed_in_browser("alex").await,
        app.signed_in_browser("sam").await,
    );
    // The draft edit page: the five parts read field by field, the typed words kept, the draft
    // as it was.
    let (_, draft) = app.write_apology(&alex_t, full_apology(false)).await;
    let id = draft["id"].as_str().unwrap().to_string();
    let res = app
        .form(&alex, &format!("/apologies/{id}/edit"), &CONDITIONAL)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("Conditional apology"), "the coach read it");
    assert!(
        html.contains("I&#39;m sorry if you were upset about Saturday")
            || html.contains("I'm sorry if you were upset about Saturday")
    );
    let (_, same) = app.apology(&alex_t, &id).await;
    assert_eq!(same["parts"], draft["parts"], "checking changed nothing");
    // An answer to a delivered apology: read, kept, not sent; no choice is needed to check.
    let (_, delivered) = app.write_apology(&alex_t, full_apology(true)).await;
    let did = delivered["id"].as_str().unwrap().to_string();
    let words = "You always do this and you never listen.";
    let html = checked(&app, &sam, &format!("/apologies/{did}/respond"), words).await;
    assert!(
        html.contains("class=\"finding\"") && html.contains("you never listen"),
        "{html}"
    );
    // Sending without a choice is refused and stores nothing.
    let respond = format!("/apologies/{did}/respond");
    let fields = [("text", "ok"), ("action", "send")];
    let (status, html) = app.form_page(&sam, &respond, &fields).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("choose one of the answers"));
    let (_, seen) = app.apology(&alex_t, &did).await;
    assert_eq!(seen["responses"], json!([]), "nothing was sent");
    // An answer in the questions thread: read under that answer only, kept, not sent.
    app.ask(&alex_t, json!({"text": "Where were you on Friday?"}))
        .await;
    let qid = app.questions(&sam_t).await.1[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let words = "Whatever, you always assume the worst.";
    let html = checked(&app, &sam, &format!("/questions/{qid}/answer"), words).await;
    let under = html
        .split(&format!("id=\"answer-{qid}-coach\""))
        .nth(1)
        .unwrap();
    assert!(
        under[..under.find("</div>\n</div>").unwrap_or(under.len())].contains("finding"),
        "{html}"
    );
    assert!(
        html.contains("you always assume the worst"),
        "typed words kept"
    );
    assert_eq!(app.questions(&sam_t).await.1[0]["answers"], json!([]));
    // And the question form itself.
    let res = app
        .form(
            &alex,
            "/questions",
            &[("text", "Why do you always lie?"), ("action", "check")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("finding"));
    assert_eq!(app.questions(&alex_t).await.1.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_refused_text_is_explained_under_the_form_it_came_from_only() {
    let app = spawn_app().await;
    let (alex_t, sam_t, _) = app.couple_and_stranger().await;
    let sam = app.signed_in_browser("sam").await;
    app.ask(&alex_t, json!({"text": "Where were you on Friday?"}))
        .await;
    let qid = app.questions(&sam_t).await.1[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // An over-long question from the form at the top: one error, under that form.
    let long = "x".repeat(kintsugi_domain::apology::TEXT_MAX + 1);
    let fields = [("text", long.as_str()), ("action", "send")];
    let (status, html) = app.form_page(&sam, "/questions", &fields).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert_eq!(html.matches("class=\"field-error\"").count(), 1, "{html}");
    assert!(html.contains("id=\"question-error\""), "{html}");
    assert!(!html.contains(&format!("id=\"answer-{qid}-error\"")));
    // The same under an answer: the error is there, not at the top.
    let answer = format!("/questions/{qid}/answer");
    let (status, html) = app.form_page(&sam, &answer, &fields).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(html.matches("class=\"field-error\"").count(), 1, "{html}");
    assert!(html.contains(&format!("id=\"answer-{qid}-error\"")));
    assert_eq!(
        app.questions(&sam_t).await.1.as_array().unwrap().len(),
        1,
        "nothing stored"
    );
}
