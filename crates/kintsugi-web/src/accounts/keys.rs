//! A person's keys: a new password (and with it, by default, a new recovery key), a new
//! recovery key alone, signing out everywhere, setting a new password with the recovery key,
//! and an administrator's reset. Each change of keys is one write (`Store::rekey_user`),
//! decided against the password hash it read, so two at once have one winner.

use kintsugi_store::{Ending, NoticeKind, Rekey};
use kintsugi_vault::{Key, RecoveryKey, Token, purpose};

use super::{Client, Current, NewPassword, Username, blocking, now, password_keys, start_session};
use crate::{AppError, AppState};

/// Signs in with the recovery key and sets a new password; nothing written is lost.
pub async fn recover(
    state: &AppState,
    username: &str,
    recovery_key: &str,
    new_password: &str,
    client: &Client,
) -> Result<Token, AppError> {
    let refused = || {
        AppError::BadRequest(
        "That username and recovery key don't match. Check the key you wrote down and try again.".into(),
    )
    };
    let user = match Username::parse(username) {
        Ok(u) => state.store.user_by_username(u.as_str()).await?,
        Err(_) => None,
    };
    let (Some(user), Some(recovery)) = (user, RecoveryKey::parse(recovery_key)) else {
        return Err(refused());
    };
    let Some(wrap) = user.recovery_wrap.as_ref() else {
        return Err(refused());
    };
    let data_key = recovery
        .key()
        .unwrap_key(wrap, purpose::RECOVERY)
        .map_err(|_| refused())?;
    if user.disabled {
        return Err(refused());
    }
    let password = NewPassword::parse(new_password, &[&user.username, &user.display_name])?;
    let (keys, data_key) = password_keys(password, data_key).await?;
    // One change: the new password, every session ended (whoever held one), and a notice the
    // person reads at their next sign-in, in case it wasn't them.
    let rekey = Rekey {
        notice: Some((NoticeKind::Recovered, now())),
        expected_hash: Some(user.password_hash.clone()),
        ..keys.into_rekey(None, Ending::All)
    };
    state.store.rekey_user(user.id, rekey).await?;
    tracing::info!(user = %user.id, "password set with the recovery key");
    start_session(state, user.id, &data_key, client).await
}

/// Refuses, as a mistake in `field`, a password that isn't the person's (argon2 off the async
/// threads).
async fn check_password(
    me: &Current,
    given: &str,
    field: kintsugi_domain::Field,
    rule: &'static str,
) -> Result<(), AppError> {
    let hash = me.user.password_hash.clone();
    let given = given.to_string();
    let ok = blocking(move || kintsugi_vault::verify_password(&given, Some(&hash))).await?;
    match ok {
        true => Ok(()),
        false => Err(AppError::Invalid(kintsugi_domain::InvalidInput::Format {
            field,
            rule,
        })),
    }
}

/// Changes the password after checking the current one; other sessions end. With
/// `new_recovery_key`, the recovery key is replaced in the same change (the old one stops at
/// once) and the new one is returned, to show once.
pub async fn change_password(
    state: &AppState,
    me: &Current,
    current_password: &str,
    new_password: &str,
    new_recovery_key: bool,
) -> Result<Option<RecoveryKey>, AppError> {
    let rule = "doesn't match. Please type your current password.";
    check_password(
        me,
        current_password,
        kintsugi_domain::fields::CURRENT_PASSWORD,
        rule,
    )
    .await?;
    let password = NewPassword::parse(new_password, &[&me.user.username, &me.user.display_name])?;
    let data_key = me.data_key()?;
    let recovery = new_recovery_key.then(RecoveryKey::generate);
    let wrap = recovery
        .as_ref()
        .map(|r| Some(r.key().wrap(&data_key, purpose::RECOVERY)));
    let (keys, _) = password_keys(password, data_key).await?;
    let rekey = Rekey {
        expected_hash: Some(me.user.password_hash.clone()),
        ..keys.into_rekey(wrap, Ending::AllBut(me.session.id))
    };
    state.store.rekey_user(me.user.id, rekey).await?;
    tracing::info!(user = %me.user.id, new_recovery_key, "password changed");
    Ok(recovery)
}

