//! `cargo xtask least-privilege`: checks `mdapi_runtime::permissions::least_privileged`
//! against the permission tables of 20 v1.0 corpus pages (every n-th API
//! page whose delegated work-or-school row lists two or more scopes).
//!
//! - One page alone: the answer is the first set its table lists (tables
//!   go from least to most privileged), whatever number of routes it has,
//!   unless a condition gives its routes different sets (then as below).
//! - Two neighbouring sample pages together: every route is covered, every
//!   scope chosen is some route's least privileged one, and none can be
//!   dropped.

use std::path::Path;

use mdapi_runtime::permissions::{least_privileged, Access, Account, ScopeSet};
use mdapi_runtime::{Operation, Permissions};

const SAMPLE: usize = 20;

fn leak_str(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

fn leak(access: &mdapi_ir::Access) -> Access {
    match access {
        mdapi_ir::Access::Undocumented => Access::Undocumented,
        mdapi_ir::Access::NotSupported => Access::NotSupported,
        mdapi_ir::Access::AnyOf { sets } => {
            let sets: Vec<ScopeSet> = sets
                .iter()
                .map(|set| {
                    let all_of: Vec<&'static str> = set.all_of.iter().map(|s| leak_str(&s.name)).collect();
                    let when = set.condition.as_ref().filter(|c| !c.bound).map(|c| leak_str(&c.text));
                    ScopeSet { all_of: Box::leak(all_of.into_boxed_slice()), when }
                })
                .collect();
            Access::AnyOf(Box::leak(sets.into_boxed_slice()))
        }
    }
}

/// The IR's operation as the runtime's (leaked: this is a short-lived tool).
fn runtime_op(op: &mdapi_ir::Operation) -> &'static Operation {
    Box::leak(Box::new(Operation {
        id: leak_str(&op.id),
        method: "GET",
        route: "",
        path: &[],
        permissions: Permissions {
            delegated_work: leak(&op.permissions.delegated_work),
            delegated_personal: leak(&op.permissions.delegated_personal),
            application: leak(&op.permissions.application),
            notes: &[],
        },
        source: ("", 0),
    }))
}

/// The sets of one operation that apply to its route, as scope names.
fn sets(op: &Operation) -> Vec<Vec<&'static str>> {
    match op.permissions.delegated_work {
        Access::AnyOf(sets) => sets.iter().filter(|s| s.when.is_none()).map(|s| s.all_of.to_vec()).collect(),
        _ => Vec::new(),
    }
}

/// The answer covers every operation, takes only scopes of some
/// operation's least privileged set, and none of them can be dropped.
fn sound(ops: &[&'static Operation], answer: &[&str]) -> bool {
    let lists: Vec<Vec<Vec<&str>>> = ops.iter().map(|op| sets(op)).collect();
    let covers =
        |scopes: &[&str]| lists.iter().all(|list| list.iter().any(|set| set.iter().all(|s| scopes.contains(s))));
    let least = answer.iter().all(|a| lists.iter().any(|list| list.first().is_some_and(|set| set.contains(a))));
    let needed = (0..answer.len()).all(|i| {
        let mut without = answer.to_vec();
        without.remove(i);
        !covers(&without)
    });
    covers(answer) && least && needed
}

pub fn run(root: &Path) -> Result<Vec<String>, String> {
    let docs = crate::corpus::corpus_dir(root).join("graph-docs/v1.0");
    let set = mdapi::DocSet::load(&[&docs]).map_err(|e| e.to_string())?;
    let api = mdapi::analyze(&set).api;
    let mut pages: std::collections::BTreeMap<&str, Vec<&mdapi_ir::Operation>> = std::collections::BTreeMap::new();
    for op in &api.operations {
        let several = match &op.permissions.delegated_work {
            mdapi_ir::Access::AnyOf { sets } => {
                sets.len() >= 2 && sets.iter().all(|s| s.condition.as_ref().is_none_or(|c| c.bound))
            }
            _ => false,
        };
        if several {
            pages.entry(op.source.file.as_str()).or_default().push(op);
        }
    }
    let step = (pages.len() / SAMPLE).max(1);
    let sample: Vec<(&str, Vec<&mdapi_ir::Operation>)> = pages.into_iter().step_by(step).take(SAMPLE).collect();
    let mut failures = Vec::new();
    for (page, ops) in &sample {
        let ops: Vec<&'static Operation> = ops.iter().map(|op| runtime_op(op)).collect();
        let first = sets(ops[0]).first().cloned().unwrap_or_default();
        let answer = least_privileged(&ops, Account::DelegatedWork);
        // Routes of one page share their first set unless a condition
        // gives them different ones; then the answer must be sound.
        let ok = if ops.iter().all(|op| sets(op).first() == Some(&first)) {
            answer.as_deref() == Ok(&first[..])
        } else {
            answer.as_deref().is_ok_and(|a| sound(&ops, a))
        };
        println!(
            "{} {page} ({} routes): {answer:?}, table starts {first:?}",
            if ok { "ok  " } else { "FAIL" },
            ops.len()
        );
        if !ok {
            failures.push(format!("{page}: {answer:?}, table starts with {first:?}"));
        }
    }
    for pair in sample.windows(2) {
        let ops: Vec<&'static Operation> =
            pair.iter().flat_map(|(_, ops)| ops.iter().map(|op| runtime_op(op))).collect();
        let answer = least_privileged(&ops, Account::DelegatedWork).map_err(|e| e.to_string())?;
        let ok = sound(&ops, &answer);
        println!("{} {} + {}: {answer:?}", if ok { "ok  " } else { "FAIL" }, pair[0].0, pair[1].0);
        if !ok {
            failures.push(format!("{} + {}: {answer:?}", pair[0].0, pair[1].0));
        }
    }
    Ok(failures)
}
