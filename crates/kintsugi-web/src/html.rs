//! The HTML pages: server-rendered, working without JavaScript. Handlers only translate
//! between forms and the domain code in `accounts` and `couples`.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use kintsugi_coach::{Analysis, Kind};
use kintsugi_domain::SessionId;
use serde::Deserialize;

use crate::accounts::{self, Current, MaybeCurrent, SESSION_COOKIE, SESSION_SECONDS};
use crate::limits::Purpose;
use crate::{AppError, AppState, couples};

/// What every page's frame needs.
pub(crate) struct Nav {
    pub(crate) signed_in: bool,
    pub(crate) display_name: String,
    pub(crate) page: &'static str,
    pub(crate) quick_exit_url: String,
    /// Items on this page that could not be opened with the person's keys.
    pub(crate) unopened: usize,
}

impl Nav {
    pub(crate) fn new(state: &AppState, me: Option<&Current>, page: &'static str) -> Nav {
        Nav {
            signed_in: me.is_some(),
            display_name: me.map(|m| m.user.display_name.clone()).unwrap_or_default(),
            page,
            quick_exit_url: state.config.quick_exit_url.clone(),
            unopened: 0,
        }
    }

    /// The frame of a step's page: the actor's name, and how many items their reads could not
    /// open (said plainly on the page).
    pub(crate) fn for_actor(
        state: &AppState,
        actor: &kintsugi_app::Actor,
        page: &'static str,
    ) -> Nav {
        Nav {
            signed_in: true,
            display_name: actor.display_name.clone(),
            page,
            quick_exit_url: state.config.quick_exit_url.clone(),
            unopened: actor.unopened(),
        }
    }

    /// Notes how many items the actor's reads on this page could not open.
    pub(crate) fn noting(mut self, actor: &kintsugi_app::Actor) -> Nav {
        self.unopened = actor.unopened();
        self
    }
}

/// Errors shown next to their fields.
#[derive(Default)]
pub(crate) struct FieldErrors(pub(crate) Vec<(&'static str, String)>);

impl FieldErrors {
    /// The message for a field.
    pub(crate) fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Whether a field has an error.
    pub(crate) fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }
}

/// Splits an error into a field error (shown by its field) or a general message.
pub(crate) fn split(err: &AppError) -> (FieldErrors, Option<String>) {
    match err.field() {
        Some(field) => (FieldErrors(vec![(field, err.to_string())]), None),
        None => (FieldErrors::default(), Some(err.to_string())),
    }
}

pub(crate) fn render<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on our side.",
            )
                .into_response()
        }
    }
}

pub(crate) fn long_date(ts: i64) -> String {
    let fmt = time::macros::format_description!("[day padding:none] [month repr:long] [year]");
    time::OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| t.format(fmt).ok())
        .unwrap_or_default()
}

pub(crate) fn date_time(ts: i64) -> String {
    let fmt = time::macros::format_description!(
        "[day padding:none] [month repr:long] [year], [hour]:[minute] UTC"
    );
    time::OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| t.format(fmt).ok())
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    nav: Nav,
    heading: String,
    message: String,
    back: &'static str,
}

fn message(
    state: &AppState,
    me: Option<&Current>,
    status: StatusCode,
    heading: &str,
    msg: &str,
) -> Response {
    render(
        status,
        &MessagePage {
            nav: Nav::new(state, me, ""),
            heading: heading.to_string(),
            message: msg.to_string(),
            back: "/",
        },
    )
}

/// Turns the JSON error any layer or handler produced into a calm page, for everything a
/// browser visits (the API and probes keep their JSON).
pub(crate) async fn html_errors(
    State(state): State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = req.uri().path();
    let is_api = path.starts_with("/api/") || path == "/healthz" || path == "/readyz";
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_api || !is_json || !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let body = axum::body::to_bytes(res.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let text = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().map(str::to_string))
        .unwrap_or_else(|| {
            "Something went wrong. Nothing was changed; please try again.".to_string()
        });
    message(&state, None, status, "That didn't work", &text)
}

/// A signed-in person, for pages; signed-out visitors are sent to sign in.
pub(crate) struct Me(pub(crate) Current);

