//! Resource pages' JSON representations: placeholders that agree with the
//! tables become sample values; what contradicts the tables becomes a
//! doc-defect check with a diagnostic at the line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mdapi::DocSet;
use mdapi_ir::{BodyCheck, Representation};
use mdapi_parse::Code;
use serde_json::json;

const COLOR: &str = "---\ntitle: \"color enum type\"\ndoc_type: enumPageType\n---\n\n# color enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n| Member | Description |\n|:---|:---|\n| red | Red. |\n| blue | Blue. |\n";

const PART: &str = "---\ntitle: \"part resource type\"\ndoc_type: resourcePageType\n---\n\n# part resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| label | String | Label. |\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.part\" } -->\n```json\n{ \"label\": \"String\" }\n```\n";

/// A resource page whose representation has the given `json` lines.
fn gadget(json: &str) -> String {
    format!(
        "---\ntitle: \"gadget resource type\"\ndoc_type: resourcePageType\n---\n\n# gadget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | Id. |\n| size | Int32 | Size. |\n| weight | Double | Weight. |\n| enabled | Boolean | On. |\n| created | DateTimeOffset | When. |\n| tags | String collection | Tags. |\n| color | [color](color.md) | Color. |\n| main | [part](part.md) | Main part. |\n| parts | [part](part.md) collection | Parts. |\n| content | Stream | The media. |\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gadget\" }} -->\n```json\n{json}\n```\n"
    )
}

fn analyze(gadget_json: &str) -> mdapi::Analysis {
    let pages = vec![
        ("v1.0/resources/color.md", COLOR.to_owned()),
        ("v1.0/resources/part.md", PART.to_owned()),
        ("v1.0/resources/gadget.md", gadget(gadget_json)),
    ];
    mdapi::analyze(&DocSet::from_memory(pages))
}

fn gadget_representation(analysis: &mdapi::Analysis) -> &Representation {
    analysis.api.representations.iter().find(|r| r.r#type == "microsoft.graph.gadget").expect("gadget")
}

#[test]
fn placeholders_that_agree_with_the_tables_become_sample_values() {
    let analysis = analyze(
        r#"{
  "id": "String (identifier)",
  "size": "Int32",
  "weight": 1024,
  "enabled": {"@odata.type": "Edm.Boolean"},
  "created": "String (timestamp)",
  "tags": ["String"],
  "color": "String",
  "main": {"@odata.type": "microsoft.graph.part"},
  "parts": [{"@odata.type": "microsoft.graph.part"}],
  "content": "Stream"
}"#,
    );
    let representation = gadget_representation(&analysis);
    assert_eq!(representation.id, "gadget");
    assert_eq!(
        representation.body,
        json!({
            "id": "String (identifier)",
            "size": 1,
            "weight": 1024,
            "enabled": true,
            "created": "2021-01-01T00:00:00Z",
            "tags": ["String"],
            "color": "red",
            "main": {"@odata.type": "microsoft.graph.part"},
            "parts": [{"@odata.type": "microsoft.graph.part"}],
        }),
        "the stream is not a JSON field, so it is left out"
    );
    assert!(
        matches!(&representation.body_check, BodyCheck::RoundTrip { unlisted, .. } if unlisted.is_empty()),
        "{:?}",
        representation.body_check
    );
    let diagnostics: Vec<_> = analysis.diagnostics.iter().filter(|d| d.file.ends_with("gadget.md")).collect();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let stats = mdapi::stats::compute(&analysis);
    assert_eq!((stats.representations, stats.representations_decoded, stats.representations_clean), (2, 2, 2));
}

#[test]
fn a_placeholder_that_contradicts_the_table_is_a_doc_defect_at_its_line() {
    let analysis = analyze("{\n  \"id\": \"String\",\n  \"size\": \"Boolean\",\n  \"tags\": \"String\"\n}");
    let representation = gadget_representation(&analysis);
    let BodyCheck::DecodeFails { reason, .. } = &representation.body_check else {
        panic!("{:?}", representation.body_check)
    };
    assert!(reason.contains("`size`") && reason.contains("`tags`"), "{reason}");
    let mismatches: Vec<_> = analysis.diagnostics.iter().filter(|d| d.code == Code::ExampleTypeMismatch).collect();
    assert_eq!(mismatches.len(), 2, "{mismatches:?}");
    // The fence opens on line 28; `size` is the JSON's third line.
    let size = mismatches.iter().find(|d| d.message.contains("`size`")).expect("size");
    assert_eq!((size.span.line, size.span.column), (31, 3));
    assert_eq!(size.related.first().map(|r| r.span.line), Some(15), "points at the table row");
    let stats = mdapi::stats::compute(&analysis);
    assert_eq!((stats.representations, stats.representations_decoded), (2, 1));
}

#[test]
fn keys_the_tables_lack_are_reported_once_and_kept_in_additional_properties() {
    let analysis =
        analyze("{\n  \"id\": \"String\",\n  \"nickname\": \"String\",\n  \"main\": {\"shade\": \"String\"}\n}");
    let representation = gadget_representation(&analysis);
    let BodyCheck::RoundTrip { unlisted, .. } = &representation.body_check else {
        panic!("{:?}", representation.body_check)
    };
    assert_eq!(unlisted, &["nickname".to_owned(), "shade".to_owned()]);
    let codes: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.file.ends_with("gadget.md"))
        .map(|d| (d.code, d.message.contains("nickname"), d.message.contains("shade")))
        .collect();
    // The top-level key is in the page-level mismatch note; the nested one
    // has its own finding.
    assert!(codes.contains(&(Code::ResourceJsonMismatch, true, false)), "{codes:?}");
    assert!(codes.contains(&(Code::ExamplePropertyUnknown, false, true)), "{codes:?}");
    assert!(!codes.contains(&(Code::ExamplePropertyUnknown, true, false)), "{codes:?}");
}

/// Kind: a `Stream` property (read at its own `$value` URL, never a JSON
/// member) left out of the representation was reported as missing from it;
/// a plain property left out still is.
#[test]
fn a_stream_property_is_not_expected_in_the_json() {
    let all_but_content = r#"{ "id": "String", "size": 1, "weight": 1.5, "enabled": true, "created": "String (timestamp)", "tags": ["String"], "color": "red", "main": { "@odata.type": "microsoft.graph.part" }, "parts": [] }"#;
    let mismatches = |analysis: &mdapi::Analysis| -> Vec<String> {
        analysis
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::ResourceJsonMismatch)
            .map(|d| d.message.clone())
            .collect()
    };
    assert_eq!(mismatches(&analyze(all_but_content)), Vec::<String>::new());
    let without_size = all_but_content.replace(r#""size": 1, "#, "");
    let found = mismatches(&analyze(&without_size));
    assert!(found.len() == 1 && found[0].contains("`size`") && !found[0].contains("content"), "{found:?}");
}
