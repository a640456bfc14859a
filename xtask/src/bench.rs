//! `cargo xtask bench [--short]`: how fast mdapi reads and generates all of
//! Graph, against the floor any markdown-based generator must pay.
//!
//! Over `../shared/corpus/graph-docs` (both versions), on all cores, in one
//! run on one machine:
//! - **floor**: read every page and run pulldown-cmark over it, consuming
//!   every event (`mdapi-parse`'s `markdown_floor` example);
//! - **ir**: `mdapi ir` over the whole corpus (parse and lower, JSON out);
//! - **gen**: `mdapi gen` of the v1.0 crate plus the beta crate (everything,
//!   formatted files written to a fresh temp dir; their times add up and the
//!   peak memory is the larger one).
//!
//! Each is a release binary run as its own process, so wall time and peak
//! memory (`wait4`'s `ru_maxrss`) are the process's own. The three are run
//! in turn, five rounds (one with `--short`), and medians are reported with
//! the ratios gen/floor and ir/floor. The full run also measures scaling
//! (10/25/50/100% of the pages), the **format floor** (syn and prettyplease
//! over the files gen wrote, which gen cannot do with less: `mdapi-codegen`'s
//! `format_floor` example), `cargo check` of the generated v1.0 crate and
//! the no-op `build.rs` rerun, and appends a line to
//! `xtask/bench-history.jsonl`. `--short` fails if gen/floor is above
//! [`SHORT_MAX_GEN_RATIO`], or the bound `--max-gen-ratio N` gives.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::{json, Value};
use wait4::Wait4;

/// The bound on gen/floor a short run enforces unless told otherwise
/// (the goal is 3).
pub const SHORT_MAX_GEN_RATIO: f64 = 5.0;
const ROUNDS: usize = 5;
const SCALES: &[f64] = &[0.10, 0.25, 0.50, 1.0];
/// Runs per scaling point (median): with 3, one slow run at the 10% point
/// (0.4 s) on this noisy machine could put a point 20% off the line.
const SCALE_RUNS: usize = 5;

/// Wall time and peak resident memory of one process.
#[derive(Clone, Copy, Debug)]
struct Sample {
    seconds: f64,
    peak_bytes: u64,
}

