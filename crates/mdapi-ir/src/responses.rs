//! What an operation answers, per route. A page's Response prose links one
//! type for all its routes, and often a wrong one for some of them (a list
//! of children next to a get of the parent, a search that answers a
//! collection). The examples say more, route by route: a response
//! annotation's `@odata.type` (with `Collection(...)` or `isCollection`),
//! and a body of `{"value": [...]}`. So the examples' evidence decides, and
//! the prose is the fallback for routes no example calls.

use mdapi_parse::page::{ExampleResponse, Page};
use mdapi_runtime::route::{segments, SegmentName};
use mdapi_runtime::PathPart;
use serde_json::Value;

use crate::edm;
use crate::model::{FormatResponse, Operation, TypeName, TypeRef};
use crate::page_facts::{count_response, namespace_of};
use crate::type_index::Types;
use mdapi_runtime::edm::EdmPrimitive;

/// The type a response annotation names: `Collection(x)` or
/// `isCollection` make it a collection; Edm primitives keep their IR name.
pub(crate) fn annotated_type(response: &ExampleResponse, namespace: &str) -> Option<TypeRef> {
    let odata_type = response.annotation.odata_type.as_deref()?.trim();
    let inner = edm::collection_element(odata_type.trim_start_matches('#'));
    let collection = response.annotation.is_collection || inner.is_some();
    let name = inner.unwrap_or(odata_type).trim().trim_start_matches('#');
    let name = match edm::primitive(name).filter(|_| !name.contains("graph.")) {
        Some(primitive) => primitive,
        None => TypeName::from_ir_owned(edm::qualify(name, namespace)),
    };
    (!name.as_str().is_empty()).then_some(TypeRef { name, collection })
}

/// Whether a type the docs name is one the API knows.
pub(crate) fn known(types: &Types<'_>, ty: &TypeRef) -> bool {
    ty.name.is_builtin() || types.get(ty.name.as_str()).is_some()
}

/// A body of `{"value": [...]}` (and annotations): a collection, unless
/// the type has a `value` property of its own.
pub(crate) fn is_items_body(types: &Types<'_>, element: Option<&str>, json: &Value) -> bool {
    let Some(object) = json.as_object() else { return false };
    let only_value = object.keys().all(|k| k == "value" || k.starts_with('@'));
    let own_value = element.and_then(|name| types.get(name)).is_some_and(|def| types.property(def, "value").is_some());
    only_value && object.get("value").is_some_and(Value::is_array) && !own_value
}

/// What one successful example says of the operation it calls.
pub(crate) struct Evidence {
    annotated: Option<TypeRef>,
    /// The body is `{"value": [...]}`.
    items: bool,
    /// The body is JSON (not bytes, not empty).
    json: bool,
    /// There is no body at all.
    empty: bool,
    /// The request sends a JSON body.
    sends_json: bool,
    status: u16,
}

/// The evidence of a page's examples: per operation id (and `$format`, for
/// an example that asks for one).
pub(crate) type PageEvidence = Vec<(String, Option<String>, Evidence)>;

/// Reads what a page's successful examples show of the operations they
/// call (`operations`: those the page's routes belong to).
pub(crate) fn evidence(
    page: &Page,
    operations: &[&Operation],
    types: &Types<'_>,
    canon: &(dyn Fn(TypeRef) -> TypeRef + Sync),
) -> PageEvidence {
    let mut found = Vec::new();
    // `ignored` examples too: not checked, but they show what the call answers.
    for example in page.calls_shown() {
        let (Some(request), Some(response)) = (&example.request, &example.response) else { continue };
        if response.annotation.expect_error || !(200..300).contains(&response.http.status) {
            continue;
        }
        let path = mdapi_parse::route::without_argument_spaces(mdapi_runtime::path::example_path(&request.http.url));
        let Some(op) = operations.iter().find(|op| {
            op.method.eq_ignore_ascii_case(&request.http.method)
                && mdapi_runtime::path::match_path(&op.path_parts, &path).is_some()
        }) else {
            continue;
        };
        let annotated = annotated_type(response, namespace_of(page)).map(canon).filter(|t| known(types, t));
        let body = response.http.body.as_ref();
        let json = body
            .and_then(|b| b.json.as_ref())
            .filter(|_| body.is_some_and(|b| b.non_json_type(&response.http.headers).is_none()));
        let sent = request.http.body.as_ref();
        let sends_json = sent.is_some_and(|b| b.json.is_some() && b.non_json_type(&request.http.headers).is_none());
        let element = annotated.as_ref().map(|t| t.name.as_str());
        let evidence = Evidence {
            items: json.is_some_and(|j| is_items_body(types, element, j)),
            json: json.is_some(),
            empty: body.is_none_or(|b| b.text.trim().is_empty()),
            sends_json,
            annotated,
            status: response.http.status,
        };
        found.push((op.id.clone(), format_of(&request.http.url), evidence));
    }
    found
}

