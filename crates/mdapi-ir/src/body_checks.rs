//! One body (an example's request or response, a resource page's
//! representation) checked against its type: the [`BodyCheck`] that
//! decides what the generated test asserts, and the diagnostics at the
//! body's lines and keys.

use mdapi_parse::page::Page;
use mdapi_parse::{Code, Diagnostic, Span};
use mdapi_runtime::edm::EdmPrimitive;
use serde_json::Value;

use crate::model::{BodyCheck, Source, TypeName, TypeRef};
use crate::type_index::Types;
use crate::values::{check_value, kind_of, rejects, Findings, Found, Mismatch};

pub(crate) struct Context<'a, 'd> {
    pub page: &'a Page,
    pub types: &'a Types<'a>,
    pub diagnostics: &'d mut Vec<Diagnostic>,
    /// A type whose unlisted top-level keys another diagnostic already
    /// reports (a representation's, in `resource-json-mismatch`).
    pub unknown_reported_for: Option<&'a str>,
    /// A `{"value": [...]}` body of a single type reads as a collection of
    /// it (delta and list pages often leave out `isCollection`). Off where
    /// an operation declares what it answers: the generated call decodes
    /// exactly that, so the example must show it.
    pub items_as_collection: bool,
    /// A single primitive body is `{"value": ...}`: a response's, except a
    /// `/$count`'s bare number.
    pub primitive_wrapped: bool,
    /// Values of a base type must name their derived type
    /// (`example-type-tag-missing`): off for a resource page's own
    /// representation, which shows an abstract type's properties alone.
    pub check_tags: bool,
}

/// How a body of a non-collection type uses `value`, when the type has no
/// `value` property of its own and nothing but annotations sits beside it.
#[derive(PartialEq, Eq)]
enum ValueShape {
    /// `value` is not a wrapper: check the body as it is.
    Plain,
    /// `{"value": {...}}`: one entity, wrapped (intune pages do this).
    Entity,
    /// `{"value": [...]}`: a collection, whatever the annotation says
    /// (delta and list responses often lack `isCollection`).
    Items,
}

fn value_shape(types: &Types<'_>, ty: &TypeRef, json: &Value) -> ValueShape {
    let Some(object) = json.as_object().filter(|_| !ty.collection) else { return ValueShape::Plain };
    let only_value = object.keys().all(|k| k == "value" || k.starts_with('@'));
    let own_value = types.get(&ty.name).and_then(|def| types.property(def, "value")).is_some();
    match object.get("value") {
        Some(Value::Object(_)) if only_value && !own_value => ValueShape::Entity,
        Some(Value::Array(_)) if only_value && !own_value => ValueShape::Items,
        _ => ValueShape::Plain,
    }
}

