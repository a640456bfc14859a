//! Permissions as data: which scopes an app needs for a set of endpoints.

use crate::operation::{Operation, Permissions};

/// The three kinds of callers a permissions table has a row for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Account {
    /// Delegated (work or school account).
    DelegatedWork,
    /// Delegated (personal Microsoft account).
    DelegatedPersonal,
    Application,
}

impl Permissions {
    /// The scopes for one kind of caller, least privileged first.
    pub fn for_account(&self, account: Account) -> Option<&'static [&'static str]> {
        match account {
            Account::DelegatedWork => self.delegated_work,
            Account::DelegatedPersonal => self.delegated_personal,
            Account::Application => self.application,
        }
    }
}

/// Why no set of scopes covers the endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PermissionError {
    /// The docs give no scopes for this operation and account (a TODO, or no table).
    Undocumented { operation: &'static str },
    /// The docs say this account type cannot call the operation.
    NotSupported { operation: &'static str },
}

impl std::fmt::Display for PermissionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Undocumented { operation } => write!(f, "the docs give no permissions for `{operation}`"),
            Self::NotSupported { operation } => write!(f, "`{operation}` is not supported for this account type"),
        }
    }
}

impl std::error::Error for PermissionError {}

/// The scopes an app should request to call every operation in
/// `operations` as `account`: each operation's least privileged scope (tables
/// go from least to most privileged), minus any that another chosen scope
/// already covers. So `GET /me` and `PATCH /me` need `User.ReadWrite` alone,
/// while a planner read and a shifts write need `Tasks.Read` and
/// `Schedule.ReadWrite.All`, not the one `Group.ReadWrite.All` that covers
/// both: fewer scopes never buy more privilege.
pub fn least_privileged(operations: &[&Operation], account: Account) -> Result<Vec<&'static str>, PermissionError> {
    let mut lists: Vec<&'static [&'static str]> = Vec::with_capacity(operations.len());
    for op in operations {
        match op.permissions.for_account(account) {
            None => return Err(PermissionError::Undocumented { operation: op.id }),
            Some([]) => return Err(PermissionError::NotSupported { operation: op.id }),
            Some(list) => lists.push(list),
        }
    }
    let mut chosen: Vec<&'static str> = Vec::new();
    for list in &lists {
        if let Some(first) = list.first() {
            if !chosen.iter().any(|c| c.eq_ignore_ascii_case(first)) {
                chosen.push(first);
            }
        }
    }
    let covers = |scopes: &[&str], list: &[&str]| list.iter().any(|s| scopes.iter().any(|c| c.eq_ignore_ascii_case(s)));
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

    const fn op(id: &'static str, work: Option<&'static [&'static str]>) -> Operation {
        Operation {
            id,
            method: "GET",
            route: "/x",
            path: &[PathPart::Literal("/x")],
            permissions: Permissions { delegated_work: work, delegated_personal: Some(&[]), application: None },
            source: ("api/x.md", 1),
        }
    }

    static GET_ME: Operation =
        op("get_me", Some(&["User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All"]));
    static PATCH_ME: Operation =
        op("patch_me", Some(&["User.ReadWrite", "User.ReadWrite.All", "Directory.ReadWrite.All"]));
    static LIST_MAIL: Operation = op("list_messages", Some(&["Mail.ReadBasic", "Mail.Read"]));
    static TODO: Operation = op("todo", None);
    static LIST_PLANS: Operation =
        op("list_plans", Some(&["Tasks.Read", "Tasks.ReadWrite", "Group.Read.All", "Group.ReadWrite.All"]));
    static OFFER_SHIFT: Operation = op("offer_shift", Some(&["Schedule.ReadWrite.All", "Group.ReadWrite.All"]));

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
    fn gaps_in_the_docs_are_errors_not_guesses() {
        assert_eq!(
            least_privileged(&[&GET_ME, &TODO], Account::DelegatedWork),
            Err(PermissionError::Undocumented { operation: "todo" })
        );
        assert_eq!(
            least_privileged(&[&GET_ME], Account::DelegatedPersonal),
            Err(PermissionError::NotSupported { operation: "get_me" })
        );
    }
}
