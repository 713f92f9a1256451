//! The store's stories, written once and run against every backend.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod accounts;
mod counting;
mod history;
mod inbox;
pub mod mailbox;
mod reminders;
mod reports;
mod safety;
mod threads;
pub use accounts::*;
pub use counting::CountingStore;
pub use history::*;
pub use inbox::*;
pub use reminders::*;
pub use reports::*;
pub use safety::*;
pub use threads::*;

use kintsugi_domain::{CoupleId, RecordId, SessionId, UserId, Viewer, Visibility};
use kintsugi_store::{
    Authenticated, Effects, Invite, Joining, NewUser, Record, Session, Store, StoreError,
};
use kintsugi_vault::{Binding, Key, seal, token_hash};

/// A fixed "now" for the stories.
pub const NOW: i64 = 1_800_000_000;

/// Someone using the invite whose code hashes to `code_hash`.
pub fn joining(code_hash: &[u8], joiner: UserId, joiner_wrap: Vec<u8>, now: i64) -> Joining<'_> {
    Joining {
        code_hash,
        joiner,
        joiner_wrap,
        now,
    }
}

/// Two people paired by the invite `code`, and a third who is a stranger to them (accounts
/// named by `names`).
pub async fn couple_and_stranger<S: Store>(
    store: &S,
    names: [&str; 3],
    code: &[u8],
) -> (UserId, UserId, UserId, CoupleId) {
    let [a, b, s] = names;
    let (a, b, s) = (
        user(store, a).await,
        user(store, b).await,
        user(store, s).await,
    );
    let couple = pair(store, a, b, code).await;
    (a, b, s, couple)
}

/// Starts an API session for `user` with the token `token`, valid until `expires_at`.
pub async fn api_session<S: Store>(
    store: &S,
    user: UserId,
    token: &[u8],
    expires_at: i64,
) -> SessionId {
    let session = Session {
        id: SessionId::new(),
        user_id: user,
        token_hash: token_hash(token),
        key_wrap: vec![],
        client: "api".into(),
        device: String::new(),
        last_used_at: NOW,
        created_at: NOW,
        expires_at,
    };
    let id = session.id;
    store.create_session(session).await.unwrap();
    id
}

/// Who the token `token` signs in as, now.
pub async fn signs_in<S: Store>(store: &S, token: &[u8]) -> Option<Authenticated> {
    store.authenticate(&token_hash(token), NOW).await.unwrap()
}

/// Who reads: a person, in a couple or not.
pub fn viewer(user: UserId, couple: Option<CoupleId>) -> Viewer {
    Viewer { user, couple }
}

/// Creates an account named `name` with throwaway key material.
pub async fn user<S: Store>(store: &S, name: &str) -> UserId {
    let id = UserId::new();
    store
        .create_user(NewUser {
            id,
            username: name.to_string(),
            display_name: format!("{name} display"),
            password_hash: "$argon2id$placeholder-for-store-tests".to_string(),
            kek_salt: vec![1; 16],
            password_wrap: vec![2; 72],
            recovery_wrap: vec![3; 72],
            time_zone: "Europe/Paris".into(),
            created_at: NOW,
            locker: vec![4; 64],
        })
        .await
        .unwrap();
    id
}

/// Pairs two people through an invite and returns the couple.
pub async fn pair<S: Store>(store: &S, a: UserId, b: UserId, code: &[u8]) -> CoupleId {
    let couple = CoupleId::new();
    store
        .create_invite(Invite {
            code_hash: token_hash(code),
            inviter: a,
            couple_id: couple,
            inviter_wrap: vec![4; 72],
            code_wrap: vec![5; 72],
            code_salt: vec![6; 16],
            code_sealed: None,
            created_at: NOW,
            expires_at: NOW + 48 * 3600,
        })
        .await
        .unwrap();
    store
        .accept_invite(joining(&token_hash(code), b, vec![7; 72], NOW + 1))
        .await
        .unwrap()
}

