//! The Account page: you, your time zone, quick exit, password, recovery key, and where you're
//! signed in.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use kintsugi_domain::SessionId;
use serde::Deserialize;

use super::accounts::cleared_cookie;
use super::recovery_key::{Made, show_once};
use crate::accounts::{self, Current};
use crate::kit::*;
use crate::{AppError, AppState};

#[derive(Deserialize)]
struct Notice {
    #[serde(default)]
    done: Option<String>,
}

struct SessionView {
    id: String,
    /// "Firefox on Linux", or "A browser" / "An app (API token)" when unknown.
    name: String,
    since: String,
    used: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    nav: Nav,
    username: String,
    exit_ends_session: bool,
    time_zone: String,
    zones: Vec<String>,
    sessions: Vec<SessionView>,
    errors: FieldErrors,
    general: Option<String>,
    notice: Option<&'static str>,
}

async fn account_page(
    state: &AppState,
    me: &Current,
    status: StatusCode,
    err: Option<AppError>,
    notice: Option<&'static str>,
) -> Result<Response, AppError> {
    let sessions = state
        .store
        .sessions_of(me.user.id, crate::now())
        .await?
        .into_iter()
        .map(|s| SessionView {
            id: s.id.to_string(),
            name: match (s.device.is_empty(), s.client == "api") {
                (false, true) => format!("{} (API token)", s.device),
                (false, false) => s.device.clone(),
                (true, true) => "An app (API token)".to_string(),
                (true, false) => "A browser".to_string(),
            },
            since: me.stamp(s.created_at).date_time(),
            used: me.stamp(s.last_used_at.max(s.created_at)).date_time(),
            current: s.id == me.session.id,
        })
        .collect();
    let (errors, general) = err.as_ref().map(split).unwrap_or_default();
    Ok(render(
        status,
        &AccountPage {
            nav: Nav::new(state, Some(me), "account"),
            username: me.user.username.clone(),
            exit_ends_session: me.user.preferences.quick_exit_ends_session,
            time_zone: me.zone().name().to_string(),
            zones: kintsugi_domain::Zone::names(),
            sessions,
            errors,
            general,
            notice,
        },
    ))
}

async fn account(
    Ctx { state, me, .. }: Ctx,
    Query(q): Query<Notice>,
) -> Result<Response, AppError> {
    let notice = match q.done.as_deref() {
        Some("password") => Some("Your password is changed. Other devices were signed out."),
        Some("session") => Some("That session is signed out."),
        Some("quick-exit") => Some("Saved. Quick exit works as you chose."),
        Some("time-zone") => Some("Saved. Times are now shown in your new time zone."),
        _ => None,
    };
    account_page(&state, &me, StatusCode::OK, None, notice).await
}

#[derive(Deserialize)]
struct TimeZoneForm {
    time_zone: String,
}

async fn change_time_zone(
    Ctx { state, me, .. }: Ctx,
    HtmlForm(form): HtmlForm<TimeZoneForm>,
) -> Result<Response, AppError> {
    let keep = me.user.preferences.quick_exit_ends_session;
    match accounts::set_preferences(&state, &me, keep, &form.time_zone).await {
        Ok(_) => Ok(Redirect::to("/account?done=time-zone").into_response()),
        Err(e) => account_page(&state, &me, e.status(), Some(e), None).await,
    }
}

#[derive(Deserialize)]
struct PasswordForm {
    current_password: String,
    new_password: String,
    /// "on" when the recovery key is to be replaced too (the box is ticked to begin with).
    #[serde(default)]
    new_recovery_key: Option<String>,
}

/// Whether a ticked box said yes ("on"); anything else is refused.
fn ticked(value: Option<&str>) -> Result<bool, AppError> {
    match value {
        None => Ok(false),
        Some("on") => Ok(true),
        Some(_) => Err(AppError::BadRequest(
            "That isn't one of the choices.".into(),
        )),
    }
}

async fn change_password(
    Ctx { state, me, .. }: Ctx,
    jar: axum_extra::extract::CookieJar,
    HtmlForm(form): HtmlForm<PasswordForm>,
) -> Result<Response, AppError> {
    let replace = ticked(form.new_recovery_key.as_deref())?;
    let changed = accounts::change_password(
        &state,
        &me,
        &form.current_password,
        &form.new_password,
        replace,
    )
    .await;
    match changed {
        Ok(Some(key)) => Ok(show_once(
            &state,
            jar,
            &me.token,
            Made::Password,
            key.expose(),
        )),
        Ok(None) => Ok(Redirect::to("/account?done=password").into_response()),
        Err(e) => account_page(&state, &me, e.status(), Some(e), None).await,
    }
}

async fn new_recovery_key(
    Ctx { state, me, .. }: Ctx,
    jar: axum_extra::extract::CookieJar,
) -> Result<Response, AppError> {
    let key = accounts::new_recovery_key(&state, &me).await?;
    Ok(show_once(&state, jar, &me.token, Made::New, key.expose()))
}

async fn end_session(
    Ctx { state, me, .. }: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let Ok(id) = uuid::Uuid::parse_str(&id) else {
        return Err(AppError::NotFound("We couldn't find that session."));
    };
    if !state
        .store
        .delete_session(me.user.id, SessionId(id))
        .await?
    {
        return Ok(message(
            &state,
            Some(&me),
            StatusCode::NOT_FOUND,
            "Not found",
            "We couldn't find that session. It may already be signed out.",
        ));
    }
    Ok(Redirect::to("/account?done=session").into_response())
}

#[derive(Deserialize)]
struct EverywhereForm {
    /// "on" when the recovery key is to be replaced too (the box is ticked to begin with).
    #[serde(default)]
    new_recovery_key: Option<String>,
}

async fn end_all(
    Ctx { state, me, .. }: Ctx,
    jar: CookieJar,
    HtmlForm(form): HtmlForm<EverywhereForm>,
) -> Result<Response, AppError> {
    let replace = ticked(form.new_recovery_key.as_deref())?;
    match accounts::end_every_session(&state, &me, replace).await? {
        // This session stays just long enough to show the new key; its page signs out here.
        Some(key) => Ok(show_once(
            &state,
            jar,
            &me.token,
            Made::Everywhere,
            key.expose(),
        )),
        None => Ok((
            jar.remove(cleared_cookie()),
            Redirect::to("/signin?done=everywhere"),
        )
            .into_response()),
    }
}

/// The routes of the Account page.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/account", get(account))
        .route("/account/password", post(change_password))
        .route("/account/time-zone", post(change_time_zone))
        .route("/account/recovery-key", post(new_recovery_key))
        .route("/account/sessions/{id}/end", post(end_session))
        .route("/account/sessions/end-all", post(end_all))
}