/// Ends every session of the person and, with `new_recovery_key`, replaces the recovery key in
/// the same change and returns the new one (then this session stays, to show it once, and
/// the page that shows it signs out here too).
pub async fn end_every_session(
    state: &AppState,
    me: &Current,
    new_recovery_key: bool,
) -> Result<Option<RecoveryKey>, AppError> {
    let recovery = new_recovery_key.then(RecoveryKey::generate);
    let wrap = match &recovery {
        Some(r) => Some(Some(r.key().wrap(&me.data_key()?, purpose::RECOVERY))),
        None => None,
    };
    // The password stays as it is: only the sessions and, if asked, the recovery copy change.
    let same = Rekey {
        password_hash: me.user.password_hash.clone(),
        kek_salt: me.user.kek_salt.clone(),
        password_wrap: me.user.password_wrap.clone(),
        recovery_wrap: wrap,
        sessions: match recovery {
            Some(_) => Ending::AllBut(me.session.id),
            None => Ending::All,
        },
        notice: None,
        // Only while the password is still the one this session knows.
        expected_hash: Some(me.user.password_hash.clone()),
    };
    state.store.rekey_user(me.user.id, same).await?;
    Ok(recovery)
}

/// Makes a new recovery key (the old one stops working) and returns it to show once.
pub async fn new_recovery_key(state: &AppState, me: &Current) -> Result<RecoveryKey, AppError> {
    let recovery = RecoveryKey::generate();
    let wrap = recovery.key().wrap(&me.data_key()?, purpose::RECOVERY);
    state
        .store
        .set_recovery_wrap(me.user.id, Some(wrap))
        .await?;
    Ok(recovery)
}

/// What an administrator's reset cannot do, said before anyone confirms it.
pub const RESET_WARNING: &str = "Resetting a password without the person's recovery key gives them a new, empty key. \
Everything they wrote privately, and what their partner shared with them, stays sealed with the old key and \
cannot be recovered by anyone. If they are in a couple, the couple ends, and their partner is told the next time \
they open Kintsugi. If they still have their recovery key, they should use \"Forgot your password?\" \
instead and keep everything.";

/// An administrator's password reset: a new data key, so earlier private writing stays sealed.
pub async fn admin_reset_password(
    state: &AppState,
    username: &str,
    new_password: &str,
) -> Result<(), AppError> {
    let username = Username::parse(username)?;
    let Some(user) = state.store.user_by_username(username.as_str()).await? else {
        return Err(AppError::NotFound(
            "There is no account with that username.",
        ));
    };
    let password = NewPassword::parse(new_password, &[&user.username, &user.display_name])?;
    let (keys, _) = password_keys(password, Key::generate()).await?;
    // One transaction: new keys, no sessions, no couple-key wraps (sealed for the old key), the
    // couple ended and the partner told.
    state
        .store
        .reset_user(user.id, keys.into_rekey(Some(None), Ending::All), now())
        .await?;
    tracing::info!(user = %user.id, "password reset by an administrator");
    Ok(())
}

/// Deletes the person's account after checking their password: their records, sessions, keys
/// and notices go in one change, decided against the password hash it read (a password
/// changed in the meantime wins: 409). The partner is told.
pub async fn delete_account(
    state: &AppState,
    me: &Current,
    password: &str,
) -> Result<(), AppError> {
    let rule = "doesn't match. Please type your password to delete your account.";
    check_password(me, password, kintsugi_domain::fields::PASSWORD, rule).await?;
    let now = kintsugi_app::now();
    state
        .store
        .delete_user(me.user.id, &me.user.password_hash, now)
        .await?;
    tracing::info!("an account was deleted");
    Ok(())
}

/// A person as the application sees them, opened with their password or (with `recovery`)
/// their recovery key, for what the command line does on their behalf (an export). One answer
/// for any mismatch, as at sign-in.
pub async fn actor_from_secret(
    state: &AppState,
    username: &str,
    secret: &str,
    recovery: bool,
) -> Result<kintsugi_app::Actor, AppError> {
    let user = state.store.user_by_username(username).await?;
    let Some(user) = user else {
        return Err(AppError::BadCredentials);
    };
    let given = secret.to_string();
    let (hash, salt, wrap, recovery_wrap) = (
        user.password_hash.clone(),
        user.kek_salt.clone(),
        user.password_wrap.clone(),
        user.recovery_wrap.clone(),
    );
    let key = blocking(move || match recovery {
        true => kintsugi_vault::RecoveryKey::parse(&given).and_then(|k| {
            let wrap = recovery_wrap?;
            k.key().unwrap_key(&wrap, purpose::RECOVERY).ok()
        }),
        false => kintsugi_vault::verify_password(&given, Some(&hash))
            .then(|| Key::from_password(&given, &salt).ok())
            .flatten()
            .and_then(|kek| kek.unwrap_key(&wrap, purpose::PASSWORD).ok()),
    })
    .await?;
    let key = key.ok_or(AppError::BadCredentials)?;
    let couple = state.store.active_couple(user.id).await?;
    let zone = kintsugi_domain::Zone::or_utc(&user.preferences.time_zone);
    Ok(kintsugi_app::Actor::new(
        state.store.clone(),
        user.id,
        user.display_name,
        couple,
        zone,
        key,
    ))
}
