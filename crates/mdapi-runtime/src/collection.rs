//! A collection response: `{ "value": [...], "@odata.nextLink": "..." }`,
//! and the last page of a delta round: `{ "value": [...], "@odata.deltaLink": "..." }`.

use std::sync::OnceLock;

use serde::de::Error as _;
use serde::{Deserialize, Serialize};
use serde_json::{Error, Value};

use crate::object::{field_in, required_in, split_by, FirstError, Index, Slot};
use crate::{Field, FromJson};

/// One page of a collection answer (OData JSON Format 4.01, "Collection of
/// Entities"): the items in `value`, the link to the next page or, on the
/// last page of a delta round, the link to the next round. A list call
/// answers `Collection<T>` per page; the client's `items` follows the
/// `nextLink`s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub struct Collection<T> {
    /// The page's items (`value`), in the order the service wrote them.
    pub value: Vec<T>,
    /// Where the next page is, when there is one.
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// Where the next round of a delta query starts: the page that ends a
    /// round has it instead of a `nextLink`. Send it back later (with the
    /// client's `follow`) to get what changed since.
    #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "Option::is_none")]
    pub delta_link: Option<String>,
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
    /// The answer's `value`.
    pub value: T,
    /// Every other property (`@odata.context`, ...), kept.
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}

/// As `Collection`'s serde code reads it: `value` (required, an array),
/// `@odata.nextLink` and `@odata.deltaLink` (absent or `null` is `None`),
/// every other member kept in `additional_properties`.
impl<T: FromJson> FromJson for Collection<T> {
    fn from_json(value: Value) -> Result<Self, Error> {
        static INDEX: OnceLock<Index> = OnceLock::new();
        let index = INDEX.get_or_init(|| Index::new(&["value", "@odata.nextLink", "@odata.deltaLink"]));
        let (slots, rest) = split_by(value, "struct Collection", index)?;
        let [items, next_link, delta_link] = <[Slot; 3]>::try_from(slots).unwrap_or_default();
        // The first bad member in the object is the one reported, as serde's
        // derive reports it; a missing `value` only when none is bad.
        let mut first = None;
        let value = required_in::<Vec<T>>(items, "value", &mut first);
        let next_link = link(next_link, &mut first);
        let delta_link = link(delta_link, &mut first);
        match (first, value) {
            (Some((_, error)), _) => Err(error),
            (None, Some(value)) => Ok(Self { value, next_link, delta_link, additional_properties: rest }),
            (None, None) => Err(Error::missing_field("value")),
        }
    }
}

/// As `PrimitiveValue`'s serde code reads it: `value` (required) as `T`,
/// every other member kept.
impl<T: FromJson> FromJson for PrimitiveValue<T> {
    fn from_json(value: Value) -> Result<Self, Error> {
        static INDEX: OnceLock<Index> = OnceLock::new();
        let (slots, rest) = split_by(value, "struct PrimitiveValue", INDEX.get_or_init(|| Index::new(&["value"])))?;
        let mut first = None;
        let value = required_in::<T>(slots.into_iter().next().flatten(), "value", &mut first);
        match (first, value) {
            (Some((_, error)), _) => Err(error),
            (None, Some(value)) => Ok(Self { value, additional_properties: rest }),
            (None, None) => Err(Error::missing_field("value")),
        }
    }
}

/// A page's link: a string, or absent or `null`; another value's error
/// kept in `first` as a member's (`object::field`).
fn link(slot: Slot, first: &mut FirstError) -> Option<String> {
    match field_in::<String>(slot, first) {
        Field::Value(url) => Some(url),
        Field::Absent | Field::Null | Field::Empty => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Collection, PrimitiveValue};

    #[test]
    fn a_delta_page_keeps_its_delta_link_typed_and_writes_it_back() {
        let text = r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[{"id":"1"}],"@odata.deltaLink":"https://graph.microsoft.com/v1.0/users/delta?$deltatoken=abc"}"#;
        let page: Collection<serde_json::Value> = serde_json::from_str(text).expect("decodes");
        assert_eq!(page.delta_link.as_deref(), Some("https://graph.microsoft.com/v1.0/users/delta?$deltatoken=abc"));
        assert_eq!(page.next_link, None);
        assert!(!page.additional_properties.contains_key("@odata.deltaLink"), "read once, as the typed field");
        let back = serde_json::to_value(&page).expect("encodes");
        assert_eq!(back, serde_json::from_str::<serde_json::Value>(text).expect("json"));
        let middle: Collection<serde_json::Value> =
            serde_json::from_str(r#"{"value":[],"@odata.nextLink":"https://x/next"}"#).expect("decodes");
        assert_eq!((middle.next_link.as_deref(), middle.delta_link), (Some("https://x/next"), None));
    }

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
