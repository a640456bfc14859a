//! The committed `generated/graph` is what `cargo xtask gen` would write
//! now: regenerated in memory and compared, with a diff when stale.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::path::PathBuf;

#[test]
fn committed_generated_crate_is_fresh() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let generator = mdapi::Generator::new()
        .docs(root.join("docs-input"))
        .out_dir(root.join("generated/graph"))
        .crate_name("graph")
        .runtime_path(root.join("crates/mdapi-runtime"));
    let (_, differences) = generator.check().unwrap();
    let diffs: String = differences.iter().map(|d| d.diff.as_str()).collect();
    assert!(differences.is_empty(), "generated/graph is stale; run `cargo xtask gen`:\n{diffs}");
}
