//! What waits for a person and what falls due: written in the same transaction as the record
//! that causes it, read only by its owner, gone when its couple ends or its record goes.

use std::time::Duration;

use kintsugi_domain::{CoupleId, RecordId, UserId, Visibility};
use kintsugi_store::{
    Clearing, Due, DueWhen, Effects, InboxEntry, RecordChange, Store, StoreError,
};

use crate::{NOW, couple_and_stranger, poll_then_drop, record, user};

/// An entry for `user` about `subject`, arrived at `at`.
pub fn entry(user: UserId, couple: CoupleId, kind: &str, subject: RecordId, at: i64) -> InboxEntry {
    InboxEntry {
        user,
        kind: kind.into(),
        subject,
        about: None,
        couple: Some(couple),
        at,
        until: None,
    }
}

fn posting(entries: Vec<InboxEntry>) -> Effects {
    Effects {
        post: entries,
        ..Effects::default()
    }
}

async fn kinds<S: Store>(store: &S, user: UserId, now: i64) -> Vec<String> {
    let entries = store.inbox(user, now).await.unwrap();
    entries.into_iter().map(|e| e.kind).collect()
}

/// An entry is written with its record, read only by its owner, listed newest first (in the
/// order they came within a second), shown from its time until it lapses, replaced (not doubled) by a newer one of the same kind about the same item, and
/// cleared by person, item and kind.
pub async fn inbox_entries_belong_to_their_owner<S: Store>(store: &S) {
    let (a, b, s, couple) =
        couple_and_stranger(store, ["inbox-a", "inbox-b", "inbox-s"], b"inbox-code").await;
    let talk = record(a, Some(couple), Visibility::Shared, b"talk");
    let later = entry(b, couple, "revisit", talk.id, NOW + 100);
    let lapsing = InboxEntry {
        until: Some(NOW + 50),
        ..entry(b, couple, "confirm", talk.id, NOW)
    };
    let effects = posting(vec![
        entry(b, couple, "answer", talk.id, NOW),
        later,
        lapsing,
    ]);
    store.put_record(talk.clone(), effects).await.unwrap();
    // Newest first; in the same second, the one posted last first.
    assert_eq!(kinds(store, b, NOW).await, ["confirm", "answer"]);
    assert_eq!(store.waiting_count(b, NOW).await.unwrap(), 2);
    assert_eq!(kinds(store, b, NOW + 100).await, ["revisit", "answer"]);
    for other in [a, s] {
        assert!(store.inbox(other, NOW + 100).await.unwrap().is_empty());
        assert_eq!(store.waiting_count(other, NOW + 100).await.unwrap(), 0);
    }
    // A newer entry of the same kind about the same item replaces the older.
    let reply = record(a, Some(couple), Visibility::Shared, b"reply");
    let again = posting(vec![entry(b, couple, "answer", talk.id, NOW + 10)]);
    store.put_record(reply, again).await.unwrap();
    let answers: Vec<InboxEntry> = store.inbox(b, NOW + 10).await.unwrap();
    let answers: Vec<&InboxEntry> = answers.iter().filter(|e| e.kind == "answer").collect();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].at, NOW + 10);
    // Clearing another person's entries, or with neither person nor item, touches nothing.
    let clear = |user: Option<UserId>, subject: Option<RecordId>, kinds: &[&str]| Clearing {
        user,
        subject,
        kinds: kinds.iter().map(|k| k.to_string()).collect(),
    };
    store
        .clear_inbox(&[clear(Some(a), Some(talk.id), &[]), clear(None, None, &[])])
        .await
        .unwrap();
    assert_eq!(kinds(store, b, NOW + 10).await, ["answer", "confirm"]);
    // Opened: the reader's own entries of that kind go, others stay.
    store
        .clear_inbox(&[clear(Some(b), Some(talk.id), &["answer"])])
        .await
        .unwrap();
    assert_eq!(kinds(store, b, NOW + 10).await, ["confirm"]);
    store
        .clear_inbox(&[clear(Some(b), None, &["confirm"])])
        .await
        .unwrap();
    assert!(store.inbox(b, NOW + 10).await.unwrap().is_empty());
    // A notice counts too.
    store.leave_couple(a, NOW + 20, &[]).await.unwrap();
    assert_eq!(store.waiting_count(b, NOW + 20).await.unwrap(), 1);
}

