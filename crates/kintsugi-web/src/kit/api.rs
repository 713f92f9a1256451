//! The API's routes and their document, built together: a route is added only with its
//! `#[utoipa::path]` annotation (`utoipa_axum::routes!`), so no route the router serves can be
//! missing from the OpenAPI document. Two different types documented under one schema name
//! (clients would be told the wrong shape) are noted as they meet, for a test to refuse.

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::openapi::path::{HttpMethod, PathItem};
use utoipa::openapi::{OpenApi, RefOr, schema::Schema};
use utoipa_axum::router::UtoipaMethodRouter;

use crate::{AppError, AppState};

/// An API handler's answer with 201 Created.
pub(crate) struct Created<T>(pub(crate) T);

impl<T: Serialize> IntoResponse for Created<T> {
    fn into_response(self) -> Response {
        (StatusCode::CREATED, axum::Json(self.0)).into_response()
    }
}

/// What an API handler answers: its JSON, or a refusal.
pub(crate) type Answer<T> = Result<axum::Json<T>, AppError>;

/// What an API handler that creates answers: 201 with its JSON, or a refusal.
pub(crate) type New<T> = Result<Created<T>, AppError>;

/// Routes with their document.
#[derive(Default)]
pub(crate) struct ApiRouter {
    router: Router<AppState>,
    doc: OpenApi,
    /// Every (method, path) added, as the router serves it.
    routes: Vec<(String, String)>,
    /// Schema names given to two different shapes.
    clashes: Vec<String>,
}

/// What building the API gave: the router, its document, every route added, and any schema
/// name that two shapes share.
pub(crate) struct Built {
    pub(crate) router: Router<AppState>,
    pub(crate) doc: OpenApi,
    pub(crate) routes: Vec<(String, String)>,
    pub(crate) clashes: Vec<String>,
}

const METHODS: [(HttpMethod, &str); 5] = [
    (HttpMethod::Get, "get"),
    (HttpMethod::Put, "put"),
    (HttpMethod::Post, "post"),
    (HttpMethod::Patch, "patch"),
    (HttpMethod::Delete, "delete"),
];

fn methods(item: &PathItem) -> Vec<&'static str> {
    let ops = [&item.get, &item.put, &item.post, &item.patch, &item.delete];
    ops.iter()
        .zip(METHODS)
        .filter(|(op, _)| op.is_some())
        .map(|(_, (_, name))| name)
        .collect()
}

impl ApiRouter {
    /// No routes yet.
    pub(crate) fn new() -> ApiRouter {
        ApiRouter::default()
    }

    /// Adds the handlers of one path, each with its annotation (`routes!(get_x, post_x)`).
    pub(crate) fn routes(
        mut self,
        (schemas, paths, method_router): UtoipaMethodRouter<AppState>,
    ) -> Self {
        self.note_schemas(schemas);
        for (path, item) in paths.paths {
            for method in methods(&item) {
                self.routes.push((method.to_string(), path.clone()));
            }
            let route = if path.is_empty() { "/" } else { path.as_str() };
            self.router = self.router.route(route, method_router.clone());
            match self.doc.paths.paths.get_mut(&path) {
                Some(existing) => existing.merge_operations(item),
                None => {
                    self.doc.paths.paths.insert(path, item);
                }
            }
        }
        self
    }

    /// Adds another set of routes (another step's).
    pub(crate) fn merge(mut self, other: ApiRouter) -> Self {
        let schemas = other
            .doc
            .components
            .map(|c| c.schemas.into_iter().collect());
        self.note_schemas(schemas.unwrap_or_default());
        self.routes.extend(other.routes);
        self.clashes.extend(other.clashes);
        self.router = self.router.merge(other.router);
        self.doc.paths.paths.extend(other.doc.paths.paths);
        self
    }

    /// The same routes under `prefix` (`/api/v1`), in the router and the document alike.
    pub(crate) fn nest(self, prefix: &str) -> Self {
        let mut doc = self.doc;
        let paths = std::mem::take(&mut doc.paths.paths);
        doc.paths.paths = paths
            .into_iter()
            .map(|(p, item)| (format!("{prefix}{p}"), item))
            .collect();
        ApiRouter {
            router: Router::new().nest(prefix, self.router),
            doc,
            routes: self
                .routes
                .into_iter()
                .map(|(m, p)| (m, format!("{prefix}{p}")))
                .collect(),
            clashes: self.clashes,
        }
    }

    /// The router, with what doesn't need documenting (a fallback, a layer) applied by `f`.
    pub(crate) fn map_router(
        mut self,
        f: impl FnOnce(Router<AppState>) -> Router<AppState>,
    ) -> Self {
        self.router = f(self.router);
        self
    }

    /// Takes the parts.
    pub(crate) fn build(self) -> Built {
        Built {
            router: self.router,
            doc: self.doc,
            routes: self.routes,
            clashes: self.clashes,
        }
    }

    fn note_schemas(&mut self, schemas: Vec<(String, RefOr<Schema>)>) {
        let known = &mut self
            .doc
            .components
            .get_or_insert_with(Default::default)
            .schemas;
        for (name, schema) in schemas {
            match known.get(&name) {
                Some(existing) if !same(existing, &schema) => {
                    if !self.clashes.contains(&name) {
                        self.clashes.push(name);
                    }
                }
                Some(_) => {}
                None => {
                    known.insert(name, schema);
                }
            }
        }
    }
}

fn same(a: &RefOr<Schema>, b: &RefOr<Schema>) -> bool {
    serde_json::to_value(a).ok() == serde_json::to_value(b).ok()
}
