//! What each operation answers, decided per route from the examples that
//! call it (pages written here, in the conventions real pages use). Each
//! test names a kind of page that typed calls wrong before.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mdapi::DocSet;
use mdapi_ir::{Operation, TypeRef};

fn resource(name: &str, base: Option<&str>) -> String {
    let inherits = base.map_or(String::new(), |b| format!("Inherits from [{b}]({b}.md).\n\n"));
    let annotation_base = base.map_or(String::new(), |b| format!(", \"baseType\": \"microsoft.graph.{b}\""));
    format!(
        "---\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\n{inherits}## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | Id. |\n| {name}Size | Int32 | Size. |\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{annotation_base} }} -->\n```json\n{{ \"id\": \"String\", \"{name}Size\": 1 }}\n```\n"
    )
}

fn api_page(routes: &str, response: &str, examples: &str) -> String {
    format!(
        "---\ndoc_type: apiPageType\n---\n\n# Call\n\n## Permissions\n\n|Permission type|Permissions|\n|:---|:---|\n|Application|Thing.Read.All|\n\n## HTTP request\n\n```http\n{routes}\n```\n\n## Response\n\n{response}\n\n## Examples\n\n{examples}"
    )
}

fn example(name: &str, url: &str, annotation: &str, body: &str) -> String {
    format!(
        "<!-- {{ \"blockType\": \"request\", \"name\": \"{name}\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0{url}\n```\n\n<!-- {{ \"blockType\": \"response\"{annotation} }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n\n"
    )
}

fn analyze(pages: Vec<(&str, String)>) -> mdapi::Analysis {
    let mut all = vec![
        ("v1.0/resources/attachment.md", resource("attachment", None)),
        ("v1.0/resources/fileattachment.md", resource("fileAttachment", Some("attachment"))),
        ("v1.0/resources/itemattachment.md", resource("itemAttachment", Some("attachment"))),
    ];
    all.extend(pages);
    mdapi::analyze(&DocSet::from_memory(all))
}

fn op<'a>(analysis: &'a mdapi::Analysis, path: &str) -> &'a Operation {
    let found: Vec<&Operation> = analysis.api.operations.iter().filter(|op| op.path == path).collect();
    match found.as_slice() {
        [op] => op,
        other => panic!("{path}: {} operations", other.len()),
    }
}

fn answers(op: &Operation) -> Option<(&str, bool)> {
    op.response.body.as_ref().map(|TypeRef { name, collection }| (name.as_str(), *collection))
}

fn agreement(analysis: &mdapi::Analysis) -> Vec<Option<bool>> {
    analysis.api.examples.iter().map(|e| e.response.as_ref().and_then(|r| r.agrees_with_operation)).collect()
}

/// Kind: a page whose examples show several derived types of one base
/// (attachment-get.md): the call answers the base, which decodes them all.
#[test]
fn polymorphic_examples_give_their_common_base() {
    let examples = [
        example(
            "file",
            "/things/t/attachments/1",
            ", \"@odata.type\": \"microsoft.graph.fileAttachment\"",
            "{ \"@odata.type\": \"#microsoft.graph.fileAttachment\", \"id\": \"1\" }",
        ),
        example(
            "item",
            "/things/t/attachments/2",
            ", \"@odata.type\": \"microsoft.graph.itemAttachment\"",
            "{ \"@odata.type\": \"#microsoft.graph.itemAttachment\", \"id\": \"2\" }",
        ),
        example(
            "item2",
            "/things/t/attachments/3",
            ", \"@odata.type\": \"microsoft.graph.itemAttachment\"",
            "{ \"@odata.type\": \"#microsoft.graph.itemAttachment\", \"id\": \"3\" }",
        ),
    ]
    .concat();
    let page = api_page(
        "GET /things/{id}/attachments/{id}",
        "Returns `200 OK` and an [attachment](../resources/attachment.md).",
        &examples,
    );
    let analysis = analyze(vec![("v1.0/api/attachment-get.md", page)]);
    assert_eq!(answers(op(&analysis, "/things/{id}/attachments/{id2}")), Some(("microsoft.graph.attachment", false)));
    assert_eq!(agreement(&analysis), [Some(true); 3]);
}

/// Kind: delta and list pages whose annotation names the item type without
/// `isCollection`; the `{"value": [...]}` body makes it a collection, and a
/// `delta` route with no example still answers one.
#[test]
fn collections_from_the_body_and_from_delta() {
    let list = example(
        "list",
        "/things",
        ", \"@odata.type\": \"microsoft.graph.attachment\"",
        "{ \"value\": [ { \"id\": \"1\" } ], \"@odata.deltaLink\": \"https://x/delta?token=1\" }",
    );
    let page = api_page(
        "GET /things\nGET /things/delta()",
        "Returns `200 OK` and an [attachment](../resources/attachment.md) object.",
        &list,
    );
    let analysis = analyze(vec![("v1.0/api/thing-list.md", page)]);
    assert_eq!(answers(op(&analysis, "/things")), Some(("microsoft.graph.attachment", true)));
    assert_eq!(answers(op(&analysis, "/things/delta()")), Some(("microsoft.graph.attachment", true)));
    assert_eq!(agreement(&analysis), [Some(true)]);
}

