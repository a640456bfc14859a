//! One process measured: its wall time and peak resident memory
//! (`wait4`'s `ru_maxrss`), and the release tools the benchmarks run.
//! Below both `bench` and `bench_disk`, which share it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use wait4::Wait4;

/// Wall time and peak resident memory of one process.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sample {
    pub seconds: f64,
    pub peak_bytes: u64,
}

pub(crate) fn measure(program: &Path, args: &[&str]) -> Result<Sample, String> {
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

/// The release binaries a bench run measures: `mdapi`, the markdown floor
/// (`mdapi-parse`'s `markdown_floor` example) and the format floor
/// (`mdapi-codegen`'s `format_floor` example).
pub(crate) struct Tools {
    pub mdapi: PathBuf,
    pub floor: PathBuf,
    pub format_floor: PathBuf,
}
