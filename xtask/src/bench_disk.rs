//! The bench's goal figures on a disk: where gen writes, the disk floor,
//! gen of v1.0 fresh and again, gen's peak over the corpus, and CI's guard
//! against the history (see `bench.rs` and docs/generation-speed.md).

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::Value;

use crate::measure::{measure, Sample, Tools};

/// A short run fails when a ratio is this many times the last full run's.
pub const GUARD_FACTOR: f64 = 2.0;

/// The figures the issue sets goals for: (name in the history, goal).
/// Ratios are against the floor; the peak is in MB (10^6 bytes).
pub const GOALS: &[(&str, f64)] = &[
    ("gen_fresh_over_floor", 15.0),
    ("gen_again_over_floor", 5.0),
    ("ir_over_floor", 3.0),
    ("gen_corpus_peak_mb", 400.0),
];
/// Where generated crates are written: a folder, its fresh-run output and
/// its rerun output with the cache beside them.
pub(crate) struct Place {
    pub name: &'static str,
    pub dir: PathBuf,
}

impl Place {
    pub fn fresh(&self) -> PathBuf {
        self.dir.join("fresh")
    }
    pub fn again(&self) -> PathBuf {
        self.dir.join("again")
    }
    pub fn cache(&self) -> PathBuf {
        self.dir.join("cache")
    }
}

/// `mdapi gen` of `docs` into `out` with `cache`, as arguments.
pub(crate) fn gen_args(docs: &Path, out: &Path, cache: Option<&Path>) -> Vec<String> {
    let mut args = vec!["gen".to_owned(), "--docs".to_owned(), docs.display().to_string()];
    args.extend(["--out".to_owned(), out.display().to_string()]);
    if let Some(cache) = cache {
        args.extend(["--format-cache".to_owned(), cache.display().to_string()]);
    }
    args
}

pub(crate) fn measure_args(program: &Path, args: &[String]) -> Result<Sample, String> {
    measure(program, &args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// One place's figures in one round, in seconds: the disk floor, gen of
/// v1.0 into a fresh folder, and gen again into a folder a run with the
/// same inputs wrote (primed once by [`prime`]).
///
/// The disk floor and the fresh run are measured alike: each removes the
/// folder it wrote last round just before writing it again. On ext4 the
/// cost of creating a file depends on the state of the inode tables
/// (creating right after removing as many files is fast, creating where
/// none were freed can be ten times slower, docs/generation-speed.md): the two
/// must see the same state for their difference to be mdapi's own.
pub(crate) fn gen_place(
    tools: &Tools,
    v1: &Path,
    place: &Place,
    files: &[(PathBuf, Vec<u8>)],
) -> Result<[f64; 3], String> {
    let written = write_floor(&place.dir.join("disk-floor"), files)?;
    let fresh = place.fresh();
    let _ = std::fs::remove_dir_all(&fresh);
    let fresh_run = measure_args(&tools.mdapi, &gen_args(v1, &fresh, None))?;
    let again = measure_args(&tools.mdapi, &gen_args(v1, &place.again(), Some(&place.cache())))?;
    Ok([written, fresh_run.seconds, again.seconds])
}

/// The first run into a place's rerun folder, with an empty cache.
pub(crate) fn prime(tools: &Tools, v1: &Path, place: &Place) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(&place.dir);
    std::fs::create_dir_all(&place.dir).map_err(|e| format!("{}: {e}", place.dir.display()))?;
    measure_args(&tools.mdapi, &gen_args(v1, &place.again(), Some(&place.cache())))?;
    Ok(())
}

/// One round's seconds: floors, ir, and gen per place.
pub(crate) struct Round {
    pub floor_v1: f64,
    pub floor_all: f64,
    pub ir: Sample,
    /// (disk floor, fresh, again) per place, in the order of the places.
    pub gen: Vec<[f64; 3]>,
}

pub(crate) fn round(tools: &Tools, docs: &Path, places: &[(Place, Files)]) -> Result<Round, String> {
    let v1 = docs.join("v1.0");
    let floor_v1 = measure(&tools.floor, &[&v1.to_string_lossy()])?.seconds;
    let floor_all = measure(&tools.floor, &[&docs.to_string_lossy()])?.seconds;
    let ir = measure(&tools.mdapi, &["ir", "--docs", &docs.to_string_lossy()])?;
    let gen = places.iter().map(|(place, files)| gen_place(tools, &v1, place, files)).collect::<Result<_, _>>()?;
    Ok(Round { floor_v1, floor_all, ir, gen })
}

/// Files by path relative to their folder, with their bytes.
pub(crate) type Files = Vec<(PathBuf, Vec<u8>)>;

/// The files gen of v1.0 writes, read into memory for the disk floor.
pub(crate) fn gen_files(tools: &Tools, v1: &Path, place: &Place) -> Result<Files, String> {
    let fresh = place.fresh();
    let _ = std::fs::remove_dir_all(&fresh);
    measure_args(&tools.mdapi, &gen_args(v1, &fresh, None))?;
    let mut files: Files = Vec::new();
    let mut stack = vec![fresh.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
                files.push((path.strip_prefix(&fresh).map_err(|e| e.to_string())?.to_owned(), bytes));
            }
        }
    }
    Ok(files)
}

