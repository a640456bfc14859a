//! mdapi: a typed Rust SDK generated from Graph-style API reference markdown.
//!
//! The pipeline runs in one direction: [`DocSet::load`] reads pages (the
//! only I/O on docs), [`analyze`] parses and lowers them into an
//! [`mdapi_ir::Api`] with diagnostics, and [`Generator`] emits a crate.
//!
//! From a `build.rs`:
//!
//! ```no_run
//! let report = mdapi::Generator::new()
//!     .docs("docs")
//!     .out_dir(std::env::var("OUT_DIR").unwrap())
//!     .crate_name("graph")
//!     .generate()
//!     .expect("generation failed");
//! ```
#![forbid(unsafe_code)]

pub mod diff;
pub mod docset;
pub mod explain;
mod format_cache;
mod incremental;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod robustness;
pub mod sarif;
pub mod stats;

use std::path::{Path, PathBuf};

pub use docset::DocSet;
pub use mdapi_codegen::{File, RuntimeDependency};
pub use pipeline::{analyze, analyze_with_progress, Analysis};

/// Why a run could not finish.
#[derive(Debug)]
pub enum Error {
    Load(docset::LoadError),
    Codegen(mdapi_codegen::Error),
    Output(output::OutputError),
    /// The generator was not told where to write.
    NoOutDir,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Load(err) => err.fmt(f),
            Self::Codegen(err) => err.fmt(f),
            Self::Output(err) => err.fmt(f),
            Self::NoOutDir => f.write_str("no output folder given"),
        }
    }
}

impl std::error::Error for Error {}

/// Configures and runs generation.
#[derive(Debug, Clone)]
pub struct Generator {
    docs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    crate_name: String,
    runtime: RuntimeDependency,
    root: Vec<String>,
    single_file: bool,
    rerun_if_changed: bool,
    format_cache: Option<PathBuf>,
}

impl Default for Generator {
    fn default() -> Self {
        Self::new()
    }
}

/// What a run did.
#[derive(Debug)]
pub struct Report {
    /// The API and the diagnostics. `analysis.pages` is empty: the parsed
    /// pages are freed before code is emitted (they are a fifth of a large
    /// run's peak memory); `mdapi::analyze` keeps them.
    pub analysis: Analysis,
    /// The pages read: roots, paths and folders. Their texts are freed once
    /// parsed ([`DocSet::release_texts`]), so [`DocSet::text`] gives none;
    /// to render diagnostics with source lines, load the docs with
    /// [`DocSet::load`] and [`analyze`] them, as `mdapi lint` does.
    pub docs: DocSet,
    pub files: Vec<File>,
    /// The run's inputs (pages, options, mdapi itself) were those of the
    /// last run into the output folder, which still held exactly what that
    /// run wrote: nothing was parsed, emitted or written. `files` are read
    /// back from the folder, `analysis.diagnostics` are the recorded ones
    /// and `analysis.api` is empty. Only [`Generator::generate`] with a
    /// [`Generator::format_cache`] folder reuses a run.
    pub reused: bool,
}

impl Generator {
    pub fn new() -> Self {
        Self {
            docs: Vec::new(),
            out_dir: None,
            crate_name: "graph".to_owned(),
            runtime: RuntimeDependency::Version("0.1".to_owned()),
            root: vec!["crate".to_owned()],
            single_file: false,
            rerun_if_changed: false,
            format_cache: None,
        }
    }

    /// The Rust path the generated `models` and `endpoints` modules will
    /// live under: `crate` (the default), or e.g. `crate::graph` when a
    /// build script's output is included into `mod graph`.
    pub fn crate_paths(mut self, path: &str) -> Self {
        self.root = path.split("::").map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
        self
    }

    /// Write one `<crate_name>.rs` file of inline modules (for `include!`)
    /// instead of a crate.
    pub fn single_file(mut self, single: bool) -> Self {
        self.single_file = single;
        self
    }

