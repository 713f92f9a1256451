//! The apology pages.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response as HttpResponse;
use axum::routing::{get, post};
use kintsugi_coach::{Analysis, Kind};
use kintsugi_domain::RecordId;
use kintsugi_domain::apology::{Answer, Apology, PART_MAX, Response, TEXT_MAX, VALUE_MAX};
use serde::Deserialize;

use kintsugi_app::apology::{apologies, apology, deliver, edit_draft, promise, respond, write};

use crate::accounts::Current;
use crate::kit::{
    Done, FieldErrors, HtmlForm, Me, Nav, PathId, coach_check, date_time, redirect_or, render,
    split,
};
use crate::{AppError, AppState};

use super::*;

pub(super) fn partner_name(me: &Current) -> String {
    me.couple.as_ref().map_or_else(
        || "your partner".to_string(),
        |c| c.partner_display_name.clone(),
    )
}

struct Row {
    id: String,
    title: String,
    state: String,
}

#[derive(Template)]
#[template(path = "apology/index.html")]
struct IndexPage {
    nav: Nav,
    paired: bool,
    partner: String,
    mine: Vec<Row>,
    to_me: Vec<Row>,
    parts: Parts,
    value: String,
    analysis: Option<Analysis>,
    errors: FieldErrors,
    general: Option<String>,
    part_max: usize,
    value_max: usize,
}

fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or_default();
    let mut out: String = line.chars().take(80).collect();
    if line.chars().count() > 80 {
        out.push('…');
    }
    out
}

async fn index_page(
    state: &AppState,
    me: &Current,
    status: StatusCode,
    form: (Parts, String),
    analysis: Option<Analysis>,
    err: Option<AppError>,
) -> Result<HttpResponse, AppError> {
    let partner = partner_name(me);
    let (mut mine, mut to_me) = (Vec::new(), Vec::new());
    let actor = me.actor(state)?;
    for a in apologies(&actor).await? {
        let state_line = match (a.mine, a.body.delivered_at) {
            (true, None) => "Draft · only you can see it".to_string(),
            (true, Some(t)) => format!("Delivered {}", date_time(t)),
            (false, Some(t)) => format!("From {partner}, {}", date_time(t)),
            (false, None) => String::new(),
        };
        let row = Row {
            id: a.id.to_string(),
            title: first_line(&a.body.what_i_did),
            state: state_line,
        };
        if a.mine {
            mine.push(row)
        } else {
            to_me.push(row)
        }
    }
    let (errors, general) = err.as_ref().map(split).unwrap_or_default();
    Ok(render(
        status,
        &IndexPage {
            nav: Nav::new(state, Some(me), "program").noting(&actor),
            paired: me.couple.is_some(),
            partner,
            mine,
            to_me,
            parts: form.0,
            value: form.1,
            analysis,
            errors,
            general,
            part_max: PART_MAX,
            value_max: VALUE_MAX,
        },
    ))
}

async fn index(State(state): State<AppState>, Me(me): Me) -> Result<HttpResponse, AppError> {
    index_page(&state, &me, StatusCode::OK, Default::default(), None, None).await
}

#[derive(Deserialize)]
struct WriteForm {
    #[serde(default)]
    value: String,
    what_i_did: String,
    #[serde(default)]
    responsibility: String,
    #[serde(default)]
    impact: String,
    #[serde(default)]
    differently: String,
    #[serde(default)]
    repair: String,
    action: String,
}

impl WriteForm {
    fn parts(&self) -> Parts {
        Parts {
            what_i_did: self.what_i_did.clone(),
            responsibility: self.responsibility.clone(),
            impact: self.impact.clone(),
            differently: self.differently.clone(),
            repair: self.repair.clone(),
        }
    }
}

/// The coach's reading of a whole draft apology.
fn check(state: &AppState, me: &Current, parts: &Parts) -> (Option<Analysis>, Option<AppError>) {
    let text = Apology {
        what_i_did: parts.what_i_did.clone(),
        responsibility: parts.responsibility.clone(),
        impact: parts.impact.clone(),
        differently: parts.differently.clone(),
        repair: parts.repair.clone(),
        delivered_at: None,
    }
    .full_text();
    coach_check(state, me, Kind::Apology, &text)
}

async fn write_form(
    State(state): State<AppState>,
    Me(me): Me,
    HtmlForm(form): HtmlForm<WriteForm>,
) -> Result<HttpResponse, AppError> {
    let parts = form.parts();
    if form.action == "check" {
        let (analysis, err) = check(&state, &me, &parts);
        return index_page(
            &state,
            &me,
            StatusCode::OK,
            (parts, form.value),
            analysis,
            err,
        )
        .await;
    }
    let deliver_now = form.action == "deliver";
    let written = write(
        &me.actor(&state)?,
        parts.as_array(),
        &form.value,
        deliver_now,
    )
    .await;
    let done = if deliver_now { "delivered" } else { "saved" };
    redirect_or(
        written.map_err(AppError::from),
        |id| format!("/apologies/{id}?done={done}"),
        |e| index_page(&state, &me, e.status(), (parts, form.value), None, Some(e)),
    )
    .await
}

