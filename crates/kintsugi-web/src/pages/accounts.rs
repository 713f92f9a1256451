//! Sign-up, sign-in, recovery, sign-out, and the Account page.

use askama::Template;
use axum::Router;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;

use crate::accounts::{self, MaybeCurrent, SESSION_COOKIE, SESSION_SECONDS};
use crate::kit::*;
use crate::limits;
use crate::{AppError, AppState};

fn session_cookie(state: &AppState, token: &kintsugi_vault::Token) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token.expose().to_string()))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .path("/")
        .max_age(time::Duration::seconds(SESSION_SECONDS))
        .build()
}

pub(crate) fn cleared_cookie() -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .removal()
        .build()
}

#[derive(Template)]
#[template(path = "signup.html")]
struct SignUpPage {
    nav: Nav,
    errors: FieldErrors,
    general: Option<String>,
    username: String,
    display_name: String,
    time_zone: String,
    zones: Vec<String>,
    /// Where to go once the recovery key is written down (an invite link, say).
    next: String,
}

impl SignUpPage {
    /// Whether the person came from an invite link.
    fn invited(&self) -> bool {
        invited(&self.next)
    }

    /// The form, refilled with what was typed (never the password).
    fn new(
        state: &AppState,
        form: SignUpForm,
        errors: FieldErrors,
        general: Option<String>,
    ) -> Self {
        SignUpPage {
            nav: Nav::new(state, None, "signup"),
            errors,
            general,
            username: form.account.username,
            display_name: form.account.display_name,
            // Nothing chosen yet: the list asks (the browser's zone is suggested by app.js).
            time_zone: form.account.time_zone.unwrap_or_default(),
            zones: kintsugi_domain::Zone::names(),
            next: local_path(&form.next).to_string(),
        }
    }
}

#[derive(Deserialize)]
struct SignUpForm {
    #[serde(flatten)]
    account: accounts::NewAccount,
    #[serde(default)]
    next: String,
}

/// Where the person was going: the address's `next` when a page gave one, else what the
/// sign-in redirect kept in its cookie.
fn going(q: &Notice, jar: &CookieJar) -> String {
    match q.next.is_empty() {
        true => next_of(jar),
        false => local_path(&q.next).to_string(),
    }
}

async fn signup_page(
    State(state): State<AppState>,
    Query(q): Query<Notice>,
    jar: CookieJar,
) -> Response {
    let form = SignUpForm {
        account: accounts::NewAccount::default(),
        next: going(&q, &jar),
    };
    let page = SignUpPage::new(&state, form, FieldErrors::default(), None);
    render(StatusCode::OK, &page)
}

