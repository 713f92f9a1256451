//! The API's document tells the truth: every route the router serves is in it, no two shapes
//! share a schema name, and every documented operation is served.

use std::sync::Arc;

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
