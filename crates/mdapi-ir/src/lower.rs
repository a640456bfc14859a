//! Pages to API model: types first (merged across pages), then operations,
//! then examples checked against both.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToLowerCamelCase, ToSnakeCase};
use mdapi_parse::page::{Page, PropertyRow};
use mdapi_parse::{Code, Diagnostic, PageKind, Span};
use mdapi_runtime::PathPart;

use crate::alternatives::Alternative;
use crate::edm;
use crate::links;
use crate::model::{Api, Example, Header, Operation, Parameter, Property, Representation, Response, Source, TypeRef};
use crate::names;
use crate::types::{Authority, Declared, Spelling, TypeTable};
use rayon::prelude::*;

pub(crate) const DEFAULT_NAMESPACE: &str = "microsoft.graph";

pub(crate) fn namespace_of(page: &Page) -> &str {
    page.namespace.as_ref().map_or(DEFAULT_NAMESPACE, |n| n.text.as_str())
}

fn source(page: &Page, span: Span) -> Source {
    Source { file: page.path.clone(), line: span.line }
}

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
    let type_index = crate::examples::TypeIndex::new(&api);
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

    let index = crate::examples::TypeIndex::new(&api);
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

/// Types the docs name like an Edm primitive (`[String](...)`, a
/// `microsoft.graph.Int32` written where `Edm.Int32` was meant) with no page
/// and no properties of their own are that primitive: a generated
/// `pub type String = serde_json::Value` would shadow Rust's `String` in
/// every `use models::*`. Returns the other types, and the lower-cased
/// qualified names mapped to the primitive.
fn primitive_named_types(
    types: Vec<crate::model::TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<crate::model::TypeDef>, Vec<(String, String)>) {
    let mut kept = Vec::with_capacity(types.len());
    let mut mapped = Vec::new();
    for ty in types {
        let primitive = edm::PRIMITIVES.iter().find(|p| p.eq_ignore_ascii_case(&ty.name) && **p != "Json");
        match primitive {
            Some(primitive) if !ty.documented && ty.properties.is_empty() => {
                if let Some(first) = ty.sources.first() {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::TypeNamesPrimitive,
                            &first.file,
                            Span { line: first.line, column: 1, ..Span::default() },
                            format!(
                                "`{}` names the Edm primitive `{primitive}`; it is read as that primitive",
                                ty.qualified_name()
                            ),
                        )
                        .with_help(format!(
                            "write `{primitive}` (or `Edm.{primitive}`), without a namespace or a link"
                        )),
                    );
                }
                mapped.push((ty.qualified_name().to_ascii_lowercase(), (*primitive).to_owned()));
            }
            _ => kept.push(ty),
        }
    }
    (kept, mapped)
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
    types: &crate::examples::TypeIndex<'_>,
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

/// Fills each type's `derived` list by walking every type's base chain
/// (cycles in the docs are cut).
fn link_derived_types(types: &mut [crate::model::TypeDef]) {
    let index: BTreeMap<String, usize> =
        types.iter().enumerate().map(|(i, t)| (t.qualified_name().to_ascii_lowercase(), i)).collect();
    let mut derived: Vec<BTreeSet<String>> = vec![BTreeSet::new(); types.len()];
    for ty in types.iter() {
        let mut base = ty.base.clone();
        let mut seen = BTreeSet::new();
        while let Some(name) = base {
            let Some(&at) = index.get(&name.to_ascii_lowercase()) else { break };
            if !seen.insert(at) {
                break;
            }
            derived[at].insert(ty.qualified_name());
            base = types[at].base.clone();
        }
    }
    for (ty, derived) in types.iter_mut().zip(derived) {
        ty.derived = derived.into_iter().collect();
    }
}

/// A type derived from a declared open type is open too (OData CSDL:
/// "a derived type of an open type is also open"). `identitySet` is open,
/// so `chatMessageFromIdentitySet` takes dynamic properties like it.
/// Only documented bases count: an undocumented one is open by default,
/// which says nothing about its derived types.
fn inherit_openness(types: &mut [crate::model::TypeDef]) {
    let opened: BTreeSet<String> = types
        .iter()
        .filter(|t| t.documented && t.open)
        .flat_map(|t| t.derived.iter().map(|d| d.to_ascii_lowercase()))
        .collect();
    for ty in types.iter_mut() {
        ty.open |= opened.contains(&ty.qualified_name().to_ascii_lowercase());
    }
}

