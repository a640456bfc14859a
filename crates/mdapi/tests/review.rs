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
    // `weight` is shown by the model alone (`size`, which the create page
    // requires, is also a field of that operation's `Body`).
    assert!(text.contains("Weight in grams."));
    std::fs::write(&page, text.replace("Weight in grams.", "Weight in grams, rounded.")).unwrap();
    let after = generate(dir.path());

    assert_eq!(before.len(), after.len());
    let changed: Vec<(&mdapi::File, &mdapi::File)> =
        before.iter().zip(&after).filter(|(b, a)| b.path != a.path || b.contents != a.contents).collect();
    assert_eq!(changed.len(), 1, "{:?}", changed.iter().map(|(b, _)| &b.path).collect::<Vec<_>>());
    let (old, new) = changed[0];
    assert_eq!(old.path, "src/models/widget.rs");
    let diff = similar::TextDiff::from_lines(&old.contents, &new.contents).unified_diff().context_radius(3).to_string();
    assert_eq!(diff.lines().filter(|l| l.starts_with("@@")).count(), 1, "{diff}");
    assert!(diff.contains("+    /// Weight in grams, rounded."), "{diff}");
}

/// Every file and folder under `root`, with file contents.
fn snapshot(root: &Path) -> std::collections::BTreeMap<String, Option<Vec<u8>>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let relative = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
            (relative, e.file_type().is_file().then(|| std::fs::read(e.path()).unwrap()))
        })
        .collect()
}

#[test]
fn a_run_that_fails_midway_leaves_the_output_as_it_was() {
    let docs = tempfile::tempdir().unwrap();
    copy_tree(&widgets_fixture(), docs.path());
    let out = tempfile::tempdir().unwrap();
    let generator = || mdapi::Generator::new().docs(docs.path()).out_dir(out.path()).crate_name("widgets");
    generator().generate().unwrap();

    // Changes that touch files early and late in write order: an endpoint,
    // models, tests, and a stale file to remove.
    let get = docs.path().join("v1.0/api/widget-get.md");
    let text = std::fs::read_to_string(&get).unwrap();
    std::fs::write(&get, text.replacen("# Get widget", "\n# Get widget", 1)).unwrap();
    let widget = docs.path().join("v1.0/resources/widget.md");
    let text = std::fs::read_to_string(&widget).unwrap();
    std::fs::write(&widget, text.replacen("| size | Int32 |", "| size | Int64 |", 1)).unwrap();
    std::fs::write(out.path().join("src/models/stale.rs"), "// no page makes this").unwrap();
    // The last file to be written is a folder that cannot be replaced.
    let blocker = out.path().join("tests/zz.json");
    std::fs::create_dir_all(blocker.join("inside")).unwrap();
    let mut files = generator().build().unwrap().files;
    files.push(mdapi::File { path: "tests/zz.json".to_owned(), contents: "{}".to_owned() });

    let before = snapshot(out.path());
    let error = mdapi::output::write(out.path(), &files).unwrap_err();
    assert!(error.to_string().contains("zz.json"), "{error}");
    assert_eq!(snapshot(out.path()), before, "a failed write changed the output folder");

    // Without the blocker the same files write, so the failure above came
    // after real changes and undid them.
    std::fs::remove_dir_all(&blocker).unwrap();
    let changes = mdapi::output::write(out.path(), &files).unwrap();
    assert!(changes.written.iter().any(|p| p.starts_with("src/endpoints/")), "{changes:?}");
    assert!(changes.written.contains(&"src/models/widget.rs".to_owned()), "{changes:?}");
    assert!(!changes.removed.is_empty(), "{changes:?}");
}

