//! `cargo xtask corpus-crate [v1.0|beta]`: generates the SDK crate of one
//! corpus version under `target/corpus-crates/`, then runs `cargo clippy`
//! (warnings denied) and `cargo test` on it, which runs one test per
//! documented example. Proof that real-scale output compiles, lints clean
//! and agrees with its own docs.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    cargo_output(dir, target, args, false).map(drop)
}

/// Runs cargo; with `capture`, returns its stdout (also echoed) for the
/// lines the example harness prints.
pub fn cargo_output(dir: &Path, target: &Path, args: &[&str], capture: bool) -> Result<String, String> {
    let started = Instant::now();
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    // No incremental state: these crates are built once per run, and for
    // the v1.0 SDK that state grew past 20 GB on the disk CI shares.
    command.current_dir(dir).env("CARGO_TARGET_DIR", target).env("CARGO_INCREMENTAL", "0").args(args);
    let (success, stdout) = if capture {
        let output = command.stderr(std::process::Stdio::inherit()).output().map_err(|e| e.to_string())?;
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        print!("{}", stdout.lines().filter(|l| !l.starts_with("test ")).map(|l| format!("{l}\n")).collect::<String>());
        (output.status.success(), stdout)
    } else {
        (command.status().map_err(|e| e.to_string())?.success(), String::new())
    };
    println!("cargo {} took {:.0} s", args.join(" "), started.elapsed().as_secs_f64());
    if success {
        Ok(stdout)
    } else {
        Err(format!("cargo {} failed in {}", args.join(" "), dir.display()))
    }
}

/// `(passed, failed, areas)` from the harness's client-check line.
pub fn client_tally(stdout: &str) -> Option<(usize, usize, usize)> {
    let line = stdout.lines().find(|l| l.starts_with("client check against a loopback mock:"))?;
    let numbers: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse().ok()).collect();
    match numbers.as_slice() {
        [passed, failed, areas] => Some((*passed, *failed, *areas)),
        _ => None,
    }
}

/// Where a version's SDK crate is generated and built.
pub struct CorpusCrate {
    pub dir: std::path::PathBuf,
    pub target: std::path::PathBuf,
    pub report: mdapi::Report,
}

/// Generates the crate of one corpus version under `target/corpus-crates/`,
/// as a workspace of its own with this workspace's lock file.
pub fn generate(root: &Path, version: &str) -> Result<CorpusCrate, String> {
    let docs = crate::corpus::corpus_dir(root).join("graph-docs").join(version);
    let base = crate::target_dir(root).join("corpus-crates");
    let out = base.join(version.replace('.', "_"));
    let report = generate_crate(root, &docs, &out, &format!("graph-{}", version.replace('.', "-")))?;
    Ok(CorpusCrate { dir: out, target: base.join("target"), report })
}

/// Generates the crate `name` from `docs` into `out`, a workspace of its
/// own with this workspace's lock file, depending on the runtime by path.
pub fn generate_crate(root: &Path, docs: &Path, out: &Path, name: &str) -> Result<mdapi::Report, String> {
    let started = Instant::now();
    let (report, changes) = mdapi::Generator::new()
        .docs(docs)
        .out_dir(out)
        .crate_name(name)
        .runtime_path(root.join("crates/mdapi-runtime"))
        .format_cache(crate::target_dir(root).join("mdapi-format-cache"))
        .generate()
        .map_err(|e| e.to_string())?;
    println!(
        "generated {} files ({} changed) from {} pages in {:.1} s",
        report.files.len(),
        changes.written.len(),
        report.docs.pages.len(),
        started.elapsed().as_secs_f64()
    );
    // The crate lies inside this workspace's folder: it declares its own
    // (empty) workspace so cargo builds it on its own, with our lock file.
    let manifest = out.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| e.to_string())?;
    if !text.contains("[workspace]") {
        std::fs::write(&manifest, text + "\n[workspace]\n").map_err(|e| e.to_string())?;
    }
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).map_err(|e| e.to_string())?;
    Ok(report)
}

/// Generates, lints and tests the crate; returns the example tests' stdout.
pub fn run(root: &Path, version: &str) -> Result<String, String> {
    let CorpusCrate { dir: out, target, report } = generate(root, version)?;
    cargo(&out, &target, &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"])?;
    let stdout = cargo_output(&out, &target, &["test", "--quiet"], true)?;
    // Each of the two largest API areas builds on its own, as do the two
    // together, the types no operation reaches alone, and no feature at all
    // (a model comes with any area that reaches it: these are the
    // combinations where a missing gate would show).
    let mut sizes: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for op in &report.analysis.api.operations {
        *sizes.entry(op.area.as_str()).or_default() += 1;
    }
    let mut areas: Vec<(&str, usize)> = sizes.into_iter().collect();
    areas.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let largest: Vec<&str> = areas.iter().take(2).map(|(area, _)| *area).collect();
    let pair = largest.join(",");
    for features in largest.iter().copied().chain([pair.as_str(), "other-types", ""]) {
        let mut args = vec!["check", "--quiet", "--tests", "--no-default-features"];
        if !features.is_empty() {
            args.extend(["--features", features]);
        }
        cargo(&out, &target, &args)?;
    }
    Ok(stdout)
}