/// Settles an operation's response (and a missing request body) from the
/// evidence of every page's examples that call it.
pub(crate) fn settle(
    op: &mut Operation,
    evidence: &[&Evidence],
    formats: &[(String, Vec<&Evidence>)],
    types: &Types<'_>,
) {
    decide(op, evidence, types);
    for (format, found) in formats {
        let items = found.iter().any(|e| e.items);
        if let Some(mut body) = most_documented(found, types) {
            body.collection |= items;
            op.response.formats.push(FormatResponse { format: format.clone(), body });
        }
    }
    let stream = || Some(TypeRef { name: EdmPrimitive::Stream.into(), collection: false });
    // A media resource (`$value`, a drive item's `content`) is read and
    // written as raw bytes (OData 4.01 Part 2, 11.2.4.1), unless its
    // examples show JSON (a OneNote page's `content` takes JSON commands).
    if let Some(media) = media_segment(&op.path_parts) {
        let shows_json = evidence.iter().any(|e| e.json || e.sends_json);
        let method = op.method.to_ascii_uppercase();
        if method == "GET" && (media == "$value" || !shows_json) {
            op.response.body = stream();
        }
        // Over any type a GET of the same path lent it (`infer_bodies`):
        // what goes up is the file's bytes.
        if matches!(method.as_str(), "PUT" | "PATCH" | "POST") && (media == "$value" || !shows_json) {
            op.request_body = stream();
        }
    }
    // The docs send JSON the page names no type for: the call takes JSON,
    // not nothing.
    if op.request_body.is_none() && evidence.iter().any(|e| e.sends_json) {
        op.request_body = Some(TypeRef { name: TypeName::Json, collection: false });
    }
}

/// `$value` or `content`, when the route ends in one.
fn media_segment(parts: &[PathPart]) -> Option<&'static str> {
    let Some(PathPart::Literal(last)) = parts.last() else { return None };
    let word = last.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
    if word.eq_ignore_ascii_case("$value") {
        Some("$value")
    } else if word.eq_ignore_ascii_case("content") {
        Some("content")
    } else {
        None
    }
}

fn decide(op: &mut Operation, evidence: &[&Evidence], types: &Types<'_>) {
    if count_response(&op.path).is_some() {
        return;
    }
    // Every example answers with no body (`204 No Content`, a `202
    // Accepted` with a monitor URL): so does the call, whatever the prose
    // links.
    // (A bodiless `200 OK` or `201 Created` is more often a shortened
    // example than a call that answers nothing.)
    if !evidence.is_empty() && evidence.iter().all(|e| e.empty && matches!(e.status, 202 | 204)) {
        op.response.body = None;
        op.response.status = evidence.first().map(|e| e.status);
        return;
    }
    let with_body = evidence.iter().find(|e| !e.empty);
    if op.response.status.is_none() || (op.response.status == Some(204) && with_body.is_some()) {
        op.response.status = with_body.or(evidence.first()).map(|e| e.status);
    }
    if op.response.status == Some(204) {
        op.response.body = None;
        return;
    }
    let items = evidence.iter().any(|e| e.items);
    let keyed = addresses_by_key(&op.path_parts);
    if let Some(mut chosen) = most_documented(evidence, types) {
        chosen.collection = (chosen.collection || items) && !keyed && !chosen.name.is_stream();
        op.response.body = Some(chosen);
        return;
    }
    match &mut op.response.body {
        // The prose named the item's type; the bodies show a collection.
        Some(body) if !body.collection && !keyed && (items || is_delta(&op.path_parts)) => {
            let own_value = types.get(body.name.as_str()).is_some_and(|def| types.property(def, "value").is_some());
            body.collection = !own_value;
        }
        Some(body) if keyed => body.collection = false,
        Some(_) => {}
        // JSON answers and no named type: JSON it is, not `()`.
        None if evidence.iter().any(|e| e.json) => {
            op.response.body = Some(TypeRef { name: TypeName::Json, collection: false });
        }
        None => {}
    }
}

/// The type the examples' annotations name. Where they name several, the
/// nearest type they all derive from (an attachment page shows a file, an
/// item and a reference attachment: the call answers `attachment`), else
/// the one most name (the first such on a tie).
fn most_documented(evidence: &[&Evidence], types: &Types<'_>) -> Option<TypeRef> {
    let named: Vec<&TypeRef> = evidence.iter().filter_map(|e| e.annotated.as_ref()).collect();
    let count = |t: &TypeRef| named.iter().filter(|n| n.name.as_str().eq_ignore_ascii_case(t.name.as_str())).count();
    let mut most = *named.first()?;
    for candidate in &named {
        if count(candidate) > count(most) {
            most = candidate;
        }
    }
    let best = common_base(named.iter().map(|n| n.name.as_str()), types)
        .map_or_else(|| most.name.clone(), TypeName::from_ir_owned);
    let collection = named.iter().any(|n| n.collection);
    Some(TypeRef { name: best, collection })
}

