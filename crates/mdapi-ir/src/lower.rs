//! Pages to API model: types first (merged across pages), then operations,
//! then examples checked against both.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;
use mdapi_parse::page::Page;
use mdapi_parse::{Code, Diagnostic, PageKind};
use mdapi_runtime::PathPart;

use crate::declarations::{collect_types, inherit_openness, link_derived_types, primitive_named_types};
use crate::edm;
use crate::links;
use crate::model::{Api, Example, Header, Operation, Parameter, Representation, Response, TypeRef};
use crate::names;
use crate::page_facts::{
    count_response, namespace_of, page_request_type, page_response_type, resource_type_name, says_required, source,
    PageTypes,
};
use crate::types::TypeTable;
use rayon::prelude::*;

/// Lowers parsed pages (in any order) into one API.
pub fn lower(pages: &[Page]) -> (Api, Vec<Diagnostic>) {
    let mut pages: Vec<&Page> = pages.iter().collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let mut diagnostics = Vec::new();
    check_links(&pages, &mut diagnostics);
    crate::versions::check_mixed(&pages, &mut diagnostics);
    crate::permissions::rare_scopes(&pages, &mut diagnostics);
    let versions = crate::versions::of_pages(&pages);

    let mut table = TypeTable::default();
    let mut alternatives = Vec::new();
    for page in &pages {
        collect_types(page, &mut table, &mut alternatives, &mut diagnostics);
        check_resource_json(page, &mut diagnostics);
    }
    let (types, primitives) = primitive_named_types(table.finish(&mut diagnostics), &mut diagnostics);
    let canonical: BTreeMap<String, String> =
        types.iter().map(|t| (t.qualified_name().to_ascii_lowercase(), t.qualified_name())).chain(primitives).collect();
    let canon = |r: TypeRef| TypeRef {
        name: canonical.get(&r.name.to_ascii_lowercase()).cloned().unwrap_or(r.name),
        collection: r.collection,
    };
    let mut api = Api { types, ..Api::default() };
    for ty in &mut api.types {
        for property in &mut ty.properties {
            property.type_name = canon(property.type_ref()).name;
            property.inherited_from =
                property.inherited_from.take().map(|b| canon(TypeRef { name: b, collection: false }).name);
        }
        ty.base = ty.base.take().map(|b| canon(TypeRef { name: b, collection: false }).name);
    }
    link_derived_types(&mut api.types);
    inherit_openness(&mut api.types);
    crate::alternatives::settle(&mut api.types, &alternatives, &canon, &mut diagnostics);
    crate::limits::cap_wide_types(&mut api.types, &mut diagnostics);

    let by_path: BTreeMap<&str, &Page> = pages.iter().map(|p| (p.path.as_str(), *p)).collect();
    // Pages are independent from here on: each is lowered on any core and
    // the results are joined in page order, so output never depends on
    // scheduling.
    let type_index = crate::type_lookup::TypeIndex::new(&api);
    let roots = crate::example_routes::roots(&pages);
    let per_page: Vec<(Vec<Operation>, Vec<Diagnostic>)> = pages
        .par_iter()
        .map(|page| {
            let mut found = Vec::new();
            let tables = crate::permissions::tables(page, &by_path, &mut found);
            let ops: Vec<Operation> = page_operations(page, &tables, &roots, &mut found)
                .into_iter()
                .map(|mut op| {
                    op.request_body = op.request_body.map(&canon);
                    op.response.body = op.response.body.map(&canon);
                    op.required_properties = required_properties(page, op.request_body.as_ref(), &type_index);
                    op
                })
                .collect();
            (ops, found)
        })
        .collect();
    let mut operations = Vec::new();
    for (ops, found) in per_page {
        operations.extend(ops);
        diagnostics.extend(found);
    }
    let mut operations = crate::merge::one_per_shape(operations, &type_index);
    // Ids still alike in every word and mark are numbered; none are in the
    // Graph v1.0 docs, so they are not reported yet.
    let _numbered = names::dedupe_operation_ids(&mut operations);
    crate::literals::quote_string_arguments(&mut operations, &type_index);
    name_areas(&mut operations);
    infer_bodies(&mut operations);
    settle_from_examples(&pages, &mut operations, &type_index, &canon);
    api.operations = operations;

    let index = crate::type_lookup::TypeIndex::new(&api);
    let ops_by_page = operations_by_page(&api.operations);
    let all_ops: Vec<&Operation> = api.operations.iter().collect();
    let per_page: Vec<(Vec<Example>, Option<Representation>, Vec<Diagnostic>)> = pages
        .par_iter()
        .zip(versions.par_iter())
        .map(|(page, version)| {
            let mut found = Vec::new();
            // A page with no routes of its own (a concept or resource page
            // showing a call) documents calls of other pages.
            let routes_elsewhere = page.routes.is_empty() && page.kind != PageKind::Api;
            let page_ops = match ops_by_page.get(page.path.as_str()) {
                Some(ops) => ops.as_slice(),
                None if routes_elsewhere => all_ops.as_slice(),
                None => &[],
            };
            let page_types = PageTypes {
                request: page_request_type(page).map(&canon),
                response: page_response_type(page).map(&canon),
                version: version.clone(),
                routes_elsewhere,
            };
            let examples = crate::examples::lower(page, page_ops, &page_types, &index, &canon, &mut found);
            let defined = resource_type_name(page).map(|name| canon(TypeRef { name, collection: false }).name);
            let representation = defined
                .filter(|_| page.kind == PageKind::Resource)
                .and_then(|defined| crate::representations::lower(page, &defined, &index, &mut found));
            (examples, representation, found)
        })
        .collect();
    let mut all_examples = Vec::new();
    let mut representations = Vec::new();
    for (examples, representation, found) in per_page {
        all_examples.extend(examples);
        representations.extend(representation);
        diagnostics.extend(found);
    }
    api.examples = all_examples;
    names::assign_representation_ids(&mut representations);
    api.representations = representations;
    names::assign_example_ids(&mut api.examples, &mut diagnostics);
    api.operations.sort_by(|a, b| a.id.cmp(&b.id));
    (api, diagnostics)
}

