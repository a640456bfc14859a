//! What each kind of caller needs to call one route, as its page says:
//! alternatives (any one set), combinations (every scope of a set),
//! conditions (the resource a set applies to, bound to the route), notes
//! (footnotes such as resource-specific consent), and "not supported"
//! apart from "not documented". Graph's metadata has none of this; the
//! pages' permissions tables are the only source.

pub use mdapi_parse::permissions::Account;
use serde::{Deserialize, Serialize};

/// Per account type, what grants access to one route.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work: Access,
    /// Delegated (personal Microsoft account).
    pub delegated_personal: Access,
    /// Application (app-only).
    pub application: Access,
}

impl Permissions {
    /// The access of one account type.
    pub fn get(&self, account: Account) -> &Access {
        match account {
            Account::DelegatedWork => &self.delegated_work,
            Account::DelegatedPersonal => &self.delegated_personal,
            Account::Application => &self.application,
        }
    }

    /// The access of one account type, to change.
    pub fn get_mut(&mut self, account: Account) -> &mut Access {
        match account {
            Account::DelegatedWork => &mut self.delegated_work,
            Account::DelegatedPersonal => &mut self.delegated_personal,
            Account::Application => &mut self.application,
        }
    }

    /// The three account types in table order, with their access.
    pub fn by_account(&self) -> [(Account, &Access); 3] {
        [
            (Account::DelegatedWork, &self.delegated_work),
            (Account::DelegatedPersonal, &self.delegated_personal),
            (Account::Application, &self.application),
        ]
    }
}

/// What grants one account type access.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "access", rename_all = "snake_case")]
pub enum Access {
    /// No table, a placeholder (`TODO`), or nothing mdapi could read.
    #[default]
    Undocumented,
    /// The page says "Not supported".
    NotSupported,
    /// Any one of these sets grants access; least privileged first.
    AnyOf {
        /// At least one; each set's scopes are all needed.
        sets: Vec<ScopeSet>,
    },
}

impl Access {
    /// Every scope name, in order, each once.
    pub fn scope_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        if let Access::AnyOf { sets } = self {
            for scope in sets.iter().flat_map(|s| s.all_of.iter()) {
                if !names.contains(&scope.name.as_str()) {
                    names.push(&scope.name);
                }
            }
        }
        names
    }
}

/// Scopes needed together, and the condition the page gives for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeSet {
    /// Every one of these is needed (one scope, mostly).
    pub all_of: Vec<Scope>,
    /// The resource the set applies to, when the page gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
}

/// The page's condition for a set (`For group resource`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// As written.
    pub text: String,
    /// The route addresses the resource the condition names, so the set
    /// applies to it. `false`: the route addresses none of the page's
    /// resources (the resource is in the body, say), so which set applies
    /// depends on the call.
    pub bound: bool,
}

/// One scope name, `Word(.Word)+`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// The scope name (`User.Read.All`), without the page's marks (`*`).
    pub name: String,
    /// What the page says about it: the footnote its `*` mark points to
    /// (resource-specific consent), or a remark such as "see below".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
