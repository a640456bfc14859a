//! The API the build script generated is there and works.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use mdapi_build_example::graph::{endpoints, models};
use mdapi_runtime::Field;

#[test]
fn requests_are_built_from_the_documented_routes() {
    let photo = models::ProfilePhoto { height: Field::Value(6), width: Field::Value(5), ..Default::default() };
    let request = endpoints::post_users_photos::request("a/b?c", &photo).unwrap();
    assert_eq!(request.operation.method, "POST");
    assert_eq!(request.path, "/users/a%2Fb%3Fc/photos");
    let body: serde_json::Value = serde_json::from_slice(request.body.as_deref().unwrap()).unwrap();
    assert_eq!(body, serde_json::json!({ "height": 6, "width": 5 }));
    assert_eq!(endpoints::all().len(), 7);
}

#[test]
fn permissions_are_data() {
    let op = &endpoints::post_me_photos_ref::OPERATION;
    assert_eq!(op.permissions.delegated_personal, Some(&[][..]));
    assert_eq!(op.permissions.delegated_work, None);
}
