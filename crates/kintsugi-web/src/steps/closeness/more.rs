//! The other Closeness pages: prompts (draw, answer, set aside), time together (plan, look
//! back) and appreciations.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::{get, post};
use kintsugi_domain::RecordId;
use kintsugi_domain::closeness::Depth;

use kintsugi_app::closeness::{
    self, AppreciationView, MomentView, NewDraw, NewLookBack, NewMoment, NewText, PAGE, PromptView,
};
use kintsugi_app::records::Page;

use crate::kit::{
    Ctx, Done, Fields, HtmlForm, Nav, Paging, PathId, Shown, TextForm, Typed, older, redirect_or,
    render, send_text,
};
use crate::{AppError, AppState};

/// What each of the three pages lists, and its page.
trait Listing: Sized {
    /// Where it is, under `/closeness/`.
    const WHICH: &'static str;
    /// Its page.
    type Page: Template + Shows;
    async fn list(cx: &Ctx, at: Page) -> Result<kintsugi_app::records::Listed<Self>, AppError>;
    fn page(frame: Frame, items: Vec<Self>) -> Self::Page;
}

/// What every one of the pages shows around its items.
struct Frame {
    nav: Nav,
    shown: Shown,
    typed: Fields,
    under: Typed,
    older: Option<String>,
}

/// A page's status, from what it shows.
trait Shows {
    fn status(&self) -> axum::http::StatusCode;
}

macro_rules! listing {
    ($view:ty, $page:ident, $which:literal, $template:literal, $list:path) => {
        #[derive(Template)]
        #[template(path = $template)]
        struct $page {
            nav: Nav,
            shown: Shown,
            typed: Fields,
            /// What was typed under an item (the prompts page's answers).
            #[allow(dead_code)]
            under: Typed,
            older: Option<String>,
            items: Vec<$view>,
        }

        impl Shows for $page {
            fn status(&self) -> axum::http::StatusCode {
                self.shown.status
            }
        }

        impl Listing for $view {
            const WHICH: &'static str = $which;
            type Page = $page;
            async fn list(
                cx: &Ctx,
                at: Page,
            ) -> Result<kintsugi_app::records::Listed<Self>, AppError> {
                Ok($list(&cx.actor, at).await?)
            }
            fn page(f: Frame, items: Vec<Self>) -> $page {
                let Frame {
                    nav,
                    shown,
                    typed,
                    under,
                    older,
                } = f;
                $page {
                    nav,
                    shown,
                    typed,
                    under,
                    older,
                    items,
                }
            }
        }
    };
}
listing!(
    PromptView,
    PromptsPage,
    "prompts",
    "closeness/prompts.html",
    closeness::prompts
);
listing!(
    MomentView,
    TogetherPage,
    "together",
    "closeness/together.html",
    closeness::moments
);
listing!(
    AppreciationView,
    ThanksPage,
    "thanks",
    "closeness/thanks.html",
    closeness::appreciations
);

async fn show<V: Listing>(
    cx: &Ctx,
    shown: Shown,
    typed: Fields,
    under: Typed,
    at: Page,
) -> Result<Response, AppError> {
    let listed = V::list(cx, at).await?;
    let frame = Frame {
        older: older(&format!("/closeness/{}", V::WHICH), listed.next.as_deref()),
        nav: cx.nav_for(&closeness::STEP).await,
        shown,
        typed,
        under,
    };
    let page = V::page(frame, listed.items);
    Ok(render(page.status(), &page))
}

const NOTICES: &[(&str, &str)] = &[
    (
        "drawn",
        "A prompt for you both. Answer it in your own time; you'll see each other's answers once you both have.",
    ),
    (
        "answered",
        "Your answer is in. It shows to your partner once they have answered too.",
    ),
    ("skipped", "The prompt is set aside."),
    ("planned", "Your plan is shared."),
    ("looked-back", "Thank you for looking back."),
    ("thanked", "Your thanks are on their way."),
];

async fn list_page<V: Listing>(
    cx: Ctx,
    Query(done): Query<Done>,
    paging: Paging,
) -> Result<Response, AppError> {
    let at = paging.page(PAGE)?;
    show::<V>(
        &cx,
        done.shown(NOTICES),
        Fields::default(),
        Typed::default(),
        at,
    )
    .await
}

