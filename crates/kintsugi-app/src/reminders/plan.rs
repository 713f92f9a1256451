//! Planning reminders, and deciding at the moment of sending whether one still should go.
//! Both run without anyone's key: they read choices, kinds, times and links.
//!
//! A reminder is planned once it is due (its time has come and its moment hasn't passed), under
//! a key that names it (`remind:day:<person>:<day>`, `remind:at:<person>:<kind>:<item>:<time>`,
//! `remind:inbox:<person>:<time>`), so planning it again, on any node, plans nothing new.

use std::collections::BTreeSet;

use kintsugi_domain::reminders::{self as rules, Quiet};
use kintsugi_domain::{UserId, Zone};
use kintsugi_store::{DueWhen, Job, NewJob, Reminded, Store};

use super::INBOX;
use crate::Result;
use crate::steps::STEPS;

/// How long before a timed thing (a talk) its reminder comes.
pub const AHEAD: i64 = 60 * 60;
/// At most one e-mail about the inbox in this long.
pub const INBOX_SPACING: i64 = 60 * 60;
/// How long a confirmation link works.
pub const CONFIRM_SECONDS: i64 = 24 * 60 * 60;

/// Plans every reminder due at `now` for everyone with e-mail reminders on; how many are new.
pub async fn plan(store: &dyn Store, now: i64) -> Result<u64> {
    let mut jobs = Vec::new();
    for person in store.reminded().await? {
        jobs.extend(plan_for(store, &person, now).await?);
    }
    Ok(store.plan_jobs(&jobs).await?)
}

/// The reminders due at `now` for one person.
pub async fn plan_for(store: &dyn Store, p: &Reminded, now: i64) -> Result<Vec<NewJob>> {
    let choice = super::effective(&p.choice);
    let p = &Reminded {
        choice,
        ..p.clone()
    };
    let on: BTreeSet<&str> = p.choice.kinds.iter().map(String::as_str).collect();
    let zone = Zone::or_utc(&p.time_zone);
    let quiet = p.choice.quiet.map(|(from, to)| Quiet { from, to });
    let mut jobs = Vec::new();
    let falls = STEPS.iter().flat_map(|s| s.falls.iter());
    let falls_on: BTreeSet<&str> = falls.map(|f| f.kind).filter(|k| on.contains(k)).collect();
    let daily_on = STEPS
        .iter()
        .filter_map(|s| s.daily)
        .any(|d| on.contains(d.kind));
    let dues = if falls_on.is_empty() {
        Vec::new()
    } else {
        store.due_of(p.user).await?
    };
    // The day's reminder: today's, and yesterday's while its time may still be running.
    let today = rules::day_of(&zone, now);
    for day in [today.and_then(|d| d.yesterday().ok()), today]
        .into_iter()
        .flatten()
    {
        let something = daily_on
            || dues.iter().any(|d| match &d.when {
                DueWhen::Day(first) if falls_on.contains(d.kind.as_str()) => first
                    .parse()
                    .is_ok_and(|f| rules::falls_on(f, d.repeat.as_deref(), day)),
                _ => false,
            });
        let Some(at) = rules::instant_on(&zone, day, p.choice.daily_at) else {
            continue;
        };
        let run_at = rules::after_quiet(&zone, quiet, at);
        let end_of_day = day
            .tomorrow()
            .ok()
            .and_then(|d| rules::instant_on(&zone, d, 0))
            .unwrap_or(at + 86_400);
        let give_up_at = end_of_day.max(run_at + 4 * 3600);
        if something && run_at <= now && now < give_up_at {
            jobs.push(NewJob {
                key: format!("remind:day:{}:{day}", p.user.0),
                kind: "remind".into(),
                user: p.user,
                run_at,
                give_up_at,
            });
        }
    }
    // A timed thing: an hour before (before quiet hours if that would be inside them).
    for d in &dues {
        let DueWhen::At(at) = d.when else { continue };
        if !falls_on.contains(d.kind.as_str()) {
            continue;
        }
        let run_at = rules::before_quiet(&zone, quiet, at - AHEAD);
        if run_at <= now && now < at {
            jobs.push(NewJob {
                key: format!("remind:at:{}:{}:{}:{at}", p.user.0, d.kind, d.subject.0),
                kind: "remind".into(),
                user: p.user,
                run_at,
                give_up_at: at,
            });
        }
    }
    if on.contains(INBOX)
        && let Some(job) = inbox_job(store, p, &zone, quiet, now).await?
    {
        jobs.push(job);
    }
    Ok(jobs)
}

