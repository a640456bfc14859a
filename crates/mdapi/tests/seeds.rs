//! The five seed pages in `docs-input/`: every documented defect is
//! reported at its line, and the rest of each page still becomes API.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::path::PathBuf;

use mdapi::{analyze, DocSet};
use mdapi_ir::{Access, Api, BodyCheck, UrlCheck};
use mdapi_parse::Code;

fn docs_input() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs-input")
}

fn seeds() -> (DocSet, mdapi::Analysis) {
    let docs = DocSet::load(&[docs_input()]).unwrap();
    let analysis = analyze(&docs);
    (docs, analysis)
}

const PHOTOS: &str = "beta/api/user-post-photos.md"; // seed 000
const PHOTOS_REF: &str = "beta/api/user-post-photos-ref.md"; // seed 001
const PROFILE_PHOTO: &str = "beta/api/profilephoto-post.md"; // seed 002
const UPDATE: &str = "beta/api/user-update-photos.md"; // seed 003
const PICTURE: &str = "beta/api/customer-post-picture.md"; // seed 004

#[test]
fn every_seed_defect_is_reported_at_its_line() {
    let (_, analysis) = seeds();
    let found: Vec<(Code, &str, u32)> =
        analysis.diagnostics.iter().map(|d| (d.code, d.file.as_str(), d.span.line)).collect();
    let expected = [
        // TODO placeholders in every permissions table.
        (Code::PermissionPlaceholder, PHOTOS, 20),
        (Code::PermissionPlaceholder, PHOTOS, 21),
        (Code::PermissionPlaceholder, PHOTOS, 22),
        (Code::PermissionPlaceholder, PHOTOS_REF, 21),
        (Code::PermissionPlaceholder, PHOTOS_REF, 23),
        (Code::PermissionPlaceholder, PROFILE_PHOTO, 20),
        (Code::PermissionPlaceholder, UPDATE, 23),
        (Code::PermissionPlaceholder, PICTURE, 21),
        (Code::PermissionPlaceholder, PICTURE, 23),
        // 002: the broken route and the example URL built from it.
        (Code::RouteInvalid, PROFILE_PHOTO, 31),
        (Code::ExampleUrlUnmatched, PROFILE_PHOTO, 64),
        // 000: "Integer" where the table says Int32, in request and response.
        (Code::ExampleTypeMismatch, PHOTOS, 73),
        (Code::ExampleTypeMismatch, PHOTOS, 74),
        (Code::ExampleTypeMismatch, PHOTOS, 93),
        (Code::ExampleTypeMismatch, PHOTOS, 94),
        // 001 and 004: example URLs without the routes' `$ref`.
        (Code::ExampleUrlUnmatched, PHOTOS_REF, 67),
        (Code::ExampleUrlUnmatched, PICTURE, 68),
        // 002: the Teams namespace in the body and the annotation.
        (Code::NamespaceMismatch, PROFILE_PHOTO, 69),
        (Code::NamespaceMismatch, PROFILE_PHOTO, 76),
        (Code::NamespaceMismatch, PROFILE_PHOTO, 87),
        // The example name used on three pages.
        (Code::ExampleNameDuplicate, PHOTOS, 61),
        (Code::ExampleNameDuplicate, PHOTOS_REF, 61),
        // Links to absent resource pages.
        (Code::LinkMissingPage, PHOTOS, 42),
        (Code::LinkMissingPage, PHOTOS, 48),
        (Code::LinkMissingPage, PROFILE_PHOTO, 13),
        (Code::LinkMissingPage, PICTURE, 41),
        (Code::LinkMissingPage, PICTURE, 47),
    ];
    for want in expected {
        assert!(found.contains(&want), "missing {want:?}; found {found:#?}");
    }
    assert!(!found.iter().any(|(code, _, _)| *code == Code::InternalError));
}

