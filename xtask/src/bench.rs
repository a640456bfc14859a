//! `cargo xtask bench [--short]`: how fast mdapi reads and generates all of
//! Graph, against the floor any markdown-based generator must pay, on the
//! disk the user writes to.
//!
//! Over `../shared/corpus/graph-docs`, on all cores, in one run on one
//! machine (ratios are taken within a run: the machine is shared and noisy):
//! - **floor**: read every page and run pulldown-cmark over it, consuming
//!   every event (`mdapi-parse`'s `markdown_floor` example), over v1.0 and
//!   over the whole corpus;
//! - **gen fresh**: `mdapi gen` of v1.0 into a folder that does not exist,
//!   on the disk (`target/mdapi-bench`, the project's target folder) and
//!   on tmpfs (`/dev/shm`) as a second figure;
//! - **gen again**: the same with nothing changed since the last run into
//!   that folder, with its cache (`--format-cache`) warm;
//! - **disk floor**: the files gen of v1.0 writes, written from memory
//!   into a fresh folder on all cores: what any program pays that disk;
//! - **ir**: `mdapi ir` over the whole corpus (parse and lower, JSON out);
//! - **gen peak memory**: `mdapi gen` over the whole corpus (both versions
//!   as one doc set), `wait4`'s `ru_maxrss`.
//!
//! Each is a release binary run as its own process. Medians of
//! [`ROUNDS`] rounds ([`SHORT_ROUNDS`] with `--short`) give the ratios the
//! issue sets goals for ([`GOALS`](crate::bench_disk::GOALS)): gen fresh / v1.0 floor, gen again /
//! v1.0 floor, ir / corpus floor, and the peak in MB. The full run also
//! measures the old figure (gen of v1.0 plus beta into tmp), scaling
//! (10/25/50/100% of the pages), the **format floor** (syn and prettyplease
//! over the files gen wrote: `mdapi-codegen`'s `format_floor` example),
//! `cargo check` of the generated v1.0 crate and the no-op `build.rs`
//! rerun, and appends a line to `xtask/bench-history.jsonl`; `--ratios`
//! measures and appends the goals' figures alone. `--short` is CI's guard:
//! it fails when a ratio is more than [`GUARD_FACTOR`](crate::bench_disk::GUARD_FACTOR) times the last
//! recorded one in the history (or, with none, its goal).

use std::path::{Path, PathBuf};

use crate::bench_disk::{corpus_peak, gen_files, guard, prime, round, Place, Round, GOALS};
use crate::measure::{measure, Sample, Tools};
use std::process::Command;
use std::time::Instant;

use serde_json::{json, Value};

const ROUNDS: usize = 5;
/// Rounds of a `--short` run: the guard's medians (about 15 s each).
const SHORT_ROUNDS: usize = 3;
const SCALES: &[f64] = &[0.10, 0.25, 0.50, 1.0];
/// Runs per scaling point (median): with 3, one slow run at the 10% point
/// (0.4 s) on this noisy machine could put a point 20% off the line.
const SCALE_RUNS: usize = 5;

