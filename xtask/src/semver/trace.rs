//! Both directions of the comparison: each cargo-semver-checks finding
//! traced to the `mdapi diff` changes it stands for, and each change marked
//! breaking looked for in the crate.

use std::collections::BTreeSet;
use std::path::Path;

use mdapi::diff::{Change, Kind};

use super::findings::{Finding, Side};
use super::items::{self, Crate};

/// `mdapi diff`'s name for a kind (`property_added`).
pub fn kind_name(kind: Kind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// One finding, traced: the changes it stands for.
pub struct Traced<'a> {
    pub finding: &'a Finding,
    /// The breaking changes it is one of.
    pub breaking: Vec<usize>,
    /// The non-breaking changes it stands for (a property added, ...).
    pub other: Vec<usize>,
    /// Why it could not be traced to the docs.
    pub untraced: Option<String>,
}

pub fn trace<'a>(finding: &'a Finding, changes: &[Change], old: &Crate, new: &Crate) -> Traced<'a> {
    let krate = if finding.side == Side::Old { old } else { new };
    let mut traced = Traced { finding, breaking: Vec::new(), other: Vec::new(), untraced: None };
    let subject = match krate.subject(finding) {
        Ok(subject) => subject,
        Err(why) => {
            traced.untraced = Some(why);
            return traced;
        }
    };
    // Something gone is answered by a change that takes its name away, not
    // by another change of the same item.
    let missing = finding.lint.ends_with("_missing");
    for (i, change) in changes.iter().enumerate() {
        if !items::covers(&subject, change) || (missing && change.breaking && !items::removes_a_name(change)) {
            continue;
        }
        if change.breaking {
            traced.breaking.push(i);
        } else {
            traced.other.push(i);
        }
    }
    traced
}

/// How one change `mdapi diff` marks breaking shows in the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InCrate {
    /// cargo-semver-checks reports a break of it.
    Reported,
    /// A break the tool has no lint for, found by comparing the generated
    /// crates: a field's type or a request function's signature changed, a
    /// `pub type` alias is gone.
    Unlinted,
    /// Nothing in the crate's public API changed.
    Unchanged,
}

/// Where each change marked breaking shows in the crate, by change index.
pub fn breaking_in_crate(traced: &[Traced], changes: &[Change], old: &Crate, new: &Crate) -> Vec<(usize, InCrate)> {
    let reported: BTreeSet<usize> = traced.iter().flat_map(|t| t.breaking.iter().copied()).collect();
    let shown = |i: usize| {
        if reported.contains(&i) {
            InCrate::Reported
        } else if unlinted_break(&changes[i], old, new) {
            InCrate::Unlinted
        } else {
            InCrate::Unchanged
        }
    };
    changes.iter().enumerate().filter(|(_, c)| c.breaking).map(|(i, _)| (i, shown(i))).collect()
}

/// Whether the crates differ where `change` says, in a way cargo-semver-checks
/// has no lint for: the Rust type of the property, the signature of the
/// operation's request function, or a type alias (a type known only by
/// name) that is gone.
fn unlinted_break(change: &Change, old: &Crate, new: &Crate) -> bool {
    match change.kind {
        Kind::PropertyTypeChanged => {
            let rust = |krate: &Crate| -> Option<String> {
                let (owner, name) = change.subject.rsplit_once('.')?;
                let ty = krate.plan.find(krate.api, owner)?;
                let property = ty.properties.iter().find(|p| p.name.eq_ignore_ascii_case(name))?;
                Some(mdapi_codegen::rust_types::rust_type(&property.type_ref(), &krate.plan, true).to_string())
            };
            rust(old) != rust(new)
        }
        Kind::RequestBodyChanged | Kind::ResponseChanged => {
            request_signature(change, old) != request_signature(change, new)
        }
        Kind::TypeRemoved => {
            let alias = old
                .plan
                .find(old.api, &change.subject)
                .is_some_and(|t| t.is_opaque() && t.kind != mdapi_ir::TypeKind::Enum);
            alias && new.plan.find(new.api, &change.subject).is_none()
        }
        _ => false,
    }
}

/// `pub fn request(…) -> …` of the operation `change` is about, whitespace
/// collapsed.
fn request_signature(change: &Change, krate: &Crate) -> Option<String> {
    let op = krate.api.operations.iter().find(|op| mdapi::diff::op_key(op) == change.subject)?;
    let module = &krate.plan.operations.get(&op.id)?.module;
    let text = std::fs::read_to_string(krate.dir.join(format!("src/endpoints/{module}.rs"))).ok()?;
    let start = text.find("pub fn request(")?;
    let end = start + text[start..].find('{')?;
    Some(text[start..end].split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Every finding with the changes it was traced to, for a reader checking
/// the job's work (`target/semver/traces.txt`).
pub fn write_traces(path: &Path, traced: &[Traced], changes: &[Change]) -> Result<(), String> {
    let mut out = String::new();
    for t in traced {
        out.push_str(&format!("{} {} ({}:{})\n", t.finding.lint, t.finding.item, t.finding.file, t.finding.line));
        for &i in t.breaking.iter().chain(&t.other) {
            let c = &changes[i];
            let mark = if c.breaking { "breaking" } else { "not breaking" };
            out.push_str(&format!("    {mark} {} {}\n", kind_name(c.kind), c.subject));
        }
        if let Some(why) = &t.untraced {
            out.push_str(&format!("    untraced: {why}\n"));
        }
    }
    std::fs::write(path, out).map_err(|e| e.to_string())
}