struct ResponseView {
    who: String,
    label: &'static str,
    text: String,
    at: String,
}

#[derive(Template)]
#[template(path = "apology/show.html")]
struct ShowPage {
    nav: Nav,
    id: String,
    mine: bool,
    delivered: Option<String>,
    partner: String,
    paired: bool,
    closed: bool,
    body: Apology,
    value: Option<String>,
    responses: Vec<ResponseView>,
    promises: Vec<String>,
    answers: Vec<(&'static str, &'static str)>,
    errors: FieldErrors,
    general: Option<String>,
    notice: Option<&'static str>,
    text_max: usize,
}

async fn show_page(
    state: &AppState,
    me: &Current,
    id: RecordId,
    status: StatusCode,
    err: Option<AppError>,
    notice: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor(state)?;
    let a = apology(&actor, id).await?;
    let partner = if a.closed {
        "your former partner".to_string()
    } else {
        partner_name(me)
    };
    let (errors, general) = err.as_ref().map(split).unwrap_or_default();
    Ok(render(
        status,
        &ShowPage {
            nav: Nav::new(state, Some(me), "program").noting(&actor),
            id: a.id.to_string(),
            mine: a.mine,
            delivered: a.body.delivered_at.map(date_time),
            paired: me.couple.is_some() && !a.closed,
            closed: a.closed,
            responses: a
                .responses
                .into_iter()
                .map(|r| ResponseView {
                    who: if r.mine {
                        "You".to_string()
                    } else {
                        partner.clone()
                    },
                    label: r.body.answer.label(),
                    text: r.body.text,
                    at: date_time(r.created_at),
                })
                .collect(),
            promises: a.promises.into_iter().map(|p| p.body.text).collect(),
            partner,
            body: a.body,
            value: a.value,
            answers: Answer::ALL
                .iter()
                .map(|x| (x.as_str(), x.label()))
                .collect(),
            errors,
            general,
            notice,
            text_max: TEXT_MAX,
        },
    ))
}

async fn show(
    State(state): State<AppState>,
    Me(me): Me,
    PathId(id): PathId,
    Query(done): Query<Done>,
) -> Result<HttpResponse, AppError> {
    let notice = done.notice(&[
        (
            "delivered",
            "Delivered. There's nothing to wait for; your partner answers when they're ready.",
        ),
        ("answered", "Your answer is shared."),
        ("promised", "It's a promise now, visible to both of you."),
        ("saved", "Your draft is saved. Only you can see it."),
    ]);
    show_page(&state, &me, id, StatusCode::OK, None, notice).await
}

async fn deliver_form(
    State(state): State<AppState>,
    Me(me): Me,
    PathId(id): PathId,
) -> Result<HttpResponse, AppError> {
    let done = deliver(&me.actor(&state)?, id).await;
    redirect_or(
        done.map_err(AppError::from),
        |_| format!("/apologies/{id}?done=delivered"),
        |e| show_page(&state, &me, id, e.status(), Some(e), None),
    )
    .await
}

async fn edit_form(
    State(state): State<AppState>,
    Me(me): Me,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<Parts>,
) -> Result<HttpResponse, AppError> {
    let done = edit_draft(&me.actor(&state)?, id, form.as_array()).await;
    redirect_or(
        done.map_err(AppError::from),
        |_| format!("/apologies/{id}?done=saved"),
        |e| show_page(&state, &me, id, e.status(), Some(e), None),
    )
    .await
}

#[derive(Deserialize)]
struct RespondForm {
    answer: String,
    #[serde(default)]
    text: String,
}

async fn respond_form(
    State(state): State<AppState>,
    Me(me): Me,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<RespondForm>,
) -> Result<HttpResponse, AppError> {
    let answered = async {
        let answer = Answer::parse(&form.answer)
            .ok_or_else(|| AppError::BadRequest("Please choose one of the answers.".into()))?;
        Ok::<_, AppError>(
            respond(&me.actor(&state)?, id, Response::parse(answer, &form.text)?).await?,
        )
    }
    .await;
    redirect_or(
        answered,
        |_| format!("/apologies/{id}?done=answered"),
        |e| show_page(&state, &me, id, e.status(), Some(e), None),
    )
    .await
}

#[derive(Deserialize)]
struct PromiseForm {
    #[serde(default)]
    text: String,
}

async fn promise_form(
    State(state): State<AppState>,
    Me(me): Me,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<PromiseForm>,
) -> Result<HttpResponse, AppError> {
    let done = promise(&me.actor(&state)?, id, Some(&form.text)).await;
    redirect_or(
        done.map_err(AppError::from),
        |_| format!("/apologies/{id}?done=promised"),
        |e| show_page(&state, &me, id, e.status(), Some(e), None),
    )
    .await
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .merge(super::questions::pages())
        .route("/apologies", get(index).post(write_form))
        .route("/apologies/{id}", get(show))
        .route("/apologies/{id}/edit", post(edit_form))
        .route("/apologies/{id}/deliver", post(deliver_form))
        .route("/apologies/{id}/respond", post(respond_form))
        .route("/apologies/{id}/promise", post(promise_form))
}
