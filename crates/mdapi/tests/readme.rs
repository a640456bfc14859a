//! Every Rust snippet in the README and the `DOCS` pages is code CI
//! compiles: each ```rust block, its comment lines aside, is a run of
//! consecutive lines of one of the files below (the everyday program's
//! `readme.rs` and the v1.0 SDK tests of `examples/sdk-tests`, built by
//! `cargo xtask e2e` against the generated v1.0 crate; the build-script
//! example, built in the workspace). A snippet edited in the docs alone
//! fails here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

const COMPILED: &[&str] = &[
    "examples/everyday/src/readme.rs",
    "crates/mdapi-build-example/build.rs",
    "crates/mdapi-build-example/src/lib.rs",
    "examples/sdk-tests/tests/select.rs",
];

/// Pages besides the README whose snippets must be compiled code.
const DOCS: &[&str] = &["docs/typed-select.md"];

/// The lines that are code: trimmed at the end, comments and blanks out.
fn code_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("//"))
        .map(str::to_owned)
        .collect()
}

fn rust_blocks(readme: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut rest = readme;
    while let Some(at) = rest.find("```rust") {
        let after = &rest[at..];
        let Some(start) = after.find('\n') else { break };
        let body = &after[start + 1..];
        let end = body.find("```").unwrap_or(body.len());
        blocks.push(body[..end].to_owned());
        rest = &body[end..];
        rest = rest.get(3..).unwrap_or_default();
    }
    blocks
}

#[test]
fn every_rust_snippet_in_the_readme_is_compiled_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let sources: Vec<(&str, Vec<String>)> =
        COMPILED.iter().map(|f| (*f, code_lines(&std::fs::read_to_string(root.join(f)).unwrap()))).collect();
    assert!(rust_blocks(&readme).len() >= 3, "{} rust blocks", rust_blocks(&readme).len());
    for page in std::iter::once("README.md").chain(DOCS.iter().copied()) {
        let text = std::fs::read_to_string(root.join(page)).unwrap();
        let blocks = rust_blocks(&text);
        assert!(!blocks.is_empty(), "{page} has no rust block");
        for block in blocks {
            let wanted = code_lines(&block);
            assert!(!wanted.is_empty(), "an empty rust block in {page}");
            let found = sources.iter().any(|(_, lines)| lines.windows(wanted.len()).any(|w| w == wanted.as_slice()));
            assert!(found, "this {page} snippet is in none of {COMPILED:?}:\n{block}");
        }
    }
}

#[test]
fn a_snippet_edited_in_the_readme_alone_is_caught() {
    let source = code_lines("fn a() {\n    // why\n    b();\n}\n");
    let same = code_lines("fn a() {\n    b();\n}\n");
    let edited = code_lines("fn a() {\n    c();\n}\n");
    assert!(source.windows(same.len()).any(|w| w == same.as_slice()));
    assert!(!source.windows(edited.len()).any(|w| w == edited.as_slice()));
}
