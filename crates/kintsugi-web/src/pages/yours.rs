//! Your data: everything you wrote and everything shared with you that you can still read, as
//! JSON (a versioned schema) or as one readable HTML file that works offline; and deleting your
//! account, asked once more with what it means.

use askama::Template;
use axum::Json;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::routes;

use kintsugi_app::export::{self, Export};

use crate::accounts::{self, Current};
use crate::kit::{Act, ApiJson, ApiRouter, FieldErrors, HtmlForm, Nav, render};
use crate::{AppError, AppState};

/// Whether to add your own kept safety check (nothing else private is left out: this only
/// adds what you chose to keep, when you ask for it here).
#[derive(Debug, Default, Deserialize, IntoParams)]
struct ExportQuery {
    /// `include` adds the safety check you chose to keep, if there is one.
    #[serde(default)]
    safety_check: Option<String>,
}

async fn export_of(
    me: &Current,
    actor: &kintsugi_app::Actor,
    q: &ExportQuery,
) -> Result<Export, AppError> {
    let safety = match q.safety_check.as_deref() {
        Some("include") => export::kept_safety_check(actor, me.user.locker.as_deref()),
        _ => None,
    };
    Ok(export::export(actor, &me.user.username, safety).await?)
}

fn download(name: &str) -> [(header::HeaderName, String); 2] {
    [
        (
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ),
        (header::CACHE_CONTROL, "no-store".to_string()),
    ]
}

/// Everything you wrote and everything shared with you that you can still read, every kind
/// of record there is, as JSON (schema `kintsugi-export/1`). Never your partner's private
/// items, never an answer not yet revealed.
#[utoipa::path(get, path = "/export", params(ExportQuery),
    responses((status = 200, body = Export)))]
async fn export_json(
    me: Current,
    Act(actor): Act,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let e = export_of(&me, &actor, &q).await?;
    Ok((download("kintsugi-export.json"), Json(e)).into_response())
}

#[derive(Template)]
#[template(path = "yours/export.html")]
struct ExportFile {
    e: Export,
    steps: Vec<(String, Vec<Shown>)>,
}

/// One record as the file shows it: its heading and its content as lines.
struct Shown {
    heading: String,
    lines: Vec<(String, String)>,
}

/// "what_i_did" → "What i did".
fn label(key: &str) -> String {
    kintsugi_app::words::capital(&key.replace('_', " "))
}

/// A record's content as labelled lines, nested objects named by their path.
fn lines(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                let name = if prefix.is_empty() {
                    label(k)
                } else {
                    format!("{prefix} › {}", label(k))
                };
                lines(&name, x, out);
            }
        }
        Value::Array(xs) if xs.iter().all(|x| !x.is_object() && !x.is_array()) => {
            let parts: Vec<String> = xs.iter().map(scalar).collect();
            out.push((prefix.to_string(), parts.join(", ")));
        }
        Value::Array(xs) => {
            for (i, x) in xs.iter().enumerate() {
                lines(&format!("{prefix} {}", i + 1), x, out);
            }
        }
        x => out.push((prefix.to_string(), scalar(x))),
    }
}

fn scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".into(),
        x => x.to_string(),
    }
}

/// The same as one HTML file: readable, self-contained (no request leaves it), prints well.
#[utoipa::path(get, path = "/export.html", params(ExportQuery),
    responses((status = 200, content_type = "text/html", body = String)))]
async fn export_html(
    me: Current,
    Act(actor): Act,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let e = export_of(&me, &actor, &q).await?;
    let mut steps: Vec<(String, Vec<Shown>)> = Vec::new();
    for w in crate::steps::WEB {
        let kinds: Vec<&str> = w.step.kinds.iter().map(|k| k.as_str()).collect();
        let shown: Vec<Shown> = e
            .records
            .iter()
            .filter(|r| kinds.contains(&r.kind))
            .map(|r| {
                let mut l = Vec::new();
                if let Some(b) = &r.body {
                    lines("", b, &mut l);
                }
                Shown {
                    heading: format!(
                        "{} · {} · {}{}",
                        label(r.kind),
                        r.written_by,
                        r.created_at.date_time(),
                        if r.visibility == "shared" {
                            " · shared"
                        } else {
                            " · private"
                        }
                    ),
                    lines: l,
                }
            })
            .collect();
        steps.push((format!("{} · {}", w.label(), w.title()), shown));
    }
    let file = ExportFile { e, steps };
    let body = file.render().map_err(|_| AppError::Internal)?;
    let mut res = (download("kintsugi-export.html"), axum::response::Html(body)).into_response();
    // Its own styles are inside it, so it reads offline; nothing in it is fetched.
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; style-src 'unsafe-inline'"
            .parse()
            .expect("a header value"),
    );
    Ok(res)
}

/// Your password, to delete your account.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub(crate) struct Deletion {
    /// Your password.
    pub(crate) password: String,
}

/// Deletes your account: everything you wrote (what you shared disappears for your partner
/// too, who is told), your sessions and your keys. It can't be undone.
#[utoipa::path(delete, path = "/me", request_body = Deletion, responses((status = 204)))]
pub(crate) async fn delete_me(
    State(state): State<AppState>,
    me: Current,
    ApiJson(body): ApiJson<Deletion>,
) -> Result<StatusCode, AppError> {
    accounts::delete_account(&state, &me, &body.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Template)]
#[template(path = "yours/delete.html")]
struct DeletePage {
    nav: Nav,
    errors: FieldErrors,
    general: Option<String>,
}

async fn delete_page(State(state): State<AppState>, me: Current) -> Response {
    let nav = Nav::new(&state, Some(&me), "account");
    let page = DeletePage {
        nav,
        errors: FieldErrors::default(),
        general: None,
    };
    render(StatusCode::OK, &page)
}

async fn delete(
    State(state): State<AppState>,
    me: Current,
    jar: CookieJar,
    HtmlForm(form): HtmlForm<Deletion>,
) -> Response {
    match accounts::delete_account(&state, &me, &form.password).await {
        Ok(()) => (
            jar.remove(super::accounts::cleared_cookie()),
            Redirect::to("/signin?done=deleted"),
        )
            .into_response(),
        Err(e) => {
            let (errors, general) = crate::kit::split(&e);
            let nav = Nav::new(&state, Some(&me), "account");
            render(
                e.status(),
                &DeletePage {
                    nav,
                    errors,
                    general,
                },
            )
        }
    }
}

/// The pages.
pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/account/delete", get(delete_page).post(delete))
}

/// The API routes (nested under /api/v1); `DELETE /me` is served beside `GET /me` by the
/// accounts API, so the two share one path in the document.
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(export_json))
        .routes(routes!(export_html))
}
