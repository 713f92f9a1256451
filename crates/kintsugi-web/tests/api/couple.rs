//! The couple over real HTTP: invites, pairing, invite links and leaving.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn partners_pair_once_and_either_can_leave() {
    let app = spawn_app().await;
    let (a, b, c) = (
        app.account("alex").await,
        app.account("sam").await,
        app.account("casey").await,
    );
    let (s, invite) = app.invite(&a).await;
    assert_eq!(s, StatusCode::CREATED);
    let code = invite["code"].as_str().unwrap().to_string();
    assert_eq!(code.len(), 14);
    // Not your own invite.
    let (s, _) = app.join(&a, json!({"code": code})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    // The partner joins, typing the code loosely.
    let loose = code.to_lowercase().replace('-', " ");
    let (s, joined) = app.join(&b, json!({"code": loose})).await;
    assert_eq!(s, StatusCode::OK, "{joined}");
    assert_eq!(joined["partner_display_name"], "alex D");
    let (_, me_a) = app.me(&a).await;
    assert_eq!(me_a["couple"]["partner_display_name"], "sam D");
    // A used invite cannot be replayed by anyone.
    let (s, err) = app.join(&c, json!({"code": code})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(says(&err, "expired"));
    // A stranger sees nothing of the couple.
    let (_, me_c) = app.me(&c).await;
    assert_eq!(me_c["couple"], Value::Null);
    // Someone in a couple can't invite.
    let (s, _) = app.invite(&b).await;
    assert_eq!(s, StatusCode::CONFLICT);
    // Leaving is unilateral and ends it for both.
    let (s, _) = app.leave(&b).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, me_a) = app.me(&a).await;
    assert_eq!(me_a["couple"], Value::Null);
    let (s, _) = app.leave(&b).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn malformed_and_expired_invites_are_refused() {
    let app = spawn_app().await;
    let (a, b) = (app.account("alex").await, app.account("sam").await);
    let (s, err) = app.join(&b, json!({"code": "nope"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["error"]["field"], "code");
    // An invite that has run out: made 49 hours ago.
    let alex = app.store.user_by_username("alex").await.unwrap().unwrap();
    let code = "ABCDEFGHJKMN";
    app.store
        .create_invite(kintsugi_store::Invite {
            code_hash: kintsugi_vault_hash(code),
            inviter: alex.id,
            couple_id: kintsugi_domain::CoupleId::new(),
            inviter_wrap: vec![0; 72],
            code_wrap: vec![0; 72],
            code_salt: vec![0; 16],
            code_sealed: None,
            created_at: kintsugi_web::now() - 49 * 3600,
            expires_at: kintsugi_web::now() - 3600,
        })
        .await
        .unwrap();
    let (s, _) = app.join(&b, json!({"code": "ABCD-EFGH-JKMN"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, me) = app.me(&b).await;
    assert_eq!(me["couple"], Value::Null);
    let _ = a;
}

fn kintsugi_vault_hash(code: &str) -> Vec<u8> {
    kintsugi_vault::token_hash(code.as_bytes())
}

#[tokio::test]
async fn an_invite_link_leads_a_newcomer_through_sign_up_and_back_with_the_code() {
    let app = spawn_app().await;
    let maya = app.account("maya").await;
    let code = app.invite(&maya).await.1["code"]
        .as_str()
        .unwrap()
        .to_string();
    let link = format!("/couple/join?code={code}");
    // Signed out: to sign in, where the link to sign up keeps the way back.
    let web = browser();
    let res = app.visit(&web, &link).await;
    let to = header(res.headers(), "location").to_string();
    assert_eq!(
        to, "/signin",
        "the code never sits in an address but the link's own"
    );
    let signin = app.page(&web, &to).await;
    assert!(
        signin.contains("Your partner invited you") && signin.contains("href=\"/signup\""),
        "{signin}"
    );
    let page = app.page(&web, "/signup").await;
    assert!(page.contains("Your partner invited you"), "{page}");
    assert!(
        page.contains(&format!(r#"name="next" value="{link}""#)),
        "{page}"
    );
    // Signing up with the way back: the recovery key, then straight back to the code.
    let fields = [
        ("username", "noor"),
        ("display_name", "Noor"),
        ("password", PASSWORD),
        ("next", link.as_str()),
    ];
    let res = app.form(&web, "/signup", &fields).await;
    assert_eq!(header(res.headers(), "location"), "/recovery-key");
    let key_page = app.page(&web, "/recovery-key").await;
    assert!(
        key_page.contains(&format!(r#"href="{link}""#)),
        "{key_page}"
    );
    let join = app.page(&web, &link).await;
    assert!(
        join.contains(&format!(r#"value="{code}""#)),
        "the code is kept"
    );
    // The form they came for comes first, before making a code of their own.
    let (joining, inviting) = (
        join.find("Join your partner").expect("the join form"),
        join.find("Make an invite code").expect("the invite button"),
    );
    assert!(joining < inviting, "join first");
    // Someone already paired who opens a link is told why it can't be used.
    app.account("sam").await;
    let alex = app.account("alex").await;
    let sam_web = app.signed_in_browser("sam").await;
    let invite = app.invite(&alex).await.1["code"]
        .as_str()
        .unwrap()
        .to_string();
    app.form(&sam_web, "/couple/join", &[("code", invite.as_str())])
        .await;
    let page = app.page(&sam_web, &link).await;
    assert!(
        page.contains("already in a couple, so this invite can&#39;t be used"),
        "{page}"
    );
}

#[tokio::test]
async fn an_invite_code_stays_on_the_partner_page_until_used_stopped_or_replaced() {
    let (app, alex_token, alex) = alex_in_a_browser().await;
    let sam = app.account("sam").await;
    // Answered with a redirect (Back never asks to send it again); the code waits on the page.
    let res = app.form(&alex, "/couple/invite", &[("", "")]).await;
    assert_eq!(header(res.headers(), "location"), "/couple");
    let html = app.page(&alex, "/couple").await;
    let code = html
        .split("<code id=\"invite-code\">")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .unwrap()
        .to_string();
    // Back later: the same code, with its link, still there; the API lists it; only Alex's.
    let again = app.page(&alex, "/couple").await;
    assert!(again.contains(&code) && again.contains(&format!("/couple/join?code={code}")));
    let (_, listed) = app.pending_invites(&alex_token).await;
    assert_eq!(listed[0]["code"], code.as_str());
    assert_eq!(app.pending_invites(&sam).await.1, json!([]));
    // A new code replaces it: the old one no longer joins.
    app.form(&alex, "/couple/invite", &[("", "")]).await;
    let html = app.page(&alex, "/couple").await;
    assert!(!html.contains(&code), "replaced");
    let (s, _) = app.join(&sam, json!({"code": code})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Stopped: gone from the page and the API, and it joins no one.
    let (_, listed) = app.pending_invites(&alex_token).await;
    let newer = listed[0]["code"].as_str().unwrap().to_string();
    let res = app.form(&alex, "/couple/invite/stop", &[("", "")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = app.page(&alex, "/couple?done=stopped").await;
    assert!(!html.contains(&newer) && html.contains("That code is stopped"));
    let (s, _) = app.join(&sam, json!({"code": newer})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Over the API: made, listed, stopped (204), gone.
    let (_, made) = app.invite(&alex_token).await;
    assert_eq!(
        app.pending_invites(&alex_token).await.1[0]["code"],
        made["code"]
    );
    assert_eq!(
        app.stop_invites(&alex_token).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.pending_invites(&alex_token).await.1, json!([]));
    // Once paired, there is no code to show.
    let (_, made) = app.invite(&alex_token).await;
    app.join(&sam, json!({"code": made["code"]})).await;
    assert_eq!(app.pending_invites(&alex_token).await.1, json!([]));
    assert!(!app.page(&alex, "/couple").await.contains("invite-code"));
}
