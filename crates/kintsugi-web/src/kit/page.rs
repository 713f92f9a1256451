//! The frame of every page: navigation, field errors, rendering, calm error pages, and the
//! extractors pages use (a signed-in person, a form whose rejections become a page).

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::accounts::{self, Current};
use crate::{AppError, AppState};

/// What every page's frame needs.
pub(crate) struct Nav {
    pub(crate) signed_in: bool,
    /// Whether quick exit also signs this device out (the person's choice in Account).
    pub(crate) exit_ends_session: bool,
    pub(crate) display_name: String,
    pub(crate) page: &'static str,
    pub(crate) quick_exit_url: String,
    /// The helplines for the safety card.
    pub(crate) helplines: std::sync::Arc<[crate::helplines::Helpline]>,
    /// Items on this page that could not be opened with the person's keys.
    pub(crate) unopened: usize,
    /// How many things wait for the person (their inbox), shown by Home in the navigation.
    pub(crate) waiting: usize,
    /// The step of the program this page belongs to, if any.
    pub(crate) step: Option<&'static kintsugi_app::steps::Step>,
    /// Whether the person is in a couple now.
    pub(crate) paired: bool,
    /// Their partner's name ("your partner" when they have none).
    pub(crate) partner: String,
    /// Dangers the coach reads in what the other person wrote, among what this page opened:
    /// the page shows it with the safety card, never bare.
    pub(crate) received: super::coach::Dangers,
}

impl Nav {
    /// "Step 4" on a step's page, from the registry.
    pub(crate) fn step_label(&self) -> String {
        self.step.map(|s| s.label()).unwrap_or_default()
    }

    /// Lines for someone thinking of hurting themselves.
    pub(crate) fn crisis_lines(&self) -> Vec<&crate::helplines::Helpline> {
        crate::helplines::of(&self.helplines, crate::helplines::LineFor::Crisis)
    }

    /// Lines for someone afraid of, threatened or hurt by a partner.
    pub(crate) fn abuse_lines(&self) -> Vec<&crate::helplines::Helpline> {
        crate::helplines::of(&self.helplines, crate::helplines::LineFor::Abuse)
    }

    /// Directories and services for finding a counsellor.
    pub(crate) fn counselling_lines(&self) -> Vec<&crate::helplines::Helpline> {
        crate::helplines::of(&self.helplines, crate::helplines::LineFor::Counselling)
    }

    /// Lines for someone worried they may hurt a partner.
    pub(crate) fn behaviour_lines(&self) -> Vec<&crate::helplines::Helpline> {
        crate::helplines::of(&self.helplines, crate::helplines::LineFor::Behaviour)
    }

    pub(crate) fn new(state: &AppState, me: Option<&Current>, page: &'static str) -> Nav {
        Nav {
            signed_in: me.is_some(),
            exit_ends_session: me.is_some_and(|m| m.user.preferences.quick_exit_ends_session),
            display_name: me.map(|m| m.user.display_name.clone()).unwrap_or_default(),
            page,
            quick_exit_url: state.config.quick_exit_url.clone(),
            helplines: state.config.helplines.clone(),
            unopened: 0,
            waiting: 0,
            step: None,
            paired: me.is_some_and(|m| m.couple.is_some()),
            partner: me
                .and_then(|m| m.couple.as_ref())
                .map_or("your partner".into(), |c| c.partner_display_name.clone()),
            received: super::coach::Dangers::default(),
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
            exit_ends_session: true,
            display_name: actor.display_name.clone(),
            page,
            quick_exit_url: state.config.quick_exit_url.clone(),
            helplines: state.config.helplines.clone(),
            unopened: actor.unopened(),
            waiting: 0,
            step: None,
            paired: actor.couple.is_some(),
            partner: actor.partner_name().to_string(),
            received: super::coach::Dangers::received(&actor.received()),
        }
    }
}