/// An inviter's code stays findable (sealed) until used, stopped or replaced; only theirs.
pub async fn an_invite_code_is_kept_until_used_stopped_or_replaced<S: Store>(store: &S) {
    let (a, other) = (user(store, "ida").await, user(store, "oli").await);
    let invite = |code: &[u8], at: i64| Invite {
        code_hash: token_hash(code),
        inviter: a,
        couple_id: CoupleId::new(),
        inviter_wrap: vec![4; 72],
        code_wrap: vec![5; 72],
        code_salt: vec![6; 16],
        code_sealed: Some(code.to_vec()),
        created_at: at,
        expires_at: at + 100,
    };
    store.create_invite(invite(b"first", NOW)).await.unwrap();
    let pending = store.pending_invites(a, NOW + 1).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].code_sealed.as_deref(), Some(&b"first"[..]));
    assert!(
        store
            .pending_invites(other, NOW + 1)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .pending_invites(a, NOW + 100)
            .await
            .unwrap()
            .is_empty(),
        "expired"
    );
    // A new code replaces the unused one: the first can't be used any more.
    store
        .create_invite(invite(b"second", NOW + 2))
        .await
        .unwrap();
    let pending = store.pending_invites(a, NOW + 3).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].code_hash, token_hash(b"second"));
    assert!(
        store
            .invite_by_code(&token_hash(b"first"), NOW + 3)
            .await
            .unwrap()
            .is_none()
    );
    // Stopped: gone, and only the inviter's own are touched.
    assert_eq!(store.revoke_invites(other).await.unwrap(), 0);
    assert_eq!(store.revoke_invites(a).await.unwrap(), 1);
    assert!(store.pending_invites(a, NOW + 3).await.unwrap().is_empty());
    assert!(
        store
            .invite_by_code(&token_hash(b"second"), NOW + 3)
            .await
            .unwrap()
            .is_none()
    );
}

/// Pairing is single-use, one couple per person, and leaving ends it for both.
pub async fn pairing_rules_hold<S: Store>(store: &S) {
    let (a, b, c, couple) = couple_and_stranger(store, ["ana", "ben", "cy"], b"code-1").await;
    let seen_by_b = store.active_couple(b).await.unwrap().unwrap();
    // Authentication finds the same couple in the same query.
    api_session(store, b, b"ben", NOW + 100).await;
    let auth = signs_in(store, b"ben").await.unwrap();
    assert_eq!(auth.couple.as_ref(), Some(&seen_by_b));
    assert_eq!(
        auth.couple.unwrap().key_wrap,
        vec![7; 72],
        "the joiner's own wrap of the couple key"
    );
    assert_eq!((seen_by_b.id, seen_by_b.partner), (couple, a));
    assert_eq!(seen_by_b.partner_display_name, "ana display");
    assert_eq!(store.active_couple(a).await.unwrap().unwrap().partner, b);
    // A used invite cannot be replayed.
    let replay = store
        .accept_invite(joining(&token_hash(b"code-1"), c, vec![], NOW + 2))
        .await;
    assert!(matches!(replay, Err(StoreError::NotFound)));
    // Someone in a couple cannot invite.
    let inv = Invite {
        code_hash: token_hash(b"code-2"),
        inviter: a,
        couple_id: CoupleId::new(),
        inviter_wrap: vec![],
        code_wrap: vec![],
        code_salt: vec![],
        code_sealed: None,
        created_at: NOW,
        expires_at: NOW + 10,
    };
    assert!(matches!(
        store.create_invite(inv.clone()).await,
        Err(StoreError::State(_))
    ));
    // Nor can an invite be accepted by its inviter, or after it expired.
    let inv_c = Invite {
        inviter: c,
        code_hash: token_hash(b"code-3"),
        ..inv.clone()
    };
    store.create_invite(inv_c).await.unwrap();
    let own = store
        .accept_invite(joining(&token_hash(b"code-3"), c, vec![], NOW + 1))
        .await;
    assert!(matches!(own, Err(StoreError::State(_))));
    let late = store
        .accept_invite(joining(&token_hash(b"code-3"), a, vec![], NOW + 11))
        .await;
    assert!(matches!(late, Err(StoreError::NotFound)));
    // Someone already paired cannot join another couple.
    let paired = store
        .accept_invite(joining(&token_hash(b"code-3"), a, vec![], NOW + 5))
        .await;
    assert!(matches!(paired, Err(StoreError::State(_))));
    // Leaving ends it for both.
    store.leave_couple(b, NOW + 20, &[]).await.unwrap();
    assert!(store.active_couple(a).await.unwrap().is_none());
    assert!(
        store
            .authenticate(&token_hash(b"ben"), NOW + 21)
            .await
            .unwrap()
            .unwrap()
            .couple
            .is_none()
    );
    assert!(store.active_couple(b).await.unwrap().is_none());
    assert!(matches!(
        store.leave_couple(b, NOW + 21, &[]).await,
        Err(StoreError::NotFound)
    ));
}

