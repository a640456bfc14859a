//! `cargo xtask sdk-cost [--build]`: what the generated v1.0 SDK costs the
//! people who use it (issue 22; docs/sdk-cost.md).
//!
//! Always, on the v1.0 SDK generated into `target/corpus-crates/v1_0`:
//! - **source size**: bytes of `src/` and of its `endpoints/`, `models/`
//!   and `paths/`, and endpoint plus path-tree bytes per operation;
//! - **`cargo check`** of the SDK crate alone, its dependencies built, with
//!   no incremental state (a first check of a newly generated crate):
//!   all features, and one area (`--no-default-features --features users`).
//!
//! With `--build`, the user's side, in release (the profile users ship):
//! - **the SDK crate's own release build**: cargo's `--timings` figure for
//!   the `graph-v1-0` unit when `examples/everyday` is first built (only
//!   when the SDK or the runtime changed since the last run: otherwise cargo
//!   does not rebuild it and the figure is left out);
//! - **`examples/everyday`** rebuilt after its `main.rs` is touched: a
//!   release build is not incremental, so any one-line edit costs this
//!   whole rebuild of the user's crate. Its time is cargo's `--timings`
//!   figure for the `everyday` unit (and the rebuild's wall time);
//! - **binary sizes**: `everyday` against `examples/runtime-only` (the same
//!   client, async runtime and mock server with no SDK), as built and
//!   stripped.
//!
//! Every figure is compared with `xtask/sdk-cost-baseline.json`; a figure
//! more than [`MAX_RATIO`] times its recorded value fails the run (CI's
//! regression guard). The record is printed as one JSON line, and appended
//! to `xtask/sdk-cost-history.jsonl` with `--record` or `--build` (by hand:
//! CI's run leaves the repository as it was).

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use serde_json::{json, Map, Value};

use crate::corpus_crate::cargo_output;

/// A figure this many times its recorded value is a regression.
pub const MAX_RATIO: f64 = 2.0;

/// The sum of `measure` over the files under `dir`, recursively.
fn sum_files(dir: &Path, measure: &dyn Fn(&Path, u64) -> Result<u64, String>) -> Result<u64, String> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let meta = entry.metadata().map_err(|e| e.to_string())?;
        total += if meta.is_dir() { sum_files(&entry.path(), measure)? } else { measure(&entry.path(), meta.len())? };
    }
    Ok(total)
}

/// Bytes of the files under `dir`, recursively.
fn bytes_under(dir: &Path) -> Result<u64, String> {
    sum_files(dir, &|_, len| Ok(len))
}

/// Bytes of the doc comment lines (`///`, `//!`, with their indentation
/// and line ends) of the `.rs` files under `dir`, recursively.
fn doc_comment_bytes(dir: &Path) -> Result<u64, String> {
    sum_files(dir, &|path, _| {
        if path.extension().is_none_or(|e| e != "rs") {
            return Ok(0);
        }
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let doc_line = |line: &&str| line.trim_start().starts_with("///") || line.trim_start().starts_with("//!");
        Ok(text.split_inclusive('\n').filter(doc_line).map(|line| line.len() as u64).sum())
    })
}

/// Marks `file` changed for cargo without changing its contents.
fn touch(file: &Path) -> Result<(), String> {
    std::fs::File::options()
        .append(true)
        .open(file)
        .and_then(|f| f.set_modified(SystemTime::now()))
        .map_err(|e| format!("{}: {e}", file.display()))
}

/// `cargo <args> --manifest-path <dir>/Cargo.toml`, timed. The manifest is
/// named, not found from the working folder: the operating system gives
/// that folder with links resolved, and the crate's relative path to the
/// runtime holds only from the path it was generated at.
fn timed(dir: &Path, target: &Path, args: &[&str]) -> Result<f64, String> {
    let manifest = dir.join("Cargo.toml");
    let manifest = manifest.to_str().ok_or("the repository path is not UTF-8")?;
    let args: Vec<&str> = args.iter().copied().chain(["--manifest-path", manifest]).collect();
    let started = Instant::now();
    cargo_output(dir, target, &args, false)?;
    Ok(started.elapsed().as_secs_f64())
}