/// Errors shown next to their fields.
#[derive(Default)]
/// When a page has several forms with a field of the same name, the second part names the one
/// (by its field's id) that was sent, so the error shows under that form only.
pub(crate) struct FieldErrors(
    pub(crate) Vec<(&'static str, String)>,
    pub(crate) Option<String>,
);

impl FieldErrors {
    /// Every refusal, each by its field.
    pub(crate) fn all(problems: &[kintsugi_domain::InvalidInput]) -> FieldErrors {
        FieldErrors(
            problems
                .iter()
                .map(|p| (p.field().name, p.to_string()))
                .collect(),
            None,
        )
    }

    /// The message for a field shown with the id `id`: only on the form that was sent.
    pub(crate) fn at(&self, field: &str, id: &str) -> Option<&str> {
        match &self.1 {
            Some(sent) if sent != id => None,
            _ => self.get(field),
        }
    }

    /// Whether the field shown with the id `id` has an error.
    pub(crate) fn has_at(&self, field: &str, id: &str) -> bool {
        self.at(field, id).is_some()
    }

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
        Some(field) => (FieldErrors(vec![(field, err.to_string())], None), None),
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

#[derive(Template)]
#[template(path = "message.html")]
pub(crate) struct MessagePage {
    nav: Nav,
    heading: String,
    message: String,
    back: &'static str,
}

pub(crate) fn message(
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
            Ok(None) => {
                // Back to this page after signing in (a page read, not a form post). Where is
                // kept in a cookie, never in the address: a sign-in page's address says
                // nothing of what the person was reading.
                let jar = axum_extra::extract::CookieJar::new();
                let jar = match parts.method {
                    axum::http::Method::GET => {
                        let here = parts.uri.path_and_query().map_or("/", |p| p.as_str());
                        jar.add(next_cookie(state, here))
                    }
                    _ => jar,
                };
                Err((jar, Redirect::to("/signin")).into_response())
            }
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

/// The cookie that keeps where a person was going while they sign in (an hour at most).
pub(crate) const NEXT_COOKIE: &str = "kintsugi_next";

/// Keeps `path` (a local path) as where to go after signing in.
pub(crate) fn next_cookie(
    state: &AppState,
    path: &str,
) -> axum_extra::extract::cookie::Cookie<'static> {
    axum_extra::extract::cookie::Cookie::build((NEXT_COOKIE, urlencode(local_path(path))))
        .http_only(true)
        .same_site(axum_extra::extract::cookie::SameSite::Lax)
        .secure(state.config.secure_cookies)
        .path("/")
        .max_age(time::Duration::hours(1))
        .build()
}

/// Forgets where the person was going.
pub(crate) fn next_cleared() -> axum_extra::extract::cookie::Cookie<'static> {
    axum_extra::extract::cookie::Cookie::build((NEXT_COOKIE, ""))
        .path("/")
        .removal()
        .build()
}

/// Where the person was going, if the cookie says (a local path), else `"/"`.
pub(crate) fn next_of(jar: &axum_extra::extract::CookieJar) -> String {
    let kept = jar
        .get(NEXT_COOKIE)
        .map(|c| percent_decoded(c.value().as_bytes()));
    let decoded = kept.and_then(|v| String::from_utf8(v).ok());
    local_path(decoded.as_deref().unwrap_or("/")).to_string()
}

/// Where a step's page handler starts: the app's state, the signed-in person and their actor
/// (signed-out visitors are sent to sign in, as by [`Me`]).
pub(crate) struct Ctx {
    pub(crate) state: AppState,
    pub(crate) me: Current,
    pub(crate) actor: kintsugi_app::Actor,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Me(me) = Me::from_request_parts(parts, state).await?;
        let actor = me.actor(state).map_err(|e| e.into_response())?;
        Ok(Ctx {
            state: state.clone(),
            me,
            actor,
        })
    }
}

impl Ctx {
    /// The page's frame, noting what the reads so far could not open and how many things wait
    /// for the person (a count that can't be had is left out rather than failing the page).
    pub(crate) async fn nav(&self, page: &'static str) -> Nav {
        let mut nav = Nav::for_actor(&self.state, &self.actor, page);
        nav.exit_ends_session = self.me.user.preferences.quick_exit_ends_session;
        nav.waiting = kintsugi_app::inbox::count(&self.actor).await.unwrap_or(0);
        nav
    }

    /// The frame of a step's page: as [`Ctx::nav`], labelled with the step.
    pub(crate) async fn nav_for(&self, step: &'static kintsugi_app::steps::Step) -> Nav {
        let mut nav = self.nav("program").await;
        nav.step = Some(step);
        nav
    }

    /// Whether the person is in a couple now.
    pub(crate) fn paired(&self) -> bool {
        self.actor.couple.is_some()
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
        // Read the body once to refuse text that isn't UTF-8, which the form decoder would
        // otherwise store as replacement characters (the JSON API refuses it too).
        let (parts, body) = req.into_parts();
        let unreadable = |status| {
            message(
                state,
                None,
                status,
                "That didn't go through",
                "The form arrived incomplete or unreadable, so nothing was changed. Please go back and try again.",
            )
        };
        let Ok(bytes) = axum::body::to_bytes(body, crate::BODY_LIMIT_BYTES).await else {
            return Err(unreadable(StatusCode::PAYLOAD_TOO_LARGE));
        };
        if !form_is_utf8(&bytes) {
            return Err(unreadable(StatusCode::BAD_REQUEST));
        }
        let req = Request::from_parts(parts, axum::body::Body::from(bytes));
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

/// Whether every field of a urlencoded form decodes to UTF-8 (`+` is a space, `%XX` a byte).
fn form_is_utf8(body: &[u8]) -> bool {
    body.split(|b| *b == b'&')
        .all(|field| std::str::from_utf8(&percent_decoded(field)).is_ok())
}

/// One urlencoded field's bytes, decoded (`+` is a space, `%XX` a byte).
fn percent_decoded(field: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(field.len());
    let mut i = 0;
    while i < field.len() {
        let escaped = field
            .get(i + 1)
            .copied()
            .and_then(hex)
            .zip(field.get(i + 2).copied().and_then(hex));
        match (field[i], escaped) {
            (b'%', Some((hi, lo))) => {
                out.extend(u8::try_from(hi * 16 + lo).ok());
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Where to go after a form: a path on this site, never another site (no open redirect).
pub(crate) fn local_path(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && next.len() <= 2_000
        && !next.chars().any(|c| c.is_control() || c == '\\');
    if local { next } else { "/" }
}

/// Percent-encodes a path for a query parameter.
pub(crate) fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::form_is_utf8;

    #[test]
    fn forms_with_bytes_that_are_not_utf8_are_refused() {
        assert!(form_is_utf8(b"text=Hello+there&prompt=free"));
        assert!(form_is_utf8(
            "text=caf%C3%A9+%E2%80%9Cok%E2%80%9D".as_bytes()
        ));
        assert!(form_is_utf8(b"text=100%+sure"), "a lone % is kept as it is");
        assert!(!form_is_utf8(b"text=%FF%FE"));
        assert!(!form_is_utf8(b"text=%C3"), "a cut-off character");
        assert!(!form_is_utf8(b"te%80xt=fine"), "names too");
        assert!(!form_is_utf8(&[b't', b'=', 0xff]), "raw bytes too");
    }
}
