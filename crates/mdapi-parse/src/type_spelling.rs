//! How pages spell a primitive type in a type cell: the one reader of
//! those spellings, used by the parser (does a `Value` column hold types?)
//! and by the IR (what type does a cell name?).
//!
//! Pages write OData CSDL's primitive names (`Edm.Int32`, `String`), in any
//! case, and aliases from other type systems (`int`, `long`, `bool`,
//! `number`, `datetime`, `uuid`, `url`); Graph's `microsoft.graph.Json` and
//! "untyped JSON object" are any JSON value.

use mdapi_runtime::edm::EdmPrimitive;

/// What a primitive spelling names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrimitiveSpelling {
    /// An OData CSDL primitive type (CSDL 4.01, 4.4 "Primitive Types").
    Edm(EdmPrimitive),
    /// Any JSON value (Graph's `microsoft.graph.Json`, "untyped JSON object").
    Json,
}

/// The primitive a type cell's text spells, by its first word (`int` →
/// `Int32`, `Edm.String` → `String`, `String (url)` → `String`,
/// `(Optional) Boolean` → `Boolean`, `untyped JSON object` → `Json`);
/// `None` when the text names no primitive (a type's name, prose).
pub fn primitive(text: &str) -> Option<PrimitiveSpelling> {
    let text = text.trim().trim_matches('`').trim();
    let text = text.strip_prefix("Edm.").or_else(|| text.strip_prefix("edm.")).unwrap_or(text);
    let text = text.strip_prefix("(Optional)").or_else(|| text.strip_prefix("(optional)")).unwrap_or(text).trim();
    if text.eq_ignore_ascii_case("untyped json object") {
        return Some(PrimitiveSpelling::Json);
    }
    // "String (url)", "string, maximum size 20": what follows qualifies, not types.
    let word = text.split(['(', ' ', ',']).next().unwrap_or_default().to_ascii_lowercase();
    let primitive = match word.as_str() {
        "url" | "uri" => EdmPrimitive::String,
        "int" | "integer" => EdmPrimitive::Int32,
        "long" => EdmPrimitive::Int64,
        "bool" => EdmPrimitive::Boolean,
        // JSON's name for what OData calls Double.
        "number" => EdmPrimitive::Double,
        "float" => EdmPrimitive::Single,
        "datetime" | "timestamp" => EdmPrimitive::DateTimeOffset,
        "timespan" => EdmPrimitive::Duration,
        "uuid" => EdmPrimitive::Guid,
        // Graph's `microsoft.graph.Json`: any JSON value (workbook APIs).
        "json" | "microsoft.graph.json" => return Some(PrimitiveSpelling::Json),
        // Every primitive's own name, in any case.
        word => EdmPrimitive::from_name_ignore_case(word)?,
    };
    Some(PrimitiveSpelling::Edm(primitive))
}

/// The element type of an OData `Collection(T)` spelling, in any letter
/// case (`collection(microsoft.graph.user)` is written in 30 Graph pages,
/// `COLLECTION(...)` in none yet): `Some("T")`, or `None` for text that is
/// no `Collection(...)`.
pub fn collection_element(text: &str) -> Option<&str> {
    let head = text.get(..11)?;
    head.eq_ignore_ascii_case("collection(").then(|| text[11..].trim_end_matches(')').trim())
}

/// A primitive spelled by its own name (`DateTimeOffset`, `Edm.Int32`,
/// `Json`, and JSON's `number`), not by an alias that could be a type's
/// name (`timestamp`, `url`): what a link's text must be to stand for the
/// primitive rather than for the page it links to.
pub fn primitive_named(text: &str) -> Option<PrimitiveSpelling> {
    let text = text.trim().trim_matches('`').trim();
    let text = text.strip_prefix("Edm.").or_else(|| text.strip_prefix("edm.")).unwrap_or(text);
    if text.eq_ignore_ascii_case("number") {
        return Some(PrimitiveSpelling::Edm(EdmPrimitive::Double));
    }
    if text.eq_ignore_ascii_case("json") {
        return Some(PrimitiveSpelling::Json);
    }
    EdmPrimitive::from_name_ignore_case(text).map(PrimitiveSpelling::Edm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_qualifiers_and_edm_names_read_as_their_primitive() {
        let edm = |p| Some(PrimitiveSpelling::Edm(p));
        assert_eq!(primitive("int"), edm(EdmPrimitive::Int32));
        assert_eq!(primitive("Edm.String"), edm(EdmPrimitive::String));
        assert_eq!(primitive("String (url)"), edm(EdmPrimitive::String));
        assert_eq!(primitive("long"), edm(EdmPrimitive::Int64));
        assert_eq!(primitive("(Optional) Boolean"), edm(EdmPrimitive::Boolean));
        assert_eq!(primitive("timeOfDay"), edm(EdmPrimitive::TimeOfDay));
        assert_eq!(primitive("untyped JSON object"), Some(PrimitiveSpelling::Json));
        assert_eq!(primitive("message"), None);
        assert_eq!(primitive_named("timestamp"), None, "an alias is no primitive's own name");
        assert_eq!(primitive_named("Edm.Int64"), edm(EdmPrimitive::Int64));
    }

    /// The kind: the `Collection(...)` wrapper was read in three places,
    /// one of which knew only two spellings of its case.
    #[test]
    fn a_collection_wrapper_is_read_in_any_case() {
        assert_eq!(collection_element("Collection(String)"), Some("String"));
        assert_eq!(collection_element("COLLECTION(Edm.Int32)"), Some("Edm.Int32"));
        assert_eq!(collection_element("microsoft.graph.collectionItem"), None);
    }
}
