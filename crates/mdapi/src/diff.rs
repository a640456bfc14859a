//! `mdapi diff`: what changed in the API between two versions of the docs,
//! each change classified as breaking or not for SDK users.
//!
//! Breaking: a removed operation, type, property or enum member; a property
//! or body whose type changed; a new required parameter; a route that needs
//! a scope it did not; a type or property whose new spelling renames it in
//! the generated SDK. Additions are not breaking.
//!
//! Names are matched without case, as the docs spell one name several ways
//! (`ConferenceId`, `conferenceId`); a changed spelling is listed, and is
//! breaking when the SDK's Rust name for it changes (`Orgcontact` →
//! `OrgContact`), not when only the wire name does.

use std::collections::{BTreeMap, BTreeSet};

use mdapi_codegen::names::snake;
use mdapi_ir::{Access, Api, Operation, Permissions, TypeDef, TypeKind};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    OperationAdded,
    OperationRemoved,
    RequestBodyChanged,
    ResponseChanged,
    PermissionsChanged,
    TypeAdded,
    TypeRemoved,
    TypeSpellingChanged,
    PropertyAdded,
    PropertyRemoved,
    PropertySpellingChanged,
    PropertyTypeChanged,
    RequiredParameterAdded,
    EnumMemberAdded,
    EnumMemberRemoved,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// The API area (operations) or namespace (types) it belongs to.
    pub area: String,
    pub kind: Kind,
    pub breaking: bool,
    /// What changed: `GET /users/{id}`, `microsoft.graph.user.displayName`.
    pub subject: String,
    pub detail: String,
}

/// An operation's identity: method and route shape, as the IR merges
/// routes (`mdapi_runtime::route::shape`: no letter case, no quotes around
/// a function's argument, parameter names left out: renaming `{id}` to
/// `{user-id}` changes nothing for callers, whose arguments are
/// positional).
pub fn op_key(op: &Operation) -> String {
    let shape = mdapi_runtime::route::shape(&op.path_parts);
    // A trailing `/` (`.../charts/` in one release, `.../charts` in the
    // other) is the same call of the service.
    let shape = if shape.len() > 1 { shape.trim_end_matches('/') } else { &shape };
    format!("{} {shape}", op.method)
}

fn describe(ty: Option<&mdapi_ir::TypeRef>) -> String {
    match ty {
        None => "none".to_owned(),
        Some(t) if t.collection => format!("Collection({})", t.name),
        Some(t) => t.name.to_string(),
    }
}

/// Per account type, the sets of scopes that grant access, each written
/// `A + B` (with the condition it depends on, when the route does not
/// decide it): `None` undocumented, empty not supported.
fn scopes(p: &Permissions) -> Vec<(String, Option<Vec<String>>)> {
    let sets = |access: &Access| match access {
        Access::Undocumented => None,
        Access::NotSupported => Some(Vec::new()),
        Access::AnyOf { sets } => Some(
            sets.iter()
                .map(|set| {
                    let names = set.all_of.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(" + ");
                    match set.condition.as_ref().filter(|c| !c.bound) {
                        Some(condition) => format!("{names} (only when: {})", condition.text),
                        None => names,
                    }
                })
                .collect(),
        ),
    };
    vec![
        ("delegated (work)".to_owned(), sets(&p.delegated_work)),
        ("delegated (personal)".to_owned(), sets(&p.delegated_personal)),
        ("application".to_owned(), sets(&p.application)),
    ]
}

/// Compares two APIs; changes come sorted by area, then kind, then subject.
pub fn compare(old: &Api, new: &Api) -> Vec<Change> {
    let mut changes = Vec::new();
    operations(old, new, &mut changes);
    types(old, new, &mut changes);
    changes.sort();
    changes
}

fn operations(old: &Api, new: &Api, changes: &mut Vec<Change>) {
    let old_ops: BTreeMap<String, &Operation> = old.operations.iter().map(|o| (op_key(o), o)).collect();
    let new_ops: BTreeMap<String, &Operation> = new.operations.iter().map(|o| (op_key(o), o)).collect();
    for (key, op) in &new_ops {
        let Some(before) = old_ops.get(key) else {
            changes.push(change(&op.area, Kind::OperationAdded, false, key, &op.title));
            continue;
        };
        let (old_body, new_body) = (describe(before.request_body.as_ref()), describe(op.request_body.as_ref()));
        if !old_body.eq_ignore_ascii_case(&new_body) {
            changes.push(change(&op.area, Kind::RequestBodyChanged, true, key, &format!("{old_body} → {new_body}")));
        }
        let (old_resp, new_resp) = (describe(before.response.body.as_ref()), describe(op.response.body.as_ref()));
        if !old_resp.eq_ignore_ascii_case(&new_resp) {
            changes.push(change(&op.area, Kind::ResponseChanged, true, key, &format!("{old_resp} → {new_resp}")));
        }
        for ((account, was), (_, now)) in scopes(&before.permissions).into_iter().zip(scopes(&op.permissions)) {
            if was == now {
                continue;
            }
            // Callers break when a set of scopes that granted access no
            // longer does; new sets, a new order, or a list documented for
            // the first time (unknown before) break nobody.
            let breaking = match (&was, &now) {
                (Some(was), Some(now)) => was.iter().any(|scope| !now.contains(scope)),
                _ => false,
            };
            let detail = format!("{account}: {} → {}", list(was.as_deref()), list(now.as_deref()));
            changes.push(change(&op.area, Kind::PermissionsChanged, breaking, key, &detail));
        }
    }
    for (key, op) in &old_ops {
        if !new_ops.contains_key(key) {
            changes.push(change(&op.area, Kind::OperationRemoved, true, key, &op.title));
        }
    }
}