fn measure(program: &Path, args: &[&str]) -> Result<Sample, String> {
    let started = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", program.display()))?;
    let usage = child.wait4().map_err(|e| e.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    if !usage.status.success() {
        return Err(format!("{} {} failed: {}", program.display(), args.join(" "), usage.status));
    }
    Ok(Sample { seconds, peak_bytes: usage.rusage.maxrss })
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Runs cargo (the corpus crates' runner, which prints the time too) and
/// returns the wall time.
fn cargo_timed(dir: &Path, target: &Path, args: &[&str]) -> Result<f64, String> {
    let started = Instant::now();
    crate::corpus_crate::cargo_output(dir, target, args, false)?;
    Ok(started.elapsed().as_secs_f64())
}

struct Tools {
    mdapi: PathBuf,
    floor: PathBuf,
    format_floor: PathBuf,
}

/// `with_format_floor`: also build the format floor (only the full run uses it).
fn build_tools(root: &Path, with_format_floor: bool) -> Result<Tools, String> {
    let target = crate::target_dir(root);
    cargo_timed(root, &target, &["build", "--quiet", "--release", "-p", "mdapi", "--bin", "mdapi"])?;
    cargo_timed(root, &target, &["build", "--quiet", "--release", "-p", "mdapi-parse", "--example", "markdown_floor"])?;
    if with_format_floor {
        cargo_timed(
            root,
            &target,
            &["build", "--quiet", "--release", "-p", "mdapi-codegen", "--example", "format_floor"],
        )?;
    }
    let release = crate::target_dir(root).join("release");
    Ok(Tools {
        mdapi: release.join("mdapi"),
        floor: release.join("examples/markdown_floor"),
        format_floor: release.join("examples/format_floor"),
    })
}

/// One round: floor, ir, gen (v1.0 then beta into a fresh folder).
fn round(tools: &Tools, docs: &Path, scratch: &Path) -> Result<[Sample; 4], String> {
    let docs_arg = docs.to_string_lossy();
    let floor = measure(&tools.floor, &[&docs_arg])?;
    let ir = measure(&tools.mdapi, &["ir", "--docs", &docs_arg])?;
    let mut gens = Vec::new();
    for version in ["v1.0", "beta"] {
        let out = scratch.join(format!("gen-{version}"));
        let _ = std::fs::remove_dir_all(&out);
        let version_docs = docs.join(version);
        gens.push(measure(
            &tools.mdapi,
            &["gen", "--docs", &version_docs.to_string_lossy(), "--out", &out.to_string_lossy()],
        )?);
        let _ = std::fs::remove_dir_all(&out);
    }
    Ok([floor, ir, gens[0], gens[1]])
}

/// A folder holding copies of an evenly spread `share` of the corpus's
/// pages (copies: mdapi does not follow links), under the temp dir.
fn sample_corpus(docs: &Path, share: f64, into: &Path) -> Result<usize, String> {
    let _ = std::fs::remove_dir_all(into);
    let mut pages: Vec<PathBuf> = Vec::new();
    let mut stack = vec![docs.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    let mut taken = 0;
    for (i, page) in pages.iter().enumerate() {
        // Page i is taken when the running share crosses a whole number.
        if ((i + 1) as f64 * share).floor() > (i as f64 * share).floor() {
            let relative = page.strip_prefix(docs).map_err(|e| e.to_string())?;
            let link = into.join(relative);
            if let Some(parent) = link.parent() {
                std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            std::fs::copy(page, &link).map_err(|e| e.to_string())?;
            taken += 1;
        }
    }
    Ok(taken)
}

/// Least-squares line through (pages, seconds); the largest relative
/// distance of a point from it.
fn linearity(points: &[(f64, f64)]) -> (f64, f64, f64) {
    let n = points.len() as f64;
    let (sx, sy) = points.iter().fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
    let (mx, my) = (sx / n, sy / n);
    let sxx: f64 = points.iter().map(|(x, _)| (x - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    let intercept = my - slope * mx;
    let worst = points.iter().map(|(x, y)| ((y - (intercept + slope * x)) / y).abs()).fold(0.0, f64::max);
    (intercept, slope, worst)
}

fn scaling(tools: &Tools, docs: &Path, scratch: &Path) -> Result<Value, String> {
    let mut rows = Vec::new();
    let (mut ir_points, mut gen_points) = (Vec::new(), Vec::new());
    for &share in SCALES {
        let dir = scratch.join(format!("share-{}", (share * 100.0) as u32));
        let pages = sample_corpus(docs, share, &dir)?;
        let dir_arg = dir.to_string_lossy().into_owned();
        let out = scratch.join("scaling-gen");
        let (mut ir, mut gen) = (Vec::new(), Vec::new());
        for _ in 0..SCALE_RUNS {
            ir.push(measure(&tools.mdapi, &["ir", "--docs", &dir_arg])?.seconds);
            let _ = std::fs::remove_dir_all(&out);
            gen.push(measure(&tools.mdapi, &["gen", "--docs", &dir_arg, "--out", &out.to_string_lossy()])?.seconds);
        }
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_dir_all(&dir);
        let (ir, gen) = (median(&mut ir), median(&mut gen));
        println!("  {:>4.0}% ({pages:>5} pages): ir {ir:.2} s, gen {gen:.2} s", share * 100.0);
        ir_points.push((pages as f64, ir));
        gen_points.push((pages as f64, gen));
        rows.push(json!({ "share": share, "pages": pages, "ir_s": ir, "gen_s": gen }));
    }
    let (ir_fixed, ir_per_page, ir_off) = linearity(&ir_points);
    let (gen_fixed, gen_per_page, gen_off) = linearity(&gen_points);
    println!(
        "  linear fit: ir {:.0} ms + {:.0} µs/page (worst point {:.1}% off), gen {:.0} ms + {:.0} µs/page ({:.1}% off)",
        ir_fixed * 1e3,
        ir_per_page * 1e6,
        ir_off * 100.0,
        gen_fixed * 1e3,
        gen_per_page * 1e6,
        gen_off * 100.0
    );
    Ok(json!({ "points": rows, "ir_worst_off": ir_off, "gen_worst_off": gen_off }))
}

/// `mdapi gen` of v1.0 again over its own output with a warm format cache
/// (`--format-cache`), as `cargo xtask gen` and build scripts rerun.
fn rerun_cached(tools: &Tools, docs: &Path, scratch: &Path) -> Result<f64, String> {
    let (out, cache) = (scratch.join("gen-rerun"), scratch.join("format-cache"));
    let args = [
        "gen",
        "--docs",
        &docs.join("v1.0").to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--format-cache",
        &cache.to_string_lossy(),
    ]
    .map(|a| a.to_owned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    measure(&tools.mdapi, &args)?;
    let mut runs = Vec::new();
    for _ in 0..3 {
        runs.push(measure(&tools.mdapi, &args)?.seconds);
    }
    let rerun = median(&mut runs);
    println!("  gen v1.0 rerun, warm format cache: {rerun:.2} s");
    Ok(rerun)
}

/// The format floor: syn and prettyplease over every `.rs` file gen writes
/// for v1.0 and beta, on all cores (median of 3), in seconds: the whole
/// example run, and its parse-and-print part alone (gen holds tokens, so it
/// does not lex text as the example must).
fn format_floor(tools: &Tools, docs: &Path, scratch: &Path) -> Result<(f64, f64), String> {
    let mut outs = Vec::new();
    for version in ["v1.0", "beta"] {
        let out = scratch.join(format!("format-floor-{version}"));
        let _ = std::fs::remove_dir_all(&out);
        let version_docs = docs.join(version);
        measure(&tools.mdapi, &["gen", "--docs", &version_docs.to_string_lossy(), "--out", &out.to_string_lossy()])?;
        outs.push(out.to_string_lossy().into_owned());
    }
    let (mut whole, mut formatting) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        let output = Command::new(&tools.format_floor).args(&outs).output().map_err(|e| e.to_string())?;
        let text = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            return Err(format!("format_floor failed: {}", String::from_utf8_lossy(&output.stderr)));
        }
        let (all, parse_print) =
            parse_format_floor(&text).ok_or_else(|| format!("unexpected format_floor output: {text}"))?;
        whole.push(all);
        formatting.push(parse_print);
    }
    for out in &outs {
        let _ = std::fs::remove_dir_all(out);
    }
    let (whole, formatting) = (median(&mut whole), median(&mut formatting));
    println!("  format floor (syn + prettyplease over gen's files): {whole:.2} s, of which parse and print {formatting:.2} s");
    Ok((whole, formatting))
}

/// `"..., 2584 ms, of which parse and print 1720 ms"` → seconds of both.
fn parse_format_floor(line: &str) -> Option<(f64, f64)> {
    let (before, after) = line.trim().split_once(" ms, of which parse and print ")?;
    let whole: f64 = before.rsplit(' ').next()?.parse().ok()?;
    let formatting: f64 = after.strip_suffix(" ms")?.parse().ok()?;
    Some((whole / 1e3, formatting / 1e3))
}

/// `cargo check` of the generated v1.0 crate (all features, then one
/// area), after a first check has built its dependencies: rechecked after
/// a touch (incremental, as a rerun of the generator is checked), and for
/// all features also without incremental reuse.
fn check_times(root: &Path) -> Result<Value, String> {
    let krate = crate::corpus_crate::generate(root, "v1.0")?;
    let (out, target) = (krate.dir, krate.target);
    let touch = || {
        let lib = out.join("src/lib.rs");
        std::fs::File::options()
            .append(true)
            .open(&lib)
            .and_then(|f| f.set_modified(std::time::SystemTime::now()))
            .map_err(|e| e.to_string())
    };
    cargo_timed(&out, &target, &["check", "--quiet", "--all-features"])?;
    touch()?;
    let all = cargo_timed(&out, &target, &["check", "--quiet", "--all-features"])?;
    // The same check with nothing reused from the last one: what a first
    // check of a newly generated crate costs once its dependencies are built.
    touch()?;
    let all_fresh =
        cargo_timed(&out, &target, &["check", "--quiet", "--all-features", "--config", "build.incremental=false"])?;
    cargo_timed(&out, &target, &["check", "--quiet", "--no-default-features", "--features", "users"])?;
    touch()?;
    let one = cargo_timed(&out, &target, &["check", "--quiet", "--no-default-features", "--features", "users"])?;
    cargo_timed(root, &crate::target_dir(root), &["build", "--quiet", "-p", "mdapi-build-example"])?;
    let rerun = cargo_timed(root, &crate::target_dir(root), &["build", "--quiet", "-p", "mdapi-build-example"])?;
    println!(
        "  cargo check, v1.0 crate, all features: {all:.1} s ({all_fresh:.1} s without incremental reuse); --features users alone: {one:.1} s"
    );
    println!("  build.rs example, no-op rebuild: {rerun:.2} s");
    Ok(json!({
        "check_all_features_s": all,
        "check_all_features_not_incremental_s": all_fresh,
        "check_users_s": one,
        "build_rs_noop_s": rerun
    }))
}

fn git_commit(root: &Path) -> String {
    Command::new("git")
        .current_dir(root)
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// `max_gen_ratio`: with `short`, the gen/floor above which the run fails.
pub fn run(root: &Path, short: bool, max_gen_ratio: f64) -> Result<Vec<String>, String> {
    let docs = crate::corpus::corpus_dir(root).join("graph-docs");
    if !docs.is_dir() {
        return Err(format!("{} is missing: the bench needs ../shared", docs.display()));
    }
    let tools = build_tools(root, !short)?;
    // Outside the project: scaling copies corpus pages, and gen writes
    // into a temp dir as a user's run would.
    let scratch = std::env::temp_dir().join("mdapi-bench");
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rounds = if short { 1 } else { ROUNDS };
    println!("bench over {} on {cores} cores, {rounds} round(s) of floor, ir, gen", docs.display());
    // A first, untimed read warms the page cache, as it is in any rerun.
    measure(&tools.floor, &[&docs.to_string_lossy()])?;
    let mut samples: Vec<[Sample; 4]> = Vec::new();
    for _ in 0..rounds {
        samples.push(round(&tools, &docs, &scratch)?);
    }
    let column = |i: usize| -> Vec<f64> { samples.iter().map(|s| s[i].seconds).collect() };
    let peak = |i: usize| samples.iter().map(|s| s[i].peak_bytes).max().unwrap_or(0);
    let floor = median(&mut column(0));
    let ir = median(&mut column(1));
    let gen_v1 = median(&mut column(2));
    let gen = median(&mut samples.iter().map(|s| s[2].seconds + s[3].seconds).collect::<Vec<_>>());
    let mb = |bytes: u64| bytes as f64 / 1_048_576.0;
    let gen_peak = peak(2).max(peak(3));
    println!("  floor  {floor:>6.2} s  peak {:>5.0} MB", mb(peak(0)));
    println!("  ir     {ir:>6.2} s  peak {:>5.0} MB  ir/floor  {:.2}", mb(peak(1)), ir / floor);
    println!("  gen    {gen:>6.2} s  peak {:>5.0} MB  gen/floor {:.2}", mb(gen_peak), gen / floor);
    println!("  gen v1.0 alone {gen_v1:.2} s");
    let mut failures = Vec::new();
    if short {
        if gen / floor > max_gen_ratio {
            failures.push(format!("gen/floor is {:.2}, above {max_gen_ratio}", gen / floor));
        }
        return Ok(failures);
    }
    let rerun = rerun_cached(&tools, &docs, &scratch)?;
    let scaling = scaling(&tools, &docs, &scratch)?;
    let (format_whole, format_only) = format_floor(&tools, &docs, &scratch)?;
    println!("  format floor / floor {:.1}; gen / format floor {:.2}", format_only / floor, gen / format_only);
    let checks = check_times(root)?;
    let record = json!({
        "commit": git_commit(root),
        "unix_time": std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()),
        "cores": cores,
        // Where gen writes: file creation costs differ widely between file
        // systems (ext4 here takes seconds more than tmpfs for 29,000 files).
        "temp_dir": scratch.display().to_string(),
        "rounds": rounds,
        "floor_s": floor,
        "ir_s": ir,
        "gen_s": gen,
        "gen_v1_s": gen_v1,
        "gen_v1_rerun_cached_s": rerun,
        "ir_over_floor": ir / floor,
        "gen_over_floor": gen / floor,
        "peak_mb": { "floor": mb(peak(0)), "ir": mb(peak(1)), "gen": mb(gen_peak) },
        "scaling": scaling,
        "format_floor_s": format_whole,
        "format_parse_print_s": format_only,
        "format_floor_over_floor": format_only / floor,
        "cargo": checks,
    });
    let history = root.join("xtask/bench-history.jsonl");
    let mut text = std::fs::read_to_string(&history).unwrap_or_default();
    text.push_str(&record.to_string());
    text.push('\n');
    std::fs::write(&history, text).map_err(|e| e.to_string())?;
    println!("appended to {}", history.display());
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(failures)
}

#[cfg(test)]
mod tests {
    use super::{linearity, median, parse_format_floor};

    #[test]
    fn reads_the_format_floor_line() {
        let line = "17682 files, 786 bytes read, 770 bytes printed, 2584 ms, of which parse and print 1720 ms\n";
        assert_eq!(parse_format_floor(line), Some((2.584, 1.72)));
        assert_eq!(parse_format_floor("17682 files, 2584 ms"), None);
    }

    #[test]
    fn medians_and_fits() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
        let (fixed, per, off) = linearity(&[(1.0, 1.5), (2.0, 2.5), (4.0, 4.5)]);
        assert!((fixed - 0.5).abs() < 1e-9 && (per - 1.0).abs() < 1e-9 && off < 1e-9);
        let (_, _, off) = linearity(&[(1.0, 1.0), (2.0, 2.0), (3.0, 6.0)]);
        assert!(off > 0.15);
    }
}
