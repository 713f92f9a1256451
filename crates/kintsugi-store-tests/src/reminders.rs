//! Reminders' stories: choices change only over the version read, an address is confirmed once
//! before its link expires, a calendar's old address stops at once, and jobs planned twice are
//! planned once and run once however many workers race for them.

use std::collections::BTreeMap;
use std::sync::Arc;

use kintsugi_domain::UserId;
use kintsugi_store::{Later, NewJob, Outcome, ReminderChoice, Store, StoreError};
use uuid::Uuid;

use crate::{NOW, user};

fn choice(email_on: bool) -> ReminderChoice {
    ReminderChoice {
        kinds: vec!["talk".into(), "inbox".into()],
        daily_at: 19 * 60,
        quiet: Some((22 * 60, 7 * 60)),
        email_on,
        calendar_plain: false,
    }
}

fn job(key: String, user: UserId, run_at: i64) -> NewJob {
    NewJob {
        key,
        kind: "remind".into(),
        user,
        run_at,
        give_up_at: run_at + 3600,
    }
}

/// Choices, an address and a calendar feed, each changed only as its rules allow.
pub async fn reminder_choices_and_addresses_follow_their_rules<S: Store>(store: &S) {
    let sam = user(store, "sam-reminders").await;
    let s = store.reminder_settings(sam).await.unwrap();
    assert!(!s.stored && s.email.is_none() && s.version == 0, "{s:?}");
    assert_eq!(s.time_zone, "Europe/Paris");
    // E-mail can't be on without a confirmed address; nothing changes.
    let refused = store.choose_reminders(sam, &choice(true), None, 0).await;
    assert!(matches!(refused, Err(StoreError::State(_))), "{refused:?}");
    assert!(!store.reminder_settings(sam).await.unwrap().stored);
    let v = store
        .choose_reminders(sam, &choice(false), Some("Europe/London"), 0)
        .await
        .unwrap();
    let s = store.reminder_settings(sam).await.unwrap();
    assert_eq!(
        (s.stored, s.version, s.choice.clone()),
        (true, v, choice(false))
    );
    assert_eq!(
        s.time_zone, "Europe/London",
        "the zone changed in the same write"
    );
    // A change over an old version loses, whatever it says.
    let stale = store.choose_reminders(sam, &choice(false), None, 0).await;
    assert!(matches!(stale, Err(StoreError::Stale)), "{stale:?}");

    // An address waits for its link; only the link's hash finds it, once, before it expires.
    let confirm = |at: i64| NewJob {
        kind: "confirm".into(),
        ..job(format!("confirm:{}:{at}", sam.0), sam, at)
    };
    store
        .ask_email(
            sam,
            "old@example.org",
            b"n1",
            b"hash-1",
            NOW + 100,
            confirm(NOW),
        )
        .await
        .unwrap();
    store
        .ask_email(
            sam,
            "sam@example.org",
            b"n2",
            b"hash-2",
            NOW + 100,
            confirm(NOW + 1),
        )
        .await
        .unwrap();
    let waiting = store
        .jobs_like(&format!("confirm:{}", sam.0))
        .await
        .unwrap();
    assert_eq!(
        waiting.len(),
        1,
        "the first confirmation was replaced: {waiting:?}"
    );
    let s = store.reminder_settings(sam).await.unwrap();
    assert_eq!(s.email_pending, Some(("sam@example.org".into(), NOW + 100)));
    assert_eq!(s.email, None);
    let replaced = store.confirm_email(b"hash-1", NOW).await;
    assert!(
        matches!(replaced, Err(StoreError::NotFound)),
        "a replaced link"
    );
    let late = store.confirm_email(b"hash-2", NOW + 100).await;
    assert!(matches!(late, Err(StoreError::NotFound)), "an expired link");
    assert_eq!(store.confirm_email(b"hash-2", NOW + 99).await.unwrap(), sam);
    let again = store.confirm_email(b"hash-2", NOW + 99).await;
    assert!(
        matches!(again, Err(StoreError::NotFound)),
        "a link works once"
    );
    let s = store.reminder_settings(sam).await.unwrap();
    assert_eq!(s.email.as_deref(), Some("sam@example.org"));
    assert!(s.choice.email_on && s.email_pending.is_none() && s.email_nonce.is_none());
    let reminded = store.reminded().await.unwrap();
    assert!(
        reminded
            .iter()
            .any(|r| r.user == sam && r.time_zone == "Europe/London")
    );
    // Off from an e-mail's link, then the address forgotten.
    assert!(store.email_off(sam).await.unwrap());
    assert!(!store.email_off(sam).await.unwrap(), "already off");
    assert!(
        !store
            .reminded()
            .await
            .unwrap()
            .iter()
            .any(|r| r.user == sam)
    );
    store.remove_email(sam).await.unwrap();
    assert_eq!(store.reminder_settings(sam).await.unwrap().email, None);

    // A calendar feed: the new address finds its owner, the old one nothing.
    store
        .set_calendar(sam, Some((b"feed-1".to_vec(), b"sealed-1".to_vec())))
        .await
        .unwrap();
    assert_eq!(
        store.calendar_owner(b"feed-1").await.unwrap(),
        Some((sam, false))
    );
    store
        .set_calendar(sam, Some((b"feed-2".to_vec(), b"sealed-2".to_vec())))
        .await
        .unwrap();
    assert_eq!(
        store.calendar_owner(b"feed-1").await.unwrap(),
        None,
        "stops at once"
    );
    assert_eq!(
        store.calendar_owner(b"feed-2").await.unwrap(),
        Some((sam, false))
    );
    store.set_calendar(sam, None).await.unwrap();
    assert_eq!(store.calendar_owner(b"feed-2").await.unwrap(), None);

    // An address left unconfirmed is forgotten once its link expires.
    store
        .ask_email(
            sam,
            "typo@example.org",
            b"n3",
            b"hash-3",
            NOW + 50,
            confirm(NOW + 2),
        )
        .await
        .unwrap();
    assert_eq!(store.sweep_reminders(NOW + 49).await.unwrap(), 0, "not yet");
    assert!(store.sweep_reminders(NOW + 50).await.unwrap() >= 1);
    let s = store.reminder_settings(sam).await.unwrap();
    assert_eq!((s.email_pending, s.email_nonce), (None, None));
}