async fn again<V: Listing>(
    cx: &Ctx,
    shown: Shown,
    typed: Fields,
    under: Typed,
) -> Result<Response, AppError> {
    show::<V>(cx, shown, typed, under, Page::first(PAGE)).await
}

async fn draw(cx: Ctx, HtmlForm(typed): HtmlForm<Fields>) -> Result<Response, AppError> {
    let depth = typed.one("depth", "depths", Depth::parse)?;
    let drawn = closeness::draw(&cx.actor, &NewDraw { depth }).await;
    let back = |e| again::<PromptView>(&cx, Shown::refused(e), typed, Typed::default());
    redirect_or(
        drawn,
        |p| format!("/closeness/prompts?done=drawn#p-{}", p.id),
        back,
    )
    .await
}

/// Answers a prompt, or sets it aside (`action` = `skip`).
async fn answer(cx: Ctx, id: RecordId, form: TextForm) -> Result<Response, AppError> {
    if form.action == "skip" {
        let skipped = closeness::skip(&cx.actor, id).await;
        let back =
            |e| again::<PromptView>(&cx, Shown::refused(e), Fields::default(), Typed::default());
        return redirect_or(skipped, |_| "/closeness/prompts?done=skipped".into(), back).await;
    }
    let send = async |text: &str| {
        let p = closeness::answer_prompt(&cx.actor, id, &NewText { text: text.into() }).await?;
        let done = if p.theirs.is_some() {
            "both"
        } else {
            "answered"
        };
        Ok(format!("/closeness/prompts?done={done}#p-{id}"))
    };
    let page = |shown, under| again::<PromptView>(&cx, shown, Fields::default(), under);
    send_text(&cx, Some(id), ["answer", "answer"], form, send, page).await
}

async fn plan(cx: Ctx, HtmlForm(typed): HtmlForm<Fields>) -> Result<Response, AppError> {
    let new = NewMoment {
        what: typed.get("what").to_string(),
        at: typed.get("at").to_string(),
    };
    let planned = closeness::plan(&cx.actor, &new).await;
    let back = |e| again::<MomentView>(&cx, Shown::refused(e), typed, Typed::default());
    redirect_or(planned, |_| "/closeness/together?done=planned".into(), back).await
}

async fn look_back(cx: Ctx, id: RecordId, typed: Fields) -> Result<Response, AppError> {
    let new = NewLookBack {
        went: typed.one("went", "answers from 1 to 5", |v| v.parse().ok())?,
        line: typed.get("text").to_string(),
    };
    let done = closeness::look_back(&cx.actor, id, &new).await;
    let back = |e| {
        again::<MomentView>(
            &cx,
            Shown::refused(e).about(&format!("line-{id}")),
            typed,
            Typed::default(),
        )
    };
    redirect_or(
        done,
        |_| format!("/closeness/together?done=looked-back#m-{id}"),
        back,
    )
    .await
}

async fn thank(cx: Ctx, form: TextForm) -> Result<Response, AppError> {
    let send = async |text: &str| {
        closeness::thank(&cx.actor, &NewText { text: text.into() }).await?;
        Ok("/closeness/thanks?done=thanked".to_string())
    };
    let page = |shown, under: Typed| {
        let typed = Fields(vec![("text".into(), under.draft)]);
        again::<AppreciationView>(&cx, shown, typed, Typed::default())
    };
    send_text(&cx, None, ["thanks", "thanks"], form, send, page).await
}

/// The pages.
pub(crate) fn pages() -> Router<AppState> {
    let answer = |cx, PathId(id), HtmlForm(f): HtmlForm<TextForm>| answer(cx, id, f);
    let look_back = |cx, PathId(id), HtmlForm(f): HtmlForm<Fields>| look_back(cx, id, f);
    let thank = |cx, HtmlForm(f): HtmlForm<TextForm>| thank(cx, f);
    Router::new()
        .route(
            "/closeness/prompts",
            get(list_page::<PromptView>).post(draw),
        )
        .route("/closeness/prompts/{id}/answer", post(answer))
        .route(
            "/closeness/together",
            get(list_page::<MomentView>).post(plan),
        )
        .route("/closeness/together/{id}/look-back", post(look_back))
        .route(
            "/closeness/thanks",
            get(list_page::<AppreciationView>).post(thank),
        )
}
