//! Rate limits per purpose: sign-in per address and per account *and* address, sign-up per
//! address, joining a couple per account, and the coach per session.
//!
//! Sign-in never locks an account: an attacker's wrong passwords spend only the budgets of the
//! attacker's own addresses. What they do to the account is a growing delay (see
//! [`SignInDelays`]), so guessing slows down while the owner, from any address, still gets in.

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota};

use crate::{AppError, AppState, accounts};

/// How many attempts each purpose allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimits {
    /// Sign-in attempts per minute, per address and per account at one address.
    pub sign_in_per_minute: u32,
    /// New accounts per hour, per address.
    pub sign_up_per_hour: u32,
    /// Invite-code attempts per minute, per account.
    pub join_per_minute: u32,
    /// Coach analyses per minute, per session.
    pub coach_per_minute: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            sign_in_per_minute: 10,
            sign_up_per_hour: 20,
            join_per_minute: 10,
            coach_per_minute: 120,
        }
    }
}

/// Why a request is being counted.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Purpose {
    SignInAddress,
    SignInAccountAddress,
    SignUpAddress,
    Join,
    Coach,
}

pub(crate) struct Limiters {
    inner: Option<[DefaultKeyedRateLimiter<String>; 5]>,
    delays: SignInDelays,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN))
}

impl Limiters {
    pub(crate) fn new(limits: Option<RateLimits>) -> Limiters {
        Limiters {
            inner: limits.map(|l| {
                let hour = Quota::per_hour(
                    NonZeroU32::new(l.sign_up_per_hour.max(1)).unwrap_or(NonZeroU32::MIN),
                );
                [
                    DefaultKeyedRateLimiter::keyed(per_minute(l.sign_in_per_minute)),
                    DefaultKeyedRateLimiter::keyed(per_minute(l.sign_in_per_minute)),
                    DefaultKeyedRateLimiter::keyed(hour),
                    DefaultKeyedRateLimiter::keyed(per_minute(l.join_per_minute)),
                    DefaultKeyedRateLimiter::keyed(per_minute(l.coach_per_minute)),
                ]
            }),
            delays: SignInDelays::default(),
        }
    }

    /// Runs one sign-in or recovery `attempt` for `username` from `addr`: counted against the
    /// address and the account-at-this-address, delayed by the account's recent failures, and
    /// then counted as a failure or a success of the account.
    pub(crate) async fn sign_in<T>(
        &self,
        addr: IpAddr,
        username: &str,
        attempt: impl Future<Output = Result<T, AppError>>,
    ) -> Result<T, AppError> {
        let account = username.trim().to_lowercase();
        let address = addr.to_string();
        self.check(Purpose::SignInAddress, &address)?;
        self.check(
            Purpose::SignInAccountAddress,
            &format!("{account} {address}"),
        )?;
        if self.inner.is_some() {
            tokio::time::sleep(self.delays.delay(&account)).await;
        }
        let result = attempt.await;
        match &result {
            Ok(_) => self.delays.succeeded(&account),
            Err(AppError::BadCredentials | AppError::BadRequest(_)) => self.delays.failed(&account),
            Err(_) => {}
        }
        result
    }

    /// Counts one attempt; `RateLimited` when the purpose's budget for `key` is spent.
    pub(crate) fn check(&self, purpose: Purpose, key: &str) -> Result<(), AppError> {
        let Some(limiters) = &self.inner else {
            return Ok(());
        };
        let l = &limiters[purpose as usize];
        // Forget idle keys now and then so the tables stay small.
        if l.len() > 10_000 {
            l.retain_recent();
        }
        l.check_key(&key.to_string())
            .map_err(|_| AppError::RateLimited)
    }
}

/// Failures in a row after which each attempt on the account waits.
const FREE_FAILURES: u32 = 5;
/// The longest wait: enough to make online guessing slow, short enough never to keep the owner out.
const MAX_DELAY: Duration = Duration::from_secs(3);
/// A run of failures is forgotten after this long without another.
const FAILURE_MEMORY: Duration = Duration::from_secs(15 * 60);

/// Recent sign-in failures per account, and the delay they impose on the next attempt from any
/// address: none for the first five, then 100 ms doubling up to three seconds. A success clears it.
#[derive(Default)]
pub(crate) struct SignInDelays {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl SignInDelays {
    fn with<T>(&self, f: impl FnOnce(&mut HashMap<String, (u32, Instant)>) -> T) -> T {
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() > 10_000 {
            map.retain(|_, (_, at)| at.elapsed() < FAILURE_MEMORY);
        }
        f(&mut map)
    }

    /// How long the next attempt on `account` waits.
    pub(crate) fn delay(&self, account: &str) -> Duration {
        let failures = self.with(|m| match m.get(account) {
            Some((n, at)) if at.elapsed() < FAILURE_MEMORY => *n,
            _ => 0,
        });
        delay_after(failures)
    }

    fn failed(&self, account: &str) {
        self.with(|m| {
            let entry = m.entry(account.to_string()).or_insert((0, Instant::now()));
            if entry.1.elapsed() >= FAILURE_MEMORY {
                entry.0 = 0;
            }
            *entry = (entry.0.saturating_add(1), Instant::now());
        });
    }

    fn succeeded(&self, account: &str) {
        self.with(|m| m.remove(account));
    }
}

/// The delay after `failures` failures in a row.
fn delay_after(failures: u32) -> Duration {
    if failures <= FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_FAILURES - 1).min(16);
    (Duration::from_millis(100) * 2u32.pow(doublings)).min(MAX_DELAY)
}

/// Route layer for sign-up (the page and the API): its budget per address.
pub(crate) async fn sign_ups(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    req: Request,
    next: Next,
) -> Response {
    let key = addr.ip().to_string();
    match state.limits.check(Purpose::SignUpAddress, &key) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

/// Route layer for invite codes (the page and the API): their budget per account. A request
/// without a session goes on, to be refused by its handler as any other.
pub(crate) async fn joins(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let me = accounts::current(&state, &parts).await;
    if let Ok(Some(me)) = me
        && let Err(e) = state.limits.check(Purpose::Join, &me.user.id.to_string())
    {
        return e.into_response();
    }
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_slow_an_account_down_without_ever_locking_it() {
        assert_eq!(delay_after(0), Duration::ZERO);
        assert_eq!(delay_after(FREE_FAILURES), Duration::ZERO);
        assert_eq!(delay_after(FREE_FAILURES + 1), Duration::from_millis(100));
        assert_eq!(delay_after(FREE_FAILURES + 2), Duration::from_millis(200));
        assert_eq!(delay_after(1_000_000), MAX_DELAY);
        let delays = SignInDelays::default();
        for _ in 0..20 {
            delays.failed("sam");
        }
        assert_eq!(delays.delay("sam"), MAX_DELAY);
        assert_eq!(
            delays.delay("robin"),
            Duration::ZERO,
            "other accounts are untouched"
        );
        delays.succeeded("sam");
        assert_eq!(delays.delay("sam"), Duration::ZERO);
    }
}
