//! Reading doc folders: the only place mdapi reads docs from disk.

use std::path::{Path, PathBuf};

use mdapi_parse::{Code, Diagnostic, Span};
use rayon::prelude::*;

/// One markdown page as read from disk.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// Index into [`DocSet::roots`].
    pub root: usize,
    /// Path relative to its root, `/`-separated; the page's identity.
    pub path: String,
    /// The page's markdown; empty once [`DocSet::release_texts`] ran.
    pub text: String,
}

/// Every page of one or more docs folders, sorted by path. Links resolve
/// across all folders.
#[derive(Debug, Clone, Default)]
pub struct DocSet {
    pub roots: Vec<PathBuf>,
    pub pages: Vec<SourcePage>,
    /// Problems reading pages (unreadable, not UTF-8, duplicate paths).
    pub diagnostics: Vec<Diagnostic>,
    /// Every folder listed, for build scripts' `rerun-if-changed`.
    pub folders: Vec<PathBuf>,
    /// Page paths added so far: a duplicate is found without a scan.
    seen: std::collections::HashSet<String>,
    /// [`DocSet::release_texts`] ran: [`DocSet::text`] has no page's text.
    texts_released: bool,
}

/// A docs folder that cannot be listed at all.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read docs folder {}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for LoadError {}

impl DocSet {
    /// Reads every `.md` file under each root. Symbolic links are not
    /// followed, so a link cannot pull in files from outside the folder.
    pub fn load<P: AsRef<Path>>(roots: &[P]) -> Result<Self, LoadError> {
        let mut set = DocSet::default();
        let mut listed: Vec<(usize, String, PathBuf)> = Vec::new();
        for (index, root) in roots.iter().enumerate() {
            let root = root.as_ref();
            if !root.is_dir() {
                return Err(LoadError { path: root.to_owned(), message: "not a directory".to_owned() });
            }
            set.roots.push(root.to_owned());
            let walker = walkdir::WalkDir::new(root).follow_links(false).sort_by_file_name();
            for entry in walker {
                let entry = entry.map_err(|err| LoadError { path: root.to_owned(), message: err.to_string() })?;
                if entry.file_type().is_dir() {
                    set.folders.push(entry.path().to_owned());
                    continue;
                }
                let is_markdown = entry.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
                if !entry.file_type().is_file() || !is_markdown {
                    continue;
                }
                let Ok(relative) = entry.path().strip_prefix(root) else { continue };
                let path = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                listed.push((index, path, entry.into_path()));
            }
        }
        // Reading is most of loading: on all cores, then added in listing
        // order so duplicates and diagnostics do not depend on scheduling.
        let read: Vec<std::io::Result<Vec<u8>>> = listed.par_iter().map(|(_, _, full)| std::fs::read(full)).collect();
        for ((index, path, _), bytes) in listed.into_iter().zip(read) {
            match bytes {
                Ok(bytes) => set.add_bytes(index, path, bytes),
                Err(err) => set.diagnostics.push(Diagnostic::new(
                    Code::PageUnreadable,
                    &path,
                    Span::default(),
                    format!("cannot read page: {err}"),
                )),
            }
        }
        set.pages.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(set)
    }

    /// A doc set of pages given as bytes, read as [`DocSet::load`] reads
    /// files (a page that is not UTF-8 gets a diagnostic), for tests,
    /// fuzzing and tools that hold pages in memory. Paths are relative,
    /// `/`-separated.
    pub fn from_memory<P: Into<String>, B: AsRef<[u8]>>(pages: impl IntoIterator<Item = (P, B)>) -> Self {
        let mut set = DocSet::default();
        for (path, bytes) in pages {
            set.add_bytes(0, path.into(), bytes.as_ref().to_vec());
        }
        set.pages.sort_by(|a, b| a.path.cmp(&b.path));
        set
    }

    fn add_bytes(&mut self, root: usize, path: String, bytes: Vec<u8>) {
        if !self.seen.insert(path.clone()) {
            self.diagnostics.push(
                Diagnostic::new(Code::PageDuplicate, &path, Span::default(), "another docs folder already has a page at this path; this one is skipped")
                    .with_help("pass folders whose relative page paths differ (for example `docs/v1.0` and `docs/beta` as one `docs`)"),
            );
            return;
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::PageNotUtf8,
                        &path,
                        Span::default(),
                        "page is not valid UTF-8; invalid bytes were replaced",
                    )
                    .with_help("save the page as UTF-8"),
                );
                String::from_utf8_lossy(err.as_bytes()).into_owned()
            }
        };
        self.pages.push(SourcePage { root, path, text });
    }

    /// The path of a page as the user named it: root joined with the page path.
    pub fn display_path(&self, page_path: &str) -> String {
        let root = self.page(page_path).and_then(|p| self.roots.get(p.root));
        match root {
            Some(root) => root.join(page_path).to_string_lossy().into_owned(),
            None => page_path.to_owned(),
        }
    }

    /// What a build script must watch: every folder (so an added page is
    /// noticed) and every page read.
    pub fn watched_paths(&self) -> Vec<PathBuf> {
        let pages = self.pages.iter().filter_map(|p| Some(self.roots.get(p.root)?.join(&p.path)));
        self.folders.iter().cloned().chain(pages).collect()
    }

    /// Which of [`DocSet::roots`] a page was read from.
    pub fn root_of(&self, page_path: &str) -> Option<usize> {
        self.page(page_path).map(|p| p.root)
    }

    /// The text of a page, for rendering snippets; `None` for a page not
    /// in the set, or once [`DocSet::release_texts`] ran.
    pub fn text(&self, page_path: &str) -> Option<&str> {
        self.page(page_path).filter(|_| !self.texts_released).map(|p| p.text.as_str())
    }

    /// Frees every page's text, keeping roots, paths and folders. A
    /// generator run does this once the pages are parsed: nothing after
    /// reads the text, and over the whole Graph corpus it is 44 MB of a
    /// run's peak memory.
    pub fn release_texts(&mut self) {
        for page in &mut self.pages {
            page.text = String::new();
        }
        self.texts_released = true;
    }

    fn page(&self, page_path: &str) -> Option<&SourcePage> {
        let at = self.pages.binary_search_by(|p| p.path.as_str().cmp(page_path)).ok()?;
        self.pages.get(at)
    }
}
