//! Writing the generated crate, and comparing it with what is on disk.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use mdapi_codegen::File;
use rayon::prelude::*;

/// Folders of the generated crate that mdapi owns: files in them that it
/// did not generate are stale and removed.
const OWNED_DIRS: &[&str] = &["src", "tests"];

#[derive(Debug)]
pub enum OutputError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A generated path that would leave the output folder: a bug in mdapi.
    UnsafePath(String),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io { path, error } => write!(f, "{}: {error}", path.display()),
            Self::UnsafePath(path) => write!(f, "internal error: generated path `{path}` leaves the output folder"),
        }
    }
}

impl std::error::Error for OutputError {}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |error| OutputError::Io { path: path.to_owned(), error }
}

/// `out` joined with a generated relative path, refusing anything that
/// could climb out (`..`, absolute paths, prefixes).
pub(crate) fn target(out: &Path, relative: &str) -> Result<PathBuf, OutputError> {
    let path = Path::new(relative);
    if !stays_inside(relative) {
        return Err(OutputError::UnsafePath(relative.to_owned()));
    }
    Ok(out.join(path))
}

/// Whether a generated relative path names a file inside the output folder:
/// only plain components, no `..`, root, prefix or empty path.
pub fn stays_inside(relative: &str) -> bool {
    !relative.is_empty() && Path::new(relative).components().all(|c| matches!(c, Component::Normal(_)))
}

/// Files under the owned folders of `out`, as relative `/` paths.
pub(crate) fn existing(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for dir in OWNED_DIRS {
        for entry in walkdir::WalkDir::new(out.join(dir)).follow_links(false).sort_by_file_name().into_iter().flatten()
        {
            if entry.file_type().is_file() {
                if let Ok(relative) = entry.path().strip_prefix(out) {
                    let parts: Vec<_> =
                        relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                    found.push(parts.join("/"));
                }
            }
        }
    }
    found
}

/// What writing would change.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub written: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
}

/// Suffix of a file staged beside its target before being renamed over it.
const STAGED: &str = ".mdapi-staged";

/// One change made to the output folder, with what undoes it.
enum Undo {
    /// A file was replaced (or created, when `old` is `None`).
    Replaced { path: PathBuf, old: Option<Vec<u8>> },
    /// A stale file was removed.
    Removed { path: PathBuf, old: Vec<u8> },
}

/// Everything a run has done to the output folder so far, undone in reverse
/// if a step fails, so a failed run leaves the folder as it found it.
#[derive(Default)]
struct Journal {
    staged: Vec<PathBuf>,
    created_dirs: Vec<PathBuf>,
    done: Vec<Undo>,
}

impl Journal {
    /// `create_dir_all`, remembering the topmost folder it created.
    fn create_dirs(&mut self, dir: &Path) -> Result<(), OutputError> {
        let mut topmost = None;
        let mut ancestor = Some(dir);
        while let Some(missing) = ancestor.filter(|a| !a.exists()) {
            topmost = Some(missing.to_owned());
            ancestor = missing.parent();
        }
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        self.created_dirs.extend(topmost);
        Ok(())
    }

    /// Best-effort undo, newest first; the error that caused it is returned.
    fn roll_back(self, error: OutputError) -> OutputError {
        for undo in self.done.into_iter().rev() {
            let _ = match undo {
                Undo::Replaced { path, old: Some(old) } | Undo::Removed { path, old } => std::fs::write(&path, old),
                Undo::Replaced { path, old: None } => std::fs::remove_file(&path),
            };
        }
        for staged in &self.staged {
            let _ = std::fs::remove_file(staged);
        }
        for dir in self.created_dirs.iter().rev() {
            let _ = std::fs::remove_dir_all(dir);
        }
        error
    }
}