/// What a page documents for its examples: the request and response body
/// types, the API version, and whether the calls it shows are documented
/// on other pages (it has no routes of its own).
pub(crate) struct PageTypes {
    pub request: Option<TypeRef>,
    pub response: Option<TypeRef>,
    pub version: Option<String>,
    pub routes_elsewhere: bool,
}

fn page_request_type(page: &Page) -> Option<TypeRef> {
    if page.request_body.none {
        return None;
    }
    let name = match (&page.request_body.type_link, &page.request_body.type_name) {
        (Some(link), _) => {
            Some(links::type_name_of_link(link, namespace_of(page))).filter(|n| crate::types::is_odata_name(n))?
        }
        (None, Some(name)) => edm::qualify(&name.text, namespace_of(page)),
        (None, None) => parameter_body_name(page)?,
    };
    Some(TypeRef { name, collection: false })
}

/// A request body the page gives only as a table of parameters (an action's
/// body) gets a type of its own, named after the page:
/// `user-assignlicense.md` → `microsoft.graph.userAssignlicenseRequestBody`.
fn parameter_body_name(page: &Page) -> Option<String> {
    if page.request_body.none || page.request_body.properties.is_empty() {
        return None;
    }
    let stem = page.path.rsplit('/').next()?.trim_end_matches(".md");
    Some(format!("{}.{}RequestBody", namespace_of(page), stem.to_lower_camel_case()))
}

fn page_response_type(page: &Page) -> Option<TypeRef> {
    if let (None, Some(primitive)) = (&page.response.type_link, &page.response.primitive) {
        return Some(TypeRef { name: primitive.clone(), collection: page.response.collection });
    }
    let link = page.response.type_link.as_ref()?;
    let name = links::type_name_of_link(link, namespace_of(page));
    // A link in the response prose to another API page or to a section
    // (`onenoteoperation-get.md`, `#roles-property-values`) names no type.
    crate::types::is_odata_name(&name).then_some(TypeRef { name, collection: page.response.collection })
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

fn collect_types(
    page: &Page,
    table: &mut TypeTable,
    alternatives: &mut Vec<Alternative>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let namespace = namespace_of(page);
    for def in &page.enums {
        let members = def
            .members
            .iter()
            .map(|m| crate::model::EnumMember { name: m.name.clone(), description: m.description.clone() })
            .collect();
        table.define_enum(&edm::qualify(&def.name, namespace), members, &source(page, def.span));
    }
    // A "resource" page that documents routes is an API page mislabeled
    // (reported by the parser); its title names no type.
    if page.kind == PageKind::Resource && page.routes.is_empty() {
        if let Some(name) = resource_type_name(page) {
            let src = source(page, page.title.as_ref().map_or_else(Span::default, |t| t.span));
            table.define(&name, &page.description, &src);
            // The title spells the name too (`# orgContact resource type`
            // over an annotation's `microsoft.graph.orgcontact`).
            let titled = page.title.as_ref().and_then(|t| t.text.split_whitespace().next());
            if let Some(titled) = titled.map(|t| edm::qualify(t, namespace)).filter(|t| t.eq_ignore_ascii_case(&name)) {
                table.mention(&titled, Spelling::Definition, &src);
            }
            let annotated_base = page.resource.as_ref().is_some_and(|a| a.raw.contains_key("baseType"));
            if let Some(link) = &page.inherits_from {
                let base = links::type_name_of_link(link, namespace);
                table.mention(&base, Spelling::Mention, &src);
                if annotated_base {
                    table.set_prose_base(&name, &base, &source(page, link.span));
                } else {
                    table.set_base(&name, &base);
                }
            }
            if let Some(annotation) = &page.resource {
                if let Some(base) = annotation.raw.get("baseType").and_then(|v| v.as_str()) {
                    table.mention(&edm::qualify(base, namespace), Spelling::Annotation, &src);
                    table.set_base(&name, &edm::qualify(base, namespace));
                }
                let open =
                    annotation.raw.get("openType").and_then(|v| v.as_bool()).or(page.says_open_type.then_some(true));
                let is_abstract = annotation.raw.get("abstract").and_then(|v| v.as_bool()).unwrap_or(false);
                table.set_flags(&name, open, annotation.raw.contains_key("keyProperty"), is_abstract);
            }
            add_rows(&name, &page.properties, Authority::Definition, page, table, alternatives, diagnostics);
        }
    }
    if let Some(body) = page_request_type(page) {
        let span = match (&page.request_body.type_link, &page.request_body.type_name) {
            (Some(link), _) => link.span,
            (None, Some(name)) => name.span,
            (None, None) => Span::default(),
        };
        // A body that names no type is defined here, by this page's table.
        let defined_here = page.request_body.type_link.is_none() && page.request_body.type_name.is_none();
        if defined_here {
            let first = page.request_body.properties.first().map_or_else(Span::default, |p| p.span);
            let title = page.title.as_ref().map_or(page.path.as_str(), |t| t.text.as_str());
            table.define(&body.name, &format!("The request body of {title}."), &source(page, first));
            table.mark_request_body(&body.name);
        } else {
            table.mention(&body.name, Spelling::Mention, &source(page, span));
        }
        let authority = if defined_here { Authority::Definition } else { Authority::Restatement };
        add_rows(&body.name, &page.request_body.properties, authority, page, table, alternatives, diagnostics);
    }
    // A primitive the Response prose names ("and a Boolean in the response
    // body") is the primitive, not a type of the page's namespace.
    if let Some(response) = page_response_type(page).filter(|r| !edm::PRIMITIVES.contains(&r.name.as_str())) {
        let span = page.response.type_link.as_ref().map_or(page.response.span, |l| l.span);
        table.mention(&response.name, Spelling::Mention, &source(page, span));
    }
}

/// The type a resource page defines: the annotation's `@odata.type`, else the
/// title's first word (`profilePhoto resource type`).
fn resource_type_name(page: &Page) -> Option<String> {
    let namespace = namespace_of(page);
    if let Some(odata) = page.resource.as_ref().and_then(|a| a.odata_type.as_deref()) {
        return Some(edm::qualify(odata, namespace));
    }
    let title = page.title.as_ref()?.text.split_whitespace().next()?;
    let is_name = title.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '_');
    is_name.then(|| edm::qualify(title, namespace))
}

