//! The run cache: a rerun whose inputs did not change does no work.
//!
//! A run's output is a function of its inputs: every page's path and bytes
//! (and the problems reading the docs folders), the docs folders' names
//! (a folder named `v1.0` says the pages' version), the generator's options
//! (crate name, runtime dependency as written into the manifest, crate
//! paths, single file) and the generator itself (mdapi's version and the
//! build that runs: the running executable's size and modification time,
//! so a rebuilt mdapi never trusts an older one's output). [`input_key`]
//! hashes all of them (BLAKE3, 256 bits).
//!
//! After a run writes its output folder, [`Manifest::store`] records the
//! key, each generated file's path and hash, and the run's diagnostics in
//! `<cache>/runs/<hash of the output folder>.json` (one record per output
//! folder, replaced by each run, so the cache does not grow with reruns).
//! The next run into that folder with the same key reads the files back
//! and checks each against its recorded hash, and that no other file sits
//! in the folders mdapi owns: only then is the run reused, without parsing,
//! lowering, emitting or writing anything. A file edited or deleted by hand,
//! a page changed, a new mdapi: the record does not match and the run is
//! done in full (the format cache still saves formatting what did not
//! change, and only files whose bytes changed are written).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mdapi_parse::diag::Related;
use mdapi_parse::{Code, Diagnostic, Severity, Span};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::docset::DocSet;
use crate::File;

/// Changed whenever the record's layout or meaning changes.
const RECORD_VERSION: &str = "mdapi-run-1";

/// What a run's output depends on besides its pages, as the generator
/// resolved it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RunOptions<'a> {
    pub crate_name: &'a str,
    /// The runtime dependency as the manifest will write it.
    pub runtime: String,
    pub root: &'a [String],
    pub single_file: bool,
}

/// The running executable's size and modification time: a rebuilt mdapi
/// (the CLI, or a build script linking the library) is a new generator.
fn executable_identity() -> String {
    let stamp = std::env::current_exe().and_then(std::fs::metadata).ok().map(|meta| {
        let modified =
            meta.modified().ok().and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
        format!("{}:{modified}", meta.len())
    });
    stamp.unwrap_or_else(|| "unknown".to_owned())
}

/// The 64-hex-digit key of everything a run's output depends on. Pages are
/// hashed on all cores; each one's hash covers its root, path and bytes.
pub(crate) fn input_key(docs: &DocSet, options: &RunOptions<'_>) -> String {
    let mut hasher = blake3::Hasher::new();
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field(RECORD_VERSION.as_bytes());
    field(env!("CARGO_PKG_VERSION").as_bytes());
    field(executable_identity().as_bytes());
    field(serde_json::to_string(options).unwrap_or_default().as_bytes());
    for root in &docs.roots {
        field(root.to_string_lossy().as_bytes());
    }
    field(serde_json::to_string(&docs.diagnostics).unwrap_or_default().as_bytes());
    let pages: Vec<blake3::Hash> = docs
        .pages
        .par_iter()
        .map(|page| {
            let mut page_hasher = blake3::Hasher::new();
            page_hasher.update(&(page.root as u64).to_le_bytes());
            page_hasher.update(&(page.path.len() as u64).to_le_bytes());
            page_hasher.update(page.path.as_bytes());
            page_hasher.update(page.text.as_bytes());
            page_hasher.finalize()
        })
        .collect();
    field(&(pages.len() as u64).to_le_bytes());
    for page in &pages {
        field(page.as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

/// One generated file as recorded: its path and the BLAKE3 hash of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct RecordedFile {
    path: String,
    blake3: String,
}

/// A span as recorded: start, end, line, column.
type RecordedSpan = (usize, usize, u32, u32);

/// A diagnostic as recorded (codes by their stable names).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct RecordedDiagnostic {
    code: String,
    file: String,
    span: RecordedSpan,
    message: String,
    help: Option<String>,
    related: Vec<(String, RecordedSpan, String)>,
}

fn span_tuple(span: Span) -> RecordedSpan {
    (span.start, span.end, span.line, span.column)
}

fn span_of((start, end, line, column): RecordedSpan) -> Span {
    Span { start, end, line, column }
}

impl RecordedDiagnostic {
    fn from(diagnostic: &Diagnostic) -> Self {
        Self {
            code: diagnostic.code.as_str().to_owned(),
            file: diagnostic.file.clone(),
            span: span_tuple(diagnostic.span),
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            related: diagnostic.related.iter().map(|r| (r.file.clone(), span_tuple(r.span), r.label.clone())).collect(),
        }
    }

    /// `None` for a code this mdapi does not have (a record from another one).
    fn diagnostic(self) -> Option<Diagnostic> {
        let code = *Code::ALL.iter().find(|c| c.as_str() == self.code)?;
        let severity: Severity = code.severity();
        Some(Diagnostic {
            code,
            severity,
            file: self.file,
            span: span_of(self.span),
            message: self.message,
            help: self.help,
            related: self
                .related
                .into_iter()
                .map(|(file, span, label)| Related { file, span: span_of(span), label })
                .collect(),
        })
    }
}

/// What the last run into one output folder produced, under its input key.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Manifest {
    key: String,
    files: Vec<RecordedFile>,
    diagnostics: Vec<RecordedDiagnostic>,
}

