//! Accounts and sessions: the domain code both the HTML pages and the JSON API call.
//!
//! Password hashing and key derivation are slow by design; they run on the blocking pool.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use kintsugi_domain::{
    DisplayName, InvalidInput, NewPassword, SessionId, UserId, Username, Viewer, Zone,
};
use kintsugi_store::{Couple, Ending, NewUser, Rekey, Session, User};
use kintsugi_vault::{Key, RecoveryKey, Token, purpose};
use serde::Deserialize;

pub use crate::clients::{Client, UserAgent, device_name};

use crate::{AppError, AppState, now};

mod keys;
pub use keys::{
    RESET_WARNING, actor_from_secret, admin_reset_password, change_password, delete_account,
    end_every_session, new_recovery_key, recover,
};

/// The cookie that carries the session token.
pub const SESSION_COOKIE: &str = "kintsugi_session";
/// How long a session lasts.
pub const SESSION_SECONDS: i64 = 30 * 24 * 3600;

/// Runs slow, CPU-bound work (argon2) off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        tracing::error!(error = %e, "blocking task failed");
        AppError::Internal
    })
}

/// What sign-up hands back: the session token and the recovery key, shown once.
pub struct SignedUp {
    /// The normalized username.
    pub username: String,
    /// The display name as stored.
    pub display_name: String,
    /// The new session, when one was asked for.
    pub token: Option<Token>,
    /// The recovery key to write down.
    pub recovery: RecoveryKey,
}

/// Key material for a password: its hash, the salt of its key, and the data key wrapped by it.
struct PasswordKeys {
    hash: String,
    salt: Vec<u8>,
    wrap: Vec<u8>,
}

impl PasswordKeys {
    /// The store's update for these keys; `recovery_wrap` as in [`Rekey`].
    fn into_rekey(self, recovery_wrap: Option<Option<Vec<u8>>>, sessions: Ending) -> Rekey {
        Rekey {
            password_hash: self.hash,
            kek_salt: self.salt,
            password_wrap: self.wrap,
            recovery_wrap,
            sessions,
            notice: None,
            expected_hash: None,
        }
    }
}

async fn password_keys(
    password: NewPassword,
    data_key: Key,
) -> Result<(PasswordKeys, Key), AppError> {
    blocking(move || {
        let salt = kintsugi_vault::random_bytes::<16>().to_vec();
        let hash = kintsugi_vault::hash_password(password.expose());
        let kek = Key::from_password(password.expose(), &salt)?;
        let wrap = kek.wrap(&data_key, purpose::PASSWORD);
        Ok::<_, kintsugi_vault::VaultError>((PasswordKeys { hash, salt, wrap }, data_key))
    })
    .await?
    .map_err(AppError::from)
}

/// A new account.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"username": "alex", "display_name": "Alex", "password": "river lantern quietly ninety", "time_zone": "Europe/London"}))]
pub struct NewAccount {
    /// 3–32 characters: letters a–z, digits, dots, dashes, underscores.
    pub username: String,
    /// The name your partner sees.
    pub display_name: String,
    /// At least 10 characters and hard to guess.
    pub password: String,
    /// Your time zone, an IANA name such as `Europe/Paris` (default `UTC`); times you type are
    /// read in it and every moment is shown in it. You can change it later.
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// Creates an account; with `client`, also signs it in on that kind of client.
pub async fn sign_up(
    state: &AppState,
    new: &NewAccount,
    client: Option<&Client>,
) -> Result<SignedUp, AppError> {
    let username = Username::parse(&new.username)?;
    let display_name = DisplayName::parse(&new.display_name)?;
    let password = NewPassword::parse(&new.password, &[username.as_str(), display_name.as_str()])?;
    let zone = match new.time_zone.as_deref() {
        Some(name) => Zone::parse(name)?,
        None => Zone::utc(),
    };
    if state
        .store
        .user_by_username(username.as_str())
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(
            "That username is taken. Please choose another.".into(),
        ));
    }
    let (keys, data_key) = password_keys(password, Key::generate()).await?;
    let recovery = RecoveryKey::generate();
    let id = UserId::new();
    state
        .store
        .create_user(NewUser {
            id,
            username: username.as_str().to_string(),
            display_name: display_name.as_str().to_string(),
            password_hash: keys.hash,
            kek_salt: keys.salt,
            password_wrap: keys.wrap,
            recovery_wrap: recovery.key().wrap(&data_key, purpose::RECOVERY),
            time_zone: zone.name().to_string(),
            created_at: now(),
            locker: kintsugi_app::locker::seal(&data_key, id, &Default::default())
                .unwrap_or_default(),
        })
        .await?;
    let token = match client {
        Some(client) => Some(start_session(state, id, &data_key, client).await?),
        None => None,
    };
    tracing::info!(user = %id, "account created");
    Ok(SignedUp {
        username: username.as_str().to_string(),
        display_name: display_name.as_str().to_string(),
        token,
        recovery,
    })
}

