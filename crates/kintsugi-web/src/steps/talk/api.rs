//! The talk API.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use kintsugi_domain::talk::{Reply, Scale, Status, TalkReflection, TalkTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use kintsugi_app::talk::{Talk, pause, propose, reflect, respond, talk, talks};

use crate::accounts::Current;
use crate::kit::{ApiJson, PathId, rfc3339};
use crate::{AppError, AppState};

/// A new talk.
#[derive(Deserialize, ToSchema)]
pub struct NewTalk {
    /// What it's about (1 to 1,000 characters).
    pub topic: String,
    /// When, as both of you read a clock: `YYYY-MM-DDTHH:MM`.
    pub time: String,
}

/// An answer to the time on the table.
#[derive(Deserialize, ToSchema)]
pub struct TalkResponse {
    /// `accept` or `counter`.
    pub response: String,
    /// For `counter`: the time proposed instead (`YYYY-MM-DDTHH:MM`).
    #[serde(default)]
    pub time: Option<String>,
    /// An optional note (up to 1,000 characters).
    #[serde(default)]
    pub note: String,
}

/// A break.
#[derive(Deserialize, ToSchema)]
pub struct NewPause {
    /// At least 20.
    pub minutes: u32,
}

/// The private after-talk reflection.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ReflectionBody {
    /// 1–5.
    pub felt_heard: u8,
    /// 1–5.
    pub stayed_calm: u8,
    /// Did it turn into a fight?
    pub turned_into_fight: bool,
    /// Was it about the past?
    pub about_past: bool,
}

/// A talk as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct TalkOut {
    /// Its id.
    pub id: String,
    /// What it's about.
    pub topic: String,
    /// Whether you proposed it.
    pub mine: bool,
    /// `proposed` or `agreed`.
    pub status: String,
    /// The time on the table or agreed.
    pub time: String,
    /// For `proposed`: whether it's your turn to answer.
    pub your_turn: bool,
    /// Whether your couple has ended: then the talk is a closed, read-only history.
    pub closed: bool,
    /// Breaks: who called them (`you` or `partner`), minutes, and when to come back (RFC 3339).
    pub pauses: Vec<PauseOut>,
    /// When it was proposed (RFC 3339).
    pub created_at: String,
}

/// A break as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct PauseOut {
    /// `you` or `partner`.
    pub by: String,
    /// How long.
    pub minutes: u32,
    /// When to come back (RFC 3339).
    pub back_at: String,
}

fn talk_out(t: Talk, me: &Current) -> TalkOut {
    let your_turn = t.turn_of(me.user.id) && !t.closed;
    let (status, time) = match t.status {
        Status::Proposed { time, .. } => ("proposed", time),
        Status::Agreed { time } => ("agreed", time),
    };
    TalkOut {
        id: t.id.to_string(),
        topic: t.proposal.topic,
        mine: t.mine,
        status: status.to_string(),
        time: time.as_value(),
        your_turn,
        closed: t.closed,
        pauses: t
            .pauses
            .iter()
            .map(|(mine, p)| PauseOut {
                by: if *mine { "you" } else { "partner" }.to_string(),
                minutes: p.minutes,
                back_at: rfc3339(p.back_at()),
            })
            .collect(),
        created_at: rfc3339(t.created_at),
    }
}

#[utoipa::path(get, path = "/api/v1/talks", responses((status = 200, body = [TalkOut])), security(("bearer" = [])))]
async fn api_list(
    State(state): State<AppState>,
    me: Current,
) -> Result<Json<Vec<TalkOut>>, AppError> {
    let list = talks(&me.actor(&state)?).await?;
    Ok(Json(list.into_iter().map(|t| talk_out(t, &me)).collect()))
}

