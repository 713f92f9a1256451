//! The OpenAPI document: every route's own annotation (its summary from the doc comment, its
//! success and its specific refusals), plus what holds for every operation, added here once:
//! bearer authentication and 401 except for signing up and signing in; 400, 413 and 422 where
//! there is a body; 404 where the path names an item; 409 for writes, which can meet a change
//! made in the meantime.

use axum::Json;
use axum::response::{IntoResponse, Response};
use utoipa::OpenApi;
use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Required, ResponseBuilder};

/// The whole API.
#[derive(OpenApi)]
#[openapi(
    info(title = "Kintsugi API", description = "Tools for two partners rebuilding trust."),
    components(schemas(crate::ErrorBody)),
    modifiers(&Conventions)
)]
pub struct ApiDoc;

impl ApiDoc {
    /// The document with every step's paths.
    pub fn full() -> utoipa::openapi::OpenApi {
        let mut doc = ApiDoc::openapi();
        doc.merge(crate::api::AccountsApi::openapi());
        doc.merge(crate::steps::roots::RootsApi::openapi());
        doc.merge(crate::steps::talk::TalkApi::openapi());
        doc.merge(crate::steps::apology::ApologyApi::openapi());
        doc.merge(crate::steps::agreements::AgreementsApi::openapi());
        doc.merge(crate::steps::promises::PromisesApi::openapi());
        doc.merge(crate::steps::triggers::TriggersApi::openapi());
        Conventions.apply(&mut doc);
        doc
    }
}

/// `GET /api/v1/openapi.json`.
pub(crate) async fn document() -> Response {
    Json(ApiDoc::full()).into_response()
}

/// Operations anyone may call.
const PUBLIC: [(&str, &str); 2] = [("post", "/api/v1/accounts"), ("post", "/api/v1/sessions")];

/// Refusals every operation of a kind can meet, with what they mean.
const ERRORS: [(&str, &str); 6] = [
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
        "The body is larger than the server accepts (64 KiB); nothing changed.",
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
    let applies = |code: &str| match code {
        "400" | "413" | "422" => op.request_body.is_some(),
        "401" => !public,
        "404" => names_item,
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
