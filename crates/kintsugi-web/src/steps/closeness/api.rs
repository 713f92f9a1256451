//! The Closeness API: check-ins by day, prompts, time together and appreciations.

use axum::Json;
use axum::extract::Path;
use utoipa_axum::routes;

use kintsugi_app::closeness::{
    self, AppreciationView, CheckInView, DayView, MomentView, NewCheckIn, NewDraw, NewLookBack,
    NewMoment, NewText, PAGE, PromptView,
};

use crate::kit::{Act, ActOn, Answer, ApiJson, ApiRouter, Created, New, TextIn, paged_list};

fn text(body: TextIn) -> NewText {
    NewText { text: body.text }
}

paged_list!(
    /// Your check-ins and your partner's you may read (those of days you both checked in for),
    /// newest first, a page at a time (20 unless you ask). How safe you felt shows on yours only.
    list, "/checkins", CheckInView, closeness::check_ins, PAGE);

/// Checks in for today on your clock, or for `day` (one of the last seven days). Your partner
/// reads it once they have checked in for the same day; `safe` is never shown to them.
#[utoipa::path(post, path = "/checkins", request_body = NewCheckIn,
    responses((status = 201, body = DayView)))]
async fn check_in(Act(actor): Act, ApiJson(body): ApiJson<NewCheckIn>) -> New<DayView> {
    Ok(Created(closeness::check_in(&actor, &body).await?))
}

/// Both check-ins of a day (`YYYY-MM-DD`), as far as you may see them: your partner's only once
/// you have checked in for that day too; until then, only whether they have.
#[utoipa::path(get, path = "/checkins/{day}",
    params(("day" = String, Path, description = "A day, YYYY-MM-DD, on your clock")),
    responses((status = 200, body = DayView)))]
async fn day(Act(actor): Act, Path(day): Path<String>) -> Answer<DayView> {
    Ok(Json(closeness::day(&actor, &day).await?))
}

/// Changes your check-in for a day, only until your partner has checked in for it (then 409).
#[utoipa::path(put, path = "/checkins/{day}", request_body = NewCheckIn,
    params(("day" = String, Path, description = "A day, YYYY-MM-DD, on your clock")),
    responses((status = 200, body = DayView)))]
async fn change(
    Act(actor): Act,
    Path(day): Path<String>,
    ApiJson(body): ApiJson<NewCheckIn>,
) -> Answer<DayView> {
    Ok(Json(closeness::change_check_in(&actor, &day, &body).await?))
}

/// Adds a later thought under your check-in for a day you have both checked in for.
#[utoipa::path(post, path = "/checkins/{day}/notes", request_body = TextIn,
    params(("day" = String, Path, description = "A day, YYYY-MM-DD, on your clock")),
    responses((status = 201, body = DayView)))]
async fn note(
    Act(actor): Act,
    Path(day): Path<String>,
    ApiJson(body): ApiJson<TextIn>,
) -> New<DayView> {
    Ok(Created(
        closeness::add_note(&actor, &day, &text(body)).await?,
    ))
}

paged_list!(
    /// Your couple's prompts, newest first, with the answers you may see (your partner's once you
    /// have answered too), a page at a time.
    prompts, "/prompts", PromptView, closeness::prompts, PAGE);

/// Draws a prompt of a depth for you both (refused while another waits for an answer).
#[utoipa::path(post, path = "/prompts", request_body = NewDraw,
    responses((status = 201, body = PromptView)))]
async fn draw(Act(actor): Act, ApiJson(body): ApiJson<NewDraw>) -> New<PromptView> {
    Ok(Created(closeness::draw(&actor, &body).await?))
}

/// Answers a prompt, once; your partner reads it once they have answered too.
#[utoipa::path(post, path = "/prompts/{id}/answers", request_body = TextIn,
    responses((status = 201, body = PromptView)))]
async fn answer(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<TextIn>) -> New<PromptView> {
    Ok(Created(
        closeness::answer_prompt(&actor, id, &text(body)).await?,
    ))
}

/// Sets a prompt aside, for you both.
#[utoipa::path(post, path = "/prompts/{id}/skip", responses((status = 201, body = PromptView)))]
async fn skip(ActOn(actor, id): ActOn) -> New<PromptView> {
    Ok(Created(closeness::skip(&actor, id).await?))
}

paged_list!(
    /// Time together you planned, newest first, a page at a time.
    moments, "/moments", MomentView, closeness::moments, PAGE);

/// Plans time together at a time still to come.
#[utoipa::path(post, path = "/moments", request_body = NewMoment,
    responses((status = 201, body = MomentView)))]
async fn plan(Act(actor): Act, ApiJson(body): ApiJson<NewMoment>) -> New<MomentView> {
    Ok(Created(closeness::plan(&actor, &body).await?))
}

/// Looks back on time together once its time came: how it went (only yours) and a line for
/// your partner if you like.
#[utoipa::path(post, path = "/moments/{id}/look-back", request_body = NewLookBack,
    responses((status = 201, body = MomentView)))]
async fn look_back(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<NewLookBack>,
) -> New<MomentView> {
    Ok(Created(closeness::look_back(&actor, id, &body).await?))
}

paged_list!(
    /// Appreciations between you, newest first, a page at a time.
    appreciations, "/appreciations", AppreciationView, closeness::appreciations, PAGE);

/// Thanks your partner; answers the first page.
#[utoipa::path(post, path = "/appreciations", request_body = TextIn,
    responses((status = 201, body = [AppreciationView])))]
async fn thank(Act(actor): Act, ApiJson(body): ApiJson<TextIn>) -> New<Vec<AppreciationView>> {
    closeness::thank(&actor, &text(body)).await?;
    let first = kintsugi_app::records::Page::first(PAGE);
    Ok(Created(
        closeness::appreciations(&actor, first).await?.items,
    ))
}

/// The API routes (nested under /api/v1), each with its annotation.
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(list, check_in))
        .routes(routes!(day, change))
        .routes(routes!(note))
        .routes(routes!(prompts, draw))
        .routes(routes!(answer))
        .routes(routes!(skip))
        .routes(routes!(moments, plan))
        .routes(routes!(look_back))
        .routes(routes!(appreciations, thank))
}
