//! `cargo xtask least-privilege`: checks `mdapi_runtime::permissions::least_privileged`
//! against the permission tables of 20 v1.0 corpus pages (every n-th API
//! page whose delegated work-or-school row lists two or more scopes).
//!
//! - One page alone: the answer is the first scope its table lists (tables
//!   go from least to most privileged), whatever number of routes it has.
//! - Two neighbouring sample pages together: every route is covered, every
//!   scope chosen is some route's least privileged one, and none can be
//!   dropped.

use std::path::Path;

use mdapi_runtime::permissions::{least_privileged, Account};
use mdapi_runtime::{Operation, Permissions};

const SAMPLE: usize = 20;

fn leak(scopes: &Option<Vec<String>>) -> Option<&'static [&'static str]> {
    scopes.as_ref().map(|list| {
        let list: Vec<&'static str> = list.iter().map(|s| &*Box::leak(s.clone().into_boxed_str())).collect();
        &*Box::leak(list.into_boxed_slice())
    })
}

/// The IR's operation as the runtime's (leaked: this is a short-lived tool).
fn runtime_op(op: &mdapi_ir::Operation) -> &'static Operation {
    Box::leak(Box::new(Operation {
        id: Box::leak(op.id.clone().into_boxed_str()),
        method: "GET",
        route: "",
        path: &[],
        permissions: Permissions {
            delegated_work: leak(&op.permissions.delegated_work),
            delegated_personal: leak(&op.permissions.delegated_personal),
            application: leak(&op.permissions.application),
        },
        source: ("", 0),
    }))
}

pub fn run(root: &Path) -> Result<Vec<String>, String> {
    let docs = crate::corpus::corpus_dir(root).join("graph-docs/v1.0");
    let set = mdapi::DocSet::load(&[&docs]).map_err(|e| e.to_string())?;
    let api = mdapi::analyze(&set).api;
    let mut pages: std::collections::BTreeMap<&str, Vec<&mdapi_ir::Operation>> = std::collections::BTreeMap::new();
    for op in &api.operations {
        if op.permissions.delegated_work.as_ref().is_some_and(|s| s.len() >= 2) {
            pages.entry(op.source.file.as_str()).or_default().push(op);
        }
    }
    let step = (pages.len() / SAMPLE).max(1);
    let sample: Vec<(&str, Vec<&mdapi_ir::Operation>)> = pages.into_iter().step_by(step).take(SAMPLE).collect();
    let mut failures = Vec::new();
    for (page, ops) in &sample {
        let ops: Vec<&'static Operation> = ops.iter().map(|op| runtime_op(op)).collect();
        let table = ops[0].permissions.delegated_work.unwrap_or_default();
        let answer = least_privileged(&ops, Account::DelegatedWork);
        let ok = answer.as_deref() == Ok(&[table[0]][..]);
        println!("{} {page} ({} routes): {answer:?}, table {table:?}", if ok { "ok  " } else { "FAIL" }, ops.len());
        if !ok {
            failures.push(format!("{page}: {answer:?}, table starts with {}", table[0]));
        }
    }
    for pair in sample.windows(2) {
        let ops: Vec<&'static Operation> =
            pair.iter().flat_map(|(_, ops)| ops.iter().map(|op| runtime_op(op))).collect();
        let answer = least_privileged(&ops, Account::DelegatedWork).map_err(|e| e.to_string())?;
        let lists: Vec<&[&str]> = ops.iter().filter_map(|op| op.permissions.delegated_work).collect();
        let covers = |scopes: &[&str]| lists.iter().all(|list| list.iter().any(|s| scopes.contains(s)));
        let least = answer.iter().all(|a| lists.iter().any(|list| list.first() == Some(a)));
        let needed = (0..answer.len()).all(|i| {
            let mut without = answer.clone();
            without.remove(i);
            !covers(&without)
        });
        let ok = covers(&answer) && least && needed;
        println!("{} {} + {}: {answer:?}", if ok { "ok  " } else { "FAIL" }, pair[0].0, pair[1].0);
        if !ok {
            failures.push(format!("{} + {}: {answer:?}", pair[0].0, pair[1].0));
        }
    }
    Ok(failures)
}