/// Writes files whose contents differ and removes stale ones. A file that
/// did not exist is written in place; a file that changes is first staged
/// beside its target and then renamed over it, which replaces it
/// atomically. Writes and renames run on all cores. Every step is
/// journaled: if any fails, what was done is undone and the folder is left
/// as it was (a file created by the run is removed). Unchanged files are
/// not touched, so their timestamps do not trigger rebuilds.
pub fn write(out: &Path, files: &[File]) -> Result<Changes, OutputError> {
    let mut journal = Journal::default();
    match apply(out, files, &mut journal) {
        Ok(changes) => Ok(changes),
        Err(error) => Err(journal.roll_back(error)),
    }
}

/// What one file needed: nothing, a new file written in place, or a
/// staged copy to rename over what the target held.
enum Step {
    Unchanged,
    Created,
    Staged { staged: PathBuf, old: Vec<u8> },
}

fn apply(out: &Path, files: &[File], journal: &mut Journal) -> Result<Changes, OutputError> {
    let mut changes = Changes::default();
    let wanted: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    // One listing instead of a failed open per new file, and each folder
    // made once: a crate is thousands of files in a few dozen folders.
    let on_disk: BTreeSet<String> = existing(out).into_iter().collect();
    let mut folders: BTreeSet<&Path> = BTreeSet::new();
    let targets: Vec<PathBuf> = files.iter().map(|file| target(out, &file.path)).collect::<Result<_, _>>()?;
    for path in &targets {
        if let Some(parent) = path.parent().filter(|p| !folders.contains(p)) {
            journal.create_dirs(parent)?;
            folders.insert(parent);
        }
    }
    // Comparing, writing and staging are independent per file: on all cores.
    let steps: Vec<Result<Step, OutputError>> = files
        .par_iter()
        .zip(&targets)
        .map(|(file, path)| {
            // The listing covers the owned folders; `Cargo.toml` and other
            // top-level files are looked at directly.
            let owned = OWNED_DIRS.iter().any(|dir| file.path.strip_prefix(dir).is_some_and(|r| r.starts_with('/')));
            let old = if on_disk.contains(&file.path) || !owned {
                match std::fs::read(path) {
                    Ok(old) => Some(old),
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
                    // A file that is there but unreadable is not ours to replace.
                    Err(error) => return Err(OutputError::Io { path: path.clone(), error }),
                }
            } else {
                None
            };
            match old {
                Some(old) if old == file.contents.as_bytes() => Ok(Step::Unchanged),
                Some(old) => {
                    let mut name = path.file_name().unwrap_or_default().to_os_string();
                    name.push(STAGED);
                    let staged = path.with_file_name(name);
                    std::fs::write(&staged, &file.contents).map_err(io(&staged))?;
                    Ok(Step::Staged { staged, old })
                }
                // Nothing to keep: no staging copy, the file is written
                // where it belongs (and removed again if the run fails).
                None => std::fs::write(path, &file.contents).map(|()| Step::Created).map_err(|error| {
                    let _ = std::fs::remove_file(path);
                    OutputError::Io { path: path.clone(), error }
                }),
            }
        })
        .collect();
    let mut renames: Vec<(PathBuf, PathBuf, Vec<u8>)> = Vec::new();
    let mut failure = None;
    for ((file, path), result) in files.iter().zip(&targets).zip(steps) {
        match result {
            Ok(Step::Unchanged) => changes.unchanged += 1,
            Ok(Step::Created) => {
                journal.done.push(Undo::Replaced { path: path.clone(), old: None });
                changes.written.push(file.path.clone());
            }
            Ok(Step::Staged { staged, old }) => {
                journal.staged.push(staged.clone());
                renames.push((staged, path.clone(), old));
                changes.written.push(file.path.clone());
            }
            Err(error) => failure = failure.or(Some(error)),
        }
    }
    if let Some(error) = failure {
        return Err(error);
    }
    let renamed: Vec<Result<Undo, OutputError>> = renames
        .into_par_iter()
        .map(|(staged, path, old)| match std::fs::rename(&staged, &path) {
            Ok(()) => Ok(Undo::Replaced { path, old: Some(old) }),
            Err(error) => Err(OutputError::Io { path, error }),
        })
        .collect();
    for result in renamed {
        match result {
            Ok(undo) => journal.done.push(undo),
            Err(error) => failure = failure.or(Some(error)),
        }
    }
    if let Some(error) = failure {
        return Err(error);
    }
    for stale in on_disk.iter().filter(|p| !wanted.contains(p.as_str())) {
        let path = target(out, stale)?;
        let old = std::fs::read(&path).map_err(io(&path))?;
        std::fs::remove_file(&path).map_err(io(&path))?;
        journal.done.push(Undo::Removed { path, old });
        changes.removed.push(stale.clone());
    }
    Ok(changes)
}

