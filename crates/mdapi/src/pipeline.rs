//! Parse and lower a doc set. A panic on one page is caught and becomes an
//! `internal-error` diagnostic on that page; the run goes on.

use std::panic::{catch_unwind, AssertUnwindSafe};

use mdapi_ir::Api;
use mdapi_parse::{Code, Diagnostic, Page, Span};
use rayon::prelude::*;

use crate::docset::DocSet;

/// Everything known about a doc set.
#[derive(Debug)]
pub struct Analysis {
    pub pages: Vec<Page>,
    pub api: Api,
    /// Sorted by file, line, column, code.
    pub diagnostics: Vec<Diagnostic>,
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

/// Parses every page, then lowers them into one API.
pub fn analyze(docs: &DocSet) -> Analysis {
    analyze_with_progress(docs, &|| {})
}

/// [`analyze`], calling `page_done` once per page parsed (from any thread),
/// for a progress display.
pub fn analyze_with_progress(docs: &DocSet, page_done: &(dyn Fn() + Sync)) -> Analysis {
    let (pages, diagnostics) = parse_pages(docs, page_done);
    lower_pages(pages, diagnostics)
}

/// Every page parsed, in page order, and the diagnostics of reading and
/// parsing them. A generator run frees the pages' text after this: the
/// lowering reads only the parsed pages.
pub(crate) fn parse_pages(docs: &DocSet, page_done: &(dyn Fn() + Sync)) -> (Vec<Page>, Vec<Diagnostic>) {
    let mut diagnostics = docs.diagnostics.clone();
    let mut pages = Vec::with_capacity(docs.pages.len());
    // Pages parse independently, in parallel; `collect` keeps page order, so
    // the result does not depend on the number of threads.
    let parsed: Vec<_> = docs
        .pages
        .par_iter()
        .map(|source| {
            let parsed = catch_unwind(AssertUnwindSafe(|| mdapi_parse::parse_page(&source.path, &source.text)));
            page_done();
            parsed
        })
        .collect();
    for (source, result) in docs.pages.iter().zip(parsed) {
        match result {
            Ok((mut page, page_diagnostics)) => {
                // `--docs graph-docs/v1.0`: the folder names the version.
                if page.version.is_none() {
                    page.version = docs.roots.get(source.root).and_then(|root| root_version(root));
                }
                pages.push(page);
                diagnostics.extend(page_diagnostics);
            }
            Err(payload) => diagnostics.push(internal_error(&source.path, &panic_message(payload.as_ref()))),
        }
    }
    (pages, diagnostics)
}

/// The pages lowered into one API; the diagnostics sorted, deduplicated
/// and capped per page.
pub(crate) fn lower_pages(pages: Vec<Page>, mut diagnostics: Vec<Diagnostic>) -> Analysis {
    let api = match catch_unwind(AssertUnwindSafe(|| mdapi_ir::lower(&pages))) {
        Ok((api, lower_diagnostics)) => {
            diagnostics.extend(lower_diagnostics);
            api
        }
        Err(payload) => {
            diagnostics.push(internal_error("", &panic_message(payload.as_ref())));
            Api::default()
        }
    };
    diagnostics.sort_by(|a, b| {
        (&a.file, a.span.line, a.span.column, a.code, &a.message).cmp(&(
            &b.file,
            b.span.line,
            b.span.column,
            b.code,
            &b.message,
        ))
    });
    diagnostics.dedup();
    Analysis { pages, api, diagnostics: cap_per_page(diagnostics) }
}

/// The API version a docs folder is named for (`docs/v1.0`, `docs/beta/`).
fn root_version(root: &std::path::Path) -> Option<String> {
    let name = root.file_name()?.to_str()?;
    mdapi_parse::version::is_version(name).then(|| name.to_owned())
}

/// How many diagnostics of one code one page may show.
pub const CAP_PER_CODE_AND_PAGE: usize = 20;

/// Keeps the first [`CAP_PER_CODE_AND_PAGE`] diagnostics of each code on each
/// page (input sorted by file), and says how many more there were.
fn cap_per_page(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out = Vec::with_capacity(diagnostics.len());
    let mut counts: std::collections::BTreeMap<Code, (usize, Span)> = std::collections::BTreeMap::new();
    let mut current_file: Option<String> = None;
    let flush = |file: &str,
                 counts: &mut std::collections::BTreeMap<Code, (usize, Span)>,
                 out: &mut Vec<Diagnostic>| {
        for (code, (count, span)) in std::mem::take(counts) {
            if count > CAP_PER_CODE_AND_PAGE {
                out.push(Diagnostic::new(
                    Code::DiagnosticsCapped,
                    file,
                    span,
                    format!("{} more `{code}` diagnostics on this page are not shown", count - CAP_PER_CODE_AND_PAGE),
                ));
            }
        }
    };
    for diagnostic in diagnostics {
        if current_file.as_deref() != Some(diagnostic.file.as_str()) {
            if let Some(file) = current_file.take() {
                flush(&file, &mut counts, &mut out);
            }
            current_file = Some(diagnostic.file.clone());
        }
        let entry = counts.entry(diagnostic.code).or_insert((0, diagnostic.span));
        entry.0 += 1;
        if entry.0 <= CAP_PER_CODE_AND_PAGE {
            out.push(diagnostic);
        }
    }
    if let Some(file) = current_file {
        flush(&file, &mut counts, &mut out);
    }
    out
}

fn internal_error(file: &str, message: &str) -> Diagnostic {
    Diagnostic::new(Code::InternalError, file, Span::default(), format!("mdapi panicked: {message}"))
        .with_help("this is a bug in mdapi; please report it with this page")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_capped_per_page_and_code() {
        let many = (0..25u32)
            .map(|line| Diagnostic::new(Code::LinkMissingPage, "a.md", Span { line, ..Span::default() }, "x"));
        let other = Diagnostic::new(Code::RouteInvalid, "a.md", Span::default(), "y");
        let next_page = Diagnostic::new(Code::LinkMissingPage, "b.md", Span::default(), "z");
        let capped = cap_per_page(many.chain([other, next_page]).collect());
        let count = |file: &str, code: Code| capped.iter().filter(|d| d.file == file && d.code == code).count();
        assert_eq!(count("a.md", Code::LinkMissingPage), CAP_PER_CODE_AND_PAGE);
        assert_eq!(count("a.md", Code::DiagnosticsCapped), 1);
        assert_eq!(count("a.md", Code::RouteInvalid), 1);
        assert_eq!(count("b.md", Code::LinkMissingPage), 1);
        let note = capped.iter().find(|d| d.code == Code::DiagnosticsCapped).unwrap();
        assert!(note.message.starts_with("5 more `link-missing-page`"));
    }
}
