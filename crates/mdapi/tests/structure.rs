//! The codebase's shape, as ARCHITECTURE.md promises it: inside each crate
//! (and xtask) the modules import one another in one direction (no module
//! A that uses B while B uses A, directly or through others), and no
//! hand-written `.rs` file is longer than [`MAX_LINES`]. An import is a
//! `crate::`, `super::` or `self::` path, `use` trees included; at every
//! level the sibling modules form no cycle (a child using its parent is
//! not one). Both are kinds of fault that made `lower.rs` the home of
//! helpers its callees imported back (issue #24); the test names the files
//! and modules that bring them back.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a hand-written source file may be, its tests included.
const MAX_LINES: usize = 600;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !matches!(path.file_name().and_then(|n| n.to_str()), Some("target" | "fixtures" | "data")) {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source folders whose modules form one graph: each crate's `src`
/// (`crates/`, `examples/`) and xtask's.
fn source_roots() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = ["crates", "examples"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root().join(dir)).unwrap().flatten())
        .map(|e| e.path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    roots.push(root().join("xtask/src"));
    roots.sort();
    roots
}

/// The module path of a file under `src` (`page/routes.rs` is
/// `["page", "routes"]`, `edm/mod.rs` is `["edm"]`); empty for the crate
/// root. `None` for test-only files (`tests.rs`), whose imports are tests'.
fn module_path(src: &Path, file: &Path) -> Option<Vec<String>> {
    let rel = file.strip_prefix(src).ok()?;
    let mut path: Vec<String> = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    let last = path.pop()?;
    let stem = last.strip_suffix(".rs")?;
    if stem == "tests" {
        return None;
    }
    if !matches!(stem, "mod" | "lib" | "main") || !path.is_empty() && stem != "mod" {
        path.push(stem.to_owned());
    }
    Some(path)
}

/// `source` without comments (whole lines, and what follows `//` on a line
/// of code, a URL's `://` excepted) and without its `#[cfg(test)] mod
/// tests` (which, by the codebase's convention, ends the file).
fn code_of(source: &str) -> String {
    let without_comment = |line: &str| -> String {
        let mut from = 0;
        while let Some(at) = line[from..].find("//").map(|at| from + at) {
            if !line[..at].ends_with(':') {
                return line[..at].to_owned();
            }
            from = at + 2;
        }
        line.to_owned()
    };
    let code: Vec<String> = source.lines().map(without_comment).collect();
    let code = code.join("\n");
    match code.find("#[cfg(test)]\nmod tests") {
        Some(at) => code[..at].to_owned(),
        None => code,
    }
}

/// The paths a use tree starting at `text` names, each as segments after
/// its root: `a::{b, c::{d}}, e` → `a::b`, `a::c::d` (stops at the tree's end).
fn use_tree(text: &str, prefix: &[String], out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix.to_vec();
    let mut at = 0;
    let bytes = text.as_bytes();
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if bytes.get(at) == Some(&b'{') {
            at += 1;
            loop {
                at += use_tree(&text[at..], &path, out);
                while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                match bytes.get(at) {
                    Some(b',') => at += 1,
                    Some(b'}') => return at + 1,
                    _ => return at,
                }
                while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                if bytes.get(at) == Some(&b'}') {
                    return at + 1;
                }
            }
        }
        let ident: String = text[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        at += ident.len();
        if !ident.is_empty() && ident != "self" {
            path.push(ident);
        }
        if text[at..].starts_with("::") {
            at += 2;
        } else {
            out.push(path);
            return at;
        }
    }
}