/// The operations each page's routes belong to (a merged operation is on
/// every page that documents one of its routes).
fn operations_by_page(operations: &[Operation]) -> BTreeMap<&str, Vec<&Operation>> {
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
fn settle_from_examples(
    pages: &[&Page],
    operations: &mut [Operation],
    types: &crate::type_lookup::TypeIndex<'_>,
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

/// OData's conventions name the bodies a page leaves unnamed: a PATCH or
/// PUT of an entity sends (and, with 200, returns) the type a GET of the
/// same path returns; a POST to a collection creates one of its items and
/// returns it.
fn infer_bodies(operations: &mut [Operation]) {
    let shape = |op: &Operation| -> String {
        op.path_parts
            .iter()
            .map(|part| match part {
                PathPart::Literal(text) => text.to_ascii_lowercase(),
                PathPart::Param(_) => "{}".to_owned(),
            })
            .collect()
    };
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

fn check_links(pages: &[&Page], diagnostics: &mut Vec<Diagnostic>) {
    let known: BTreeSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let folded: BTreeMap<String, &str> = pages.iter().map(|p| (p.path.to_lowercase(), p.path.as_str())).collect();
    let per_page: Vec<Vec<Diagnostic>> =
        pages.par_iter().map(|page| page_missing_links(page, &known, &folded)).collect();
    diagnostics.extend(per_page.into_iter().flatten());
}

/// A diagnostic for each page a page links to that is not in the doc set
/// (once per target). A target that differs from a page only in letter
/// case is that page misspelled: it opens where file names ignore case and
/// breaks where they do not (Linux hosts, git checkouts).
fn page_missing_links(page: &Page, known: &BTreeSet<&str>, folded: &BTreeMap<String, &str>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut reported = BTreeSet::new();
    for link in page.links.iter().filter(|l| links::is_page_link(&l.dest)) {
        let Some(target) = links::resolve(&page.path, &link.dest) else { continue };
        if known.contains(target.as_str()) || !reported.insert(target.clone()) {
            continue;
        }
        let diagnostic = match folded.get(&target.to_lowercase()) {
            Some(existing) => Diagnostic::new(
                Code::LinkCaseMismatch,
                &page.path,
                link.span,
                format!(
                    "link to `{}` points to `{target}`, which differs in case from the page `{existing}`",
                    link.dest
                ),
            )
            .with_help("spell the link's path as the file is named"),
            None => Diagnostic::new(
                Code::LinkMissingPage,
                &page.path,
                link.span,
                format!("link to `{}` points to `{target}`, which is not in the doc set", link.dest),
            )
            .with_help("add the page, or fix the link's path"),
        };
        diagnostics.push(diagnostic);
    }
    diagnostics
}

/// The JSON representation of a resource page is a second listing of its
/// properties; names on one side only are worth a note.
fn check_resource_json(page: &Page, diagnostics: &mut Vec<Diagnostic>) {
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

/// The properties a page's request-body table marks required, when the
/// body is one value of a type defined elsewhere (an action's own body type
/// carries them itself) and the table restates that type: every row is a
/// property the type has from another page. A table that also lists other
/// things (the extended-property pages describe the parent's collection
/// and the items' fields in one table) does not say what the body requires.
fn required_properties(page: &Page, body: Option<&TypeRef>, types: &crate::type_lookup::TypeIndex<'_>) -> Vec<String> {
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
        .filter(|row| defined(&row.name).is_some_and(|p| p.type_name != "Stream"))
        .map(|row| row.name.clone())
        .collect();
    names.dedup();
    names
}

fn page_operations(
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
                type_name: Some("String".to_owned()),
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
    let first = match parts.first() {
        Some(PathPart::Literal(text)) => {
            text.trim_start_matches('/').split(['/', '(', ':', '?']).next().unwrap_or_default()
        }
        _ => "",
    };
    match first {
        "" => "root".to_owned(),
        "me" => "users".to_owned(),
        other => other.to_owned(),
    }
}

/// Docs spell one segment several ways (`directoryRoles`, `directoryroles`):
/// areas are grouped case-insensitively and named, in snake_case, after
/// their most common spelling.
fn name_areas(operations: &mut [Operation]) {
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
            let name = if matches!(name.as_str(), "default" | "client" | "azure" | "all_areas" | "") {
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
