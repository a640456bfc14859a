//! Assertions used by the example tests mdapi generates. Each panics with a
//! message that names what the docs promised and what happened.
//!
//! Panicking is how a test fails, so this is the one module where it is allowed.
#![allow(clippy::panic)]

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

use crate::operation::Operation;

/// Asserts that a documented example URL matches `operation`'s route and
/// binds `expected` parameter values.
pub fn url_matches(operation: &Operation, method: &str, url: &str, expected: &[(&str, &str)]) {
    assert!(
        operation.method.eq_ignore_ascii_case(method),
        "example method {method} differs from {} {}",
        operation.method,
        operation.route
    );
    let path = crate::path::without_argument_spaces(crate::path::example_path(url));
    let Some(bindings) = crate::path::match_path(operation.path, &path) else {
        panic!("example URL {url} does not match route {} {}", operation.method, operation.route);
    };
    let actual: Vec<(&str, &str)> = bindings.iter().map(|(name, value)| (*name, value.as_str())).collect();
    assert_eq!(actual, expected, "parameters bound from {url}");
}

/// Asserts that a documented example URL matches none of `operations`
/// (a doc defect; this test flips when the page is fixed).
pub fn url_matches_none(operations: &[&Operation], method: &str, url: &str) {
    let path = crate::path::without_argument_spaces(crate::path::example_path(url));
    for operation in operations {
        let same_method = operation.method.eq_ignore_ascii_case(method);
        assert!(
            !(same_method && crate::path::match_path(operation.path, &path).is_some()),
            "example URL {url} now matches {} {}: the page was fixed, regenerate",
            operation.method,
            operation.route
        );
    }
}

/// Asserts that `json` decodes into `T` and encodes back to equal JSON.
pub fn round_trip<T: Serialize + DeserializeOwned>(json: &str) {
    let original: Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(err) => panic!("example body is not JSON: {err}"),
    };
    let decoded: T = match serde_json::from_value(original.clone()) {
        Ok(decoded) => decoded,
        Err(err) => panic!("example body does not decode into {}: {err}", std::any::type_name::<T>()),
    };
    let encoded = match serde_json::to_value(&decoded) {
        Ok(encoded) => encoded,
        Err(err) => panic!("decoded body does not encode: {err}"),
    };
    assert!(
        same_json(&encoded, &original),
        "re-encoded body differs from the example:\n  encoded: {encoded}\n  example: {original}"
    );
}

/// JSON equality by meaning: object key order ignored (as `Value` does) and
/// numbers compared by value, so `99` read into an `f64` and written back as
/// `99.0` is the same number.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
            (Some(x), Some(y), _, _) => x == y,
            (_, _, Some(x), Some(y)) => x == y,
            _ => match (x.as_f64(), y.as_f64()) {
                // An `Edm.Single` (`f32`) holds about 7 significant digits;
                // docs write doubles: equal to single precision is equal.
                (Some(x), Some(y)) => x == y || (x - y).abs() <= 1e-6 * x.abs().max(y.abs()),
                _ => false,
            },
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(key, x)| y.get(key).is_some_and(|y| same_json(x, y)))
        }
        (Value::String(x), Value::String(y)) => x == y || crate::edm::same_value(x, y),
        _ => a == b,
    }
}

/// Asserts that `json` does *not* decode into `T`: the example contradicts
/// the docs' own tables, as `reason` says. The test flips when the docs are fixed.
pub fn decode_fails<T: DeserializeOwned>(json: &str, reason: &str) {
    let value: Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(err) => panic!("example body is not JSON: {err}"),
    };
    if serde_json::from_value::<T>(value).is_ok() {
        panic!("example body now decodes into {} ({reason} no longer holds): regenerate", std::any::type_name::<T>());
    }
}

/// Asserts that a body is a collection (`{"value": [...]}`) where the call
/// answers one entity: a doc defect serde cannot see, since one
/// entity would take the `value` array as an unknown property. Flips when
/// the page shows the one entity.
pub fn shows_collection(json: &str, reason: &str) {
    let value: Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(err) => panic!("example body is not JSON: {err}"),
    };
    if !value.get("value").is_some_and(Value::is_array) {
        panic!("example body is no longer a `value` array ({reason} no longer holds): regenerate");
    }
}

/// Asserts that a body documented as JSON does not parse (a doc defect;
/// this test flips when the page is fixed).
pub fn not_json(text: &str, reason: &str) {
    assert!(
        serde_json::from_str::<Value>(text).is_err(),
        "the body now parses as JSON ({reason} no longer holds): the page was fixed, regenerate"
    );
}

/// The entity inside a `{"value": {...}}` wrapper, as JSON text.
fn unwrapped(json: &str) -> String {
    let value: Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(err) => panic!("example body is not JSON: {err}"),
    };
    match value.get("value") {
        Some(inner) if inner.is_object() => inner.to_string(),
        _ => panic!("the body no longer wraps an entity in `value`: the page was fixed, regenerate"),
    }
}

/// [`round_trip`] of the one entity a `{"value": {...}}` body wraps.
pub fn round_trip_wrapped<T: Serialize + DeserializeOwned>(json: &str) {
    round_trip::<T>(&unwrapped(json));
}

/// [`decode_fails`] for the one entity a `{"value": {...}}` body wraps.
pub fn decode_fails_wrapped<T: DeserializeOwned>(json: &str, reason: &str) {
    decode_fails::<T>(&unwrapped(json), reason);
}

#[cfg(test)]
mod tests {
    use super::same_json;
    use serde_json::json;

    #[test]
    fn numbers_compare_by_value() {
        assert!(same_json(&json!({"a": [99.0, 1]}), &json!({"a": [99, 1]})));
        assert!(!same_json(&json!({"a": 99.5}), &json!({"a": 99})));
        assert!(same_json(&json!(4.666666507720947), &json!(4.666666666666667)), "f32 round trip");
        assert!(!same_json(&json!(4.6667), &json!(4.666666666666667)));
        assert!(!same_json(&json!({"a": 1}), &json!({"a": 1, "b": null})));
        assert!(!same_json(&json!("1"), &json!(1)));
    }
}
