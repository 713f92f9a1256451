//! One error type for the web layer, mapped to HTTP once. Messages are written for a person and
//! never carry private text.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kintsugi_domain::InvalidInput;
use kintsugi_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// What went wrong, as the web layer sees it.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A value from the request was refused.
    #[error("{0}")]
    Invalid(#[from] InvalidInput),
    /// The request itself is malformed (bad JSON, bad UTF-8, missing field).
    #[error("{0}")]
    BadRequest(String),
    /// Not signed in, or the session ended.
    #[error("Please sign in to continue.")]
    Unauthorized,
    /// Username or password did not match (never says which).
    #[error("That username and password don't match. Please try again.")]
    BadCredentials,
    /// Not there, or not yours: the same answer, so existence is not revealed.
    #[error("{0}")]
    NotFound(&'static str),
    /// Conflicts with what exists (a taken username, already in a couple).
    #[error("{0}")]
    Conflict(String),
    /// The body is not JSON (or not declared as such).
    #[error("Send the request body as JSON, with the header Content-Type: application/json.")]
    WrongContentType,
    /// Too large.
    #[error("{0}")]
    TooLarge(String),
    /// Too many attempts.
    #[error("Too many attempts. Please wait a minute and try again.")]
    RateLimited,
    /// Something on our side failed; details go to the log, never to the person.
    #[error("Something went wrong on our side. Your data is safe; please try again in a moment.")]
    Internal,
}

/// The JSON error body: `{"error": {"code", "message"}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// A stable code and a message a person can act on.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code.
    pub code: &'static str,
    /// What happened and what to do.
    pub message: String,
    /// The name of the field concerned (as in the request), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

impl AppError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::WrongContentType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid_input",
            AppError::BadRequest(_) => "bad_request",
            AppError::Unauthorized => "unauthorized",
            AppError::BadCredentials => "bad_credentials",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::TooLarge(_) => "too_large",
            AppError::WrongContentType => "wrong_content_type",
            AppError::RateLimited => "rate_limited",
            AppError::Internal => "internal",
        }
    }

    /// The field a form should show this error next to.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AppError::Invalid(i) => Some(i.field().name),
            _ => None,
        }
    }

    /// The JSON body.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.to_string(),
                field: self.field(),
            },
        }
    }
}

/// The message when a write lost a race with another change to the same item.
pub const STALE: &str = "This changed in the meantime (perhaps in another tab), so nothing was saved. Please reload to see the latest version, then try again.";

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::Conflict("username") => {
                AppError::Conflict("That username is taken. Please choose another.".into())
            }
            StoreError::Conflict(what) => {
                AppError::Conflict(format!("That {what} is already taken."))
            }
            StoreError::NotFound => AppError::NotFound("We couldn't find that."),
            StoreError::State(msg) => AppError::Conflict(msg.to_string()),
            StoreError::Stale => AppError::Conflict(STALE.into()),
            // Signed out, or the keys were reset, while the request was on its way.
            StoreError::SessionEnded => AppError::Unauthorized,
            StoreError::Database(err) => {
                tracing::error!(error = %err, "database error");
                AppError::Internal
            }
        }
    }
}

/// The application layer's refusals, mapped to HTTP here and nowhere else.
impl From<kintsugi_app::Error> for AppError {
    fn from(e: kintsugi_app::Error) -> AppError {
        match e {
            kintsugi_app::Error::Invalid(i) => AppError::Invalid(i),
            kintsugi_app::Error::NotFound(msg) => AppError::NotFound(msg),
            kintsugi_app::Error::Refused(msg) => AppError::Conflict(msg),
            kintsugi_app::Error::Store(e) => e.into(),
            kintsugi_app::Error::Internal => AppError::Internal,
        }
    }
}

impl From<kintsugi_vault::VaultError> for AppError {
    fn from(e: kintsugi_vault::VaultError) -> AppError {
        tracing::error!(error = %e, "key could not be opened");
        AppError::Internal
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        (self.status(), axum::Json(self.body())).into_response()
    }
}
