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
    /// In a transposed table, the resource the row applies to (`event`,
    /// `group calendar`); the page's routes pick their row by it.
    pub resource: Option<String>,
    /// The row's label and the scope cell as written, for messages.
    pub label: String,
    pub text: String,
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

/// Whether a table's header is a permissions header: `Permission type | ...`,
/// or transposed, `Supported resource | Delegated (...) | ... | Application`.
pub fn is_permission_table(table: &Table) -> bool {
    let header: Vec<String> = table.header.iter().map(|c| c.text.to_ascii_lowercase()).collect();
    header.first().is_some_and(|h| h.contains("permission type")) || is_transposed(&header)
}

fn is_transposed(header: &[String]) -> bool {
    header.len() >= 3 && header.iter().skip(1).all(|h| account(h).is_some())
}

/// Reads a permissions table, reporting placeholders and unknown rows.
pub fn read(table: &Table, file: &str, diagnostics: &mut Vec<Diagnostic>) -> PermissionTable {
    let header: Vec<String> = table.header.iter().map(|c| c.text.to_ascii_lowercase()).collect();
    let (mut rows, unknown_rows) = if is_transposed(&header) {
        (read_transposed(table, &header), 0)
    } else {
        read_by_account(table, file, diagnostics)
    };
    // Scopes are kept least privileged first; some tables list them the
    // other way round and say so in the header.
    if header.iter().any(|h| h.contains("most to least")) {
        for row in &mut rows {
            if let Scopes::Listed(scopes) = &mut row.scopes {
                scopes.reverse();
            }
        }
    }
    for row in rows.iter().filter(|r| r.scopes == Scopes::Unknown) {
        let text = if row.text.is_empty() { "an empty cell".to_owned() } else { format!("`{}`", row.text) };
        diagnostics.push(
            Diagnostic::new(
                Code::PermissionPlaceholder,
                file,
                row.span,
                format!("permissions for `{}` are a placeholder: {text}", row.label),
            )
            .with_help("list the scopes, least privileged first, or write `Not supported.`"),
        );
    }
    PermissionTable { rows, span: table.span, unknown_rows }
}

/// `Permission type | Permissions`: one row per account type. Intune pages
/// leave an account's cell empty and list scopes in `&nbsp;`-indented
/// scenario rows below it; those rows add to the account above.
fn read_by_account(table: &Table, file: &str, diagnostics: &mut Vec<Diagnostic>) -> (Vec<PermissionRow>, usize) {
    let mut rows: Vec<PermissionRow> = Vec::new();
    let mut unknown_rows = 0;
    for row in &table.rows {
        let Some((label, cells)) = row.split_first() else { continue };
        let scopes = scopes(cells);
        let indented = label.text.starts_with(|c: char| c.is_whitespace());
        match account(&label.text) {
            Some(account) if !indented => {
                let span = cells.first().map_or(label.span, |cell| cell.span);
                let text = cells.iter().map(|c| c.text.trim()).collect::<Vec<_>>().join(" | ");
                rows.push(PermissionRow {
                    account,
                    scopes,
                    resource: None,
                    label: label.text.trim().to_owned(),
                    text,
                    span,
                });
            }
            _ => {
                let parent = rows.last_mut().filter(|_| indented || cells.iter().all(|c| !c.text.trim().is_empty()));
                match parent {
                    // A scenario row under an account: its scopes also grant access.
                    Some(parent) if indented => merge(&mut parent.scopes, scopes),
                    _ => {
                        unknown_rows += 1;
                        diagnostics.push(
                            Diagnostic::new(
                                Code::PermissionRowUnknown,
                                file,
                                label.span,
                                format!("permission row `{}` names no account type", label.text.trim()),
                            )
                            .with_help("start the row with `Delegated (work or school account)`, `Delegated (personal Microsoft account)` or `Application`"),
                        );
                    }
                }
            }
        }
    }
    (rows, unknown_rows)
}

fn merge(into: &mut Scopes, more: Scopes) {
    match (into, more) {
        (Scopes::Listed(have), Scopes::Listed(more)) => {
            for scope in more {
                if !have.contains(&scope) {
                    have.push(scope);
                }
            }
        }
        (into @ (Scopes::Unknown | Scopes::NotSupported), Scopes::Listed(more)) => *into = Scopes::Listed(more),
        _ => {}
    }
}

/// `Supported resource | Delegated (...) | ... | Application`: one row per
/// resource, one column per account type.
fn read_transposed(table: &Table, header: &[String]) -> Vec<PermissionRow> {
    let accounts: Vec<Option<Account>> = header.iter().map(|h| account(h)).collect();
    let mut rows = Vec::new();
    for row in &table.rows {
        let Some(resource) = row.first() else { continue };
        let name = resource.text.trim().trim_matches('*').trim().to_owned();
        for (i, cell) in row.iter().enumerate().skip(1) {
            let Some(Some(account)) = accounts.get(i) else { continue };
            let column = table.header.get(i).map_or("", |h| h.text.trim());
            rows.push(PermissionRow {
                account: *account,
                scopes: scopes(std::slice::from_ref(cell)),
                resource: Some(name.clone()),
                label: format!("{column}, {name}"),
                text: cell.text.trim().to_owned(),
                span: cell.span,
            });
        }
    }
    rows
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
        let mut codes: Vec<_> = diagnostics.iter().map(|d| (d.code, d.span.line)).collect();
        codes.sort();
        assert_eq!(codes, [(Code::PermissionPlaceholder, 5), (Code::PermissionRowUnknown, 6)]);
        assert!(read.unknown_rows == 1 && !read.parsed());
    }

    #[test]
    fn most_to_least_tables_are_reversed() {
        let t = table("|Permission type|Permissions (from most to least privileged)|\n|:--|:--|\n|Application|A.ReadWrite.All, A.Read.All|\n");
        let read = read(&t, "p.md", &mut Vec::new());
        assert_eq!(read.rows[0].scopes, Scopes::Listed(vec!["A.Read.All".into(), "A.ReadWrite.All".into()]));
    }

    #[test]
    fn intune_scenario_rows_add_to_their_account() {
        let t = table("|Permission type|Permissions|\n|:--|:--|\n|Delegated (work or school account)||\n| &nbsp; &nbsp; **MAM** | A.Read, A.ReadWrite|\n| &nbsp; &nbsp; **Policy Set** | B.Read|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application||\n");
        let mut diagnostics = Vec::new();
        let read = read(&t, "p.md", &mut diagnostics);
        assert!(read.parsed());
        assert_eq!(read.rows[0].scopes, Scopes::Listed(vec!["A.Read".into(), "A.ReadWrite".into(), "B.Read".into()]));
        assert_eq!(read.rows[2].scopes, Scopes::Unknown);
        assert_eq!(diagnostics.len(), 1, "the empty Application row is a placeholder");
    }

    #[test]
    fn transposed_tables_scope_rows_by_resource() {
        let t = table("| Supported resource | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n|:--|:--|:--|:--|\n| [event](../resources/event.md) | Calendars.ReadWrite | Calendars.ReadWrite | Calendars.ReadWrite |\n| [post](../resources/post.md) | Group.ReadWrite.All | Not supported | Not supported |\n");
        assert!(is_permission_table(&t));
        let read = read(&t, "p.md", &mut Vec::new());
        assert!(read.parsed());
        assert_eq!(read.rows.len(), 6);
        assert_eq!(read.rows[3].resource.as_deref(), Some("post"));
        assert_eq!(read.rows[4].scopes, Scopes::NotSupported);
    }
}
