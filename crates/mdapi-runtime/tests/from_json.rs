//! `FromJson` (what `follow`, `delta_from`, `upload` and `BatchResponse::json`
//! decode with) reads every value exactly as the types' serde code does:
//! the containers are hand-written (generic only over `T::from_json`), so
//! each is checked against serde on the same inputs, good and bad.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mdapi_runtime::{Collection, FromJson, PrimitiveValue};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::fmt::Debug;

/// A type of the caller's own, as a generated model is: serde-derived, its
/// `FromJson` from the macro.
#[derive(Debug, PartialEq, serde::Deserialize)]
struct Item {
    id: String,
    #[serde(default)]
    size: Option<i64>,
}
mdapi_runtime::from_json!(Item);

/// Inputs a page reader meets: pages with and without links, `null` links,
/// annotations, wrong shapes, and items that are not `Item`s.
fn inputs() -> Vec<Value> {
    vec![
        json!({"value": []}),
        json!({"value": [{"id": "a"}, {"id": "b", "size": 3}]}),
        json!({"@odata.context": "ctx", "@odata.count": 2, "value": [{"id": "a"}], "@odata.nextLink": "https://n"}),
        json!({"value": [{"id": "a"}], "@odata.deltaLink": "https://d?$deltatoken=x"}),
        json!({"value": [], "@odata.nextLink": null, "@odata.deltaLink": null}),
        json!({"value": [{"id": "a", "extra": true}]}),
        json!({"value": 7}),
        json!({"value": [{"id": 7}]}),
        json!({"value": [{"size": 1}]}),
        json!({"value": null}),
        json!({"value": [], "@odata.nextLink": 5}),
        json!({"value": [], "@odata.deltaLink": ["x"]}),
        json!({"nothing": []}),
        json!({}),
        json!([{"id": "a"}]),
        json!([]),
        json!(null),
        json!("text"),
        json!(12),
        json!({"id": "a"}),
        json!({"value": "a"}),
        json!({"value": 1.5, "@odata.context": "c"}),
    ]
}

/// `T::from_json` and serde agree on `value`: both read it, to equal
/// values, or both refuse it.
fn agrees<T: FromJson + DeserializeOwned + PartialEq + Debug>(value: &Value) {
    let ours = T::from_json(value.clone());
    let serdes = serde_json::from_value::<T>(value.clone());
    match (ours, serdes) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{value}"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{value}: a different error"),
        (ours, serdes) => panic!("{value}: FromJson gave {ours:?}, serde gave {serdes:?}"),
    }
}

#[test]
fn every_container_reads_what_serde_reads_and_refuses_what_it_refuses() {
    for value in inputs() {
        agrees::<Collection<Item>>(&value);
        agrees::<Collection<Value>>(&value);
        agrees::<Collection<String>>(&value);
        agrees::<PrimitiveValue<String>>(&value);
        agrees::<PrimitiveValue<f64>>(&value);
        agrees::<PrimitiveValue<Option<i32>>>(&value);
        agrees::<Vec<Item>>(&value);
        agrees::<Option<Item>>(&value);
        agrees::<Option<Vec<Value>>>(&value);
        agrees::<()>(&value);
        agrees::<i64>(&value);
        agrees::<String>(&value);
        agrees::<Box<Value>>(&value);
    }
}

#[test]
fn a_page_keeps_its_links_and_annotations_apart() {
    let page = Collection::<Item>::from_json(
        json!({"@odata.context": "ctx", "value": [{"id": "a"}], "@odata.nextLink": "https://n"}),
    )
    .expect("a page");
    assert_eq!(page.value, vec![Item { id: "a".into(), size: None }]);
    assert_eq!(page.next_link.as_deref(), Some("https://n"));
    assert_eq!(page.delta_link, None);
    assert_eq!(page.additional_properties.keys().collect::<Vec<_>>(), ["@odata.context"]);
}

#[test]
fn errors_name_what_was_expected_and_found() {
    let not_a_page = Collection::<Item>::from_json(json!([1])).expect_err("an array is no page");
    assert!(not_a_page.to_string().contains("invalid type: sequence"), "{not_a_page}");
    let bad_link = Collection::<Item>::from_json(json!({"value": [], "@odata.nextLink": 5})).expect_err("no URL");
    assert_eq!(bad_link.to_string(), "invalid type: integer `5`, expected a string");
    let missing = Collection::<Item>::from_json(json!({})).expect_err("no value");
    assert_eq!(missing.to_string(), "missing field `value`");
    let bad_item = Collection::<Item>::from_json(json!({"value": [{"id": 7}]})).expect_err("not an Item");
    assert!(bad_item.to_string().contains("invalid type: integer `7`, expected a string"), "{bad_item}");
}
