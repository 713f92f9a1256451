//! The background worker: on every node, it plans the reminders that are due and sends the
//! jobs it claims, one at a time, until told to stop.
//!
//! Once across nodes: planning is by key (planned twice, planned once), a job is claimed by one
//! worker (`FOR UPDATE SKIP LOCKED` on PostgreSQL) and ended only under that claim. A worker
//! killed between the mail server's "accepted" and marking the job done leaves a claim that
//! lapses; another worker sends it again: one repeat per kill at most, never a loss. A mail
//! server that refuses or is down leaves the job for later, with its reason, and the app working.

use std::time::Duration;

use kintsugi_app::reminders::plan::{self, Decision};
use kintsugi_store::{Job, Later, Outcome};
use tokio::sync::watch;

use super::mail;
use crate::AppState;

/// How long a claim holds: longer than a delivery may take ([`mail::SEND_TIMEOUT`]).
pub const HOLD_SECONDS: i64 = 60;

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    /// Jobs planned that weren't before.
    pub planned: u64,
    /// E-mails the mail server accepted.
    pub sent: u64,
    /// Jobs left for later (refused, unreachable, quiet hours).
    pub later: u64,
    /// Jobs ended without sending (turned off, nothing waiting, too late).
    pub skipped: u64,
}

/// Runs rounds every `tick` (sooner when woken) until `stop` turns true; a round in progress
/// finishes the job it holds first.
pub async fn run(state: AppState, tick: Duration, mut stop: watch::Receiver<bool>) {
    if state.config.mail.is_none() {
        tracing::info!("no SMTP configured: reminders come only in the inbox and the calendar");
        return;
    }
    tracing::info!(
        tick_ms = tick.as_millis() as u64,
        "the reminder worker is running"
    );
    loop {
        if *stop.borrow() {
            break;
        }
        match round(&state, kintsugi_app::now(), Some(&stop)).await {
            Ok(r) if r != Round::default() => tracing::info!(
                planned = r.planned,
                sent = r.sent,
                later = r.later,
                skipped = r.skipped,
                "reminders"
            ),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "a reminder round failed; trying again"),
        }
        tokio::select! {
            _ = tokio::time::sleep(tick) => {}
            _ = state.worker_wake.notified() => {}
            _ = stop.changed() => {}
        }
    }
    tracing::info!("the reminder worker stopped");
}

/// One round at `now`: plan what is due, then send every job due, one at a time (stopping
/// between two jobs when `stop` says so).
pub async fn round(
    state: &AppState,
    now: i64,
    stop: Option<&watch::Receiver<bool>>,
) -> Result<Round, crate::AppError> {
    let mut r = Round {
        planned: plan::plan(state.store.as_ref(), now).await?,
        ..Round::default()
    };
    while let Some(job) = state.store.claim_job(now, HOLD_SECONDS).await? {
        run_job(state, &job, now, &mut r).await?;
        if stop.is_some_and(|s| *s.borrow()) {
            break;
        }
    }
    Ok(r)
}

/// Waits before another try: a minute, doubling with each try, at most six hours, jittered.
fn backoff(attempts: i64) -> i64 {
    let base = 60i64
        .saturating_mul(1 << attempts.clamp(0, 9))
        .min(6 * 3600);
    base / 2 + rand_jitter(base / 2)
}

fn rand_jitter(max: i64) -> i64 {
    let bytes = kintsugi_vault::random_bytes::<8>();
    (u64::from_le_bytes(bytes) % (max.max(1) as u64)) as i64
}

async fn run_job(
    state: &AppState,
    job: &Job,
    now: i64,
    r: &mut Round,
) -> Result<(), crate::AppError> {
    let Some(mailer) = state.config.mail.as_ref() else {
        return Ok(());
    };
    let store = state.store.as_ref();
    let message_id = format!("<{}@kintsugi>", job.id);
    let email = match plan::decide(store, job, now).await? {
        Decision::Remind { to } => {
            let home = super::absolute(state, "/#waiting");
            mail::reminder(to, &home, &super::off_link(state, job.user), message_id)
        }
        Decision::Confirm { to, nonce } => {
            let token = super::confirm_token(state, &nonce);
            let link = super::absolute(state, &format!("/email/confirm/{token}"));
            mail::confirmation(to, &link, message_id)
        }
        Decision::Postpone(at) => {
            store.put_back_job(job, Later::Postpone(at)).await?;
            r.later += 1;
            return Ok(());
        }
        Decision::Skip => {
            store.finish_job(job, Outcome::Skipped, now).await?;
            r.skipped += 1;
            return Ok(());
        }
        Decision::GiveUp => {
            tracing::warn!(job = %job.id, attempts = job.attempts, "a reminder came too late to send");
            store.finish_job(job, Outcome::GaveUp, now).await?;
            r.skipped += 1;
            return Ok(());
        }
    };
    match mailer.send(email).await {
        Ok(()) => {
            if !store
                .finish_job(job, Outcome::Sent, kintsugi_app::now())
                .await?
            {
                tracing::warn!(job = %job.id, "a sent job's claim had lapsed");
            }
            r.sent += 1;
        }
        Err(why) => {
            tracing::warn!(job = %job.id, attempts = job.attempts, reason = %why, "an e-mail wasn't sent; it will be tried again");
            let at = kintsugi_app::now() + backoff(job.attempts);
            store.put_back_job(job, Later::Retry(at, why)).await?;
            r.later += 1;
        }
    }
    Ok(())
}
