//! Parse and lower a doc set. A panic on one page is caught and becomes an
//! `internal-error` diagnostic on that page; the run goes on.

use std::panic::{catch_unwind, AssertUnwindSafe};

use mdapi_ir::Api;
use mdapi_parse::{Code, Diagnostic, Page, Span};

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
    let mut diagnostics = docs.diagnostics.clone();
    let mut pages = Vec::with_capacity(docs.pages.len());
    for source in &docs.pages {
        match catch_unwind(AssertUnwindSafe(|| mdapi_parse::parse_page(&source.path, &source.text))) {
            Ok((page, page_diagnostics)) => {
                pages.push(page);
                diagnostics.extend(page_diagnostics);
            }
            Err(payload) => diagnostics.push(internal_error(&source.path, &panic_message(payload.as_ref()))),
        }
    }
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
    Analysis { pages, api, diagnostics }
}

fn internal_error(file: &str, message: &str) -> Diagnostic {
    Diagnostic::new(Code::InternalError, file, Span::default(), format!("mdapi panicked: {message}"))
        .with_help("this is a bug in mdapi; please report it with this page")
}