/// Where the record for output folder `out` lives in `cache`.
fn record_path(cache: &Path, out: &Path) -> PathBuf {
    let out = crate::absolute(out);
    let name = blake3::hash(out.to_string_lossy().as_bytes()).to_hex();
    cache.join("runs").join(format!("{}.json", &name[..32]))
}

/// Each file's BLAKE3 hash, on all cores.
pub(crate) fn hashes(files: &[File]) -> Vec<blake3::Hash> {
    files.par_iter().map(|file| blake3::hash(file.contents.as_bytes())).collect()
}

fn hash_hex(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

impl Manifest {
    /// The record of a run that produced `files` (whose [`hashes`] are
    /// `hashes`) and `diagnostics` from inputs `key`.
    pub fn new(key: String, files: &[File], hashes: &[blake3::Hash], diagnostics: &[Diagnostic]) -> Self {
        let files = files
            .iter()
            .zip(hashes)
            .map(|(file, hash)| RecordedFile { path: file.path.clone(), blake3: hash.to_hex().to_string() })
            .collect();
        Self { key, files, diagnostics: diagnostics.iter().map(RecordedDiagnostic::from).collect() }
    }

    /// Best effort, through a temporary name: a cache that cannot store
    /// just misses next time.
    pub fn store(&self, cache: &Path, out: &Path) {
        let path = record_path(cache, out);
        let Ok(text) = serde_json::to_vec(self) else { return };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let staged = path.with_extension(format!("json.{}.tmp", std::process::id()));
        if std::fs::write(&staged, text).is_ok() && std::fs::rename(&staged, &path).is_err() {
            let _ = std::fs::remove_file(&staged);
        }
    }

    /// The files and diagnostics of the last run into `out` when its inputs
    /// were `key` and the folder still holds exactly what it wrote (every
    /// file's bytes checked against its hash, no other file in the folders
    /// mdapi owns); `None` otherwise.
    pub fn reuse(cache: &Path, out: &Path, key: &str) -> Option<(Vec<File>, Vec<Diagnostic>)> {
        let text = std::fs::read(record_path(cache, out)).ok()?;
        let manifest: Manifest = serde_json::from_slice(&text).ok()?;
        if manifest.key != key {
            return None;
        }
        let recorded: BTreeSet<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
        if crate::output::existing(out).iter().any(|path| !recorded.contains(path.as_str())) {
            return None;
        }
        let files: Option<Vec<File>> = manifest
            .files
            .par_iter()
            .map(|file| {
                let path = crate::output::target(out, &file.path).ok()?;
                let contents = std::fs::read_to_string(path).ok()?;
                (hash_hex(contents.as_bytes()) == file.blake3).then(|| File { path: file.path.clone(), contents })
            })
            .collect();
        let diagnostics: Option<Vec<Diagnostic>> =
            manifest.diagnostics.into_iter().map(RecordedDiagnostic::diagnostic).collect();
        Some((files?, diagnostics?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(single_file: bool) -> RunOptions<'static> {
        RunOptions { crate_name: "graph", runtime: "0.1".to_owned(), root: &[], single_file }
    }

    #[test]
    fn the_key_covers_page_bytes_paths_and_options() {
        let docs = |pages: &[(&str, &str)]| DocSet::from_memory(pages.iter().copied());
        let base = input_key(&docs(&[("a.md", "# A\n"), ("b.md", "# B\n")]), &options(false));
        assert_eq!(base, input_key(&docs(&[("a.md", "# A\n"), ("b.md", "# B\n")]), &options(false)));
        assert_ne!(base, input_key(&docs(&[("a.md", "# A\n"), ("b.md", "# B!\n")]), &options(false)));
        assert_ne!(base, input_key(&docs(&[("a.md", "# A\n"), ("c.md", "# B\n")]), &options(false)));
        assert_ne!(base, input_key(&docs(&[("a.md", "# A\n# B\n")]), &options(false)));
        assert_ne!(base, input_key(&docs(&[("a.md", "# A\n"), ("b.md", "# B\n")]), &options(true)));
    }

    #[test]
    fn diagnostics_come_back_as_they_were_recorded() {
        let diagnostic =
            Diagnostic::new(Code::LinkMissingPage, "a.md", Span { start: 1, end: 4, line: 2, column: 3 }, "x")
                .with_help("fix it")
                .with_related("b.md", Span::default(), "here");
        let recorded = RecordedDiagnostic::from(&diagnostic);
        let text = serde_json::to_string(&recorded).unwrap();
        let back: RecordedDiagnostic = serde_json::from_str(&text).unwrap();
        assert_eq!(back.diagnostic(), Some(diagnostic));
    }
}
