//! Pairing: invites, joining and leaving. Shared by the pages and the JSON API.
//!
//! The couple key travels from inviter to partner inside the invite: wrapped by a key derived
//! from the code (argon2id), which the database never sees in the clear. The invite is found by
//! a keyed hash of the code (the server's lookup secret lives outside the database), and its row,
//! wrap included, is deleted when it is used, stopped, replaced or expires. The inviter's own
//! copy of the code is sealed with their data key, so only they can see it again.

use kintsugi_domain::CoupleId;
use kintsugi_store::{Couple, Invite, Joining};
use kintsugi_vault::{Key, purpose};

use crate::accounts::{Current, blocking};
use crate::{AppError, AppState, now};

/// How long an invite stays usable.
pub const INVITE_SECONDS: i64 = 48 * 3600;
/// Letters that cannot be mistaken for one another (no I, L, O, U, 0, 1).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTVWXYZ23456789";
const CODE_LEN: usize = 12;

/// A new invite, to show to the person who made it.
pub struct NewInvite {
    /// The code, grouped for reading aloud ("ABCD-EFGH-JKMN").
    pub code: String,
    /// When it stops working (unix seconds).
    pub expires_at: i64,
}

/// Normalizes a typed code: case, spaces and dashes do not matter.
pub fn normalize_code(typed: &str) -> Option<String> {
    let clean: String = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (clean.len() == CODE_LEN && clean.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(clean)
}

fn generate_code() -> String {
    let bytes = kintsugi_vault::random_bytes::<CODE_LEN>();
    // 256 is not a multiple of 30; the bias this leaves is negligible against a 48-hour,
    // single-use, rate-limited code of 12 symbols (about 58 bits).
    bytes
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char)
        .collect()
}

/// Groups a normalized code in fours.
pub fn display_code(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("-")
}

/// The couple the person is in now (read fresh, for pages shown right after a change).
pub async fn couple_of(state: &AppState, me: &Current) -> Result<Option<Couple>, AppError> {
    Ok(state.store.active_couple(me.user.id).await?)
}

/// Creates an invite; only someone not in a couple can invite.
pub async fn create_invite(state: &AppState, me: &Current) -> Result<NewInvite, AppError> {
    if me.couple.is_some() {
        return Err(AppError::Conflict(
            "You're already in a couple. A person can be in one couple at a time.".into(),
        ));
    }
    let data_key = me.data_key()?;
    let couple_key = Key::generate();
    let code = generate_code();
    let salt = kintsugi_vault::random_bytes::<16>().to_vec();
    let (code_wrap, couple_key) = {
        let (code, salt) = (code.clone(), salt.clone());
        blocking(move || {
            let k = Key::from_password(&code, &salt)?;
            Ok::<_, kintsugi_vault::VaultError>((k.wrap(&couple_key, purpose::INVITE), couple_key))
        })
        .await??
    };
    let t = now();
    let code_hash = state.config.lookup_key.hash(code.as_bytes());
    let code_sealed = kintsugi_vault::seal(&data_key, &code_binding(&code_hash, me), &code);
    state
        .store
        .create_invite(Invite {
            code_sealed: Some(code_sealed),
            code_hash,
            inviter: me.user.id,
            couple_id: CoupleId::new(),
            inviter_wrap: data_key.wrap(&couple_key, purpose::COUPLE),
            code_wrap,
            code_salt: salt,
            created_at: t,
            expires_at: t + INVITE_SECONDS,
        })
        .await?;
    tracing::info!(user = %me.user.id, "invite created");
    Ok(NewInvite {
        code: display_code(&code),
        expires_at: t + INVITE_SECONDS,
    })
}

/// What the inviter's sealed copy of a code is bound to: that invite, that person.
fn code_binding<'a>(code_hash: &'a [u8], me: &'a Current) -> kintsugi_vault::Binding<'a> {
    kintsugi_vault::Binding {
        record_id: code_hash,
        kind: "invite-code",
        owner: me.user.id.0.as_bytes(),
    }
}

/// The person's invite that can still be used, with its code (opened with their key), if any.
pub async fn pending_invite(state: &AppState, me: &Current) -> Result<Option<NewInvite>, AppError> {
    if me.couple.is_some() {
        return Ok(None);
    }
    let pending = state.store.pending_invites(me.user.id, now()).await?;
    let Some(inv) = pending.into_iter().next() else {
        return Ok(None);
    };
    let Some(sealed) = inv.code_sealed.as_deref() else {
        return Ok(None);
    };
    let key = me.data_key()?;
    let code = kintsugi_vault::open(&key, &code_binding(&inv.code_hash, me), sealed)
        .map_err(|_| AppError::Internal)?;
    Ok(Some(NewInvite {
        code: display_code(&code),
        expires_at: inv.expires_at,
    }))
}

