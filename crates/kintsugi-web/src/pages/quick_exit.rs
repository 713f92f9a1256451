//! Quick exit: leaving at once for a neutral page, and signing this device out on the way
//! unless the person chose to keep the session (a setting in Account). With JavaScript,
//! `exit.js` sends any page Back or history shows again to the neutral page. Without it, the
//! link comes here and leaves a marker cookie: for five minutes every page of this site sends
//! the browser on to the neutral page (Account says so).

use axum::Router;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use axum::extract::Request;
use axum::middleware::Next;
use axum_extra::extract::cookie::{Cookie, SameSite};

use super::accounts::cleared_cookie;
use crate::accounts::MaybeCurrent;
use crate::kit::{HtmlForm, Me, next_cleared};
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
    headers: axum::http::HeaderMap,
    jar: CookieJar,
) -> Response {
    // Only this site's own button or link signs out or marks the browser: a link from another
    // site (which the browser says is cross-site) just leaves, so no page elsewhere can sign a
    // person out or lock Kintsugi's pages.
    let from_elsewhere = headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site");
    if from_elsewhere {
        return Redirect::to(&state.config.quick_exit_url).into_response();
    }
    // Where the person was going (kept while they sign in) is forgotten too.
    let mut jar = jar.add(next_cleared());
    if let Some(me) = me.filter(|m| m.user.preferences.quick_exit_ends_session) {
        if let Err(e) = state.store.delete_session(me.user.id, me.session.id).await {
            return AppError::from(e).into_response();
        }
        jar = jar.remove(cleared_cookie());
    }
    if method == Method::POST {
        (jar, StatusCode::NO_CONTENT).into_response()
    } else {
        let marker = Cookie::build((EXITED_COOKIE, "1"))
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(state.config.secure_cookies)
            .path("/")
            .max_age(time::Duration::seconds(EXITED_SECONDS))
            .build();
        let to = Redirect::to(&state.config.quick_exit_url);
        (jar.add(marker), to).into_response()
    }
}

/// The marker a quick exit without JavaScript leaves.
const EXITED_COOKIE: &str = "kintsugi_exited";
/// How long after such an exit every page sends the browser on to the neutral page.
pub(crate) const EXITED_SECONDS: i64 = 300;

/// After a quick exit without JavaScript, a page the browser asks for again (by Back or
/// history) is the neutral page, not Kintsugi.
pub(crate) async fn after_exit(
    State(state): State<AppState>,
    jar: CookieJar,
    req: Request,
    next: Next,
) -> Response {
    let page = req.method() == Method::GET && req.uri().path() != "/quick-exit";
    if page && jar.get(EXITED_COOKIE).is_some() {
        return Redirect::to(&state.config.quick_exit_url).into_response();
    }
    next.run(req).await
}

/// The routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/account/quick-exit", post(quick_exit_setting))
        .route("/quick-exit", get(quick_exit).post(quick_exit))
}
