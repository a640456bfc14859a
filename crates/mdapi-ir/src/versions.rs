//! API versions in a doc set: each page documents one (its version folder,
//! else its docs folder's name, else the one the doc set's examples call);
//! a doc set of several is reported, and so is an example calling another
//! version than its page documents.

use std::collections::BTreeMap;

use mdapi_parse::page::Page;
use mdapi_parse::{Code, Diagnostic, Span};

/// Each page's version, in page order: its own, else the version most of
/// the doc set's example URLs call (docs whose folders name no version).
pub(crate) fn of_pages(pages: &[&Page]) -> Vec<Option<String>> {
    let mut called: BTreeMap<String, usize> = BTreeMap::new();
    for request in pages.iter().flat_map(|p| &p.examples).filter_map(|e| e.request.as_ref()) {
        if let Some(version) = mdapi_parse::version::of_url(&request.http.url) {
            *called.entry(version.to_ascii_lowercase()).or_default() += 1;
        }
    }
    // A tie names no version.
    let mut ranked: Vec<(&String, &usize)> = called.iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1));
    let most_called = match ranked.as_slice() {
        [(_, n), (_, m), ..] if n == m => None,
        [(first, _), ..] => Some((*first).clone()),
        [] => None,
    };
    pages.iter().map(|page| page.version.clone().or_else(|| most_called.clone())).collect()
}

/// Pages of several versions are merged into one API, one namespace:
/// every type and route of one version meets the other's. One warning
/// per version beside the most documented one, at its first page.
pub(crate) fn check_mixed(pages: &[&Page], diagnostics: &mut Vec<Diagnostic>) {
    let mut by_version: BTreeMap<String, (usize, &Page)> = BTreeMap::new();
    for page in pages {
        let Some(version) = &page.version else { continue };
        by_version.entry(version.to_ascii_lowercase()).or_insert((0, page)).0 += 1;
    }
    if by_version.len() < 2 {
        return;
    }
    let mut ranked: Vec<(&String, &(usize, &Page))> = by_version.iter().collect();
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(b.0)));
    let listed: Vec<String> =
        ranked.iter().map(|(v, (n, _))| format!("`{v}`: {n} page{}", if *n == 1 { "" } else { "s" })).collect();
    let (main, _) = ranked[0];
    for (version, (_, first)) in &ranked[1..] {
        let span = first.title.as_ref().map_or(Span { line: 1, column: 1, ..Span::default() }, |t| t.span);
        diagnostics.push(
            Diagnostic::new(
                Code::VersionsMixed,
                &first.path,
                span,
                format!(
                    "the doc set mixes API versions ({}); `{version}` and `{main}` are merged into one API",
                    listed.join(", ")
                ),
            )
            .with_help(format!(
                "generate each version from its own folder (`--docs <docs>/{main}`, then `--docs <docs>/{version}`)"
            )),
        );
    }
}

/// An example whose URL calls another version than its page documents (a
/// `v1.0` page calling `https://graph.microsoft.com/beta/...`).
pub(crate) fn check_example(
    page: &Page,
    page_version: Option<&str>,
    url: &str,
    line: u32,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (Some(documented), Some(called)) = (page_version, mdapi_parse::version::of_url(url)) else { return };
    if documented.eq_ignore_ascii_case(called) {
        return;
    }
    diagnostics.push(
        Diagnostic::new(
            Code::ExampleVersionMismatch,
            &page.path,
            Span { line, column: 1, ..Span::default() },
            format!("the example calls `{called}` on a `{documented}` page"),
        )
        .with_help(format!("call the version the page documents: `/{documented}/...`")),
    );
}