/// One e-mail for something new in the inbox: only for an entry newer than the last one
/// e-mailed about, at most one an hour, none while one is still to go.
async fn inbox_job(
    store: &dyn Store,
    p: &Reminded,
    zone: &Zone,
    quiet: Option<Quiet>,
    now: i64,
) -> Result<Option<NewJob>> {
    let Some(newest) = store.inbox(p.user, now).await?.iter().map(|e| e.at).max() else {
        return Ok(None);
    };
    let prefix = format!("remind:inbox:{}:", p.user.0);
    let mut run_at = newest;
    if let Some(last) = store.latest_job(p.user, &prefix).await? {
        let told_of: i64 = last.key[prefix.len()..].parse().unwrap_or(i64::MAX);
        if last.outcome.is_none() || newest <= told_of {
            return Ok(None);
        }
        run_at = run_at.max(last.run_at + INBOX_SPACING);
    }
    let run_at = rules::after_quiet(zone, quiet, run_at);
    Ok((run_at <= now).then(|| NewJob {
        key: format!("{prefix}{newest}"),
        kind: "remind".into(),
        user: p.user,
        run_at,
        give_up_at: run_at + 24 * 3600,
    }))
}

/// What to do with a claimed job now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Send a reminder to this address.
    Remind {
        /// The confirmed address.
        to: String,
    },
    /// Send the confirmation link derived from `nonce` to this address.
    Confirm {
        /// The address waiting.
        to: String,
        /// What the link is derived from.
        nonce: Vec<u8>,
    },
    /// Not now: quiet hours end then.
    Postpone(i64),
    /// Nothing to send any more.
    Skip,
    /// Too late to be worth sending.
    GiveUp,
}

/// Decides, as it is about to be sent, whether a job still should go: e-mail still on to a
/// confirmed address, not in quiet hours, something still waiting for an inbox reminder.
pub async fn decide(store: &dyn Store, job: &Job, now: i64) -> Result<Decision> {
    if now >= job.give_up_at {
        return Ok(Decision::GiveUp);
    }
    let s = store.reminder_settings(job.user).await?;
    if job.kind == "confirm" {
        return Ok(match (s.email_pending, s.email_nonce) {
            (Some((to, until)), Some(nonce)) if until > now => Decision::Confirm { to, nonce },
            _ => Decision::Skip,
        });
    }
    let choice = super::effective(&s.choice);
    let Some(to) = s.email.filter(|_| choice.email_on) else {
        return Ok(Decision::Skip);
    };
    let zone = Zone::or_utc(&s.time_zone);
    let quiet = choice.quiet.map(|(from, to)| Quiet { from, to });
    let after = rules::after_quiet(&zone, quiet, now);
    if after > now {
        return Ok(Decision::Postpone(after));
    }
    if job.key.starts_with("remind:inbox:") && store.inbox(job.user, now).await?.is_empty() {
        return Ok(Decision::Skip);
    }
    Ok(Decision::Remind { to })
}

/// The key of a person's confirmation e-mail for an address asked at `now`.
pub fn confirm_job(user: UserId, now: i64, nonce: &[u8]) -> NewJob {
    let tag: String = nonce.iter().take(6).map(|b| format!("{b:02x}")).collect();
    NewJob {
        key: format!("confirm:{}:{now}:{tag}", user.0),
        kind: "confirm".into(),
        user,
        run_at: now,
        give_up_at: now + CONFIRM_SECONDS,
    }
}
