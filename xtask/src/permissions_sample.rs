//! `cargo xtask permissions-sample [--docs DIR] [--seed N]`: a seeded
//! sample of operations and what mdapi reads as their permissions, to
//! check by hand against the pages (issue #21; the verdicts are in the
//! `docs/permissions.md`). 45 operations from 45 API areas drawn at random, then 15 drawn
//! among the operations whose permissions use a harder form: a condition,
//! scopes needed together, or a note. Without `--docs`, the v1.0 corpus.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mdapi_ir::{Access, Operation};

const ACROSS_AREAS: usize = 45;
const HARDER_FORMS: usize = 15;

/// splitmix64: a seeded sequence with no dependency, the same everywhere.
struct Draw(u64);

impl Draw {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        usize::try_from(z % below.max(1) as u64).unwrap_or(0)
    }
}

fn harder(op: &Operation) -> bool {
    op.permissions.by_account().iter().any(|(_, access)| match access {
        Access::AnyOf { sets } => sets
            .iter()
            .any(|s| s.condition.is_some() || s.all_of.len() > 1 || s.all_of.iter().any(|x| x.note.is_some())),
        _ => false,
    })
}

fn describe(access: &Access) -> String {
    match access {
        Access::Undocumented => "not documented".to_owned(),
        Access::NotSupported => "not supported".to_owned(),
        Access::AnyOf { sets } => sets
            .iter()
            .map(|set| {
                let names: Vec<String> = set
                    .all_of
                    .iter()
                    .map(|s| if s.note.is_some() { format!("{}*", s.name) } else { s.name.clone() })
                    .collect();
                match &set.condition {
                    Some(c) if c.bound => format!("{} [{}]", names.join(" + "), c.text),
                    Some(c) => format!("{} [only when: {}]", names.join(" + "), c.text),
                    None => names.join(" + "),
                }
            })
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

pub fn run(root: &Path, docs: Option<PathBuf>, seed: u64) -> Result<(), String> {
    let docs = docs.unwrap_or_else(|| crate::corpus::corpus_dir(root).join("graph-docs/v1.0"));
    let set = mdapi::DocSet::load(&[&docs]).map_err(|e| e.to_string())?;
    let api = mdapi::analyze(&set).api;
    let mut by_area: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for op in &api.operations {
        by_area.entry(op.area.as_str()).or_default().push(op);
    }
    let mut draw = Draw(seed);
    let mut areas: Vec<&str> = by_area.keys().copied().collect();
    let mut sample: Vec<&Operation> = Vec::new();
    while sample.len() < ACROSS_AREAS && !areas.is_empty() {
        let area = areas.remove(draw.next(areas.len()));
        let ops = &by_area[area];
        sample.push(ops[draw.next(ops.len())]);
    }
    let mut hard: Vec<&Operation> = api.operations.iter().filter(|op| harder(op) && !sample.contains(op)).collect();
    for _ in 0..HARDER_FORMS {
        if hard.is_empty() {
            break;
        }
        sample.push(hard.remove(draw.next(hard.len())));
    }
    println!("# {} operations of {} (seed {seed})", sample.len(), docs.display());
    for (i, op) in sample.iter().enumerate() {
        println!("{:>2}. {} {}  ({}:{}, area {})", i + 1, op.method, op.path, op.source.file, op.source.line, op.area);
        for (account, access) in op.permissions.by_account() {
            println!("      {account:?}: {}", describe(access));
        }
    }
    Ok(())
}