pub(crate) fn median(values: &mut [f64]) -> f64 {
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

/// The old figure: gen of v1.0 then beta into a fresh folder under `scratch`.
fn gen_both(tools: &Tools, docs: &Path, scratch: &Path) -> Result<[Sample; 2], String> {
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
    Ok([gens[0], gens[1]])
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

/// How much a bench run does.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Everything, appended to the history.
    Full,
    /// The goals' figures alone ([`ROUNDS`] rounds), appended to the history.
    Ratios,
    /// CI's guard: [`SHORT_ROUNDS`] rounds, checked against the history.
    Short,
}

/// One bench run. Returns the guard's failures (only [`Mode::Short`] has any).
pub fn run(root: &Path, mode: Mode) -> Result<Vec<String>, String> {
    let short = mode == Mode::Short;
    let docs = crate::corpus::corpus_dir(root).join("graph-docs");
    if !docs.is_dir() {
        return Err(format!("{} is missing: the bench needs ../shared", docs.display()));
    }
    let tools = build_tools(root, mode == Mode::Full)?;
    // The disk the user writes to: the project's target folder. tmpfs, where
    // the bench used to write, is the second figure.
    let mut places = vec![Place { name: "disk", dir: crate::target_dir(root).join("mdapi-bench") }];
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        places.push(Place { name: "tmpfs", dir: shm.join(format!("mdapi-bench-{}", std::process::id())) });
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rounds = if short { SHORT_ROUNDS } else { ROUNDS };
    println!("bench over {} on {cores} cores, {rounds} round(s)", docs.display());
    // A first, untimed read warms the page cache, as it is in any rerun.
    measure(&tools.floor, &[&docs.to_string_lossy()])?;
    let v1 = docs.join("v1.0");
    let mut with_files = Vec::new();
    for place in places {
        prime(&tools, &v1, &place)?;
        let files = gen_files(&tools, &v1, &place)?;
        with_files.push((place, files));
    }
    let places = with_files;
    let mut rounds_done: Vec<Round> = Vec::new();
    for _ in 0..rounds {
        rounds_done.push(round(&tools, &docs, &places)?);
    }
    let med = |f: &dyn Fn(&Round) -> f64| median(&mut rounds_done.iter().map(f).collect::<Vec<_>>());
    let floor_v1 = med(&|r| r.floor_v1);
    let floor_all = med(&|r| r.floor_all);
    let ir = med(&|r| r.ir.seconds);
    let ir_peak = rounds_done.iter().map(|r| r.ir.peak_bytes).max().unwrap_or(0) as f64 / 1e6;
    // Ratios per round, then their median: both sides of each ratio saw
    // the same moment of the machine.
    let ir_ratio = med(&|r| r.ir.seconds / r.floor_all);
    println!("  floor: v1.0 {floor_v1:.3} s, whole corpus {floor_all:.3} s");
    println!("  ir over the corpus: {ir:.2} s, peak {ir_peak:.0} MB, ir/floor {ir_ratio:.2}");
    let mut per_place = serde_json::Map::new();
    let mut figures: Vec<(&str, f64)> = Vec::new();
    for (i, (place, _)) in places.iter().enumerate() {
        let written = med(&|r| r.gen[i][0]);
        let fresh = med(&|r| r.gen[i][1]);
        let again = med(&|r| r.gen[i][2]);
        let fresh_ratio = med(&|r| r.gen[i][1] / r.floor_v1);
        let again_ratio = med(&|r| r.gen[i][2] / r.floor_v1);
        let own_ratio = med(&|r| (r.gen[i][1] - r.gen[i][0]) / r.floor_v1);
        println!(
            "  gen v1.0 on {} ({}): fresh {fresh:.2} s ({fresh_ratio:.1}x floor), again with nothing changed {again:.2} s ({again_ratio:.1}x)",
            place.name,
            place.dir.display()
        );
        println!(
            "    writing the same files costs any program {written:.2} s there; gen fresh less that: {own_ratio:.1}x floor"
        );
        let mut record = json!({
            "dir": place.dir.display().to_string(),
            "gen_fresh_s": fresh,
            "gen_again_s": again,
            "disk_floor_s": written,
            "gen_fresh_less_disk_floor_over_floor": own_ratio,
            "gen_fresh_over_floor": fresh_ratio,
            "gen_again_over_floor": again_ratio,
            "ir_over_floor": ir_ratio,
        });
        if i == 0 {
            figures.push(("gen_fresh_over_floor", fresh_ratio));
            figures.push(("gen_again_over_floor", again_ratio));
            figures.push(("ir_over_floor", ir_ratio));
            let peak = corpus_peak(&tools, &docs, &place.dir)?;
            println!("  gen over the whole corpus: peak {peak:.0} MB");
            figures.push(("gen_corpus_peak_mb", peak));
            record["gen_corpus_peak_mb"] = json!(peak);
        }
        per_place.insert(place.name.to_owned(), record);
    }
    for &(name, value) in &figures {
        let goal = GOALS.iter().find(|(n, _)| *n == name).map_or(f64::INFINITY, |(_, g)| *g);
        let verdict = if value <= goal { "meets" } else { "misses" };
        println!("  {name:<22} {value:>7.2}  {verdict} the goal of {goal}");
    }
    let history_path = root.join("xtask/bench-history.jsonl");
    let mut history = std::fs::read_to_string(&history_path).unwrap_or_default();
    if short {
        for (place, _) in &places {
            let _ = std::fs::remove_dir_all(&place.dir);
        }
        return Ok(guard(&figures, &history));
    }
    if mode == Mode::Ratios {
        let record = json!({
            "commit": git_commit(root),
            "unix_time": std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()),
            "cores": cores,
            "rounds": rounds,
            "floor_v1_s": floor_v1,
            "floor_s": floor_all,
            "ir_s": ir,
            "disk": per_place.remove("disk"),
            "tmpfs": per_place.remove("tmpfs"),
        });
        history.push_str(&record.to_string());
        history.push('\n');
        std::fs::write(&history_path, history).map_err(|e| e.to_string())?;
        println!("appended to {}", history_path.display());
        for (place, _) in &places {
            let _ = std::fs::remove_dir_all(&place.dir);
        }
        return Ok(Vec::new());
    }
    let scratch = std::env::temp_dir().join("mdapi-bench");
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let mut both = Vec::new();
    for _ in 0..ROUNDS {
        both.push(gen_both(&tools, &docs, &scratch)?);
    }
    let gen = median(&mut both.iter().map(|[a, b]| a.seconds + b.seconds).collect::<Vec<_>>());
    let gen_peak = both.iter().flat_map(|pair| pair.iter().map(|s| s.peak_bytes)).max().unwrap_or(0);
    let mb = |bytes: u64| bytes as f64 / 1_048_576.0;
    println!("  gen v1.0 + beta into {}: {gen:.2} s, peak {:.0} MiB", scratch.display(), mb(gen_peak));
    let scaling = scaling(&tools, &docs, &scratch)?;
    let (format_whole, format_only) = format_floor(&tools, &docs, &scratch)?;
    println!("  format floor / floor {:.1}; gen / format floor {:.2}", format_only / floor_all, gen / format_only);
    let checks = check_times(root)?;
    let record = json!({
        "commit": git_commit(root),
        "unix_time": std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()),
        "cores": cores,
        "rounds": rounds,
        "floor_v1_s": floor_v1,
        "floor_s": floor_all,
        "ir_s": ir,
        "disk": per_place.remove("disk"),
        "tmpfs": per_place.remove("tmpfs"),
        // The figures earlier lines have (gen of v1.0 plus beta into the
        // temp dir, against the whole corpus's floor).
        "temp_dir": scratch.display().to_string(),
        "gen_s": gen,
        "ir_over_floor": ir / floor_all,
        "gen_over_floor": gen / floor_all,
        "peak_mb": { "ir": ir_peak / 1.048576, "gen": mb(gen_peak) },
        "scaling": scaling,
        "format_floor_s": format_whole,
        "format_parse_print_s": format_only,
        "format_floor_over_floor": format_only / floor_all,
        "cargo": checks,
    });
    history.push_str(&record.to_string());
    history.push('\n');
    std::fs::write(&history_path, history).map_err(|e| e.to_string())?;
    println!("appended to {}", history_path.display());
    let _ = std::fs::remove_dir_all(&scratch);
    for (place, _) in &places {
        let _ = std::fs::remove_dir_all(&place.dir);
    }
    Ok(Vec::new())
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