impl FromRequestParts<AppState> for Me {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match accounts::current(state, parts).await {
            Ok(Some(c)) => Ok(Me(c)),
            Ok(None) => Err(Redirect::to("/signin").into_response()),
            Err(e) => Err(message(
                state,
                None,
                e.status(),
                "Something went wrong",
                &e.to_string(),
            )),
        }
    }
}

/// A form body whose rejections become a clear page instead of a bare status.
pub(crate) struct HtmlForm<T>(pub(crate) T);

impl<T> FromRequest<AppState> for HtmlForm<T>
where
    Form<T>: FromRequest<AppState, Rejection = FormRejection>,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        match Form::<T>::from_request(req, state).await {
            Ok(Form(v)) => Ok(HtmlForm(v)),
            Err(rejection) => {
                let status = rejection.status();
                let msg = if status == StatusCode::PAYLOAD_TOO_LARGE {
                    "That was more text than this form accepts. Please shorten it and try again."
                } else {
                    "The form arrived incomplete or unreadable, so nothing was changed. Please go back and try again."
                };
                Err(message(state, None, status, "That didn't go through", msg))
            }
        }
    }
}

fn session_cookie(state: &AppState, token: &kintsugi_vault::Token) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token.expose().to_string()))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .path("/")
        .max_age(time::Duration::seconds(SESSION_SECONDS))
        .build()
}

fn cleared_cookie() -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .removal()
        .build()
}

// ------------------------------------------------------------------ home

#[derive(Template)]
#[template(path = "landing.html")]
struct Landing {
    nav: Nav,
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    nav: Nav,
    partner: Option<String>,
    since: String,
    notices: Vec<crate::notices::NoticeView>,
}

async fn home(
    State(state): State<AppState>,
    MaybeCurrent(me): MaybeCurrent,
) -> Result<Response, AppError> {
    let Some(me) = me else {
        return Ok(render(
            StatusCode::OK,
            &Landing {
                nav: Nav::new(&state, None, ""),
            },
        ));
    };
    let couple = me.couple.clone();
    let notices = crate::notices::for_home(&state, me.user.id).await?;
    Ok(render(
        StatusCode::OK,
        &Home {
            notices,
            nav: Nav::new(&state, Some(&me), "home"),
            since: couple
                .as_ref()
                .map(|c| long_date(c.since))
                .unwrap_or_default(),
            partner: couple.map(|c| c.partner_display_name),
        },
    ))
}

// ------------------------------------------------------------------ sign up / in / out

#[derive(Template)]
#[template(path = "signup.html")]
struct SignUpPage {
    nav: Nav,
    errors: FieldErrors,
    general: Option<String>,
    username: String,
    display_name: String,
}

#[derive(Template)]
#[template(path = "recovery_key.html")]
struct RecoveryKeyPage {
    nav: Nav,
    heading: &'static str,
    key: String,
    next: &'static str,
}

#[derive(Deserialize)]
struct SignUpForm {
    username: String,
    display_name: String,
    password: String,
}

async fn signup_page(State(state): State<AppState>) -> Response {
    render(
        StatusCode::OK,
        &SignUpPage {
            nav: Nav::new(&state, None, "signup"),
            errors: FieldErrors::default(),
            general: None,
            username: String::new(),
            display_name: String::new(),
        },
    )
}