/// The module paths (absolute, from the crate root) that the code of the
/// module `here` names through `crate::`, `super::` or `self::`, and, in a
/// module that imports `super::*`, through a sibling's bare name
/// (`siblings`: the names of the modules beside `here`).
fn referenced(here: &[String], source: &str, siblings: &BTreeSet<String>) -> Vec<Vec<String>> {
    let code = code_of(source);
    let mut found = Vec::new();
    if code.contains("use super::*;") {
        let parent = &here[..here.len().saturating_sub(1)];
        for (at, _) in code.match_indices("::") {
            let before: String =
                code[..at].chars().rev().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            let name: String = before.chars().rev().collect();
            let start = at - name.len();
            let preceded = code[..start].chars().next_back().is_some_and(|c| c == ':' || c.is_ascii_alphanumeric());
            if !preceded && siblings.contains(&name) && Some(&name) != here.last() {
                found.push(parent.iter().cloned().chain([name]).collect());
            }
        }
    }
    for root in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(root) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let base: Vec<String> = match root {
                "crate::" => Vec::new(),
                "self::" => here.to_vec(),
                _ => here[..here.len().saturating_sub(1)].to_vec(),
            };
            let mut rest = &code[at + root.len()..];
            let mut base = base;
            while let Some(more) = rest.strip_prefix("super::") {
                base.pop();
                rest = more;
            }
            use_tree(rest, &base, &mut found);
        }
    }
    found
}

/// A name a module re-exports: the module's path and the name.
type Reexport = (Vec<String>, String);

/// What `pub use` items of a module re-export, by the name they give:
/// `(module, name)` → the module the item comes from (`pub use
/// collection::Collection;` in the crate root: `([], "Collection")` →
/// `["collection"]`). A use of the name is a use of that module.
fn reexports(here: &[String], source: &str, known: &BTreeSet<Vec<String>>) -> Vec<(Reexport, Vec<String>)> {
    let code = code_of(source);
    let mut out = Vec::new();
    for (at, _) in code.match_indices("use ") {
        let head = code[..at].trim_end();
        if !(head.ends_with("pub") || head.ends_with(')') && head.contains("pub(")) {
            continue;
        }
        let rest = &code[at + "use ".len()..];
        let (base, rest): (Vec<String>, &str) = if let Some(rest) = rest.strip_prefix("crate::") {
            (Vec::new(), rest)
        } else if let Some(rest) = rest.strip_prefix("self::") {
            (here.to_vec(), rest)
        } else if let Some(mut rest) = rest.strip_prefix("super::") {
            let mut base = here[..here.len().saturating_sub(1)].to_vec();
            while let Some(more) = rest.strip_prefix("super::") {
                base.pop();
                rest = more;
            }
            (base, rest)
        } else {
            // A bare path names a child module of `here` (or another crate).
            (here.to_vec(), rest)
        };
        let mut paths = Vec::new();
        use_tree(rest, &base, &mut paths);
        for path in paths {
            let Some(name) = path.last() else { continue };
            if let Some(from) = (0..path.len()).rev().map(|n| &path[..n]).find(|p| known.contains(*p)) {
                if from.len() > here.len() || !from.starts_with(here) {
                    out.push(((here.to_vec(), name.clone()), from.to_vec()));
                }
            }
        }
    }
    out
}

/// For every module that has child modules, the graph of its children:
/// child → the siblings it uses (a use of a sibling's descendant is a use
/// of that sibling; a use of a name a module re-exports is a use of where
/// the name comes from). The crate root's children are the top-level
/// modules.
fn module_graphs(src: &Path) -> BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let sources: Vec<(Vec<String>, String)> = files
        .iter()
        .filter_map(|file| Some((module_path(src, file)?, std::fs::read_to_string(file).unwrap())))
        .collect();
    let known: BTreeSet<Vec<String>> = sources.iter().map(|(path, _)| path.clone()).collect();
    let children_of = |parent: &[String]| -> BTreeSet<String> {
        known
            .iter()
            .filter(|p| p.len() == parent.len() + 1 && p.starts_with(parent))
            .map(|p| p[parent.len()].clone())
            .collect()
    };
    let reexported: BTreeMap<Reexport, Vec<String>> =
        sources.iter().flat_map(|(path, source)| reexports(path, source, &known)).collect();
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (from, source) in &sources {
        if let Some((name, parent)) = from.split_last() {
            graphs.entry(parent.to_vec()).or_default().entry(name.clone()).or_default();
        }
        let siblings = from.split_last().map(|(_, parent)| children_of(parent)).unwrap_or_default();
        for used in referenced(from, source, &siblings) {
            // The longest prefix of the path that is a module, then where a
            // name it re-exports comes from.
            let Some(mut to) = (0..=used.len()).rev().map(|n| used[..n].to_vec()).find(|p| known.contains(p)) else {
                continue;
            };
            if let Some(origin) = used.get(to.len()).and_then(|name| reexported.get(&(to.clone(), name.clone()))) {
                to = origin.clone();
            }
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            // A module's use of its own ancestor or descendant is not an edge
            // between siblings.
            if common == from.len() || common == to.len() {
                continue;
            }
            let graph = graphs.entry(from[..common].to_vec()).or_default();
            graph.entry(from[common].clone()).or_default().insert(to[common].clone());
        }
    }
    graphs
}