#[test]
fn mismatch_points_at_the_example_and_the_table_row() {
    let (_, analysis) = seeds();
    let mismatch =
        analysis.diagnostics.iter().find(|d| d.code == Code::ExampleTypeMismatch && d.span.line == 73).unwrap();
    assert!(mismatch.message.contains("\"height\": \"Integer\""), "{}", mismatch.message);
    assert!(mismatch.message.contains("Int32"));
    assert_eq!(mismatch.related.len(), 1);
    assert!(mismatch.related[0].span.line > 0);
    assert!(mismatch.help.is_some());
}

fn type_of<'a>(api: &'a Api, name: &str) -> &'a mdapi_ir::TypeDef {
    api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"))
}

#[test]
fn profile_photo_is_merged_across_pages() {
    let (_, analysis) = seeds();
    let photo = type_of(&analysis.api, "profilePhoto");
    assert_eq!(photo.namespace, "microsoft.graph");
    let props: Vec<(&str, &str)> = photo.properties.iter().map(|p| (p.name.as_str(), p.type_name.as_str())).collect();
    assert_eq!(props, [("id", "String"), ("height", "Int32"), ("width", "Int32")]);
    assert_eq!(photo.sources.len(), 4, "defined on four pages: {:?}", photo.sources);
    assert_eq!(photo.base.as_deref(), Some("microsoft.graph.entity"));
    // `entity` is known only from links and "Inherited from" rows: open, with a note.
    let entity = type_of(&analysis.api, "entity");
    assert!(entity.open && !entity.documented);
    let picture = type_of(&analysis.api, "picture");
    let content = picture.properties.iter().find(|p| p.name == "content").unwrap();
    assert!(content.type_name.is_stream());
}

#[test]
fn seven_routes_with_permissions() {
    let (_, analysis) = seeds();
    let ops: Vec<(&str, &str)> = analysis.api.operations.iter().map(|o| (o.method.as_str(), o.path.as_str())).collect();
    assert_eq!(
        ops,
        [
            ("PATCH", "/me/photos"),
            ("PATCH", "/users/{usersId}/photos"),
            ("POST", "/financials/companies/{companyId}/customers/{customerId}/picture/$ref"),
            ("POST", "/groups/{groupsId}/photos"),
            ("POST", "/me/photos/$ref"),
            ("POST", "/users/{usersId}/photos"),
            ("POST", "/users/{usersId}/photos/$ref"),
        ]
    );
    for op in &analysis.api.operations {
        let from_001_or_004 = op.source.file == PHOTOS_REF || op.source.file == PICTURE;
        let expected_personal = if from_001_or_004 { Access::NotSupported } else { Access::Undocumented };
        assert_eq!(op.permissions.delegated_personal, expected_personal, "{}", op.id);
        assert_eq!(op.permissions.delegated_work, Access::Undocumented, "{}", op.id);
        assert_eq!(op.permissions.application, Access::Undocumented, "{}", op.id);
    }
}

#[test]
fn examples_are_attached_and_classified() {
    let (_, analysis) = seeds();
    let examples = &analysis.api.examples;
    assert_eq!(examples.len(), 5);
    let mut ids: Vec<&str> = examples.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 5, "test names must be distinct: {ids:?}");

    let photos = examples.iter().find(|e| e.source.file == PHOTOS).unwrap();
    assert_eq!(photos.operation.as_deref(), Some("post_users_by_id_photos"));
    assert_eq!(photos.url_check, UrlCheck::Matches { bindings: vec![("usersId".into(), "{usersId}".into())] });
    assert!(matches!(photos.request.body_check, Some(BodyCheck::DecodeFails { .. })));

    let update = examples.iter().find(|e| e.source.file == UPDATE).unwrap();
    assert_eq!(update.operation.as_deref(), Some("patch_me_photos"));
    assert!(matches!(update.request.body_check, Some(BodyCheck::RoundTrip { .. })));

    for file in [PHOTOS_REF, PICTURE, PROFILE_PHOTO] {
        let example = examples.iter().find(|e| e.source.file == file).unwrap();
        assert!(matches!(example.url_check, UrlCheck::MatchesNone { .. }), "{file}");
        assert_eq!(example.operation, None);
    }
}