/// One file that differs from what would be generated.
#[derive(Debug)]
pub struct Difference {
    pub path: String,
    /// A unified diff from what is on disk to what would be written.
    pub diff: String,
}

/// Compares `files` with `out` without writing anything.
pub fn check(out: &Path, files: &[File]) -> Result<Vec<Difference>, OutputError> {
    let mut differences = Vec::new();
    let wanted: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for file in files {
        let path = target(out, &file.path)?;
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        if old != file.contents {
            differences.push(Difference { path: file.path.clone(), diff: unified(&file.path, &old, &file.contents) });
        }
    }
    for stale in existing(out).into_iter().filter(|p| !wanted.contains(p.as_str())) {
        let old = std::fs::read_to_string(target(out, &stale)?).unwrap_or_default();
        differences.push(Difference { diff: unified(&stale, &old, ""), path: stale });
    }
    Ok(differences)
}

fn unified(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_tree_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let file = |path: &str, contents: &str| File { path: path.to_owned(), contents: contents.to_owned() };
        write(dir.path(), &[file("src/lib.rs", "old\n"), file("src/a.rs", "a\n")]).unwrap();
        // `src/lib.rs/x.rs` cannot be created (lib.rs is a file): staging fails.
        let err = write(dir.path(), &[file("src/a.rs", "changed\n"), file("src/lib.rs/x.rs", "x\n")]);
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(dir.path().join("src/a.rs")).unwrap(), "a\n");
        assert_eq!(std::fs::read_to_string(dir.path().join("src/lib.rs")).unwrap(), "old\n");
        let leftovers = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .flatten()
            .filter(|e| e.path().to_string_lossy().ends_with(STAGED))
            .count();
        assert_eq!(leftovers, 0);
        // A good run replaces what changed and removes what is stale.
        let changes = write(dir.path(), &[file("src/lib.rs", "new\n")]).unwrap();
        assert_eq!((changes.written.len(), changes.removed.len()), (1, 1));
        assert_eq!(std::fs::read_to_string(dir.path().join("src/lib.rs")).unwrap(), "new\n");
    }

    #[test]
    fn a_failed_run_removes_the_files_it_created() {
        let dir = tempfile::tempdir().unwrap();
        let file = |path: &str, contents: &str| File { path: path.to_owned(), contents: contents.to_owned() };
        write(dir.path(), &[file("src/lib.rs", "old\n")]).unwrap();
        // `src/taken` is a folder: writing a file there fails, after
        // `src/new.rs` may have been written in place.
        std::fs::create_dir_all(dir.path().join("src/taken")).unwrap();
        let files = [file("src/lib.rs", "new\n"), file("src/new.rs", "n\n"), file("src/taken", "t\n")];
        assert!(write(dir.path(), &files).is_err());
        assert!(!dir.path().join("src/new.rs").exists());
        assert_eq!(std::fs::read_to_string(dir.path().join("src/lib.rs")).unwrap(), "old\n");
    }

    #[test]
    fn paths_cannot_escape() {
        let out = Path::new("/tmp/out");
        assert!(target(out, "src/lib.rs").is_ok());
        for bad in ["../x.rs", "/etc/passwd", "src/../../x", "", "./x"] {
            assert!(target(out, bad).is_err(), "{bad}");
        }
    }
}