/// The groups of modules that import one another (strongly connected
/// components of more than one module, Tarjan's algorithm), each sorted.
fn cycle_groups(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        groups: Vec<Vec<String>>,
    }
    fn visit<'g>(walk: &mut Walk<'g>, node: &'g str) {
        let at = walk.index.len();
        walk.index.insert(node, at);
        walk.low.insert(node, at);
        walk.stack.push(node);
        for next in walk.graph.get(node).into_iter().flatten() {
            if !walk.index.contains_key(next.as_str()) {
                visit(walk, next);
                let low = walk.low[next.as_str()].min(walk.low[node]);
                walk.low.insert(node, low);
            } else if walk.stack.contains(&next.as_str()) {
                let low = walk.index[next.as_str()].min(walk.low[node]);
                walk.low.insert(node, low);
            }
        }
        if walk.low[node] == walk.index[node] {
            let mut group = Vec::new();
            while let Some(member) = walk.stack.pop() {
                group.push(member.to_owned());
                if member == node {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                walk.groups.push(group);
            }
        }
    }
    let mut walk = Walk { graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), groups: Vec::new() };
    for node in graph.keys() {
        if !walk.index.contains_key(node.as_str()) {
            visit(&mut walk, node);
        }
    }
    walk.groups.sort();
    walk.groups
}

#[test]
fn the_cycle_finder_finds_every_group_and_none_in_a_chain() {
    let graph = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry((*a).to_owned()).or_default().insert((*b).to_owned());
            g.entry((*b).to_owned()).or_default();
        }
        g
    };
    let two_groups = graph(&[("lower", "examples"), ("examples", "names"), ("names", "lower"), ("a", "b"), ("b", "a")]);
    assert_eq!(cycle_groups(&two_groups), [vec!["a", "b"], vec!["examples", "lower", "names"]]);
    assert!(cycle_groups(&graph(&[("lower", "examples"), ("examples", "names"), ("lower", "names")])).is_empty());
}

#[test]
fn references_are_read_from_use_trees_super_and_self_but_not_comments_or_tests() {
    let here = vec!["page".to_owned(), "routes".to_owned()];
    let source = "//! see crate::lower\nuse crate::{edm, // the spellings\n    model::{TypeRef, Api}, names};\nuse super::tables::Row;\n\
                  fn f() { crate::links::x(); self::inner::y(); super::super::diag::z() } // crate::values\n\
                  #[cfg(test)]\nmod tests { use crate::values; }\n";
    let found: BTreeSet<String> = referenced(&here, source, &BTreeSet::new()).iter().map(|p| p.join("::")).collect();
    let want = [
        "diag::z",
        "edm",
        "links::x",
        "model::Api",
        "model::TypeRef",
        "names",
        "page::routes::inner::y",
        "page::tables::Row",
    ];
    assert_eq!(found, want.iter().map(|s| (*s).to_owned()).collect());
}

