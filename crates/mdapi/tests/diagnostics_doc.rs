//! `docs/diagnostics.md` documents every diagnostic code, in the words
//! `mdapi explain` uses: its "Every code" section is made from
//! [`mdapi::explain`] and must equal what that makes, so a new code, or an
//! explanation changed in the code alone, fails here. `MDAPI_BLESS=1 cargo
//! test -p mdapi --test diagnostics_doc` rewrites the section.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mdapi_parse::Code;
use std::fmt::Write as _;
use std::path::PathBuf;

const START: &str = "<!-- codes:start -->\n";
const END: &str = "<!-- codes:end -->\n";

fn doc_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/diagnostics.md")
}

fn indent(text: &str) -> String {
    text.lines().map(|l| if l.is_empty() { String::new() } else { format!("    {l}") }).collect::<Vec<_>>().join("\n")
}

/// The section as `mdapi explain` would write it: an index table, then one
/// `### `code`` heading per code in declaration order.
fn reference() -> String {
    let mut out = String::from("| code | severity | what it is about |\n|---|---|---|\n");
    for &code in Code::ALL {
        let summary = code.summary().replace('|', "\\|");
        writeln!(out, "| [`{code}`](#{code}) | {:?} | {summary} |", code.severity()).unwrap();
    }
    for &code in Code::ALL {
        let e = mdapi::explain::explain(code);
        write!(
            out,
            "\n### `{code}`\n\n{:?}: {}.\n\n{}\n\nWrong:\n\n{}\n\nRight:\n\n{}\n",
            code.severity(),
            code.summary(),
            e.meaning,
            indent(e.wrong),
            indent(e.right)
        )
        .unwrap();
    }
    out
}

fn section(doc: &str) -> (usize, usize) {
    let start = doc.find(START).expect("docs/diagnostics.md has no `<!-- codes:start -->` line") + START.len();
    let end = doc.find(END).expect("docs/diagnostics.md has no `<!-- codes:end -->` line");
    (start, end)
}

/// The doc's text; with `MDAPI_BLESS` set and the section stale, first
/// rewritten (through a file renamed into place, so the other tests read
/// the old text or the new, never half of it).
fn doc_text() -> String {
    let path = doc_path();
    let doc = std::fs::read_to_string(&path).unwrap();
    let (start, end) = section(&doc);
    let wanted = reference();
    if doc[start..end] == wanted || std::env::var_os("MDAPI_BLESS").is_none() {
        return doc;
    }
    let blessed = format!("{}{wanted}{}", &doc[..start], &doc[end..]);
    let staged = path.with_extension(format!("md.{:?}", std::thread::current().id()));
    std::fs::write(&staged, &blessed).unwrap();
    std::fs::rename(&staged, &path).unwrap();
    blessed
}

#[test]
fn every_code_is_documented_as_mdapi_explain_says() {
    let doc = doc_text();
    let (start, end) = section(&doc);
    assert!(
        doc[start..end] == reference(),
        "docs/diagnostics.md's list of codes is stale; run `MDAPI_BLESS=1 cargo test -p mdapi --test diagnostics_doc`"
    );
}

#[test]
fn every_code_has_its_heading_and_no_heading_names_a_code_that_is_gone() {
    let doc = doc_text();
    let headings: Vec<&str> =
        doc.lines().filter_map(|l| l.strip_prefix("### `")).filter_map(|l| l.strip_suffix('`')).collect();
    for &code in Code::ALL {
        assert_eq!(headings.iter().filter(|h| **h == code.as_str()).count(), 1, "`{code}` needs one heading");
    }
    for heading in headings {
        assert!(mdapi::explain::code_named(heading).is_some(), "docs/diagnostics.md documents `{heading}`, no code");
    }
}

#[test]
fn a_code_missing_from_the_doc_is_caught() {
    let doc = doc_text();
    let (start, end) = section(&doc);
    let heading = format!("\n### `{}`\n", Code::ALL[0]);
    let without = doc[start..end].replacen(&heading, "\n### `renamed`\n", 1);
    assert_ne!(without, reference());
}
