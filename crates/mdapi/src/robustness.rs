//! The invariants every input must keep, as functions a fuzzer and the
//! replay test both call: no panic, no internal error, generated Rust that
//! parses, and no generated path outside the output folder.

use mdapi_parse::Code;

use crate::docset::DocSet;

/// Where a fuzzed page sits in its one-page doc set: an API page folder, so
/// links to `../resources/...` resolve as on a real page.
pub const FUZZ_PAGE_PATH: &str = "v1.0/api/fuzzed.md";

/// An input that broke an invariant.
#[derive(Debug, PartialEq, Eq)]
pub struct Violation(pub String);

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses, lowers and emits one page given as raw bytes (not necessarily
/// UTF-8), and checks what came out.
pub fn check_page(bytes: &[u8]) -> Result<(), Violation> {
    check_doc_set(&DocSet::from_memory([(FUZZ_PAGE_PATH, bytes)]))
}

/// [`check_page`] over a whole doc set.
pub fn check_doc_set(docs: &DocSet) -> Result<(), Violation> {
    let analysis = crate::analyze(docs);
    if let Some(internal) = analysis.diagnostics.iter().find(|d| d.code == Code::InternalError) {
        return Err(Violation(format!("internal error: {}", internal.message)));
    }
    // Issue #21: whatever a permissions cell holds, only scope names are kept as scopes.
    for op in &analysis.api.operations {
        for (_, access) in op.permissions.by_account() {
            if let Some(bad) = access.scope_names().into_iter().find(|s| !mdapi_parse::permissions::is_scope_name(s)) {
                return Err(Violation(format!("`{bad}` is kept as a scope of `{}`", op.id)));
            }
        }
    }
    let options = mdapi_codegen::Options {
        crate_name: "fuzzed".to_owned(),
        runtime: mdapi_codegen::RuntimeDependency::Version("0.1".to_owned()),
        root: vec!["crate".to_owned()],
    };
    let files = mdapi_codegen::generate(&analysis.api, &options)
        .map_err(|err| Violation(format!("generated code does not parse: {err}")))?;
    for file in &files {
        if !crate::output::stays_inside(&file.path) {
            return Err(Violation(format!("generated path `{}` leaves the output folder", file.path)));
        }
        // Room for the staging suffix within a file system's 255-byte names.
        if file.path.split('/').any(|name| name.len() > 200) {
            return Err(Violation(format!("generated path `{}` has a name too long for a file system", file.path)));
        }
        if file.path.ends_with(".rs") {
            syn::parse_file(&file.contents)
                .map_err(|err| Violation(format!("formatted `{}` does not parse: {err}", file.path)))?;
        }
    }
    Ok(())
}

/// Parses bytes as an example's HTTP request and as its response.
pub fn check_http_example(bytes: &[u8]) -> Result<(), Violation> {
    let text = String::from_utf8_lossy(bytes);
    let request = std::panic::catch_unwind(|| mdapi_parse::http::parse_request(&text));
    let response = std::panic::catch_unwind(|| mdapi_parse::http::parse_response(&text));
    match (request, response) {
        (Ok(_), Ok(_)) => Ok(()),
        _ => Err(Violation("the HTTP example parser panicked".to_owned())),
    }
}
