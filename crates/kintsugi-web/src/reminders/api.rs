//! The reminders API: the settings, the e-mail address, the calendar feed's address.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::routes;

use kintsugi_app::reminders::{self, NewReminders, RemindersView};

use crate::accounts::Current;
use crate::kit::{Act, ApiJson, ApiRouter};
use crate::{AppError, AppState, ErrorBody};

/// Your reminders: which kinds are on, when the day's reminders come, quiet hours, e-mail and
/// how your calendar names things. Off is the default for e-mail.
#[utoipa::path(get, path = "/reminders", responses((status = 200, body = RemindersView)))]
async fn get_reminders(
    State(state): State<AppState>,
    Act(actor): Act,
) -> Result<Json<RemindersView>, AppError> {
    let mail = state.config.mail.is_some();
    Ok(Json(reminders::view(&actor, mail).await?))
}

/// Changes your reminders, only over the `version` you read (409 when they changed since).
/// E-mail can be turned on only once an address is confirmed (409).
#[utoipa::path(put, path = "/reminders", request_body = NewReminders,
    responses((status = 200, body = RemindersView), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
async fn put_reminders(
    State(state): State<AppState>,
    Act(actor): Act,
    ApiJson(body): ApiJson<NewReminders>,
) -> Result<Json<RemindersView>, AppError> {
    let mail = state.config.mail.is_some();
    let view = reminders::choose(&actor, &body, mail).await?;
    state.wake_worker();
    Ok(Json(view))
}

/// An e-mail address for reminders.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"address": "sam@example.org"}))]
pub(crate) struct NewAddress {
    /// The address (at most 254 characters).
    pub(crate) address: String,
}

/// Sends a link to `address`; once it is opened (within a day, once), it becomes your address
/// for reminders and e-mail reminders are on. Until then nothing else is sent to it. 409 when
/// this server doesn't send e-mail.
#[utoipa::path(put, path = "/email", request_body = NewAddress,
    responses((status = 202), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_email(
    State(state): State<AppState>,
    me: Current,
    ApiJson(body): ApiJson<NewAddress>,
) -> Result<StatusCode, AppError> {
    super::ask_email(&state, &me, &body.address).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Forgets your address (and one waiting for its link); e-mail reminders stop.
#[utoipa::path(delete, path = "/email", responses((status = 204)))]
async fn delete_email(State(state): State<AppState>, me: Current) -> Result<StatusCode, AppError> {
    state.store.remove_email(me.user.id).await?;
    tracing::info!(user = %me.user.id, "e-mail address removed");
    Ok(StatusCode::NO_CONTENT)
}

/// Your calendar feed's address.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Feed {
    /// The secret address a calendar app subscribes to (null: you have none). Anyone with it
    /// sees the times in it: keep it like a password.
    pub(crate) url: Option<String>,
}

/// Your calendar feed's address, if you made one.
#[utoipa::path(get, path = "/calendar", responses((status = 200, body = Feed)))]
async fn get_calendar(State(state): State<AppState>, me: Current) -> Result<Json<Feed>, AppError> {
    Ok(Json(Feed {
        url: super::feed_of(&state, &me).await?,
    }))
}

/// A new calendar feed address; the old one stops at once.
#[utoipa::path(post, path = "/calendar", responses((status = 201, body = Feed)))]
async fn post_calendar(
    State(state): State<AppState>,
    me: Current,
) -> Result<(StatusCode, Json<Feed>), AppError> {
    let url = super::new_feed(&state, &me).await?;
    Ok((StatusCode::CREATED, Json(Feed { url: Some(url) })))
}

/// Stops your calendar feed.
#[utoipa::path(delete, path = "/calendar", responses((status = 204)))]
async fn delete_calendar(
    State(state): State<AppState>,
    me: Current,
) -> Result<StatusCode, AppError> {
    state.store.set_calendar(me.user.id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// These routes, with their annotations.
pub(crate) fn routes() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(get_reminders, put_reminders))
        .routes(routes!(put_email, delete_email))
        .routes(routes!(get_calendar, post_calendar, delete_calendar))
}
