//! Accounts and sessions: unique names, sessions that expire and can be ended, re-keying and
//! disabling.

use kintsugi_domain::{SessionId, UserId};
use kintsugi_store::{NewUser, Session, Store, StoreError};
use kintsugi_vault::token_hash;

use crate::{NOW, api_session, signs_in, user};

/// Usernames are unique; lookups find what was stored.
pub async fn accounts_are_unique_and_found<S: Store>(store: &S) {
    let id = user(store, "robin").await;
    let again = store
        .create_user(NewUser {
            id: UserId::new(),
            username: "robin".into(),
            display_name: "Another Robin".into(),
            password_hash: String::new(),
            kek_salt: vec![],
            password_wrap: vec![],
            recovery_wrap: vec![],
            time_zone: "UTC".into(),
            created_at: NOW,
            locker: vec![4; 64],
        })
        .await;
    assert!(matches!(again, Err(StoreError::Conflict("username"))));
    let found = store.user_by_username("robin").await.unwrap().unwrap();
    assert_eq!(found.id, id);
    assert_eq!(found.preferences.time_zone, "Europe/Paris");
    assert!(found.preferences.quick_exit_ends_session);
    let chosen = kintsugi_store::Preferences {
        quick_exit_ends_session: false,
        time_zone: "America/Chicago".into(),
    };
    store.set_preferences(id, &chosen).await.unwrap();
    let found = store.user(id).await.unwrap().unwrap();
    assert_eq!(found.preferences, chosen);
    assert_eq!(found.display_name, "robin display");
    assert!(!found.disabled);
    assert!(store.user_by_username("nobody").await.unwrap().is_none());
    store.set_disabled(id, true).await.unwrap();
    assert!(store.user(id).await.unwrap().unwrap().disabled);
}

/// Sessions are found by token hash until they expire; a person can end the others.
pub async fn sessions_expire_and_can_be_ended<S: Store>(store: &S) {
    let u = user(store, "sam").await;
    let mk = |n: u8, expires_at| Session {
        id: SessionId::new(),
        user_id: u,
        token_hash: token_hash(&[n]),
        key_wrap: vec![n; 72],
        client: "browser".into(),
        device: "Firefox on Linux".into(),
        last_used_at: NOW + i64::from(n),
        created_at: NOW + i64::from(n),
        expires_at,
    };
    let (s1, s2, old) = (mk(1, NOW + 100), mk(2, NOW + 100), mk(3, NOW - 1));
    for s in [&s1, &s2, &old] {
        store.create_session(s.clone()).await.unwrap();
    }
    let found = store
        .authenticate(&token_hash(&[1]), NOW)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (found.session, found.user.id, found.couple),
        (s1.clone(), u, None)
    );
    assert_eq!(
        store.authenticate(&token_hash(&[3]), NOW).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(store.sessions_of(u, NOW).await.unwrap().len(), 2);
    // Use is noted at most every ten minutes.
    store.touch_session(s1.id, NOW + 300, None).await.unwrap();
    let used = |all: Vec<Session>| {
        all.into_iter()
            .find(|s| s.id == s1.id)
            .unwrap()
            .last_used_at
    };
    assert_eq!(used(store.sessions_of(u, NOW).await.unwrap()), NOW + 1);
    store.touch_session(s1.id, NOW + 700, None).await.unwrap();
    assert_eq!(used(store.sessions_of(u, NOW).await.unwrap()), NOW + 700);
    // A locker sealed afresh is stored with a touch, whatever the time since the last.
    let swap = |was: Option<Vec<u8>>, now: Vec<u8>| Some(kintsugi_store::LockerSwap { was, now });
    let first = store.user(u).await.unwrap().unwrap().locker;
    store
        .touch_session(s1.id, NOW + 710, swap(first.clone(), vec![7; 64]))
        .await
        .unwrap();
    assert_eq!(used(store.sessions_of(u, NOW).await.unwrap()), NOW + 710);
    let locker = async || store.user(u).await.unwrap().unwrap().locker;
    assert_eq!(locker().await, Some(vec![7; 64]));
    // A reseal of a locker read before that change is refused, and undoes nothing.
    let late = store
        .touch_session(s1.id, NOW + 720, swap(first, vec![8; 64]))
        .await;
    assert!(matches!(late, Err(StoreError::Stale)), "{late:?}");
    assert_eq!(locker().await, Some(vec![7; 64]));
    assert_eq!(used(store.sessions_of(u, NOW).await.unwrap()), NOW + 710);
    let s1 = Session {
        last_used_at: NOW + 710,
        ..s1
    };
    let stranger = user(store, "stranger").await;
    assert!(!store.delete_session(stranger, s2.id).await.unwrap());
    assert_eq!(store.delete_sessions_of(u, Some(s1.id)).await.unwrap(), 2);
    assert_eq!(store.sessions_of(u, NOW).await.unwrap(), vec![s1]);
}

