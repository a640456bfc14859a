//! How examples are classified (verified, doc defect, unsupported) for the
//! body shapes real pages have, on pages written here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mdapi::DocSet;
use mdapi_ir::{BodyCheck, Example, ExampleClass};
use mdapi_parse::Code;

const THING: &str = "---\ntitle: \"thing resource type\"\ndoc_type: resourcePageType\n---\n\n# thing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | Id. |\n| size | Int32 | Size. |\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n```json\n{ \"id\": \"String\", \"size\": \"Int32\" }\n```\n";

const BAG: &str = "---\ntitle: \"bag resource type\"\ndoc_type: resourcePageType\n---\n\n# bag resource type\n\nNamespace: microsoft.graph\n\nAn open type.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| kind | String | Kind. |\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"openType\": true, \"@odata.type\": \"microsoft.graph.bag\" } -->\n```json\n{ \"kind\": \"String\" }\n```\n";

fn api_page(title: &str, route: &str, response: &str, examples: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n## Permissions\n\n|Permission type|Permissions|\n|:---|:---|\n|Application|Thing.Read.All|\n\n## HTTP request\n\n```http\n{route}\n```\n\n## Response\n\n{response}\n\n## Examples\n\n{examples}"
    )
}

fn example(name: &str, request: &str, response: &str) -> String {
    format!(
        "<!-- {{ \"blockType\": \"request\", \"name\": \"{name}\" }} -->\n```http\n{request}\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\n{response}\n```\n\n"
    )
}

fn analyze(pages: &[(&str, String)]) -> mdapi::Analysis {
    let mut all = vec![("v1.0/resources/thing.md", THING.to_owned()), ("v1.0/resources/bag.md", BAG.to_owned())];
    all.extend(pages.iter().cloned());
    mdapi::analyze(&DocSet::from_memory(all))
}

fn find<'a>(analysis: &'a mdapi::Analysis, name: &str) -> &'a Example {
    analysis.api.examples.iter().find(|e| e.name.as_deref() == Some(name)).unwrap_or_else(|| panic!("no {name}"))
}

fn response_check(example: &Example) -> &BodyCheck {
    example.response.as_ref().and_then(|r| r.body_check.as_ref()).unwrap()
}

const OK_JSON: &str = "HTTP/1.1 200 OK\nContent-type: application/json\n\n";

#[test]
fn a_wrapped_entity_is_checked_inside_its_wrapper() {
    let page = api_page(
        "Get thing",
        "GET /things/{id}",
        "Returns `200 OK` and a [thing](../resources/thing.md) object.",
        &example(
            "get_thing_wrapped",
            "GET https://graph.microsoft.com/v1.0/things/t1",
            &format!("{OK_JSON}{{ \"value\": {{ \"id\": \"t1\", \"size\": 2 }} }}"),
        ),
    );
    let analysis = analyze(&[("v1.0/api/thing-get.md", page)]);
    let example = find(&analysis, "get_thing_wrapped");
    assert!(
        matches!(response_check(example), BodyCheck::RoundTrip { wrapped: true, unlisted, .. } if unlisted.is_empty())
    );
    assert_eq!(example.class(), ExampleClass::Verified);
    assert!(analysis.diagnostics.iter().any(|d| d.code == Code::ExampleResponseWrapped));
}