/// `authority`: whether `rows` are the owner's own resource page's tables.
fn add_rows(
    owner: &str,
    rows: &[PropertyRow],
    authority: Authority,
    page: &Page,
    table: &mut TypeTable,
    alternatives: &mut Vec<Alternative>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let namespace = namespace_of(page);
    let mut inherited_bases = BTreeSet::new();
    for row in rows {
        // `[A](a.md) or [B](b.md)`: typed once every type is known.
        let offered = edm::alternatives(&row.type_text, &row.type_links, namespace);
        for ty in offered.iter().filter(|t| !edm::PRIMITIVES.contains(&t.name.as_str())) {
            table.mention(&ty.name, Spelling::Mention, &source(page, row.span));
        }
        // A cell of alternatives only (`(Boolean or String) collection`)
        // is typed by them once settled; the first holds its place.
        let first_offered = offered.first().cloned();
        if !offered.is_empty() {
            alternatives.push(Alternative {
                property: row.name.clone(),
                source: source(page, row.span),
                types: offered,
            });
        }
        let Some(type_ref) = edm::parse_type_cell(&row.type_text, &row.type_links, namespace).or(first_offered) else {
            // A line break inside a cell ends the table row there; the rest
            // of the cell is read as a row of its own, of one cell.
            let is_name = row.name.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '@'));
            if row.type_text.trim().is_empty() && !is_name {
                let text: String = row.name.chars().take(40).collect();
                diagnostics.push(
                    Diagnostic::new(
                        Code::TypeUnresolved,
                        &page.path,
                        row.span,
                        format!("row `{text}…` has a single cell: the cell above goes on after a line break, which ends a table row"),
                    )
                    .with_help("keep each table row on one line; write `<br>` for a line break inside a cell"),
                );
                continue;
            }
            let message = if row.type_text.trim().is_empty() {
                format!("property `{}` has no type; it is not generated", row.name)
            } else {
                format!(
                    "type `{}` of property `{}` is not a type; the property is not generated",
                    row.type_text, row.name
                )
            };
            diagnostics.push(
                Diagnostic::new(Code::TypeUnresolved, &page.path, row.span, message)
                    .with_help("write an Edm type (`String`, `Int32`, ...) or link the type's page"),
            );
            continue;
        };
        if !edm::PRIMITIVES.contains(&type_ref.name.as_str()) {
            table.mention(&type_ref.name, Spelling::Mention, &source(page, row.span));
            let members = prose_members(&row.description);
            if !members.is_empty() {
                table.suggest_members(&type_ref.name, members);
            }
        }
        let inherited_from = inherited_from(row, namespace);
        if let Some(base) = &inherited_from {
            table.mention(base, Spelling::Mention, &source(page, row.span));
            inherited_bases.insert(base.clone());
        }
        let description = row.description.trim();
        let lower = description.to_ascii_lowercase();
        let property = Property {
            name: row.name.clone(),
            type_name: type_ref.name,
            collection: type_ref.collection,
            nullable: !lower.contains("not nullable"),
            required: says_required(description),
            inherited_from,
            description: description.to_owned(),
            source: source(page, row.span),
        };
        let declared = Declared { span: row.span, authority };
        table.add_property(owner, property.clone(), declared, diagnostics);
        if let Some(base) = &property.inherited_from {
            let restated = Declared { authority: Authority::Restatement, ..declared };
            table.add_property(base, Property { inherited_from: None, ..property }, restated, diagnostics);
        }
    }
    // "Inherited from [x]" on every inherited row names the base type.
    if inherited_bases.len() == 1 {
        if let Some(base) = inherited_bases.first() {
            table.set_base(owner, base);
        }
    }
}

