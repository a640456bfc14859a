//! Operations: one per route a page lists or its examples call (with the
//! page's parameters, headers, permissions and `Required.` body
//! properties), then, across all pages, each area's one spelling, bodies
//! named by OData's conventions, and what each call answers from the
//! examples that make it (`responses.rs`).

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;
use mdapi_parse::page::Page;
use mdapi_parse::{Code, Diagnostic};
use mdapi_runtime::edm::EdmPrimitive;
use mdapi_runtime::PathPart;
use rayon::prelude::*;

use crate::edm;
use crate::model::{Header, Operation, Parameter, Response, TypeName, TypeRef};
use crate::names;
use crate::page_facts::{count_response, namespace_of, page_request_type, page_response_type, says_required, source};
use crate::type_index::Types;

pub(crate) fn page_operations(
    page: &Page,
    tables: &[crate::permissions::TableUse<'_>],
    roots: &BTreeSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Operation> {
    let title = page.title.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    let request_body = page_request_type(page);
    let response = Response { status: page.response.status, body: page_response_type(page), formats: Vec::new() };
    let request_headers: Vec<Header> = page
        .request_headers
        .iter()
        .map(|h| {
            // Graph writes a header with its value in the name cell
            // (`Prefer: respond-async`): the call sends that value itself.
            let (name, value) = match h.name.split_once(':') {
                Some((name, value)) if !name.trim().is_empty() && !value.trim().is_empty() => {
                    (name.trim().to_owned(), Some(value.trim().to_owned()))
                }
                _ => (h.name.clone(), None),
            };
            Header {
                name,
                value,
                description: h.description.clone(),
                // "Required." as a sentence of its own: ConsistencyLevel's
                // "required when using $search" is a condition, not a rule.
                required: says_required(&h.description),
            }
        })
        .collect();
    let parameters: Vec<Parameter> = page
        .parameters
        .iter()
        .map(|(location, row)| Parameter {
            name: row.name.clone(),
            type_name: edm::parse_type_cell(&row.type_text, &row.type_links, namespace_of(page)).map(|t| t.name),
            location: *location,
            description: row.description.clone(),
            required: row.required_column.unwrap_or_else(|| says_required(&row.description)),
        })
        .collect();
    let adopted = crate::example_routes::adopted(page, roots, diagnostics);
    let listed = page.routes.iter().map(|line| (line, false));
    listed
        .chain(adopted.iter().map(|line| (line, true)))
        .map(|(line, from_example)| {
            let response = match count_response(&line.route.path) {
                Some(count) => Response { status: response.status, body: Some(count), formats: Vec::new() },
                None => response.clone(),
            };
            (line, from_example, response)
        })
        .map(|(line, route_from_example, response)| Operation {
            parameters: route_parameters(&parameters, line.route.query.as_deref()),
            id: names::operation_id(&line.route.method, &line.route.parts),
            method: line.route.method.clone(),
            path: line.route.path.clone(),
            path_parts: line.route.parts.clone(),
            query: line.route.query.clone(),
            title: title.clone(),
            description: page.description.clone(),
            request_body: request_body.clone(),
            // Filled in once the types are known.
            required_properties: Vec::new(),
            response,
            request_headers: request_headers.clone(),
            area: area_of(&line.route.parts),
            also_documented: Vec::new(),
            route_from_example,
            permissions: route_permissions(page, tables, line, diagnostics),
            source: source(page, line.span),
        })
        .collect()
}

/// A route's permissions; a note when the page gives them per resource
/// and the route addresses none of the resources it names.
fn route_permissions(
    page: &Page,
    tables: &[crate::permissions::TableUse<'_>],
    line: &mdapi_parse::page::RouteLine,
    diagnostics: &mut Vec<Diagnostic>,
) -> crate::access::Permissions {
    let (permissions, unbound) = crate::permissions::for_route(tables, &line.route.parts);
    if unbound {
        diagnostics.push(
            Diagnostic::new(
                Code::PermissionConditionUnbound,
                &page.path,
                line.span,
                format!(
                    "`{} {}` addresses none of the resources the permissions are given for; every set is kept, with its condition",
                    line.route.method, line.route.path
                ),
            )
            .with_help("name the resource the route addresses in the condition (`For group resource:`), or give the route's permissions without one"),
        );
    }
    permissions
}

/// The page's parameters for one route: a query parameter the route
/// writes with a placeholder (`?startDateTime={start}`) is required, and
/// one the table leaves out is added, as a string.
fn route_parameters(table: &[Parameter], query: Option<&str>) -> Vec<Parameter> {
    let mut parameters = table.to_vec();
    for pair in query.unwrap_or_default().split('&') {
        let Some((name, value)) = pair.split_once('=') else { continue };
        let name = name.trim();
        let placeholder = value.trim().starts_with('{') && value.trim().ends_with('}');
        if name.is_empty() || name.starts_with('$') || !placeholder {
            continue;
        }
        match parameters.iter_mut().find(|p| p.name.eq_ignore_ascii_case(name)) {
            Some(documented) => documented.required = true,
            None => parameters.push(Parameter {
                name: name.to_owned(),
                type_name: Some(TypeName::Primitive(EdmPrimitive::String)),
                location: mdapi_parse::page::ParameterLocation::Query,
                description: String::new(),
                required: true,
            }),
        }
    }
    parameters
}

/// An operation's area, as written: its route's first segment
/// (`/users/{id}/photos` → `users`; `/me/...` is the signed-in user, so
/// `users` too). [`name_areas`] then settles one spelling per area.
fn area_of(parts: &[PathPart]) -> String {
    let first = mdapi_runtime::route::segments(parts).into_iter().next();
    match first.as_ref().map_or("", |segment| segment.lead()) {
        "" => "root".to_owned(),
        "me" => "users".to_owned(),
        other => other.to_owned(),
    }
}

/// The properties a page's request-body table marks required, when the
/// body is one value of a type defined elsewhere (an action's own body type
/// carries them itself) and the table restates that type: every row is a
/// property the type has from another page. A table that also lists other
/// things (the extended-property pages describe the parent's collection
/// and the items' fields in one table) does not say what the body requires.
pub(crate) fn required_properties(page: &Page, body: Option<&TypeRef>, types: &Types<'_>) -> Vec<String> {
    let shared = page.request_body.type_link.is_some() || page.request_body.type_name.is_some();
    let Some(def) = body.filter(|b| shared && !b.collection).and_then(|b| types.get(&b.name)) else {
        return Vec::new();
    };
    let rows = &page.request_body.properties;
    let defined = |name: &str| types.property(def, name).filter(|p| p.source.file != page.path);
    if !rows.iter().all(|row| defined(&row.name).is_some()) {
        return Vec::new();
    }
    let mut names: Vec<String> = rows
        .iter()
        .filter(|row| says_required(&row.description))
        .filter(|row| defined(&row.name).is_some_and(|p| !p.type_name.is_stream()))
        .map(|row| row.name.clone())
        .collect();
    names.dedup();
    names
}

/// Docs spell one segment several ways (`directoryRoles`, `directoryroles`):
/// areas are grouped case-insensitively and named, in snake_case, after
/// their most common spelling.
pub(crate) fn name_areas(operations: &mut [Operation]) {
    let mut spellings: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for op in operations.iter() {
        *spellings.entry(op.area.to_ascii_lowercase()).or_default().entry(op.area.clone()).or_default() += 1;
    }
    let names: BTreeMap<String, String> = spellings
        .into_iter()
        .map(|(key, counts)| {
            let best = counts.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(s, _)| s.clone());
            let name = best.unwrap_or_default().to_snake_case();
            // Cargo feature names the generated crate has for itself.
            let name = if matches!(name.as_str(), "default" | "client" | "azure" | "mock" | "all_areas" | "") {
                format!("{name}_area")
            } else {
                name
            };
            (key, name)
        })
        .collect();
    for op in operations.iter_mut() {
        if let Some(name) = names.get(&op.area.to_ascii_lowercase()) {
            op.area = name.clone();
        }
    }
}

/// OData's conventions name the bodies a page leaves unnamed: a PATCH or
/// PUT of an entity sends (and, with 200, returns) the type a GET of the
/// same path returns; a POST to a collection creates one of its items and
/// returns it.
pub(crate) fn infer_bodies(operations: &mut [Operation]) {
    // The same path as `merge` compares routes: without case or quotes.
    let shape = |op: &Operation| mdapi_runtime::route::shape(&op.path_parts);
    let gets: BTreeMap<String, TypeRef> = operations
        .iter()
        .filter(|op| op.method.eq_ignore_ascii_case("GET"))
        .filter_map(|op| Some((shape(op), op.response.body.clone()?)))
        .collect();
    for op in operations.iter_mut() {
        let Some(got) = gets.get(&shape(op)) else { continue };
        let method = op.method.to_ascii_uppercase();
        let item = TypeRef { name: got.name.clone(), collection: false };
        match (method.as_str(), got.collection) {
            ("PATCH" | "PUT", false) => {
                op.request_body.get_or_insert_with(|| item.clone());
                if op.response.status == Some(200) {
                    op.response.body.get_or_insert(item);
                }
            }
            ("POST", true) => {
                op.request_body.get_or_insert_with(|| item.clone());
                if matches!(op.response.status, Some(200 | 201)) {
                    op.response.body.get_or_insert(item);
                }
            }
            _ => {}
        }
    }
}

/// The operations each page's routes belong to (a merged operation is on
/// every page that documents one of its routes).
pub(crate) fn operations_by_page(operations: &[Operation]) -> BTreeMap<&str, Vec<&Operation>> {
    let mut by_page: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for op in operations {
        for file in std::iter::once(&op.source).chain(&op.also_documented).map(|s| s.file.as_str()) {
            let ops = by_page.entry(file).or_default();
            if !ops.iter().any(|o| o.id == op.id) {
                ops.push(op);
            }
        }
    }
    by_page
}

/// Each operation's response (and a request body the pages leave
/// unnamed), from what every example that calls it shows
/// (`responses.rs`); examples are read on all cores.
pub(crate) fn settle_from_examples(
    pages: &[&Page],
    operations: &mut [Operation],
    types: &Types<'_>,
    canon: &(dyn Fn(TypeRef) -> TypeRef + Sync),
) {
    let found: Vec<crate::responses::PageEvidence> = {
        let by_page = operations_by_page(operations);
        pages
            .par_iter()
            .map(|page| {
                let ops = by_page.get(page.path.as_str()).map_or(&[][..], Vec::as_slice);
                crate::responses::evidence(page, ops, types, canon)
            })
            .collect()
    };
    // Only the examples of the page whose subject the operation is speak
    // for it: an Intune page restating `PATCH /users/{id}` shows a `200 OK`
    // the service never sends, and a page added elsewhere must not retype
    // a call (`cargo xtask names-stability`).
    let own: BTreeMap<&str, &str> = operations.iter().map(|op| (op.id.as_str(), op.source.file.as_str())).collect();
    let speaks = |page: &Page, id: &str| own.get(id) == Some(&page.path.as_str());
    let mut plain: BTreeMap<&str, Vec<&crate::responses::Evidence>> = BTreeMap::new();
    let mut formats: BTreeMap<&str, BTreeMap<&str, Vec<&crate::responses::Evidence>>> = BTreeMap::new();
    let found_by_page = pages.iter().zip(&found).flat_map(|(page, found)| found.iter().map(move |f| (*page, f)));
    for (id, format, evidence) in found_by_page.filter(|(page, (id, ..))| speaks(page, id)).map(|(_, f)| f) {
        match format {
            Some(format) => formats.entry(id).or_default().entry(format).or_default().push(evidence),
            None => plain.entry(id).or_default().push(evidence),
        }
    }
    // A route no example calls borrows the evidence of its page's routes
    // that are the same call on another parent (a page documents
    // `/users/{id}/parts` with an example and `/me/parts` without one).
    let mut siblings: BTreeMap<(&str, crate::responses::SiblingKey), Vec<&crate::responses::Evidence>> =
        BTreeMap::new();
    for op in operations.iter() {
        if let Some(found) = plain.get(op.id.as_str()) {
            let key = (op.source.file.as_str(), crate::responses::sibling_key(op));
            siblings.entry(key).or_default().extend(found.iter().copied());
        }
    }
    let borrowed: BTreeMap<String, Vec<&crate::responses::Evidence>> = operations
        .iter()
        .filter(|op| !plain.contains_key(op.id.as_str()))
        .filter_map(|op| {
            let found = siblings.get(&(op.source.file.as_str(), crate::responses::sibling_key(op)))?;
            Some((op.id.clone(), found.clone()))
        })
        .collect();
    for op in operations.iter_mut() {
        let evidence = plain.get(op.id.as_str()).or_else(|| borrowed.get(&op.id)).map_or(&[][..], Vec::as_slice);
        let formats: Vec<(String, Vec<&crate::responses::Evidence>)> = formats
            .get(op.id.as_str())
            .into_iter()
            .flatten()
            .map(|(format, found)| ((*format).to_owned(), found.clone()))
            .collect();
        crate::responses::settle(op, evidence, &formats, types);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(route: &str, answers: Option<TypeRef>) -> Operation {
        let op = crate::test_support::operation(route);
        Operation {
            response: crate::model::Response { status: Some(200), body: answers, formats: Vec::new() },
            area: "reports".to_owned(),
            ..op
        }
    }

    /// Kind: `infer_bodies` compared paths with their quotes while `merge`
    /// compared them without, so a PATCH written `(key={k})` took no body
    /// from the GET written `(key='{k}')`, though both are one call.
    #[test]
    fn a_body_is_inferred_across_quoting_and_case_as_routes_are_merged() {
        let setting = TypeRef { name: crate::model::TypeName::from_ir("microsoft.graph.setting"), collection: false };
        let mut operations = vec![
            op("GET /admin/settings(key='{k}')", Some(setting.clone())),
            op("PATCH /Admin/settings(key={k})", None),
        ];
        infer_bodies(&mut operations);
        assert_eq!(operations[1].request_body.as_ref(), Some(&setting));
        assert_eq!(operations[1].response.body.as_ref(), Some(&setting));
    }
}
