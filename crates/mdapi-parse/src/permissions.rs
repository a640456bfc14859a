//! Permission tables: `Permission type | Permissions (...)` with one row per
//! account type, and the later 3-column form with least and higher privileged
//! scopes.

use serde::Serialize;

use crate::diag::{Code, Diagnostic, Span};
use crate::markdown::{Inline, Table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Account {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

/// What one cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scopes {
    /// Scope names, least privileged first.
    Listed(Vec<String>),
    /// "Not supported." and synonyms: no scope grants access.
    NotSupported,
    /// A placeholder (`TODO`, "Determine scopes") or an empty cell: unknown.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionRow {
    pub account: Account,
    pub scopes: Scopes,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionTable {
    pub rows: Vec<PermissionRow>,
    pub span: Span,
    /// Rows that named no account type.
    pub unknown_rows: usize,
}

impl PermissionTable {
    /// Every row was understood, and there was at least one.
    pub fn parsed(&self) -> bool {
        !self.rows.is_empty() && self.unknown_rows == 0
    }
}

/// Whether a table's header is a permissions header.
pub fn is_permission_table(table: &Table) -> bool {
    table.header.first().is_some_and(|cell| cell.text.to_ascii_lowercase().contains("permission type"))
}

/// Reads a permissions table, reporting placeholders and unknown rows.
pub fn read(table: &Table, file: &str, diagnostics: &mut Vec<Diagnostic>) -> PermissionTable {
    let mut rows = Vec::new();
    let mut unknown_rows = 0;
    for row in &table.rows {
        let Some((label, cells)) = row.split_first() else { continue };
        let Some(account) = account(&label.text) else {
            diagnostics.push(
                Diagnostic::new(
                    Code::PermissionRowUnknown,
                    file,
                    label.span,
                    format!("permission row `{}` names no account type", label.text.trim()),
                )
                .with_help("start the row with `Delegated (work or school account)`, `Delegated (personal Microsoft account)` or `Application`"),
            );
            unknown_rows += 1;
            continue;
        };
        let scopes = scopes(cells);
        if scopes == Scopes::Unknown {
            let span = cells.first().map_or(label.span, |cell| cell.span);
            let text = cells.first().map_or("", |cell| cell.text.trim());
            diagnostics.push(
                Diagnostic::new(
                    Code::PermissionPlaceholder,
                    file,
                    span,
                    format!("permissions for `{}` are a placeholder: `{}`", label.text.trim(), text),
                )
                .with_help("list the scopes, least privileged first, or write `Not supported.`"),
            );
        }
        rows.push(PermissionRow { account, scopes, span: label.span });
    }
    PermissionTable { rows, span: table.span, unknown_rows }
}

fn account(label: &str) -> Option<Account> {
    let label = label.to_ascii_lowercase();
    if label.contains("personal") {
        Some(Account::DelegatedPersonal)
    } else if label.contains("delegated") {
        Some(Account::DelegatedWork)
    } else if label.contains("application") {
        Some(Account::Application)
    } else {
        None
    }
}

const PLACEHOLDERS: &[&str] = &["todo", "determine", "tbd"];
const NONE: &[&str] = &["not supported", "not available", "not applicable", "n/a", "none"];

fn scopes(cells: &[Inline]) -> Scopes {
    let mut listed = Vec::new();
    let mut not_supported = false;
    for cell in cells {
        let text = cell.text.trim();
        let lower = text.to_ascii_lowercase();
        if PLACEHOLDERS.iter().any(|p| lower.contains(p)) {
            return Scopes::Unknown;
        }
        if NONE.iter().any(|n| lower.trim_end_matches('.').trim() == *n) {
            not_supported = true;
            continue;
        }
        let normalized = text.replace('\n', ",").replace(" and ", ",").replace(" or ", ",");
        listed.extend(
            normalized
                .split([',', ';'])
                .map(|s| s.trim().trim_end_matches('.').trim())
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        );
    }
    match (listed.is_empty(), not_supported) {
        (false, _) => Scopes::Listed(listed),
        (true, true) => Scopes::NotSupported,
        (true, false) => Scopes::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{blocks, Block};

    fn table(text: &str) -> Table {
        blocks(text)
            .into_iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn reads_scopes_placeholders_and_none() {
        let t = table("|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n|Delegated (work or school account)|User.Read, User.ReadWrite<br>Directory.Read.All|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|**TODO: Determine scopes **|\n|Other|x|\n");
        let mut diagnostics = Vec::new();
        let read = read(&t, "p.md", &mut diagnostics);
        assert_eq!(
            read.rows.iter().map(|r| (r.account, r.scopes.clone())).collect::<Vec<_>>(),
            [
                (
                    Account::DelegatedWork,
                    Scopes::Listed(vec!["User.Read".into(), "User.ReadWrite".into(), "Directory.Read.All".into()])
                ),
                (Account::DelegatedPersonal, Scopes::NotSupported),
                (Account::Application, Scopes::Unknown),
            ]
        );
        let codes: Vec<_> = diagnostics.iter().map(|d| (d.code, d.span.line)).collect();
        assert_eq!(codes, [(Code::PermissionPlaceholder, 5), (Code::PermissionRowUnknown, 6)]);
    }
}