/// Kind: a get-by-key page whose example shows a `value` array: OData says
/// a key segment answers one entity, so the example is the defect.
#[test]
fn a_key_segment_answers_one_entity() {
    let get = example(
        "get",
        "/things/1",
        ", \"@odata.type\": \"microsoft.graph.attachment\"",
        "{ \"value\": [ { \"id\": \"1\" } ] }",
    );
    let page = api_page("GET /things/{id}", "Returns `200 OK` and an [attachment](../resources/attachment.md).", &get);
    let analysis = analyze(vec![("v1.0/api/thing-get.md", page)]);
    assert_eq!(answers(op(&analysis, "/things/{id}")), Some(("microsoft.graph.attachment", false)));
    assert_eq!(agreement(&analysis), [Some(false)]);
}

/// Kind: a function documented as returning a primitive: OData's JSON
/// format answers `{"value": ...}`, and the example agrees in that form.
#[test]
fn a_primitive_answer_is_wrapped() {
    let get = example("count", "/things/countThem()", "", "{ \"@odata.context\": \"x\", \"value\": 3 }");
    let page = api_page("GET /things/countThem()", "Returns `200 OK` and an Int32 in the response body.", &get);
    let analysis = analyze(vec![("v1.0/api/thing-count.md", page)]);
    assert_eq!(answers(op(&analysis, "/things/countThem()")), Some(("Int32", false)));
    assert_eq!(agreement(&analysis), [Some(true)]);
}

/// Kind: an annotation naming an OData primitive (`Edm.Int32`) was reported
/// as another namespace than the page's; Edm is every page's. A type in a
/// foreign namespace still is.
#[test]
fn edm_primitives_are_in_no_foreign_namespace() {
    let edm = example("edm", "/things/countThem()", ", \"@odata.type\": \"Edm.Int32\"", "{ \"value\": 3 }");
    let foreign =
        example("foreign", "/things/other()", ", \"@odata.type\": \"contoso.fleet.thing\"", "{ \"id\": \"1\" }");
    let routes = "GET /things/countThem()\nGET /things/other()";
    let page = api_page(routes, "Returns `200 OK` and an Int32 in the response body.", &format!("{edm}{foreign}"));
    let analysis = analyze(vec![("v1.0/api/thing-count.md", page)]);
    let mismatches: Vec<&str> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == mdapi_ir::Code::NamespaceMismatch)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(mismatches.len(), 1, "{mismatches:?}");
    assert!(mismatches[0].contains("contoso.fleet"), "{mismatches:?}");
}

/// Kind: JSON answers on a page that names no type were `()`, so the call
/// failed on the documented answer; they are untyped JSON.
#[test]
fn json_answers_without_a_type_are_json_not_unit() {
    let get = example("stats", "/things/stats", "", "{ \"count\": 3 }");
    let page = api_page("GET /things/stats", "Returns `200 OK`.", &get);
    let analysis = analyze(vec![("v1.0/api/thing-stats.md", page)]);
    assert_eq!(answers(op(&analysis, "/things/stats")), Some(("Json", false)));
}

