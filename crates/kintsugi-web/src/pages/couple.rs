//! Pairing: invites, joining and leaving.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kintsugi_app::Stamp;
use serde::Deserialize;

use crate::accounts::Current;
use crate::kit::*;
use crate::{AppError, AppState, couples, limits};

struct InviteView {
    code: String,
    expires: String,
    link: String,
}

#[derive(Template)]
#[template(path = "couple.html")]
struct CouplePage {
    nav: Nav,
    shown: Shown,
    /// Couples that ended: when they began and ended, and with whom.
    former: Vec<(Stamp, Stamp, kintsugi_store::CoupleRecord)>,
    partner: Option<String>,
    since: Option<Stamp>,
    invite: Option<InviteView>,
    code: String,
}

/// This site's address as the browser reached it, for links to send to someone else.
pub(crate) struct SiteBase(String);

impl axum::extract::FromRequestParts<AppState> for SiteBase {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let host = parts.headers.get(axum::http::header::HOST);
        let host = host.and_then(|h| h.to_str().ok()).unwrap_or("localhost");
        let scheme = if state.config.secure_cookies {
            "https"
        } else {
            "http"
        };
        Ok(SiteBase(format!("{scheme}://{host}")))
    }
}

async fn page(
    state: &AppState,
    me: &Current,
    base: &SiteBase,
    shown: Shown,
    code: String,
) -> Result<Response, AppError> {
    // The person's code stays on this page until it is used, stopped or expires.
    let invite = couples::pending_invite(state, me)
        .await?
        .map(|inv| InviteView {
            link: format!("{}/couple/join?code={}", base.0, inv.code),
            code: inv.code,
            expires: me.stamp(inv.expires_at).date_time(),
        });
    let couple = couples::couple_of(state, me).await?;
    let all = state.store.couples_of(me.user.id).await?;
    let ended =
        |c: kintsugi_store::CoupleRecord| Some((me.stamp(c.since), me.stamp(c.ended_at?), c));
    let former = all.into_iter().filter_map(ended).collect();
    let page = CouplePage {
        former,
        nav: Nav::new(state, Some(me), "couple"),
        since: couple.as_ref().map(|c| me.stamp(c.since)),
        partner: couple.map(|c| c.partner_display_name),
        invite,
        code,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

#[derive(Deserialize)]
struct CoupleQuery {
    #[serde(flatten)]
    done: Done,
    #[serde(default)]
    code: Option<String>,
}

const NOTICES: &[(&str, &str)] = &[
    ("joined", "You're paired. Welcome, both of you."),
    (
        "left",
        "You've left the couple. Everything you wrote is still yours.",
    ),
    (
        "stopped",
        "That code is stopped; it can't be used any more. You can make a new one whenever you like.",
    ),
    (
        "withdrawn",
        "Done. What you shared in that couple is withdrawn; only you can see it now.",
    ),
];

async fn couple(
    Ctx { state, me, .. }: Ctx,
    base: SiteBase,
    Query(q): Query<CoupleQuery>,
) -> Result<Response, AppError> {
    let mut shown = Shown::notice(q.done.notice(NOTICES));
    // An invite link opened by someone who is already paired: say why it can't be used.
    if q.code.is_some() && me.couple.is_some() {
        shown.general = Some(
            "You're already in a couple, so this invite can't be used. To join someone else, \
             you would leave your couple first."
                .to_string(),
        );
    }
    page(&state, &me, &base, shown, q.code.unwrap_or_default()).await
}

async fn invite(Ctx { state, me, .. }: Ctx, base: SiteBase) -> Result<Response, AppError> {
    if let Err(e) = couples::create_invite(&state, &me).await {
        return page(&state, &me, &base, Shown::refused(e), String::new()).await;
    }
    // A redirect, so Back never asks to send the form again; the code waits on the page.
    Ok(Redirect::to("/couple").into_response())
}

/// Stops the person's unused invite code.
async fn stop_invite(Ctx { state, me, .. }: Ctx) -> Result<Response, AppError> {
    couples::revoke_invites(&state, &me).await?;
    Ok(Redirect::to("/couple?done=stopped").into_response())
}

#[derive(Deserialize)]
struct JoinForm {
    code: String,
}

async fn join(
    Ctx { state, me, .. }: Ctx,
    base: SiteBase,
    HtmlForm(form): HtmlForm<JoinForm>,
) -> Result<Response, AppError> {
    let joined = couples::join(&state, &me, &form.code).await;
    let again = |e| page(&state, &me, &base, Shown::refused(e), form.code.clone());
    redirect_or(joined, |_| "/couple?done=joined".into(), again).await
}

#[derive(Template)]
#[template(path = "leave.html")]
struct LeavePage {
    nav: Nav,
    partner: String,
    error: Option<&'static str>,
}

#[derive(Deserialize)]
struct LeaveForm {
    #[serde(default)]
    shared: String,
}

/// The leave page: the question, and why it must be answered when `error` says so.
fn leave_question(
    state: &AppState,
    me: &Current,
    partner: String,
    error: Option<&'static str>,
) -> Response {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render(
        status,
        &LeavePage {
            nav: Nav::new(state, Some(me), "couple"),
            partner,
            error,
        },
    )
}

async fn leave_page(Ctx { state, me, .. }: Ctx) -> Result<Response, AppError> {
    Ok(match couples::couple_of(&state, &me).await? {
        Some(couple) => leave_question(&state, &me, couple.partner_display_name, None),
        None => Redirect::to("/couple").into_response(),
    })
}

async fn leave(
    Ctx { state, me, .. }: Ctx,
    base: SiteBase,
    HtmlForm(form): HtmlForm<LeaveForm>,
) -> Result<Response, AppError> {
    // The question has no answer chosen in advance: leaving waits until one is picked.
    let withdraw = match form.shared.as_str() {
        "keep" => false,
        "withdraw" => true,
        _ => {
            let partner = me
                .couple
                .as_ref()
                .map_or_else(String::new, |c| c.partner_display_name.clone());
            let why = "Please choose what happens to what you shared. Nothing has changed yet.";
            return Ok(leave_question(&state, &me, partner, Some(why)));
        }
    };
    let left = couples::leave(&state, &me, withdraw).await;
    let again = |e| page(&state, &me, &base, Shown::refused(e), String::new());
    redirect_or(left, |()| "/couple?done=left".into(), again).await
}

async fn withdraw(
    Ctx { state, me, .. }: Ctx,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Response, AppError> {
    let couple = uuid::Uuid::parse_str(&id)
        .map(kintsugi_domain::CoupleId)
        .map_err(|_| AppError::NotFound("We couldn't find that couple among yours."))?;
    couples::withdraw(&state, &me, couple, None).await?;
    Ok(Redirect::to("/couple?done=withdrawn").into_response())
}

/// Where to come back to after withdrawing one item.
#[derive(Deserialize, Default)]
struct Back {
    #[serde(default)]
    back: String,
}

/// Withdraws one item of a history (and what the person wrote under it); then back to the page
/// it was on.
async fn withdraw_item(
    cx: Ctx,
    PathId(item): PathId,
    HtmlForm(form): HtmlForm<Back>,
) -> Result<Response, AppError> {
    kintsugi_app::history::withdraw_item(&cx.actor, item).await?;
    Ok(Redirect::to(crate::kit::local_path(&form.back)).into_response())
}

/// The routes of these pages.
pub(crate) fn routes(state: &AppState) -> Router<AppState> {
    let limited = axum::middleware::from_fn_with_state(state.clone(), limits::joins);
    Router::new()
        .route("/couple", get(couple))
        .route("/couple/invite", post(invite))
        .route("/couple/invite/stop", post(stop_invite))
        .route("/couple/join", get(couple).merge(post(join).layer(limited)))
        .route("/couple/leave", get(leave_page).post(leave))
        .route("/couples/{id}/withdraw", post(withdraw))
        .route("/history/{id}/withdraw", post(withdraw_item))
}
