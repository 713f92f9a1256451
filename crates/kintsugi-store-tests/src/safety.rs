//! Stories of a store under hang-ups, races and resets.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};
use std::time::Duration;

use kintsugi_domain::{CoupleId, UserId, Visibility};
use kintsugi_store::{Effects, Invite, NoticeKind, RecordChange, Rekey, Store, StoreError};
use kintsugi_vault::token_hash;

use crate::{NOW, api_session, couple_and_stranger, joining, record, user, viewer};

/// An invite from `inviter` with code `code`, its code wrap filled with `marker`.
pub fn invite(inviter: UserId, code: &[u8], marker: u8) -> Invite {
    Invite {
        code_hash: token_hash(code),
        inviter,
        couple_id: CoupleId::new(),
        inviter_wrap: vec![4; 72],
        code_wrap: vec![marker; 72],
        code_salt: vec![6; 16],
        code_sealed: None,
        created_at: NOW,
        expires_at: NOW + 48 * 3600,
    }
}

/// Polls `write` `polls` times, letting the database work in between, then drops it: what a
/// server does to a request whose client hung up. Returns whether it had finished.
pub async fn poll_then_drop<F: Future>(write: F, polls: usize) -> bool {
    let mut write = pin!(write);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..polls {
        if write.as_mut().poll(&mut cx).is_ready() {
            return true;
        }
        tokio::time::sleep(Duration::from_micros(200)).await;
    }
    false
}

/// A write dropped at any point is all or nothing, leaves no lock behind, and the next 100
/// writes succeed at once.
pub async fn dropped_writes_leave_no_lock_and_no_partial_write<S: Store>(store: &S) {
    let mut finished = 0;
    for polls in 0..24 {
        let (a, b) = (
            user(store, &format!("drop-a{polls}")).await,
            user(store, &format!("drop-b{polls}")).await,
        );
        let code = format!("drop-code-{polls}");
        store
            .create_invite(invite(a, code.as_bytes(), 5))
            .await
            .unwrap();
        let lookup = token_hash(code.as_bytes());
        let accept = store.accept_invite(joining(&lookup, b, vec![7; 72], NOW + 1));
        if poll_then_drop(accept, polls).await {
            finished += 1;
        }
        // A write dropped while its COMMIT was on the wire still commits, a moment later on the
        // server: look until the outcome is whole, and fail if it never is.
        let seen = settled_join(store, a, b, &code).await;
        match seen {
            // Committed whole: both see the couple, the invite is gone.
            Some((Some(_), Some(_), false)) => {}
            // Rolled back whole: no couple row anywhere, so the invite still works; unless the
            // dropped COMMIT was still on its way, and lands first: then it is whole that way.
            Some((None, None, true)) => {
                let lookup = token_hash(code.as_bytes());
                let again = store.accept_invite(joining(&lookup, b, vec![7; 72], NOW + 3));
                if let Err(e) = again.await {
                    let late = settled_join(store, a, b, &code).await;
                    let whole = matches!(late, Some((Some(_), Some(_), false)));
                    assert!(
                        whole,
                        "{e:?} with no late commit after {polls} polls: {late:?}"
                    );
                }
            }
            other => panic!("a dropped join left a partial write after {polls} polls: {other:?}"),
        }
        // A dropped single-statement write, too.
        let author = user(store, &format!("drop-w{polls}")).await;
        poll_then_drop(
            store.put_record(
                record(author, None, Visibility::Private, b"x"),
                Effects::default(),
            ),
            polls,
        )
        .await;
    }
    assert!(finished > 0, "some writes were let finish");
    assert!(finished < 24, "some writes were dropped half-way");
    let writer = user(store, "after-the-drops").await;
    let next_hundred = async {
        for i in 0..100u8 {
            store
                .put_record(
                    record(writer, None, Visibility::Private, &[i]),
                    Effects::default(),
                )
                .await
                .unwrap();
        }
    };
    tokio::time::timeout(Duration::from_secs(5), next_hundred)
        .await
        .expect("the next 100 writes finish at once: no lock was left behind");
    let me = viewer(writer, None);
    assert_eq!(
        store
            .records(&me, "note", kintsugi_store::Window::ALL)
            .await
            .unwrap()
            .len(),
        100
    );
}

