//! Reminders on the web: the settings (API and Account's page), an e-mail address confirmed by
//! a single-use link, the link in every e-mail that turns e-mail off, the private calendar
//! feed, and the worker that plans and sends reminders (`worker`).
//!
//! Secrets in links: a confirmation link and the "off" link are derived with the server's
//! secret (the same as invite codes'), from a random value kept beside the address and from the
//! person's id; only their SHA-256 (confirmation) or nothing (off: recomputed) is stored. A
//! calendar feed's address is random: its SHA-256 finds it, and a copy sealed with the person's
//! data key lets them see it again.

pub(crate) mod api;
pub(crate) mod feed;
pub mod mail;
pub(crate) mod pages;
pub mod worker;

use kintsugi_domain::UserId;
use kintsugi_vault::{Binding, Token};

use crate::AppState;
use crate::accounts::Current;
use crate::error::AppError;

fn b64(bytes: &[u8]) -> String {
    data_encoding::BASE64URL_NOPAD.encode(bytes)
}

/// The confirmation link's secret part, derived from the random `nonce` kept with the address.
pub(crate) fn confirm_token(state: &AppState, nonce: &[u8]) -> String {
    let mut input = b"kintsugi/email-confirm\0".to_vec();
    input.extend_from_slice(nonce);
    b64(&state.config.lookup_key.hash(&input))
}

/// The "off" link's secret part for a person (the same in every e-mail they get).
pub(crate) fn off_token(state: &AppState, user: UserId) -> String {
    let mut input = b"kintsugi/email-off\0".to_vec();
    input.extend_from_slice(user.0.as_bytes());
    b64(&state.config.lookup_key.hash(&input)[..18])
}

/// Whether `token` is the person's "off" link secret (compared in constant time).
pub(crate) fn off_token_is(state: &AppState, user: UserId, token: &str) -> bool {
    let want = off_token(state, user);
    want.len() == token.len()
        && want
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Where a link in an e-mail or a feed address points: the configured public address.
pub(crate) fn absolute(state: &AppState, path: &str) -> String {
    format!("{}{path}", state.config.public_url.trim_end_matches('/'))
}

/// The "off" link of a person.
pub(crate) fn off_link(state: &AppState, user: UserId) -> String {
    absolute(
        state,
        &format!("/email/off/{}/{}", user.0, off_token(state, user)),
    )
}

fn feed_binding<'a>(hash: &'a [u8], owner: &'a [u8]) -> Binding<'a> {
    Binding {
        record_id: hash,
        kind: "calendar-feed",
        owner,
    }
}

/// A new calendar feed for the person: the old address stops at once. Its new address.
pub(crate) async fn new_feed(state: &AppState, me: &Current) -> Result<String, AppError> {
    let key = me.data_key()?;
    let token = Token::generate();
    let hash = token.lookup_hash();
    let owner = me.user.id.0.as_bytes().to_vec();
    let sealed = kintsugi_vault::seal(&key, &feed_binding(&hash, &owner), token.expose());
    state
        .store
        .set_calendar(me.user.id, Some((hash, sealed)))
        .await?;
    tracing::info!(user = %me.user.id, "calendar feed made");
    Ok(feed_url(state, token.expose()))
}

/// The person's calendar feed address, if they have one (opened with their key).
pub(crate) async fn feed_of(state: &AppState, me: &Current) -> Result<Option<String>, AppError> {
    let s = state.store.reminder_settings(me.user.id).await?;
    let Some((hash, sealed)) = s.calendar_sealed else {
        return Ok(None);
    };
    let key = me.data_key()?;
    let owner = me.user.id.0.as_bytes().to_vec();
    let token = kintsugi_vault::open(&key, &feed_binding(&hash, &owner), &sealed)
        .map_err(|_| AppError::Internal)?;
    Ok(Some(feed_url(state, &token)))
}

fn feed_url(state: &AppState, token: &str) -> String {
    absolute(state, &format!("/calendar/{token}.ics"))
}

/// The longest address taken (RFC 5321's limit on a path).
pub const ADDRESS_MAX: usize = 254;

/// Asks to confirm `address` for the person: a confirmation e-mail with a single-use link.
pub(crate) async fn ask_email(
    state: &AppState,
    me: &Current,
    address: &str,
) -> Result<(), AppError> {
    use kintsugi_app::reminders::plan;
    if state.config.mail.is_none() {
        return Err(kintsugi_app::Error::from(kintsugi_app::reminders::Refusal::NoMail).into());
    }
    let address = address.trim();
    let field = kintsugi_domain::Field::new("address", "E-mail address");
    if address.is_empty() {
        return Err(AppError::Invalid(kintsugi_domain::InvalidInput::Empty {
            field,
        }));
    }
    if address.chars().count() > ADDRESS_MAX {
        return Err(AppError::Invalid(kintsugi_domain::InvalidInput::TooLong {
            field,
            max: ADDRESS_MAX,
        }));
    }
    if address.parse::<lettre::Address>().is_err() || address.chars().any(char::is_control) {
        return Err(AppError::Invalid(kintsugi_domain::InvalidInput::Format {
            field,
            rule: "needs to be an e-mail address, like sam@example.org.",
        }));
    }
    let nonce = kintsugi_vault::random_bytes::<24>().to_vec();
    let token = confirm_token(state, &nonce);
    let hash = kintsugi_vault::token_hash(token.as_bytes());
    let now = kintsugi_app::now();
    let job = plan::confirm_job(me.user.id, now, &nonce);
    state
        .store
        .ask_email(
            me.user.id,
            address,
            &nonce,
            &hash,
            now + plan::CONFIRM_SECONDS,
            job,
        )
        .await?;
    tracing::info!(user = %me.user.id, "e-mail address to confirm");
    state.wake_worker();
    Ok(())
}
