//! The talk pages.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use kintsugi_coach::{Analysis, Kind};
use kintsugi_domain::RecordId;
use kintsugi_domain::talk::{
    GROUND_RULES, PAUSE_MIN_MINUTES, Reply, Scale, Status, TOPIC_MAX, TalkReflection, TalkTime,
};
use serde::Deserialize;

use kintsugi_app::talk::{Talk, pause, propose, reflect, respond, talk, talks};

use crate::accounts::Current;
use crate::kit::{
    Done, FieldErrors, HtmlForm, Me, Nav, PathId, coach_check, date_time, redirect_or, render,
    rfc3339, split,
};
use crate::{AppError, AppState};

struct TalkRow {
    id: String,
    topic: String,
    status: String,
    waiting_on_me: bool,
}

fn status_line(t: &Talk, me: &Current) -> String {
    let partner = partner_of(t, me);
    match (t.closed, t.status) {
        (true, Status::Agreed { time }) => format!(
            "Closed: your couple has ended, so this talk stays as it was. Agreed: {}",
            time.friendly()
        ),
        (true, Status::Proposed { time, .. }) => format!(
            "Closed: your couple ended before a time was agreed. The last time proposed was {}.",
            time.friendly()
        ),
        (false, Status::Agreed { time }) => format!("Agreed: {}", time.friendly()),
        (false, Status::Proposed { by, time }) if by == me.user.id => {
            format!("You proposed {}. Waiting for {partner}.", time.friendly())
        }
        (false, Status::Proposed { time, .. }) => format!(
            "{partner} proposed {}. Your answer is welcome.",
            time.friendly()
        ),
    }
}

/// Who the other person in a talk is: the partner, or a former partner for a closed talk.
fn partner_of(t: &Talk, me: &Current) -> String {
    if t.closed {
        "your former partner".to_string()
    } else {
        partner_name(me)
    }
}

fn partner_name(me: &Current) -> String {
    me.couple.as_ref().map_or_else(
        || "your partner".to_string(),
        |c| c.partner_display_name.clone(),
    )
}

