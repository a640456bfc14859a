//! Pages to API model: types first (merged across pages), then operations,
//! then examples checked against both.
//!
//! Only the order of work is here; each step lives in the module named for
//! what it holds (`declarations`, `operations`, `examples`, ...), and none
//! of them imports this one.

use std::collections::BTreeMap;

use mdapi_parse::page::Page;
use mdapi_parse::{Diagnostic, PageKind};

use crate::declarations::{collect_types, inherit_openness, link_derived_types, primitive_named_types};
use crate::links::check_links;
use crate::model::{Api, Example, Operation, Representation, TypeName, TypeRef};
use crate::names;
use crate::operations::{
    infer_bodies, name_areas, operations_by_page, page_operations, required_properties, settle_from_examples,
};
use crate::page_facts::{page_request_type, page_response_type, resource_type_name, PageTypes};
use crate::representations::check_resource_json;
use crate::type_index::{TypeIndex, Types};
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
    // Built once: the passes below change types in place, never which
    // types there are or their bases.
    let type_index = TypeIndex::new(&types);
    let canonical: Vec<TypeName> = types.iter().map(|t| TypeName::from_ir_owned(t.qualified_name())).collect();
    let primitives: BTreeMap<String, TypeName> =
        primitives.into_iter().map(|(lower, primitive)| (lower, TypeName::from_ir_owned(primitive))).collect();
    // A type's name as the type table spells it; a primitive's name written
    // as a type's, the primitive.
    let canon_name = |name: TypeName| match name {
        TypeName::Named(qualified) => match type_index.id(&qualified) {
            Some(id) => canonical.get(id.index()).cloned().unwrap_or(TypeName::Named(qualified)),
            None => primitives.get(&qualified.to_ascii_lowercase()).cloned().unwrap_or(TypeName::Named(qualified)),
        },
        builtin => builtin,
    };
    let canon = |r: TypeRef| TypeRef { name: canon_name(r.name), collection: r.collection };
    let canon_text = |name: String| canon_name(TypeName::from_ir_owned(name)).to_string();
    let mut api = Api { types, ..Api::default() };
    for ty in &mut api.types {
        for property in &mut ty.properties {
            property.type_name = canon_name(property.type_name.clone());
            property.inherited_from = property.inherited_from.take().map(canon_text);
        }
        ty.base = ty.base.take().map(canon_text);
    }
    link_derived_types(&mut api.types, &type_index);
    inherit_openness(&mut api.types, &type_index);
    crate::alternatives::settle(&mut api.types, &alternatives, &canon, &type_index, &mut diagnostics);
    crate::limits::cap_wide_types(&mut api.types, &type_index, &mut diagnostics);

    let by_path: BTreeMap<&str, &Page> = pages.iter().map(|p| (p.path.as_str(), *p)).collect();
    // Pages are independent from here on: each is lowered on any core and
    // the results are joined in page order, so output never depends on
    // scheduling.
    let types = Types::new(&api.types, &type_index);
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
                    op.required_properties = required_properties(page, op.request_body.as_ref(), &types);
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
    let mut operations = crate::merge::one_per_shape(operations, &types);
    // Ids still alike in every word and mark are numbered; none are in the
    // Graph v1.0 docs, so they are not reported yet.
    let _numbered = names::dedupe_operation_ids(&mut operations);
    crate::literals::quote_string_arguments(&mut operations, &types);
    name_areas(&mut operations);
    infer_bodies(&mut operations);
    settle_from_examples(&pages, &mut operations, &types, &canon);
    api.operations = operations;

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
            let examples = crate::examples::lower(page, page_ops, &page_types, &types, &canon, &mut found);
            let defined = resource_type_name(page).map(canon_text);
            let representation = defined
                .filter(|_| page.kind == PageKind::Resource)
                .and_then(|defined| crate::representations::lower(page, &defined, &types, &mut found));
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