/// `--timings`' duration of the unit `name` in the newest report under
/// `target/cargo-timings` (its `UNIT_DATA` table).
fn unit_seconds(target: &Path, name: &str) -> Result<f64, String> {
    let dir = target.join("cargo-timings");
    let newest = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("cargo-timing-")))
        .max()
        .ok_or("no cargo-timing report")?;
    let html = std::fs::read_to_string(&newest).map_err(|e| e.to_string())?;
    unit_duration(&html, name).ok_or_else(|| format!("no unit `{name}` in {}", newest.display()))
}

/// The `duration` of unit `name` in a `--timings` HTML report.
fn unit_duration(html: &str, name: &str) -> Option<f64> {
    let start = html.find("UNIT_DATA = ")? + "UNIT_DATA = ".len();
    let end = start + html[start..].find("];")? + 1;
    let units: Vec<Value> = serde_json::from_str(&html[start..end]).ok()?;
    units.iter().filter(|u| u["name"] == name).filter_map(|u| u["duration"].as_f64()).reduce(f64::max)
}

/// Size of `binary` as built and stripped (by `strip`, into a temp copy).
fn sizes(binary: &Path) -> Result<(u64, u64), String> {
    let built = std::fs::metadata(binary).map_err(|e| format!("{}: {e}", binary.display()))?.len();
    let stripped_path = binary.with_extension("stripped");
    let status = std::process::Command::new("strip")
        .arg("-o")
        .arg(&stripped_path)
        .arg(binary)
        .status()
        .map_err(|e| format!("strip: {e}"))?;
    if !status.success() {
        return Err(format!("strip {} failed", binary.display()));
    }
    let stripped = std::fs::metadata(&stripped_path).map_err(|e| e.to_string())?.len();
    std::fs::remove_file(&stripped_path).map_err(|e| e.to_string())?;
    Ok((built, stripped))
}

/// Builds the example `name` (a crate of its own under `examples/`) in
/// release in `target`, with this workspace's lock file.
fn build_example(root: &Path, target: &Path, name: &str, timings: bool) -> Result<PathBuf, String> {
    let dir = root.join("examples").join(name);
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let manifest = dir.join("Cargo.toml");
    let manifest = manifest.to_str().ok_or("the repository path is not UTF-8")?;
    let mut args = vec!["build", "--quiet", "--release", "--manifest-path", manifest];
    if timings {
        args.push("--timings");
    }
    cargo_output(root, target, &args, false)?;
    Ok(target.join("release").join(name))
}

/// Where `examples/everyday` takes the SDK from: its manifest's
/// `graph-v1-0 = { path = ".." }`, joined to its folder as cargo joins it
/// (by the words of the path, following no links).
fn everyday_sdk_path(root: &Path) -> Result<PathBuf, String> {
    let dir = root.join("examples/everyday");
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).map_err(|e| format!("examples/everyday: {e}"))?;
    let relative = manifest
        .lines()
        .filter(|line| line.trim_start().starts_with("graph-v1-0"))
        .find_map(|line| line.split("path = \"").nth(1)?.split('"').next())
        .ok_or("examples/everyday/Cargo.toml names no path for graph-v1-0")?;
    let mut path = dir;
    for part in Path::new(relative).components() {
        match part {
            std::path::Component::ParentDir => {
                path.pop();
            }
            std::path::Component::CurDir => {}
            other => path.push(other),
        }
    }
    Ok(path)
}

/// `examples/everyday` builds the SDK at the path its manifest names, and
/// the SDK finds the runtime by a path relative to where it was generated;
/// cargo joins both as written. So the SDK must be generated at that very
/// path, which `CARGO_TARGET_DIR` moves (a link from there to a target
/// folder elsewhere is fine when `CARGO_TARGET_DIR` names the link).
fn check_sdk_path(root: &Path, sdk: &Path) -> Result<(), String> {
    let expected = everyday_sdk_path(root)?;
    if sdk == expected {
        Ok(())
    } else {
        Err(format!(
            "examples/everyday builds the SDK at {}, but it is generated into {}: run with CARGO_TARGET_DIR \
             unset, or naming the folder that holds corpus-crates/ there",
            expected.display(),
            sdk.display(),
        ))
    }
}

