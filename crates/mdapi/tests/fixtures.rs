//! The fixture doc set in `tests/fixtures/widgets`: what the IR makes of
//! names, enums, collections and unannotated examples. (Its generated crate,
//! `generated/widgets`, is compiled and its example tests run in the workspace.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::path::PathBuf;

use mdapi::{analyze, Analysis, DocSet};
use mdapi_ir::{Access, BodyCheck, TypeKind};
use mdapi_parse::Code;

fn widgets() -> Analysis {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/widgets");
    analyze(&DocSet::load(&[dir]).unwrap())
}

#[test]
fn names_that_differ_only_in_case_stay_distinct() {
    let analysis = widgets();
    let widget = analysis.api.find_type("microsoft.graph.widget").unwrap();
    let names: Vec<&str> = widget.properties.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"type") && names.contains(&"Type"), "{names:?}");
    assert!(names.contains(&"2fa") && names.contains(&"self"));
    assert_eq!(widget.kind, TypeKind::Entity);
    assert_eq!(widget.base.as_deref(), Some("microsoft.graph.entity"));
}

#[test]
fn enum_members_after_the_sentinel_are_kept() {
    let analysis = widgets();
    let color = analysis.api.find_type("microsoft.graph.widgetColor").unwrap();
    assert_eq!(color.kind, TypeKind::Enum);
    let members: Vec<&str> = color.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["red", "green", "unknownFutureValue", "blue"]);
    let widget = analysis.api.find_type("microsoft.graph.widget").unwrap();
    let property = widget.properties.iter().find(|p| p.name == "color").unwrap();
    assert_eq!(property.type_name.as_str(), "microsoft.graph.widgetColor");
}

#[test]
fn unannotated_examples_are_found_and_reported() {
    let analysis = widgets();
    let create = analysis.api.examples.iter().find(|e| e.source.file.ends_with("widget-create.md")).unwrap();
    assert_eq!(create.operation.as_deref(), Some("post_widgets"));
    assert!(create.response.as_ref().is_some_and(|r| r.status == 201));
    let notes = analysis.diagnostics.iter().filter(|d| d.code == Code::ExampleUnannotated).count();
    assert_eq!(notes, 2);
}

#[test]
fn collection_elements_and_unknown_properties_are_checked() {
    let analysis = widgets();
    let list = analysis.api.examples.iter().find(|e| e.name.as_deref() == Some("list_widgets")).unwrap();
    let check = list.response.as_ref().and_then(|r| r.body_check.clone());
    assert!(
        matches!(check, Some(BodyCheck::DecodeFails { ref reason, .. }) if reason.contains("\"size\": \"large\"")),
        "{check:?}"
    );
    let unknown: Vec<&str> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ExamplePropertyUnknown)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(unknown.len(), 2, "{unknown:?}");
    assert!(unknown.iter().any(|m| m.contains("`nickname`") && m.contains("identity")));
    assert!(unknown.iter().any(|m| m.contains("`futureProperty`")));
    // The unknown enum value "purple" is not a mismatch: enums are open.
    let get = analysis.api.examples.iter().find(|e| e.name.as_deref() == Some("get_widget")).unwrap();
    assert!(matches!(get.response.as_ref().and_then(|r| r.body_check.clone()), Some(BodyCheck::RoundTrip { .. })));
}

#[test]
fn permissions_from_three_column_tables() {
    let analysis = widgets();
    let update = analysis.api.operations.iter().find(|o| o.id == "patch_widgets_by_id").unwrap();
    assert_eq!(update.permissions.delegated_work.scope_names(), ["Widget.ReadWrite", "Widget.ReadWrite.All"]);
    let Access::AnyOf { sets } = &update.permissions.delegated_work else { panic!() };
    assert!(sets.iter().all(|s| s.all_of.len() == 1 && s.condition.is_none()));
    assert_eq!(update.permissions.delegated_personal, Access::NotSupported);
    assert_eq!(update.permissions.application.scope_names(), ["Widget.ReadWrite.All"]);
}

#[test]
fn stats_count_the_fixture() {
    let stats = mdapi::stats::compute(&widgets());
    // 12 of the API pages and the include file are the permission forms'.
    assert_eq!((stats.pages, stats.api_pages, stats.resource_pages), (31, 23, 7));
    assert_eq!((stats.api_pages_with_http_block, stats.api_pages_with_routes, stats.routes), (23, 23, 34));
    // Types: 4 resources, 3 of the hierarchy, the enum, the paint and
    // createShipment actions' bodies. Operations: the routes, and the
    // createShipment example's colon path (`example-route-adopted`).
    assert_eq!((stats.operations, stats.types, stats.enums), (35, 10, 1));
    assert_eq!((stats.examples, stats.examples_paired, stats.examples_matched), (14, 14, 14));
    // The picture's download and upload are bytes: verified, nothing to decode.
    assert_eq!((stats.examples_verified, stats.examples_doc_defect, stats.examples_unsupported), (10, 4, 0));
    // Responses of get, usage, list, members, create; requests of update,
    // both creates, both paints and createShipment (request and response).
    assert_eq!((stats.example_bodies, stats.example_bodies_parsed), (12, 12));
    // Decoded: get, usage, update, both bodies of the first create, the
    // first paint; get keeps two unlisted properties. The create without its
    // required name does not decode; createShipment's two bodies decode clean.
    assert_eq!((stats.example_bodies_typed, stats.example_bodies_decoded, stats.example_bodies_clean), (12, 8, 7));
    // The two tables of the thumbnail and key pages each, the include's.
    assert_eq!((stats.permission_tables, stats.permission_tables_parsed), (25, 25));
    // `"size": "large"`, `"mailEnabled": "yes"` in a group inside a
    // directoryObject list, the paint example without its required colour
    // and the create without its required name.
    assert_eq!(stats.diagnostics_by_code.get("example-type-mismatch"), Some(&4));
}

#[test]
fn build_scripts_watch_every_folder_and_page() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/widgets");
    let docs = DocSet::load(&[&dir]).unwrap();
    let watched = docs.watched_paths();
    assert!(watched.contains(&dir), "the root folder, so added pages are noticed");
    assert!(watched.contains(&dir.join("v1.0/api")));
    assert!(watched.contains(&dir.join("v1.0/api/widget-get.md")));
    assert_eq!(watched.iter().filter(|p| p.extension().is_some_and(|e| e == "md")).count(), docs.pages.len());
}
