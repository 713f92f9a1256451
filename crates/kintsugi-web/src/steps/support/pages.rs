//! The Support page: the signals that apply now, each dismissible, and the lines and
//! directories of this instance (built-in ones marked).

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kintsugi_domain::support::Signal;

use kintsugi_app::support::reports::{self, ReportView};
use kintsugi_app::support::{self, SignalView};

use crate::kit::{Ctx, Done, Fields, Nav, Shown, render};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "support/index.html")]
struct IndexPage {
    nav: Nav,
    shown: Shown,
    signals: Vec<SignalView>,
    reports: Vec<ReportView>,
    typed: Fields,
    today: String,
    /// A safety check the person kept suggests danger: no couple work is suggested to them.
    danger: bool,
}

/// The signals, with how much each partner shared lately (for the one about effort) and
/// whether a safety check the person kept suggests danger (from their locker as read).
pub(super) async fn signals(
    actor: &kintsugi_app::Actor,
    locker: Option<&[u8]>,
) -> Result<Vec<SignalView>, AppError> {
    let effort = kintsugi_app::effort::effort(actor).await?;
    let danger = kintsugi_app::locker::kept_danger(actor, locker);
    let lately = kintsugi_app::effort::lately(&effort);
    Ok(support::signals(actor, lately, danger).await?)
}

const NOTICES: &[(&str, &str)] = &[(
    "aside",
    "Set aside for thirty days. It comes back then if it still applies.",
)];

/// The page, with what it shows around it and what was typed in the request form.
pub(super) async fn index(cx: &Ctx, shown: Shown, typed: Fields) -> Result<Response, AppError> {
    let page = IndexPage {
        signals: signals(&cx.actor, cx.me.user.locker.as_deref()).await?,
        reports: reports::reports(&cx.actor).await?,
        nav: cx.nav_for(&support::STEP).await,
        today: cx.actor.zone.format(kintsugi_app::now(), "%Y-%m-%d"),
        danger: kintsugi_app::locker::kept_danger(&cx.actor, cx.me.user.locker.as_deref()),
        shown,
        typed,
    };
    Ok(render(page.shown.status, &page))
}

async fn index_page(cx: Ctx, Query(done): Query<Done>) -> Result<Response, AppError> {
    index(&cx, done.shown(NOTICES), Fields::default()).await
}

async fn dismiss(cx: Ctx, Path(signal): Path<String>) -> Result<Response, AppError> {
    let signal = Signal::parse(&signal).ok_or(AppError::NotFound("There is no such signal."))?;
    support::dismiss(&cx.actor, signal).await?;
    Ok(Redirect::to("/support?done=aside").into_response())
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .route("/support", get(index_page))
        .route("/support/signals/{signal}/dismiss", post(dismiss))
        .merge(super::reports::pages())
}
