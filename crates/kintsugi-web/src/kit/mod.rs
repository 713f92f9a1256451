//! The adapter's kit: what every page and API handler shares, so a step's adapter only parses,
//! calls the app crate and renders. Nothing here registers routes.

mod api;
pub(crate) mod chart;
mod coach;
mod form;
mod id;
mod json;
mod listing;
mod page;
mod paging;
mod step;
mod thread;

pub(crate) use api::{Answer, ApiRouter, Created, New};
pub(crate) use coach::{apology_coach_for, coach_for};
pub(crate) use form::{Act, ActOn, Done, Fields, PathId, Shown, redirect_or};
pub(crate) use id::parse_id;
pub use json::{ApiJson, TextIn};
pub(crate) use listing::{Frame, Listing, Shows, listing, show_listing};
pub(crate) use page::{
    Ctx, FieldErrors, HtmlForm, Me, Nav, html_errors, local_path, message, next_cleared,
    next_cookie, next_of, render, split,
};
pub(crate) use paging::{Paged, Paging, older, paged_list};
pub(crate) use step::{WebStep, guide_page, plain_text, web_step};
pub(crate) use thread::{TextForm, Typed, send_text};
