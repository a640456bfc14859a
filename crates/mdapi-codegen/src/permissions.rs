//! An operation's permissions as data (`mdapi_runtime::Permissions`) and
//! as a doc paragraph: per account type, the sets that grant access (least
//! privileged first), scopes needed together, conditions and notes.

use proc_macro2::TokenStream;
use quote::quote;

use mdapi_ir::access::Account;
use mdapi_ir::{Access, Permissions, ScopeSet};

use crate::docs;

/// The `::mdapi_runtime::Permissions { .. }` value, for a `static`: the
/// nested slices (`&[ScopeSet::all(&["User.Read"])]`) are promoted to
/// `'static` there, `const fn` calls included.
pub fn value(permissions: &Permissions) -> TokenStream {
    let [work, personal, application] = permissions.by_account().map(|(_, access)| access_value(access));
    let mut notes: Vec<(&str, &str)> = Vec::new();
    for (_, access) in permissions.by_account() {
        if let Access::AnyOf { sets } = access {
            for scope in sets.iter().flat_map(|s| s.all_of.iter()) {
                if let Some(note) = &scope.note {
                    if !notes.iter().any(|(name, _)| *name == scope.name) {
                        notes.push((&scope.name, note));
                    }
                }
            }
        }
    }
    let notes = notes
        .iter()
        .map(|(scope, note)| quote!(::mdapi_runtime::permissions::ScopeNote { scope: #scope, note: #note }));
    quote! {
        ::mdapi_runtime::Permissions {
            delegated_work: #work,
            delegated_personal: #personal,
            application: #application,
            notes: &[#(#notes),*],
        }
    }
}

fn access_value(access: &Access) -> TokenStream {
    match access {
        Access::Undocumented => quote!(::mdapi_runtime::Access::Undocumented),
        Access::NotSupported => quote!(::mdapi_runtime::Access::NotSupported),
        Access::AnyOf { sets } => {
            let sets = sets.iter().map(set_value);
            quote!(::mdapi_runtime::Access::AnyOf(&[#(#sets),*]))
        }
    }
}

fn set_value(set: &ScopeSet) -> TokenStream {
    let names = set.all_of.iter().map(|scope| &scope.name);
    // A bound condition is applied already: the set is this route's.
    // Constructors, not struct literals: one line per set where it fits
    // (nine in ten in v1.0; a long list of scopes still breaks).
    match set.condition.as_ref().filter(|c| !c.bound) {
        Some(condition) => {
            let text = &condition.text;
            quote!(::mdapi_runtime::ScopeSet::all_when(&[#(#names),*], #text))
        }
        None => quote!(::mdapi_runtime::ScopeSet::all(&[#(#names),*])),
    }
}

/// The doc paragraph: one line per account type, then the notes.
pub fn note(permissions: &Permissions) -> String {
    let mut lines =
        vec!["Permissions (any one set grants access, least privileged first; `A + B`: both are needed):".to_owned()];
    let mut notes: Vec<String> = Vec::new();
    for (account, access) in permissions.by_account() {
        let label = match account {
            Account::DelegatedWork => "delegated (work or school account)",
            Account::DelegatedPersonal => "delegated (personal Microsoft account)",
            Account::Application => "application",
        };
        let said = match access {
            Access::Undocumented => "not documented".to_owned(),
            Access::NotSupported => "not supported".to_owned(),
            Access::AnyOf { sets } => sets.iter().map(|set| describe(set, &mut notes)).collect::<Vec<_>>().join(", "),
        };
        lines.push(format!("- {label}: {said}."));
    }
    if !notes.is_empty() {
        lines.push(String::new());
        lines.extend(notes);
    }
    lines.join("\n")
}

/// `` `A` + `B` (For group resource) ``, a noted scope marked `\*`; its
/// note is added to `notes` once.
fn describe(set: &ScopeSet, notes: &mut Vec<String>) -> String {
    let scopes: Vec<String> = set
        .all_of
        .iter()
        .map(|scope| {
            if let Some(note) = &scope.note {
                let line = format!("\\* `{}`: {}", docs::one_line(&scope.name), docs::one_line(note));
                if !notes.contains(&line) {
                    notes.push(line);
                }
                format!("`{}`\\*", docs::one_line(&scope.name))
            } else {
                format!("`{}`", docs::one_line(&scope.name))
            }
        })
        .collect();
    let scopes = scopes.join(" + ");
    match &set.condition {
        Some(condition) if condition.bound => format!("{scopes} ({})", docs::one_line(&condition.text)),
        Some(condition) => format!("{scopes} (only when: {})", docs::one_line(&condition.text)),
        None => scopes,
    }
}