    /// Print `cargo:rerun-if-changed` for every docs folder, sub-folder and
    /// page read, so a build script re-runs when a page changes or is added.
    pub fn rerun_if_changed(mut self, emit: bool) -> Self {
        self.rerun_if_changed = emit;
        self
    }

    /// For a build script: a single file under `$OUT_DIR`, included at the
    /// crate root, with `rerun-if-changed` lines. `None` outside a build
    /// script (no `OUT_DIR`).
    pub fn for_build_script(self) -> Option<Self> {
        let out_dir = std::env::var_os("OUT_DIR")?;
        Some(self.out_dir(out_dir).single_file(true).rerun_if_changed(true))
    }

    /// Adds a docs folder; several form one doc set.
    pub fn docs(mut self, dir: impl Into<PathBuf>) -> Self {
        self.docs.push(dir.into());
        self
    }

    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = name.into();
        self
    }

    /// Depend on `mdapi-runtime` at this folder; written relative to the
    /// output folder when both are relative or both absolute.
    pub fn runtime_path(mut self, dir: impl AsRef<Path>) -> Self {
        self.runtime = RuntimeDependency::Path(dir.as_ref().to_string_lossy().into_owned());
        self
    }

    /// Keep formatted files in `dir` by the fingerprint of their tokens (one
    /// pack file per output folder, `dir/formatted/`), so a rerun formats
    /// only what changed, and a record of the last run
    /// into each output folder keyed by its inputs (`dir/runs/`), so a
    /// rerun with nothing changed does nothing ([`Report::reused`]).
    /// `generate` uses it; `check` never does. Put it in a build folder
    /// (`target/`, `OUT_DIR`): it grows with every distinct file and can be
    /// deleted at any time.
    pub fn format_cache(mut self, dir: impl Into<PathBuf>) -> Self {
        self.format_cache = Some(dir.into());
        self
    }

    /// Loads, analyzes and emits, without writing.
    pub fn build(&self) -> Result<Report, Error> {
        let docs = self.load()?;
        self.build_from(docs, None)
    }

    /// Reads the docs folders (and prints `rerun-if-changed` when asked).
    fn load(&self) -> Result<DocSet, Error> {
        let docs = DocSet::load(&self.docs).map_err(Error::Load)?;
        if self.rerun_if_changed {
            for path in docs.watched_paths() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        Ok(docs)
    }

    /// The runtime dependency as the manifest writes it.
    fn runtime(&self) -> RuntimeDependency {
        match (&self.runtime, &self.out_dir) {
            (RuntimeDependency::Path(path), Some(out)) => RuntimeDependency::Path(relative_to(Path::new(path), out)),
            (other, _) => other.clone(),
        }
    }

    fn build_from(&self, mut docs: DocSet, cache: Option<&dyn mdapi_codegen::FormatCache>) -> Result<Report, Error> {
        let (pages, diagnostics) = pipeline::parse_pages(&docs, &|| {});
        // Lowering reads the parsed pages and emitting only the API: free
        // the texts, then the pages, as soon as nothing reads them.
        docs.release_texts();
        let mut analysis = pipeline::lower_pages(pages, diagnostics);
        analysis.pages = Vec::new();
        let options = mdapi_codegen::Options {
            crate_name: self.crate_name.clone(),
            runtime: self.runtime(),
            root: self.root.clone(),
        };
        let files = if self.single_file {
            let contents = mdapi_codegen::generate_single_file(&analysis.api, &options).map_err(Error::Codegen)?;
            vec![File { path: format!("{}.rs", mdapi_codegen::names::snake(&self.crate_name)), contents }]
        } else {
            mdapi_codegen::generate_cached(&analysis.api, &options, cache).map_err(Error::Codegen)?
        };
        Ok(Report { analysis, docs, files, reused: false })
    }

    /// Generates and writes into the output folder. With a
    /// [`Generator::format_cache`] folder, a run whose inputs are those of
    /// the last run into the same output folder, which still holds what
    /// that run wrote, is reused ([`Report::reused`]): the pages are read
    /// and hashed, the output files read and checked, nothing else is done.
    pub fn generate(&self) -> Result<(Report, output::Changes), Error> {
        let out = self.out_dir.as_ref().ok_or(Error::NoOutDir)?;
        // A cache folder that cannot be made is no cache: the run does all.
        let cache_dir = self.format_cache.as_ref().filter(|dir| std::fs::create_dir_all(dir).is_ok());
        let docs = self.load()?;
        let runtime = self.runtime();
        let key = cache_dir.map(|_| {
            let runtime = match &runtime {
                RuntimeDependency::Path(path) => format!("path:{path}"),
                RuntimeDependency::Version(version) => format!("version:{version}"),
            };
            let options = incremental::RunOptions {
                crate_name: &self.crate_name,
                runtime,
                root: &self.root,
                single_file: self.single_file,
            };
            incremental::input_key(&docs, &options)
        });
        if let (Some(dir), Some(key)) = (cache_dir, &key) {
            if let Some((files, diagnostics)) = incremental::Manifest::reuse(dir, out, key) {
                let changes = output::Changes { unchanged: files.len(), ..output::Changes::default() };
                let analysis = Analysis { pages: Vec::new(), api: mdapi_ir::Api::default(), diagnostics };
                // As after a run that does the work: `Report::docs` has no texts.
                let mut docs = docs;
                docs.release_texts();
                return Ok((Report { analysis, docs, files, reused: true }, changes));
            }
        }
        let cache = cache_dir.map(|dir| format_cache::PackCache::open(dir, out));
        let report = self.build_from(docs, cache.as_ref().map(|c| c as &dyn mdapi_codegen::FormatCache))?;
        // Each file's hash, once, for the pack and the run record.
        let hashes = if cache.is_some() { incremental::hashes(&report.files) } else { Vec::new() };
        if let Some(cache) = cache {
            // Saved (and its bytes freed) before the output is written.
            cache.save(&report.files, &hashes);
        }
        let changes = output::write(out, &report.files).map_err(Error::Output)?;
        if let (Some(dir), Some(key)) = (cache_dir, key) {
            incremental::Manifest::new(key, &report.files, &hashes, &report.analysis.diagnostics).store(dir, out);
        }
        Ok((report, changes))
    }

    /// Generates and compares with the output folder, writing nothing.
    pub fn check(&self) -> Result<(Report, Vec<output::Difference>), Error> {
        let out = self.out_dir.as_ref().ok_or(Error::NoOutDir)?;
        let report = self.build()?;
        let differences = output::check(out, &report.files).map_err(Error::Output)?;
        Ok((report, differences))
    }
}

/// Lexically normalized absolute form of `path` (no file-system access:
/// the output folder may not exist yet).
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_owned() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `target` as seen from `from`, `/`-separated so the manifest is the same
/// on every platform. When the two share no folder but the root, the
/// absolute path is clearer.
fn relative_to(target: &Path, from: &Path) -> String {
    let (target, from) = (absolute(target), absolute(from));
    let shared = target.components().zip(from.components()).take_while(|(a, b)| a == b).count();
    match pathdiff::diff_paths(&target, &from) {
        Some(relative) if shared > 1 => {
            relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
        }
        _ => target.to_string_lossy().into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_path_is_relative_to_the_output() {
        assert_eq!(
            relative_to(Path::new("crates/mdapi-runtime"), Path::new("generated/graph")),
            "../../crates/mdapi-runtime"
        );
        assert_eq!(relative_to(Path::new("/a/b"), Path::new("/tmp/x")), "/a/b");
        assert_eq!(relative_to(Path::new("/w/crates/rt"), Path::new("/w/generated/g")), "../../crates/rt");
    }
}
