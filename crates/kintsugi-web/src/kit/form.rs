//! What every page form does at its end, written once.

use std::future::Future;

use axum::extract::{FromRequestParts, Path};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use kintsugi_coach::{Analysis, Kind};
use kintsugi_domain::RecordId;
use serde::Deserialize;

use crate::accounts::Current;
use crate::kit::{Ctx, FieldErrors, apology_coach_for, coach_for, parse_id, split};
use crate::{AppError, AppState};

/// On success, go where `to` says; when refused, show the page again with what was typed and
/// why (`again` gets the error and renders with its status).
pub(crate) async fn redirect_or<T, E: Into<AppError>, Fut>(
    result: Result<T, E>,
    to: impl FnOnce(T) -> String,
    again: impl FnOnce(AppError) -> Fut,
) -> Result<Response, AppError>
where
    Fut: Future<Output = Result<Response, AppError>>,
{
    match result {
        Ok(v) => Ok(Redirect::to(&to(v)).into_response()),
        Err(e) => again(e.into()).await,
    }
}

/// What a page shows around its content: a refusal (with its status and the field it concerns),
/// a notice after a form succeeded, or the coach's reading after "Check my words".
pub(crate) struct Shown {
    pub(crate) status: StatusCode,
    pub(crate) errors: FieldErrors,
    pub(crate) general: Option<String>,
    pub(crate) notice: Option<&'static str>,
    pub(crate) analysis: Option<Analysis>,
    /// Which coached field the reading is for, where a page has several (its id).
    pub(crate) about: Option<String>,
}

impl Default for Shown {
    fn default() -> Self {
        Shown {
            status: StatusCode::OK,
            errors: FieldErrors::default(),
            general: None,
            notice: None,
            analysis: None,
            about: None,
        }
    }
}

impl Shown {
    /// Whether the reading's finding `i` says why in the same words as one before it (then the
    /// page says "as above" instead of repeating it).
    pub(crate) fn why_said_before(&self, i: &usize) -> bool {
        let findings = self.analysis.iter().flat_map(|a| a.findings.iter());
        let all: Vec<_> = findings.collect();
        all.get(*i)
            .is_some_and(|f| all[..*i].iter().any(|g| g.why == f.why))
    }

    /// The dangers in the coach's reading, for the safety card.
    pub(crate) fn dangers(&self) -> super::coach::Dangers {
        super::coach::Dangers::of(self.analysis.iter().flat_map(|a| a.safety.iter()))
    }

    /// A page after a form succeeded, with the notice for what was done.
    pub(crate) fn notice(notice: Option<&'static str>) -> Shown {
        Shown {
            notice,
            ..Shown::default()
        }
    }

    /// A page again after a form was refused: why, by its field, with the refusal's status.
    pub(crate) fn refused(err: AppError) -> Shown {
        let (errors, general) = split(&err);
        Shown {
            status: err.status(),
            errors,
            general,
            ..Shown::default()
        }
    }

    /// The same, about one of several forms on a page (by its field's id): its errors and
    /// reading show under that form only.
    pub(crate) fn about(mut self, id: &str) -> Shown {
        self.about = Some(id.to_string());
        self.errors.1 = Some(id.to_string());
        self
    }

    /// A page after "Check my words": the coach's reading, or why it couldn't read.
    pub(crate) fn checked(cx: &Ctx, kind: Kind, text: &str) -> Shown {
        Shown::reading(coach_for(&cx.state, &cx.me, kind, text))
    }

    /// The same, for one of several coached fields on a page (by its id).
    pub(crate) fn checked_field(cx: &Ctx, kind: Kind, text: &str, id: String) -> Shown {
        Shown {
            about: Some(id),
            ..Shown::checked(cx, kind, text)
        }
    }

    /// Whether the coach's reading belongs under the field `id`.
    pub(crate) fn reads(&self, id: &str) -> bool {
        self.about.as_deref().is_none_or(|a| a == id)
    }

    /// A page after "Check my apology" on the five-field form: each part judged by its field.
    pub(crate) fn checked_apology(cx: &Ctx, fields: [&str; 5]) -> Shown {
        Shown::reading(apology_coach_for(&cx.state, &cx.me, fields))
    }

    fn reading(result: Result<Analysis, AppError>) -> Shown {
        match result {
            Ok(a) => Shown {
                analysis: Some(a),
                ..Shown::default()
            },
            Err(e) => Shown {
                status: StatusCode::OK,
                ..Shown::refused(e)
            },
        }
    }
}

/// An actor for an API handler: the signed-in person with their keys (401 otherwise).
pub(crate) struct Act(pub(crate) kintsugi_app::Actor);

impl FromRequestParts<AppState> for Act {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let me = Current::from_request_parts(parts, state).await?;
        me.actor(state).map(Act)
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
    /// What a page shows after a form succeeded: the notice from its own table.
    pub(crate) fn shown(&self, table: &[(&str, &'static str)]) -> Shown {
        Shown::notice(self.notice(table))
    }

    /// The notice for what was done, from a page's own table of them.
    pub(crate) fn notice(&self, table: &[(&str, &'static str)]) -> Option<&'static str> {
        let done = self.done.as_deref()?;
        table.iter().find(|(k, _)| *k == done).map(|(_, v)| *v)
    }
}

/// An API handler's actor and the item its path names (`/…/{id}`): 401 without a session,
/// 404 for an id that isn't one.
pub(crate) struct ActOn(pub(crate) kintsugi_app::Actor, pub(crate) RecordId);

impl FromRequestParts<AppState> for ActOn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Act(actor) = Act::from_request_parts(parts, state).await?;
        let PathId(id) = PathId::from_request_parts(parts, state).await?;
        Ok(ActOn(actor, id))
    }
}

/// A form's fields as sent, repeats kept (`days=1&days=3`): for forms a plain struct can't read.
#[derive(Debug, Default, Clone)]
pub(crate) struct Fields(pub(crate) Vec<(String, String)>);

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Fields, D::Error> {
        Vec::<(String, String)>::deserialize(d).map(Fields)
    }
}

impl Fields {
    /// The first value of `key` ("" when absent).
    pub(crate) fn get(&self, key: &str) -> &str {
        let found = self.0.iter().find(|(k, _)| k == key);
        found.map_or("", |(_, v)| v.as_str())
    }

    /// Whether `key` was sent with `value` (a ticked box).
    pub(crate) fn has(&self, key: &str, value: &str) -> bool {
        self.0.iter().any(|(k, v)| k == key && v == value)
    }

    /// `key`'s value read by `parse`; one that doesn't read is refused as not one of `what`,
    /// never guessed.
    pub(crate) fn one<T>(
        &self,
        key: &str,
        what: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<T, AppError> {
        parse(self.get(key)).ok_or_else(|| not_one_of(what))
    }

    /// Every value of the repeated field `key`, each read by `parse`, as [`Fields::one`].
    pub(crate) fn all<T>(
        &self,
        key: &str,
        what: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Vec<T>, AppError> {
        let values = self.0.iter().filter(|(k, _)| k == key);
        values
            .map(|(_, v)| parse(v).ok_or_else(|| not_one_of(what)))
            .collect()
    }
}

fn not_one_of(what: &str) -> AppError {
    AppError::BadRequest(format!("That isn't one of the {what}."))
}
