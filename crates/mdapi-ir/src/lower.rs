//! Pages to API model: types first (merged across pages), then operations,
//! then examples checked against both.

use std::collections::{BTreeMap, BTreeSet};

use mdapi_parse::page::Page;
use mdapi_parse::{Code, Diagnostic, PageKind};

use crate::declarations::{collect_types, inherit_openness, link_derived_types, primitive_named_types};
use crate::links;
use crate::model::{Api, Example, Operation, Representation, TypeRef};
use crate::names;
use crate::operations::{
    infer_bodies, name_areas, operations_by_page, page_operations, required_properties, settle_from_examples,
};
use crate::page_facts::{page_request_type, page_response_type, resource_type_name, PageTypes};
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