async fn signup(
    State(state): State<AppState>,
    MaybeCurrent(me): MaybeCurrent,
    accounts::UserAgent(ua): accounts::UserAgent,
    jar: CookieJar,
    HtmlForm(form): HtmlForm<SignUpForm>,
) -> Response {
    // The recovery-key page reloaded: the form comes again from the account it just made.
    if let Some(me) = &me
        && kintsugi_domain::Username::parse(&form.account.username)
            .is_ok_and(|u| u.as_str() == me.user.username)
    {
        return message(
            &state,
            Some(me),
            StatusCode::OK,
            "Your recovery key was shown once",
            "It was on the page when you created your account, and it isn't kept anywhere to \
             show again. If you didn't write it down, make a new one in Account: the old one \
             then stops working.",
        );
    }
    // Every problem at once (an empty form names all three fields), not one per try.
    let problems = accounts::sign_up_problems(&form.account);
    if problems.len() > 1 {
        let page = SignUpPage::new(&state, form, FieldErrors::all(&problems), None);
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let client = accounts::Client::new("browser", ua.as_deref());
    let result = accounts::sign_up(&state, &form.account, Some(&client)).await;
    match result {
        Ok(signed) => {
            let Some(token) = &signed.token else {
                return AppError::Internal.into_response();
            };
            // The key's page, by a redirect (Back never sends the form again); the way on to
            // where the person was going (an invite) in its cookie.
            let jar = jar.add(session_cookie(&state, token));
            let jar = match local_path(&form.next) {
                "/" => jar,
                next => jar.add(next_cookie(&state, next)),
            };
            let key = signed.recovery.expose().to_string();
            super::recovery_key::show_once(
                &state,
                jar,
                token,
                super::recovery_key::Made::SignUp,
                &key,
            )
        }
        Err(e) => {
            let (errors, general) = split(&e);
            render(e.status(), &SignUpPage::new(&state, form, errors, general))
        }
    }
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    nav: Nav,
    general: Option<String>,
    notice: Option<&'static str>,
    username: String,
    next: String,
}

/// Whether a person is on their way to accept an invite (its link brought them here).
fn invited(next: &str) -> bool {
    next.starts_with("/couple/join")
}

impl SignInPage {
    /// Whether the person came from an invite link.
    fn invited(&self) -> bool {
        invited(&self.next)
    }

    /// The link to sign up instead, keeping where the person was going.
    fn signup_href(&self) -> String {
        // Where the person was going stays in its cookie, not in the address.
        "/signup".to_string()
    }
}

#[derive(Deserialize)]
struct SignInForm {
    username: String,
    password: String,
    #[serde(default)]
    next: String,
}

#[derive(Deserialize)]
struct Notice {
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    next: String,
}

async fn signin_page(
    State(state): State<AppState>,
    Query(q): Query<Notice>,
    jar: CookieJar,
) -> Response {
    let notice = match q.done.as_deref() {
        Some("signed-out") => Some("You're signed out. Take care."),
        Some("everywhere") => Some("You're signed out everywhere."),
        Some("deleted") => Some("Your account and everything you wrote are deleted. Take care."),
        _ => None,
    };
    render(
        StatusCode::OK,
        &SignInPage {
            nav: Nav::new(&state, None, "signin"),
            general: None,
            notice,
            username: String::new(),
            next: going(&q, &jar),
        },
    )
}

async fn signin(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    accounts::UserAgent(ua): accounts::UserAgent,
    MaybeCurrent(previous): MaybeCurrent,
    jar: CookieJar,
    HtmlForm(form): HtmlForm<SignInForm>,
) -> Response {
    let client = accounts::Client::new("browser", ua.as_deref());
    let attempt = state.limits.sign_in(
        addr.ip(),
        &form.username,
        accounts::sign_in(&state, &form.username, &form.password, &client),
    );
    match attempt.await {
        Ok(token) => {
            // Rotate: the session a browser had before signing in ends.
            if let Some(p) = previous {
                let _ = state.store.delete_session(p.user.id, p.session.id).await;
            }
            let to = Redirect::to(local_path(&form.next));
            let jar = jar.add(session_cookie(&state, &token)).add(next_cleared());
            (jar, to).into_response()
        }
        Err(e) => render(
            e.status(),
            &SignInPage {
                nav: Nav::new(&state, None, "signin"),
                general: Some(e.to_string()),
                notice: None,
                username: form.username,
                next: local_path(&form.next).to_string(),
            },
        ),
    }
}

async fn signout(
    State(state): State<AppState>,
    MaybeCurrent(me): MaybeCurrent,
    jar: CookieJar,
) -> Response {
    if let Some(me) = me
        && let Err(e) = state.store.delete_session(me.user.id, me.session.id).await
    {
        return AppError::from(e).into_response();
    }
    (
        jar.remove(cleared_cookie()),
        Redirect::to("/signin?done=signed-out"),
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "recover.html")]
struct RecoverPage {
    nav: Nav,
    errors: FieldErrors,
    general: Option<String>,
    username: String,
}

#[derive(Deserialize)]
struct RecoverForm {
    username: String,
    recovery_key: String,
    password: String,
}

async fn recover_page(State(state): State<AppState>) -> Response {
    render(
        StatusCode::OK,
        &RecoverPage {
            nav: Nav::new(&state, None, "recover"),
            errors: FieldErrors::default(),
            general: None,
            username: String::new(),
        },
    )
}

async fn recover(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    accounts::UserAgent(ua): accounts::UserAgent,
    jar: CookieJar,
    HtmlForm(form): HtmlForm<RecoverForm>,
) -> Response {
    let client = accounts::Client::new("browser", ua.as_deref());
    let attempt = state.limits.sign_in(
        addr.ip(),
        &form.username,
        accounts::recover(
            &state,
            &form.username,
            &form.recovery_key,
            &form.password,
            &client,
        ),
    );
    match attempt.await {
        Ok(token) => (jar.add(session_cookie(&state, &token)), Redirect::to("/")).into_response(),
        Err(e) => {
            let (errors, general) = split(&e);
            render(
                e.status(),
                &RecoverPage {
                    nav: Nav::new(&state, None, "recover"),
                    errors,
                    general,
                    username: form.username,
                },
            )
        }
    }
}

/// The routes of these pages.
pub(crate) fn routes(state: &AppState) -> Router<AppState> {
    let limited = axum::middleware::from_fn_with_state(state.clone(), limits::sign_ups);
    Router::new()
        .route(
            "/signup",
            get(signup_page).merge(post(signup).layer(limited)),
        )
        .route("/signin", get(signin_page).post(signin))
        .route("/signout", post(signout))
        .route("/recover", get(recover_page).post(recover))
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_paths_on_this_site_are_followed_after_signing_in() {
        assert_eq!(local_path("/talks/123?done=x"), "/talks/123?done=x");
        for elsewhere in [
            "",
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "/\\/evil.example",
            "javascript:alert(1)",
            "/a\nb",
        ] {
            assert_eq!(local_path(elsewhere), "/", "{elsewhere:?}");
        }
    }
}
