//! Incremental regeneration, the way `cargo xtask gen`, build scripts and
//! `mdapi gen --format-cache DIR` rerun: what a rerun writes is exactly what
//! a fresh full run would, and a rerun with nothing changed rewrites no
//! file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

const WIDGETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/widgets");

/// A writable copy of the widgets fixture docs.
fn copy_docs(into: &Path) -> PathBuf {
    let docs = into.join("docs");
    for entry in walkdir::WalkDir::new(WIDGETS).into_iter().flatten() {
        let relative = entry.path().strip_prefix(WIDGETS).unwrap();
        let to = docs.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    docs
}

/// Every file under `dir`, by `/`-separated relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn generator(docs: &Path, out: &Path) -> mdapi::Generator {
    mdapi::Generator::new().docs(docs).out_dir(out).crate_name("widgets")
}

/// Sets every file under `dir` to one old modification time, so any
/// rewrite shows.
fn age(dir: &Path, when: SystemTime) {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        std::fs::File::options().append(true).open(entry.path()).unwrap().set_modified(when).unwrap();
    }
}

fn modified(dir: &Path) -> BTreeMap<String, SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_string_lossy().into_owned(), e.metadata().unwrap().modified().unwrap()))
        .collect()
}

/// The kind of fault: an incremental run whose output drifts from a full
/// run's after a page changes (a stale cache entry, a file left over).
#[test]
fn one_page_changed_gives_what_a_fresh_full_run_gives() {
    let scratch = tempfile::tempdir().unwrap();
    let docs = copy_docs(scratch.path());
    let (out, cache) = (scratch.path().join("out"), scratch.path().join("cache"));
    let (_, first) = generator(&docs, &out).format_cache(&cache).generate().unwrap();
    assert!(!first.written.is_empty());

    // A property added to one resource page.
    let page = docs.join("v1.0/resources/widgetpart.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}| weight | Double | How heavy the part is, in grams. |\n")).unwrap();
    let (report, changes) = generator(&docs, &out).format_cache(&cache).generate().unwrap();
    assert!(!report.reused, "a changed page must not reuse the last run");
    assert!(!changes.written.is_empty(), "the changed page's files are written");
    assert!(
        changes.written.len() < first.written.len() / 2,
        "only what the page affects is written: {:?}",
        changes.written
    );
    assert!(changes.written.iter().any(|path| path.contains("widget_part")), "{:?}", changes.written);

    let fresh = scratch.path().join("fresh");
    generator(&docs, &fresh).generate().unwrap();
    let (incremental, full) = (tree(&out), tree(&fresh));
    assert_eq!(incremental.keys().collect::<Vec<_>>(), full.keys().collect::<Vec<_>>());
    for (path, bytes) in &full {
        assert!(incremental[path] == *bytes, "{path} differs from a fresh full run");
    }
}

/// The kind of fault: a rerun with the same inputs that rewrites files
/// (their new timestamps make cargo rebuild the crate).
#[test]
fn a_rerun_with_nothing_changed_rewrites_no_file() {
    let scratch = tempfile::tempdir().unwrap();
    let docs = copy_docs(scratch.path());
    let (out, cache) = (scratch.path().join("out"), scratch.path().join("cache"));
    let (first, _) = generator(&docs, &out).format_cache(&cache).generate().unwrap();
    assert!(!first.reused);
    let long_ago = SystemTime::now() - Duration::from_secs(86_400);
    age(&out, long_ago);
    let before = modified(&out);

    let (report, changes) = generator(&docs, &out).format_cache(&cache).generate().unwrap();
    assert!(report.reused, "same inputs, same output folder: the run is reused");
    assert_eq!((changes.written.len(), changes.removed.len()), (0, 0));
    assert_eq!(changes.unchanged, first.files.len());
    assert_eq!(modified(&out), before, "no file was rewritten");
    // What a reused run reports is what the full run reported.
    assert_eq!(report.files, first.files);
    assert_eq!(report.analysis.diagnostics, first.analysis.diagnostics);

    // A file edited by hand is not trusted: the run is done and restores it.
    let lib = out.join("src/lib.rs");
    let original = std::fs::read(&lib).unwrap();
    std::fs::write(&lib, b"// edited\n").unwrap();
    let (report, changes) = generator(&docs, &out).format_cache(&cache).generate().unwrap();
    assert!(!report.reused);
    assert_eq!(changes.written, ["src/lib.rs"]);
    assert_eq!(std::fs::read(&lib).unwrap(), original);

    // A file added to a folder mdapi owns is not trusted either: it is removed.
    std::fs::write(out.join("src/stray.rs"), b"").unwrap();
    let (report, changes) = generator(&docs, &out).format_cache(&cache).generate().unwrap();
    assert!(!report.reused);
    assert_eq!(changes.removed, ["src/stray.rs"]);

    // Other options are other inputs.
    let (report, _) = generator(&docs, &out).crate_name("gadgets").format_cache(&cache).generate().unwrap();
    assert!(!report.reused);
}

/// The CLI as a person reruns it: the second `mdapi gen` says it wrote nothing.
#[test]
fn the_cli_says_a_rerun_was_reused() {
    let scratch = tempfile::tempdir().unwrap();
    let docs = copy_docs(scratch.path());
    let (out, cache) = (scratch.path().join("out"), scratch.path().join("cache"));
    let run = || {
        let output = Command::new(env!("CARGO_BIN_EXE_mdapi"))
            .args(["gen", "--docs"])
            .arg(&docs)
            .arg("--out")
            .arg(&out)
            .arg("--format-cache")
            .arg(&cache)
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stderr).unwrap()
    };
    let first = run();
    assert!(!first.contains("reused"), "{first}");
    let second = run();
    assert!(second.contains(": 0 files written,") && second.contains("reused"), "{second}");
    // The summary line counts the same findings both times.
    let summary =
        |text: &str| text.lines().find(|l| l.contains(" pages (")).map(|l| l.split(" in ").next().unwrap().to_owned());
    assert_eq!(summary(&first), summary(&second));
}