async fn start_session(
    state: &AppState,
    user: UserId,
    data_key: &Key,
    client: &Client,
) -> Result<Token, AppError> {
    let token = Token::generate();
    let t = now();
    state
        .store
        .create_session(Session {
            id: SessionId::new(),
            user_id: user,
            token_hash: token.lookup_hash(),
            key_wrap: token.session_key().wrap(data_key, purpose::SESSION),
            client: client.kind.to_string(),
            device: client.device.clone(),
            last_used_at: t,
            created_at: t,
            expires_at: t + SESSION_SECONDS,
        })
        .await?;
    Ok(token)
}

/// Signs in with username and password; the error never says which part was wrong, and an
/// unknown username costs the same time as a known one.
pub async fn sign_in(
    state: &AppState,
    username: &str,
    password: &str,
    client: &Client,
) -> Result<Token, AppError> {
    let user = match Username::parse(username) {
        Ok(u) => state.store.user_by_username(u.as_str()).await?,
        Err(_) => None,
    };
    let password = password.to_string();
    let stored = user.as_ref().map(|u| {
        (
            u.password_hash.clone(),
            u.kek_salt.clone(),
            u.password_wrap.clone(),
        )
    });
    let data_key = blocking(move || {
        let ok = kintsugi_vault::verify_password(&password, stored.as_ref().map(|s| s.0.as_str()));
        match (ok, stored) {
            (true, Some((_, salt, wrap))) => Key::from_password(&password, &salt)
                .and_then(|kek| kek.unwrap_key(&wrap, purpose::PASSWORD))
                .ok(),
            _ => None,
        }
    })
    .await?;
    match (user, data_key) {
        (Some(user), Some(key)) if !user.disabled => {
            let token = start_session(state, user.id, &key, client).await?;
            tracing::info!(user = %user.id, "signed in");
            Ok(token)
        }
        _ => Err(AppError::BadCredentials),
    }
}

/// The signed-in person, their session and the token that can open their data key.
pub struct Current {
    /// The account.
    pub user: User,
    /// The session.
    pub session: Session,
    /// The couple they were in when the request arrived.
    pub couple: Option<Couple>,
    /// The token (secret; never logged).
    pub token: Token,
}

impl Current {
    /// The data key, unwrapped with the session's secret.
    pub fn data_key(&self) -> Result<Key, AppError> {
        Ok(self
            .token
            .session_key()
            .unwrap_key(&self.session.key_wrap, purpose::SESSION)?)
    }

    /// The person as the application layer sees them, with their data key opened.
    pub fn actor(&self, state: &AppState) -> Result<kintsugi_app::Actor, AppError> {
        Ok(kintsugi_app::Actor::new(
            state.store.clone(),
            self.user.id,
            self.user.display_name.clone(),
            self.couple.clone(),
            self.zone(),
            self.data_key()?,
        )
        .in_session(self.session.id))
    }

