//! Reports for a therapist: a stage moves only as its rules allow, inside the write that
//! carries it; links exist only while both consent, end at once with consent, and open only
//! while live; everything a partner or a stranger reads of them goes through the one rule.

use kintsugi_domain::{RecordId, UserId, Visibility};
use kintsugi_store::{Effects, NewLink, ReportMove, Stage, Store, StoreError};
use uuid::Uuid;

use crate::{NOW, couple_and_stranger, record, viewer};

fn link(report: RecordId, by: UserId, token: &[u8], expires_at: i64) -> NewLink {
    NewLink {
        id: Uuid::new_v4(),
        report,
        token_hash: kintsugi_vault::token_hash(token),
        token_sealed: vec![1; 40],
        snapshot: vec![2; 64],
        made_by: by,
        made_at: NOW,
        expires_at,
    }
}

fn moved(
    report: RecordId,
    by: UserId,
    from: &'static [Stage],
    to: Stage,
    not_asker: bool,
) -> Effects {
    Effects {
        report: Some(ReportMove::Move {
            report,
            by,
            from,
            to,
            not_asker,
            at: NOW + 5,
        }),
        ..Effects::default()
    }
}

/// A child record (an answer, a withdrawal) written with a move.
async fn answer<S: Store>(
    store: &S,
    r: RecordId,
    by: UserId,
    c: kintsugi_domain::CoupleId,
    e: Effects,
) -> Result<(), StoreError> {
    let mut child = record(by, Some(c), Visibility::Shared, b"answer");
    child.parent = Some(r);
    child.kind = "report_answer".into();
    store.put_record(child, e).await
}

