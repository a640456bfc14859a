//! Every Rust snippet of `docs/mock.md` is code CI compiles and runs: each
//! ```rust block, its comment lines aside, is a run of consecutive lines of
//! `examples/sdk-tests` (the functions and their mock tests, built and run
//! by `cargo xtask e2e` against the generated v1.0 crate). A snippet edited
//! in the page alone fails here.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;

const COMPILED: &[&str] = &["examples/sdk-tests/src/lib.rs", "examples/sdk-tests/tests/mock.rs"];

/// The lines that are code: trimmed at the end, comments and blanks out.
fn code_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("//"))
        .map(str::to_owned)
        .collect()
}

/// The bodies of the page's ```rust blocks.
fn rust_blocks(page: &str) -> Vec<String> {
    page.split("```rust\n").skip(1).map(|rest| rest.split("```").next().unwrap_or_default().to_owned()).collect()
}

#[test]
fn every_rust_snippet_of_the_mock_page_is_compiled_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let page = std::fs::read_to_string(root.join("docs/mock.md")).unwrap();
    let sources: Vec<Vec<String>> =
        COMPILED.iter().map(|f| code_lines(&std::fs::read_to_string(root.join(f)).unwrap())).collect();
    let blocks = rust_blocks(&page);
    assert!(blocks.len() >= 4, "{} rust blocks", blocks.len());
    for block in blocks {
        let wanted = code_lines(&block);
        assert!(!wanted.is_empty(), "an empty rust block");
        let found = sources.iter().any(|lines| lines.windows(wanted.len()).any(|w| w == wanted.as_slice()));
        assert!(found, "this docs/mock.md snippet is in none of {COMPILED:?}:\n{block}");
    }
    let edited = code_lines(
        "    let stub = mock.on(endpoints::get_groups_by_id_members::request(\"g2\").unwrap()).pages(pages);\n",
    );
    assert!(!sources.iter().any(|lines| lines.windows(1).any(|w| w == edited.as_slice())), "an edit is caught");
}