/// Jobs: planned twice, planned once; four workers racing claim each exactly once; a claim
/// that lapses is taken again and the old claim can't end the job; a failure keeps the job.
pub async fn jobs_run_once_under_racing_workers<S: Store>(store: &S) {
    let alex = user(store, "alex-jobs").await;
    let jobs: Vec<NewJob> = (0..200)
        .map(|i| job(format!("remind:test:{}:{i}", alex.0), alex, NOW - i))
        .collect();
    assert_eq!(store.plan_jobs(&jobs).await.unwrap(), 200);
    assert_eq!(store.plan_jobs(&jobs).await.unwrap(), 0, "planned once");
    let future = job(format!("remind:later:{}", alex.0), alex, NOW + 500);
    assert_eq!(store.plan_jobs(&[future]).await.unwrap(), 1);
    let claimed: Arc<std::sync::Mutex<BTreeMap<Uuid, usize>>> = Arc::default();
    let worker = || {
        let claimed = claimed.clone();
        async move {
            while let Some(j) = store.claim_job(NOW, 60).await.unwrap() {
                *claimed.lock().unwrap().entry(j.id).or_default() += 1;
                assert!(store.finish_job(&j, Outcome::Sent, NOW).await.unwrap());
            }
        }
    };
    tokio::join!(worker(), worker(), worker(), worker());
    let claimed = claimed.lock().unwrap().clone();
    assert_eq!(claimed.len(), 200, "every due job, and none not yet due");
    assert!(claimed.values().all(|n| *n == 1), "each once");
    let done = store.jobs_like("remind:test:").await.unwrap();
    assert!(
        done.iter()
            .all(|j| j.outcome.as_deref() == Some("sent") && j.attempts == 1)
    );

    // A worker that dies holding a claim: the job is claimed again once the claim lapses.
    let j = store
        .claim_job(NOW + 500, 60)
        .await
        .unwrap()
        .expect("the later job");
    assert!(
        store.claim_job(NOW + 559, 60).await.unwrap().is_none(),
        "held"
    );
    let again = store
        .claim_job(NOW + 561, 60)
        .await
        .unwrap()
        .expect("lapsed");
    assert_eq!((again.id, again.attempts), (j.id, 2));
    assert!(
        !store
            .finish_job(&j, Outcome::Sent, NOW + 562)
            .await
            .unwrap(),
        "old claim"
    );
    // A failure puts it back with its reason; quiet hours put it back without counting a try.
    let why = "the mail server couldn't be reached".to_string();
    assert!(
        store
            .put_back_job(&again, Later::Retry(NOW + 900, why.clone()))
            .await
            .unwrap()
    );
    assert!(
        store.claim_job(NOW + 899, 60).await.unwrap().is_none(),
        "not before its time"
    );
    let third = store
        .claim_job(NOW + 900, 60)
        .await
        .unwrap()
        .expect("retried");
    assert!(
        store
            .put_back_job(&third, Later::Postpone(NOW + 1000))
            .await
            .unwrap()
    );
    let state = store
        .latest_job(alex, "remind:later:")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (state.attempts, state.last_error, state.run_at),
        (2, Some(why), NOW + 1000)
    );
    assert_eq!(state.outcome, None, "not lost");
    let last = store
        .claim_job(NOW + 1000, 60)
        .await
        .unwrap()
        .expect("postponed");
    assert!(
        store
            .finish_job(&last, Outcome::Skipped, NOW + 1000)
            .await
            .unwrap()
    );
    assert!(
        !store
            .finish_job(&last, Outcome::Sent, NOW + 1000)
            .await
            .unwrap(),
        "once"
    );
    // Jobs that ended long ago are swept; the rest stay.
    let swept = store
        .sweep_reminders(NOW + kintsugi_store::KEEP_JOBS + 2000)
        .await
        .unwrap();
    assert_eq!(swept, 201, "the 200 sent and the one skipped");
    assert!(store.jobs_like("remind:test:").await.unwrap().is_empty());
    // A change of choice takes back the person's reminders not yet claimed.
    let pending = job(format!("remind:day:{}:x", alex.0), alex, NOW + 2000);
    store.plan_jobs(&[pending]).await.unwrap();
    store
        .choose_reminders(alex, &choice(false), None, 0)
        .await
        .unwrap();
    assert!(
        store
            .jobs_like(&format!("remind:day:{}", alex.0))
            .await
            .unwrap()
            .is_empty()
    );
}
