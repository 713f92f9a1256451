//! The agreements pages.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::{get, post};
use kintsugi_coach::Kind;
use kintsugi_domain::RecordId;
use kintsugi_domain::agreements::Category;
use serde::Deserialize;

use kintsugi_app::agreements::{self, AgreementView, NewAgreement, NewRetirement, No, Yes};

use crate::kit::{Ctx, Done, FieldErrors, HtmlForm, Nav, PathId, Shown, redirect_or, render};
use crate::{AppError, AppState};

/// The terms as typed (a proposal or a change), shown again when checked or refused.
#[derive(Default, Deserialize)]
struct Typed {
    #[serde(default)]
    category: String,
    #[serde(default)]
    agreement: String,
    #[serde(default)]
    acceptable: String,
    #[serde(default)]
    not_acceptable: String,
    #[serde(default)]
    if_crossed: String,
    #[serde(default)]
    review_on: String,
    /// `check` reads the words with the coach and sends nothing.
    #[serde(default)]
    action: String,
}

impl Typed {
    /// The terms of a view, to start a change from.
    fn from_view(a: &AgreementView) -> Typed {
        let t = &a.current;
        Typed {
            category: t.category.as_str().to_string(),
            agreement: t.agreement.clone(),
            acceptable: t.acceptable.clone(),
            not_acceptable: t.not_acceptable.clone(),
            if_crossed: t.if_crossed.clone(),
            review_on: t.review_on.clone(),
            action: String::new(),
        }
    }

    /// What the rules read; an unknown category is refused, never guessed.
    fn terms(&self) -> Result<NewAgreement, AppError> {
        let refused = || AppError::BadRequest("That isn't one of the categories.".into());
        Ok(NewAgreement {
            category: Category::parse(&self.category).ok_or_else(refused)?,
            agreement: self.agreement.clone(),
            acceptable: self.acceptable.clone(),
            not_acceptable: self.not_acceptable.clone(),
            if_crossed: self.if_crossed.clone(),
            review_on: self.review_on.clone(),
        })
    }
}

/// What the forms need besides the typed words.
struct FormBits {
    categories: [Category; 5],
    /// The first day a review date may fall on (the date field's `min`).
    earliest: String,
}

impl FormBits {
    fn new(cx: &Ctx) -> FormBits {
        FormBits {
            categories: Category::ALL,
            earliest: agreements::earliest_review(&cx.actor),
        }
    }
}

#[derive(Template)]
#[template(path = "agreements/index.html")]
struct IndexPage {
    nav: Nav,
    shown: Shown,
    agreements: Vec<AgreementView>,
    typed: Typed,
    form: FormBits,
}

