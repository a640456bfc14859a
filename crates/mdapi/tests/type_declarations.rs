//! How declarations of one property on several pages merge: the type's own
//! resource page defines it, other tables restate it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mdapi::DocSet;
use mdapi_parse::Code;

const TASK: &str = "---\ntitle: \"task resource type\"\ndoc_type: resourcePageType\n---\n\n# task resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | Id. |\n| isEnabled | Boolean | On. |\n| owner | [identity](identity.md) | Owner. |\n| roles | Collection of String | Roles. |\n";

const IDENTITY: &str = "---\ntitle: \"identity resource type\"\ndoc_type: resourcePageType\n---\n\n# identity resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| displayName | String | Name. |\n";

/// An API page whose request-body table restates `task`'s properties, one
/// with another type and one with another spelling of the same type.
const CREATE_TASK: &str = "---\ntitle: \"Create task\"\ndoc_type: apiPageType\n---\n\n# Create task\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nPOST /tasks\n```\n\n## Request body\n\nIn the request body, supply a JSON representation of a [task](../resources/task.md) object.\n\n| Property | Type | Description |\n|:---|:---|:---|\n| isEnabled | String | On. |\n| owner | [Identity](../resources/identity.md) | Owner. |\n\n## Response\n\nReturns `201 Created` and a [task](../resources/task.md) object.\n";

fn analyze() -> mdapi::Analysis {
    // `api/` sorts before `resources/`: the restatement is read first.
    mdapi::analyze(&DocSet::from_memory(vec![
        ("v1.0/api/task-post.md", CREATE_TASK.to_owned()),
        ("v1.0/resources/identity.md", IDENTITY.to_owned()),
        ("v1.0/resources/task.md", TASK.to_owned()),
    ]))
}

#[test]
fn the_resource_page_defines_a_property_a_request_table_restates() {
    let analysis = analyze();
    let task = analysis.api.find_type("microsoft.graph.task").unwrap();
    let property = |name: &str| task.properties.iter().find(|p| p.name == name).unwrap();
    assert_eq!(property("isEnabled").type_name.as_str(), "Boolean");
    assert_eq!(property("isEnabled").source.file, "v1.0/resources/task.md");
    assert_eq!(property("owner").type_name.as_str(), "microsoft.graph.identity");

    let conflicts: Vec<_> = analysis.diagnostics.iter().filter(|d| d.code == Code::TypeConflict).collect();
    assert_eq!(conflicts.len(), 1, "`Identity` and `identity` name one type: {conflicts:?}");
    let conflict = conflicts[0];
    assert_eq!(conflict.file, "v1.0/api/task-post.md", "reported where the restatement is wrong");
    assert!(
        conflict.message.contains("is `String` here but `Boolean` in v1.0/resources/task.md"),
        "{}",
        conflict.message
    );
    assert!(conflict.help.as_deref().unwrap().contains("the resource page's declaration is used"));
}

#[test]
fn collection_of_a_type_in_prose_is_a_collection() {
    let analysis = analyze();
    let task = analysis.api.find_type("microsoft.graph.task").unwrap();
    let roles = task.properties.iter().find(|p| p.name == "roles").unwrap();
    assert_eq!((roles.type_name.as_str(), roles.collection), ("String", true));
    assert!(!analysis.diagnostics.iter().any(|d| d.code == Code::TypeUnresolved));
}

/// A create page's `Required.` rows become the operation's required body
/// properties only when its table restates the body type; a table that
/// also describes something else (the extended-property pages put the
/// parent's collection and the items' fields in one table) does not.
#[test]
fn required_rows_of_a_shared_body_type() {
    let create = |rows: &str| {
        format!("---\ntitle: \"Create task\"\ndoc_type: apiPageType\n---\n\n# Create task\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nPOST /tasks\n```\n\n## Request body\n\nSupply a JSON representation of a [task](../resources/task.md) object.\n\n| Property | Type | Description |\n|:---|:---|:---|\n{rows}\n## Response\n\nReturns `201 Created` and a [task](../resources/task.md) object.\n")
    };
    let required = |rows: &str| {
        let analysis = mdapi::analyze(&DocSet::from_memory(vec![
            ("v1.0/api/task-post.md", create(rows)),
            ("v1.0/resources/identity.md", IDENTITY.to_owned()),
            ("v1.0/resources/task.md", TASK.to_owned()),
        ]));
        analysis.api.operations[0].required_properties.clone()
    };
    let restating = "| isEnabled | Boolean | On. Required. |\n| owner | [identity](../resources/identity.md) | Owner. |\n| roles | Collection of String | Roles. A password is required. |\n";
    assert_eq!(required(restating), ["isEnabled"]);
    let mixed = "| isEnabled | Boolean | On. Required. |\n| extraThings | String | Not a task property. |\n";
    assert!(required(mixed).is_empty());
}
