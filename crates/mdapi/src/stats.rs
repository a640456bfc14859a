//! Coverage figures over a doc set: how much of it mdapi understood.

use std::collections::BTreeMap;

use mdapi_ir::{Access, BodyCheck, ExampleClass, TypeKind};
use mdapi_parse::page::Page;
use mdapi_parse::permissions::is_scope_name;
use mdapi_parse::{PageKind, Severity};
use serde::Serialize;

use crate::pipeline::Analysis;

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub pages: usize,
    pub api_pages: usize,
    pub resource_pages: usize,
    pub enum_pages: usize,
    pub conceptual_pages: usize,
    /// Pages with no or an unknown `doc_type` (include files among them).
    pub other_pages: usize,
    pub api_pages_with_http_block: usize,
    pub api_pages_with_routes: usize,
    pub routes: usize,
    pub operations: usize,
    pub types: usize,
    pub enums: usize,
    /// Request examples.
    pub examples: usize,
    /// Request examples with a response.
    pub examples_paired: usize,
    /// Requests the pages keep out of checking (an `ignored` annotation,
    /// `"opaqueUrl": true`): read, not examples.
    pub examples_unchecked: usize,
    /// Examples whose URL matches one of the page's routes.
    pub examples_matched: usize,
    /// Examples whose generated test expects everything to decode and match.
    pub examples_verified: usize,
    /// Examples whose page contradicts itself (the test asserts the failure).
    pub examples_doc_defect: usize,
    /// Examples with a part mdapi cannot check yet.
    pub examples_unsupported: usize,
    /// Example bodies with a documented type.
    pub example_bodies_typed: usize,
    /// Typed bodies that decode into their type and re-encode equal.
    pub example_bodies_decoded: usize,
    /// Decoded bodies with no property left over in `additional_properties`.
    pub example_bodies_clean: usize,
    /// JSON example bodies the page names no type for (checked as untyped JSON).
    pub example_bodies_untyped: usize,
    /// Example bodies that claim to be JSON (a JSON content type, or none and a `{`/`[` start).
    pub example_bodies: usize,
    pub example_bodies_parsed: usize,
    /// Successful example responses with a body, of examples matched to an
    /// operation: what the agreement figure is out of.
    pub example_responses_for_operations: usize,
    /// Of those, the ones showing what their operation answers (the same
    /// type or one derived from it, the same collection shape).
    pub example_responses_agreeing: usize,
    /// Resource pages' JSON representations checked against their type.
    pub representations: usize,
    /// Representations that decode into their type and re-encode equal.
    pub representations_decoded: usize,
    /// Decoded representations with nothing left in `additional_properties`.
    pub representations_clean: usize,
    pub permission_tables: usize,
    pub permission_tables_parsed: usize,
    /// Parts of permission cells that are not scope names (prose, typos),
    /// each reported and none kept as a scope.
    pub permission_parts_unread: usize,
    /// Distinct scope names the operations' permissions hold.
    pub permission_scope_names: usize,
    /// Scope strings in the operations' permissions that are not scope
    /// names (`Word(.Word)+`): 0 unless mdapi keeps prose as a scope.
    pub permission_non_scopes: usize,
    /// Operations with a set that depends on a condition the route does not
    /// decide (the resource is named in the body).
    pub operations_with_conditional_permissions: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Files with at least one diagnostic.
    pub pages_with_findings: usize,
    pub diagnostics_by_code: BTreeMap<String, usize>,
}

fn extra_bodies(page: &Page) -> impl Iterator<Item = (&Vec<(String, String)>, &mdapi_parse::http::Body)> {
    page.extra_responses.iter().filter_map(|r| Some((&r.http.headers, r.http.body.as_ref()?)))
}

