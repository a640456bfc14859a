//! Degenerate doc sets end in a crate that compiles, or in a diagnostic
//! that says which limit was hit; never in a rustc crash or a panic. (A doc
//! set of routes and no types: `cases.rs`, `doc_set_without_types`.)
//!
//! Kind: a page of 100,000 properties generated a struct on which rustc
//! overflowed its stack (its derived `PartialEq` is one chain of `&&`). A
//! struct holds at most `mdapi_ir::MAX_STRUCT_FIELDS` fields; a wider type
//! is generated open with a `type-too-large` error naming both numbers.
//! The pages are written at run time, not committed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use mdapi_ir::MAX_STRUCT_FIELDS;
use serde_json::Value;

/// A resource page of `fields` String properties.
fn wide_page(name: &str, fields: usize) -> String {
    let mut page = format!(
        "---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\nNamespace: microsoft.graph\n\nA type with {fields} properties.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n"
    );
    for i in 0..fields {
        page.push_str(&format!("| property{i} | String | Property number {i}. |\n"));
    }
    page
}

fn mdapi(args: &[&str], docs: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mdapi")).arg("-q").args(args).arg("--docs").arg(docs).output().unwrap()
}

#[test]
fn a_type_wider_than_a_struct_holds_is_generated_open_with_an_error() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("resources")).unwrap();
    std::fs::write(docs.join("resources/wide.md"), wide_page("wide", 100_000)).unwrap();
    std::fs::write(docs.join("resources/full.md"), wide_page("full", MAX_STRUCT_FIELDS)).unwrap();

    let linted = mdapi(&["lint", "--format", "json"], &docs);
    assert_eq!(linted.status.code(), Some(1), "an error was found");
    let findings: Vec<Value> =
        String::from_utf8(linted.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(findings.len(), 1, "{findings:?}");
    let finding = &findings[0];
    assert_eq!((finding["code"].as_str(), finding["line"].as_u64()), (Some("type-too-large"), Some(4)));
    assert!(finding["file"].as_str().unwrap().ends_with("resources/wide.md"));
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("100000 fields") && message.contains(&format!("the {MAX_STRUCT_FIELDS} ")), "{message}");

    let out = dir.path().join("out");
    let generated = Command::new(env!("CARGO_BIN_EXE_mdapi"))
        .args(["-q", "gen", "--docs"])
        .arg(&docs)
        .arg("--out")
        .arg(&out)
        .arg("--runtime-path")
        .arg(root.join("crates/mdapi-runtime"))
        .output()
        .unwrap();
    assert!(generated.status.success(), "{}", String::from_utf8_lossy(&generated.stderr));
    let wide = std::fs::read_to_string(out.join("src/models/wide.rs")).unwrap();
    assert!(!wide.contains("property0") && wide.contains("additional_properties"), "generated open");
    let full = std::fs::read_to_string(out.join("src/models/full.rs")).unwrap();
    assert!(
        full.contains(&format!("pub property{}:", MAX_STRUCT_FIELDS - 1)),
        "a struct at the limit keeps its fields"
    );

    // The crate compiles: rustc type-checks the widest struct mdapi emits.
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let checked = Command::new(env!("CARGO"))
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("standalone"))
        .args(["check", "--no-default-features", "--features", "all-areas"])
        .output()
        .unwrap();
    assert!(checked.status.success(), "{}", String::from_utf8_lossy(&checked.stderr));
}