#[derive(Template)]
#[template(path = "talk/index.html")]
struct TalksPage {
    nav: Nav,
    paired: bool,
    partner: String,
    talks: Vec<TalkRow>,
    rules: [&'static str; 4],
    topic: String,
    time: String,
    analysis: Option<Analysis>,
    errors: FieldErrors,
    general: Option<String>,
    topic_max: usize,
}

async fn index_page(
    state: &AppState,
    me: &Current,
    status: StatusCode,
    form: (String, String),
    analysis: Option<Analysis>,
    err: Option<AppError>,
) -> Result<Response, AppError> {
    let actor = me.actor(state)?;
    let talks = talks(&actor)
        .await?
        .into_iter()
        .map(|t| TalkRow {
            id: t.id.to_string(),
            status: status_line(&t, me),
            waiting_on_me: t.turn_of(me.user.id) && !t.closed,
            topic: t.proposal.topic,
        })
        .collect();
    let (errors, general) = err.as_ref().map(split).unwrap_or_default();
    Ok(render(
        status,
        &TalksPage {
            nav: Nav::new(state, Some(me), "program").noting(&actor),
            paired: me.couple.is_some(),
            partner: partner_name(me),
            talks,
            rules: GROUND_RULES,
            topic: form.0,
            time: form.1,
            analysis,
            errors,
            general,
            topic_max: TOPIC_MAX,
        },
    ))
}

async fn talks_page(State(state): State<AppState>, Me(me): Me) -> Result<Response, AppError> {
    index_page(
        &state,
        &me,
        StatusCode::OK,
        (String::new(), String::new()),
        None,
        None,
    )
    .await
}

#[derive(Deserialize)]
struct ProposeForm {
    topic: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    action: String,
}

async fn propose_form(
    State(state): State<AppState>,
    Me(me): Me,
    HtmlForm(form): HtmlForm<ProposeForm>,
) -> Result<Response, AppError> {
    if form.action == "check" {
        let (analysis, err) = coach_check(&state, &me, Kind::Message, &form.topic);
        let typed = (form.topic, form.time);
        return index_page(&state, &me, StatusCode::OK, typed, analysis, err).await;
    }
    let proposed = async {
        let time = TalkTime::parse(&form.time)?;
        Ok::<_, AppError>(propose(&me.actor(&state)?, &form.topic, time).await?)
    }
    .await;
    redirect_or(
        proposed,
        |id| format!("/talks/{id}"),
        |e| {
            index_page(
                &state,
                &me,
                e.status(),
                (form.topic, form.time),
                None,
                Some(e),
            )
        },
    )
    .await
}

struct EventView {
    who: String,
    what: String,
    note: String,
    at: String,
}

struct PauseView {
    who: String,
    minutes: u32,
    called: String,
    called_iso: String,
    back: String,
    back_iso: String,
}

#[derive(Template)]
#[template(path = "talk/show.html")]
struct TalkPage {
    nav: Nav,
    id: String,
    topic: String,
    partner: String,
    proposer: String,
    status: String,
    agreed: bool,
    my_turn: bool,
    paired: bool,
    rules: [&'static str; 4],
    events: Vec<EventView>,
    pauses: Vec<PauseView>,
    reflected: bool,
    heard: u8,
    calm: u8,
    fight: &'static str,
    past: &'static str,
    note: String,
    time: String,
    analysis: Option<Analysis>,
    errors: FieldErrors,
    general: Option<String>,
    notice: Option<&'static str>,
    pause_min: u32,
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

/// What a talk page shows besides the talk: what was typed, the coach's reading, an error or
/// a notice.
#[derive(Default)]
struct Extras {
    note: String,
    time: String,
    analysis: Option<Analysis>,
    err: Option<AppError>,
    notice: Option<&'static str>,
}

impl Extras {
    /// The page again, with why the form was refused.
    fn failed(err: AppError) -> Extras {
        Extras {
            err: Some(err),
            ..Extras::default()
        }
    }

    /// The status to answer with: the refusal's, or 200.
    fn status(&self) -> StatusCode {
        self.err.as_ref().map_or(StatusCode::OK, AppError::status)
    }
}

async fn show_page(
    state: &AppState,
    me: &Current,
    id: RecordId,
    status: StatusCode,
    extras: Extras,
) -> Result<Response, AppError> {
    let Extras {
        note,
        time,
        analysis,
        err,
        notice,
    } = extras;
    let actor = me.actor(state)?;
    let t = talk(&actor, id).await?;
    let partner = partner_of(&t, me);
    // Event lines begin with who acted.
    let who = |mine: bool| match (mine, t.closed) {
        (true, _) => "You".to_string(),
        (false, true) => "Your former partner".to_string(),
        (false, false) => partner.clone(),
    };
    let events = t
        .events
        .iter()
        .map(|e| EventView {
            who: who(e.mine),
            what: match &e.reply {
                Reply::Accept { .. } => "agreed to the time".to_string(),
                Reply::Counter { time, .. } => format!("proposed {} instead", time.friendly()),
            },
            note: e.reply.note().to_string(),
            at: date_time(e.at),
        })
        .collect();
    let pauses = t
        .pauses
        .iter()
        .map(|(mine, p)| PauseView {
            who: who(*mine),
            minutes: p.minutes,
            called: date_time(p.called_at),
            called_iso: rfc3339(p.called_at),
            back: date_time(p.back_at()),
            back_iso: rfc3339(p.back_at()),
        })
        .collect();
    let (errors, general) = err.as_ref().map(split).unwrap_or_default();
    Ok(render(
        status,
        &TalkPage {
            nav: Nav::new(state, Some(me), "program").noting(&actor),
            id: t.id.to_string(),
            status: status_line(&t, me),
            agreed: matches!(t.status, Status::Agreed { .. }),
            my_turn: t.turn_of(me.user.id),
            paired: me.couple.is_some() && !t.closed,
            proposer: if t.mine {
                "you".to_string()
            } else {
                partner.clone()
            },
            topic: t.proposal.topic,
            partner,
            rules: GROUND_RULES,
            events,
            pauses,
            reflected: t.reflection.is_some(),
            heard: t.reflection.map_or(0, |r| r.felt_heard.get()),
            calm: t.reflection.map_or(0, |r| r.stayed_calm.get()),
            fight: yes_no(t.reflection.map(|r| r.turned_into_fight)),
            past: yes_no(t.reflection.map(|r| r.about_past)),
            note,
            time,
            analysis,
            errors,
            general,
            notice,
            pause_min: PAUSE_MIN_MINUTES,
        },
    ))
}

async fn talk_page(
    State(state): State<AppState>,
    Me(me): Me,
    PathId(id): PathId,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let notice = done.notice(&[
        ("answered", "Your answer is sent."),
        ("paused", "Your break is shared. Take the time you need."),
        (
            "reflected",
            "Saved. Only you can see how you rated this talk.",
        ),
    ]);
    let extras = Extras {
        notice,
        ..Extras::default()
    };
    show_page(&state, &me, id, StatusCode::OK, extras).await
}

#[derive(Deserialize)]
struct RespondForm {
    #[serde(default)]
    note: String,
    #[serde(default)]
    time: String,
    action: String,
}

async fn respond_form(
    State(state): State<AppState>,
    Me(me): Me,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<RespondForm>,
) -> Result<Response, AppError> {
    if form.action == "check" {
        let (analysis, err) = coach_check(&state, &me, Kind::Message, &form.note);
        let extras = Extras {
            note: form.note,
            time: form.time,
            analysis,
            err,
            notice: None,
        };
        return show_page(&state, &me, id, StatusCode::OK, extras).await;
    }
    let answered = async {
        let reply = match form.action.as_str() {
            "accept" => Reply::Accept {
                note: form.note.clone(),
            },
            _ => Reply::Counter {
                time: TalkTime::parse(&form.time)?,
                note: form.note.clone(),
            },
        };
        Ok::<_, AppError>(respond(&me.actor(&state)?, id, reply).await?)
    }
    .await;
    redirect_or(
        answered,
        |_| format!("/talks/{id}?done=answered"),
        |e| {
            let extras = Extras {
                note: form.note,
                time: form.time,
                ..Extras::failed(e)
            };
            show_page(&state, &me, id, extras.status(), extras)
        },
    )
    .await
}

#[derive(Deserialize)]
struct PauseForm {
    minutes: u32,
}

async fn pause_form(
    State(state): State<AppState>,
    Me(me): Me,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<PauseForm>,
) -> Result<Response, AppError> {
    let paused = pause(&me.actor(&state)?, id, form.minutes).await;
    redirect_or(
        paused.map_err(AppError::from),
        |_| format!("/talks/{id}?done=paused"),
        |e| {
            let extras = Extras::failed(e);
            show_page(&state, &me, id, extras.status(), extras)
        },
    )
    .await
}

#[derive(Deserialize)]
struct ReflectionForm {
    felt_heard: u8,
    stayed_calm: u8,
    turned_into_fight: String,
    about_past: String,
}

async fn reflect_form(
    State(state): State<AppState>,
    Me(me): Me,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<ReflectionForm>,
) -> Result<Response, AppError> {
    let saved = async {
        let r = TalkReflection {
            felt_heard: Scale::try_from(form.felt_heard)?,
            stayed_calm: Scale::try_from(form.stayed_calm)?,
            turned_into_fight: form.turned_into_fight == "yes",
            about_past: form.about_past == "yes",
        };
        Ok::<_, AppError>(reflect(&me.actor(&state)?, id, r).await?)
    }
    .await;
    redirect_or(
        saved,
        |_| format!("/talks/{id}?done=reflected#after"),
        |e| {
            let extras = Extras::failed(e);
            show_page(&state, &me, id, extras.status(), extras)
        },
    )
    .await
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .route("/talks", get(talks_page).post(propose_form))
        .route("/talks/{id}", get(talk_page))
        .route("/talks/{id}/respond", post(respond_form))
        .route("/talks/{id}/pause", post(pause_form))
        .route("/talks/{id}/reflection", post(reflect_form))
}
