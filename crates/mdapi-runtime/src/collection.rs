//! A collection response: `{ "value": [...], "@odata.nextLink": "..." }`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub struct Collection<T> {
    pub value: Vec<T>,
    /// Where the next page is, when there is one.
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// Every other property (`@odata.context`, `@odata.count`, ...), kept.
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}

/// A single primitive answer, as OData's JSON format writes it
/// (OData JSON Format 4.01, 7.1 "Primitive Value"): `{"value": 42}`, with
/// `@odata.context` and other annotations kept beside it. A function that
/// "returns a String" answers `PrimitiveValue<String>`; read `.value`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub struct PrimitiveValue<T> {
    pub value: T,
    /// Every other property (`@odata.context`, ...), kept.
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::PrimitiveValue;

    #[test]
    fn a_primitive_answer_is_wrapped_in_value_and_written_back_as_received() {
        let text = r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean","value":true}"#;
        let answer: PrimitiveValue<bool> = serde_json::from_str(text).expect("decodes");
        assert!(answer.value);
        let back = serde_json::to_value(&answer).expect("encodes");
        assert_eq!(back, serde_json::from_str::<serde_json::Value>(text).expect("json"));
        assert!(serde_json::from_str::<PrimitiveValue<bool>>("true").is_err(), "a bare value is not OData's form");
    }
}
