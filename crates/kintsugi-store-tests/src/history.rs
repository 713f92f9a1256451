//! A couple that ends becomes a read-only history: both former partners still read what was
//! shared in it, each can withdraw what they shared, and nobody else ever reads it.

use kintsugi_domain::{UserId, Visibility};
use kintsugi_store::{Effects, NoticeKind, Record, Store, StoreError, Withdrawal};

use crate::{NOW, couple_and_stranger, pair, record, user, viewer};

async fn reads<S: Store>(store: &S, who: UserId, r: &Record) -> bool {
    store
        .record(&viewer(who, None), r.id)
        .await
        .unwrap()
        .is_some()
        && store
            .records(&viewer(who, None), "note", kintsugi_store::Window::ALL)
            .await
            .unwrap()
            .iter()
            .any(|x| x.id == r.id)
}

/// The matrix after a couple ends, on every backend: partner, former partner, withdrawn,
/// stranger, and the new partner of either.
pub async fn leaving_keeps_a_readable_history<S: Store>(store: &S) {
    let (a, b, s, couple) =
        couple_and_stranger(store, ["hist-a", "hist-b", "hist-s"], b"code-hist").await;
    let from_a = record(a, Some(couple), Visibility::Shared, b"a shared");
    let from_b = record(b, Some(couple), Visibility::Shared, b"b shared");
    let a_private = record(a, Some(couple), Visibility::Private, b"a private");
    for r in [&from_a, &from_b, &a_private] {
        store
            .put_record(r.clone(), Effects::default())
            .await
            .unwrap();
    }
    // A leaves and keeps what they shared readable.
    assert_eq!(store.leave_couple(a, NOW + 5, &[]).await.unwrap(), couple);
    let told = store.notices(b).await.unwrap();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, NoticeKind::PartnerLeft);
    assert!(
        store.notices(a).await.unwrap().is_empty(),
        "the one who left isn't told"
    );
    assert!(
        reads(store, b, &from_a).await,
        "the former partner still reads it"
    );
    assert!(reads(store, a, &from_b).await, "both ways");
    assert!(!reads(store, b, &a_private).await);
    assert!(!reads(store, s, &from_a).await, "a stranger never");
    // Both pair again with new people: the new partners read nothing of the old couple.
    let (c, d) = (user(store, "hist-c").await, user(store, "hist-d").await);
    pair(store, a, c, b"code-hist-ac").await;
    pair(store, b, d, b"code-hist-bd").await;
    for new_partner in [c, d] {
        for r in [&from_a, &from_b, &a_private] {
            assert!(!reads(store, new_partner, r).await);
        }
    }
    assert!(
        reads(store, b, &from_a).await,
        "a new couple doesn't erase the history"
    );
    // B withdraws everything B shared in the old couple: A keeps only what is left of it for
    // them, B keeps their own copy; nobody else gets anything.
    let shared = store.shared_by(b, couple).await.unwrap();
    assert_eq!(shared.iter().map(|r| r.id).collect::<Vec<_>>(), [from_b.id]);
    // A withdrawal made from an older version changes nothing.
    let stale = Withdrawal {
        expected_version: 7,
        ..withdrawal(&from_b)
    };
    assert!(matches!(
        store.withdraw(b, couple, &[stale], NOW + 9).await,
        Err(StoreError::Stale)
    ));
    assert_eq!(
        store
            .record(&viewer(a, None), from_b.id)
            .await
            .unwrap()
            .unwrap()
            .body,
        from_b.body
    );
    let mine = [withdrawal(&from_b)];
    assert_eq!(store.withdraw(b, couple, &mine, NOW + 9).await.unwrap(), 1);
    let seen_by_a = store.record(&viewer(a, None), from_b.id).await.unwrap();
    let seen_by_a = seen_by_a.expect("what is left stays in A's record");
    assert_eq!(seen_by_a.body, b"left for the other");
    assert_eq!(seen_by_a.own_body, None, "never B's own copy");
    assert!(seen_by_a.withdrawn_at.is_some());
    let seen_by_b = store
        .record(&viewer(b, None), from_b.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(seen_by_b.own_body.as_deref(), Some(&b"own copy"[..]));
    for nobody in [s, c, d] {
        assert!(!reads(store, nobody, &from_b).await);
    }
    assert!(store.shared_by(b, couple).await.unwrap().is_empty(), "once");
    assert!(
        reads(store, b, &from_a).await,
        "A's items are A's to withdraw"
    );
    // Only someone who was in the couple can withdraw from it, and only their own.
    assert!(matches!(
        store
            .withdraw(s, couple, &[withdrawal(&from_a)], NOW + 9)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .withdraw(b, couple, &[withdrawal(&from_a)], NOW + 9)
            .await,
        Err(StoreError::Stale)
    ));
    assert_eq!(store.couples_of(b).await.unwrap().len(), 2);
    let old = store
        .couples_of(a)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.id == couple)
        .unwrap();
    assert_eq!((old.partner, old.ended_at), (b, Some(NOW + 5)));
}

/// A withdrawal of `r` as the app would make one (the bodies stand for sealed ones).
pub fn withdrawal(r: &Record) -> Withdrawal {
    Withdrawal {
        id: r.id,
        body: b"left for the other".to_vec(),
        own_body: b"own copy".to_vec(),
        expected_version: r.version,
    }
}

/// Leaving with everything withdrawn at once: the one who stays reads only what is left of it,
/// and their own items as they were.
pub async fn leaving_can_withdraw_everything_at_once<S: Store>(store: &S) {
    let (a, b) = (user(store, "wd-a").await, user(store, "wd-b").await);
    let couple = pair(store, a, b, b"code-wd").await;
    let items: Vec<Record> = (0..3)
        .map(|_| record(a, Some(couple), Visibility::Shared, b"mine"))
        .collect();
    for r in &items {
        store
            .put_record(r.clone(), Effects::default())
            .await
            .unwrap();
    }
    let theirs = record(b, Some(couple), Visibility::Shared, b"theirs");
    store
        .put_record(theirs.clone(), Effects::default())
        .await
        .unwrap();
    let withdrawals: Vec<Withdrawal> = items.iter().map(withdrawal).collect();
    store.leave_couple(a, NOW + 5, &withdrawals).await.unwrap();
    for r in &items {
        let left = store.record(&viewer(b, None), r.id).await.unwrap().unwrap();
        assert_eq!(left.body, b"left for the other");
        assert_eq!(left.own_body, None);
        assert!(reads(store, a, r).await);
    }
    assert!(reads(store, a, &theirs).await, "the other's items stay");
    let theirs_now = store
        .record(&viewer(b, None), theirs.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(theirs_now, theirs, "untouched");
}
