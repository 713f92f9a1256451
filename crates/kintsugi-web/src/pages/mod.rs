//! The pages that aren't a step of the program: home, accounts, the couple, the coach, the
//! program and its guides, notices. Server-rendered; they work without JavaScript.

mod account;
mod accounts;
mod coach;
mod couple;
mod guides;
mod home;
pub(crate) mod notices;
pub(crate) mod progress;
mod questions;
mod quick_exit;
mod recovery_key;
pub(crate) mod yours;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::AppState;
use crate::accounts::MaybeCurrent;
use crate::kit::message;

/// Pages nobody asked for.
pub(crate) async fn not_found(
    State(state): State<AppState>,
    MaybeCurrent(me): MaybeCurrent,
) -> Response {
    message(
        &state,
        me.as_ref(),
        StatusCode::NOT_FOUND,
        "This page isn't here",
        "The page you were looking for doesn't exist. It may have moved.",
    )
}

/// Every page route, steps included.
pub(crate) fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .merge(home::routes())
        .merge(accounts::routes(state))
        .merge(account::routes())
        .merge(couple::routes(state))
        .merge(coach::routes())
        .merge(guides::routes())
        .merge(quick_exit::routes())
        .merge(recovery_key::routes())
        .merge(notices::pages())
        .merge(progress::routes())
        .merge(yours::routes())
        .merge(crate::steps::pages())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            quick_exit::after_exit,
        ))
}
