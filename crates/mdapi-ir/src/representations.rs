//! Resource pages' JSON representations, checked like example bodies.
//!
//! A representation lists a type's properties with placeholder values that
//! name types (`"String (timestamp)"`, `"Int32"`, `{"@odata.type": ...}`).
//! Each placeholder that names a type the table agrees with is replaced by a
//! sample value of the table's type; what is left is checked like an example
//! body. So the representation's test fails where the page contradicts its
//! own tables: a key the tables do not list, `"String"` for an `Int32`, a
//! single value for a collection.
//!
//! Before any type is known, [`check_resource_json`] compares the names the
//! representation lists with the page's tables (`resource-json-mismatch`).

use mdapi_parse::page::{Page, ResourceJson};
use mdapi_parse::{Code, Diagnostic};
use mdapi_runtime::edm::EdmPrimitive;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

use crate::body_checks::{body_check, Context};
use crate::edm;
use crate::model::{BodyCheck, Representation, Source, TypeDef, TypeKind, TypeName, TypeRef};
use crate::type_index::Types;
use crate::values::rejects;

/// The page's representation as a checked body, when the page defines a
/// type that has one.
pub(crate) fn lower(
    page: &Page,
    type_name: &str,
    types: &Types<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Representation> {
    let resource_json = page.resource_json.as_ref()?;
    let def = types.get(type_name).filter(|d| d.kind != TypeKind::Enum)?;
    let ty = TypeRef { name: TypeName::from_ir_owned(def.qualified_name()), collection: false };
    let body = concrete_object(types, def, &resource_json.object, 0);
    let check = check(page, resource_json, &body, &ty, types, diagnostics);
    Some(Representation {
        id: String::new(),
        r#type: ty.name.to_string(),
        body,
        body_check: check,
        source: Source { file: page.path.clone(), line: resource_json.span.line },
    })
}

fn check(
    page: &Page,
    resource_json: &ResourceJson,
    body: &Value,
    ty: &TypeRef,
    types: &Types<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BodyCheck {
    let http_body = mdapi_parse::http::Body {
        text: resource_json.text.clone(),
        json: Some(body.clone()),
        error: None,
        leniencies: Vec::new(),
        line_in_block: 0,
    };
    // Top-level keys the tables lack are already listed, together, by
    // `resource-json-mismatch`; nested ones are news.
    let mut cx = Context {
        page,
        types,
        diagnostics,
        unknown_reported_for: Some(ty.name.as_str()),
        items_as_collection: true,
        primitive_wrapped: false,
        check_tags: false,
    };
    body_check(&mut cx, &[], &http_body, resource_json.body_line, Some(ty), &[])
}

/// Sample values for placeholders, one representation object of `def`.
fn concrete_object(types: &Types<'_>, def: &TypeDef, object: &Map<String, Value>, depth: usize) -> Value {
    let named = object.get("@odata.type").and_then(Value::as_str).map(|t| t.trim_start_matches('#'));
    let derived =
        named.filter(|_| def.is_polymorphic()).and_then(|t| def.derived.iter().find(|d| d.eq_ignore_ascii_case(t)));
    let def = derived.and_then(|t| types.get(t)).unwrap_or(def);
    let mut out = Map::new();
    for (key, value) in object {
        let property = types.property(def, key).filter(|_| !key.contains('@'));
        match property {
            // A stream is the entity's media, never a JSON field.
            Some(property) if property.type_name.is_stream() => {}
            Some(property) => {
                out.insert(key.clone(), concrete(types, &property.type_ref(), value, depth + 1));
            }
            None => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Value::Object(out)
}

fn concrete(types: &Types<'_>, ty: &TypeRef, value: &Value, depth: usize) -> Value {
    if depth > 32 {
        return value.clone();
    }
    let element = TypeRef { name: ty.name.clone(), collection: false };
    let struct_def =
        ty.name.named().and_then(|name| types.get(name)).filter(|d| d.kind != TypeKind::Enum && !d.is_opaque());
    match value {
        Value::Array(items) if ty.collection => {
            Value::Array(items.iter().map(|item| concrete(types, &element, item, depth + 1)).collect())
        }
        Value::Object(object) if !ty.collection && struct_def.is_some() => {
            struct_def.map_or_else(|| value.clone(), |def| concrete_object(types, def, object, depth + 1))
        }
        // `{"@odata.type": "Edm.Binary"}`: an object placeholder for a
        // value that is not an object.
        Value::Object(object) if object.len() == 1 => match object.get("@odata.type").and_then(Value::as_str) {
            Some(text) => instead_of(types, ty, text).unwrap_or_else(|| value.clone()),
            None => value.clone(),
        },
        Value::String(text) if rejects(types, ty, value).is_some() || not_a_member(types, &element, text) => {
            instead_of(types, ty, text).unwrap_or_else(|| value.clone())
        }
        _ => value.clone(),
    }
}

/// A sample value of `ty` for `text`, when `text` is a placeholder naming
/// a type that agrees with `ty`.
fn instead_of(types: &Types<'_>, ty: &TypeRef, text: &str) -> Option<Value> {
    let element = TypeRef { name: ty.name.clone(), collection: false };
    let named = placeholder(text).filter(|n| n.collection == ty.collection && fits(types, &n.name, &element))?;
    let sample = sample(types, &element);
    Some(if named.collection { Value::Array(vec![sample]) } else { sample })
}

/// An open enum decodes any string, so a placeholder (`"String"`) would
/// pass as an unknown member; it is one only when no member has its name.
fn not_a_member(types: &Types<'_>, ty: &TypeRef, text: &str) -> bool {
    ty.name
        .named()
        .and_then(|name| types.get(name))
        .is_some_and(|def| def.kind == TypeKind::Enum && !def.members.iter().any(|m| m.name == text))
}

/// What a placeholder string names: `"Int32"`, `"String (timestamp)"`,
/// `"microsoft.graph.importance"`, `"Collection(String)"`, `"String collection"`.
fn placeholder(text: &str) -> Option<TypeRef> {
    let text = text.trim().trim_start_matches('#');
    let text = text
        .strip_prefix("microsoft.graph.")
        .filter(|t| t.to_ascii_lowercase().starts_with("collection("))
        .unwrap_or(text);
    let (inner, collection) = if let Some(rest) = text.strip_prefix("Collection(").or(text.strip_prefix("collection("))
    {
        (rest.trim_end_matches(')'), true)
    } else if let Some(rest) = text.strip_suffix(" collection").or(text.strip_suffix(" Collection")) {
        (rest, true)
    } else {
        (text, false)
    };
    if let Some(primitive) = edm::primitive(inner) {
        return Some(TypeRef { name: primitive, collection });
    }
    let is_name = !inner.is_empty() && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    is_name.then(|| TypeRef { name: TypeName::from_ir(inner), collection })
}

/// Whether a placeholder naming `named` agrees with the declared `ty`.
fn fits(types: &Types<'_>, named: &TypeName, ty: &TypeRef) -> bool {
    use EdmPrimitive::{
        Binary, Byte, Date, DateTimeOffset, Decimal, Double, Duration, Guid, Int16, Int32, Int64, SByte, Single,
        String, TimeOfDay,
    };
    let integer = |p: Option<EdmPrimitive>| matches!(p, Some(Int16 | Int32 | Int64 | Byte | SByte));
    let float = |p: Option<EdmPrimitive>| matches!(p, Some(Double | Single | Decimal));
    let string_carried =
        |p: Option<EdmPrimitive>| matches!(p, Some(DateTimeOffset | Date | TimeOfDay | Duration | Guid | Binary));
    let declared = ty.name.primitive();
    let is_enum = ty.name.named().and_then(|name| types.get(name)).is_some_and(|d| d.kind == TypeKind::Enum);
    match named {
        _ if *named == ty.name => true,
        TypeName::Primitive(String) => string_carried(declared) || is_enum,
        TypeName::Primitive(p) if integer(Some(*p)) => integer(declared) || float(declared),
        TypeName::Primitive(p) if float(Some(*p)) => float(declared),
        TypeName::Primitive(_) | TypeName::Json => false,
        // A type name: the declared type's, with or without its namespace.
        TypeName::Named(named) => {
            let declared = ty.name.as_str();
            let short = declared.rsplit('.').next().unwrap_or(declared);
            named.eq_ignore_ascii_case(declared)
                || named.rsplit('.').next().is_some_and(|n| n.eq_ignore_ascii_case(short))
        }
    }
}

/// A value of `ty` (not a collection) that round-trips.
fn sample(types: &Types<'_>, ty: &TypeRef) -> Value {
    let primitive = match &ty.name {
        TypeName::Primitive(primitive) => primitive,
        TypeName::Json => return Value::from("string"),
        TypeName::Named(name) => {
            return match types.get(name) {
                Some(def) if def.kind == TypeKind::Enum => def
                    .members
                    .first()
                    .map_or_else(|| Value::from("unknownFutureValue"), |m| Value::from(m.name.clone())),
                _ => Value::Object(Map::new()),
            }
        }
    };
    match primitive {
        EdmPrimitive::Int16 | EdmPrimitive::Int32 | EdmPrimitive::Int64 | EdmPrimitive::Byte | EdmPrimitive::SByte => {
            Value::from(1)
        }
        EdmPrimitive::Double | EdmPrimitive::Single | EdmPrimitive::Decimal => Value::from(1.5),
        EdmPrimitive::Boolean => Value::Bool(true),
        EdmPrimitive::DateTimeOffset => Value::from("2021-01-01T00:00:00Z"),
        EdmPrimitive::Date => Value::from("2021-01-01"),
        EdmPrimitive::TimeOfDay => Value::from("08:30:00"),
        EdmPrimitive::Duration => Value::from("PT1H"),
        EdmPrimitive::Guid => Value::from("00000000-0000-0000-0000-000000000001"),
        EdmPrimitive::Binary => Value::from("AAEC"),
        EdmPrimitive::String | EdmPrimitive::Stream => Value::from("string"),
    }
}

/// The JSON representation of a resource page is a second listing of its
/// properties; names on one side only are worth a note.
pub(crate) fn check_resource_json(page: &Page, diagnostics: &mut Vec<Diagnostic>) {
    let Some(resource_json) = &page.resource_json else { return };
    let span = &resource_json.span;
    if page.properties.is_empty() || resource_json.names().next().is_none() {
        return;
    }
    // Relationships (navigation properties) may or may not be shown in the
    // representation; plain properties must be.
    let all: BTreeSet<&str> = page.properties.iter().map(|p| p.name.as_str()).collect();
    // A `Stream` property (a photo, a file's content) is read at its own URL
    // (`/photo/$value`), never a JSON member: a representation leaves it out.
    let is_stream = |p: &&mdapi_parse::page::PropertyRow| {
        p.type_text.trim().trim_start_matches("Edm.").eq_ignore_ascii_case("stream")
    };
    let plain: BTreeSet<&str> =
        page.properties.iter().filter(|p| !p.relationship && !is_stream(p)).map(|p| p.name.as_str()).collect();
    let json: BTreeSet<&str> = resource_json.names().collect();
    let only_json: Vec<&str> = json.difference(&all).copied().collect();
    let only_table: Vec<&str> = plain.difference(&json).copied().collect();
    let mut parts = Vec::new();
    if !only_json.is_empty() {
        parts.push(format!("only in the JSON representation: {}", quote_list(&only_json)));
    }
    if !only_table.is_empty() {
        parts.push(format!("only in the tables: {}", quote_list(&only_table)));
    }
    if parts.is_empty() {
        return;
    }
    diagnostics.push(
        Diagnostic::new(
            Code::ResourceJsonMismatch,
            &page.path,
            *span,
            format!("properties differ: {}", parts.join("; ")),
        )
        .with_help("list the same properties, spelled the same, in the tables and the JSON representation"),
    );
}

fn quote_list(names: &[&str]) -> String {
    let shown: Vec<String> = names.iter().take(8).map(|n| format!("`{n}`")).collect();
    match names.len() {
        n if n > 8 => format!("{} and {} more", shown.join(", "), n - 8),
        _ => shown.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::placeholder;

    #[test]
    fn placeholders_name_types() {
        let read = |t: &str| placeholder(t).map(|r| (r.name.to_string(), r.collection));
        assert_eq!(read("String (timestamp)"), Some(("String".into(), false)));
        assert_eq!(read("Int32"), Some(("Int32".into(), false)));
        assert_eq!(read("Edm.Boolean"), Some(("Boolean".into(), false)));
        assert_eq!(read("Collection(String)"), Some(("String".into(), true)));
        assert_eq!(read("microsoft.graph.importance"), Some(("microsoft.graph.importance".into(), false)));
        assert_eq!(read("String collection"), Some(("String".into(), true)));
        assert_eq!(read("a sentence, not a type"), None);
    }
}
