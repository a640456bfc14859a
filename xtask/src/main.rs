//! Project tasks: `cargo xtask gen [--check]`, `cargo xtask corpus [--write-floors]`,
//! `cargo xtask corpus-crate <v1.0|beta>`, `cargo xtask determinism`, `cargo xtask names-stability`,
//! `cargo xtask build-rerun`, `cargo xtask report [--screenshot FILE]`,
//! `cargo xtask least-privilege`, `cargo xtask permissions-sample`, `cargo xtask lint-sample [--todo]`, `cargo xtask e2e`, `cargo xtask semver`, `cargo xtask bench [--ratios | --short]`,
//! `cargo xtask sdk-cost [--build]`.
//!
//! `gen` regenerates the crates under `generated/` with the same library the
//! CLI uses; `gen --check` writes nothing, prints a diff and fails when a
//! committed crate is stale. The test at the bottom runs the check as part
//! of `cargo test`.

mod bench;
mod bench_disk;
mod build_rerun;
mod corpus;
mod corpus_crate;
mod determinism;
mod e2e;
mod e2e_mock;
mod least_privilege;
mod lint_sample;
mod measure;
mod names_stability;
mod permissions_sample;
mod report_check;
mod sdk_cost;
mod semver;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A generated crate kept in the repository: where it comes from and goes.
struct Target {
    /// Docs folders, read as one doc set.
    docs: &'static [&'static str],
    out: &'static str,
    crate_name: &'static str,
}

const TARGETS: &[Target] = &[
    // The five seed pages.
    Target { docs: &["docs-input"], out: "generated/graph", crate_name: "graph" },
    // Fixture pages written for tests: enums, keywords, collections, nulls.
    Target { docs: &["crates/mdapi/tests/fixtures/widgets"], out: "generated/widgets", crate_name: "widgets" },
    // Hostile pages: names and text that try to break the generated code.
    Target {
        docs: &["crates/mdapi/tests/fixtures/adversarial"],
        out: "generated/adversarial",
        crate_name: "adversarial",
    },
    // The wire as services write it: every Edm primitive in the forms
    // services send, OData literals in routes, derived types where their
    // base is declared (with the failing cases of those kinds).
    Target {
        docs: &[
            "crates/mdapi/tests/fixtures/wire",
            "crates/mdapi/tests/fixtures/cases/datetime-without-offset",
            "crates/mdapi/tests/fixtures/cases/function-string-quote",
            "crates/mdapi/tests/fixtures/cases/derived-type-tag",
        ],
        out: "generated/wire",
        crate_name: "wire",
    },
];

/// `[--docs DIR] [--seed N]`; the seed `docs/permissions.md`'s sample used is the default.
fn permissions_sample_args(args: &[&str]) -> Result<(Option<PathBuf>, u64), String> {
    let (mut docs, mut seed) = (None, 21);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match (*arg, args.next()) {
            ("--docs", Some(dir)) => docs = Some(PathBuf::from(dir)),
            ("--seed", Some(n)) => seed = n.parse().map_err(|_| format!("--seed takes a number, not `{n}`"))?,
            _ => return Err("usage: cargo xtask permissions-sample [--docs DIR] [--seed N]".to_owned()),
        }
    }
    Ok((docs, seed))
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Cargo's target folder, where every scratch folder of xtask goes:
/// `CARGO_TARGET_DIR` when it is set and not empty (a relative one from the
/// current folder, as cargo reads it), else `target/` in the workspace. So a
/// run with `CARGO_TARGET_DIR` elsewhere writes nothing into the repository.
fn target_dir(root: &Path) -> PathBuf {
    target_dir_from(root, std::env::var_os("CARGO_TARGET_DIR"), &std::env::current_dir().unwrap_or_default())
}

fn target_dir_from(root: &Path, var: Option<std::ffi::OsString>, current: &Path) -> PathBuf {
    match var {
        Some(dir) if !dir.is_empty() => current.join(dir),
        _ => root.join("target"),
    }
}

fn generator(root: &Path, target: &Target) -> mdapi::Generator {
    let generator = target.docs.iter().fold(mdapi::Generator::new(), |g, docs| g.docs(root.join(docs)));
    generator
        .out_dir(root.join(target.out))
        .crate_name(target.crate_name)
        .runtime_path(root.join("crates/mdapi-runtime"))
        .format_cache(crate::target_dir(root).join("mdapi-format-cache"))
}

/// Every stale file of every target, as unified diffs.
fn stale() -> Result<Vec<String>, String> {
    let root = workspace_root();
    let mut diffs = Vec::new();
    for target in TARGETS {
        let (_, differences) = generator(&root, target).check().map_err(|e| e.to_string())?;
        diffs.extend(differences.into_iter().map(|d| d.diff));
    }
    Ok(diffs)
}

