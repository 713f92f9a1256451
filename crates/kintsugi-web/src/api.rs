//! The JSON API under `/api/v1`, documented by an OpenAPI document generated from this code.
//! Token auth (`Authorization: Bearer …`) for other clients; the browser's session cookie works
//! too, so the pages' scripts can call it.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use kintsugi_coach::{Analysis, Kind};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

use crate::accounts::{self, Current};
use crate::kit::{Act, ApiJson, ApiRouter, coach_for};
use crate::limits;
use crate::{AppError, AppState, ErrorBody, couples};
use kintsugi_app::inbox::InboxItem;

pub use crate::accounts::NewAccount;

/// The account that was created, with its recovery key (shown only this once).
#[derive(Serialize, ToSchema)]
pub struct AccountCreated {
    /// The normalized username.
    pub username: String,
    /// The display name.
    pub display_name: String,
    /// Write this down: with it you can set a new password without losing anything.
    pub recovery_key: String,
}

/// Sign-in credentials.
#[derive(Deserialize, ToSchema)]
#[schema(example = json!({"username": "alex", "password": "river lantern quietly ninety"}))]
pub struct Credentials {
    /// Username.
    pub username: String,
    /// Password.
    pub password: String,
}

/// A bearer token for API clients.
#[derive(Serialize, ToSchema)]
pub struct SessionCreated {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
}

/// The signed-in person.
#[derive(Serialize, ToSchema)]
pub struct Me {
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Your time zone (an IANA name): times you send are read in it, and shown in it.
    pub time_zone: String,
    /// Whether quick exit also signs this device out.
    pub quick_exit_ends_session: bool,
    /// The couple, if paired.
    pub couple: Option<CoupleInfo>,
}

/// What you change about your account; what you leave out stays as it is.
#[derive(Deserialize, ToSchema)]
#[schema(example = json!({"time_zone": "Australia/Sydney"}))]
#[serde(deny_unknown_fields)]
pub struct MePatch {
    /// Your time zone, an IANA name such as `Europe/Paris`.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Whether quick exit also signs the device out.
    #[serde(default)]
    pub quick_exit_ends_session: Option<bool>,
}

/// A couple as seen by one partner.
#[derive(Serialize, ToSchema)]
pub struct CoupleInfo {
    /// The partner's display name.
    pub partner_display_name: String,
    /// When you paired (RFC 3339).
    pub since: String,
}

/// An invite to share with a partner.
#[derive(Serialize, ToSchema)]
pub struct InviteCreated {
    /// The code to give your partner (single use).
    pub code: String,
    /// When it stops working (RFC 3339).
    pub expires_at: String,
}

/// An invite code to accept.
#[derive(Deserialize, ToSchema)]
#[schema(example = json!({"code": "K7QX-MP3D-W9HT"}))]
pub struct JoinRequest {
    /// The code your partner gave you.
    pub code: String,
}

/// Text for the coach.
#[derive(Deserialize, ToSchema)]
#[schema(example = json!({"kind": "message", "text": "You never listen to me."}))]
pub struct CoachRequest {
    /// What the text is.
    pub kind: Kind,
    /// The draft (at most 20,000 characters). Never stored, never logged.
    pub text: String,
}

/// Creates an account; answers with its recovery key, shown this once.
#[utoipa::path(post, path = "/accounts", request_body = NewAccount,
    responses((status = 201, body = AccountCreated), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn create_account(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<NewAccount>,
) -> Result<(StatusCode, Json<AccountCreated>), AppError> {
    // The API signs up without a session: clients sign in with POST /sessions.
    let signed = accounts::sign_up(&state, &body, None).await?;
    Ok((
        StatusCode::CREATED,
        Json(AccountCreated {
            username: signed.username,
            display_name: signed.display_name,
            recovery_key: signed.recovery.expose().to_string(),
        }),
    ))
}

/// Signs in; answers with a bearer token.
#[utoipa::path(post, path = "/sessions", request_body = Credentials,
    responses((status = 201, body = SessionCreated), (status = 401, body = ErrorBody),
              (status = 429, body = ErrorBody)))]
async fn create_session(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    accounts::UserAgent(ua): accounts::UserAgent,
    ApiJson(body): ApiJson<Credentials>,
) -> Result<(StatusCode, Json<SessionCreated>), AppError> {
    let client = accounts::Client::new("api", ua.as_deref());
    let token = state
        .limits
        .sign_in(
            addr.ip(),
            &body.username,
            accounts::sign_in(&state, &body.username, &body.password, &client),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(SessionCreated {
            token: token.expose().to_string(),
        }),
    ))
}