/// Stops the person's unused invite codes; how many there were.
pub async fn revoke_invites(state: &AppState, me: &Current) -> Result<u64, AppError> {
    let n = state.store.revoke_invites(me.user.id).await?;
    tracing::info!(user = %me.user.id, count = n, "invites stopped");
    Ok(n)
}

/// The message for a code that is unknown, used or expired (one answer for all three).
pub const INVITE_GONE: &str = "That invite code isn't valid. It may have expired (codes last 48 hours) or been used already. Ask your partner for a new one.";

/// Joins the couple of the person who made the invite.
pub async fn join(state: &AppState, me: &Current, typed_code: &str) -> Result<Couple, AppError> {
    let Some(code) = normalize_code(typed_code) else {
        return Err(AppError::Invalid(kintsugi_domain::InvalidInput::Format {
            field: kintsugi_domain::fields::INVITE_CODE,
            rule: "is twelve letters and digits, like ABCD-EFGH-JKMN.",
        }));
    };
    let hash = state.config.lookup_key.hash(code.as_bytes());
    let Some(invite) = state.store.invite_by_code(&hash, now()).await? else {
        return Err(AppError::NotFound(INVITE_GONE));
    };
    if invite.inviter == me.user.id {
        return Err(AppError::Conflict(
            "This is your own invite. Share the code with your partner so they can join.".into(),
        ));
    }
    let data_key = me.data_key()?;
    let (salt, wrap) = (invite.code_salt.clone(), invite.code_wrap.clone());
    let couple_key =
        blocking(move || Key::from_password(&code, &salt)?.unwrap_key(&wrap, purpose::INVITE))
            .await??;
    state
        .store
        .accept_invite(Joining {
            code_hash: &hash,
            joiner: me.user.id,
            joiner_wrap: data_key.wrap(&couple_key, purpose::COUPLE),
            now: now(),
        })
        .await
        .map_err(|e| match e {
            kintsugi_store::StoreError::NotFound => AppError::NotFound(INVITE_GONE),
            other => other.into(),
        })?;
    tracing::info!(user = %me.user.id, "joined a couple");
    couple_of(state, me).await?.ok_or(AppError::Internal)
}

/// Leaves the couple. What was shared stays a read-only history both can read, unless the
/// person withdraws what they shared (`withdraw`, or later with [`withdraw`]): their words
/// go from the other's record, what both made stays.
pub async fn leave(state: &AppState, me: &Current, withdraw: bool) -> Result<(), AppError> {
    let actor = me.actor(state)?;
    kintsugi_app::history::leave(&actor, withdraw)
        .await
        .map_err(|e| match e {
            kintsugi_app::Error::Store(kintsugi_store::StoreError::NotFound) => {
                AppError::NotFound("You're not in a couple right now.")
            }
            other => other.into(),
        })?;
    tracing::info!(user = %me.user.id, withdraw, "left the couple");
    Ok(())
}

/// Withdraws what the person shared in a couple they are or were in (everything, or one item
/// and what they wrote under it); returns how many records.
pub async fn withdraw(
    state: &AppState,
    me: &Current,
    couple: CoupleId,
    only: Option<kintsugi_domain::RecordId>,
) -> Result<u64, AppError> {
    let actor = me.actor(state)?;
    let n = kintsugi_app::history::withdraw(&actor, couple, only)
        .await
        .map_err(|e| match e {
            kintsugi_app::Error::Store(kintsugi_store::StoreError::NotFound) => {
                AppError::NotFound("We couldn't find that couple among yours.")
            }
            other => other.into(),
        })?;
    tracing::info!(user = %me.user.id, items = n, "withdrew what they shared");
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_normalize_however_they_are_typed() {
        let code = generate_code();
        let shown = display_code(&code);
        assert_eq!(shown.len(), 14);
        assert_eq!(
            normalize_code(&shown.to_lowercase().replace('-', " ")),
            Some(code)
        );
        assert_eq!(normalize_code("ABCD-EFGH-JKM"), None);
        assert_eq!(
            normalize_code("ABCD-EFGH-JKM0"),
            None,
            "0 is not in the alphabet"
        );
    }
}
