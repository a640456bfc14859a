//! A type's name and description come from the page about it, and a doc
//! defect never makes a type that shadows a Rust or Edm primitive (pages
//! written here, in the conventions real pages use).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mdapi::DocSet;

fn resource(path_title: &str, annotation: &str, description: &str) -> String {
    format!(
        "---\ndoc_type: resourcePageType\n---\n\n# {path_title} resource type\n\nNamespace: microsoft.graph\n\n{description}\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | Id. |\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"{annotation}\" }} -->\n```json\n{{ \"id\": \"String\" }}\n```\n"
    )
}

fn analyze(pages: Vec<(&str, String)>) -> mdapi::Analysis {
    mdapi::analyze(&DocSet::from_memory(pages))
}

/// Kind: an all-lowercase annotation (`microsoft.graph.orgcontact`) beat the
/// title's `orgContact`; the spelling with the case information wins.
#[test]
fn the_camel_cased_spelling_names_the_type() {
    let page = resource("orgContact", "microsoft.graph.orgcontact", "An organizational contact.");
    let analysis = analyze(vec![
        ("v1.0/resources/orgcontact.md", page),
        (
            "v1.0/resources/book.md",
            resource("book", "microsoft.graph.book", "A book. Its author is an [orgContact](orgcontact.md)."),
        ),
    ]);
    let names: Vec<&str> = analysis.api.types.iter().map(|t| t.name.as_str()).collect();
    assert!(names.contains(&"orgContact"), "{names:?}");
}

/// Kind: a page restating a few of a type's properties came first in path
/// order and its description ("Note: ... Intune license") named the type;
/// the page named for the type describes it.
#[test]
fn the_page_named_for_a_type_describes_it() {
    let restating = resource("user", "microsoft.graph.user", "Note: this API requires another license.");
    let own = resource("user", "microsoft.graph.user", "Represents a user account.");
    let analysis = analyze(vec![("v1.0/api/intune-user.md", restating), ("v1.0/resources/user.md", own)]);
    let user = analysis.api.types.iter().find(|t| t.name == "user").unwrap();
    assert_eq!(user.description, "Represents a user account.");
    // And the model points at that page, at its title, though another page
    // named the type first.
    assert_eq!((user.sources[0].file.as_str(), user.sources[0].line), ("v1.0/resources/user.md", 5));
}

/// Kind: a model's source (its file header, its doc comment) was the first
/// page that named the type (a list page linking it, another type's
/// resource page), not the page defining it.
#[test]
fn a_model_points_at_the_page_defining_it() {
    let depot = resource("depot", "microsoft.graph.depot", "A depot.\n\nInherits from [entity](entity.md).");
    let entity = resource("entity", "microsoft.graph.entity", "The base of every entity.");
    let analysis = analyze(vec![("v1.0/resources/depot.md", depot), ("v1.0/resources/entity.md", entity)]);
    let entity = analysis.api.types.iter().find(|t| t.name == "entity").unwrap();
    assert_eq!(entity.sources[0].file, "v1.0/resources/entity.md", "{:?}", entity.sources);
}

/// Kind: `microsoft.graph.String` written for `Edm.String` made
/// `pub type String = serde_json::Value`, shadowing Rust's `String`.
#[test]
fn a_type_named_like_a_primitive_is_the_primitive() {
    let page = "---\ndoc_type: apiPageType\n---\n\n# Check\n\n## HTTP request\n\n```http\nPOST /things/check\n```\n\n## Response\n\nReturns `200 OK` and a collection of [String](../resources/string.md) values.\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"check\" } -->\n```http\nPOST https://graph.microsoft.com/v1.0/things/check\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"Collection(microsoft.graph.String)\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{ \"value\": [\"a\"] }\n```\n";
    let analysis = analyze(vec![("v1.0/api/thing-check.md", page.to_owned())]);
    assert!(!analysis.api.types.iter().any(|t| t.name.eq_ignore_ascii_case("string")));
    let op = &analysis.api.operations[0];
    let body = op.response.body.as_ref().unwrap();
    assert_eq!((body.name.as_str(), body.collection), ("String", true));
    assert!(analysis.diagnostics.iter().any(|d| d.code == mdapi_parse::Code::TypeNamesPrimitive));
}
