//! Permissions as data: what each kind of caller needs to call an
//! operation, as its page's permissions table says (Graph's metadata has
//! no such thing), and which scopes cover a set of operations.
//!
//! Per account type an operation is [`Access::Undocumented`] (no table, a
//! placeholder), [`Access::NotSupported`] (the page says so), or
//! [`Access::AnyOf`] sets of scopes, least privileged first: any one set
//! grants access, and every scope of the set is needed (`A and B`). A page
//! that gives permissions per resource (`For group resource: ...`) has its
//! condition applied to each route: `GET /groups/{id}/photo` carries the
//! group's sets only. A set whose condition the route cannot decide (the
//! resource is named in the body) says so in [`ScopeSet::when`].

pub use crate::access::{Access, Account, Permissions, ScopeNote, ScopeSet};
use crate::operation::Operation;

/// Why no set of scopes covers the operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PermissionError {
    /// The docs give no scopes for this operation and account (a TODO, or no table).
    Undocumented {
        /// The operation's [`Operation::id`].
        operation: &'static str,
    },
    /// The docs say this account type cannot call the operation.
    NotSupported {
        /// The operation's [`Operation::id`].
        operation: &'static str,
    },
    /// The docs give scopes per resource, and the route does not say which
    /// resource a call addresses: the conditions, as written.
    Conditional {
        /// The operation's [`Operation::id`].
        operation: &'static str,
        /// Each set's condition, as the page writes it (`For group resource`).
        conditions: Vec<&'static str>,
    },
}

impl std::fmt::Display for PermissionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Undocumented { operation } => write!(f, "the docs give no permissions for `{operation}`"),
            Self::NotSupported { operation } => write!(f, "`{operation}` is not supported for this account type"),
            Self::Conditional { operation, conditions } => {
                write!(
                    f,
                    "the permissions of `{operation}` depend on the resource it is called for: {}",
                    conditions.join("; ")
                )
            }
        }
    }
}

impl std::error::Error for PermissionError {}

