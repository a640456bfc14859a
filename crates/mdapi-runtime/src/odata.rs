//! OData annotations in JSON values.

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// The control information naming a value's type (OData JSON Format 4.01,
/// 4.5.3).
pub const TYPE_ANNOTATION: &str = "@odata.type";

/// The type a value's `@odata.type` names, lower-cased and without the
/// leading `#`: `"#microsoft.graph.user"` → `microsoft.graph.user`. Generated
/// polymorphic enums match on it; OData type names compare case-insensitively
/// in practice (the docs write both `profilePhoto` and `profilephoto`).
pub fn type_name(value: &Value) -> Option<String> {
    let name = value.get("@odata.type")?.as_str()?;
    Some(name.trim().trim_start_matches('#').to_ascii_lowercase())
}

/// Serializes `value`, a value of a derived type put where its base type
/// is declared, with `"@odata.type": tag` (`#microsoft.graph.fileAttachment`)
/// first: OData reads a value without the annotation as the declared type
/// (OData JSON Format 4.01, 4.5.3), so the service would read the base, or
/// refuse an abstract one. A value that already carries an `@odata.type`
/// (one decoded from the service keeps it in `unknown`, its
/// `additional_properties`) is written as it is, so what was received is
/// what is sent back.
///
/// Errors: those of serializing `value`.
pub fn serialize_tagged<T: Serialize + ?Sized, S: Serializer>(
    value: &T,
    unknown: &Map<String, Value>,
    tag: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if unknown.contains_key(TYPE_ANNOTATION) {
        return value.serialize(serializer);
    }
    let mut json = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let Value::Object(object) = &mut json {
        // A typed property of that name is the tag too.
        if !object.contains_key(TYPE_ANNOTATION) {
            let mut tagged = Map::with_capacity(object.len() + 1);
            tagged.insert(TYPE_ANNOTATION.to_owned(), Value::String(tag.to_owned()));
            tagged.append(object);
            *object = tagged;
        }
    }
    json.serialize(serializer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_tag() {
        assert_eq!(
            type_name(&serde_json::json!({"@odata.type": "#microsoft.graph.User"})).as_deref(),
            Some("microsoft.graph.user")
        );
        assert_eq!(type_name(&serde_json::json!({"id": "1"})), None);
        assert_eq!(type_name(&serde_json::json!("x")), None);
    }

    #[test]
    fn a_derived_value_is_tagged_once_and_first() {
        let tag = "#microsoft.graph.fileAttachment";
        let untagged = serde_json::json!({ "name": "a.txt", "contentBytes": "YQ==" });
        let mut out = Vec::new();
        let none = Map::new();
        serialize_tagged(&untagged, &none, tag, &mut serde_json::Serializer::new(&mut out)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(r##"{"@odata.type":"#microsoft.graph.fileAttachment","##), "{text}");
        let kept = serde_json::json!({ "name": "a.txt", "@odata.type": "#Microsoft.Graph.FileAttachment" });
        let unknown = kept.as_object().cloned().unwrap();
        let written = serialize_tagged(&kept, &unknown, tag, serde_json::value::Serializer).unwrap();
        assert_eq!(written, kept, "a tag that came with the value stays as it came");
        let written = serialize_tagged(&kept, &none, tag, serde_json::value::Serializer).unwrap();
        assert_eq!(written, kept, "and is never written twice");
    }
}
