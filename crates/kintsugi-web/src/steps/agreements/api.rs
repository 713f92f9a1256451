//! The agreements API.

use axum::Json;
use utoipa_axum::routes;

use kintsugi_app::agreements::{
    self, AgreementView, NewAgreement, NewRetirement, No, VersionView, Yes,
};

use crate::kit::{Act, ActOn, Answer, ApiJson, ApiRouter, Created, New};

/// Every agreement you may see: those to revisit first, then those waiting for an answer, in
/// force, and retired.
#[utoipa::path(get, path = "/agreements", responses((status = 200, body = [AgreementView])))]
async fn list(Act(actor): Act) -> Answer<Vec<AgreementView>> {
    Ok(Json(agreements::agreements(&actor).await?))
}

/// Proposes an agreement to your partner; it's in force once they accept it.
#[utoipa::path(post, path = "/agreements", request_body = NewAgreement,
    responses((status = 201, body = AgreementView)))]
async fn create(Act(actor): Act, ApiJson(body): ApiJson<NewAgreement>) -> New<AgreementView> {
    let id = agreements::propose(&actor, &body).await?;
    Ok(Created(agreements::agreement(&actor, id).await?))
}

/// One agreement.
#[utoipa::path(get, path = "/agreements/{id}", responses((status = 200, body = AgreementView)))]
async fn get_one(ActOn(actor, id): ActOn) -> Answer<AgreementView> {
    Ok(Json(agreements::agreement(&actor, id).await?))
}

/// Every version of an agreement, oldest first, with who proposed and accepted it, when.
#[utoipa::path(get, path = "/agreements/{id}/versions",
    responses((status = 200, body = [VersionView])))]
async fn versions(ActOn(actor, id): ActOn) -> Answer<Vec<VersionView>> {
    Ok(Json(agreements::agreement(&actor, id).await?.versions))
}

/// Proposes a change (new terms); the version in force stands until your partner accepts it.
#[utoipa::path(post, path = "/agreements/{id}/versions", request_body = NewAgreement,
    responses((status = 201, body = AgreementView)))]
async fn amend(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<NewAgreement>,
) -> New<AgreementView> {
    Ok(Created(agreements::amend(&actor, id, &body).await?))
}

/// Accepts the version you read (409 if it's your own, or another is waiting now).
#[utoipa::path(post, path = "/agreements/{id}/acceptance", request_body = Yes,
    responses((status = 200, body = AgreementView)))]
async fn accept(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<Yes>) -> Answer<AgreementView> {
    Ok(Json(agreements::accept(&actor, id, body).await?))
}

/// Declines the version you read, with a few words if you like (409 if it's your own, or
/// another is waiting now). The version in force, if any, stays as it is.
#[utoipa::path(post, path = "/agreements/{id}/refusal", request_body = No,
    responses((status = 200, body = AgreementView)))]
async fn decline(ActOn(actor, id): ActOn, ApiJson(body): ApiJson<No>) -> Answer<AgreementView> {
    Ok(Json(agreements::decline(&actor, id, &body).await?))
}

/// Retires an agreement: kept and marked retired, no longer in force (set aside, when it
/// never was).
#[utoipa::path(post, path = "/agreements/{id}/retirement", request_body = NewRetirement,
    responses((status = 200, body = AgreementView)))]
async fn retire(
    ActOn(actor, id): ActOn,
    ApiJson(body): ApiJson<NewRetirement>,
) -> Answer<AgreementView> {
    Ok(Json(agreements::retire(&actor, id, &body).await?))
}

/// The API routes (nested under /api/v1), each with its annotation.
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one))
        .routes(routes!(versions, amend))
        .routes(routes!(accept))
        .routes(routes!(decline))
        .routes(routes!(retire))
}
