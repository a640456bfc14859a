//! One example value against the type the tables declare for it: what the
//! generated models refuse (mismatches), what they read only because
//! services write it (lenient forms, notes), properties a closed type does
//! not list, and values of a base type that do not name the derived type
//! they are (`@odata.type`).

use serde_json::Value;

use mdapi_runtime::edm::EdmPrimitive;

use crate::model::{Source, TypeDef, TypeKind, TypeName, TypeRef};
use crate::type_index::Types;

pub(crate) struct Mismatch {
    pub key: String,
    pub found: String,
    pub found_kind: Found,
    pub expected: String,
    pub declared: Source,
}

impl Mismatch {
    /// A required property the body leaves out.
    pub(crate) fn missing(key: &str, expected: String, declared: Source) -> Self {
        Self { key: key.to_owned(), found: "absent".to_owned(), found_kind: Found::Missing, expected, declared }
    }
}

/// A value the models read in a form OData does not define.
pub(crate) struct Lenient {
    pub key: String,
    pub found: String,
    pub reason: String,
    pub help: String,
}

/// A value of a base type (declared where the body goes) that does not say
/// which derived type it is: OData reads it as the base type itself.
pub(crate) struct Untagged {
    /// The declared type.
    pub base: String,
    pub is_abstract: bool,
    /// Derived types that declare every property the base lacks, most
    /// basic first; empty when the value has no such property.
    pub fits: Vec<String>,
    /// The derived types there are, when nothing narrows them.
    pub derived: Vec<String>,
    /// The first property only a derived type declares (where to point).
    pub key: Option<String>,
}

/// What a walk over one body found.
#[derive(Default)]
pub(crate) struct Findings {
    pub mismatches: Vec<Mismatch>,
    /// `(key, owner)`: properties a documented closed type does not list.
    pub unknown: Vec<(String, String)>,
    /// Keys the generated model keeps in `additional_properties`.
    pub unlisted: Vec<String>,
    pub lenient: Vec<Lenient>,
    pub untagged: Vec<Untagged>,
    /// Whether values of a base type must name their derived type: in
    /// examples yes; a resource page's own representation of an abstract
    /// type shows the base's properties alone.
    pub check_tags: bool,
}

pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Walks `value` against `ty`, collecting what [`Findings`] holds.
pub(crate) fn check_value(types: &Types<'_>, ty: &TypeRef, value: &Value, found: &mut Findings, depth: usize) {
    if depth > 64 {
        return;
    }
    let Some(declared) = ty.name.named().and_then(|name| types.get(name)) else { return };
    let Value::Object(object) = value else { return };
    // A polymorphic type's value is decoded as the derived type its
    // `@odata.type` names (the generated `Any*` enums do the same).
    let named = object.get("@odata.type").and_then(Value::as_str).map(|t| t.trim_start_matches('#'));
    let derived = named
        .filter(|_| declared.is_polymorphic())
        .and_then(|t| declared.derived.iter().find(|d| d.eq_ignore_ascii_case(t)));
    let def = derived.and_then(|t| types.get(t)).unwrap_or(declared);
    // A value whose `@odata.type` names a sibling of the expected type (a
    // `windowsPhone81AppX` sent where the call's first page documents an
    // `androidForWorkApp`, both `mobileApp`s) is that sibling to the
    // service: its own properties are no unknown ones. The generated model
    // keeps them in `additional_properties`, so the values are checked
    // against the expected type as before.
    let sibling = named
        .and_then(|t| types.get(t))
        .filter(|t| !t.qualified_name().eq_ignore_ascii_case(&def.qualified_name()))
        .filter(|t| types.related(&t.qualified_name(), &def.qualified_name()));
    // One whose `@odata.type` names a type the doc set does not describe
    // (a page left out, `#Microsoft.OutlookServices.FileAttachment`) has
    // properties no table here can judge; a wrong namespace is reported
    // as such (`namespace-mismatch`).
    let undescribed = named
        .is_some_and(|t| !t.eq_ignore_ascii_case(&def.qualified_name()) && types.get(t).is_none_or(|d| !d.documented));
    let derived_keys = match named {
        None if found.check_tags => untagged(types, declared, object, found),
        _ => Vec::new(),
    };
    // An action's required parameters are plain fields: absent, the body
    // does not decode.
    if def.request_body {
        for property in def.properties.iter().filter(|p| p.required && !p.type_name.is_stream()) {
            if !object.contains_key(&property.name) {
                found.mismatches.push(Mismatch::missing(
                    &property.name,
                    property.type_name.to_string(),
                    property.source.clone(),
                ));
            }
        }
    }
    for (key, value) in object {
        if key.contains('@') {
            continue;
        }
        let Some(property) = types.property(def, key) else {
            if undescribed || sibling.is_some_and(|t| types.property(t, key).is_some()) {
                continue;
            }
            // An open type takes any property by design: its map is where
            // dynamic keys (planner's assignment ids, say) belong.
            if !def.is_opaque() && !def.open && def.kind != TypeKind::Enum {
                found.unlisted.push(key.clone());
            }
            // A derived type's property in an untagged value is reported
            // as the missing tag, not as a gap in the base's table.
            if def.documented && !def.open && def.kind != TypeKind::Enum && !derived_keys.contains(key) {
                found.unknown.push((key.clone(), sibling.unwrap_or(def).qualified_name()));
            }
            continue;
        };
        let expected = property.type_ref();
        let plain = def.request_body && property.required;
        let expected_text =
            if expected.collection { format!("Collection({})", expected.name) } else { expected.name.to_string() };
        // `""` where a GUID or a date is declared reads as `Field::Empty`.
        let empty = value.as_str() == Some("")
            && !expected.collection
            && !plain
            && expected.name.primitive().is_some_and(EdmPrimitive::empty_is_no_value);
        if empty {
            found.lenient.push(Lenient {
                key: key.clone(),
                found: crate::short_json(value),
                reason: format!("an empty string, which no {} is; the models read it as `Field::Empty`", expected.name),
                help: format!("give `{key}` a {} value, or `null` for none", expected.name),
            });
            continue;
        }
        let required_but_null = plain && value.is_null();
        if let Some(found_kind) = rejects(types, &expected, value).or(required_but_null.then_some(Found::Kind("null")))
        {
            found.mismatches.push(Mismatch {
                key: key.clone(),
                found: crate::short_json(value),
                found_kind,
                expected: expected_text,
                declared: property.source.clone(),
            });
            continue;
        }
        if let Some(reason) =
            expected.name.primitive().zip(value.as_str()).and_then(|(p, text)| mdapi_runtime::edm::leniency(p, text))
        {
            found.lenient.push(Lenient {
                key: key.clone(),
                found: crate::short_json(value),
                reason: reason.to_owned(),
                help: format!("write `{key}` as OData does: {}", odata_form(expected.name.primitive())),
            });
        }
        let element = TypeRef { name: expected.name.clone(), collection: false };
        match value {
            Value::Array(items) if expected.collection => {
                items.iter().for_each(|item| check_value(types, &element, item, found, depth + 1));
            }
            Value::Object(_) => check_value(types, &element, value, found, depth + 1),
            _ => {}
        }
    }
}

/// What OData writes for a type [`mdapi_runtime::edm::leniency`] knows.
fn odata_form(primitive: Option<EdmPrimitive>) -> &'static str {
    match primitive {
        Some(EdmPrimitive::Date) => "`2024-02-08`",
        _ => "`2024-02-08T12:07:31Z`, with `Z` or an offset",
    }
}

