//! A report for a therapist on the web: asking (on the Support page), one request's page (its
//! answer, what each adds, its links and every open, withdrawing), the printable report, and
//! the page a therapist opens through a link (no account, nothing else of the app).

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use kintsugi_domain::RecordId;

use kintsugi_app::report;
use kintsugi_app::support::reports::{self, NewReport, ReportDoc, ReportView};

use crate::kit::{Ctx, Done, Fields, HtmlForm, Nav, PathId, Shown, redirect_or, render};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "support/report.html")]
struct ReportPage {
    nav: Nav,
    shown: Shown,
    report: ReportView,
    offered: Vec<&'static str>,
    origin: String,
    days: String,
    typed: Fields,
}

/// The report itself: printed by a partner, or opened by a therapist (`printed`: the
/// partner's page, with a way back).
#[derive(Template)]
#[template(path = "support/report_doc.html")]
struct DocPage {
    doc: ReportDoc,
    sections: Vec<(String, ReportSection)>,
    back: Option<String>,
}

type ReportSection = kintsugi_app::told::Section;

/// Where this server is, as the browser reached it (for a link to copy whole).
fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let local = ["localhost", "127.", "[::1]"]
        .iter()
        .any(|p| host.starts_with(p));
    format!("{}://{host}", if local { "http" } else { "https" })
}

const NOTICES: &[(&str, &str)] = &[
    (
        "asked",
        "Asked. Nothing is made unless your partner agrees too.",
    ),
    (
        "consented",
        "You agreed. Either of you can now make a link for a therapist.",
    ),
    ("declined", "You said no. Nothing was made."),
    ("withdrawn", "Consent withdrawn. Every link ended at once."),
    (
        "added",
        "Added. Your partner can read it in the report too.",
    ),
    (
        "linked",
        "A link is ready. Copy it for your therapist; it stops on the day shown.",
    ),
    ("ended", "That link has ended. It opens nothing now."),
];

async fn show(
    cx: &Ctx,
    id: RecordId,
    shown: Shown,
    typed: Fields,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let page = ReportPage {
        report: reports::report(&cx.actor, id).await?,
        offered: report::offered(&cx.actor).await?,
        nav: cx.nav_for(&kintsugi_app::support::STEP).await,
        origin: origin(headers),
        days: match typed.get("days") {
            "" => reports::LINK_DAYS.to_string(),
            d => d.to_string(),
        },
        shown,
        typed,
    };
    Ok(render(page.shown.status, &page))
}

async fn page(
    cx: Ctx,
    PathId(id): PathId,
    Query(done): Query<Done>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    show(&cx, id, done.shown(NOTICES), Fields::default(), &headers).await
}

/// Asks from the Support page; a refusal shows there.
async fn ask(cx: Ctx, HtmlForm(typed): HtmlForm<Fields>) -> Result<Response, AppError> {
    let new = NewReport {
        from: typed.get("from").to_string(),
        to: typed.get("to").to_string(),
    };
    let done = reports::ask(&cx.actor, &new).await;
    let again = |e| super::pages::index(&cx, Shown::refused(e), typed);
    let to = |r: ReportView| format!("/support/reports/{}?done=asked", r.id);
    redirect_or(done, to, again).await
}

/// Every form on a request's page: what it does, by the action its path names.
async fn act(
    cx: Ctx,
    Path((id, action)): Path<(String, String)>,
    headers: HeaderMap,
    HtmlForm(typed): HtmlForm<Fields>,
) -> Result<Response, AppError> {
    let id = crate::kit::parse_id(&id)?;
    let a = &cx.actor;
    let (done, notice) = match action.as_str() {
        "consent" => (reports::answer(a, id, true).await, "consented"),
        "decline" => (reports::answer(a, id, false).await, "declined"),
        "withdraw" => (reports::withdraw(a, id).await, "withdrawn"),
        "add" => {
            let names: Vec<String> = typed
                .0
                .iter()
                .filter(|(k, _)| k == "indicators")
                .map(|(_, v)| v.clone())
                .collect();
            let offered = report::offered(a).await?;
            (
                reports::add(a, id, &names, &offered, report::indicators).await,
                "added",
            )
        }
        "links" => {
            // Anything that isn't a whole number is refused by the rule, with its message.
            let days = match typed.get("days").trim() {
                "" => reports::LINK_DAYS,
                d => d.parse::<u32>().unwrap_or(0),
            };
            (reports::link(a, id, days, report::contents).await, "linked")
        }
        "end" => (reports::end_link(a, id, typed.get("link")).await, "ended"),
        _ => return Err(AppError::NotFound("There is no such page.")),
    };
    let again = |e| show(&cx, id, Shown::refused(e), typed.clone(), &headers);
    let to = |r: ReportView| format!("/support/reports/{}?done={notice}", r.id);
    redirect_or(done, to, again).await
}

fn sections(doc: &ReportDoc) -> Vec<(String, ReportSection)> {
    doc.sections
        .iter()
        .map(|s| {
            let title = crate::steps::by_slug(&s.slug)
                .map(|w| format!("{} · {}", w.label(), w.title()))
                .unwrap_or_else(|| format!("Step {}", s.number));
            (title, s.clone())
        })
        .collect()
}

fn doc_page(doc: ReportDoc, back: Option<String>) -> Response {
    let page = DocPage {
        sections: sections(&doc),
        doc,
        back,
    };
    let mut response = render(StatusCode::OK, &page);
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        "no-store".parse().expect("a header value"),
    );
    headers.insert(
        "x-robots-tag",
        "noindex, nofollow".parse().expect("a header value"),
    );
    response
}

/// The report as it reads now, to print or save as a PDF (either partner).
async fn print(cx: Ctx, PathId(id): PathId) -> Result<Response, AppError> {
    let doc = reports::document(&cx.actor, id, report::contents).await?;
    Ok(doc_page(doc, Some(format!("/support/reports/{id}"))))
}

#[derive(Template)]
#[template(path = "support/report_gone.html")]
struct Gone;

/// What a therapist opens: the report as it was when the link was made, or one calm answer
/// for any link that doesn't open now. No account, no cookie, nothing else of the app.
async fn open(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match reports::open(state.store.as_ref(), &token).await {
        Ok(Some(doc)) => doc_page(doc, None),
        Ok(None) => render(StatusCode::NOT_FOUND, &Gone),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .route("/support/reports", post(ask))
        .route("/support/reports/{id}", get(page))
        .route("/support/reports/{id}/print", get(print))
        .route("/support/reports/{id}/{action}", post(act))
        .route("/report/{token}", get(open))
}
