//! The adapter's kit: what every page and API handler shares, so a step's adapter only parses,
//! calls the app crate and renders. Nothing here registers routes.

mod api;
pub(crate) mod chart;
mod coach;
mod form;
mod id;
mod json;
mod page;
mod step;

pub(crate) use api::{Answer, ApiRouter, Created};
pub(crate) use coach::{apology_coach_for, coach_for};
pub(crate) use form::{Act, ActOn, Done, PathId, Shown, redirect_or};
pub(crate) use id::parse_id;
pub use json::ApiJson;
pub(crate) use page::{
    Ctx, FieldErrors, HtmlForm, Me, Nav, html_errors, message, render, split, urlencode,
};
pub(crate) use step::{WebStep, guide_page};
