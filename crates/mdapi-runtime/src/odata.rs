//! OData annotations in JSON values.

use serde_json::Value;

/// The type a value's `@odata.type` names, lower-cased and without the
/// leading `#`: `"#microsoft.graph.user"` → `microsoft.graph.user`. Generated
/// polymorphic enums match on it; OData type names compare case-insensitively
/// in practice (the docs write both `profilePhoto` and `profilephoto`).
pub fn type_name(value: &Value) -> Option<String> {
    let name = value.get("@odata.type")?.as_str()?;
    Some(name.trim().trim_start_matches('#').to_ascii_lowercase())
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
}
