//! The API the build script generated is there and works.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use mdapi_build_example::graph::{endpoints, models};
use mdapi_runtime::permissions::Access;
use mdapi_runtime::Field;

#[test]
fn requests_are_built_from_the_documented_routes() {
    let photo = models::ProfilePhoto { height: Field::Value(6), width: Field::Value(5), ..Default::default() };
    let request = endpoints::post_users_by_id_photos::request("a/b?c", &photo).unwrap();
    assert_eq!(request.operation.method, "POST");
    assert_eq!(request.path, "/users/a%2Fb%3Fc/photos");
    let body: serde_json::Value = serde_json::from_slice(request.body.as_deref().unwrap()).unwrap();
    assert_eq!(body, serde_json::json!({ "height": 6, "width": 5 }));
    assert_eq!(endpoints::all().len(), 7);
}

#[test]
fn permissions_are_data() {
    let op = &endpoints::post_me_photos_ref::OPERATION;
    assert_eq!(op.permissions.delegated_personal, Access::NotSupported);
    assert_eq!(op.permissions.delegated_work, Access::Undocumented);
}

#[test]
fn the_path_tree_builds_the_same_requests_as_the_endpoints() {
    use mdapi_build_example::graph::paths::Root;
    let photo = models::ProfilePhoto { height: Field::Value(6), ..Default::default() };
    // A value cannot change the path's shape: `/`, `?`, `#` and é are encoded.
    let tree = Root.users().by_id("a/b?c#é").photos().post(&photo).unwrap();
    let direct = endpoints::post_users_by_id_photos::request("a/b?c#é", &photo).unwrap();
    assert_eq!(tree.path, "/users/a%2Fb%3Fc%23%C3%A9/photos");
    assert_eq!(
        (tree.path.as_str(), tree.operation.id, &tree.body),
        (direct.path.as_str(), direct.operation.id, &direct.body)
    );
    let me = Root.me().photos().r#ref().post(&photo).unwrap();
    assert_eq!((me.operation.method, me.path.as_str()), ("POST", "/me/photos/$ref"));
    assert_eq!(Root.users().by_id("u1").photos().values(), ["u1"]);
}

/// The widgets fixture as one included file: a create's own `Body`, named
/// from the path tree's inline modules, sends what its page requires.
#[test]
fn a_single_file_keeps_a_create_body_and_its_builder() {
    use mdapi_build_example::widgets::endpoints::post_widgets::Body;
    use mdapi_build_example::widgets::models::Widget;
    use mdapi_build_example::widgets::paths::Root;

    let body = Body { display_name: "New".to_owned(), size: 2, rest: Widget::default() };
    let request = Root.widgets().post(&body).unwrap();
    assert_eq!(request.path, "/widgets");
    let sent: serde_json::Value = serde_json::from_slice(request.body.as_deref().unwrap()).unwrap();
    assert_eq!(sent, serde_json::json!({ "displayName": "New", "size": 2 }));
}