/// Signs out this session.
#[utoipa::path(delete, path = "/sessions/current",
    responses((status = 204), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
async fn end_session(State(state): State<AppState>, me: Current) -> Result<StatusCode, AppError> {
    state
        .store
        .delete_session(me.user.id, me.session.id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who you are, and your couple if you are in one.
#[utoipa::path(get, path = "/me",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
async fn me(me: Current) -> Json<Me> {
    Json(Me {
        username: me.user.username.clone(),
        display_name: me.user.display_name.clone(),
        time_zone: me.zone().name().to_string(),
        quick_exit_ends_session: me.user.preferences.quick_exit_ends_session,
        couple: me.couple.as_ref().map(|c| CoupleInfo {
            partner_display_name: c.partner_display_name.clone(),
            since: me.stamp(c.since).rfc3339(),
        }),
    })
}

/// Changes your time zone or your quick-exit choice.
#[utoipa::path(patch, path = "/me", request_body = MePatch,
    responses((status = 200, body = Me)), security(("bearer" = [])))]
async fn change_me(
    State(state): State<AppState>,
    mut me: Current,
    ApiJson(patch): ApiJson<MePatch>,
) -> Result<Json<Me>, AppError> {
    let prefs = &me.user.preferences;
    let exit = patch
        .quick_exit_ends_session
        .unwrap_or(prefs.quick_exit_ends_session);
    let zone = patch.time_zone.unwrap_or_else(|| prefs.time_zone.clone());
    let zone = accounts::set_preferences(&state, &me, exit, &zone).await?;
    me.user.preferences = kintsugi_store::Preferences {
        quick_exit_ends_session: exit,
        time_zone: zone.name().to_string(),
    };
    Ok(self::me(me).await)
}

/// Creates an invite code for your partner (valid for 48 hours).
#[utoipa::path(post, path = "/couple/invites",
    responses((status = 201, body = InviteCreated), (status = 401, body = ErrorBody),
              (status = 409, body = ErrorBody)), security(("bearer" = [])))]
async fn create_invite(
    State(state): State<AppState>,
    me: Current,
) -> Result<(StatusCode, Json<InviteCreated>), AppError> {
    let invite = couples::create_invite(&state, &me).await?;
    Ok((
        StatusCode::CREATED,
        Json(InviteCreated {
            code: invite.code,
            expires_at: me.stamp(invite.expires_at).rfc3339(),
        }),
    ))
}

/// Your invite code that can still be used (a new code replaces the one before), if any.
#[utoipa::path(get, path = "/couple/invites",
    responses((status = 200, body = [InviteCreated])), security(("bearer" = [])))]
async fn pending_invites(
    State(state): State<AppState>,
    me: Current,
) -> Result<Json<Vec<InviteCreated>>, AppError> {
    let pending = couples::pending_invite(&state, &me).await?;
    Ok(Json(
        pending
            .into_iter()
            .map(|i| InviteCreated {
                expires_at: me.stamp(i.expires_at).rfc3339(),
                code: i.code,
            })
            .collect(),
    ))
}

/// Stops your unused invite code, so it can't be used.
#[utoipa::path(delete, path = "/couple/invites",
    responses((status = 204)), security(("bearer" = [])))]
async fn stop_invites(State(state): State<AppState>, me: Current) -> Result<StatusCode, AppError> {
    couples::revoke_invites(&state, &me).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Joins your partner's couple with their invite code.
#[utoipa::path(post, path = "/couple/join", request_body = JoinRequest,
    responses((status = 200, body = CoupleInfo), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
              (status = 429, body = ErrorBody, description = "Too many tries; wait a moment")),
    security(("bearer" = [])))]
async fn join(
    State(state): State<AppState>,
    me: Current,
    ApiJson(body): ApiJson<JoinRequest>,
) -> Result<Json<CoupleInfo>, AppError> {
    let couple = couples::join(&state, &me, &body.code).await?;
    Ok(Json(CoupleInfo {
        partner_display_name: couple.partner_display_name,
        since: me.stamp(couple.since).rfc3339(),
    }))
}

/// How to leave: what happens to what you shared.
#[derive(Deserialize, ToSchema, Default)]
#[schema(example = json!({"withdraw_shared": false}))]
#[serde(deny_unknown_fields)]
pub struct LeaveRequest {
    /// Withdraw everything you shared in this couple, so your partner no longer sees it
    /// (default false: it stays a history you both can read).
    #[serde(default)]
    pub withdraw_shared: bool,
}

/// A couple you are or were in.
#[derive(Serialize, ToSchema)]
pub struct CoupleOut {
    /// Its id (for a withdrawal).
    pub id: String,
    /// The other person's display name.
    pub partner_display_name: String,
    /// When you paired (RFC 3339).
    pub since: String,
    /// When it ended (RFC 3339), if it did.
    pub ended_at: Option<String>,
}

