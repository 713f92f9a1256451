//! Home (or the landing page for visitors).

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use crate::accounts::MaybeCurrent;
use crate::kit::*;
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "landing.html")]
struct Landing {
    nav: Nav,
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    nav: Nav,
    partner: Option<String>,
    since: String,
    notices: Vec<crate::pages::notices::NoticeView>,
    waiting: Vec<kintsugi_app::inbox::InboxItem>,
    /// How many more wait than are listed.
    more: usize,
    /// Every step, and whether the person has used it.
    steps: Vec<(&'static crate::kit::WebStep, bool)>,
    /// Whether a safety check the person kept suggests danger (a calm note, to them alone).
    danger: bool,
    /// One thing to try next, when there is one: the first step not yet used that the person
    /// can use now (alone, or with their partner). Offered once, never pressed.
    next: Option<&'static crate::kit::WebStep>,
}

#[derive(serde::Deserialize)]
struct HomeQuery {
    /// `all` lists everything that waits.
    #[serde(default)]
    show: String,
}

async fn home(
    State(state): State<AppState>,
    MaybeCurrent(me): MaybeCurrent,
    axum::extract::Query(q): axum::extract::Query<HomeQuery>,
) -> Result<Response, AppError> {
    let Some(me) = me else {
        return Ok(render(
            StatusCode::OK,
            &Landing {
                nav: Nav::new(&state, None, ""),
            },
        ));
    };
    let couple = me.couple.clone();
    let actor = me.actor(&state)?;
    let most = match q.show.as_str() {
        "all" => usize::MAX,
        _ => kintsugi_app::inbox::ON_HOME,
    };
    let newest = kintsugi_app::inbox::newest(&actor, most).await?;
    let (inbox, total) = (newest.items, newest.total);
    let notices = crate::pages::notices::for_home(&state, &me, newest.notices).await?;
    let mut nav = Nav::for_actor(&state, &actor, "home");
    nav.exit_ends_session = me.user.preferences.quick_exit_ends_session;
    nav.waiting = total;
    // Notices have their own cards on Home; the list shows the rest.
    let waiting: Vec<_> = inbox
        .into_iter()
        .filter(|i| !kintsugi_app::inbox::is_notice(i.waiting))
        .collect();
    let more = total.saturating_sub(waiting.len() + notices.len());
    let used = kintsugi_app::steps::used(&actor).await?;
    let steps: Vec<_> = crate::steps::WEB.iter().zip(used).collect();
    // A kept safety check that suggests danger: only what one does alone is suggested.
    let danger = kintsugi_app::locker::kept_danger(&actor, me.user.locker.as_deref());
    let together = couple.is_some() && !danger;
    let next = steps
        .iter()
        .find(|(w, used)| !used && (together || w.step.alone))
        .map(|(w, _)| *w);
    Ok(render(
        StatusCode::OK,
        &Home {
            notices,
            waiting,
            more,
            steps,
            next,
            danger,
            nav,
            since: couple
                .as_ref()
                .map(|c| actor.stamp(c.since).date())
                .unwrap_or_default(),
            partner: couple.map(|c| c.partner_display_name),
        },
    ))
}

/// The routes of these pages.
pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/", get(home))
}