/// "Possible values are: `a`, `b` and `c`." → members `a`, `b`, `c`
/// (`null` is not a member).
fn prose_members(description: &str) -> Vec<crate::model::EnumMember> {
    let lower = description.to_ascii_lowercase();
    let Some(at) = lower.find("possible values") else { return Vec::new() };
    let rest = &description[at..];
    let rest = rest.split_once(':').map_or(rest, |(_, after)| after);
    let end = rest.find(". ").or_else(|| rest.rfind('.')).unwrap_or(rest.len());
    rest[..end]
        .replace(" and ", ",")
        .replace(" or ", ",")
        .split(',')
        .map(|word| word.trim().trim_matches(|c: char| c == '`' || c == '"' || c == '\'' || c == '.'))
        .filter(|word| {
            !word.is_empty()
                && !word.eq_ignore_ascii_case("null")
                && word.chars().all(|c| c.is_alphanumeric() || c == '_')
        })
        .map(|name| crate::model::EnumMember { name: name.to_owned(), description: String::new() })
        .collect()
}

/// A `/$count` path answers with a bare number, whatever the page's type.
pub(crate) fn count_response(path: &str) -> Option<TypeRef> {
    let tail = path.len().checked_sub("/$count".len()).and_then(|at| path.get(at..));
    let counts = tail.is_some_and(|tail| tail.eq_ignore_ascii_case("/$count"));
    counts.then(|| TypeRef { name: "Int64".to_owned(), collection: false })
}

/// A property description that says "Required." as a sentence of its own,
/// first or last: "Required. The name." or "The name. Required." Not "a
/// password is required." (a property's meaning), nor "Required if ..." (a
/// condition the type cannot express).
fn says_required(description: &str) -> bool {
    let lower = description.trim().trim_matches('*').to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("required") {
        return rest.is_empty() || rest.starts_with(['.', ',', ':', ';', ')']) || rest.starts_with(" -");
    }
    // "Required." as a sentence of its own anywhere: `respond-async.
    // Required. This action only runs asynchronously.`
    if lower.replace('*', "").split(". ").any(|sentence| sentence.trim().trim_matches(['.', ' ']) == "required") {
        return true;
    }
    let Some(before) = lower.trim_end_matches(['.', '*']).trim_end().strip_suffix("required") else { return false };
    let before = before.trim_end().trim_end_matches('*');
    before.is_empty() || before.ends_with(['.', ';', ')', ':'])
}