/// Changing a property's type in a table flips the examples that use it
/// from verified to doc defect: their cases now assert the decode failure,
/// and a diagnostic points at the example line and at the table row.
#[test]
fn a_changed_table_type_flips_its_examples_to_doc_defects() {
    let docs = tempfile::tempdir().unwrap();
    copy_tree(&widgets_fixture(), docs.path());
    let build = || mdapi::Generator::new().docs(docs.path()).crate_name("widgets").build().unwrap();
    let class_of = |report: &mdapi::Report, name: &str| {
        report.analysis.api.examples.iter().find(|e| e.name.as_deref() == Some(name)).unwrap().class()
    };
    let before = build();
    assert_eq!(class_of(&before, "get_widget"), mdapi_ir::ExampleClass::Verified);

    let widget = docs.path().join("v1.0/resources/widget.md");
    let text = std::fs::read_to_string(&widget).unwrap();
    let row = "| size | Int32 | Size in millimetres. |";
    let row_line = text.lines().position(|l| l == row).unwrap() + 1;
    std::fs::write(&widget, text.replace(row, "| size | Boolean | Size in millimetres. |")).unwrap();
    let after = build();

    assert_eq!(class_of(&after, "get_widget"), mdapi_ir::ExampleClass::DocDefect);
    let diagnostic = after
        .analysis
        .diagnostics
        .iter()
        .find(|d| d.code == mdapi_parse::Code::ExampleTypeMismatch && d.file == "v1.0/api/widget-get.md")
        .expect("a diagnostic on the example");
    let page = std::fs::read_to_string(docs.path().join("v1.0/api/widget-get.md")).unwrap();
    let example_line = page.lines().position(|l| l.contains("\"size\": 12")).unwrap() + 1;
    assert_eq!(diagnostic.span.line as usize, example_line);
    let related = &diagnostic.related[0];
    assert_eq!((related.file.as_str(), related.span.line as usize), ("v1.0/resources/widget.md", row_line));

    // The case is in its area's file of cases.
    let tests = |report: &mdapi::Report| {
        let in_cases = |f: &&mdapi_codegen::File| f.path.starts_with("tests/examples/cases/");
        report
            .files
            .iter()
            .filter(in_cases)
            .find(|f| f.contents.contains("name: \"get_widget\""))
            .unwrap()
            .contents
            .clone()
    };
    let case = |text: &str| {
        let at = text.find("name: \"get_widget\"").unwrap();
        text[at..at + text[at..].find("},\n    #[cfg").unwrap_or(text.len() - at)].to_owned()
    };
    assert!(case(&tests(&before)).contains("BodyCase::RoundTrip"));
    assert!(case(&tests(&after)).contains("BodyCase::DecodeFails"), "{}", case(&tests(&after)));
}

/// The format cache changes how fast a rerun is, never what it writes:
/// warm or cold, after a docs change or not, the files are the ones a run
/// without a cache gives, and `check` (which never uses it) agrees.
#[test]
fn the_format_cache_gives_the_same_files() {
    let fixture = widgets_fixture();
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture, &dir.path().join("docs"));
    let docs = dir.path().join("docs");
    let cache = dir.path().join("cache");
    let run = |out: &str, cached: bool| {
        let generator = mdapi::Generator::new().docs(&docs).out_dir(dir.path().join(out)).crate_name("widgets");
        let generator = if cached { generator.format_cache(&cache) } else { generator };
        generator.generate().unwrap().0.files
    };
    let cold = run("crate", true);
    // One pack per output folder holds the formatted files.
    let packs: Vec<_> = std::fs::read_dir(cache.join("formatted")).unwrap().flatten().collect();
    assert_eq!(packs.len(), 1);
    assert!(packs[0].metadata().unwrap().len() > 10_000, "formatted files are cached");
    // Without the run record, the rerun emits again and takes every file from the pack.
    std::fs::remove_dir_all(cache.join("runs")).unwrap();
    let warm = run("crate", true);
    assert_eq!(cold, warm);
    assert_eq!(cold, run("plain", false));

    let page = docs.join("v1.0/resources/widget.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("Size in millimetres.", "Size in millimetres, rounded.")).unwrap();
    let changed = run("crate", true);
    assert_eq!(changed, run("plain", false));
    assert_ne!(changed, cold);
    let generator = mdapi::Generator::new().docs(&docs).out_dir(dir.path().join("crate")).crate_name("widgets");
    assert!(generator.check().unwrap().1.is_empty());
}
