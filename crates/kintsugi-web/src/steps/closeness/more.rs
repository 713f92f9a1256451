//! The other Closeness pages: prompts (draw, answer, set aside), time together (plan, look
//! back) and appreciations.

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
    Ctx, Done, Fields, HtmlForm, Listing, Paging, PathId, Shown, TextForm, Typed, listing,
    redirect_or, send_text, show_listing,
};
use crate::{AppError, AppState};

listing!(
    PromptView,
    PromptsPage,
    "/closeness/prompts",
    "closeness/prompts.html",
    closeness::prompts
);
listing!(
    MomentView,
    TogetherPage,
    "/closeness/together",
    "closeness/together.html",
    closeness::moments
);
listing!(
    AppreciationView,
    ThanksPage,
    "/closeness/thanks",
    "closeness/thanks.html",
    closeness::appreciations
);

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
    let around = (done.shown(NOTICES), Fields::default(), Typed::default());
    show_listing::<V>(&cx, &closeness::STEP, around, paging.page(PAGE)?).await
}

async fn again<V: Listing>(
    cx: &Ctx,
    shown: Shown,
    typed: Fields,
    under: Typed,
) -> Result<Response, AppError> {
    show_listing::<V>(
        cx,
        &closeness::STEP,
        (shown, typed, under),
        Page::first(PAGE),
    )
    .await
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