/// The properties a page's request-body table marks required, when the
/// body is one value of a type defined elsewhere (an action's own body type
/// carries them itself) and the table restates that type: every row is a
/// property the type has from another page. A table that also lists other
/// things (the extended-property pages describe the parent's collection
/// and the items' fields in one table) does not say what the body requires.
fn required_properties(page: &Page, body: Option<&TypeRef>, types: &crate::examples::TypeIndex<'_>) -> Vec<String> {
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

fn inherited_from(row: &PropertyRow, namespace: &str) -> Option<String> {
    let lower = row.description.to_ascii_lowercase();
    let at = lower.find("inherited from")?;
    let link = row.description_links.iter().find(|l| row.description.find(&l.text).is_some_and(|p| p >= at))?;
    Some(links::type_name_of_link(link, namespace))
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
    let first = mdapi_runtime::route::segments(parts).into_iter().next();
    match first.as_ref().map_or("", |segment| segment.lead()) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn op(route: &str, answers: Option<TypeRef>) -> Operation {
        let parsed = mdapi_parse::route::parse(route).expect("a route");
        Operation {
            id: String::new(),
            method: parsed.method,
            path: parsed.path,
            path_parts: parsed.parts,
            query: None,
            title: String::new(),
            description: String::new(),
            request_body: None,
            required_properties: Vec::new(),
            response: crate::model::Response { status: Some(200), body: answers, formats: Vec::new() },
            permissions: crate::model::Permissions::default(),
            request_headers: Vec::new(),
            parameters: Vec::new(),
            area: "reports".to_owned(),
            also_documented: Vec::new(),
            route_from_example: false,
            source: crate::model::Source { file: "api/x.md".to_owned(), line: 1 },
        }
    }

    /// Kind: `infer_bodies` compared paths with their quotes while `merge`
    /// compared them without, so a PATCH written `(key={k})` took no body
    /// from the GET written `(key='{k}')`, though both are one call.
    #[test]
    fn a_body_is_inferred_across_quoting_and_case_as_routes_are_merged() {
        let setting = TypeRef { name: "microsoft.graph.setting".to_owned(), collection: false };
        let mut operations = vec![
            op("GET /admin/settings(key='{k}')", Some(setting.clone())),
            op("PATCH /Admin/settings(key={k})", None),
        ];
        infer_bodies(&mut operations);
        assert_eq!(operations[1].request_body.as_ref(), Some(&setting));
        assert_eq!(operations[1].response.body.as_ref(), Some(&setting));
    }

    #[test]
    fn count_paths_answer_a_number() {
        assert!(count_response("/users/$count").is_some());
        assert!(count_response("/users/$COUNT").is_some());
        assert!(count_response("/users").is_none());
        assert!(count_response("/é/éé").is_none(), "no panic inside a multibyte character");
    }

    #[test]
    fn required_is_a_sentence_of_its_own() {
        for yes in [
            "Required. The name.",
            "The name. Required.",
            "Required",
            "**Required.** Name",
            "Values: `a`, `b`. Required.",
            "respond-async. Required. This action only runs asynchronously.",
            "The tag. **Required.** Sent as is.",
        ] {
            assert!(says_required(yes), "{yes}");
        }
        for no in [
            "Minutes of inactivity before a password is required.",
            "Required if the group is mail-enabled.",
            "Optional. Not required",
            "Whether a PIN is required",
            "",
        ] {
            assert!(!says_required(no), "{no}");
        }
    }

    #[test]
    fn prose_lists_enum_members() {
        let names = |text: &str| prose_members(text).into_iter().map(|m| m.name).collect::<Vec<_>>();
        assert_eq!(
            names("Alert severity. Possible values are: unknown, low, high. Required."),
            ["unknown", "low", "high"]
        );
        assert_eq!(
            names("Possible values are: null (default value), NotDisabled, and Disabled"),
            ["NotDisabled", "Disabled"]
        );
        assert!(names("The name.").is_empty());
    }
}
