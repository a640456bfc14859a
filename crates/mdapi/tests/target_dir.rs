//! Tests and tools write where cargo builds: under `CARGO_TARGET_DIR` when
//! it is set. A test's scratch folder is `env!("CARGO_TARGET_TMPDIR")`
//! (cargo's `<target>/tmp`) and xtask's is `target_dir(root)`, so no test
//! or tool may name the repository's own `target/` folder: the kind of
//! fault that wrote 705 MB into the repository with `CARGO_TARGET_DIR` set
//! elsewhere.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// How a path into the repository's own target folder is spelled in Rust
/// (the repository's root is `root` or `root()` throughout).
const HARD_CODED: &[&str] = &["root.join(\"target", "root().join(\"target", "\"./target", "\"target/"];

/// The one place allowed to name it: xtask's `target_dir` when
/// `CARGO_TARGET_DIR` is not set.
const ALLOWED: &[(&str, &str)] = &[("xtask/src/main.rs", "_ => root.join(\"target\"),")];

fn hard_coded(source: &str) -> Vec<(usize, &str)> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| HARD_CODED.iter().any(|p| line.contains(p)))
        .map(|(n, line)| (n + 1, line.trim()))
        .collect()
}

/// The `.rs` files of every crate's tests, examples and build script, and
/// of xtask: the code that runs as a test or a tool.
fn tests_and_tools(root: &Path) -> Vec<PathBuf> {
    let mut folders = vec![root.join("xtask/src")];
    for krate in std::fs::read_dir(root.join("crates")).unwrap() {
        let krate = krate.unwrap().path();
        folders.extend(["tests", "examples", "benches"].map(|f| krate.join(f)));
        folders.push(krate.join("build.rs"));
    }
    folders.push(root.join("examples"));
    let mut files: Vec<PathBuf> = folders
        .iter()
        .filter(|f| f.exists())
        .flat_map(|f| walkdir::WalkDir::new(f).into_iter().map(|e| e.unwrap().into_path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && !p.components().any(|c| c.as_os_str() == "fixtures"))
        .collect();
    files.sort();
    files
}

#[test]
fn no_test_or_tool_hard_codes_the_repository_target_folder() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let files = tests_and_tools(&root);
    assert!(files.iter().any(|f| f.ends_with("xtask/src/bench.rs")), "xtask is scanned");
    assert!(files.iter().any(|f| f.ends_with("tests/cases.rs")), "the tests are scanned");
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("crates/mdapi/tests/target_dir.rs")) {
        let source = std::fs::read_to_string(file).unwrap();
        let name = file.strip_prefix(&root).unwrap_or(file).to_string_lossy().replace('\\', "/");
        for (line, text) in hard_coded(&source) {
            if !ALLOWED.contains(&(name.as_str(), text)) {
                found.push(format!("{name}:{line}: {text}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "use env!(\"CARGO_TARGET_TMPDIR\") in tests and `target_dir(root)` in xtask:\n{}",
        found.join("\n")
    );
}

#[test]
fn each_spelling_of_the_target_folder_is_caught() {
    for line in [
        r#"let t = root.join("target");"#,
        r#".env("CARGO_TARGET_DIR", root.join("target/standalone"))"#,
        r#"let f = Path::new("./target/x");"#,
        r#"let f = "target/mdapi-format-cache";"#,
        r#"cargo(root(), &root().join("target"))"#,
    ] {
        assert_eq!(hard_coded(line).len(), 1, "{line}");
    }
    let fine = r#"// root.join("target") in a comment
.env("CARGO_TARGET_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("standalone"))
let option = "target";
let scratch = base.join("target");"#;
    assert!(hard_coded(fine).is_empty());
}

/// The folder cargo gives this test for scratch is under the target folder
/// cargo built it in, so it follows `CARGO_TARGET_DIR`.
#[test]
fn the_test_scratch_folder_is_under_the_folder_cargo_built_into() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let exe = std::env::current_exe().unwrap().canonicalize().unwrap();
    // <target>/tmp, and <target>/[<triple>/]debug/deps/target_dir-<hash>.
    let target = scratch.parent().unwrap().canonicalize().unwrap();
    assert!(exe.starts_with(&target), "{} is not under {}", exe.display(), target.display());
}