#[utoipa::path(get, path = "/couples", summary = "Every couple you are or were in",
    responses((status = 200, body = [CoupleOut]), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
async fn couples_list(
    State(state): State<AppState>,
    me: Current,
) -> Result<Json<Vec<CoupleOut>>, AppError> {
    Ok(Json(
        state
            .store
            .couples_of(me.user.id)
            .await?
            .into_iter()
            .map(|c| CoupleOut {
                id: c.id.to_string(),
                partner_display_name: c.partner_display_name,
                since: me.stamp(c.since).rfc3339(),
                ended_at: c.ended_at.map(|t| me.stamp(t).rfc3339()),
            })
            .collect(),
    ))
}

/// How many items were withdrawn.
#[derive(Serialize, ToSchema)]
pub struct Withdrawn {
    /// The number of items.
    pub withdrawn: u64,
}

#[utoipa::path(delete, path = "/couple", summary = "Leave the couple",
    request_body(content = Option<LeaveRequest>, description = "Optional; without a body nothing is withdrawn"),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
async fn leave(
    State(state): State<AppState>,
    me: Current,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<StatusCode, AppError> {
    // The body is optional; when there is one it must be JSON, and is read as strictly as any.
    let request = if body.is_empty() {
        LeaveRequest::default()
    } else {
        let is_json = headers
            .get(axum::http::header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
        if !is_json {
            return Err(AppError::WrongContentType);
        }
        serde_json::from_slice(&body).map_err(|_| {
            AppError::BadRequest(
                "The body must be {\"withdraw_shared\": true} or {\"withdraw_shared\": false}."
                    .into(),
            )
        })?
    };
    couples::leave(&state, &me, request.withdraw_shared).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/couples/{id}/withdrawal", summary = "Withdraw everything you shared in a couple",
    params(("id" = String, Path, description = "A couple you are or were in")),
    responses((status = 200, body = Withdrawn), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
async fn withdraw(
    State(state): State<AppState>,
    me: Current,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Json<Withdrawn>, AppError> {
    let couple = uuid::Uuid::parse_str(&id)
        .map(kintsugi_domain::CoupleId)
        .map_err(|_| AppError::NotFound("We couldn't find that couple among yours."))?;
    let withdrawn = couples::withdraw(&state, &me, couple, None).await?;
    Ok(Json(Withdrawn { withdrawn }))
}

/// How much of the inbox to answer.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct InboxQuery {
    /// How many of the newest (1 to 100; 20 unless asked).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
}

/// What waits for you, newest first (the newest 20 unless `limit` asks for up to 100; the
/// `X-Total-Count` header says how many wait in all): a talk to answer, a break called, an
/// apology or a question sent to you, a new answer, a change in your couple. Only what was
/// sent to you, never your partner's activity; it clears as you act on or open each thing.
#[utoipa::path(get, path = "/inbox", params(InboxQuery),
    responses((status = 200, body = [InboxItem],
        headers(("X-Total-Count" = u64, description = "How many things wait in all"))),
        (status = 422, body = ErrorBody)))]
async fn inbox(
    Act(actor): Act,
    uri: axum::http::Uri,
) -> Result<axum::response::Response, AppError> {
    let refused = || {
        AppError::Invalid(kintsugi_domain::InvalidInput::Format {
            field: kintsugi_domain::fields::LIMIT,
            rule: "needs to be between 1 and 100.",
        })
    };
    let asked = axum::extract::Query::<InboxQuery>::try_from_uri(&uri).map_err(|_| refused())?;
    let page = kintsugi_app::records::Page::asked(None, asked.0.limit, INBOX_PAGE)?;
    let newest = kintsugi_app::inbox::newest(&actor, page.size as usize).await?;
    let mut res = axum::response::IntoResponse::into_response(Json(newest.items));
    res.headers_mut()
        .insert("x-total-count", axum::http::HeaderValue::from(newest.total));
    Ok(res)
}

/// How many things the API's inbox answers unless asked.
const INBOX_PAGE: u32 = 20;

/// Reads a text with the coach; nothing is saved.
#[utoipa::path(post, path = "/coach", request_body = CoachRequest,
    responses((status = 200, body = Analysis), (status = 413, body = ErrorBody),
              (status = 429, body = ErrorBody)), security(("bearer" = [])))]
async fn coach(
    State(state): State<AppState>,
    me: Current,
    ApiJson(body): ApiJson<CoachRequest>,
) -> Result<Json<Analysis>, AppError> {
    Ok(Json(coach_for(&state, &me, body.kind, &body.text)?))
}

async fn api_not_found() -> AppError {
    AppError::NotFound("There is no such API endpoint.")
}

/// The API's routes with their document: these, every step's (from the table), and the
/// document itself.
pub(crate) fn routes(state: &AppState) -> ApiRouter {
    use axum::middleware::from_fn_with_state as limited;
    let sign_ups = limited(state.clone(), limits::sign_ups);
    let joins = limited(state.clone(), limits::joins);
    ApiRouter::new()
        .routes(routes!(create_account).map(|r| r.layer(sign_ups)))
        .routes(routes!(create_session))
        .routes(routes!(end_session))
        .routes(routes!(me, change_me, crate::pages::yours::delete_me))
        .routes(routes!(create_invite, pending_invites, stop_invites))
        .routes(routes!(join).map(|r| r.layer(joins)))
        .routes(routes!(leave))
        .routes(routes!(couples_list))
        .routes(routes!(withdraw))
        .routes(routes!(coach))
        .routes(routes!(inbox))
        .merge(crate::pages::progress::api())
        .merge(crate::pages::yours::api())
        .routes(routes!(crate::openapi::document))
        .merge(crate::account_api::routes())
        .merge(crate::reminders::api::routes())
        .merge(crate::steps::api())
        .map_router(|r| r.fallback(api_not_found))
}
