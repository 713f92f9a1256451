//! A recovery key, shown once: after sign-up, or when a person makes a new one in Account. The
//! form that made it answers with a redirect (so Back never asks to send it again), carrying
//! the key to this page in a cookie sealed with the session's own secret: only that browser's
//! session opens it, the server keeps nothing, and the page removes it as it shows the key.
//! Shown again (a reload, Back), the page says it was shown once.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use kintsugi_vault::Token;

use crate::AppState;
use crate::kit::{Me, Nav, message, next_cleared, next_of, render};

/// The cookie that carries a key to its page.
const CARRIED: &str = "kintsugi_shown_once";
/// What the sealed key is for (bound into its seal).
const PURPOSE: &str = "recovery key shown once";
/// Where it is shown.
const PATH: &str = "/recovery-key";

/// Why the key was made: the words its page opens with, and where it goes next.
#[derive(Clone, Copy)]
pub(super) enum Made {
    /// At sign-up.
    SignUp,
    /// A new one, in Account.
    New,
    /// With a new password.
    Password,
    /// On signing out everywhere (then the page signs out here too).
    Everywhere,
}

impl Made {
    fn tag(self) -> &'static str {
        match self {
            Made::SignUp => "sign-up",
            Made::New => "new",
            Made::Password => "password",
            Made::Everywhere => "everywhere",
        }
    }
}

#[derive(Template)]
#[template(path = "recovery_key.html")]
struct RecoveryKeyPage {
    nav: Nav,
    heading: &'static str,
    key: String,
    next: String,
    /// Whether the page's button signs out here (after signing out everywhere else).
    sign_out: bool,
}

/// The redirect that answers the form which made `key` for the session `token`.
pub(super) fn show_once(
    state: &AppState,
    jar: CookieJar,
    token: &Token,
    made: Made,
    key: &str,
) -> Response {
    let sealed = token.seal_for_client(PURPOSE, &format!("{}\n{key}", made.tag()));
    let carried = Cookie::build((CARRIED, sealed))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.config.secure_cookies)
        .path(PATH)
        .max_age(time::Duration::minutes(10))
        .build();
    (jar.add(carried), Redirect::to(PATH)).into_response()
}

async fn page(State(state): State<AppState>, Me(me): Me, jar: CookieJar) -> Response {
    let opened = jar
        .get(CARRIED)
        .and_then(|c| me.token.open_from_client(PURPOSE, c.value()));
    let Some((made, key)) = opened.as_deref().and_then(|o| o.split_once('\n')) else {
        return message(
            &state,
            Some(&me),
            StatusCode::OK,
            "Your recovery key was shown once",
            "It was on the page when it was made, and it isn't kept anywhere to show again. If \
             you didn't write it down, make a new one in Account: the old one then stops working.",
        );
    };
    let gone = Cookie::build((CARRIED, "")).path(PATH).removal().build();
    let account = || Nav::new(&state, Some(&me), "account");
    let (heading, next, nav) = match made {
        "sign-up" => (
            "Welcome. One important thing first.",
            next_of(&jar),
            Nav::new(&state, None, ""),
        ),
        "password" => (
            "Your password is changed. Here is your new recovery key",
            "/account?done=password".to_string(),
            account(),
        ),
        "everywhere" => (
            "Signed out everywhere else. Here is your new recovery key",
            String::new(),
            account(),
        ),
        _ => ("Your new recovery key", "/account".to_string(), account()),
    };
    let page = RecoveryKeyPage {
        nav,
        heading,
        key: key.to_string(),
        sign_out: made == "everywhere",
        next,
    };
    let jar = jar.add(gone).add(next_cleared());
    (jar, render(StatusCode::OK, &page)).into_response()
}

/// The page's route.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route(PATH, get(page))
}