/// Where a join that may have been dropped stands, once it is whole (both in one couple and
/// the invite gone, or neither and the invite still there), or after a second of waiting.
async fn settled_join<S: Store>(
    store: &S,
    a: UserId,
    b: UserId,
    code: &str,
) -> Option<(Option<CoupleId>, Option<CoupleId>, bool)> {
    let mut seen = None;
    for _ in 0..50 {
        let state = (
            store.active_couple(a).await.unwrap().map(|c| c.id),
            store.active_couple(b).await.unwrap().map(|c| c.id),
            store
                .invite_by_code(&token_hash(code.as_bytes()), NOW + 2)
                .await
                .unwrap()
                .is_some(),
        );
        let whole = matches!(state, (Some(x), Some(y), false) if x == y)
            || matches!(state, (None, None, true));
        seen = Some(state);
        if whole {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    seen
}

/// Many people racing to use one invite, and two people accepting each other's invites at
/// once: exactly one couple forms, the others get a clear refusal, never a database error.
pub async fn concurrent_joins_have_one_winner<S: Store + Clone>(store: &S) {
    let inviter = user(store, "popular").await;
    store
        .create_invite(invite(inviter, b"one-code", 5))
        .await
        .unwrap();
    let mut racers = Vec::new();
    for i in 0..12 {
        let s = store.clone();
        racers.push(tokio::spawn(async move {
            let joiner = user(&s, &format!("racer{i}")).await;
            s.accept_invite(joining(
                &token_hash(b"one-code"),
                joiner,
                vec![7; 72],
                NOW + 1,
            ))
            .await
        }));
    }
    let mut winners = 0;
    for r in racers {
        match r.await.unwrap() {
            Ok(_) => winners += 1,
            Err(StoreError::NotFound | StoreError::State(_)) => {}
            Err(other) => panic!("a racer got a database error: {other}"),
        }
    }
    assert_eq!(winners, 1);
    for round in 0..6 {
        let (a, b) = (
            user(store, &format!("cross-a{round}")).await,
            user(store, &format!("cross-b{round}")).await,
        );
        let (code_a, code_b) = (format!("cross-{round}-a"), format!("cross-{round}-b"));
        store
            .create_invite(invite(a, code_a.as_bytes(), 5))
            .await
            .unwrap();
        store
            .create_invite(invite(b, code_b.as_bytes(), 5))
            .await
            .unwrap();
        let (s1, s2) = (store.clone(), store.clone());
        let one = tokio::spawn(async move {
            s1.accept_invite(joining(
                &token_hash(code_b.as_bytes()),
                a,
                vec![7; 72],
                NOW + 1,
            ))
            .await
        });
        let two = tokio::spawn(async move {
            s2.accept_invite(joining(
                &token_hash(code_a.as_bytes()),
                b,
                vec![7; 72],
                NOW + 1,
            ))
            .await
        });
        let outcomes = [one.await.unwrap(), two.await.unwrap()];
        let won = outcomes.iter().filter(|o| o.is_ok()).count();
        assert_eq!(won, 1, "round {round}: {outcomes:?}");
        assert!(
            outcomes
                .iter()
                .all(|o| !matches!(o, Err(StoreError::Database(_)))),
            "round {round}: {outcomes:?}"
        );
    }
}

/// Changes racing from the same version (a delivery and an edit, two tabs): one wins, the rest
/// are told it changed, and nothing acknowledged is lost.
pub async fn racing_changes_have_one_winner<S: Store + Clone>(store: &S) {
    let author = user(store, "racer-author").await;
    let draft = record(author, None, Visibility::Private, b"draft");
    store
        .put_record(draft.clone(), Effects::default())
        .await
        .unwrap();
    let mut writers = Vec::new();
    for i in 0..20u8 {
        let s = store.clone();
        writers.push(tokio::spawn(async move {
            let outcome = s
                .update_record(
                    author,
                    RecordChange {
                        id: draft.id,
                        visibility: Visibility::Private,
                        couple: None,
                        body: vec![i],
                        updated_at: NOW + 1,
                        expected_version: 0,
                    },
                    Effects::default(),
                )
                .await;
            (i, outcome)
        }));
    }
    let mut winner = None;
    for w in writers {
        match w.await.unwrap() {
            (i, Ok(())) => {
                assert!(winner.is_none(), "two changes from one version both won");
                winner = Some(i);
            }
            (_, Err(StoreError::Stale)) => {}
            (_, Err(other)) => panic!("a losing change got {other}"),
        }
    }
    let me = viewer(author, None);
    let stored = store.record(&me, draft.id).await.unwrap().unwrap();
    assert_eq!(stored.body, vec![winner.expect("one change won")]);
    assert_eq!(stored.version, 1);
}

/// A used invite takes its wrap of the couple key with it; an expired one is swept; the sweep
/// leaves no old copy behind in the database files.
pub async fn used_and_expired_invites_are_deleted<S: Store>(store: &S, used_marker: u8) {
    let (a, b) = (user(store, "inv-a").await, user(store, "inv-b").await);
    // Pending invites around it keep their rows, so the used one is removed from a live page.
    for i in 0..3u8 {
        let waiting = user(store, &format!("inv-w{i}")).await;
        let code = format!("waiting-{i}");
        store
            .create_invite(invite(waiting, code.as_bytes(), 0x30 + i))
            .await
            .unwrap();
    }
    store
        .create_invite(invite(a, b"used-code", used_marker))
        .await
        .unwrap();
    let c = user(store, "inv-c").await;
    let mut short = invite(c, b"short-code", 5);
    short.expires_at = NOW + 10;
    store.create_invite(short).await.unwrap();
    store
        .accept_invite(joining(&token_hash(b"used-code"), b, vec![7; 72], NOW + 1))
        .await
        .unwrap();
    assert!(
        store
            .invite_by_code(&token_hash(b"used-code"), NOW + 2)
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.sweep(NOW + 11).await.unwrap() >= 1);
    assert!(
        store
            .invite_by_code(&token_hash(b"short-code"), NOW)
            .await
            .unwrap()
            .is_none(),
        "swept, not merely expired"
    );
}

/// An administrator's reset ends the couple, removes the person's couple-key wraps and
/// sessions, and leaves a notice for the partner, who alone can dismiss it.
pub async fn reset_ends_the_couple_and_tells_the_partner<S: Store>(store: &S) {
    let (a, b, s, couple) =
        couple_and_stranger(store, ["reset-a", "reset-b", "reset-s"], b"reset-code").await;
    api_session(store, a, b"reset-a", NOW + 100).await;
    let rekey = Rekey {
        password_hash: "reset".into(),
        kek_salt: vec![1; 16],
        password_wrap: vec![2; 72],
        recovery_wrap: Some(None),
        sessions: kintsugi_store::Ending::None,
        notice: None,
        expected_hash: None,
    };
    store.reset_user(a, rekey.clone(), NOW + 5).await.unwrap();
    assert!(store.sessions_of(a, NOW).await.unwrap().is_empty());
    assert_eq!(store.couple_key_wrap(a, couple).await.unwrap(), None);
    assert!(store.couple_key_wrap(b, couple).await.unwrap().is_some());
    assert!(store.active_couple(a).await.unwrap().is_none());
    assert!(store.active_couple(b).await.unwrap().is_none());
    assert_eq!(store.user(a).await.unwrap().unwrap().recovery_wrap, None);
    assert!(store.notices(a).await.unwrap().is_empty());
    let told = store.notices(b).await.unwrap();
    assert_eq!(told.len(), 1);
    assert_eq!(
        (told[0].kind, told[0].created_at),
        (NoticeKind::PartnerReset, NOW + 5)
    );
    assert!(!store.dismiss_notice(s, told[0].id).await.unwrap());
    assert!(store.dismiss_notice(b, told[0].id).await.unwrap());
    assert!(store.notices(b).await.unwrap().is_empty());
    // A reset of someone not in a couple tells nobody; an unknown person is NotFound.
    store.reset_user(s, rekey.clone(), NOW + 6).await.unwrap();
    assert!(matches!(
        store.reset_user(UserId::new(), rekey, NOW).await,
        Err(StoreError::NotFound)
    ));
}

/// A write made through a session applies only while that session exists, checked in the
/// write's own transaction: once a reset (or a sign-out) ends it, nothing it sends is stored,
/// however long a cache elsewhere still lets it in.
pub async fn a_write_from_an_ended_session_is_refused<S: Store>(store: &S) {
    let me = user(store, "ended-writer").await;
    let session = api_session(store, me, b"ended-writer", NOW + 100).await;
    let through = |session| Effects {
        session: Some(session),
        ..Effects::default()
    };
    let kept = record(me, None, Visibility::Private, b"while signed in");
    store
        .put_record(kept.clone(), through(session))
        .await
        .unwrap();
    store.delete_sessions_of(me, None).await.unwrap();
    let late = record(me, None, Visibility::Private, b"after the reset");
    assert!(matches!(
        store.put_record(late, through(session)).await,
        Err(StoreError::SessionEnded)
    ));
    let change = RecordChange {
        id: kept.id,
        visibility: Visibility::Private,
        couple: None,
        body: b"changed after the reset".to_vec(),
        updated_at: NOW + 5,
        expected_version: 0,
    };
    assert!(matches!(
        store.update_record(me, change, through(session)).await,
        Err(StoreError::SessionEnded)
    ));
    let stored = store
        .records(&viewer(me, None), "note", kintsugi_store::Window::ALL)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1, "nothing new");
    assert_eq!(
        stored[0].body,
        b"while signed in".to_vec(),
        "nothing changed"
    );
}
