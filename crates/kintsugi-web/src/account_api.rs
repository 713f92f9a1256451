//! The API for what guards an account: a new password (and, by default, a new recovery key in
//! the same change), and setting a new password with the recovery key. What the pages do, for
//! other clients.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::routes;

use crate::accounts::{self, Current};
use crate::kit::{ApiJson, ApiRouter};
use crate::{AppError, AppState, ErrorBody};

/// A new password.
#[derive(Deserialize, ToSchema)]
#[schema(example = json!({"current": "river lantern quietly ninety", "new": "maple harbour silently eleven", "new_recovery_key": true}))]
pub struct PasswordChange {
    /// Your current password.
    pub current: String,
    /// The new one.
    pub new: String,
    /// Replace the recovery key in the same change (the old one stops working at once). Yes
    /// unless you say no: whoever once saw your recovery key could otherwise still set a new
    /// password.
    #[serde(default = "yes")]
    pub new_recovery_key: bool,
}

fn yes() -> bool {
    true
}

/// The outcome of a new password.
#[derive(Serialize, ToSchema)]
pub struct PasswordChanged {
    /// The new recovery key, shown only this once (`null` when you kept the old one).
    pub recovery_key: Option<String>,
}

/// Sets a new password; every other session ends. Answers the new recovery key when one was
/// made (the default).
#[utoipa::path(put, path = "/me/password", request_body = PasswordChange,
    responses((status = 200, body = PasswordChanged), (status = 401, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn change_password(
    State(state): State<AppState>,
    me: Current,
    ApiJson(body): ApiJson<PasswordChange>,
) -> Result<Json<PasswordChanged>, AppError> {
    let key =
        accounts::change_password(&state, &me, &body.current, &body.new, body.new_recovery_key)
            .await?;
    Ok(Json(PasswordChanged {
        recovery_key: key.map(|k| k.expose().to_string()),
    }))
}

/// Setting a new password with the recovery key.
#[derive(Deserialize, ToSchema)]
#[schema(example = json!({"username": "alex", "recovery_key": "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789", "new_password": "maple harbour silently eleven"}))]
pub struct Recovery {
    /// Your username.
    pub username: String,
    /// The recovery key you wrote down.
    pub recovery_key: String,
    /// The new password.
    pub new_password: String,
}

/// Sets a new password with the recovery key: everything stays readable, every session ends,
/// and a notice says so at the next sign-in. Answers a bearer token for this client.
#[utoipa::path(post, path = "/recovery", request_body = Recovery,
    responses((status = 201, body = crate::api::SessionCreated), (status = 400, body = ErrorBody),
              (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn recover(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    accounts::UserAgent(ua): accounts::UserAgent,
    ApiJson(body): ApiJson<Recovery>,
) -> Result<(StatusCode, Json<crate::api::SessionCreated>), AppError> {
    let client = accounts::Client::new("api", ua.as_deref());
    let token = state
        .limits
        .sign_in(
            addr.ip(),
            &body.username,
            accounts::recover(
                &state,
                &body.username,
                &body.recovery_key,
                &body.new_password,
                &client,
            ),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(crate::api::SessionCreated {
            token: token.expose().to_string(),
        }),
    ))
}

/// These routes, with their annotations.
pub(crate) fn routes() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(change_password))
        .routes(routes!(recover))
}
