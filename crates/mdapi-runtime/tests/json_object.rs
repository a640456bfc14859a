//! `json_object!` (what every generated model's serde and `FromJson` are)
//! reads and writes a model exactly as serde's derive with the attributes
//! mdapi used to generate: the same struct, derived and by the macro, on
//! the same good and bad inputs, to the same bytes (member order included:
//! the workspace's tests run with serde_json's `preserve_order`, where the
//! kept members' order is the input's) and the same errors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mdapi_runtime::edm::{DateTimeOffset, Guid};
use mdapi_runtime::{Field, FromJson};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// A model with no members of its own (a stream-only type, or one the
/// docs list no property for): everything is kept.
#[derive(Debug, Clone, Default, PartialEq)]
struct Empty {
    additional_properties: Map<String, Value>,
}
mdapi_runtime::json_object!(Empty);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct DerivedEmpty {
    #[serde(flatten)]
    additional_properties: Map<String, Value>,
}

/// A model as serde's derive read it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Derived {
    #[serde(rename = "id", default, skip_serializing_if = "Field::is_absent")]
    id: Field<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Field::is_absent")]
    r#type: Field<i32>,
    #[serde(rename = "tags", default, skip_serializing_if = "Field::is_absent")]
    tags: Field<Vec<String>>,
    #[serde(
        rename = "when",
        default,
        deserialize_with = "Field::text_or_empty",
        skip_serializing_if = "Field::is_absent"
    )]
    when: Field<DateTimeOffset>,
    #[serde(
        rename = "tenant",
        default,
        deserialize_with = "Field::text_or_empty",
        skip_serializing_if = "Field::is_absent"
    )]
    tenant: Field<Guid>,
    #[serde(rename = "inner", default, skip_serializing_if = "Field::is_absent")]
    inner: Field<Box<Derived>>,
    // Named like the macro's own locals: hygiene keeps them apart.
    #[serde(rename = "first", default, skip_serializing_if = "Field::is_absent")]
    first: Field<i32>,
    #[serde(rename = "members", default, skip_serializing_if = "Field::is_absent")]
    members: Field<String>,
    #[serde(flatten)]
    additional_properties: Map<String, Value>,
}

/// The same model by the macro.
#[derive(Debug, Clone, Default, PartialEq)]
struct Model {
    id: Field<String>,
    r#type: Field<i32>,
    tags: Field<Vec<String>>,
    when: Field<DateTimeOffset>,
    tenant: Field<Guid>,
    inner: Field<Box<Model>>,
    first: Field<i32>,
    members: Field<String>,
    additional_properties: Map<String, Value>,
}
mdapi_runtime::json_object!(
    Model,
    field(id, "id"),
    field(r#type, "type"),
    field(tags, "tags"),
    text_field(when, "when"),
    text_field(tenant, "tenant"),
    field(inner, "inner"),
    field(first, "first"),
    field(members, "members"),
);

/// An action's parameters, with a required one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct DerivedBody {
    #[serde(rename = "name")]
    name: String,
    #[serde(rename = "note", default, skip_serializing_if = "Field::is_absent")]
    note: Field<String>,
    #[serde(flatten)]
    additional_properties: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq)]
struct Body {
    name: String,
    note: Field<String>,
    additional_properties: Map<String, Value>,
}
mdapi_runtime::json_object!(Body, required(name, "name"), field(note, "note"));

fn inputs() -> Vec<Value> {
    vec![
        json!({}),
        json!({"id": "1", "type": 2, "tags": ["a"], "when": "2021-01-01T00:00:00Z", "tenant": "00000000-0000-0000-0000-000000000001"}),
        json!({"id": null, "type": null, "tags": null, "when": null, "tenant": null, "inner": null}),
        json!({"when": "", "tenant": ""}),
        json!({"when": "not a date"}),
        json!({"when": 5}),
        json!({"tenant": "nope"}),
        json!({"id": 7}),
        json!({"type": "2"}),
        json!({"type": 2.5}),
        json!({"tags": "a"}),
        json!({"@odata.type": "#x", "id": "1", "extra": {"deep": [1, 2]}, "name": "n"}),
        json!({"inner": {"id": "2", "inner": {"when": ""}, "more": true}}),
        json!({"inner": {"id": 3}}),
        json!({"inner": 3}),
        json!({"first": 1, "members": "m", "id": 2}),
        json!({"first": "x", "members": "m"}),
        json!({"name": "n"}),
        json!({"name": null}),
        json!({"name": 1, "note": "x"}),
        json!({"note": "x"}),
        json!([]),
        json!(null),
        json!("text"),
        json!(1),
    ]
}

