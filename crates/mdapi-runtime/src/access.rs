//! The permissions data a generated crate writes for each operation
//! ([`Permissions`], per [`Account`]: [`Access`] of [`ScopeSet`]s, with
//! [`ScopeNote`]s), as the public [`permissions`](crate::permissions)
//! module re-exports it. It sits below `operation` (an `Operation` holds
//! its `Permissions`) and below `permissions` (`least_privileged` reads
//! operations), so neither of those two imports the other.

/// The three kinds of callers a permissions table has a row for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Account {
    /// Delegated (work or school account).
    DelegatedWork,
    /// Delegated (personal Microsoft account).
    DelegatedPersonal,
    /// Application (app-only: the app's own identity, no signed-in user).
    Application,
}

/// What each kind of caller needs to call one route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work: Access,
    /// Delegated (personal Microsoft account).
    pub delegated_personal: Access,
    /// Application (app-only, no signed-in user).
    pub application: Access,
    /// What the page says about some of the scopes: the footnote a `*`
    /// mark points to (on Teams pages, resource-specific consent), or a
    /// remark such as "see below".
    pub notes: &'static [ScopeNote],
}

/// A note the page gives a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeNote {
    /// The scope's name as the table writes it (`ChannelMessage.Read.Group`).
    pub scope: &'static str,
    /// The page's text about it: the footnote's text for a `*` mark, or
    /// the remark written after the scope.
    pub note: &'static str,
}

impl Permissions {
    /// No account type documented.
    pub const UNDOCUMENTED: Permissions = Permissions {
        delegated_work: Access::Undocumented,
        delegated_personal: Access::Undocumented,
        application: Access::Undocumented,
        notes: &[],
    };

    /// What the page says about `scope`, if anything.
    pub fn note(&self, scope: &str) -> Option<&'static str> {
        self.notes.iter().find(|n| n.scope == scope).map(|n| n.note)
    }

    /// What one kind of caller needs.
    pub fn for_account(&self, account: Account) -> Access {
        match account {
            Account::DelegatedWork => self.delegated_work,
            Account::DelegatedPersonal => self.delegated_personal,
            Account::Application => self.application,
        }
    }
}

/// What grants one account type access to one route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The docs do not say (no table, a placeholder such as `TODO`, or
    /// text that names no scope).
    Undocumented,
    /// The docs say this account type cannot call the route.
    NotSupported,
    /// Any one of these sets grants access; least privileged first.
    AnyOf(&'static [ScopeSet]),
}

impl Access {
    /// Every scope name, in order (a name in several sets, once per set).
    pub fn scope_names(&self) -> impl Iterator<Item = &'static str> {
        let sets: &'static [ScopeSet] = match self {
            Access::AnyOf(sets) => sets,
            _ => &[],
        };
        sets.iter().flat_map(|set| set.all_of.iter().copied())
    }
}

/// Scopes needed together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeSet {
    /// Every one of these scope names (`User.Read.All`) is needed (mostly
    /// one).
    pub all_of: &'static [&'static str],
    /// The page's condition for this set when the route does not decide
    /// it, as written (`For group resource`): the set grants access only
    /// to calls that meet it. `None`: the set applies to this route.
    pub when: Option<&'static str>,
}

impl ScopeSet {
    /// Scopes needed together that apply to the route:
    /// `ScopeSet::all(&["User.Read"])` is `ScopeSet { all_of, when: None }`.
    /// A `const fn`, so a generated `static` writes a set as one call (on
    /// one line unless its scopes are too long for one).
    pub const fn all(all_of: &'static [&'static str]) -> Self {
        ScopeSet { all_of, when: None }
    }

    /// Scopes needed together that grant access only to calls meeting the
    /// page's `condition`, as written (`For group resource`): `when` is
    /// `Some(condition)`.
    pub const fn all_when(all_of: &'static [&'static str], condition: &'static str) -> Self {
        ScopeSet { all_of, when: Some(condition) }
    }
}