async fn index(cx: &Ctx, shown: Shown, typed: Typed) -> Result<Response, AppError> {
    let page = IndexPage {
        agreements: agreements::agreements(&cx.actor).await?,
        nav: cx.nav_for(&kintsugi_app::agreements::STEP).await,
        form: FormBits::new(cx),
        typed,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

async fn index_page(cx: Ctx) -> Result<Response, AppError> {
    index(&cx, Shown::default(), Typed::default()).await
}

/// Every problem with typed terms at once, by field, or the terms.
fn checked_terms(cx: &Ctx, typed: &Typed) -> Result<NewAgreement, Box<Shown>> {
    let new = typed.terms().map_err(|e| Box::new(Shown::refused(e)))?;
    let problems = agreements::problems(&cx.actor, &new);
    if problems.is_empty() {
        return Ok(new);
    }
    Err(Box::new(Shown {
        status: axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        errors: FieldErrors::all(&problems),
        ..Shown::default()
    }))
}

async fn propose(cx: Ctx, HtmlForm(typed): HtmlForm<Typed>) -> Result<Response, AppError> {
    if typed.action == "check" {
        return index(
            &cx,
            Shown::checked(&cx, Kind::Message, &typed.agreement),
            typed,
        )
        .await;
    }
    let new = match checked_terms(&cx, &typed) {
        Ok(new) => new,
        Err(shown) => return index(&cx, *shown, typed).await,
    };
    let proposed = agreements::propose(&cx.actor, &new).await;
    let again = |e| index(&cx, Shown::refused(e), typed);
    redirect_or(
        proposed,
        |id| format!("/agreements/{id}?done=proposed"),
        again,
    )
    .await
}

#[derive(Template)]
#[template(path = "agreements/show.html")]
struct ShowPage {
    nav: Nav,
    shown: Shown,
    a: AgreementView,
    typed: Typed,
    form: FormBits,
    control: Option<Control>,
}

/// What the coach reads as control in terms proposed to the reader: the same explanation the
/// proposer saw when they checked their words, and what could be offered instead.
struct Control {
    quote: String,
    why: String,
    alternative: Option<String>,
}

impl Control {
    /// The coach's reading of terms waiting for the reader's answer, when it finds control.
    fn of(a: &AgreementView) -> Option<Control> {
        if !a.your_turn || a.current_withdrawn {
            return None;
        }
        let t = &a.current;
        let text = [
            &t.agreement,
            &t.acceptable,
            &t.not_acceptable,
            &t.if_crossed,
        ]
        .map(|s| s.as_str())
        .join("\n");
        let reading = kintsugi_coach::analyze(Kind::Request, &text);
        let f = reading
            .findings
            .iter()
            .find(|f| f.category == kintsugi_coach::Category::Control)?;
        Some(Control {
            quote: f.span.text.clone(),
            why: f.why.clone(),
            alternative: reading.alternative.clone(),
        })
    }
}

impl ShowPage {
    /// Whether version `n` is the one in force.
    fn in_force(&self, n: &u32) -> bool {
        self.a.in_force == Some(*n)
    }
}

async fn show(
    cx: &Ctx,
    id: RecordId,
    shown: Shown,
    typed: Option<Typed>,
) -> Result<Response, AppError> {
    let a = agreements::agreement(&cx.actor, id).await?;
    let page = ShowPage {
        control: Control::of(&a),
        nav: cx.nav_for(&kintsugi_app::agreements::STEP).await,
        typed: typed.unwrap_or_else(|| Typed::from_view(&a)),
        form: FormBits::new(cx),
        a,
        shown,
    };
    Ok(render(page.shown.status, &page))
}

const NOTICES: &[(&str, &str)] = &[
    (
        "proposed",
        "Proposed. It's in force once your partner accepts it.",
    ),
    ("accepted", "Accepted. You both agreed to this version."),
    (
        "changed",
        "Your change is proposed. The version in force stands until it's accepted.",
    ),
    ("retired", "Done. It stays here as it was."),
    (
        "declined",
        "Declined. Your answer is with your partner; either of you can propose a change.",
    ),
];

async fn show_page(
    cx: Ctx,
    PathId(id): PathId,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    show(&cx, id, done.shown(NOTICES), None).await
}

async fn amend(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(typed): HtmlForm<Typed>,
) -> Result<Response, AppError> {
    if typed.action == "check" {
        let shown = Shown::checked(&cx, Kind::Message, &typed.agreement);
        return show(&cx, id, shown, Some(typed)).await;
    }
    let new = match checked_terms(&cx, &typed) {
        Ok(new) => new,
        Err(shown) => return show(&cx, id, *shown, Some(typed)).await,
    };
    let changed = agreements::amend(&cx.actor, id, &new).await;
    let again = |e| show(&cx, id, Shown::refused(e), Some(typed));
    redirect_or(changed, |_| format!("/agreements/{id}?done=changed"), again).await
}

async fn accept(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(yes): HtmlForm<Yes>,
) -> Result<Response, AppError> {
    let accepted = agreements::accept(&cx.actor, id, yes).await;
    let again = |e| show(&cx, id, Shown::refused(e), None);
    redirect_or(
        accepted,
        |_| format!("/agreements/{id}?done=accepted"),
        again,
    )
    .await
}

async fn decline(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(no): HtmlForm<No>,
) -> Result<Response, AppError> {
    let declined = agreements::decline(&cx.actor, id, &no).await;
    let again = |e| show(&cx, id, Shown::refused(e).about("decline-note"), None);
    redirect_or(
        declined,
        |_| format!("/agreements/{id}?done=declined"),
        again,
    )
    .await
}

async fn retire(
    cx: Ctx,
    PathId(id): PathId,
    HtmlForm(r): HtmlForm<NewRetirement>,
) -> Result<Response, AppError> {
    let retired = agreements::retire(&cx.actor, id, &r).await;
    let again = |e| show(&cx, id, Shown::refused(e).about("retire-note"), None);
    redirect_or(retired, |_| format!("/agreements/{id}?done=retired"), again).await
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .route("/agreements", get(index_page).post(propose))
        .route("/agreements/{id}", get(show_page))
        .route("/agreements/{id}/amend", post(amend))
        .route("/agreements/{id}/accept", post(accept))
        .route("/agreements/{id}/decline", post(decline))
        .route("/agreements/{id}/retire", post(retire))
}