fn page_stats(page: &Page, stats: &mut Stats) {
    stats.pages += 1;
    match page.kind {
        PageKind::Api => stats.api_pages += 1,
        PageKind::Resource => stats.resource_pages += 1,
        PageKind::Enum => stats.enum_pages += 1,
        PageKind::Conceptual => stats.conceptual_pages += 1,
        PageKind::Unknown => stats.other_pages += 1,
    }
    if page.kind == PageKind::Api {
        stats.api_pages_with_http_block += usize::from(!page.http_blocks.is_empty());
        stats.api_pages_with_routes += usize::from(!page.routes.is_empty());
    }
    stats.routes += page.routes.len();
    for table in &page.permissions {
        stats.permission_tables += 1;
        stats.permission_tables_parsed += usize::from(table.parsed());
        stats.permission_parts_unread += table.rows.iter().map(|r| r.unread.len()).sum::<usize>();
    }
    let bodies = page.examples.iter().flat_map(|example| {
        let request = example.request.as_ref().and_then(|r| Some((&r.http.headers, r.http.body.as_ref()?)));
        let response = example.response.as_ref().and_then(|r| Some((&r.http.headers, r.http.body.as_ref()?)));
        request.into_iter().chain(response)
    });
    for (headers, body) in bodies.chain(extra_bodies(page)) {
        if body.non_json_type(headers).is_none() {
            stats.example_bodies += 1;
            stats.example_bodies_parsed += usize::from(body.json.is_some());
        }
    }
    for example in page.examples.iter().filter(|e| e.request.is_some()) {
        stats.examples += 1;
        stats.examples_paired += usize::from(example.response.is_some());
    }
    stats.examples_unchecked += page.unchecked_examples.iter().filter(|e| e.request.is_some()).count();
}

/// `part / whole (p%)`, one decimal; `0 / 0` when there is nothing to count.
pub fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0 / 0".to_owned();
    }
    #[allow(clippy::cast_precision_loss)] // counts of examples, far below 2^52
    let percent = part as f64 * 100.0 / whole as f64;
    format!("{part} / {whole} ({percent:.1}%)")
}

/// Computes the figures for an analysis.
pub fn compute(analysis: &Analysis) -> Stats {
    let mut stats = Stats::default();
    for page in &analysis.pages {
        page_stats(page, &mut stats);
    }
    stats.operations = analysis.api.operations.len();
    let mut names = std::collections::BTreeSet::new();
    for op in &analysis.api.operations {
        let mut conditional = false;
        for (_, access) in op.permissions.by_account() {
            if let Access::AnyOf { sets } = access {
                conditional |= sets.iter().any(|s| s.condition.as_ref().is_some_and(|c| !c.bound));
                for scope in sets.iter().flat_map(|s| s.all_of.iter()) {
                    stats.permission_non_scopes += usize::from(!is_scope_name(&scope.name));
                    names.insert(scope.name.as_str());
                }
            }
        }
        stats.operations_with_conditional_permissions += usize::from(conditional);
    }
    stats.permission_scope_names = names.len();
    stats.types = analysis.api.types.len();
    stats.enums = analysis.api.types.iter().filter(|t| t.kind == TypeKind::Enum).count();
    stats.examples_matched = analysis.api.examples.iter().filter(|e| e.operation.is_some()).count();
    for example in &analysis.api.examples {
        let response = example.response.as_ref().and_then(|r| r.body_check.as_ref());
        for check in [example.request.body_check.as_ref(), response].into_iter().flatten() {
            match check {
                BodyCheck::RoundTrip { unlisted, .. } => {
                    stats.example_bodies_typed += 1;
                    stats.example_bodies_decoded += 1;
                    stats.example_bodies_clean += usize::from(unlisted.is_empty());
                }
                BodyCheck::DecodeFails { .. } => stats.example_bodies_typed += 1,
                BodyCheck::Untyped => stats.example_bodies_untyped += 1,
                BodyCheck::Bytes { .. } | BodyCheck::NotJson { .. } | BodyCheck::Unchecked { .. } => {}
            }
        }
        if let Some(agrees) = example.response.as_ref().and_then(|r| r.agrees_with_operation) {
            stats.example_responses_for_operations += 1;
            stats.example_responses_agreeing += usize::from(agrees);
        }
        match example.class() {
            ExampleClass::Verified => stats.examples_verified += 1,
            ExampleClass::DocDefect => stats.examples_doc_defect += 1,
            ExampleClass::Unsupported => stats.examples_unsupported += 1,
        }
    }
    for representation in &analysis.api.representations {
        stats.representations += 1;
        if let BodyCheck::RoundTrip { unlisted, .. } = &representation.body_check {
            stats.representations_decoded += 1;
            stats.representations_clean += usize::from(unlisted.is_empty());
        }
    }
    stats.pages_with_findings =
        analysis.diagnostics.iter().map(|d| d.file.as_str()).collect::<std::collections::HashSet<_>>().len();
    for diagnostic in &analysis.diagnostics {
        *stats.diagnostics_by_code.entry(diagnostic.code.as_str().to_owned()).or_default() += 1;
        match diagnostic.severity {
            Severity::Error => stats.errors += 1,
            Severity::Warning => stats.warnings += 1,
            Severity::Note => stats.notes += 1,
        }
    }
    stats
}