/// The scopes an app should request to call every operation in
/// `operations` as `account`: each operation's least privileged set (tables
/// go from least to most privileged), minus any scope the other chosen
/// scopes make unneeded. So `GET /me` and `PATCH /me` need `User.ReadWrite`
/// alone, while a planner read and a shifts write need `Tasks.Read` and
/// `Schedule.ReadWrite.All`, not the one `Group.ReadWrite.All` that covers
/// both: fewer scopes never buy more privilege. A set of several scopes
/// (`A and B`) is chosen whole.
///
/// # Errors
///
/// An operation whose access is undocumented or not supported for
/// `account`, or whose every set depends on a condition the route does not
/// decide ([`PermissionError::Conditional`]).
pub fn least_privileged(operations: &[&Operation], account: Account) -> Result<Vec<&'static str>, PermissionError> {
    let mut lists: Vec<Vec<&'static [&'static str]>> = Vec::with_capacity(operations.len());
    for op in operations {
        let sets = match op.permissions.for_account(account) {
            Access::Undocumented | Access::AnyOf([]) => return Err(PermissionError::Undocumented { operation: op.id }),
            Access::NotSupported => return Err(PermissionError::NotSupported { operation: op.id }),
            Access::AnyOf(sets) => sets,
        };
        let plain: Vec<&'static [&'static str]> = sets.iter().filter(|s| s.when.is_none()).map(|s| s.all_of).collect();
        if plain.is_empty() {
            let conditions = sets.iter().filter_map(|s| s.when).collect();
            return Err(PermissionError::Conditional { operation: op.id, conditions });
        }
        lists.push(plain);
    }
    let mut chosen: Vec<&'static str> = Vec::new();
    for scope in lists.iter().filter_map(|list| list.first()).flat_map(|set| set.iter()) {
        if !chosen.iter().any(|c| c.eq_ignore_ascii_case(scope)) {
            chosen.push(scope);
        }
    }
    let covers = |scopes: &[&str], list: &[&[&str]]| {
        list.iter().any(|set| set.iter().all(|s| scopes.iter().any(|c| c.eq_ignore_ascii_case(s))))
    };
    let mut at = 0;
    while at < chosen.len() {
        let mut without = chosen.clone();
        without.remove(at);
        if lists.iter().all(|list| covers(&without, list)) {
            chosen = without;
        } else {
            at += 1;
        }
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PathPart;

    const fn op(id: &'static str, work: Access) -> Operation {
        Operation {
            id,
            method: "GET",
            route: "/x",
            path: &[PathPart::Literal("/x")],
            permissions: Permissions {
                delegated_work: work,
                delegated_personal: Access::NotSupported,
                application: Access::Undocumented,
                notes: &[],
            },
            source: ("api/x.md", 1),
        }
    }

    /// `sets![["A", "B"], ["C"]]`: `A and B`, or `C`.
    macro_rules! sets {
        ($([$($name:literal),+]),* $(,)?) => {
            &[$(ScopeSet { all_of: &[$($name),+], when: None }),*]
        };
    }

    static GET_ME: Operation = op(
        "get_me",
        Access::AnyOf(sets![["User.Read"], ["User.ReadWrite"], ["User.ReadBasic.All"], ["User.Read.All"]]),
    );
    static PATCH_ME: Operation =
        op("patch_me", Access::AnyOf(sets![["User.ReadWrite"], ["User.ReadWrite.All"], ["Directory.ReadWrite.All"]]));
    static LIST_MAIL: Operation = op("list_messages", Access::AnyOf(sets![["Mail.ReadBasic"], ["Mail.Read"]]));
    static TODO: Operation = op("todo", Access::Undocumented);
    static LIST_PLANS: Operation = op(
        "list_plans",
        Access::AnyOf(sets![["Tasks.Read"], ["Tasks.ReadWrite"], ["Group.Read.All"], ["Group.ReadWrite.All"]]),
    );
    static OFFER_SHIFT: Operation =
        op("offer_shift", Access::AnyOf(sets![["Schedule.ReadWrite.All"], ["Group.ReadWrite.All"]]));
    /// `User.Read.All and Group.Read.All, Directory.Read.All`.
    static LIST_MEMBERS: Operation =
        op("list_members", Access::AnyOf(sets![["User.Read.All", "Group.Read.All"], ["Directory.Read.All"]]));
    /// Per resource, and the route names none: the body does.
    static SUBSCRIBE: Operation = op(
        "subscribe",
        Access::AnyOf(&[
            ScopeSet { all_of: &["Mail.Read"], when: Some("For message resource") },
            ScopeSet { all_of: &["Group.Read.All"], when: Some("For group resource") },
        ]),
    );

    #[test]
    fn one_scope_covers_what_it_can_and_the_least_privileged_wins() {
        assert_eq!(least_privileged(&[&GET_ME], Account::DelegatedWork), Ok(vec!["User.Read"]));
        // User.ReadWrite is listed by both: one scope, not User.Read + User.ReadWrite.
        assert_eq!(least_privileged(&[&GET_ME, &PATCH_ME], Account::DelegatedWork), Ok(vec!["User.ReadWrite"]));
        assert_eq!(
            least_privileged(&[&GET_ME, &PATCH_ME, &LIST_MAIL], Account::DelegatedWork),
            Ok(vec!["User.ReadWrite", "Mail.ReadBasic"])
        );
        // One shared scope would be more privileged than the two least ones.
        assert_eq!(
            least_privileged(&[&LIST_PLANS, &OFFER_SHIFT], Account::DelegatedWork),
            Ok(vec!["Tasks.Read", "Schedule.ReadWrite.All"])
        );
    }

    #[test]
    fn scopes_needed_together_are_chosen_together() {
        assert_eq!(
            least_privileged(&[&LIST_MEMBERS], Account::DelegatedWork),
            Ok(vec!["User.Read.All", "Group.Read.All"])
        );
        // The member list needs Group.Read.All anyway, and it reads plans too.
        assert_eq!(
            least_privileged(&[&LIST_MEMBERS, &LIST_PLANS], Account::DelegatedWork),
            Ok(vec!["User.Read.All", "Group.Read.All"])
        );
        // Neither scope of the pair is dropped for a mail read.
        assert_eq!(
            least_privileged(&[&LIST_MEMBERS, &LIST_MAIL], Account::DelegatedWork),
            Ok(vec!["User.Read.All", "Group.Read.All", "Mail.ReadBasic"])
        );
    }

    #[test]
    fn gaps_in_the_docs_are_errors_not_guesses() {
        assert_eq!(
            least_privileged(&[&GET_ME, &TODO], Account::DelegatedWork),
            Err(PermissionError::Undocumented { operation: "todo" })
        );
        assert_eq!(
            least_privileged(&[&GET_ME], Account::DelegatedPersonal),
            Err(PermissionError::NotSupported { operation: "get_me" })
        );
        let error = least_privileged(&[&SUBSCRIBE], Account::DelegatedWork).unwrap_err();
        assert_eq!(
            error,
            PermissionError::Conditional {
                operation: "subscribe",
                conditions: vec!["For message resource", "For group resource"]
            }
        );
        assert!(error.to_string().contains("depend on the resource"), "{error}");
    }

    #[test]
    fn scope_names_list_every_set() {
        let names: Vec<&str> = LIST_MEMBERS.permissions.delegated_work.scope_names().collect();
        assert_eq!(names, ["User.Read.All", "Group.Read.All", "Directory.Read.All"]);
        assert_eq!(Access::NotSupported.scope_names().count(), 0);
    }

    #[test]
    fn notes_are_found_by_scope_name() {
        let permissions = Permissions {
            notes: &[ScopeNote { scope: "T.Read.Group", note: "resource-specific consent" }],
            ..Permissions::UNDOCUMENTED
        };
        assert_eq!(permissions.note("T.Read.Group"), Some("resource-specific consent"));
        assert_eq!(permissions.note("T.Read.All"), None);
    }
}