#[utoipa::path(post, path = "/api/v1/talks", request_body = NewTalk,
    responses((status = 201, body = TalkOut), (status = 409, body = crate::ErrorBody),
              (status = 422, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_create(
    State(state): State<AppState>,
    me: Current,
    ApiJson(body): ApiJson<NewTalk>,
) -> Result<(StatusCode, Json<TalkOut>), AppError> {
    let actor = me.actor(&state)?;
    let id = propose(&actor, &body.topic, TalkTime::parse(&body.time)?).await?;
    let t = talk(&actor, id).await?;
    Ok((StatusCode::CREATED, Json(talk_out(t, &me))))
}

#[utoipa::path(get, path = "/api/v1/talks/{id}", params(("id" = String, Path, description = "The talk's id")),
    responses((status = 200, body = TalkOut), (status = 404, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_get(
    State(state): State<AppState>,
    me: Current,
    PathId(id): PathId,
) -> Result<Json<TalkOut>, AppError> {
    let t = talk(&me.actor(&state)?, id).await?;
    Ok(Json(talk_out(t, &me)))
}

#[utoipa::path(post, path = "/api/v1/talks/{id}/responses", request_body = TalkResponse,
    params(("id" = String, Path, description = "The talk's id")),
    responses((status = 200, body = TalkOut), (status = 404, body = crate::ErrorBody),
              (status = 409, body = crate::ErrorBody), (status = 422, body = crate::ErrorBody)),
    security(("bearer" = [])))]
async fn api_respond(
    State(state): State<AppState>,
    me: Current,
    PathId(id): PathId,
    ApiJson(body): ApiJson<TalkResponse>,
) -> Result<Json<TalkOut>, AppError> {
    let reply = match body.response.as_str() {
        "accept" => Reply::Accept { note: body.note },
        "counter" => Reply::Counter {
            time: TalkTime::parse(body.time.as_deref().unwrap_or_default())?,
            note: body.note,
        },
        _ => {
            return Err(AppError::BadRequest(
                "\"response\" must be accept or counter.".into(),
            ));
        }
    };
    let t = respond(&me.actor(&state)?, id, reply).await?;
    Ok(Json(talk_out(t, &me)))
}

#[utoipa::path(post, path = "/api/v1/talks/{id}/pauses", request_body = NewPause,
    params(("id" = String, Path, description = "The talk's id")),
    responses((status = 201, body = TalkOut), (status = 404, body = crate::ErrorBody),
              (status = 422, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_pause(
    State(state): State<AppState>,
    me: Current,
    PathId(id): PathId,
    ApiJson(body): ApiJson<NewPause>,
) -> Result<(StatusCode, Json<TalkOut>), AppError> {
    let t = pause(&me.actor(&state)?, id, body.minutes).await?;
    Ok((StatusCode::CREATED, Json(talk_out(t, &me))))
}

#[utoipa::path(put, path = "/api/v1/talks/{id}/reflection", request_body = ReflectionBody,
    params(("id" = String, Path, description = "The talk's id")),
    responses((status = 200, body = ReflectionBody), (status = 404, body = crate::ErrorBody),
              (status = 422, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_put_reflection(
    State(state): State<AppState>,
    me: Current,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ReflectionBody>,
) -> Result<Json<ReflectionBody>, AppError> {
    let r = TalkReflection {
        felt_heard: Scale::try_from(body.felt_heard)?,
        stayed_calm: Scale::try_from(body.stayed_calm)?,
        turned_into_fight: body.turned_into_fight,
        about_past: body.about_past,
    };
    reflect(&me.actor(&state)?, id, r).await?;
    Ok(Json(body))
}

#[utoipa::path(get, path = "/api/v1/talks/{id}/reflection", params(("id" = String, Path, description = "The talk's id")),
    responses((status = 200, body = ReflectionBody), (status = 404, body = crate::ErrorBody)), security(("bearer" = [])))]
async fn api_get_reflection(
    State(state): State<AppState>,
    me: Current,
    PathId(id): PathId,
) -> Result<Json<ReflectionBody>, AppError> {
    let t = talk(&me.actor(&state)?, id).await?;
    let r = t.reflection.ok_or(AppError::NotFound(
        "You haven't reflected on this talk yet.",
    ))?;
    Ok(Json(ReflectionBody {
        felt_heard: r.felt_heard.get(),
        stayed_calm: r.stayed_calm.get(),
        turned_into_fight: r.turned_into_fight,
        about_past: r.about_past,
    }))
}

/// The OpenAPI paths of this step.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api_list,
    api_create,
    api_get,
    api_respond,
    api_pause,
    api_put_reflection,
    api_get_reflection
))]
pub struct TalkApi;

/// The API routes (nested under /api/v1).
pub(crate) fn api() -> Router<AppState> {
    Router::new()
        .route("/talks", get(api_list).post(api_create))
        .route("/talks/{id}", get(api_get))
        .route("/talks/{id}/responses", post(api_respond))
        .route("/talks/{id}/pauses", post(api_pause))
        .route(
            "/talks/{id}/reflection",
            get(api_get_reflection).put(api_put_reflection),
        )
}
