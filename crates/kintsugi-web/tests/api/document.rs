//! The API's document tells the truth: every route the router serves is in it, no two shapes
//! share a schema name, and every documented operation is served.

use std::sync::Arc;

use crate::helpers::*;
use reqwest::StatusCode;

use kintsugi_web::{AppState, WebConfig};

fn report() -> kintsugi_web::openapi::Report {
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Handle::current();
    let store = tokio::task::block_in_place(|| {
        rt.block_on(kintsugi_store_sqlite::open(&dir.path().join("k.db")))
    })
    .unwrap();
    let state = AppState::new(Arc::new(store), WebConfig::default());
    kintsugi_web::openapi::report(&state)
}

#[tokio::test(flavor = "multi_thread")]
async fn every_api_route_is_documented_and_no_two_shapes_share_a_name() {
    let report = report();
    assert!(
        report.clashes.is_empty(),
        "schema names given to two shapes: {:?}",
        report.clashes
    );
    assert!(report.routes.len() >= 40, "{} routes", report.routes.len());
    for (method, path) in &report.routes {
        let op = &report.doc["paths"][path][method];
        assert!(
            op.is_object(),
            "{method} {path} is served but not documented"
        );
    }
}

#[tokio::test]
async fn health_readiness_and_the_openapi_document() {
    let app = spawn_app().await;
    assert_eq!(
        reqwest::get(app.url("/healthz")).await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        reqwest::get(app.url("/readyz"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "ready"
    );
    let doc = app.document().await;
    for path in [
        "/api/v1/accounts",
        "/api/v1/sessions",
        "/api/v1/me",
        "/api/v1/couple/invites",
        "/api/v1/couple/join",
        "/api/v1/coach",
        "/api/v1/inbox",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(doc["components"]["schemas"]["Analysis"].is_object());
    for path in [
        "/api/v1/couple",
        "/api/v1/couples",
        "/api/v1/couples/{id}/withdrawal",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    // Schema names are unique: the apology's parts and the coach's parts are two schemas.
    let schemas = &doc["components"]["schemas"];
    assert!(
        schemas["ApologyParts"]["properties"]["what_i_did"].is_object(),
        "{schemas}"
    );
    assert!(
        schemas["Parts"]["properties"]["present"].is_object(),
        "{schemas}"
    );
    // Every operation says what it does and how it can be refused.
    let public = [
        ("post", "/api/v1/accounts"),
        ("post", "/api/v1/sessions"),
        ("get", "/api/v1/openapi.json"),
    ];
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let here = format!("{method} {path}");
            let summary = op["summary"].as_str().unwrap_or_default();
            assert!(!summary.is_empty(), "{here} has a summary");
            let documents = |code: &str| op["responses"][code].is_object();
            if !public.contains(&(method.as_str(), path.as_str())) {
                assert!(documents("401"), "{here} documents 401");
                assert!(op["security"].is_array(), "{here} names its auth");
                if method != "get" {
                    assert!(documents("409"), "{here} documents 409");
                }
            }
            if op["requestBody"].is_object() {
                for code in ["400", "413", "422"] {
                    assert!(documents(code), "{here} documents {code}");
                }
            }
            if path.contains("{id}") {
                assert!(documents("404"), "{here} documents 404");
                let params = op["parameters"].as_array().unwrap();
                assert!(
                    params.iter().any(|p| p["name"] == "id"),
                    "{here} names its id"
                );
            }
        }
    }
    assert!(operations >= 30, "{operations} operations");
    // Every schema an operation refers to is in the document.
    let text = doc.to_string();
    for part in text.split("\"#/components/schemas/").skip(1) {
        let name = part.split('"').next().unwrap();
        assert!(schemas[name].is_object(), "{name} is defined");
    }
}
