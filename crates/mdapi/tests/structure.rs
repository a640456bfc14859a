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
/// and xtask's.
fn source_roots() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = std::fs::read_dir(root().join("crates"))
        .unwrap()
        .flatten()
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

/// `source` without comment lines and without its `#[cfg(test)] mod tests`
/// (which, by the codebase's convention, ends the file).
fn code_of(source: &str) -> String {
    let code: Vec<&str> = source.lines().filter(|line| !line.trim_start().starts_with("//")).collect();
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
/// module `here` names through `crate::`, `super::` or `self::`.
fn referenced(here: &[String], source: &str) -> Vec<Vec<String>> {
    let code = code_of(source);
    let mut found = Vec::new();
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

/// For every module that has child modules, the graph of its children:
/// child → the siblings it uses (a use of a sibling's descendant is a use
/// of that sibling). The crate root's children are the top-level modules.
fn module_graphs(src: &Path) -> BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut modules: BTreeMap<Vec<String>, Vec<Vec<String>>> = BTreeMap::new();
    for file in &files {
        if let Some(path) = module_path(src, file) {
            let uses = referenced(&path, &std::fs::read_to_string(file).unwrap());
            modules.entry(path).or_default().extend(uses);
        }
    }
    let known: BTreeSet<Vec<String>> = modules.keys().cloned().collect();
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (from, uses) in &modules {
        if let Some((name, parent)) = from.split_last() {
            graphs.entry(parent.to_vec()).or_default().entry(name.clone()).or_default();
        }
        for used in uses {
            // The longest prefix of the path that is a module.
            let Some(to) = (0..=used.len()).rev().map(|n| &used[..n]).find(|p| known.contains(*p)) else { continue };
            let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
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

/// A cycle through `graph`, as the modules on it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, done, path) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|start| visit(start, graph, &mut done, &mut Vec::new()))
}

#[test]
fn the_cycle_finder_finds_a_cycle_through_three_modules_and_none_in_a_chain() {
    let graph = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry((*a).to_owned()).or_default().insert((*b).to_owned());
            g.entry((*b).to_owned()).or_default();
        }
        g
    };
    assert_eq!(
        find_cycle(&graph(&[("lower", "examples"), ("examples", "names"), ("names", "lower")])),
        Some(vec!["examples".into(), "names".into(), "lower".into(), "examples".into()])
    );
    assert_eq!(find_cycle(&graph(&[("lower", "examples"), ("examples", "names"), ("lower", "names")])), None);
}

#[test]
fn references_are_read_from_use_trees_super_and_self_but_not_comments_or_tests() {
    let here = vec!["page".to_owned(), "routes".to_owned()];
    let source = "//! see crate::lower\nuse crate::{edm, model::{TypeRef, Api}, names};\nuse super::tables::Row;\n\
                  fn f() { crate::links::x(); self::inner::y(); super::super::diag::z() }\n\
                  #[cfg(test)]\nmod tests { use crate::values; }\n";
    let found: BTreeSet<String> = referenced(&here, source).iter().map(|p| p.join("::")).collect();
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

#[test]
fn a_cycle_between_submodules_is_found_and_a_child_using_its_parent_is_not_one() {
    let src = Path::new(env!("CARGO_TARGET_TMPDIR")).join("structure-fixture/src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(src.join("page")).unwrap();
    let files = [
        ("lib.rs", "mod page;\nmod diag;\n"),
        ("diag.rs", "pub struct Diagnostic;\n"),
        ("page.rs", "mod routes;\nmod tables;\nuse crate::diag::Diagnostic;\npub struct Reader;\n"),
        ("page/routes.rs", "use super::Reader;\nfn f() { super::tables::row(); }\n"),
        ("page/tables.rs", "use super::{Reader, routes::line};\n"),
    ];
    for (path, text) in files {
        std::fs::write(src.join(path), text).unwrap();
    }
    let graphs = module_graphs(&src);
    assert_eq!(find_cycle(&graphs[&Vec::<String>::new()]), None, "page uses diag: one direction");
    assert_eq!(
        find_cycle(&graphs[&vec!["page".to_owned()]]),
        Some(vec!["routes".into(), "tables".into(), "routes".into()])
    );
}

#[test]
fn modules_inside_each_crate_import_in_one_direction() {
    let mut cycles = Vec::new();
    let mut modules = 0;
    for src in source_roots() {
        for (parent, graph) in module_graphs(&src) {
            modules += graph.len();
            if let Some(cycle) = find_cycle(&graph) {
                let under =
                    if parent.is_empty() { String::new() } else { format!(" (inside `{}`)", parent.join("::")) };
                cycles.push(format!("{}{under}: {}", src.display(), cycle.join(" -> ")));
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