fn gen(check: bool) -> Result<ExitCode, String> {
    if check {
        let diffs = stale()?;
        if diffs.is_empty() {
            eprintln!("generated/ is up to date");
            return Ok(ExitCode::SUCCESS);
        }
        diffs.iter().for_each(|diff| print!("{diff}"));
        eprintln!("{} generated files are stale: run `cargo xtask gen`", diffs.len());
        return Ok(ExitCode::from(1));
    }
    let root = workspace_root();
    for target in TARGETS {
        let (report, changes) = generator(&root, target).generate().map_err(|e| e.to_string())?;
        eprintln!(
            "{}: {} written, {} unchanged, {} removed ({} diagnostics: see `cargo run -p mdapi -- lint --docs {}`)",
            target.out,
            changes.written.len(),
            changes.unchanged,
            changes.removed.len(),
            report.analysis.diagnostics.len(),
            target.docs.join(" --docs "),
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn corpus(write_floors: bool) -> Result<ExitCode, String> {
    let failures = corpus::run(&workspace_root(), write_floors)?;
    if failures.is_empty() {
        println!("corpus: every figure is at or above its floor");
        return Ok(ExitCode::SUCCESS);
    }
    failures.iter().for_each(|f| println!("FAIL {f}"));
    Ok(ExitCode::from(1))
}

fn print_failures(failures: Vec<String>) -> ExitCode {
    failures.iter().for_each(|f| println!("FAIL {f}"));
    exit_code(failures)
}

fn exit_code(failures: Vec<String>) -> ExitCode {
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["gen"] => gen(false),
        ["gen", "--check"] => gen(true),
        ["corpus"] => corpus(false),
        ["corpus", "--write-floors"] => corpus(true),
        ["build-rerun"] => build_rerun::run(&workspace_root()).map(|failures| {
            failures.iter().for_each(|f| println!("FAIL {f}"));
            exit_code(failures)
        }),
        ["determinism"] => determinism::run(&workspace_root()).map(|failures| {
            failures.iter().for_each(|f| println!("FAIL {f}"));
            exit_code(failures)
        }),
        ["names-stability"] => names_stability::run(&workspace_root()).map(|failures| {
            failures.iter().for_each(|f| println!("FAIL {f}"));
            exit_code(failures)
        }),
        ["semver"] => semver::run(&workspace_root()).map(print_failures),
        ["lint-sample"] => lint_sample::run(&workspace_root(), false).map(print_failures),
        ["lint-sample", "--todo"] => lint_sample::run(&workspace_root(), true).map(print_failures),
        ["least-privilege"] => least_privilege::run(&workspace_root()).map(exit_code),
        ["permissions-sample", rest @ ..] => permissions_sample_args(rest)
            .and_then(|(docs, seed)| permissions_sample::run(&workspace_root(), docs, seed))
            .map(|()| ExitCode::SUCCESS),
        ["report"] => report_check::run(&workspace_root(), None).map(exit_code),
        ["report", "--screenshot", path] => report_check::run(&workspace_root(), Some(Path::new(path))).map(exit_code),
        ["corpus-crate", version] => corpus_crate::run(&workspace_root(), version).map(|_| ExitCode::SUCCESS),
        ["e2e"] => e2e::run(&workspace_root()).map(exit_code),
        ["e2e-mock"] => e2e_mock::run(&workspace_root(), true).map(|(failures, _)| print_failures(failures)),
        ["sdk-cost"] => sdk_cost::run(&workspace_root(), false, false).map(print_failures),
        ["sdk-cost", "--record"] => sdk_cost::run(&workspace_root(), false, true).map(print_failures),
        ["sdk-cost", "--build"] => sdk_cost::run(&workspace_root(), true, true).map(print_failures),
        ["bench"] => bench::run(&workspace_root(), bench::Mode::Full).map(print_failures),
        ["bench", "--ratios"] => bench::run(&workspace_root(), bench::Mode::Ratios).map(print_failures),
        ["bench", "--short"] => bench::run(&workspace_root(), bench::Mode::Short).map(print_failures),
        _ => Err("usage: cargo xtask gen [--check] | corpus [--write-floors] | corpus-crate <v1.0|beta> | determinism | names-stability | build-rerun | report [--screenshot FILE] | least-privilege | permissions-sample [--docs DIR] [--seed N] | lint-sample [--todo] | e2e | e2e-mock | semver | bench [--ratios | --short] | sdk-cost [--record | --build]"
            .to_owned()),
    };
    result.unwrap_or_else(|message| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// `CARGO_TARGET_DIR` moves every scratch folder, as it moves cargo's.
    #[test]
    fn the_target_folder_follows_cargo_target_dir() {
        let (root, current) = (Path::new("/repo"), Path::new("/work"));
        let at = |var: Option<&str>| super::target_dir_from(root, var.map(Into::into), current);
        assert_eq!(at(None), Path::new("/repo/target"));
        assert_eq!(at(Some("")), Path::new("/repo/target"));
        assert_eq!(at(Some("/elsewhere/t")), Path::new("/elsewhere/t"));
        assert_eq!(at(Some("out")), Path::new("/work/out"));
    }

    /// The committed crates are what `cargo xtask gen` would write now.
    #[test]
    fn generated_crates_are_fresh() {
        let diffs = super::stale().unwrap();
        assert!(diffs.is_empty(), "generated/ is stale; run `cargo xtask gen`:\n{}", diffs.concat());
    }
}
