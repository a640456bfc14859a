//! Generated output is made for review: a one-line change in the docs is a
//! one-hunk change in exactly one generated file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

mod common;

use std::path::Path;

use common::{copy_tree, widgets_fixture};

fn generate(docs: &Path) -> Vec<mdapi::File> {
    mdapi::Generator::new().docs(docs).out_dir(docs.join("out")).crate_name("widgets").build().unwrap().files
}

#[test]
fn one_description_change_is_one_hunk_in_one_file() {
    let fixture = widgets_fixture();
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture, dir.path());
    let before = generate(dir.path());

    let page = dir.path().join("v1.0/resources/widget.md");
    let text = std::fs::read_to_string(&page).unwrap();
    assert!(text.contains("Size in millimetres."));
    std::fs::write(&page, text.replace("Size in millimetres.", "Size in millimetres, rounded.")).unwrap();
    let after = generate(dir.path());

    assert_eq!(before.len(), after.len());
    let changed: Vec<(&mdapi::File, &mdapi::File)> =
        before.iter().zip(&after).filter(|(b, a)| b.path != a.path || b.contents != a.contents).collect();
    assert_eq!(changed.len(), 1, "{:?}", changed.iter().map(|(b, _)| &b.path).collect::<Vec<_>>());
    let (old, new) = changed[0];
    assert_eq!(old.path, "src/models/widget.rs");
    let diff = similar::TextDiff::from_lines(&old.contents, &new.contents).unified_diff().context_radius(3).to_string();
    assert_eq!(diff.lines().filter(|l| l.starts_with("@@")).count(), 1, "{diff}");
    assert!(diff.contains("+    /// Size in millimetres, rounded."), "{diff}");
}
