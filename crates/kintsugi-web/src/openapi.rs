//! The OpenAPI document: every route's own annotation (its summary from the doc comment, its
//! success and its specific refusals), plus what holds for every operation, added here once:
//! bearer authentication and 401 except for signing up and signing in; 400, 413, 415 and 422
//! where there is a body (422 also where the query or the path carries a value); 404 where the
//! path names anything; 409 for writes, which can meet a change
//! made in the meantime.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use utoipa::OpenApi;
use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Required, ResponseBuilder};

use crate::AppState;

/// What the whole API says of itself besides its routes.
#[derive(OpenApi)]
#[openapi(
    info(title = "Kintsugi API", description = "Tools for two partners rebuilding trust."),
    components(schemas(crate::ErrorBody)),
    modifiers(&Conventions)
)]
struct ApiDoc;

/// The API's routes, their document with what holds for every operation added, and any schema
/// name two shapes share: what `router` serves, and what a test checks.
pub struct Report {
    /// Every (method, path) the router serves under `/api/v1`.
    pub routes: Vec<(String, String)>,
    /// The document.
    pub doc: serde_json::Value,
    /// Schema names given to two different shapes (none, or clients are misled).
    pub clashes: Vec<String>,
}

/// Builds the API: its router and its report.
pub(crate) fn build(state: &AppState) -> (axum::Router<AppState>, Report) {
    let built = crate::api::routes(state).nest("/api/v1").build();
    let mut doc = ApiDoc::openapi();
    doc.paths.paths.extend(built.doc.paths.paths);
    let components = doc.components.get_or_insert_with(Default::default);
    components
        .schemas
        .extend(built.doc.components.map(|c| c.schemas).unwrap_or_default());
    Conventions.apply(&mut doc);
    let mut json = serde_json::to_value(&doc).unwrap_or_default();
    let waiting = &mut json["components"]["schemas"]["InboxItem"]["properties"]["waiting"];
    if waiting.is_object() {
        waiting["enum"] = serde_json::json!(kintsugi_app::inbox::kinds());
    }
    let report = Report {
        routes: built.routes,
        doc: json,
        clashes: built.clashes,
    };
    (built.router, report)
}

/// The API's report, for tests: what the router built from `state` serves and documents.
pub fn report(state: &AppState) -> Report {
    build(state).1
}

/// The OpenAPI document of this API.
#[utoipa::path(get, path = "/openapi.json", security(()),
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
pub(crate) async fn document(State(state): State<AppState>) -> Json<Arc<serde_json::Value>> {
    Json(state.api_doc.get().cloned().unwrap_or_default())
}

/// Operations anyone may call.
const PUBLIC: [(&str, &str); 3] = [
    ("post", "/api/v1/accounts"),
    ("post", "/api/v1/sessions"),
    ("get", "/api/v1/openapi.json"),
];

/// Refusals every operation of a kind can meet, with what they mean.
const ERRORS: [(&str, &str); 7] = [
    (
        "400",
        "The body isn't readable JSON, isn't UTF-8, or misses a field; nothing changed.",
    ),
    ("401", "Not signed in, or the session ended."),
    (
        "404",
        "Not there, or not yours to see: the same answer, so nothing is revealed.",
    ),
    (
        "409",
        "It conflicts with where things stand (for example, it changed in the meantime); nothing changed.",
    ),
    (
        "413",
        "The body is larger than the server accepts (256 KiB); nothing changed.",
    ),
    (
        "415",
        "The body isn't sent as JSON (`Content-Type: application/json`); nothing changed.",
    ),
    (
        "422",
        "A value was refused: the message says why and `field` names the field; nothing changed.",
    ),
];

struct Conventions;

impl utoipa::Modify for Conventions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let bearer = HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build();
        components.add_security_scheme("bearer", SecurityScheme::Http(bearer));
    }
}

impl Conventions {
    fn apply(&self, doc: &mut utoipa::openapi::OpenApi) {
        for (path, item) in doc.paths.paths.iter_mut() {
            let ops = [
                ("get", &mut item.get),
                ("put", &mut item.put),
                ("post", &mut item.post),
                ("patch", &mut item.patch),
                ("delete", &mut item.delete),
            ];
            for (method, op) in ops {
                if let Some(op) = op {
                    conventions(method, path, op);
                }
            }
        }
    }
}

fn conventions(method: &str, path: &str, op: &mut Operation) {
    let public = PUBLIC.contains(&(method, path));
    if !public && op.security.is_none() {
        op.security = Some(vec![SecurityRequirement::new(
            "bearer",
            Vec::<String>::new(),
        )]);
    }
    let names_item = path.contains("{id}");
    if names_item {
        let params = op.parameters.get_or_insert_with(Vec::new);
        let named = |p: &RefOr<_>| matches!(p, RefOr::T(Parameter { name, .. }) if name == "id");
        if !params.iter().any(named) {
            let id = ParameterBuilder::new()
                .name("id")
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .description(Some("The item's id"))
                .schema(Some(utoipa::openapi::schema::Object::with_type(
                    utoipa::openapi::schema::Type::String,
                )));
            params.push(RefOr::T(id.build()));
        }
    }
    // A value in the query or a path part other than an id (a day, a page's cursor) can be
    // refused like a body's; a query string that doesn't read at all, like a body that doesn't.
    let query = op.parameters.iter().flatten().any(|p| {
        matches!(
            p,
            RefOr::T(Parameter {
                parameter_in: ParameterIn::Query,
                ..
            })
        )
    });
    let values = query
        || op.parameters.iter().flatten().any(|p| {
            matches!(p, RefOr::T(Parameter { parameter_in: ParameterIn::Path, name, .. }) if name != "id")
        });
    let body = op.request_body.is_some();
    let applies = |code: &str| match code {
        "400" => body || query,
        "413" | "415" => body,
        "422" => body || values,
        "401" => !public,
        "404" => path.contains('{'),
        "409" => !public && method != "get",
        _ => false,
    };
    let wanted: Vec<_> = ERRORS.iter().filter(|(code, _)| applies(code)).collect();
    for (code, meaning) in wanted {
        let body = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody")));
        let response = ResponseBuilder::new()
            .description(*meaning)
            .content("application/json", body.build());
        op.responses
            .responses
            .entry((*code).to_string())
            .or_insert(response.build().into());
    }
}
