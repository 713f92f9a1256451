//! Account → Reminders, the links e-mails carry (confirm an address, turn e-mail off) and the
//! calendar feed itself.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kintsugi_app::reminders::{self, KindView, NewReminders, QuietHours, RemindersView, Titles};
use kintsugi_domain::UserId;
use serde::Deserialize;

use crate::accounts::Current;
use crate::kit::{Act, FieldErrors, Fields, HtmlForm, Nav, message, redirect_or, render, split};
use crate::{AppError, AppState};

#[derive(Deserialize)]
struct Done {
    #[serde(default)]
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "reminders.html")]
struct RemindersPage {
    nav: Nav,
    r: RemindersView,
    daily: Vec<KindView>,
    timed: Vec<KindView>,
    feed: Option<String>,
    errors: FieldErrors,
    general: Option<String>,
    notice: Option<&'static str>,
}

impl RemindersPage {
    fn on(&self, kind: &str) -> bool {
        self.r.kinds.iter().any(|k| k == kind)
    }

    fn plain(&self) -> bool {
        self.r.calendar_titles == Titles::Plain
    }
}

async fn page(
    state: &AppState,
    me: &Current,
    actor: &kintsugi_app::Actor,
    status: StatusCode,
    err: Option<AppError>,
    notice: Option<&'static str>,
) -> Result<Response, AppError> {
    let r = reminders::view(actor, state.config.mail.is_some()).await?;
    let (daily, timed) = r.choices.iter().cloned().partition(|k| k.daily);
    let (errors, general) = err.as_ref().map(split).unwrap_or_default();
    Ok(render(
        status,
        &RemindersPage {
            nav: Nav::new(state, Some(me), "account"),
            feed: super::feed_of(state, me).await?,
            r,
            daily,
            timed,
            errors,
            general,
            notice,
        },
    ))
}

async fn show(
    State(state): State<AppState>,
    me: Current,
    Act(actor): Act,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let notice = match q.done.as_deref() {
        Some("saved") => Some("Saved. Reminders follow your new choices from now on."),
        Some("email") => Some(
            "We sent a link to that address. Open it within a day to confirm it; until then nothing else goes there.",
        ),
        Some("removed") => Some("Your address is forgotten, and e-mail reminders are off."),
        Some("feed") => Some("Your calendar has a new address. The old one no longer works."),
        Some("stopped") => Some("Your calendar feed is stopped."),
        _ => None,
    };
    page(&state, &me, &actor, StatusCode::OK, None, notice).await
}

/// The settings form as sent: ticked kinds, times, and the switches.
fn typed(f: &Fields) -> NewReminders {
    NewReminders {
        // Every value reads as a kind's name; `choose` refuses one there isn't.
        kinds: f
            .all("kinds", "reminders", |v| Some(v.to_string()))
            .unwrap_or_default(),
        daily_at: f.get("daily_at").to_string(),
        quiet_hours: f.has("quiet", "on").then(|| QuietHours {
            from: f.get("quiet_from").to_string(),
            to: f.get("quiet_to").to_string(),
        }),
        time_zone: None,
        email: f.has("email", "on"),
        calendar_titles: if f.has("titles", "plain") {
            Titles::Plain
        } else {
            Titles::Neutral
        },
        version: f.get("version").parse().unwrap_or(-1),
    }
}

async fn save(
    State(state): State<AppState>,
    me: Current,
    Act(actor): Act,
    HtmlForm(f): HtmlForm<Fields>,
) -> Result<Response, AppError> {
    let mail = state.config.mail.is_some();
    let saved = reminders::choose(&actor, &typed(&f), mail).await;
    if saved.is_ok() {
        state.wake_worker();
    }
    let again = |e: AppError| page(&state, &me, &actor, e.status(), Some(e), None);
    redirect_or(saved, |_| "/account/reminders?done=saved".into(), again).await
}

#[derive(Deserialize)]
struct AddressForm {
    #[serde(default)]
    address: String,
}

async fn email(
    State(state): State<AppState>,
    me: Current,
    Act(actor): Act,
    HtmlForm(f): HtmlForm<AddressForm>,
) -> Result<Response, AppError> {
    let asked = super::ask_email(&state, &me, &f.address).await;
    let again = |e: AppError| page(&state, &me, &actor, e.status(), Some(e), None);
    redirect_or(asked, |_| "/account/reminders?done=email".into(), again).await
}

