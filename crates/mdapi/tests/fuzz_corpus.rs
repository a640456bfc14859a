//! Replays what the fuzzers saved (`fuzz/corpus/<target>` and the inputs that
//! once crashed, `fuzz/regressions/<target>`) through the same checks the
//! fuzz targets run, on stable and without libFuzzer. See `fuzz/README.md`.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

use mdapi::robustness::{check_http_example, check_page, Violation};

fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

fn inputs(target: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = ["corpus", "regressions"]
        .iter()
        .map(|kind| fuzz_dir().join(kind).join(target))
        .filter(|dir| dir.is_dir())
        .flat_map(|dir| std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()))
        .filter(|path| path.file_name().is_some_and(|n| n != ".keep"))
        .collect();
    found.sort();
    found
}

fn replay(target: &str, check: fn(&[u8]) -> Result<(), Violation>) -> usize {
    let inputs = inputs(target);
    let failures: Vec<String> = inputs
        .iter()
        .filter_map(|path| check(&std::fs::read(path).unwrap()).err().map(|v| format!("{}: {v}", name(path))))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
    inputs.len()
}

fn name(path: &Path) -> String {
    path.strip_prefix(fuzz_dir()).unwrap_or(path).display().to_string()
}

#[test]
fn page_corpus_replays_clean() {
    // The seeds alone are 18 pages; the saved corpus adds what fuzzing found.
    assert!(replay("page", check_page) >= 18);
}

#[test]
fn http_example_corpus_replays_clean() {
    assert!(replay("http_example", check_http_example) >= 17);
}