/// Asking, answering, linking, ending and withdrawing, each refused where its rule says.
pub async fn reports_move_only_as_their_rules_allow<S: Store>(store: &S) {
    let (a, b, s, c) = couple_and_stranger(store, ["rep-a", "rep-b", "rep-s"], b"rep-code").await;
    let mut ask = record(a, Some(c), Visibility::Shared, b"period");
    ask.kind = "report".into();
    let r = ask.id;
    let effects = Effects {
        report: Some(ReportMove::Ask {
            report: r,
            couple: c,
            asker: a,
        }),
        ..Effects::default()
    };
    // A stranger can't ask in a couple that isn't theirs: nothing is written.
    let mut forged = record(s, Some(c), Visibility::Shared, b"period");
    forged.kind = "report".into();
    let forged_effects = Effects {
        report: Some(ReportMove::Ask {
            report: forged.id,
            couple: c,
            asker: s,
        }),
        ..Effects::default()
    };
    assert!(matches!(
        store.put_record(forged.clone(), forged_effects).await,
        Err(StoreError::Stale)
    ));
    assert!(
        store
            .record(&viewer(s, None), forged.id)
            .await
            .unwrap()
            .is_none()
    );
    store.put_record(ask, effects).await.unwrap();

    // No link before consent.
    assert!(matches!(
        store
            .add_report_link(link(r, a, b"early", NOW + 86_400))
            .await,
        Err(StoreError::Stale)
    ));
    // The asker can't consent for the other; the stranger can't at all.
    let consent: &'static [Stage] = &[Stage::Asked];
    for who in [a, s] {
        let e = moved(r, who, consent, Stage::Consented, true);
        assert!(
            matches!(answer(store, r, who, c, e).await, Err(StoreError::Stale)),
            "{who:?}"
        );
    }
    answer(store, r, b, c, moved(r, b, consent, Stage::Consented, true))
        .await
        .unwrap();
    // A second answer (a replayed form, a race) loses.
    let again = moved(r, b, consent, Stage::Declined, true);
    assert!(matches!(
        answer(store, r, b, c, again).await,
        Err(StoreError::Stale)
    ));

    // Either partner can add to it while it lasts (a stranger can't); adding changes no stage.
    let within: &'static [Stage] = &[Stage::Asked, Stage::Consented];
    let adding = |by| Effects {
        report: Some(ReportMove::Require {
            report: r,
            by,
            within,
        }),
        ..Effects::default()
    };
    answer(store, r, a, c, adding(a)).await.unwrap();
    assert!(matches!(
        answer(store, r, s, c, adding(s)).await,
        Err(StoreError::Stale)
    ));

    // Links: made by either partner, never by a stranger.
    assert!(matches!(
        store
            .add_report_link(link(r, s, b"stranger", NOW + 86_400))
            .await,
        Err(StoreError::Stale)
    ));
    store
        .add_report_link(link(r, a, b"first", NOW + 86_400))
        .await
        .unwrap();
    store
        .add_report_link(link(r, b, b"second", NOW + 86_400))
        .await
        .unwrap();
    store
        .add_report_link(link(r, b, b"short", NOW + 10))
        .await
        .unwrap();
    let hash = |t: &[u8]| kintsugi_vault::token_hash(t);
    let opened = store
        .open_report_link(&hash(b"first"), NOW + 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((opened.report, opened.snapshot), (r, vec![2; 64]));
    assert!(
        store
            .open_report_link(&hash(b"nothing"), NOW + 1)
            .await
            .unwrap()
            .is_none()
    );
    // Expired: it opens no more.
    assert!(
        store
            .open_report_link(&hash(b"short"), NOW + 10)
            .await
            .unwrap()
            .is_none()
    );

    // Both partners see the links and every open; a stranger sees nothing.
    let states = store
        .report_states(&viewer(b, Some(c)), &[r])
        .await
        .unwrap();
    assert_eq!(states.len(), 1);
    assert_eq!((states[0].stage, states[0].asker), (Stage::Consented, a));
    assert_eq!(states[0].links.len(), 3);
    assert_eq!(
        states[0].links.iter().map(|l| l.opens.len()).sum::<usize>(),
        1
    );
    assert!(
        store
            .report_states(&viewer(s, None), &[r])
            .await
            .unwrap()
            .is_empty()
    );

    // One link ended by a partner (not by a stranger); the other still opens.
    let second = states[0]
        .links
        .iter()
        .find(|l| l.made_by == b && l.expires_at > NOW + 10)
        .unwrap()
        .id;
    assert!(matches!(
        store.end_report_link(s, second, NOW + 2).await,
        Err(StoreError::NotFound)
    ));
    store.end_report_link(a, second, NOW + 2).await.unwrap();
    assert!(matches!(
        store.end_report_link(a, second, NOW + 2).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        store
            .open_report_link(&hash(b"second"), NOW + 3)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .open_report_link(&hash(b"first"), NOW + 3)
            .await
            .unwrap()
            .is_some()
    );

    // Withdrawing consent ends every link at once, and the report can't be consented again.
    let live: &'static [Stage] = &[Stage::Asked, Stage::Consented];
    answer(store, r, a, c, moved(r, a, live, Stage::Withdrawn, false))
        .await
        .unwrap();
    assert!(
        store
            .open_report_link(&hash(b"first"), NOW + 6)
            .await
            .unwrap()
            .is_none()
    );
    assert!(matches!(
        store
            .add_report_link(link(r, a, b"late", NOW + 86_400))
            .await,
        Err(StoreError::Stale)
    ));
    assert!(matches!(
        answer(store, r, b, c, moved(r, b, live, Stage::Withdrawn, false)).await,
        Err(StoreError::Stale)
    ));
    assert!(matches!(
        answer(store, r, b, c, adding(b)).await,
        Err(StoreError::Stale)
    ));
    let states = store
        .report_states(&viewer(a, Some(c)), &[r])
        .await
        .unwrap();
    assert_eq!(states[0].stage, Stage::Withdrawn);
    assert!(states[0].links.iter().all(|l| l.ended_at.is_some()));
    // What the links held is gone from the database; the opens stay listed.
    assert_eq!(
        states[0].links.iter().map(|l| l.opens.len()).sum::<usize>(),
        2
    );
}

/// A report `asker` asks for in couple `c`, `answerer` agrees to and links with `token`.
async fn agreed_and_linked<S: Store>(
    store: &S,
    c: kintsugi_domain::CoupleId,
    (asker, answerer): (UserId, UserId),
    token: &[u8],
) -> RecordId {
    let mut ask = record(asker, Some(c), Visibility::Shared, b"period");
    ask.kind = "report".into();
    let r = ask.id;
    let e = Effects {
        report: Some(ReportMove::Ask {
            report: r,
            couple: c,
            asker,
        }),
        ..Effects::default()
    };
    store.put_record(ask, e).await.unwrap();
    let consent = moved(r, answerer, &[Stage::Asked], Stage::Consented, true);
    answer(store, r, answerer, c, consent).await.unwrap();
    let made = link(r, answerer, token, NOW + 86_400);
    store.add_report_link(made).await.unwrap();
    r
}

/// A link dies with its couple: after leaving, it opens no more.
pub async fn report_links_end_with_the_couple<S: Store>(store: &S) {
    let (a, b, _, c) = couple_and_stranger(store, ["rl-a", "rl-b", "rl-s"], b"rl-code").await;
    agreed_and_linked(store, c, (a, b), b"rl-link").await;
    let hash = kintsugi_vault::token_hash(b"rl-link");
    assert!(
        store
            .open_report_link(&hash, NOW + 1)
            .await
            .unwrap()
            .is_some()
    );
    store.leave_couple(a, NOW + 2, &[]).await.unwrap();
    assert!(
        store
            .open_report_link(&hash, NOW + 3)
            .await
            .unwrap()
            .is_none()
    );
}

/// What a deleted person leaves behind: nothing. Returns what must be found nowhere in the raw
/// data afterwards (their id as bytes and as text, their username, their sealed bodies), after
/// checking the partner keeps their own records, their history and a notice.
pub async fn deleting_an_account_leaves_nothing_of_it<S: Store>(store: &S) -> Vec<Vec<u8>> {
    let (a, b, _, c) =
        couple_and_stranger(store, ["gone-a", "gone-b", "gone-s"], b"gone-code").await;
    let mine = record(a, Some(c), Visibility::Private, b"GONE-PRIVATE-SEALED-BODY");
    let shared = record(a, Some(c), Visibility::Shared, b"GONE-SHARED-SEALED-BODY");
    let shared_id = shared.id;
    store.put_record(mine, Effects::default()).await.unwrap();
    store.put_record(shared, Effects::default()).await.unwrap();
    let mut reply = record(b, Some(c), Visibility::Shared, b"partner-reply");
    reply.parent = Some(shared_id);
    let reply_id = reply.id;
    store.put_record(reply, Effects::default()).await.unwrap();
    let theirs = record(b, Some(c), Visibility::Private, b"partner-own");
    let theirs_id = theirs.id;
    store.put_record(theirs, Effects::default()).await.unwrap();
    // A report the partner asked for, agreed to and linked by the person.
    agreed_and_linked(store, c, (b, a), b"gone-link").await;
    crate::api_session(store, a, b"gone-session", NOW + 86_400).await;
    // Their reminders: a confirmed address, a calendar feed, a reminder planned.
    let job = |key: String, kind: &str| kintsugi_store::NewJob {
        key,
        kind: kind.into(),
        user: a,
        run_at: NOW + 100,
        give_up_at: NOW + 200,
    };
    let confirm = job(format!("confirm:{}", a.0), "confirm");
    store
        .ask_email(
            a,
            "gone-a-mail@example.org",
            b"n",
            b"gone-link-hash",
            NOW + 9,
            confirm,
        )
        .await
        .unwrap();
    store.confirm_email(b"gone-link-hash", NOW).await.unwrap();
    store
        .set_calendar(
            a,
            Some((b"gone-feed".to_vec(), b"gone-feed-sealed".to_vec())),
        )
        .await
        .unwrap();
    let remind = job(format!("remind:day:{}:2027-01-01", a.0), "remind");
    assert_eq!(store.plan_jobs(&[remind]).await.unwrap(), 1);

    let hash = store.user(a).await.unwrap().unwrap().password_hash;
    assert!(matches!(
        store.delete_user(a, "not the hash", NOW + 5).await,
        Err(StoreError::Stale)
    ));
    store.delete_user(a, &hash, NOW + 5).await.unwrap();
    assert!(store.user(a).await.unwrap().is_none());
    assert!(store.user_by_username("gone-a").await.unwrap().is_none());
    assert!(crate::signs_in(store, b"gone-session").await.is_none());
    // The partner: their own records (the reply too), the couple ended with a stand-in, told.
    let reader = viewer(b, None);
    assert!(
        store.record(&reader, shared_id).await.unwrap().is_none(),
        "gone for them too"
    );
    for id in [reply_id, theirs_id] {
        assert!(
            store.record(&reader, id).await.unwrap().is_some(),
            "theirs stays"
        );
    }
    assert!(store.active_couple(b).await.unwrap().is_none());
    let couples = store.couples_of(b).await.unwrap();
    assert_eq!(couples.len(), 1);
    assert_ne!(couples[0].partner, a);
    assert!(
        store.couple_key_wrap(b, c).await.unwrap().is_some(),
        "they still open their own"
    );
    let notices = store.notices(b).await.unwrap();
    assert!(
        notices
            .iter()
            .any(|n| n.kind == kintsugi_store::NoticeKind::PartnerDeleted)
    );
    assert!(matches!(
        store.delete_user(a, &hash, NOW + 6).await,
        Err(StoreError::NotFound)
    ));
    vec![
        a.0.as_bytes().to_vec(),
        a.0.to_string().into_bytes(),
        a.0.simple().to_string().into_bytes(),
        b"gone-a".to_vec(),
        b"gone-a-mail@example.org".to_vec(),
        b"gone-feed-sealed".to_vec(),
        b"GONE-PRIVATE-SEALED-BODY".to_vec(),
        b"GONE-SHARED-SEALED-BODY".to_vec(),
    ]
}