/// A value with no `@odata.type` where `declared` is abstract, or has
/// properties only its derived types declare: recorded in `found`. The
/// keys a derived type explains are returned, so they are not reported
/// as missing from the base's table too.
fn untagged(
    types: &Types<'_>,
    declared: &TypeDef,
    object: &serde_json::Map<String, Value>,
    found: &mut Findings,
) -> Vec<String> {
    // A type with no page of its own (its page left out of the doc set)
    // has no table to say which properties it lacks: a property the docs
    // give only its derived types may be its own.
    if !declared.documented || (!declared.is_abstract && !declared.is_polymorphic()) {
        return Vec::new();
    }
    let extra: Vec<&String> =
        object.keys().filter(|k| !k.contains('@') && types.property(declared, k).is_none()).collect();
    let fitting: Vec<&String> = declared
        .derived
        .iter()
        .filter(|d| {
            !extra.is_empty() && types.get(d).is_some_and(|def| extra.iter().all(|k| types.property(def, k).is_some()))
        })
        .collect();
    let fits: Vec<String> = fitting
        .iter()
        .filter(|f| !fitting.iter().any(|g| g != *f && types.derives_from(f, g)))
        .map(|f| (*f).clone())
        .collect();
    if !declared.is_abstract && fits.is_empty() {
        return Vec::new();
    }
    let explained: Vec<String> =
        if fits.is_empty() { Vec::new() } else { extra.iter().map(|k| (*k).clone()).collect() };
    found.untagged.push(Untagged {
        base: declared.qualified_name(),
        is_abstract: declared.is_abstract,
        fits,
        derived: declared.derived.clone(),
        key: explained.first().cloned(),
    });
    explained
}

/// Why `value` cannot decode as `ty`, if it cannot (shallow).
pub(crate) fn rejects(types: &Types<'_>, ty: &TypeRef, value: &Value) -> Option<Found> {
    if value.is_null() || ty.name.is_stream() || ty.name == TypeName::Json {
        return None;
    }
    if ty.collection {
        return match value {
            Value::Array(items) => {
                let element = TypeRef { name: ty.name.clone(), collection: false };
                items.iter().find_map(|item| rejects(types, &element, item))
            }
            other => Some(Found::Kind(kind_of(other))),
        };
    }
    // OData JSON Format 4.01, 7.1: Int64 and Decimal may be strings
    // (IEEE754Compatible), the float types write NaN and the infinities as
    // strings; the runtime's `edm::accepts` says which strings.
    let string_accepted = |p: EdmPrimitive| value.as_str().is_some_and(|text| mdapi_runtime::edm::accepts(p, text));
    let fits = match &ty.name {
        TypeName::Primitive(primitive) => match primitive {
            EdmPrimitive::Int16 => value.as_i64().is_some_and(|n| i16::try_from(n).is_ok()),
            EdmPrimitive::Int32 => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            EdmPrimitive::Int64 => value.as_i64().is_some() || string_accepted(EdmPrimitive::Int64),
            EdmPrimitive::Byte => value.as_u64().is_some_and(|n| u8::try_from(n).is_ok()),
            EdmPrimitive::SByte => value.as_i64().is_some_and(|n| i8::try_from(n).is_ok()),
            EdmPrimitive::Boolean => value.is_boolean(),
            EdmPrimitive::Double | EdmPrimitive::Single => value.is_number() || string_accepted(EdmPrimitive::Double),
            EdmPrimitive::Decimal => value.is_number() || string_accepted(EdmPrimitive::Decimal),
            other => string_accepted(*other),
        },
        // Returned above.
        TypeName::Json => true,
        TypeName::Named(name) => match types.get(name) {
            Some(def) if def.kind == TypeKind::Enum => value.is_string(),
            Some(def) if def.is_opaque() => true,
            Some(_) => value.is_object(),
            None => true,
        },
    };
    match (fits, value) {
        (true, _) => None,
        (false, Value::String(_)) if ty.name.primitive().is_some_and(|p| STRING_CARRIED.contains(&p)) => {
            Some(Found::NotValid)
        }
        (false, other) => Some(Found::Kind(kind_of(other))),
    }
}

/// Edm types whose JSON form is a string with a format of its own.
const STRING_CARRIED: &[EdmPrimitive] = &[
    EdmPrimitive::DateTimeOffset,
    EdmPrimitive::Date,
    EdmPrimitive::TimeOfDay,
    EdmPrimitive::Duration,
    EdmPrimitive::Guid,
    EdmPrimitive::Binary,
    EdmPrimitive::Decimal,
    EdmPrimitive::Int64,
];

/// What an example holds where its type refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// A JSON value of another kind ([`kind_of`]: `a string`, `null`, ...).
    Kind(&'static str),
    /// A string in the wrong format for its string-carried Edm type.
    NotValid,
    /// A required property the body leaves out.
    Missing,
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Kind(kind) => kind,
            Self::NotValid => "not valid",
            Self::Missing => "missing",
        })
    }
}