fn list(scopes: Option<&[String]>) -> String {
    match scopes {
        None => "unknown".to_owned(),
        Some([]) => "not supported".to_owned(),
        Some(scopes) => scopes.join(", "),
    }
}

fn types(old: &Api, new: &Api, changes: &mut Vec<Change>) {
    let index = |api: &Api| -> BTreeMap<String, TypeDef> {
        api.types.iter().map(|t| (t.qualified_name().to_ascii_lowercase(), t.clone())).collect()
    };
    let (old_types, new_types) = (index(old), index(new));
    for (key, ty) in &new_types {
        let Some(before) = old_types.get(key) else {
            changes.push(change(&ty.namespace, Kind::TypeAdded, false, &ty.qualified_name(), kind_name(ty)));
            continue;
        };
        let name = ty.qualified_name();
        if name != before.qualified_name() {
            let renamed = mdapi_codegen::names::camel(&before.name) != mdapi_codegen::names::camel(&ty.name);
            let detail = format!("{} → {name}", before.qualified_name());
            changes.push(change(&ty.namespace, Kind::TypeSpellingChanged, renamed, &name, &detail));
        }
        // The same spelling first: a type may list one name in two casings.
        let exact: BTreeMap<&str, &mdapi_ir::Property> =
            before.properties.iter().map(|p| (p.name.as_str(), p)).collect();
        let old_props: BTreeMap<String, &mdapi_ir::Property> =
            before.properties.iter().map(|p| (p.name.to_ascii_lowercase(), p)).collect();
        for property in &ty.properties {
            let subject = format!("{name}.{}", property.name);
            let was = exact.get(property.name.as_str()).or_else(|| old_props.get(&property.name.to_ascii_lowercase()));
            match was {
                None if ty.request_body && property.required => {
                    changes.push(change(
                        &ty.namespace,
                        Kind::RequiredParameterAdded,
                        true,
                        &subject,
                        property.type_name.as_str(),
                    ));
                }
                None => changes.push(change(
                    &ty.namespace,
                    Kind::PropertyAdded,
                    false,
                    &subject,
                    property.type_name.as_str(),
                )),
                Some(was) => {
                    if was.name != property.name {
                        // The field keeps its Rust name unless the words change.
                        let renamed = snake(&was.name) != snake(&property.name);
                        let detail = format!("{} → {}", was.name, property.name);
                        changes.push(change(&ty.namespace, Kind::PropertySpellingChanged, renamed, &subject, &detail));
                    }
                    // A type spelled anew is the same type (its spelling change is listed once, on it).
                    let (was_type, now_type) = (describe(Some(&was.type_ref())), describe(Some(&property.type_ref())));
                    if !was_type.eq_ignore_ascii_case(&now_type) {
                        let detail = format!("{was_type} → {now_type}");
                        changes.push(change(&ty.namespace, Kind::PropertyTypeChanged, true, &subject, &detail));
                    }
                }
            }
        }
        let new_props: BTreeSet<String> = ty.properties.iter().map(|p| p.name.to_ascii_lowercase()).collect();
        for property in before.properties.iter().filter(|p| !new_props.contains(&p.name.to_ascii_lowercase())) {
            changes.push(change(
                &ty.namespace,
                Kind::PropertyRemoved,
                true,
                &format!("{name}.{}", property.name),
                property.type_name.as_str(),
            ));
        }
        let old_members: BTreeSet<&str> = before.members.iter().map(|m| m.name.as_str()).collect();
        let new_members: BTreeSet<&str> = ty.members.iter().map(|m| m.name.as_str()).collect();
        for member in new_members.difference(&old_members) {
            changes.push(change(&ty.namespace, Kind::EnumMemberAdded, false, &format!("{name}.{member}"), ""));
        }
        for member in old_members.difference(&new_members) {
            changes.push(change(&ty.namespace, Kind::EnumMemberRemoved, true, &format!("{name}.{member}"), ""));
        }
    }
    for (key, ty) in &old_types {
        if !new_types.contains_key(key) {
            changes.push(change(&ty.namespace, Kind::TypeRemoved, true, &ty.qualified_name(), kind_name(ty)));
        }
    }
}

fn kind_name(ty: &TypeDef) -> &'static str {
    match ty.kind {
        TypeKind::Entity => "entity",
        TypeKind::Complex => "complex type",
        TypeKind::Enum => "enum",
    }
}

fn change(area: &str, kind: Kind, breaking: bool, subject: &str, detail: &str) -> Change {
    Change { area: area.to_owned(), kind, breaking, subject: subject.to_owned(), detail: detail.to_owned() }
}

/// A markdown report, grouped by area, breaking changes first in each.
pub fn markdown(changes: &[Change]) -> String {
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let mut out = format!("# API changes\n\n{} changes, {breaking} breaking.\n", changes.len());
    let mut by_area: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for change in changes {
        by_area.entry(change.area.as_str()).or_default().push(change);
    }
    for (area, mut changes) in by_area {
        changes.sort_by_key(|c| (!c.breaking, c.kind, c.subject.clone()));
        out.push_str(&format!("\n## {area}\n\n| | change | what | detail |\n|---|---|---|---|\n"));
        for c in changes {
            let mark = if c.breaking { "**breaking**" } else { "" };
            let kind = format!("{:?}", c.kind);
            out.push_str(&format!(
                "| {mark} | {kind} | `{}` | {} |\n",
                c.subject.replace('|', "\\|"),
                c.detail.replace('|', "\\|")
            ));
        }
    }
    out
}
