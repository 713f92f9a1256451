//! Quick exit: leaving at once for a neutral page, and signing this device out on the way
//! unless the person chose to keep the session (a setting in Account).

use axum::Router;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::accounts::cleared_cookie;
use crate::accounts::MaybeCurrent;
use crate::kit::{HtmlForm, Me};
use crate::{AppError, AppState};

#[derive(Deserialize)]
struct QuickExitForm {
    #[serde(default)]
    ends_session: Option<String>,
}

async fn quick_exit_setting(
    State(state): State<AppState>,
    Me(me): Me,
    HtmlForm(form): HtmlForm<QuickExitForm>,
) -> Result<Response, AppError> {
    let ends_session = match form.ends_session.as_deref() {
        None => false,
        Some("on") => true,
        Some(_) => {
            return Err(AppError::BadRequest(
                "That isn't one of the choices.".into(),
            ));
        }
    };
    let zone = me.user.preferences.time_zone.clone();
    crate::accounts::set_preferences(&state, &me, ends_session, &zone).await?;
    Ok(Redirect::to("/account?done=quick-exit").into_response())
}

/// Quick exit: ends this session unless the person turned that off, then leaves for the neutral
/// page. The button and Esc send it as a beacon (POST) while the page is replaced; without
/// JavaScript the link itself comes here (GET).
async fn quick_exit(
    State(state): State<AppState>,
    MaybeCurrent(me): MaybeCurrent,
    method: Method,
    jar: CookieJar,
) -> Response {
    let mut jar = jar;
    if let Some(me) = me.filter(|m| m.user.preferences.quick_exit_ends_session) {
        if let Err(e) = state.store.delete_session(me.user.id, me.session.id).await {
            return AppError::from(e).into_response();
        }
        jar = jar.remove(cleared_cookie());
    }
    if method == Method::POST {
        (jar, StatusCode::NO_CONTENT).into_response()
    } else {
        (jar, Redirect::to(&state.config.quick_exit_url)).into_response()
    }
}

/// The routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/account/quick-exit", post(quick_exit_setting))
        .route("/quick-exit", get(quick_exit).post(quick_exit))
}
