//! What every page form does at its end, written once.

use std::future::Future;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use kintsugi_coach::{Analysis, Kind};
use kintsugi_domain::RecordId;
use serde::Deserialize;

use crate::accounts::Current;
use crate::kit::{coach_for, parse_id};
use crate::{AppError, AppState};

/// On success, go where `to` says; when refused, show the page again with what was typed and
/// why (`again` gets the error and renders with its status).
pub(crate) async fn redirect_or<T, Fut>(
    result: Result<T, AppError>,
    to: impl FnOnce(T) -> String,
    again: impl FnOnce(AppError) -> Fut,
) -> Result<Response, AppError>
where
    Fut: Future<Output = Result<Response, AppError>>,
{
    match result {
        Ok(v) => Ok(Redirect::to(&to(v)).into_response()),
        Err(e) => again(e).await,
    }
}

/// "Check my words" pressed on a form: the coach's reading, or why it couldn't read.
pub(crate) fn coach_check(
    state: &AppState,
    me: &Current,
    kind: Kind,
    text: &str,
) -> (Option<Analysis>, Option<AppError>) {
    match coach_for(state, me, kind, text) {
        Ok(a) => (Some(a), None),
        Err(e) => (None, Some(e)),
    }
}

/// A record id from the path; anything else is "not found", like an id that isn't there.
pub(crate) struct PathId(pub(crate) RecordId);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound("We couldn't find that."))?;
        parse_id(&raw).map(PathId)
    }
}

/// `?done=…` after a form succeeded.
#[derive(Deserialize)]
pub(crate) struct Done {
    #[serde(default)]
    done: Option<String>,
}

impl Done {
    /// The notice for what was done, from a page's own table of them.
    pub(crate) fn notice(&self, table: &[(&str, &'static str)]) -> Option<&'static str> {
        let done = self.done.as_deref()?;
        table.iter().find(|(k, _)| *k == done).map(|(_, v)| *v)
    }
}