    /// Their time zone (UTC if the stored name is no longer known).
    pub fn zone(&self) -> kintsugi_domain::Zone {
        kintsugi_domain::Zone::or_utc(&self.user.preferences.time_zone)
    }

    /// A moment as this person reads it, in their time zone.
    pub fn stamp(&self, at: i64) -> kintsugi_app::Stamp {
        kintsugi_app::Stamp::new(at, &self.zone())
    }

    /// Who is asking, for the authorization rule.
    pub fn viewer(&self) -> Viewer {
        Viewer {
            user: self.user.id,
            couple: self.couple.as_ref().map(|c| c.id),
        }
    }
}

fn token_from(parts: &Parts) -> Option<Token> {
    if let Some(h) = parts.headers.get(axum::http::header::AUTHORIZATION)
        && let Ok(v) = h.to_str()
        && let Some(t) = v.strip_prefix("Bearer ")
    {
        return Some(Token::from_client(t.trim()));
    }
    CookieJar::from_headers(&parts.headers)
        .get(SESSION_COOKIE)
        .map(|c| Token::from_client(c.value()))
}

/// Resolves the session of a request, if it has a live one.
pub async fn current(state: &AppState, parts: &Parts) -> Result<Option<Current>, AppError> {
    let Some(token) = token_from(parts) else {
        return Ok(None);
    };
    let Some(found) = state
        .store
        .authenticate(&token.lookup_hash(), now())
        .await?
    else {
        return Ok(None);
    };
    let t = now();
    let current = Current {
        user: found.user,
        session: found.session,
        couple: found.couple,
        token,
    };
    if current.session.last_used_at + 600 < t {
        // When it was last used, for the person's own list of sessions, and their locker
        // sealed afresh (so a locker changes with use, whatever it holds); a failure here
        // only leaves that time a little older.
        let was = current.user.locker.clone();
        let locker = current.data_key().ok().and_then(|key| {
            let now = kintsugi_app::locker::reseal(&key, current.user.id, was.as_deref())?;
            Some(kintsugi_store::LockerSwap { was, now })
        });
        let _ = state
            .store
            .touch_session(current.session.id, t, locker)
            .await;
    }
    Ok(Some(current))
}

impl FromRequestParts<AppState> for Current {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        current(state, parts).await?.ok_or(AppError::Unauthorized)
    }
}

/// A session that may or may not be there (for pages that serve both).
pub struct MaybeCurrent(pub Option<Current>);

impl FromRequestParts<AppState> for MaybeCurrent {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        Ok(MaybeCurrent(current(state, parts).await?))
    }
}

/// Everything wrong with a sign-up at once (an empty form names all three fields).
pub fn sign_up_problems(new: &NewAccount) -> Vec<InvalidInput> {
    let (username, display_name) = (new.username.as_str(), new.display_name.as_str());
    [
        Username::parse(username).err(),
        DisplayName::parse(display_name).err(),
        NewPassword::parse(&new.password, &[username, display_name]).err(),
        new.time_zone.as_deref().and_then(|z| Zone::parse(z).err()),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Saves what the person chose for their account; `time_zone` is checked first.
pub async fn set_preferences(
    state: &AppState,
    me: &Current,
    quick_exit_ends_session: bool,
    time_zone: &str,
) -> Result<Zone, AppError> {
    let zone = Zone::parse(time_zone)?;
    let prefs = kintsugi_store::Preferences {
        quick_exit_ends_session,
        time_zone: zone.name().to_string(),
    };
    state.store.set_preferences(me.user.id, &prefs).await?;
    Ok(zone)
}

/// Disables or re-enables an account by username; disabling ends its sessions.
pub async fn set_disabled(
    state: &AppState,
    username: &str,
    disabled: bool,
) -> Result<(), AppError> {
    let username = Username::parse(username)?;
    let Some(user) = state.store.user_by_username(username.as_str()).await? else {
        return Err(AppError::NotFound(
            "There is no account with that username.",
        ));
    };
    state.store.set_disabled(user.id, disabled).await?;
    Ok(())
}