/// Writes a throwaway crate's `src` of `files` and returns its graphs.
fn graphs_of(name: &str, files: &[(&str, &str)]) -> BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> {
    let src = Path::new(env!("CARGO_TARGET_TMPDIR")).join("structure-fixture").join(name).join("src");
    let _ = std::fs::remove_dir_all(&src);
    for (path, text) in files {
        let path = src.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    module_graphs(&src)
}

#[test]
fn a_cycle_between_submodules_is_found_and_a_child_using_its_parent_is_not_one() {
    let graphs = graphs_of(
        "submodules",
        &[
            ("lib.rs", "mod page;\nmod diag;\n"),
            ("diag.rs", "pub struct Diagnostic;\n"),
            ("page.rs", "mod routes;\nmod tables;\nuse crate::diag::Diagnostic;\npub struct Reader;\n"),
            ("page/routes.rs", "use super::Reader;\nfn f() { super::tables::row(); }\n"),
            ("page/tables.rs", "use super::{Reader, routes::line};\n"),
        ],
    );
    assert!(cycle_groups(&graphs[&Vec::<String>::new()]).is_empty(), "page uses diag: one direction");
    assert_eq!(cycle_groups(&graphs[&vec!["page".to_owned()]]), [vec!["routes", "tables"]]);
}

/// Kinds a newcomer's cycles slipped through: a name the parent
/// re-exports (`pub use a::Thing` used as `super::Thing`), and a sibling
/// named bare after `use super::*`.
#[test]
fn cycles_through_a_reexport_or_a_glob_import_are_found() {
    let reexport = graphs_of(
        "reexport",
        &[
            ("lib.rs", "mod zz;\n"),
            ("zz/mod.rs", "mod a;\nmod b;\npub use a::Thing;\n"),
            ("zz/a.rs", "pub struct Thing;\nfn f() { super::b::helper() }\n"),
            ("zz/b.rs", "use super::Thing;\npub fn helper() {}\n"),
        ],
    );
    assert_eq!(cycle_groups(&reexport[&vec!["zz".to_owned()]]), [vec!["a", "b"]]);
    let root_reexport = graphs_of(
        "root-reexport",
        &[
            ("lib.rs", "mod a;\nmod b;\npub use a::Thing;\n"),
            ("a.rs", "pub struct Thing;\nfn f() { crate::b::helper() }\n"),
            ("b.rs", "use crate::Thing;\npub fn helper() {}\n"),
        ],
    );
    assert_eq!(cycle_groups(&root_reexport[&Vec::<String>::new()]), [vec!["a", "b"]]);
    let glob = graphs_of(
        "glob",
        &[
            ("lib.rs", "mod zz;\n"),
            ("zz/mod.rs", "mod a;\nmod b;\n"),
            ("zz/a.rs", "use super::*;\nfn f() { b::helper() }\n"),
            ("zz/b.rs", "pub fn helper() { super::a::g() }\n"),
        ],
    );
    assert_eq!(cycle_groups(&glob[&vec!["zz".to_owned()]]), [vec!["a", "b"]]);
}

#[test]
fn modules_inside_each_crate_import_in_one_direction() {
    let mut cycles = Vec::new();
    let mut modules = 0;
    for src in source_roots() {
        for (parent, graph) in module_graphs(&src) {
            modules += graph.len();
            for group in cycle_groups(&graph) {
                let under =
                    if parent.is_empty() { String::new() } else { format!(" (inside `{}`)", parent.join("::")) };
                cycles.push(format!("{}{under}: {}", src.display(), group.join(", ")));
            }
        }
    }
    assert!(modules > 80, "found only {modules} modules: the walk is wrong");
    assert!(
        cycles.is_empty(),
        "modules that import each other (move what both need into a module below them):\n{}",
        cycles.join("\n")
    );
}

#[test]
fn no_hand_written_source_file_is_longer_than_the_limit() {
    let mut files = Vec::new();
    for dir in ["crates", "xtask", "examples"] {
        rust_files(&root().join(dir), &mut files);
    }
    assert!(files.len() > 100, "found only {} files: the walk is wrong", files.len());
    let long: Vec<String> = files
        .iter()
        .map(|f| (f, std::fs::read_to_string(f).unwrap().lines().count()))
        .filter(|(_, lines)| *lines > MAX_LINES)
        .map(|(f, lines)| format!("{}: {lines} lines", f.strip_prefix(root()).unwrap_or(f).display()))
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines (split them by what they do):\n{}", long.join("\n"));
}
