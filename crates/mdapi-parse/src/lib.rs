//! Parses Graph-style API reference markdown into a [`Page`]: front matter,
//! title, namespace, permissions, routes, request body, response, examples,
//! property tables and links, each with its source [`Span`].
//!
//! No I/O: callers pass the page text and its path; diagnostics are returned
//! as values. Two layers: [`markdown`] folds pulldown-cmark events into
//! blocks; [`page`] reads a Graph page out of those blocks.
#![forbid(unsafe_code)]

pub mod annotation;
pub mod diag;
pub mod front_matter;
pub mod http;
pub mod lenient;
pub mod lines;
pub mod markdown;
pub mod page;
pub mod permissions;
pub mod route;
pub mod type_spelling;
pub mod version;

pub use diag::{Code, Diagnostic, Severity, Span};
pub use front_matter::PageKind;
pub use page::Page;

/// Parses one page. `path` is relative to its docs folder, `/`-separated.
pub fn parse_page(path: &str, text: &str) -> (Page, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Tabs in a table's delimiter row keep it from being a table; one space
    // per tab keeps every offset, line and column where it was.
    let untabbed;
    let text = if text.contains('\t') {
        untabbed = text.replace('\t', " ");
        untabbed.as_str()
    } else {
        text
    };
    let aligned = markdown::align_delimiter_rows(text);
    let text = aligned.as_deref().unwrap_or(text);
    let mut diagnostics = Vec::new();
    let mut page = page::read(path, markdown::blocks(text), &mut diagnostics);
    infer_kind(&mut page, &mut diagnostics);
    api_kind_on_a_type_page(&mut page, &mut diagnostics);
    if page.kind == PageKind::Api && page.http_blocks.is_empty() {
        let span = page.title.as_ref().map_or_else(Span::default, |t| t.span);
        diagnostics.push(
            Diagnostic::new(
                Code::HttpBlockMissing,
                path,
                span,
                "API page has no `http` block under an `HTTP request` heading",
            )
            .with_help("add a `## HTTP request` section with a ```http block of routes"),
        );
    }
    if page.kind == PageKind::Api && page.permissions.is_empty() && page.permission_includes.is_empty() {
        let span = page.title.as_ref().map_or_else(Span::default, |t| t.span);
        diagnostics.push(
            Diagnostic::new(Code::PermissionTableMissing, path, span, "API page has no permissions table")
                .with_help("add a `## Permissions` section with a `Permission type | Permissions` table"),
        );
    }
    let title_span = page.title.as_ref().map_or_else(Span::default, |t| t.span);
    let is_include_file = is_include(path);
    let defines_nothing = page.routes.is_empty() && page.properties.is_empty() && page.enums.is_empty();
    match page.kind {
        PageKind::Unknown if !is_include_file && defines_nothing => diagnostics.push(
            Diagnostic::new(Code::PageKindUnknown, path, title_span, "page has no known `doc_type`; it defines no operation or type")
                .with_help("add `doc_type: apiPageType` (or resourcePageType, enumPageType, conceptualPageType) to the front matter"),
        ),
        PageKind::Resource if !page.routes.is_empty() && page.properties.is_empty() => diagnostics.push(
            Diagnostic::new(Code::PageKindMismatch, path, title_span, "page is marked `resourcePageType` but documents routes; read as an API page")
                .with_help("set `doc_type: apiPageType` in the front matter"),
        ),
        PageKind::Resource if page.properties.is_empty() && page.enums.is_empty() && page.resource.is_none() => diagnostics.push(
            Diagnostic::new(Code::PageEmpty, path, title_span, "resource page has no properties table, enum section or resource annotation")
                .with_help("add a `## Properties` table with `Property | Type | Description` columns"),
        ),
        PageKind::Enum if page.enums.iter().all(|e| e.members.is_empty()) => diagnostics.push(
            Diagnostic::new(Code::PageEmpty, path, title_span, "enum page has no members table mdapi can read")
                .with_help("add a `## Members` table with a `Member` column"),
        ),
        _ => {}
    }
    (page, diagnostics)
}

/// A page marked `apiPageType` that lists no route and documents a type (a
/// resource annotation, a Properties table) is a resource page whose front
/// matter is wrong: it is read as one, and the front matter is what is
/// reported (not a missing HTTP request block or permissions table).
fn api_kind_on_a_type_page(page: &mut Page, diagnostics: &mut Vec<Diagnostic>) {
    let documents_a_type = page.resource.is_some() || !page.properties.is_empty();
    if page.kind != PageKind::Api || !page.routes.is_empty() || !page.http_blocks.is_empty() || !documents_a_type {
        return;
    }
    page.kind = PageKind::Resource;
    let span = page.title.as_ref().map_or_else(Span::default, |t| t.span);
    diagnostics.push(
        Diagnostic::new(
            Code::PageKindMismatch,
            &page.path,
            span,
            "page is marked `apiPageType` but documents a type and no routes; read as a resource page",
        )
        .with_help("set `doc_type: resourcePageType` in the front matter"),
    );
}

/// An `[!INCLUDE]` fragment (under an `includes/` folder): part of other
/// pages, never a page of its own kind.
fn is_include(path: &str) -> bool {
    path.contains("/includes/") || path.starts_with("includes/")
}

/// A page whose front matter names no known `doc_type` (docs outside Graph
/// often have none) is the kind of page its content makes it: routes under
/// an HTTP request heading make an API page; a resource annotation or a
/// Properties / Relationships table, a resource page; an enum's members
/// table, an enum page. A note says so, since the front matter should.
fn infer_kind(page: &mut Page, diagnostics: &mut Vec<Diagnostic>) {
    if page.kind != PageKind::Unknown || is_include(&page.path) {
        return;
    }
    let (kind, evidence, doc_type) = if !page.routes.is_empty() {
        (PageKind::Api, "routes under an HTTP request heading", "apiPageType")
    } else if page.resource.is_some() {
        (PageKind::Resource, "a resource annotation", "resourcePageType")
    } else if !page.properties.is_empty() {
        (PageKind::Resource, "a properties table", "resourcePageType")
    } else if page.enums.iter().any(|e| !e.members.is_empty()) {
        (PageKind::Enum, "an enum's members table", "enumPageType")
    } else {
        return;
    };
    page.kind = kind;
    let written = match page.front_matter.get("doc_type") {
        Some(value) => format!("`doc_type: {value}` is not a known page type"),
        None => "the page has no `doc_type` in its front matter".to_owned(),
    };
    let span = page.title.as_ref().map_or_else(Span::default, |t| t.span);
    diagnostics.push(
        Diagnostic::new(
            Code::PageKindInferred,
            &page.path,
            span,
            format!("{written}; read as {} page, since it holds {evidence}", article(kind)),
        )
        .with_help(format!("add `doc_type: {doc_type}` to the front matter")),
    );
}

fn article(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Api => "an API",
        PageKind::Resource => "a resource",
        PageKind::Enum => "an enum",
        PageKind::Conceptual => "a conceptual",
        PageKind::Unknown => "an unknown",
    }
}
