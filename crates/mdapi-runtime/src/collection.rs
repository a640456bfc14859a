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
