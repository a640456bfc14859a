//! Routes that only an example writes.
//!
//! Pages call an operation through an address their HTTP request block
//! leaves out: `driveitem-createuploadsession.md` lists
//! `/me/drive/items/{itemId}/createUploadSession` and its example posts to
//! `/me/drive/root:/{item-path}:/createUploadSession`. A user reading the
//! page calls what the example shows, so the route is generated, and the
//! docs writer is told to list it (`example-route-adopted`).
//!
//! Only a route written as a template is adopted (it has a `{placeholder}`,
//! so it is an address, not one call's values), and only when it ends like
//! one of the page's listed routes with the same method: the same
//! action, function or navigation, reached another way.

use mdapi_parse::diag::{Code, Diagnostic};
use mdapi_parse::page::{Page, RouteLine};
use std::collections::BTreeSet;

use mdapi_parse::annotation::BlockType;
use mdapi_parse::Span;
use mdapi_runtime::path::{example_path, match_path, PathPart};

/// The first segment of every listed route in the doc set, lower-cased
/// (`me`, `users`, `drive`): an example route must start at one of them,
/// so a URL with a typo in its version (`/v1/teams/...`) or host is not
/// adopted.
pub(crate) fn roots(pages: &[&Page]) -> BTreeSet<String> {
    pages.iter().flat_map(|p| &p.routes).map(|line| first_word(&line.route.parts)).collect()
}

fn first_word(parts: &[PathPart]) -> String {
    let first = mdapi_runtime::route::segments(parts).into_iter().next();
    first.as_ref().map_or("", |segment| segment.lead()).to_ascii_lowercase()
}

/// The page's example routes to generate, each with the line of the
/// example that writes it; one `example-route-adopted` warning each.
pub(crate) fn adopted(page: &Page, roots: &BTreeSet<String>, diagnostics: &mut Vec<Diagnostic>) -> Vec<RouteLine> {
    let mut out: Vec<RouteLine> = Vec::new();
    for request in page.examples.iter().filter_map(|e| e.request.as_ref()) {
        let opaque = request.annotation.raw.get("opaqueUrl").and_then(|v| v.as_bool()) == Some(true);
        if opaque || request.annotation.block_type != BlockType::Request {
            continue;
        }
        let path = mdapi_parse::route::without_argument_spaces(example_path(&request.http.url));
        let path = path.as_ref();
        if !path.contains('{') {
            continue;
        }
        let method = &request.http.method;
        let known = |line: &RouteLine| {
            line.route.method.eq_ignore_ascii_case(method) && match_path(&line.route.parts, path).is_some()
        };
        if page.routes.iter().chain(&out).any(known) {
            continue;
        }
        let Ok(route) = mdapi_parse::route::parse(&format!("{method} {path}")) else { continue };
        if !route.nonstandard.is_empty() {
            continue;
        }
        let ends_alike = page
            .routes
            .iter()
            .filter(|line| line.route.method.eq_ignore_ascii_case(method))
            .filter(|line| same_last_literal(&line.route.parts, &route.parts))
            .count();
        if ends_alike == 0 || !roots.contains(&first_word(&route.parts)) {
            continue;
        }
        let span = Span { line: request.span.line + 1, column: 1, ..request.span };
        diagnostics.push(
            Diagnostic::new(
                Code::ExampleRouteAdopted,
                &page.path,
                span,
                format!("example `{method} {path}` calls a route the HTTP request block does not list; it is generated from the example"),
            )
            .with_help("add the route to the HTTP request block"),
        );
        out.push(RouteLine { route, span });
    }
    out
}

/// Both routes end in the same literal segment (`createUploadSession`),
/// compared without case as Graph compares them.
fn same_last_literal(a: &[PathPart], b: &[PathPart]) -> bool {
    let last = |parts: &[PathPart]| match parts.last() {
        Some(PathPart::Literal(text)) => text.rsplit(['/', ':']).find(|w| !w.is_empty()).map(str::to_ascii_lowercase),
        _ => None,
    };
    matches!((last(a), last(b)), (Some(x), Some(y)) if x == y)
}
