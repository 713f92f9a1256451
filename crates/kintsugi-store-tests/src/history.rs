//! A couple that ends becomes a read-only history: both former partners still read what was
//! shared in it, each can withdraw what they shared, and nobody else ever reads it.

use kintsugi_domain::{UserId, Visibility};
use kintsugi_store::{Effects, NoticeKind, Record, Store, StoreError};

use crate::{NOW, couple_and_stranger, pair, record, user, viewer};

async fn reads<S: Store>(store: &S, who: UserId, r: &Record) -> bool {
    store
        .record(&viewer(who, None), r.id)
        .await
        .unwrap()
        .is_some()
        && store
            .records(&viewer(who, None), "note")
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
    assert_eq!(store.leave_couple(a, NOW + 5, false).await.unwrap(), couple);
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
    // B withdraws everything B shared in the old couple: gone for A, kept for B.
    assert_eq!(store.withdraw_shared(b, couple, NOW + 9).await.unwrap(), 1);
    assert!(!reads(store, a, &from_b).await);
    assert!(
        reads(store, b, &from_b).await,
        "the author keeps what they withdrew"
    );
    assert!(
        reads(store, b, &from_a).await,
        "A's items are A's to withdraw"
    );
    // Only someone who was in the couple can withdraw from it.
    assert!(matches!(
        store.withdraw_shared(s, couple, NOW + 9).await,
        Err(StoreError::NotFound)
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

/// Leaving with everything withdrawn at once: the one who stays reads nothing of theirs.
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
    store.leave_couple(a, NOW + 5, true).await.unwrap();
    for r in &items {
        assert!(!reads(store, b, r).await);
        assert!(reads(store, a, r).await);
    }
    assert!(reads(store, a, &theirs).await, "the other's items stay");
}
