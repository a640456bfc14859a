//! The codebase's shape, as ARCHITECTURE.md promises it: inside each crate
//! (and xtask) the modules import one another in one direction (no module
//! A that uses B while B uses A, directly or through others), and no
//! hand-written `.rs` file is longer than [`MAX_LINES`]. Both are kinds of
//! fault that made `lower.rs` the home of helpers its callees imported back
//! (issue #24); the test names the files and modules that bring them back.
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

/// The top-level module a file under `src` belongs to (`page/routes.rs` is
/// `page`); `None` for the crate root.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The modules `source` names as `crate::x` outside comments and its
/// `#[cfg(test)] mod tests`, including `use crate::{a, b::c}` groups.
fn referenced(source: &str) -> BTreeSet<String> {
    let code: String = source
        .lines()
        .take_while(|line| line.trim() != "#[cfg(test)]" || !source.contains("#[cfg(test)]\nmod tests"))
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let code = match code.find("#[cfg(test)]\nmod tests") {
        Some(at) => &code[..at],
        None => &code[..],
    };
    let ident =
        |text: &str| -> String { text.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect() };
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            found.extend(group.split(',').map(|item| ident(item.trim())).filter(|m| !m.is_empty()));
        } else {
            found.insert(ident(rest));
        }
    }
    found
}

/// Module → the modules of its crate it uses.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        if let Some(module) = module_of(src, file) {
            let uses = referenced(&std::fs::read_to_string(file).unwrap());
            graph.entry(module).or_default().extend(uses);
        }
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for (module, uses) in &mut graph {
        uses.retain(|used| modules.contains(used) && used != module);
    }
    graph
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
    let uses = referenced(
        "//! see crate::lower\nuse crate::{edm, model::TypeRef};\nfn f() { crate::names::x() }\n#[cfg(test)]\nmod tests { use crate::links; }\n",
    );
    assert_eq!(uses.into_iter().collect::<Vec<_>>(), ["edm", "model", "names"]);
}

#[test]
fn modules_inside_each_crate_import_in_one_direction() {
    let mut cycles = Vec::new();
    let mut modules = 0;
    for src in source_roots() {
        let graph = module_graph(&src);
        modules += graph.len();
        if let Some(cycle) = find_cycle(&graph) {
            cycles.push(format!("{}: {}", src.display(), cycle.join(" -> ")));
        }
    }
    assert!(modules > 50, "found only {modules} modules: the walk is wrong");
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
