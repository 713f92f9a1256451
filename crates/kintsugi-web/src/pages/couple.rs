//! Pairing: invites, joining and leaving.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::accounts::Current;
use crate::kit::*;
use crate::limits::Purpose;
use crate::{AppError, AppState, couples};

struct InviteView {
    code: String,
    expires: String,
    link: String,
}

#[derive(Template)]
#[template(path = "couple.html")]
struct CouplePage {
    nav: Nav,
    former: Vec<FormerView>,
    partner: Option<String>,
    since: String,
    invite: Option<InviteView>,
    code: String,
    errors: FieldErrors,
    general: Option<String>,
    notice: Option<&'static str>,
}

/// A couple that ended, as the Partner page lists it.
struct FormerView {
    id: String,
    partner: String,
    since: String,
    ended: String,
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
    let former = state
        .store
        .couples_of(me.user.id)
        .await?
        .into_iter()
        .filter_map(|c| {
            Some(FormerView {
                ended: kintsugi_app::Stamp(c.ended_at?).date(),
                id: c.id.to_string(),
                partner: c.partner_display_name,
                since: kintsugi_app::Stamp(c.since).date(),
            })
        })
        .collect();
    let (errors, general) = err.as_ref().map(split).unwrap_or_default();
    Ok(render(
        status,
        &CouplePage {
            former,
            nav: Nav::new(state, Some(me), "couple"),
            since: couple
                .as_ref()
                .map(|c| kintsugi_app::Stamp(c.since).date())
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
        Some("withdrawn") => {
            Some("Done. What you shared in that couple is withdrawn; only you can see it now.")
        }
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
                expires: kintsugi_app::Stamp(inv.expires_at).date_time(),
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
    error: Option<&'static str>,
}

#[derive(Deserialize)]
struct LeaveForm {
    #[serde(default)]
    shared: String,
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
            error: None,
        },
    ))
}

async fn leave(
    State(state): State<AppState>,
    Me(me): Me,
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
            return Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &LeavePage {
                    nav: Nav::new(&state, Some(&me), "couple"),
                    partner,
                    error: Some(
                        "Please choose what happens to what you shared. Nothing has changed yet.",
                    ),
                },
            ));
        }
    };
    match couples::leave(&state, &me, withdraw).await {
        Ok(()) => Ok(Redirect::to("/couple?done=left").into_response()),
        Err(e) => couple_page(&state, &me, e.status(), None, String::new(), Some(e), None).await,
    }
}

async fn withdraw(
    State(state): State<AppState>,
    Me(me): Me,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Response, AppError> {
    let couple = uuid::Uuid::parse_str(&id)
        .map(kintsugi_domain::CoupleId)
        .map_err(|_| AppError::NotFound("We couldn't find that couple among yours."))?;
    couples::withdraw(&state, &me, couple).await?;
    Ok(Redirect::to("/couple?done=withdrawn").into_response())
}

/// The routes of these pages.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/couple", get(couple))
        .route("/couple/invite", post(invite))
        .route("/couple/join", get(couple).post(join))
        .route("/couple/leave", get(leave_page).post(leave))
        .route("/couples/{id}/withdraw", post(withdraw))
}
