//! `cargo xtask semver`: what changed for users of the generated v1.0 SDK
//! between two releases of the docs, seen by two tools that must agree.
//!
//! The v1.0 crate is generated from `graph-docs-2021-01/v1.0` (old) and
//! `graph-docs/v1.0` (new) under `target/semver/`. cargo-semver-checks
//! (installed from crates.io at [`TOOL_VERSION`] into `target/tools`)
//! compares their public APIs; `mdapi diff` compares the docs. Every break
//! the tool reports is traced to the docs item it stands for
//! ([`items`]) and must be one `mdapi diff` marks breaking; every change
//! `mdapi diff` marks breaking must show in the crate: reported by the
//! tool, or a field, parameter or return type that changed (the tool has
//! no lint for a changed type, so the job compares the generated types
//! itself). What remains is a failure unless `xtask/semver-allowlist.md`
//! lists its kind with the reason.

mod findings;
mod items;
mod table;
mod trace;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use items::Crate;
use trace::Traced;

/// The cargo-semver-checks release CI installs from crates.io.
const TOOL_VERSION: &str = "0.51.0";

/// Lints and `mdapi diff` kinds whose disagreements are expected, each
/// with its reason (a markdown table `docs/measurements.md` links).
const ALLOWLIST: &str = "xtask/semver-allowlist.md";

/// `target/tools/bin/cargo-semver-checks` at [`TOOL_VERSION`], installed
/// unless it is there already.
fn install(root: &Path) -> Result<PathBuf, String> {
    let tools = crate::target_dir(root).join("tools");
    let bin = tools.join("bin/cargo-semver-checks");
    let installed = Command::new(&bin).args(["semver-checks", "--version"]).output();
    if installed.is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains(TOOL_VERSION)) {
        return Ok(bin);
    }
    let started = Instant::now();
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["install", "--quiet", "--locked", "--version", TOOL_VERSION, "cargo-semver-checks", "--root"])
        .arg(&tools)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("cargo install cargo-semver-checks@{TOOL_VERSION} failed"));
    }
    println!("installed cargo-semver-checks {TOOL_VERSION} in {:.0} s", started.elapsed().as_secs_f64());
    Ok(bin)
}

/// Runs the tool on the two crates; its report (stdout). The tool exits 1
/// when it finds breaks, so success is judged by its summary line.
fn semver_checks(tool: &Path, base: &Path, old: &Path, new: &Path) -> Result<String, String> {
    let started = Instant::now();
    // The generated crate's API does not depend on the `client` feature;
    // leaving it off spares building reqwest for rustdoc.
    let output = Command::new(tool)
        .current_dir(base)
        .env("CARGO_TARGET_DIR", base.join("target"))
        .args(["semver-checks", "--color", "never", "--release-type", "minor"])
        .args(["--only-explicit-features", "--features", "all-areas", "--baseline-root"])
        .arg(old)
        .arg("--manifest-path")
        .arg(new.join("Cargo.toml"))
        .output()
        .map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    std::fs::write(base.join("semver-checks.txt"), &output.stdout).map_err(|e| e.to_string())?;
    println!(
        "cargo semver-checks took {:.0} s (report: {})",
        started.elapsed().as_secs_f64(),
        base.join("semver-checks.txt").display()
    );
    match stderr.lines().find(|l| l.trim_start().starts_with("Checked [")) {
        Some(line) => println!("  {}", line.trim()),
        None => return Err(format!("cargo semver-checks did not finish its checks:\n{stderr}")),
    }
    Ok(stdout)
}

/// `(name, reason)` rows of the allowlist's table: a name is a
/// cargo-semver-checks lint or an `mdapi diff` kind, in backticks.
fn allowlist(root: &Path) -> Result<BTreeMap<String, String>, String> {
    let text = std::fs::read_to_string(root.join(ALLOWLIST)).map_err(|e| format!("{ALLOWLIST}: {e}"))?;
    Ok(text
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let name = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((name.to_owned(), cells.get(2)?.to_string()))
        })
        .collect())
}

pub fn run(root: &Path) -> Result<Vec<String>, String> {
    let allowed = allowlist(root)?;
    let tool = install(root)?;
    let corpus = crate::corpus::corpus_dir(root);
    let base = crate::target_dir(root).join("semver");
    let (old_dir, new_dir) = (base.join("old"), base.join("new"));
    let name = "graph-v1-0";
    let old_report =
        crate::corpus_crate::generate_crate(root, &corpus.join("graph-docs-2021-01/v1.0"), &old_dir, name)?;
    let new_report = crate::corpus_crate::generate_crate(root, &corpus.join("graph-docs/v1.0"), &new_dir, name)?;
    let (old_api, new_api) = (&old_report.analysis.api, &new_report.analysis.api);
    let changes = mdapi::diff::compare(old_api, new_api);
    let marked = changes.iter().filter(|c| c.breaking).count();
    println!("mdapi diff: {} changes, {marked} breaking", changes.len());
    let report = semver_checks(&tool, &base, &old_dir, &new_dir)?;
    let utf8 = |dir: &Path| dir.to_str().map(str::to_owned).ok_or("the repository path is not UTF-8");
    let findings = findings::parse(&report, &utf8(&old_dir)?, &utf8(&new_dir)?)?;
    let (old, new) = (Crate::new(old_api, old_dir), Crate::new(new_api, new_dir));
    let traced: Vec<Traced> = findings.iter().map(|f| trace::trace(f, &changes, &old, &new)).collect();
    trace::write_traces(&base.join("traces.txt"), &traced, &changes)?;
    let breaking = trace::breaking_in_crate(&traced, &changes, &old, &new);
    Ok(table::print_and_judge(&traced, &changes, &breaking, &allowed))
}
