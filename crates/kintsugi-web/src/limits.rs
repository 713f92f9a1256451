//! Rate limits per purpose: sign-in per address and per account, sign-up per address, joining a
//! couple per account, and the coach per session.

use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota};

use crate::AppError;

/// How many attempts each purpose allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimits {
    /// Sign-in attempts per minute, per address and per account.
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
    SignInAccount,
    SignUpAddress,
    Join,
    Coach,
}

pub(crate) struct Limiters {
    inner: Option<[DefaultKeyedRateLimiter<String>; 5]>,
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
        }
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
