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
        matches!(&update.request.body_check, Some(BodyCheck::DecodeFails { r#type, .. }) if r#type.name == "microsoft.graph.thing")
    );
    assert_eq!(update.class(), ExampleClass::DocDefect);
}