async fn signup(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    jar: CookieJar,
    HtmlForm(form): HtmlForm<SignUpForm>,
) -> Response {
    let result = match state
        .limits
        .check(Purpose::SignUpAddress, &addr.ip().to_string())
    {
        Ok(()) => {
            accounts::sign_up(
                &state,
                &form.username,
                &form.display_name,
                &form.password,
                Some("browser"),
            )
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(signed) => {
            let jar = match &signed.token {
                Some(t) => jar.add(session_cookie(&state, t)),
                None => jar,
            };
            let page = RecoveryKeyPage {
                nav: Nav::new(&state, None, ""),
                heading: "Welcome. One important thing first.",
                key: signed.recovery.expose().to_string(),
                next: "/",
            };
            (jar, render(StatusCode::CREATED, &page)).into_response()
        }
        Err(e) => {
            let (errors, general) = split(&e);
            render(
                e.status(),
                &SignUpPage {
                    nav: Nav::new(&state, None, "signup"),
                    errors,
                    general,
                    username: form.username,
                    display_name: form.display_name,
                },
            )
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
}

#[derive(Deserialize)]
struct SignInForm {
    username: String,
    password: String,
}

#[derive(Deserialize)]
struct Notice {
    #[serde(default)]
    done: Option<String>,
}

async fn signin_page(State(state): State<AppState>, Query(q): Query<Notice>) -> Response {
    let notice = match q.done.as_deref() {
        Some("signed-out") => Some("You're signed out. Take care."),
        Some("everywhere") => Some("You're signed out everywhere."),
        _ => None,
    };
    render(
        StatusCode::OK,
        &SignInPage {
            nav: Nav::new(&state, None, "signin"),
            general: None,
            notice,
            username: String::new(),
        },
    )
}

async fn signin(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    MaybeCurrent(previous): MaybeCurrent,
    jar: CookieJar,
    HtmlForm(form): HtmlForm<SignInForm>,
) -> Response {
    let attempt = state.limits.sign_in(
        addr.ip(),
        &form.username,
        accounts::sign_in(&state, &form.username, &form.password, "browser"),
    );
    match attempt.await {
        Ok(token) => {
            // Rotate: the session a browser had before signing in ends.
            if let Some(p) = previous {
                let _ = state.store.delete_session(p.user.id, p.session.id).await;
            }
            (jar.add(session_cookie(&state, &token)), Redirect::to("/")).into_response()
        }
        Err(e) => render(
            e.status(),
            &SignInPage {
                nav: Nav::new(&state, None, "signin"),
                general: Some(e.to_string()),
                notice: None,
                username: form.username,
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
    jar: CookieJar,
    HtmlForm(form): HtmlForm<RecoverForm>,
) -> Response {
    let attempt = state.limits.sign_in(
        addr.ip(),
        &form.username,
        accounts::recover(
            &state,
            &form.username,
            &form.recovery_key,
            &form.password,
            "browser",
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

// ------------------------------------------------------------------ account

struct SessionView {
    id: String,
    client: &'static str,
    since: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    nav: Nav,
    username: String,
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
            client: if s.client == "api" {
                "An app (API token)"
            } else {
                "A browser"
            },
            since: date_time(s.created_at),
            current: s.id == me.session.id,
        })
        .collect();
    let (errors, general) = err.as_ref().map(split).unwrap_or_default();
    Ok(render(
        status,
        &AccountPage {
            nav: Nav::new(state, Some(me), "account"),
            username: me.user.username.clone(),
            sessions,
            errors,
            general,
            notice,
        },
    ))
}

async fn account(
    State(state): State<AppState>,
    Me(me): Me,
    Query(q): Query<Notice>,
) -> Result<Response, AppError> {
    let notice = match q.done.as_deref() {
        Some("password") => Some("Your password is changed. Other devices were signed out."),
        Some("session") => Some("That session is signed out."),
        _ => None,
    };
    account_page(&state, &me, StatusCode::OK, None, notice).await
}

#[derive(Deserialize)]
struct PasswordForm {
    current_password: String,
    new_password: String,
}

async fn change_password(
    State(state): State<AppState>,
    Me(me): Me,
    HtmlForm(form): HtmlForm<PasswordForm>,
) -> Result<Response, AppError> {
    match accounts::change_password(&state, &me, &form.current_password, &form.new_password).await {
        Ok(()) => Ok(Redirect::to("/account?done=password").into_response()),
        Err(e) => account_page(&state, &me, e.status(), Some(e), None).await,
    }
}

async fn new_recovery_key(State(state): State<AppState>, Me(me): Me) -> Result<Response, AppError> {
    let key = accounts::new_recovery_key(&state, &me).await?;
    Ok(render(
        StatusCode::OK,
        &RecoveryKeyPage {
            nav: Nav::new(&state, Some(&me), "account"),
            heading: "Your new recovery key",
            key: key.expose().to_string(),
            next: "/account",
        },
    ))
}

async fn end_session(
    State(state): State<AppState>,
    Me(me): Me,
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

async fn end_all(
    State(state): State<AppState>,
    Me(me): Me,
    jar: CookieJar,
) -> Result<Response, AppError> {
    state.store.delete_sessions_of(me.user.id, None).await?;
    Ok((
        jar.remove(cleared_cookie()),
        Redirect::to("/signin?done=everywhere"),
    )
        .into_response())
}

// ------------------------------------------------------------------ couple

struct InviteView {
    code: String,
    expires: String,
    link: String,
}

#[derive(Template)]
#[template(path = "couple.html")]
struct CouplePage {
    nav: Nav,
    partner: Option<String>,
    since: String,
    invite: Option<InviteView>,
    code: String,
    errors: FieldErrors,
    general: Option<String>,
    notice: Option<&'static str>,
}

async fn couple_page(
    state: &AppState,
    me: &Current,
    status: StatusCode,
    invite: Option<InviteView>,
    code: String,
    err: Option<AppError>,
    notice: Option<&'static str>,
) -> Result<Response, AppError> {
    let couple = couples::couple_of(state, me).await?;
    let (errors, general) = err.as_ref().map(split).unwrap_or_default();
    Ok(render(
        status,
        &CouplePage {
            nav: Nav::new(state, Some(me), "couple"),
            since: couple
                .as_ref()
                .map(|c| long_date(c.since))
                .unwrap_or_default(),
            partner: couple.map(|c| c.partner_display_name),
            invite,
            code,
            errors,
            general,
            notice,
        },
    ))
}

#[derive(Deserialize)]
struct CoupleQuery {
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    code: Option<String>,
}

async fn couple(
    State(state): State<AppState>,
    Me(me): Me,
    Query(q): Query<CoupleQuery>,
) -> Result<Response, AppError> {
    let notice = match q.done.as_deref() {
        Some("joined") => Some("You're paired. Welcome, both of you."),
        Some("left") => Some("You've left the couple. Everything you wrote is still yours."),
        _ => None,
    };
    couple_page(
        &state,
        &me,
        StatusCode::OK,
        None,
        q.code.unwrap_or_default(),
        None,
        notice,
    )
    .await
}

async fn invite(
    State(state): State<AppState>,
    Me(me): Me,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    match couples::create_invite(&state, &me).await {
        Ok(inv) => {
            let host = headers
                .get(axum::http::header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost");
            let scheme = if state.config.secure_cookies {
                "https"
            } else {
                "http"
            };
            let view = InviteView {
                link: format!("{scheme}://{host}/couple/join?code={}", inv.code),
                code: inv.code,
                expires: date_time(inv.expires_at),
            };
            couple_page(
                &state,
                &me,
                StatusCode::CREATED,
                Some(view),
                String::new(),
                None,
                None,
            )
            .await
        }
        Err(e) => couple_page(&state, &me, e.status(), None, String::new(), Some(e), None).await,
    }
}

#[derive(Deserialize)]
struct JoinForm {
    code: String,
}

async fn join(
    State(state): State<AppState>,
    Me(me): Me,
    HtmlForm(form): HtmlForm<JoinForm>,
) -> Result<Response, AppError> {
    let attempt = async {
        state.limits.check(Purpose::Join, &me.user.id.to_string())?;
        couples::join(&state, &me, &form.code).await
    };
    match attempt.await {
        Ok(_) => Ok(Redirect::to("/couple?done=joined").into_response()),
        Err(e) => {
            couple_page(
                &state,
                &me,
                e.status(),
                None,
                form.code.clone(),
                Some(e),
                None,
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "leave.html")]
struct LeavePage {
    nav: Nav,
    partner: String,
}

async fn leave_page(State(state): State<AppState>, Me(me): Me) -> Result<Response, AppError> {
    let Some(couple) = couples::couple_of(&state, &me).await? else {
        return Ok(Redirect::to("/couple").into_response());
    };
    Ok(render(
        StatusCode::OK,
        &LeavePage {
            nav: Nav::new(&state, Some(&me), "couple"),
            partner: couple.partner_display_name,
        },
    ))
}

async fn leave(State(state): State<AppState>, Me(me): Me) -> Result<Response, AppError> {
    match couples::leave(&state, &me).await {
        Ok(()) => Ok(Redirect::to("/couple?done=left").into_response()),
        Err(e) => couple_page(&state, &me, e.status(), None, String::new(), Some(e), None).await,
    }
}

// ------------------------------------------------------------------ coach

#[derive(Template)]
#[template(path = "coach.html")]
struct CoachPage {
    nav: Nav,
    kind: &'static str,
    text: String,
    analysis: Option<Analysis>,
    general: Option<String>,
}

#[derive(Deserialize)]
struct CoachForm {
    kind: String,
    text: String,
}

async fn coach_page(State(state): State<AppState>, Me(me): Me) -> Response {
    render(
        StatusCode::OK,
        &CoachPage {
            nav: Nav::new(&state, Some(&me), "coach"),
            kind: "message",
            text: String::new(),
            analysis: None,
            general: None,
        },
    )
}

async fn coach(
    State(state): State<AppState>,
    Me(me): Me,
    HtmlForm(form): HtmlForm<CoachForm>,
) -> Response {
    let kind = Kind::parse(&form.kind).unwrap_or(Kind::Message);
    let kind_name = match kind {
        Kind::Message => "message",
        Kind::Apology => "apology",
        Kind::Request => "request",
    };
    let (status, analysis, general) = match crate::api::coach_for(&state, &me, kind, &form.text) {
        Ok(a) => (StatusCode::OK, Some(a), None),
        Err(e) => (e.status(), None, Some(e.to_string())),
    };
    render(
        status,
        &CoachPage {
            nav: Nav::new(&state, Some(&me), "coach"),
            kind: kind_name,
            text: form.text,
            analysis,
            general,
        },
    )
}

// ------------------------------------------------------------------ program and guide

#[derive(Template)]
#[template(path = "program.html")]
struct ProgramPage {
    nav: Nav,
}

async fn program(State(state): State<AppState>, Me(me): Me) -> Response {
    render(
        StatusCode::OK,
        &ProgramPage {
            nav: Nav::new(&state, Some(&me), "program"),
        },
    )
}

#[derive(Template)]
#[template(path = "guide/roots.html")]
struct GuideRoots {
    nav: Nav,
}

/// Guide pages are open to everyone: a person may want to read before signing up.
async fn guide_roots(State(state): State<AppState>, MaybeCurrent(me): MaybeCurrent) -> Response {
    render(
        StatusCode::OK,
        &GuideRoots {
            nav: Nav::new(&state, me.as_ref(), "program"),
        },
    )
}

#[derive(Template)]
#[template(path = "guide/talk.html")]
struct GuideTalk {
    nav: Nav,
    rules: [&'static str; 4],
}

async fn guide_talk(State(state): State<AppState>, MaybeCurrent(me): MaybeCurrent) -> Response {
    render(
        StatusCode::OK,
        &GuideTalk {
            nav: Nav::new(&state, me.as_ref(), "program"),
            rules: kintsugi_domain::talk::GROUND_RULES,
        },
    )
}

#[derive(Template)]
#[template(path = "guide/apology.html")]
struct GuideApology {
    nav: Nav,
}

async fn guide_apology(State(state): State<AppState>, MaybeCurrent(me): MaybeCurrent) -> Response {
    render(
        StatusCode::OK,
        &GuideApology {
            nav: Nav::new(&state, me.as_ref(), "program"),
        },
    )
}

// ------------------------------------------------------------------ routes

/// Pages nobody asked for.
pub(crate) async fn not_found(
    State(state): State<AppState>,
    MaybeCurrent(me): MaybeCurrent,
) -> Response {
    message(
        &state,
        me.as_ref(),
        StatusCode::NOT_FOUND,
        "This page isn't here",
        "The page you were looking for doesn't exist. It may have moved.",
    )
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/signup", get(signup_page).post(signup))
        .route("/signin", get(signin_page).post(signin))
        .route("/signout", post(signout))
        .route("/recover", get(recover_page).post(recover))
        .route("/account", get(account))
        .route("/account/password", post(change_password))
        .route("/account/recovery-key", post(new_recovery_key))
        .route("/account/sessions/{id}/end", post(end_session))
        .route("/account/sessions/end-all", post(end_all))
        .route("/couple", get(couple))
        .route("/couple/invite", post(invite))
        .route("/couple/join", get(couple).post(join))
        .route("/couple/leave", get(leave_page).post(leave))
        .route("/coach", get(coach_page).post(coach))
        .route("/program", get(program))
        .route("/guide/roots", get(guide_roots))
        .merge(crate::roots::pages())
        .merge(crate::talk::pages())
        .merge(crate::apology::pages())
        .merge(crate::notices::pages())
        .route("/guide/apology", get(guide_apology))
        .route("/guide/talk", get(guide_talk))
}