/// The disk floor: what writing gen's files costs any program on that
/// disk, in seconds: the folders made, then every file written on all
/// cores into `copy` (removed first, as gen's fresh folder is).
pub(crate) fn write_floor(copy: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<f64, String> {
    use rayon::prelude::*;
    let _ = std::fs::remove_dir_all(copy);
    let started = Instant::now();
    let folders: std::collections::BTreeSet<PathBuf> =
        files.iter().filter_map(|(path, _)| path.parent().map(|p| copy.join(p))).collect();
    for folder in &folders {
        std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
    }
    files.par_iter().try_for_each(|(path, bytes)| std::fs::write(copy.join(path), bytes)).map_err(|e| e.to_string())?;
    Ok(started.elapsed().as_secs_f64())
}

/// The peak memory of `mdapi gen` over the whole corpus (one doc set), in
/// MB, written under `dir`.
pub(crate) fn corpus_peak(tools: &Tools, docs: &Path, dir: &Path) -> Result<f64, String> {
    let out = dir.join("corpus");
    let _ = std::fs::remove_dir_all(&out);
    let sample = measure_args(&tools.mdapi, &gen_args(docs, &out, None))?;
    let _ = std::fs::remove_dir_all(&out);
    Ok(sample.peak_bytes as f64 / 1e6)
}

/// The last recorded figure `name` (a full or `--ratios` run) in the history.
pub(crate) fn last_recorded(history: &str, name: &str) -> Option<f64> {
    history
        .lines()
        .rev()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .find_map(|record| record.get("disk")?.get(name)?.as_f64())
}

/// The guard: each figure against [`GUARD_FACTOR`] times the last
/// recorded one (or its goal, when the history has none).
pub(crate) fn guard(figures: &[(&str, f64)], history: &str) -> Vec<String> {
    let mut failures = Vec::new();
    for &(name, value) in figures {
        let goal = GOALS.iter().find(|(n, _)| *n == name).map_or(f64::INFINITY, |(_, g)| *g);
        let (reference, from) = match last_recorded(history, name) {
            Some(recorded) => (recorded, "the last recorded run"),
            None => (goal, "the goal"),
        };
        if value > GUARD_FACTOR * reference {
            failures.push(format!(
                "{name} is {value:.2}, more than {GUARD_FACTOR} times {from}'s {reference:.2}: a regression"
            ));
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::guard;

    #[test]
    fn the_guard_fails_on_a_doubled_ratio_against_the_last_recorded_run() {
        let history = concat!(
            r#"{"gen_over_floor": 30.0}"#,
            "\n",
            r#"{"disk": {"gen_fresh_over_floor": 10.0, "gen_corpus_peak_mb": 350.0}}"#,
            "\n",
            r#"{"disk": {"gen_fresh_over_floor": 20.0}}"#,
            "\n",
        );
        // The newest record with the figure counts: 20, so 39 passes and 41 fails.
        assert!(guard(&[("gen_fresh_over_floor", 39.0)], history).is_empty());
        assert_eq!(guard(&[("gen_fresh_over_floor", 41.0)], history).len(), 1);
        assert!(guard(&[("gen_corpus_peak_mb", 690.0)], history).is_empty());
        assert_eq!(guard(&[("gen_corpus_peak_mb", 710.0)], history).len(), 1);
        // No record: the goal (5 for gen again) is the reference.
        assert!(guard(&[("gen_again_over_floor", 9.0)], "").is_empty());
        assert_eq!(guard(&[("gen_again_over_floor", 11.0)], "").len(), 1);
    }
}
