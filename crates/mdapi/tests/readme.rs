//! Every Rust snippet in the README, ARCHITECTURE.md and `docs/*.md` is code CI
//! compiles: each ```rust block, its comment lines aside, is a run of
//! consecutive lines of one of the files below (the everyday program's
//! `readme.rs` and the tests of `examples/sdk-tests`, built by `cargo xtask
//! e2e` against the generated v1.0 crate;
//! the build-script example, built in the workspace). A snippet edited in a
//! doc alone fails here. The README stays short (under 250 lines, the rest
//! in `docs/`), and every relative link of these docs reaches a file and,
//! with `#anchor`, a heading of it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

const COMPILED: &[&str] = &[
    "examples/everyday/src/readme.rs",
    "crates/mdapi-build-example/build.rs",
    "crates/mdapi-build-example/src/lib.rs",
    "examples/sdk-tests/tests/select.rs",
    "examples/sdk-tests/tests/mock.rs",
    "examples/sdk-tests/src/lib.rs",
    // Generated and compiled (a workspace member): the model docs/sdk-cost.md shows.
    "generated/widgets/src/models/group.rs",
];

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

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `README.md`, `ARCHITECTURE.md` and every `docs/*.md`, relative to the
/// repository root.
fn docs() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| p.strip_prefix(root()).unwrap().to_path_buf())
        .collect();
    files.sort();
    files.splice(0..0, [PathBuf::from("README.md"), PathBuf::from("ARCHITECTURE.md")]);
    files
}

#[test]
fn every_rust_snippet_in_the_readme_and_docs_is_compiled_code() {
    let root = root();
    let sources: Vec<(&str, Vec<String>)> =
        COMPILED.iter().map(|f| (*f, code_lines(&std::fs::read_to_string(root.join(f)).unwrap()))).collect();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(rust_blocks(&readme).len() >= 3, "{} rust blocks in the README", rust_blocks(&readme).len());
    for doc in docs() {
        let text = std::fs::read_to_string(root.join(&doc)).unwrap();
        for block in rust_blocks(&text) {
            let wanted = code_lines(&block);
            assert!(!wanted.is_empty(), "an empty rust block in {}", doc.display());
            let found = sources.iter().any(|(_, lines)| lines.windows(wanted.len()).any(|w| w == wanted.as_slice()));
            assert!(found, "this snippet of {} is in none of {COMPILED:?}:\n{block}", doc.display());
        }
    }
}

#[test]
fn the_readme_stays_short() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(lines < 250, "README.md has {lines} lines; move detail to a docs/ file and link it");
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces
/// as `-`.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// A line opening or closing a code fence (CommonMark: indented four
/// spaces, it is text of an indented code block; a backtick after the
/// fence's own makes it inline code).
fn is_fence(line: &str) -> bool {
    let text = line.trim_start_matches(' ');
    let info = text.trim_start_matches('`');
    line.len() - text.len() < 4 && text.len() - info.len() >= 3 && !info.contains('`')
}

/// The anchors of a markdown file's headings (outside code fences).
fn anchors(text: &str) -> Vec<String> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if is_fence(line) {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            let heading = line.trim_start_matches('#');
            if heading.starts_with(' ') {
                out.push(anchor(heading));
            }
        }
    }
    out
}

/// The text of a markdown file that can hold links: code fences, indented
/// code blocks and inline code spans left out.
fn prose(text: &str) -> String {
    let mut fenced = false;
    let mut out = String::new();
    for line in text.lines() {
        if is_fence(line) {
            fenced = !fenced;
            continue;
        }
        if !fenced && !line.starts_with("    ") {
            out.extend(line.split('`').step_by(2));
            out.push('\n');
        }
    }
    out
}

/// Every `](target)` of a markdown text's prose that is not a URL.
fn relative_links(text: &str) -> Vec<String> {
    let text = prose(text);
    let mut links = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        let Some(end) = rest.find(')') else { break };
        let target = &rest[..end];
        if !target.contains("://") && !target.starts_with("mailto:") && !target.contains(' ') {
            links.push(target.to_owned());
        }
    }
    links
}

#[test]
fn every_relative_link_of_the_readme_and_docs_reaches_its_file_and_heading() {
    let root = root();
    for doc in docs() {
        let text = std::fs::read_to_string(root.join(&doc)).unwrap();
        for link in relative_links(&text) {
            let (file, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if file.is_empty() { doc.clone() } else { doc.parent().unwrap().join(file) };
            assert!(root.join(&target).exists(), "{}: the link `{link}` reaches no file", doc.display());
            if !fragment.is_empty() && target.extension().is_some_and(|e| e == "md") {
                let anchors = anchors(&std::fs::read_to_string(root.join(&target)).unwrap());
                assert!(anchors.iter().any(|a| a == fragment), "{}: `{link}` names no heading", doc.display());
            }
        }
    }
}

#[test]
fn anchors_are_made_as_github_makes_them() {
    assert_eq!(anchor(" The SDK user's five minutes"), "the-sdk-users-five-minutes");
    assert_eq!(anchor(" `mdapi diff` over six months of v1.0"), "mdapi-diff-over-six-months-of-v10");
    assert_eq!(anchors("# A\n```\n# not a heading\n```\n## B c\n#59, no heading"), ["a", "b-c"]);
    assert_eq!(anchors("    ```http\n### `a-code`\n```` ```json ```` text\n# b"), ["a-code", "b"]);
    assert_eq!(
        relative_links("[a](docs/x.md#y) [b](https://e.com) [c](#z) `[d](#e)`\n    [f](g)"),
        ["docs/x.md#y", "#z"]
    );
}

#[test]
fn a_snippet_edited_in_the_readme_alone_is_caught() {
    let source = code_lines("fn a() {\n    // why\n    b();\n}\n");
    let same = code_lines("fn a() {\n    b();\n}\n");
    let edited = code_lines("fn a() {\n    c();\n}\n");
    assert!(source.windows(same.len()).any(|w| w == same.as_slice()));
    assert!(!source.windows(edited.len()).any(|w| w == edited.as_slice()));
}
