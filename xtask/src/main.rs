//! Project tasks: `cargo xtask gen [--check]`.
//!
//! `gen` regenerates `generated/graph` from `docs-input/` with the same
//! library the CLI uses; `gen --check` writes nothing, prints a diff and
//! fails when the committed crate is stale.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The generated crate kept in the repository: where it comes from and goes.
pub struct Target {
    pub docs: &'static str,
    pub out: &'static str,
    pub crate_name: &'static str,
}

pub const GENERATED: Target = Target { docs: "docs-input", out: "generated/graph", crate_name: "graph" };

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn generator(root: &Path) -> mdapi::Generator {
    mdapi::Generator::new()
        .docs(root.join(GENERATED.docs))
        .out_dir(root.join(GENERATED.out))
        .crate_name(GENERATED.crate_name)
        .runtime_path(root.join("crates/mdapi-runtime"))
}

fn gen(check: bool) -> Result<ExitCode, String> {
    let root = workspace_root();
    let generator = generator(&root);
    if check {
        let (report, differences) = generator.check().map_err(|e| e.to_string())?;
        if differences.is_empty() {
            eprintln!("{} is up to date ({} files)", GENERATED.out, report.files.len());
            return Ok(ExitCode::SUCCESS);
        }
        for difference in &differences {
            print!("{}", difference.diff);
        }
        eprintln!(
            "{} of {} files in {} are stale: run `cargo xtask gen`",
            differences.len(),
            report.files.len(),
            GENERATED.out
        );
        return Ok(ExitCode::from(1));
    }
    let (report, changes) = generator.generate().map_err(|e| e.to_string())?;
    eprintln!(
        "{}: {} written, {} unchanged, {} removed ({} diagnostics: see `cargo run -p mdapi -- lint --docs {}`)",
        GENERATED.out,
        changes.written.len(),
        changes.unchanged,
        changes.removed.len(),
        report.analysis.diagnostics.len(),
        GENERATED.docs,
    );
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["gen"] => gen(false),
        ["gen", "--check"] => gen(true),
        _ => Err("usage: cargo xtask gen [--check]".to_owned()),
    };
    result.unwrap_or_else(|message| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    })
}