/// Kind: usage reports answer a CSV download by default and JSON with
/// `$format=application/json`: the JSON example documents that variant,
/// not the default answer.
#[test]
fn a_format_example_documents_its_variant() {
    let csv = "<!-- { \"blockType\": \"request\", \"name\": \"csv\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/things/report(period='D7')\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"stream\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: text/csv\n\na,b\n```\n\n";
    let json = example(
        "json",
        "/things/report(period='D7')?$format=application/json",
        ", \"@odata.type\": \"microsoft.graph.attachment\"",
        "{ \"value\": [ { \"id\": \"1\" } ] }",
    );
    let page = api_page("GET /things/report(period='{period}')", "Returns `200 OK`.", &format!("{csv}{json}"));
    let analysis = analyze(vec![("v1.0/api/thing-report.md", page)]);
    let report = op(&analysis, "/things/report(period='{period}')");
    assert_eq!(answers(report), Some(("Stream", false)));
    let formats: Vec<(&str, &str, bool)> =
        report.response.formats.iter().map(|f| (f.format.as_str(), f.body.name.as_str(), f.body.collection)).collect();
    assert_eq!(formats, [("application/json", "microsoft.graph.attachment", true)]);
    assert!(agreement(&analysis).contains(&Some(true)));
}

/// Kind: one page documents a route, another restates it (extended
/// properties, a derived type's list): the operations of every other route
/// are the same whether the restating page exists or not.
#[test]
fn a_page_restating_routes_changes_no_other_operation() {
    let list = api_page(
        "GET /things\nGET /things/{id}/attachments",
        "Returns `200 OK` and a collection of [attachment](../resources/attachment.md) objects.",
        "",
    );
    let restating = api_page(
        "GET /things?$expand=extras\nGET /things/{id}/attachments",
        "Returns `200 OK` and a collection of [fileAttachment](../resources/fileattachment.md) objects.",
        "",
    );
    let without = analyze(vec![("v1.0/api/thing-list.md", list.clone())]);
    let with = analyze(vec![("v1.0/api/thing-list.md", list), ("v1.0/api/aaa-extras.md", restating)]);
    let shape = |a: &mdapi::Analysis| -> Vec<(String, String, Option<TypeRef>)> {
        a.api.operations.iter().map(|op| (op.id.clone(), op.path.clone(), op.response.body.clone())).collect()
    };
    assert_eq!(shape(&without), shape(&with));
    assert!(op(&with, "/things").parameters.iter().any(|p| p.name == "$expand"));
}

/// Kind: a page documents the same call on several parents and gives an
/// example for one; the others answered the prose's type. Routes of one
/// page with the same method, last word and key-ness are one call.
#[test]
fn a_route_without_examples_answers_as_its_siblings() {
    let list = example(
        "list",
        "/things/t/attachments",
        ", \"@odata.type\": \"microsoft.graph.attachment\", \"isCollection\": true",
        "{ \"value\": [ { \"id\": \"1\" } ] }",
    );
    let page = api_page(
        "GET /things/{id}/attachments\nGET /me/favoriteThing/attachments",
        "Returns `200 OK` and a [fileAttachment](../resources/fileattachment.md) object.",
        &list,
    );
    let analysis = analyze(vec![("v1.0/api/thing-list-attachments.md", page)]);
    assert_eq!(answers(op(&analysis, "/things/{id}/attachments")), Some(("microsoft.graph.attachment", true)));
    assert_eq!(answers(op(&analysis, "/me/favoriteThing/attachments")), Some(("microsoft.graph.attachment", true)));
}

/// Kind: a media upload (`PUT .../$value`) sent JSON because a GET of the
/// same path lent its type; what goes up is the file's bytes.
#[test]
fn a_media_upload_sends_bytes_whatever_a_get_names() {
    let get =
        api_page("GET /things/{id}/manual", "Returns `200 OK` and an [attachment](../resources/attachment.md).", "");
    let put =
        api_page("PUT /things/{id}/manual/$value\nGET /things/{id}/manual/$value", "Returns `204 No Content`.", "");
    let analysis = analyze(vec![("v1.0/api/thing-get-manual.md", get), ("v1.0/api/thing-put-manual.md", put)]);
    let upload = analysis.api.operations.iter().find(|o| o.method == "PUT").unwrap();
    assert_eq!(upload.request_body.as_ref().map(|b| b.name.as_str()), Some("Stream"));
    let download = analysis.api.operations.iter().find(|o| o.method == "GET" && o.path.ends_with("$value")).unwrap();
    assert_eq!(answers(download), Some(("Stream", false)));
}

/// Kind: arguments documented in other table forms were dropped: a header
/// written with its value (`Prefer: respond-async`) is sent by the call
/// itself, and a `Required` column's `Yes` makes a query parameter required.
#[test]
fn headers_with_values_and_required_columns() {
    let text = "---\ndoc_type: apiPageType\n---\n\n# Sample\n\n## HTTP request\n\n```http\nPOST /things/{id}/sample\n```\n\n## Query parameters\n\n| Name | Type | Required | Description |\n|:--|:--|:--|:--|\n| unit | String | Yes | The unit. |\n| precise | Boolean | No | Precision. |\n\n## Request headers\n\n| Name | Description |\n|:--|:--|\n| Prefer: respond-async | Required. Run it in the background. |\n| Prefer: outlook.timezone | Optional. |\n\n## Response\n\nReturns `202 Accepted`.\n";
    let analysis = analyze(vec![("v1.0/api/thing-sample.md", text.to_owned())]);
    let sample = op(&analysis, "/things/{id}/sample");
    let required: Vec<&str> = sample.required_query().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(required, ["unit"]);
    assert_eq!(sample.fixed_headers(), [("Prefer", "respond-async")]);
    assert!(sample.required_headers().is_empty(), "a header with its value is not the caller's to give");
}