fn same<A, B>(value: &Value)
where
    A: serde::de::DeserializeOwned + Serialize + std::fmt::Debug,
    B: FromJson + serde::de::DeserializeOwned + Serialize + std::fmt::Debug,
{
    let derived = serde_json::from_value::<A>(value.clone());
    let ours = B::from_json(value.clone());
    let through_serde = serde_json::from_str::<B>(&value.to_string());
    match (&derived, &ours, &through_serde) {
        (Ok(a), Ok(b), Ok(c)) => {
            let written = serde_json::to_string(a).unwrap();
            assert_eq!(written, serde_json::to_string(b).unwrap(), "{value}: written differently");
            assert_eq!(written, serde_json::to_string(c).unwrap(), "{value}: read by serde, written differently");
        }
        (Err(a), Err(b), Err(c)) => {
            // The same error, without the derive's "at line 1 column 9"
            // (a `Value` has no positions) and its `struct` prefix aside.
            let named = |e: &dyn std::fmt::Display| {
                ["DerivedBody", "DerivedEmpty", "Derived", "Model", "Body", "Empty"]
                    .iter()
                    .fold(e.to_string(), |text, name| text.replace(&format!("struct {name}"), "struct X"))
            };
            let ours = named(b);
            assert_eq!(named(a), ours, "{value}: a different error");
            assert!(named(c).starts_with(&ours), "{value}: {c} through serde");
        }
        _ => panic!("{value}: derive {derived:?}, FromJson {ours:?}, Deserialize {through_serde:?}"),
    }
}

#[test]
fn a_model_reads_and_writes_as_the_derive_did() {
    for value in inputs() {
        same::<Derived, Model>(&value);
        same::<DerivedBody, Body>(&value);
        same::<DerivedEmpty, Empty>(&value);
        same::<Vec<Derived>, Vec<Model>>(&json!([value.clone()]));
    }
}

#[test]
fn members_are_written_in_declaration_order_then_the_kept_ones_as_they_came() {
    let text = r#"{"zz": 1, "tenant": "", "mm": [3], "id": "1", "aa": 2}"#;
    let model: Model = serde_json::from_str(text).unwrap();
    assert_eq!(model.tenant, Field::Empty);
    let derived: Derived = serde_json::from_str(text).unwrap();
    let written = serde_json::to_string(&model).unwrap();
    assert_eq!(written, serde_json::to_string(&derived).unwrap());
    assert!(written.starts_with(r#"{"id":"1","tenant":"","#), "{written}");
    // The kept members: as they came where the map keeps order, sorted
    // where it does not (serde_json without `preserve_order`).
    let kept: Vec<&String> = model.additional_properties.keys().collect();
    let in_order = kept == ["zz", "mm", "aa"];
    assert!(in_order || kept == ["aa", "mm", "zz"], "{kept:?}");
}

#[test]
fn the_error_is_the_first_bad_members_as_it_came_and_a_missing_one_last() {
    // `type` is declared before `id`, but `id` came first.
    let error = Model::from_json(json!({"id": 1, "type": "x"})).unwrap_err().to_string();
    assert_eq!(error, "invalid type: integer `1`, expected a string");
    let error = Body::from_json(json!({"note": 5})).unwrap_err().to_string();
    assert_eq!(error, "invalid type: integer `5`, expected a string");
}

#[test]
fn errors_say_what_was_expected() {
    let not_an_object = Model::from_json(json!([1])).unwrap_err().to_string();
    assert_eq!(not_an_object, "invalid type: sequence, expected struct Model");
    let missing = Body::from_json(json!({})).unwrap_err().to_string();
    assert_eq!(missing, "missing field `name`");
    let text = Model::from_json(json!({"when": 5})).unwrap_err().to_string();
    assert_eq!(text, "invalid type: integer `5`, expected a string or null");
}

/// Two members given one wire name by hand (generated models never do):
/// the later one reads it, and nothing panics.
#[derive(Debug, Default, PartialEq)]
struct Twice {
    a: Field<i32>,
    b: Field<i32>,
    additional_properties: Map<String, Value>,
}
mdapi_runtime::json_object!(Twice, field(a, "x"), field(b, "x"));

#[test]
fn a_wire_name_given_twice_is_read_once_without_a_panic() {
    let twice = Twice::from_json(json!({"x": 1, "y": 2})).unwrap();
    assert_eq!((twice.a, twice.b), (Field::Absent, Field::Value(1)));
    assert_eq!(twice.additional_properties.keys().collect::<Vec<_>>(), ["y"]);
}