/// A record of kind "note" written at `NOW`.
pub fn record(
    author: UserId,
    couple: Option<CoupleId>,
    visibility: Visibility,
    body: &[u8],
) -> Record {
    Record {
        id: RecordId::new(),
        kind: "note".into(),
        author,
        couple,
        visibility,
        body: body.to_vec(),
        parent: None,
        created_at: NOW,
        updated_at: NOW,
        version: 0,
        withdrawn_at: None,
        own_body: None,
        pair: None,
        answered: false,
    }
}

/// The authorization matrix while together: author, partner, stranger, forged claim.
pub async fn partner_and_stranger_get_nothing_private<S: Store>(store: &S) {
    let (a, b, s, couple) = couple_and_stranger(store, ["aya", "bo", "sol"], b"code-m").await;
    let private = record(a, Some(couple), Visibility::Private, b"p");
    let shared = record(a, Some(couple), Visibility::Shared, b"s");
    store
        .put_record(private.clone(), Effects::default())
        .await
        .unwrap();
    store
        .put_record(shared.clone(), Effects::default())
        .await
        .unwrap();
    let author = viewer(a, Some(couple));
    let partner = viewer(b, Some(couple));
    let stranger = viewer(s, None);
    assert_eq!(
        store
            .records(&author, "note", kintsugi_store::Window::ALL)
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        store
            .records(&partner, "note", kintsugi_store::Window::ALL)
            .await
            .unwrap(),
        vec![shared.clone()]
    );
    assert!(
        store
            .records(&stranger, "note", kintsugi_store::Window::ALL)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.record(&partner, private.id).await.unwrap().is_none());
    assert!(store.record(&partner, shared.id).await.unwrap().is_some());
    assert!(store.record(&stranger, shared.id).await.unwrap().is_none());
    // A stranger who guesses the couple id still gets nothing: the rule asks for membership,
    // which only the server decides.
    // Claiming a couple you are not in gets nothing either.
    let forger = viewer(s, Some(couple));
    assert!(
        store
            .records(&forger, "note", kintsugi_store::Window::ALL)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.record(&forger, shared.id).await.unwrap().is_none());
}

/// Writes a sealed private record and returns the plaintext that must not appear in storage.
pub async fn write_sealed_note<S: Store>(store: &S) -> &'static str {
    const SECRET: &str = "I started feeling unsafe the week of the conference";
    let a = user(store, "vault").await;
    let key = Key::generate();
    let id = RecordId::new();
    let body = seal(
        &key,
        &Binding {
            record_id: id.0.as_bytes(),
            kind: "note",
            owner: a.0.as_bytes(),
        },
        SECRET,
    );
    store
        .put_record(
            Record {
                id,
                ..record(a, None, Visibility::Private, &body)
            },
            Effects::default(),
        )
        .await
        .unwrap();
    SECRET
}

/// Many concurrent writers lose nothing.
pub async fn concurrent_writes_lose_nothing<S: Store + Clone>(store: &S) {
    let mut tasks = Vec::new();
    for i in 0..40 {
        let s = store.clone();
        tasks.push(tokio::spawn(async move {
            user(&s, &format!("writer{i}")).await
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    for i in 0..40 {
        assert!(
            store
                .user_by_username(&format!("writer{i}"))
                .await
                .unwrap()
                .is_some()
        );
    }
}