#[test]
fn a_value_array_is_a_collection_and_open_types_keep_their_keys() {
    let page = api_page(
        "List bags",
        "GET /bags",
        "Returns `200 OK` and a [bag](../resources/bag.md) object.",
        &example(
            "list_bags",
            "GET https://graph.microsoft.com/v1.0/bags",
            &format!("{OK_JSON}{{ \"value\": [ {{ \"kind\": \"a\", \"f81b-dynamic\": 1 }} ] }}"),
        ),
    );
    let analysis = analyze(&[("v1.0/api/bag-list.md", page)]);
    match response_check(find(&analysis, "list_bags")) {
        BodyCheck::RoundTrip { r#type, unlisted, .. } => {
            assert!(r#type.collection);
            assert!(unlisted.is_empty(), "an open type's dynamic keys are not unlisted: {unlisted:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bodies_without_a_type_bytes_and_broken_json() {
    let examples = [
        example(
            "untyped",
            "POST https://graph.microsoft.com/v1.0/things/t1/check",
            &format!("{OK_JSON}{{ \"value\": [\"a\"] }}"),
        ),
        example(
            "photo",
            "PUT https://graph.microsoft.com/v1.0/things/t1/check\nContent-type: image/jpeg\n\n<binary data>",
            "HTTP/1.1 204 No Content",
        ),
        example(
            "broken",
            "POST https://graph.microsoft.com/v1.0/things/t1/check\nContent-type: application/json\n\n{ \"a\": }",
            "HTTP/1.1 204 No Content",
        ),
    ]
    .concat();
    let page = api_page(
        "Check thing",
        "POST /things/{id}/check\nPUT /things/{id}/check",
        "Returns `200 OK` and a list.",
        &examples,
    );
    let analysis = analyze(&[("v1.0/api/thing-check.md", page)]);
    let untyped = find(&analysis, "untyped");
    assert_eq!(response_check(untyped), &BodyCheck::Untyped);
    assert_eq!(untyped.class(), ExampleClass::Verified);
    assert!(analysis.diagnostics.iter().any(|d| d.code == Code::ExampleBodyUntyped));
    let photo = find(&analysis, "photo");
    assert!(
        matches!(&photo.request.body_check, Some(BodyCheck::Bytes { content_type }) if content_type == "image/jpeg")
    );
    assert_eq!(photo.class(), ExampleClass::Verified);
    let broken = find(&analysis, "broken");
    assert!(matches!(&broken.request.body_check, Some(BodyCheck::NotJson { text, .. }) if text.contains("\"a\": }")));
    assert_eq!(broken.class(), ExampleClass::DocDefect);
    assert!(analysis.diagnostics.iter().any(|d| d.code == Code::ExampleBodyInvalid));
}

#[test]
fn a_primitive_named_in_prose_types_the_response() {
    let page = api_page(
        "Get thing names",
        "POST /things/getNames",
        "If successful, this method returns `200 OK` response code and String collection object in the response body.",
        &example(
            "get_names",
            "POST https://graph.microsoft.com/v1.0/things/getNames",
            &format!("{OK_JSON}{{ \"value\": [\"a\", \"b\"] }}"),
        ),
    );
    let analysis = analyze(&[("v1.0/api/thing-getnames.md", page)]);
    match response_check(find(&analysis, "get_names")) {
        BodyCheck::RoundTrip { r#type, .. } => assert_eq!((r#type.name.as_str(), r#type.collection), ("String", true)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_patch_body_is_the_entity_get_returns() {
    let get =
        api_page("Get thing", "GET /things/{id}", "Returns `200 OK` and a [thing](../resources/thing.md) object.", "");
    let patch = api_page(
        "Update thing",
        "PATCH /things/{id}",
        "Returns `204 No Content`.",
        &example(
            "update_thing",
            "PATCH https://graph.microsoft.com/v1.0/things/t1\nContent-type: application/json\n\n{ \"size\": \"big\" }",
            "HTTP/1.1 204 No Content",
        ),
    );
    let analysis = analyze(&[("v1.0/api/thing-get.md", get), ("v1.0/api/thing-update.md", patch)]);
    let update = find(&analysis, "update_thing");
    assert!(
        matches!(&update.request.body_check, Some(BodyCheck::DecodeFails { r#type, .. }) if r#type.name.as_str() == "microsoft.graph.thing")
    );
    assert_eq!(update.class(), ExampleClass::DocDefect);
}

#[test]
fn a_count_request_answers_with_a_number_even_without_a_count_route() {
    let page = api_page(
        "List things",
        "GET /things",
        "Returns `200 OK` and a collection of [thing](../resources/thing.md) objects.",
        &example(
            "count_things",
            "GET https://graph.microsoft.com/v1.0/things/$count\nConsistencyLevel: eventual",
            "HTTP/1.1 200 OK\nContent-type: text/plain\n\n893",
        ),
    );
    let analysis = analyze(&[("v1.0/api/thing-list.md", page)]);
    let count = find(&analysis, "count_things");
    match response_check(count) {
        BodyCheck::RoundTrip { r#type, .. } => assert_eq!((r#type.name.as_str(), r#type.collection), ("Int64", false)),
        other => panic!("the count is a number, not a collection of things: {other:?}"),
    }
    // The page still lacks the `/$count` route, and says so.
    assert!(analysis.diagnostics.iter().any(|d| d.code == Code::ExampleUrlUnmatched));
}

/// A type derived from an open type is open (OData CSDL), so its dynamic
/// properties are expected; a closed sibling's are reported.
#[test]
fn a_type_derived_from_an_open_type_is_open() {
    let derived = |name: &str, base: &str| {
        format!(
            "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\nInherits from [{base}]({base}.md).\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| label | String | Label. |\n"
        )
    };
    let examples = [
        example(
            "get_openbag",
            "GET https://graph.microsoft.com/v1.0/openbags/b1",
            &format!("{OK_JSON}{{ \"kind\": \"a\", \"label\": \"b\", \"conversation\": \"c\" }}"),
        ),
        example(
            "get_closedthing",
            "GET https://graph.microsoft.com/v1.0/closedthings/t1",
            &format!("{OK_JSON}{{ \"size\": 1, \"label\": \"b\", \"conversation\": \"c\" }}"),
        ),
    ];
    let openbag = api_page(
        "Get openBag",
        "GET /openbags/{id}",
        "Returns `200 OK` and an [openBag](../resources/openbag.md) object.",
        &examples[0],
    );
    let closed = api_page(
        "Get closedThing",
        "GET /closedthings/{id}",
        "Returns `200 OK` and a [closedThing](../resources/closedthing.md) object.",
        &examples[1],
    );
    let analysis = analyze(&[
        ("v1.0/resources/openbag.md", derived("openBag", "bag")),
        ("v1.0/resources/closedthing.md", derived("closedThing", "thing")),
        ("v1.0/api/openbag-get.md", openbag),
        ("v1.0/api/closedthing-get.md", closed),
    ]);
    assert!(analysis.api.find_type("microsoft.graph.openBag").unwrap().open);
    assert!(!analysis.api.find_type("microsoft.graph.closedThing").unwrap().open);
    let unlisted = |name: &str| match response_check(find(&analysis, name)) {
        BodyCheck::RoundTrip { unlisted, .. } => unlisted.clone(),
        other => panic!("{other:?}"),
    };
    assert!(unlisted("get_openbag").is_empty());
    assert_eq!(unlisted("get_closedthing"), ["conversation"]);
    let unknown: Vec<_> =
        analysis.diagnostics.iter().filter(|d| d.code == Code::ExamplePropertyUnknown).map(|d| &d.file).collect();
    assert_eq!(unknown, ["v1.0/api/closedthing-get.md"]);
}