/// `required`: top-level properties the body must have, not `null`.
pub(crate) fn body_check(
    cx: &mut Context<'_, '_>,
    headers: &[(String, String)],
    body: &mdapi_parse::http::Body,
    body_line: u32,
    ty: Option<&TypeRef>,
    required: &[String],
) -> BodyCheck {
    let Some(json) = &body.json else {
        if let Some(content_type) = body.non_json_type(headers) {
            return BodyCheck::Bytes { content_type };
        }
        // Where the JSON breaks (a missing `,` after the value it should
        // follow), not the body's first line.
        let (line, column) = mdapi_parse::lenient::error_position(&body.text)
            .map_or((body_line, 1), |(line, column)| {
                (body_line + u32::try_from(line).unwrap_or(0), u32::try_from(column).unwrap_or(1))
            });
        cx.diagnostics.push(
            Diagnostic::new(
                Code::ExampleBodyInvalid,
                &cx.page.path,
                Span { line, column, ..Span::default() },
                format!(
                    "example body is not JSON: {}",
                    body.error.as_deref().map_or("unknown error", mdapi_parse::lenient::error_text)
                ),
            )
            .with_help("make the body valid JSON, or mark the block as not JSON"),
        );
        let reason = format!("the body is not JSON: {}", body.error.as_deref().unwrap_or("it does not parse"));
        return BodyCheck::NotJson { text: body.text.clone(), reason };
    };
    let named = json
        .get("@odata.type")
        .and_then(Value::as_str)
        .map(|t| TypeRef { name: TypeName::from_ir(t.trim_start_matches('#')), collection: false })
        .filter(|t| cx.types.get(&t.name).is_some());
    let Some(ty) = ty.cloned().or(named) else {
        cx.diagnostics.push(
            Diagnostic::new(
                Code::ExampleBodyUntyped,
                &cx.page.path,
                Span { line: body_line, column: 1, ..Span::default() },
                "the page names no type for this body; its test checks it as untyped JSON",
            )
            .with_help("link the body's type in the Request body or Response section, or give the response annotation an `@odata.type`"),
        );
        return BodyCheck::Untyped;
    };
    let ty = &ty;
    let mut found = Findings { check_tags: cx.check_tags, ..Findings::default() };
    let element = TypeRef { name: ty.name.clone(), collection: false };
    let shape = value_shape(cx.types, ty, json);
    if shape == ValueShape::Items && !cx.items_as_collection {
        // The call decodes one entity; a `value` array would land in its
        // `additional_properties`, an empty entity that looks like success
        // to serde. The test asserts what the body is: a collection.
        let mismatch = whole_body_mismatch(ty, json, &format!("one {}, not a `value` array", ty.name));
        let reason =
            format!("{WHOLE_BODY}`{}` is a collection, but the call answers {}", mismatch.found, mismatch.expected);
        report_whole_body(cx, body_line, &reason, "show the one entity the call answers, or fix the documented type");
        return BodyCheck::DecodeFails {
            r#type: ty.clone(),
            reason,
            wrapped: false,
            primitive_value: false,
            collection_shown: true,
        };
    }
    let wrapped = shape == ValueShape::Entity;
    if wrapped {
        let (line, column) = key_position(&body.text, "value", body_line);
        cx.diagnostics.push(
            Diagnostic::new(
                Code::ExampleResponseWrapped,
                &cx.page.path,
                Span { line, column, ..Span::default() },
                format!("the body wraps one `{}` in `value`; Graph sends the entity itself", ty.name),
            )
            .with_help("show the entity's properties at the top level of the body"),
        );
    }
    let json = if wrapped { json.get("value").unwrap_or(json) } else { json };
    // A single primitive answer is `{"value": ...}`, decoded whole as
    // `PrimitiveValue` by the test and the call alike.
    let primitive_answer = cx.primitive_wrapped && wraps_primitive(ty);
    let as_collection;
    let ty = if shape == ValueShape::Items {
        as_collection = TypeRef { name: ty.name.clone(), collection: true };
        &as_collection
    } else {
        ty
    };
    match (ty.collection, json) {
        // A collection response is `{ "value": [...] }`.
        (true, Value::Object(object)) if object.get("value").is_some_and(Value::is_array) => {
            for item in object.get("value").and_then(Value::as_array).into_iter().flatten() {
                check_value(cx.types, &element, item, &mut found, 0);
            }
        }
        (true, other) => found.mismatches.push(whole_body_mismatch(ty, other, "an object with a `value` array")),
        // OData's JSON format answers a single primitive as
        // `{"value": <primitive>}`; the generated call decodes that form.
        (false, value) if cx.primitive_wrapped && wraps_primitive(ty) => {
            match value.as_object().and_then(primitive_value) {
                Some(inner) => {
                    if rejects(cx.types, ty, inner).is_some() {
                        found.mismatches.push(whole_body_mismatch(ty, value, &format!("`{{\"value\": {}}}`", ty.name)));
                    }
                }
                None => found.mismatches.push(whole_body_mismatch(ty, value, &format!("`{{\"value\": {}}}`", ty.name))),
            }
        }
        (false, value) => match rejects(cx.types, ty, value) {
            Some(_) => found.mismatches.push(whole_body_mismatch(ty, value, ty.name.as_str())),
            None => {
                required_present(cx, value, required, &mut found.mismatches);
                check_value(cx.types, ty, json, &mut found, 0);
            }
        },
    }
    report_lenient_and_untagged(cx, &body.text, body_line, &mut found);
    let Findings { mismatches, mut unknown, unlisted: unlisted_keys, .. } = found;
    unknown.sort();
    unknown.dedup();
    for (key, owner) in unknown.into_iter().filter(|(_, owner)| Some(owner.as_str()) != cx.unknown_reported_for) {
        let (line, column) = key_position(&body.text, &key, body_line);
        cx.diagnostics.push(
            Diagnostic::new(
                Code::ExamplePropertyUnknown,
                &cx.page.path,
                Span { line, column, ..Span::default() },
                format!("`{key}` is not a property of `{owner}`; it decodes into `additional_properties`"),
            )
            .with_help(format!("add `{key}` to the properties table of `{owner}`, or remove it from the example")),
        );
    }
    if mismatches.is_empty() {
        let mut unlisted: Vec<String> = unlisted_keys.into_iter().collect();
        unlisted.sort();
        unlisted.dedup();
        return BodyCheck::RoundTrip { r#type: ty.clone(), unlisted, wrapped, primitive_value: primitive_answer };
    }
    let mut reasons = Vec::new();
    for mismatch in mismatches {
        if mismatch.key.is_empty() {
            let reason = format!(
                "{WHOLE_BODY}`{}` is {}, but the docs declare {}",
                mismatch.found, mismatch.found_kind, mismatch.expected
            );
            report_whole_body(
                cx,
                body_line,
                &reason,
                "make the example body match the response the page documents, or fix the documented type",
            );
            reasons.push(reason);
            continue;
        }
        let (line, column) = key_position(&body.text, &mismatch.key, body_line);
        let reason = match mismatch.found_kind {
            Found::Missing => {
                format!("`{}` is required (the table says `Required.`), but the example leaves it out", mismatch.key)
            }
            Found::NotValid => format!(
                "`\"{}\": {}` is not a valid {}, the type the table declares for `{}`",
                mismatch.key, mismatch.found, mismatch.expected, mismatch.key
            ),
            Found::Kind(kind) => format!(
                "`\"{}\": {}` is {kind}, but the table declares `{}` as {}",
                mismatch.key, mismatch.found, mismatch.key, mismatch.expected
            ),
        };
        cx.diagnostics.push(
            Diagnostic::new(
                Code::ExampleTypeMismatch,
                &cx.page.path,
                Span { line, column, ..Span::default() },
                reason.clone(),
            )
            .with_related(
                &mismatch.declared.file,
                Span { line: mismatch.declared.line, column: 1, ..Span::default() },
                format!("`{}` declared here", mismatch.key),
            )
            .with_help(format!("give `{}` a value of type {} in the example", mismatch.key, mismatch.expected)),
        );
        reasons.push(reason);
    }
    BodyCheck::DecodeFails {
        r#type: ty.clone(),
        reason: reasons.join("; "),
        wrapped,
        primitive_value: primitive_answer,
        collection_shown: false,
    }
}

/// The notes on values the models read leniently and the warnings on
/// values of a base type that do not name their derived type.
fn report_lenient_and_untagged(cx: &mut Context<'_, '_>, text: &str, body_line: u32, found: &mut Findings) {
    for lenient in std::mem::take(&mut found.lenient) {
        let (line, column) = key_position(text, &lenient.key, body_line);
        cx.diagnostics.push(
            Diagnostic::new(
                Code::ExampleValueLenient,
                &cx.page.path,
                Span { line, column, ..Span::default() },
                format!("`\"{}\": {}` is {}", lenient.key, lenient.found, lenient.reason),
            )
            .with_help(lenient.help),
        );
    }
    let mut seen = Vec::new();
    for untagged in std::mem::take(&mut found.untagged) {
        if seen.contains(&(untagged.base.clone(), untagged.key.clone())) {
            continue;
        }
        seen.push((untagged.base.clone(), untagged.key.clone()));
        let (line, column) = match &untagged.key {
            Some(key) => key_position(text, key, body_line),
            None => (body_line, 1),
        };
        let quoted = |names: &[String]| names.iter().take(4).map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        let message = match (&untagged.key, untagged.is_abstract) {
            (Some(key), true) => format!(
                "the body of abstract `{}` has no `@odata.type`; `{key}` is a property of {}, so the body must say so",
                untagged.base,
                quoted(&untagged.fits)
            ),
            (Some(key), false) => format!(
                "the body of `{}` has no `@odata.type`, so it is read as `{0}`; `{key}` is a property of {}",
                untagged.base,
                quoted(&untagged.fits)
            ),
            (None, _) => format!(
                "the body of abstract `{}` has no `@odata.type`; no value is of an abstract type itself",
                untagged.base
            ),
        };
        let candidates = if untagged.fits.is_empty() { &untagged.derived } else { &untagged.fits };
        let help = match candidates.as_slice() {
            [] => format!("add `\"@odata.type\"` naming the type derived from `{}` that the body is", untagged.base),
            [only] => format!("add `\"@odata.type\": \"#{only}\"`"),
            [first, ..] => format!("add `\"@odata.type\": \"#{first}\"` or another of {}", quoted(candidates)),
        };
        cx.diagnostics.push(
            Diagnostic::new(
                Code::ExampleTypeTagMissing,
                &cx.page.path,
                Span { line, column, ..Span::default() },
                message,
            )
            .with_help(help),
        );
    }
}

/// An `example-type-mismatch` about a body as a whole, at its first line.
fn report_whole_body(cx: &mut Context<'_, '_>, body_line: u32, reason: &str, help: &str) {
    cx.diagnostics.push(
        Diagnostic::new(
            Code::ExampleTypeMismatch,
            &cx.page.path,
            Span { line: body_line, column: 1, ..Span::default() },
            reason.to_owned(),
        )
        .with_help(help),
    );
}

/// The page's required properties a body leaves out or sets to `null`.
fn required_present(cx: &Context<'_, '_>, value: &Value, required: &[String], out: &mut Vec<Mismatch>) {
    let Value::Object(object) = value else { return };
    for name in required {
        let found = object.get(name);
        if found.is_some_and(|v| !v.is_null()) {
            continue;
        }
        let row = cx.page.request_body.properties.iter().find(|row| &row.name == name);
        let expected = row.map_or_else(String::new, |row| row.type_text.trim().to_owned());
        let declared = Source { file: cx.page.path.clone(), line: row.map_or(0, |row| row.span.line) };
        let mut mismatch = Mismatch::missing(name, expected, declared);
        if let Some(null) = found {
            (mismatch.found, mismatch.found_kind) = (crate::short_json(null), Found::Kind("null"));
        }
        out.push(mismatch);
    }
}

/// The body as a whole is not what the type needs (a bare number where a
/// collection is declared, a string where an object is).
fn whole_body_mismatch(ty: &TypeRef, value: &Value, expected: &str) -> Mismatch {
    Mismatch {
        key: String::new(),
        found: crate::short_json(value),
        found_kind: Found::Kind(kind_of(value)),
        expected: if ty.collection { format!("Collection({}), {expected}", ty.name) } else { expected.to_owned() },
        declared: Source { file: String::new(), line: 0 },
    }
}

/// A single Edm primitive other than untyped JSON and streams: answered
/// as `{"value": ...}` on the wire.
pub fn wraps_primitive(ty: &TypeRef) -> bool {
    !ty.collection && ty.name.primitive().is_some_and(|p| p != EdmPrimitive::Stream)
}

/// The `value` of `{"value": x}` with nothing but annotations beside it.
fn primitive_value(object: &serde_json::Map<String, Value>) -> Option<&Value> {
    object.keys().all(|k| k == "value" || k.starts_with('@')).then(|| object.get("value")).flatten()
}

/// How the reason for a body that is the wrong kind of value as a whole
/// starts (a collection where one entity is declared, say).
pub(crate) const WHOLE_BODY: &str = "the body ";

/// 1-based page line and column of `"key":` in a body that starts on `body_line`.
pub(crate) fn key_position(text: &str, key: &str, body_line: u32) -> (u32, u32) {
    let needle = format!("\"{key}\"");
    let found = text
        .match_indices(&needle)
        .find(|(at, _)| text.get(at + needle.len()..).is_some_and(|rest| rest.trim_start().starts_with(':')));
    let Some((at, _)) = found else { return (body_line, 1) };
    let before = &text[..at];
    let line = body_line + u32::try_from(before.matches('\n').count()).unwrap_or(0);
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, u32::try_from(column).unwrap_or(1))
}