/// Re-keying replaces the password material; the recovery wrap changes only when asked;
/// disabling an account ends its sessions.
pub async fn rekeying_and_disabling<S: Store>(store: &S) {
    use kintsugi_store::Rekey;
    let u = user(store, "kim").await;
    store
        .rekey_user(
            u,
            Rekey {
                password_hash: "new hash".into(),
                kek_salt: vec![9; 16],
                password_wrap: vec![9; 72],
                recovery_wrap: None,
                sessions: kintsugi_store::Ending::None,
                notice: None,
                expected_hash: None,
            },
        )
        .await
        .unwrap();
    let kim = store.user(u).await.unwrap().unwrap();
    assert_eq!(
        (kim.password_hash.as_str(), kim.kek_salt.clone()),
        ("new hash", vec![9; 16])
    );
    assert_eq!(
        kim.recovery_wrap,
        Some(vec![3; 72]),
        "kept when not asked to change"
    );
    store.set_recovery_wrap(u, Some(vec![8; 72])).await.unwrap();
    assert_eq!(
        store.user(u).await.unwrap().unwrap().recovery_wrap,
        Some(vec![8; 72])
    );
    store
        .rekey_user(
            u,
            Rekey {
                password_hash: "reset".into(),
                kek_salt: vec![],
                password_wrap: vec![],
                recovery_wrap: Some(None),
                sessions: kintsugi_store::Ending::None,
                notice: None,
                expected_hash: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(store.user(u).await.unwrap().unwrap().recovery_wrap, None);
    assert!(matches!(
        store.set_recovery_wrap(UserId::new(), None).await,
        Err(StoreError::NotFound)
    ));
    api_session(store, u, b"kim", NOW + 10).await;
    assert!(signs_in(store, b"kim").await.is_some());
    // A change of keys that ends every other session, and leaves a notice, in one go.
    let keep = api_session(store, u, b"kim-here", NOW + 10).await;
    store
        .rekey_user(
            u,
            Rekey {
                password_hash: "changed".into(),
                kek_salt: vec![7; 16],
                password_wrap: vec![7; 72],
                recovery_wrap: Some(Some(vec![6; 72])),
                sessions: kintsugi_store::Ending::AllBut(keep),
                notice: Some((kintsugi_store::NoticeKind::Recovered, NOW + 11)),
                expected_hash: None,
            },
        )
        .await
        .unwrap();
    assert!(
        signs_in(store, b"kim").await.is_none(),
        "the other session ended"
    );
    assert!(
        signs_in(store, b"kim-here").await.is_some(),
        "this one stays"
    );
    assert_eq!(
        store.user(u).await.unwrap().unwrap().recovery_wrap,
        Some(vec![6; 72])
    );
    let told = store.notices(u).await.unwrap();
    assert_eq!(
        told.iter().map(|n| n.kind).collect::<Vec<_>>(),
        [kintsugi_store::NoticeKind::Recovered]
    );
    // Decided against a hash that is no longer stored: one winner, nothing changed.
    let late = Rekey {
        password_hash: "too late".into(),
        kek_salt: vec![5; 16],
        password_wrap: vec![5; 72],
        recovery_wrap: None,
        sessions: kintsugi_store::Ending::All,
        notice: None,
        expected_hash: Some("new hash".into()),
    };
    assert!(matches!(
        store.rekey_user(u, late.clone()).await,
        Err(StoreError::Stale)
    ));
    assert_eq!(
        store.user(u).await.unwrap().unwrap().password_hash,
        "changed"
    );
    assert!(
        signs_in(store, b"kim-here").await.is_some(),
        "no session ended"
    );
    let now = Rekey {
        expected_hash: Some("changed".into()),
        ..late
    };
    store.rekey_user(u, now).await.unwrap();
    assert_eq!(
        store.user(u).await.unwrap().unwrap().password_hash,
        "too late"
    );
    store.set_disabled(u, true).await.unwrap();
    assert!(store.sessions_of(u, NOW).await.unwrap().is_empty());
    assert!(signs_in(store, b"kim").await.is_none());
}