/// The user's side: the SDK crate's release build, `examples/everyday`
/// rebuilt after an edit, and the binaries.
fn user_build(root: &Path, target: &Path, figures: &mut Map<String, Value>) -> Result<(), String> {
    let everyday = build_example(root, target, "everyday", true)?;
    // A unit cargo found fresh is in the report with no time.
    match unit_seconds(target, "graph-v1-0") {
        Ok(sdk) if sdk > 0.0 => {
            println!("  the SDK crate's own release build: {sdk:.1} s");
            figures.insert("sdk_release_unit_s".into(), json!(sdk));
        }
        _ => println!("  the SDK crate was not rebuilt (unchanged since the last run): no figure for it"),
    }
    touch(&root.join("examples/everyday/src/main.rs"))?;
    let started = Instant::now();
    build_example(root, target, "everyday", true)?;
    let wall = started.elapsed().as_secs_f64();
    let unit = unit_seconds(target, "everyday")?;
    // A binary's size counts only if the program it holds works: everyday
    // exits non-zero when a step fails against its mock.
    let status = std::process::Command::new(&everyday)
        .stdout(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("{}: {e}", everyday.display()))?;
    if !status.success() {
        return Err(format!("{} failed ({status}): run it to see which step", everyday.display()));
    }
    let (built, stripped) = sizes(&everyday)?;
    let runtime_only = build_example(root, target, "runtime-only", false)?;
    let (base_built, base_stripped) = sizes(&runtime_only)?;
    println!("  everyday, release rebuild after an edit: {unit:.1} s in its own crate ({wall:.1} s wall)");
    println!(
        "  everyday binary: {:.1} MB ({:.1} MB stripped); runtime-only: {:.1} MB ({:.1} MB stripped); ratio {:.2} ({:.2} stripped)",
        mb(built),
        mb(stripped),
        mb(base_built),
        mb(base_stripped),
        built as f64 / base_built as f64,
        stripped as f64 / base_stripped as f64
    );
    figures.insert("everyday_rebuild_unit_s".into(), json!(unit));
    figures.insert("everyday_rebuild_wall_s".into(), json!(wall));
    figures.insert("everyday_binary_bytes".into(), json!(built));
    figures.insert("everyday_binary_stripped_bytes".into(), json!(stripped));
    figures.insert("runtime_only_binary_bytes".into(), json!(base_built));
    figures.insert("runtime_only_binary_stripped_bytes".into(), json!(base_stripped));
    Ok(())
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// Figures more than [`MAX_RATIO`] times their recorded value.
pub fn regressions(figures: &Map<String, Value>, baseline: &Map<String, Value>) -> Vec<String> {
    let mut failures = Vec::new();
    for (key, value) in figures {
        let (Some(now), Some(then)) = (value.as_f64(), baseline.get(key).and_then(Value::as_f64)) else { continue };
        if then > 0.0 && now > MAX_RATIO * then {
            failures.push(format!("{key} is {now:.1}, more than {MAX_RATIO}x the recorded {then:.1}"));
        }
    }
    failures
}

/// Runs the measurement; returns the regressions (empty when it passes).
pub fn run(root: &Path, build: bool, record_it: bool) -> Result<Vec<String>, String> {
    let krate = crate::corpus_crate::generate(root, "v1.0")?;
    if build {
        check_sdk_path(root, &krate.dir)?;
    }
    let src = krate.dir.join("src");
    let operations = krate.report.analysis.api.operations.len().max(1) as u64;
    let mut figures = Map::new();
    let total = bytes_under(&src)?;
    for part in ["endpoints", "models", "paths"] {
        figures.insert(format!("src_{part}_bytes"), json!(bytes_under(&src.join(part))?));
    }
    let per_operation = (bytes_under(&src.join("endpoints"))? + bytes_under(&src.join("paths"))?) / operations;
    let docs = doc_comment_bytes(&src)?;
    figures.insert("src_bytes".into(), json!(total));
    figures.insert("src_doc_comment_bytes".into(), json!(docs));
    figures.insert("operation_bytes".into(), json!(per_operation));
    println!(
        "  v1.0 src/: {:.2} MB, of which doc comments {:.2} MB; endpoint and path-tree code per operation: \
         {per_operation} bytes",
        mb(total),
        mb(docs)
    );

    let lib = src.join("lib.rs");
    let (dir, target) = (&krate.dir, &krate.target);
    timed(dir, target, &["check", "--quiet", "--all-features"])?;
    touch(&lib)?;
    let all = timed(dir, target, &["check", "--quiet", "--all-features"])?;
    timed(dir, target, &["check", "--quiet", "--no-default-features", "--features", "users"])?;
    touch(&lib)?;
    let one = timed(dir, target, &["check", "--quiet", "--no-default-features", "--features", "users"])?;
    println!("  cargo check of the v1.0 SDK crate: all features {all:.1} s, --features users {one:.1} s");
    figures.insert("check_all_features_s".into(), json!(all));
    figures.insert("check_users_s".into(), json!(one));

    if build {
        user_build(root, target, &mut figures)?;
    }

    let baseline_path = root.join("xtask/sdk-cost-baseline.json");
    let baseline: Map<String, Value> = std::fs::read_to_string(&baseline_path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .ok_or_else(|| format!("{} is missing or not a JSON object", baseline_path.display()))?;
    let record = json!({
        "unix_time": SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()),
        "figures": figures,
    });
    println!("{record}");
    if record_it {
        let history = root.join("xtask/sdk-cost-history.jsonl");
        let mut text = std::fs::read_to_string(&history).unwrap_or_default();
        text.push_str(&format!("{record}\n"));
        std::fs::write(&history, text).map_err(|e| e.to_string())?;
    }
    Ok(regressions(&figures, &baseline))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_units_duration_from_a_timings_report() {
        let html = r#"<script>
const UNIT_DATA = [
{"i":0,"name":"serde","version":"1.0.0","mode":"todo","target":"","features":[],"start":0.1,"duration":2.5,"unblocked_units":[],"unblocked_rmeta_units":[],"sections":null},
{"i":1,"name":"graph-v1-0","version":"0.1.0","mode":"todo","target":"","features":[],"start":3.0,"duration":0.0,"unblocked_units":[],"unblocked_rmeta_units":[],"sections":null},
{"i":2,"name":"everyday","version":"0.1.0","mode":"todo","target":" everyday \"bin\"","features":[],"start":3.0,"duration":12.25,"unblocked_units":[],"unblocked_rmeta_units":[],"sections":null}
];
const CONCURRENCY_DATA = [];
</script>"#;
        assert_eq!(unit_duration(html, "everyday"), Some(12.25));
        assert_eq!(unit_duration(html, "graph-v1-0"), Some(0.0), "a fresh unit is listed with no time");
        assert_eq!(unit_duration(html, "tokio"), None);
        assert_eq!(unit_duration("no report", "everyday"), None);
    }

    #[test]
    fn the_sdk_path_is_read_from_everydays_manifest() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default();
        let sdk = everyday_sdk_path(&root).unwrap_or_default();
        assert!(sdk.ends_with("corpus-crates/v1_0"), "{}", sdk.display());
        assert!(!sdk.components().any(|c| c == std::path::Component::ParentDir), "{}", sdk.display());
        assert!(check_sdk_path(&root, &sdk).is_ok());
        assert!(check_sdk_path(&root, Path::new("/elsewhere/corpus-crates/v1_0")).is_err());
    }

    #[test]
    fn a_figure_over_twice_its_record_is_a_regression() {
        let baseline: Map<String, Value> =
            serde_json::from_value(json!({ "src_bytes": 100, "check_users_s": 4.0 })).unwrap_or_default();
        let ok: Map<String, Value> =
            serde_json::from_value(json!({ "src_bytes": 200, "check_users_s": 1.0, "new": 9 })).unwrap_or_default();
        assert!(regressions(&ok, &baseline).is_empty());
        let worse: Map<String, Value> = serde_json::from_value(json!({ "src_bytes": 201 })).unwrap_or_default();
        assert_eq!(regressions(&worse, &baseline).len(), 1);
    }
}