async fn remove_email(State(state): State<AppState>, me: Current) -> Result<Response, AppError> {
    state.store.remove_email(me.user.id).await?;
    Ok(Redirect::to("/account/reminders?done=removed").into_response())
}

async fn new_feed(State(state): State<AppState>, me: Current) -> Result<Response, AppError> {
    super::new_feed(&state, &me).await?;
    Ok(Redirect::to("/account/reminders?done=feed#calendar").into_response())
}

async fn stop_feed(State(state): State<AppState>, me: Current) -> Result<Response, AppError> {
    state.store.set_calendar(me.user.id, None).await?;
    Ok(Redirect::to("/account/reminders?done=stopped#calendar").into_response())
}

/// The link in a confirmation e-mail: once, within a day.
async fn confirm(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let hash = kintsugi_vault::token_hash(token.as_bytes());
    match state.store.confirm_email(&hash, kintsugi_app::now()).await {
        Ok(user) => {
            tracing::info!(%user, "e-mail address confirmed");
            state.wake_worker();
            message(
                &state,
                None,
                StatusCode::OK,
                "Your address is confirmed",
                "Reminders will come to it by e-mail, outside your quiet hours. Each one only says that something is waiting, and has a link to turn them off. You can change them in Account, under Reminders.",
            )
        }
        Err(kintsugi_store::StoreError::NotFound) => message(
            &state,
            None,
            StatusCode::NOT_FOUND,
            "This link doesn't work any more",
            "It was used already, or more than a day has passed, or a newer link replaced it. You can ask for a new one in Account, under Reminders.",
        ),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// The link in every reminder: e-mail off, at once, without signing in (also a one-click
/// `POST` from a mail program, RFC 8058).
async fn off(
    State(state): State<AppState>,
    Path((user, token)): Path<(String, String)>,
) -> Response {
    let user = uuid::Uuid::parse_str(&user).ok().map(UserId);
    let Some(user) = user.filter(|u| super::off_token_is(&state, *u, &token)) else {
        return message(
            &state,
            None,
            StatusCode::NOT_FOUND,
            "This link doesn't work",
            "It may have been copied incompletely. You can turn e-mail reminders off in Account, under Reminders.",
        );
    };
    match state.store.email_off(user).await {
        Ok(_) => {
            tracing::info!(%user, "e-mail reminders turned off from an e-mail");
            message(
                &state,
                None,
                StatusCode::OK,
                "E-mail reminders are off",
                "No more reminders will come by e-mail. If you want them again, turn them on in Account, under Reminders.",
            )
        }
        Err(e) => AppError::from(e).into_response(),
    }
}

/// The calendar feed at its secret address; an old or unknown address finds nothing.
async fn calendar(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let gone = || {
        (
            StatusCode::NOT_FOUND,
            [(header::CACHE_CONTROL, "no-store")],
            "This calendar address doesn't work (it may have been replaced).\n",
        )
            .into_response()
    };
    let Some(token) = file.strip_suffix(".ics") else {
        return gone();
    };
    let hash = kintsugi_vault::token_hash(token.as_bytes());
    let owner = match state.store.calendar_owner(&hash).await {
        Ok(Some(o)) => o,
        Ok(None) => return gone(),
        Err(e) => return AppError::from(e).into_response(),
    };
    let (user, plain) = owner;
    let read = async {
        let moments = kintsugi_app::due::moments(state.store.as_ref(), user).await?;
        let partner = match plain {
            true => Some(
                state
                    .store
                    .active_couple(user)
                    .await?
                    .map_or("your partner".to_string(), |c| c.partner_display_name),
            ),
            false => None,
        };
        Ok::<_, kintsugi_app::Error>((moments, partner))
    };
    match read.await {
        Ok((moments, partner)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            super::feed::calendar(&state, user, &moments, partner.as_deref()),
        )
            .into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// The pages.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/account/reminders", get(show).post(save))
        .route("/account/reminders/email", post(email))
        .route("/account/reminders/email/remove", post(remove_email))
        .route("/account/reminders/calendar", post(new_feed))
        .route("/account/reminders/calendar/stop", post(stop_feed))
        .route("/email/confirm/{token}", get(confirm))
        .route("/email/off/{user}/{token}", get(off).post(off))
        .route("/calendar/{file}", get(calendar))
}