/// A change that lost its race writes none of its effects; one that wins writes them all.
pub async fn a_stale_change_writes_none_of_its_effects<S: Store>(store: &S) {
    let (a, b, _, couple) =
        couple_and_stranger(store, ["stale-a", "stale-b", "stale-s"], b"stale-code").await;
    let draft = record(a, Some(couple), Visibility::Private, b"draft");
    store
        .put_record(draft.clone(), Effects::default())
        .await
        .unwrap();
    let deliver = |version| {
        let change = RecordChange {
            id: draft.id,
            visibility: Visibility::Shared,
            couple: Some(couple),
            body: b"delivered".to_vec(),
            updated_at: NOW + 1,
            expected_version: version,
        };
        (
            change,
            posting(vec![entry(b, couple, "apology", draft.id, NOW + 1)]),
        )
    };
    let (stale, effects) = deliver(7);
    let refused = store.update_record(a, stale, effects).await;
    assert!(matches!(refused, Err(StoreError::Stale)), "{refused:?}");
    assert!(store.inbox(b, NOW + 1).await.unwrap().is_empty());
    let (current, effects) = deliver(0);
    store.update_record(a, current, effects).await.unwrap();
    assert_eq!(kinds(store, b, NOW + 1).await, ["apology"]);
}

/// When a couple ends nothing of it waits or falls due; when a record goes, its entries and
/// moments go with it.
pub async fn entries_and_due_moments_go_with_their_couple_and_record<S: Store>(store: &S) {
    let (a, b, _, couple) =
        couple_and_stranger(store, ["gone-a", "gone-b", "gone-s"], b"gone-code").await;
    let talk = record(a, Some(couple), Visibility::Shared, b"talk");
    let note = record(a, Some(couple), Visibility::Shared, b"note");
    let moment = |user, subject| Due {
        user,
        kind: "talk".into(),
        subject,
        when: DueWhen::At(NOW + 3600),
        repeat: None,
    };
    let effects = Effects {
        post: vec![entry(b, couple, "answer", talk.id, NOW)],
        due: Some((talk.id, vec![moment(a, talk.id), moment(b, talk.id)])),
        ..Effects::default()
    };
    store.put_record(talk.clone(), effects).await.unwrap();
    let effects = Effects {
        post: vec![entry(b, couple, "ack", note.id, NOW)],
        due: Some((note.id, vec![moment(b, note.id)])),
        ..Effects::default()
    };
    store.put_record(note.clone(), effects).await.unwrap();
    assert_eq!(store.due_of(b).await.unwrap().len(), 2);
    // Replacing an item's moments replaces them all.
    let only_a = Effects {
        due: Some((talk.id, vec![moment(a, talk.id)])),
        ..Effects::default()
    };
    let reply = record(b, Some(couple), Visibility::Shared, b"reply");
    store.put_record(reply, only_a).await.unwrap();
    assert_eq!(store.due_of(b).await.unwrap().len(), 1);
    assert_eq!(store.due_of(a).await.unwrap(), vec![moment(a, talk.id)]);
    // The record goes: its entry and moment with it.
    store.delete_record(a, note.id).await.unwrap();
    assert_eq!(kinds(store, b, NOW).await, ["answer"]);
    assert!(store.due_of(b).await.unwrap().is_empty());
    // The couple ends: nothing of it waits or falls due.
    store.leave_couple(b, NOW + 5, &[]).await.unwrap();
    assert!(store.inbox(b, NOW + 5).await.unwrap().is_empty());
    assert!(store.due_of(a).await.unwrap().is_empty());
}

/// A write with effects, dropped after any number of polls, leaves its record and its entry
/// both or neither.
pub async fn a_dropped_write_leaves_its_record_and_entry_together<S: Store>(store: &S) {
    let (a, b, _, couple) =
        couple_and_stranger(store, ["whole-a", "whole-b", "whole-s"], b"whole-code").await;
    let mut written = Vec::new();
    for polls in 0..16 {
        let r = record(a, Some(couple), Visibility::Shared, &[polls]);
        let effects = posting(vec![entry(b, couple, "answer", r.id, NOW)]);
        poll_then_drop(store.put_record(r.clone(), effects), usize::from(polls)).await;
        written.push(r);
    }
    // A dropped COMMIT may land a moment later: wait until each is whole either way.
    for r in &written {
        let mut whole = false;
        for _ in 0..50 {
            let stored = store
                .record(&crate::viewer(a, Some(couple)), r.id)
                .await
                .unwrap()
                .is_some();
            let waits = store
                .inbox(b, NOW)
                .await
                .unwrap()
                .iter()
                .any(|e| e.subject == r.id);
            if stored == waits {
                whole = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(
            whole,
            "a record without its entry, or an entry without its record"
        );
    }
    let after = user(store, "whole-after").await;
    let quick = store.put_record(
        record(after, None, Visibility::Private, b"next"),
        Effects::default(),
    );
    tokio::time::timeout(Duration::from_secs(5), quick)
        .await
        .expect("no lock was left behind")
        .unwrap();
}
