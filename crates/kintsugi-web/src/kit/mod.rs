//! The adapter's kit: what every page and API handler shares, so a step's adapter only parses,
//! calls the app crate and renders. Nothing here registers routes.

mod coach;
mod form;
mod id;
mod json;
mod page;
mod time;

pub(crate) use coach::coach_for;
pub(crate) use form::{Done, PathId, coach_check, redirect_or};
pub(crate) use id::parse_id;
pub use json::ApiJson;
pub(crate) use page::{FieldErrors, HtmlForm, Me, Nav, html_errors, message, render, split};
pub(crate) use time::{date_time, long_date, rfc3339};
