//! Threads: records that answer records, read a whole list page's worth at once.

use kintsugi_domain::{RecordId, UserId, Visibility};
use kintsugi_store::{Effects, Record, RecordChange, Store, StoreError, Window};

use crate::{NOW, couple_and_stranger, pair, record, user, viewer};

/// Records answer records, change, and are deleted only by their author; the author keeps the
/// couple key of a couple that ended.
pub async fn threads_changes_and_deletion<S: Store>(store: &S) {
    use kintsugi_store::RecordChange;
    let (a, b, s, couple) = couple_and_stranger(store, ["ira", "jo", "kit"], b"code-t").await;
    let question = record(b, Some(couple), Visibility::Shared, b"q");
    store
        .put_record(question.clone(), Effects::default())
        .await
        .unwrap();
    let mut answer = record(a, Some(couple), Visibility::Shared, b"a1");
    answer.parent = Some(question.id);
    answer.created_at = NOW + 1;
    // Written in the same second: the thread keeps the order of writing.
    let mut note = record(a, Some(couple), Visibility::Private, b"own note");
    note.parent = Some(question.id);
    note.created_at = NOW + 1;
    store
        .put_record(answer.clone(), Effects::default())
        .await
        .unwrap();
    store
        .put_record(note.clone(), Effects::default())
        .await
        .unwrap();
    let partner = viewer(b, Some(couple));
    let author = viewer(a, Some(couple));
    let stranger = viewer(s, None);
    assert_eq!(
        store
            .children_of(&partner, &[question.id], None)
            .await
            .unwrap(),
        vec![answer.clone()]
    );
    assert_eq!(
        store
            .children_of(&author, &[question.id], None)
            .await
            .unwrap(),
        vec![answer.clone(), note.clone()]
    );
    assert!(
        store
            .children_of(&stranger, &[question.id], None)
            .await
            .unwrap()
            .is_empty()
    );
    // Only the author changes or deletes.
    let change = RecordChange {
        id: answer.id,
        visibility: Visibility::Private,
        couple: Some(couple),
        body: b"a2".to_vec(),
        updated_at: NOW + 9,
        expected_version: 0,
    };
    assert!(matches!(
        store
            .update_record(b, change.clone(), Effects::default())
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .update_record(a, change, Effects::default())
        .await
        .unwrap();
    let changed = store.record(&author, answer.id).await.unwrap().unwrap();
    assert_eq!(
        (changed.body.as_slice(), changed.updated_at, changed.version),
        (&b"a2"[..], NOW + 9, 1)
    );
    assert!(
        store.record(&partner, answer.id).await.unwrap().is_none(),
        "made private again"
    );
    assert!(matches!(
        store.delete_record(b, note.id).await,
        Err(StoreError::NotFound)
    ));
    store.delete_record(a, note.id).await.unwrap();
    assert!(store.record(&author, note.id).await.unwrap().is_none());
    // The couple key stays with each partner after the couple ends; strangers have none.
    store.leave_couple(b, NOW + 20, &[]).await.unwrap();
    assert_eq!(
        store.couple_key_wrap(a, couple).await.unwrap(),
        Some(vec![4; 72])
    );
    assert_eq!(
        store.couple_key_wrap(b, couple).await.unwrap(),
        Some(vec![7; 72])
    );
    assert_eq!(store.couple_key_wrap(s, couple).await.unwrap(), None);
}

/// The children of many parents come in one call, in the order they were written, across the
/// store's chunking of long parent lists, and only as the viewer may read them.
pub async fn children_of_many_parents_at_once<S: Store>(store: &S) {
    let (a, b) = (user(store, "many-a").await, user(store, "many-b").await);
    let couple = pair(store, a, b, b"code-many").await;
    let mut parents = Vec::new();
    let mut expected = Vec::new();
    for i in 0..620u32 {
        let parent = record(a, Some(couple), Visibility::Shared, b"p");
        store
            .put_record(parent.clone(), Effects::default())
            .await
            .unwrap();
        parents.push(parent.id);
        if i % 100 == 0 {
            for (author, visibility) in [(b, Visibility::Shared), (a, Visibility::Private)] {
                let mut child = record(author, Some(couple), visibility, b"c");
                child.parent = Some(parent.id);
                store
                    .put_record(child.clone(), Effects::default())
                    .await
                    .unwrap();
                if author == b || visibility == Visibility::Shared {
                    expected.push(child.id);
                }
            }
        }
    }
    let partner = viewer(b, Some(couple));
    let got: Vec<RecordId> = store
        .children_of(&partner, &parents, None)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(got, expected, "the partner's children, in writing order");
    let author = viewer(a, Some(couple));
    assert_eq!(
        store
            .children_of(&author, &parents, None)
            .await
            .unwrap()
            .len(),
        14
    );
    assert!(
        store
            .children_of(&author, &[], None)
            .await
            .unwrap()
            .is_empty()
    );
}

/// A long list is read a page at a time, newest first: at most so many, before the last one
/// read (also among items written in the same second, by the order they were written), since
/// a moment; a long thread's recent part alone. Pages are still read through the one rule.
/// What one wrote can be tallied without reading it.
pub async fn long_lists_are_read_a_page_at_a_time<S: Store>(store: &S) {
    use kintsugi_store::Window;
    let (a, b) = (user(store, "page-a").await, user(store, "page-b").await);
    let couple = pair(store, a, b, b"code-page").await;
    // 25 of A's: five seconds, five each, alternately private and shared.
    let mut written = Vec::new();
    for i in 0..25u32 {
        let visibility = if i % 2 == 0 {
            Visibility::Private
        } else {
            Visibility::Shared
        };
        let mut r = record(a, Some(couple), visibility, b"n");
        r.created_at = NOW + i64::from(i / 5);
        store
            .put_record(r.clone(), Effects::default())
            .await
            .unwrap();
        written.push(r);
    }
    let newest_first: Vec<RecordId> = written.iter().rev().map(|r| r.id).collect();
    let author = viewer(a, Some(couple));
    let mut pages = Vec::new();
    let mut before = None;
    loop {
        let window = Window {
            before,
            since: None,
            limit: Some(7),
        };
        let page = store.records(&author, "note", window).await.unwrap();
        assert!(page.len() <= 7);
        let Some(last) = page.last() else { break };
        before = Some((last.created_at, last.id));
        pages.extend(page.iter().map(|r| r.id));
    }
    assert_eq!(
        pages, newest_first,
        "every item once, newest first, across same-second ties"
    );
    // Since a moment: the last two seconds' ten.
    let since = Window {
        since: Some(NOW + 3),
        ..Window::ALL
    };
    assert_eq!(
        store.records(&author, "note", since).await.unwrap().len(),
        10
    );
    // The partner's pages hold only what was shared.
    let partner = viewer(b, Some(couple));
    let first = Window {
        limit: Some(5),
        ..Window::ALL
    };
    let theirs = store.records(&partner, "note", first).await.unwrap();
    assert_eq!(theirs.len(), 5);
    assert!(theirs.iter().all(|r| r.visibility == Visibility::Shared));
    // A thread's recent part.
    let parent = written[0].id;
    for i in 0..6i64 {
        let mut child = record(a, Some(couple), Visibility::Private, b"c");
        child.parent = Some(parent);
        child.created_at = NOW + 100 * i;
        store.put_record(child, Effects::default()).await.unwrap();
    }
    let recent = store
        .children_of(&author, &[parent], Some(NOW + 300))
        .await
        .unwrap();
    assert_eq!(recent.len(), 3);
    // A tally of one's own: every one of A's notes (the thread's too), none of B's, no other
    // kind; the newest's time.
    let mut bs = record(b, Some(couple), Visibility::Shared, b"b");
    bs.created_at = NOW + 9_999;
    store.put_record(bs, Effects::default()).await.unwrap();
    assert_eq!(
        store.own_tally(a, "note").await.unwrap(),
        (31, Some(NOW + 500))
    );
    assert_eq!(
        store.own_tally(b, "note").await.unwrap(),
        (1, Some(NOW + 9_999))
    );
    assert_eq!(store.own_tally(a, "trigger").await.unwrap(), (0, None));
    // Which kinds a person has written: theirs alone.
    let kinds = ["note".to_string(), "trigger".to_string()];
    assert_eq!(store.kinds_written(a, &kinds).await.unwrap(), ["note"]);
    let stranger = user(store, "nobody-yet").await;
    assert!(
        store
            .kinds_written(stranger, &kinds)
            .await
            .unwrap()
            .is_empty()
    );
}

/// Answers revealed after both: a partner reads the other's answer of a pair only once they
/// gave theirs, in every read (lists, one record, a set of ids, threads); a stranger never; a
/// second answer of one pair loses; an answer changes only until the other could read it; in a
/// couple that ends, an unrevealed answer stays unrevealed.
pub async fn answers_are_revealed_after_both<S: Store>(store: &S) {
    let (a, b, s, couple) = couple_and_stranger(store, ["ana", "ben", "sia"], b"code-p").await;
    let paired = |author, pair: &str| Record {
        pair: Some(pair.into()),
        ..record(author, Some(couple), Visibility::Shared, b"answer")
    };
    let parent = record(a, Some(couple), Visibility::Shared, b"prompt");
    store
        .put_record(parent.clone(), Effects::default())
        .await
        .unwrap();
    let mut as_answer = paired(a, "checkin:2026-12-06");
    as_answer.parent = Some(parent.id);
    store
        .put_record(as_answer.clone(), Effects::default())
        .await
        .unwrap();
    let reads = |who: UserId| {
        let v = viewer(who, None);
        let id = as_answer.id;
        async move {
            let listed = store.records(&v, "note", Window::ALL).await.unwrap();
            let one = store.record(&v, id).await.unwrap();
            let many = store.records_in(&v, &[id]).await.unwrap();
            let under = store.children_of(&v, &[parent.id], None).await.unwrap();
            [
                listed.iter().any(|r| r.id == id),
                one.is_some(),
                !many.is_empty(),
                under.iter().any(|r| r.id == id),
            ]
        }
    };
    assert_eq!(reads(a).await, [true; 4], "the author reads their own");
    assert_eq!(reads(b).await, [false; 4], "not before the partner answers");
    assert_eq!(reads(s).await, [false; 4]);
    // Another pair's answer reveals nothing of this one.
    store
        .put_record(paired(b, "checkin:2026-12-05"), Effects::default())
        .await
        .unwrap();
    assert_eq!(reads(b).await, [false; 4]);
    // That an answer was given, never what: for the partner in the couple, not for others.
    let asked = [
        "checkin:2026-12-06".to_string(),
        "checkin:2026-12-01".to_string(),
    ];
    let theirs = store
        .answered_pairs(&viewer(b, Some(couple)), &asked)
        .await
        .unwrap();
    assert_eq!(theirs, ["checkin:2026-12-06"]);
    let forged = store.answered_pairs(&viewer(s, Some(couple)), &asked).await;
    assert!(
        forged.unwrap().is_empty(),
        "a stranger claiming the couple learns nothing"
    );
    // The author may still change it: the partner has not answered this pair.
    let change = |version| RecordChange {
        id: as_answer.id,
        visibility: Visibility::Shared,
        couple: Some(couple),
        body: b"changed".to_vec(),
        updated_at: NOW + 1,
        expected_version: version,
    };
    store
        .update_record(a, change(0), Effects::default())
        .await
        .unwrap();
    // One answer each: a second of the same pair loses, whatever raced.
    let second = store
        .put_record(paired(a, "checkin:2026-12-06"), Effects::default())
        .await;
    assert!(matches!(second, Err(StoreError::Stale)), "{second:?}");
    let bs = paired(b, "checkin:2026-12-06");
    store
        .put_record(bs.clone(), Effects::default())
        .await
        .unwrap();
    assert_eq!(reads(b).await, [true; 4], "revealed once both answered");
    assert_eq!(reads(s).await, [false; 4]);
    let a_reads_b = store.record(&viewer(a, None), bs.id).await.unwrap();
    assert!(a_reads_b.is_some_and(|r| r.answered));
    // Once the other could read it, it stays as they read it.
    let late = store.update_record(a, change(1), Effects::default()).await;
    assert!(matches!(late, Err(StoreError::Stale)), "{late:?}");
    // A pair left unanswered in a couple that ends stays unrevealed to the former partner.
    store
        .put_record(paired(a, "checkin:2026-12-07"), Effects::default())
        .await
        .unwrap();
    store.leave_couple(a, NOW + 5, &[]).await.unwrap();
    let after = store
        .records(&viewer(b, None), "note", Window::ALL)
        .await
        .unwrap();
    let pairs: Vec<_> = after.iter().filter_map(|r| r.pair.clone()).collect();
    assert!(pairs.contains(&"checkin:2026-12-06".to_string()));
    assert!(!pairs.contains(&"checkin:2026-12-07".to_string()));
    // A write carries its author's private part in the same transaction, and only theirs.
    let main = record(s, None, Visibility::Private, b"main");
    let mut part = record(s, None, Visibility::Private, b"part");
    part.parent = Some(main.id);
    let carrying = |with: Vec<Record>| Effects {
        with,
        ..Effects::default()
    };
    let foreign = record(b, None, Visibility::Private, b"not theirs");
    let refused = store
        .put_record(main.clone(), carrying(vec![foreign.clone()]))
        .await;
    assert!(matches!(refused, Err(StoreError::State(_))), "{refused:?}");
    let sv = viewer(s, None);
    assert!(
        store.record(&sv, main.id).await.unwrap().is_none(),
        "nothing written"
    );
    store
        .put_record(main.clone(), carrying(vec![part.clone()]))
        .await
        .unwrap();
    let under = store.children_of(&sv, &[main.id], None).await.unwrap();
    assert_eq!(under.iter().map(|r| r.id).collect::<Vec<_>>(), [part.id]);
}

/// Shared facts: what was shared in the viewer's couple since a moment, by either partner, as
/// kind, author, time and pair (no body); never a private record, never to someone claiming a
/// couple they aren't in.
pub async fn shared_facts_are_the_couples_shared_records_without_bodies<S: Store>(store: &S) {
    let (a, b, s, couple) = couple_and_stranger(store, ["fay", "gus", "hal"], b"code-f").await;
    for (author, visibility) in [
        (a, Visibility::Shared),
        (b, Visibility::Shared),
        (a, Visibility::Private),
    ] {
        store
            .put_record(
                record(author, Some(couple), visibility, b"x"),
                Effects::default(),
            )
            .await
            .unwrap();
    }
    let mut old = record(b, Some(couple), Visibility::Shared, b"old");
    old.created_at = NOW - 1_000;
    store.put_record(old, Effects::default()).await.unwrap();
    let kinds = ["note".to_string()];
    let facts = store
        .shared_facts(&viewer(a, Some(couple)), &kinds, NOW)
        .await
        .unwrap();
    let mut authors: Vec<UserId> = facts.iter().map(|f| f.author).collect();
    authors.sort_by_key(|u| u.0);
    let mut both = vec![a, b];
    both.sort_by_key(|u| u.0);
    assert_eq!(
        authors, both,
        "one shared each since NOW; the private one and the old one left out"
    );
    let forged = store
        .shared_facts(&viewer(s, Some(couple)), &kinds, NOW)
        .await
        .unwrap();
    assert!(forged.is_empty());
}

/// Two answers to one state of an item (both partners replying to a talk at once) have one
/// winner: each names the version it read, the winner moves it on, the other writes nothing.
pub async fn answers_to_one_state_have_one_winner<S: Store>(store: &S) {
    let (a, b, _, c) = couple_and_stranger(store, ["one-a", "one-b", "one-s"], b"one-code").await;
    let talk = record(a, Some(c), Visibility::Shared, b"a talk");
    let id = talk.id;
    store.put_record(talk, Effects::default()).await.unwrap();
    let answer = |by: UserId, version: i64| {
        let mut r = record(by, Some(c), Visibility::Shared, b"an answer");
        r.parent = Some(id);
        let e = Effects {
            after: Some((id, version)),
            ..Effects::default()
        };
        (r, e)
    };
    let ((ra, ea), (rb, eb)) = (answer(a, 0), answer(b, 0));
    let (ida, idb) = (ra.id, rb.id);
    let (x, y) = tokio::join!(store.put_record(ra, ea), store.put_record(rb, eb));
    assert!(x.is_ok() != y.is_ok(), "one winner: {x:?} {y:?}");
    let loser = if x.is_ok() { idb } else { ida };
    assert!(matches!(x.err().or(y.err()), Some(StoreError::Stale)));
    let reader = viewer(a, Some(c));
    assert!(
        store.record(&reader, loser).await.unwrap().is_none(),
        "the loser wrote nothing"
    );
    assert_eq!(store.record(&reader, id).await.unwrap().unwrap().version, 1);
    // An answer to the old state is refused; one to the new state lands.
    let (r, e) = answer(b, 0);
    assert!(matches!(
        store.put_record(r, e).await,
        Err(StoreError::Stale)
    ));
    let (r, e) = answer(b, 1);
    store.put_record(r, e).await.unwrap();
}
