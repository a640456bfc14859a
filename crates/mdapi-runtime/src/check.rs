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
    let path = crate::path::example_path(url);
    let Some(bindings) = crate::path::match_path(operation.path, path) else {
        panic!("example URL {url} does not match route {} {}", operation.method, operation.route);
    };
    let actual: Vec<(&str, &str)> = bindings.iter().map(|(name, value)| (*name, value.as_str())).collect();
    assert_eq!(actual, expected, "parameters bound from {url}");
}

/// Asserts that a documented example URL matches none of `operations`
/// (a doc defect; this test flips when the page is fixed).
pub fn url_matches_none(operations: &[&Operation], method: &str, url: &str) {
    let path = crate::path::example_path(url);
    for operation in operations {
        let same_method = operation.method.eq_ignore_ascii_case(method);
        assert!(
            !(same_method && crate::path::match_path(operation.path, path).is_some()),
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
    assert_eq!(encoded, original, "re-encoded body differs from the example");
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