/// The nearest type every name is or derives from, when they are not all
/// one type; the root `entity` says nothing and does not count.
pub(crate) fn common_base<'n>(mut names: impl Iterator<Item = &'n str> + Clone, types: &Types<'_>) -> Option<String> {
    let first = names.next()?;
    if names.clone().all(|n| n.eq_ignore_ascii_case(first)) {
        return None;
    }
    // `first` as its example spells it, then its bases, nearest first.
    let candidates = std::iter::once(first.to_owned()).chain(types.bases(first).map(|base| base.qualified_name()));
    let mut covering =
        candidates.filter(|name| names.clone().all(|n| n.eq_ignore_ascii_case(name) || types.derives_from(n, name)));
    covering.next().filter(|name| !name.eq_ignore_ascii_case("microsoft.graph.entity"))
}

/// What makes two routes of one page the same call on different parents
/// (`/me/favoriteGadget/parts` and `/gadgets/{id}/parts`): the method, the
/// name of the last named segment (its arguments left out, so
/// `range(address='{a}')` is `range` and the overloads
/// `getX(period='{p}')` and `getX(date={d})` are `getx`), and whether a
/// key ends the route.
pub(crate) type SiblingKey = (String, String, bool);

/// The [`SiblingKey`] of a route.
pub(crate) fn sibling_key(op: &Operation) -> SiblingKey {
    route_sibling_key(&op.method, &op.path_parts)
}

fn route_sibling_key(method: &str, parts: &[PathPart]) -> SiblingKey {
    // The last segment with a name (a key's collection for `/parts/{id}`).
    let last = segments(parts)
        .iter()
        .rev()
        .find_map(|segment| match segment.name() {
            SegmentName::Named { name, .. } => Some(name.to_ascii_lowercase()),
            SegmentName::Key { .. } => None,
        })
        .unwrap_or_default();
    (method.to_ascii_uppercase(), last, addresses_by_key(parts))
}

/// OData: a key segment (`/users/{id}`, the last part of the route)
/// addresses one entity, whatever an example shows.
fn addresses_by_key(parts: &[PathPart]) -> bool {
    match parts {
        [.., PathPart::Literal(before), PathPart::Param(_)] => before.ends_with('/'),
        _ => false,
    }
}

/// OData's `delta` function answers a page of changes, never one entity.
fn is_delta(parts: &[PathPart]) -> bool {
    let Some(PathPart::Literal(last)) = parts.last() else { return false };
    let last = last.trim_end_matches("()").trim_end_matches('/');
    let word = last.rsplit(['/', '.']).next().unwrap_or_default();
    word.eq_ignore_ascii_case("delta")
}

/// The `$format` an example URL asks for (`?$format=application/json`).
pub(crate) fn format_of(url: &str) -> Option<String> {
    let query = url.split_once('?')?.1.split('#').next()?;
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        let value = value.trim();
        (name.trim().eq_ignore_ascii_case("$format") && !value.is_empty()).then(|| value.to_ascii_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(route: &str) -> Vec<PathPart> {
        mdapi_parse::route::parse(&format!("GET {route}")).map(|r| r.parts).unwrap_or_default()
    }

    /// Kind: the sibling key took the last literal's last piece, so a
    /// segment with arguments was keyed by its closing `')` or `)`: a
    /// function's overloads and a route's plain spelling were never
    /// siblings, and any two functions on one page always were.
    #[test]
    fn siblings_are_keyed_by_the_segment_name_not_its_closing_punctuation() {
        let key = |route: &str| route_sibling_key("GET", &parts(route));
        assert_eq!(key("/w/worksheets/{id}/range(address='{a}')"), key("/w/names/{name}/range"));
        assert_eq!(key("/reports/getX(period='{p}')"), key("/reports/getX(date={d})"));
        assert_ne!(key("/reports/getX(period='{p}')"), key("/reports/getY(period='{p}')"));
        assert_ne!(key("/c/{id}/image(width={w})"), key("/c/{id}/delta()"));
        assert_eq!(key("/users/{id}").1, "users");
        assert_eq!(key("/drive/root:/{p}:/content").1, "content");
    }

    #[test]
    fn delta_routes_are_recognized_in_every_spelling() {
        for yes in ["/users/delta", "/users/delta()", "/me/drive/root/microsoft.graph.delta()", "/groups/Delta"] {
            assert!(is_delta(&parts(yes)), "{yes}");
        }
        for no in ["/users/{id}", "/deltas", "/users/{id}/deltaSync"] {
            assert!(!is_delta(&parts(no)), "{no}");
        }
    }
}
