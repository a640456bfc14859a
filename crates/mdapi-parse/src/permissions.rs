//! Permission tables: `Permission type | Permissions (...)` with one row per
//! account type, the later 3-column form with least and higher privileged
//! scopes, and the transposed form with one row per resource. Each cell is
//! read as the page means it (`cell.rs`): alternatives, combinations,
//! conditions, footnote marks; what cannot be read is reported with its
//! text and never kept as a scope.

mod cell;
pub mod condition;

use std::collections::BTreeSet;

use serde::Serialize;

pub use condition::Condition;

use crate::diag::{Code, Diagnostic, Span};
use crate::markdown::{Inline, Table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Account {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

/// A scope name as a page writes it, with what the page says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// `Word(.Word)+`: `User.Read.All`.
    pub name: String,
    /// Written with a trailing `*`: the page's footnote applies to it (on
    /// Teams pages, resource-specific consent).
    pub marked: bool,
    /// The footnote a `*` points to, or a remark written after the name
    /// (`(see below)`).
    pub note: Option<String>,
}

/// Whether `text` is a scope name: words of ASCII letters and digits
/// joined by dots, at least two (`User.Read`, `Sites.Selected`).
pub fn is_scope_name(text: &str) -> bool {
    let mut words = text.split('.');
    let first = words.next().unwrap_or_default();
    let word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric());
    word(first) && first.starts_with(|c: char| c.is_ascii_alphabetic()) && text.contains('.') && words.all(word)
}

/// What one cell, or one condition's part of it, says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scopes {
    /// Any one of these sets grants access, least privileged first; every
    /// scope of a set is needed (`A and B`, `A plus B`).
    Listed(Vec<Vec<Scope>>),
    /// "Not supported." and synonyms: no scope grants access.
    NotSupported,
    /// A placeholder (`TODO`, "Determine scopes"), an empty cell, or
    /// nothing readable: unknown.
    Unknown,
}

/// Scopes and the condition under which they apply (`None`: always).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub condition: Option<Condition>,
    pub scopes: Scopes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionRow {
    pub account: Account,
    /// What the row grants: one grant, or one per condition its cell names
    /// (`For user resource: ... For group resource: ...`). In a transposed
    /// table, the row's resource (`event`, `group calendar`) is the
    /// condition.
    pub grants: Vec<Grant>,
    /// Parts of its cells that are not scope names, as written (each one
    /// reported as `permission-unreadable`).
    pub unread: Vec<String>,
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
    /// The heading over the table inside the Permissions section, when it
    /// names a resource (`### Permissions for channel`): the condition of
    /// every grant that has none of its own.
    pub condition: Option<Condition>,
}

impl PermissionTable {
    /// Every row was understood, and there was at least one.
    pub fn parsed(&self) -> bool {
        !self.rows.is_empty() && self.unknown_rows == 0
    }

    /// Every scope the table names.
    pub fn scopes(&self) -> impl Iterator<Item = &Scope> {
        self.rows.iter().flat_map(|r| r.grants.iter()).flat_map(|g| match &g.scopes {
            Scopes::Listed(sets) => sets.iter().flatten().collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    }

    /// Gives every `*`-marked scope without a note the page's footnote.
    pub fn annotate(&mut self, footnote: &str) {
        for grant in self.rows.iter_mut().flat_map(|r| r.grants.iter_mut()) {
            if let Scopes::Listed(sets) = &mut grant.scopes {
                for scope in sets.iter_mut().flatten().filter(|s| s.marked && s.note.is_none()) {
                    scope.note = Some(footnote.to_owned());
                }
            }
        }
    }
}

/// Whether a table's header is a permissions header: `Permission type | ...`,
/// or transposed, `Supported resource | Delegated (...) | ... | Application`.
/// A `Permission type` table whose other columns are not permissions
/// (`Supported resource types`, `Property`) is something else.
pub fn is_permission_table(table: &Table) -> bool {
    let header: Vec<String> = table.header.iter().map(|c| c.text.to_ascii_lowercase()).collect();
    let by_account = header.first().is_some_and(|h| h.contains("permission type"))
        && header.iter().skip(1).any(|h| h.contains("permission") || h.contains("scope"));
    by_account || is_transposed(&header)
}

fn is_transposed(header: &[String]) -> bool {
    header.len() >= 3 && header.iter().skip(1).all(|h| account(h).is_some())
}

/// Reads a permissions table under `condition` (the heading over it),
/// reporting placeholders, unknown rows, text that is not a scope and
/// cells that mix forms.
pub fn read(
    table: &Table,
    condition: Option<Condition>,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> PermissionTable {
    let header: Vec<String> = table.header.iter().map(|c| c.text.to_ascii_lowercase()).collect();
    let listed_elsewhere = single_alternatives(table);
    let mut cells = Cells { file, diagnostics, listed_elsewhere: &listed_elsewhere };
    let (mut rows, unknown_rows) = if is_transposed(&header) {
        (read_transposed(table, &header, &mut cells), 0)
    } else {
        read_by_account(table, &mut cells)
    };
    // Scopes are kept least privileged first; some tables list them the
    // other way round and say so in the header.
    if header.iter().any(|h| h.contains("most to least")) {
        for grant in rows.iter_mut().flat_map(|r| r.grants.iter_mut()) {
            if let Scopes::Listed(sets) = &mut grant.scopes {
                sets.reverse();
            }
        }
    }
    // Prose was reported as unreadable; what is left unknown is a placeholder.
    for row in rows.iter().filter(|r| r.unread.is_empty() && r.grants.iter().all(|g| g.scopes == Scopes::Unknown)) {
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
    PermissionTable { rows, span: table.span, unknown_rows, condition }
}

/// Scopes the table's cells list as alternatives of their own (`A, B, C`),
/// from cells that are not English lists: a cell that writes the same
/// scopes as `A, B and C` means the same list, not all three together.
fn single_alternatives(table: &Table) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for cell in table.rows.iter().flat_map(|row| row.iter().skip(1)) {
        let read = cell::read(&cell.text, &BTreeSet::new());
        if !read.mixed.is_empty() {
            continue;
        }
        for grant in &read.grants {
            if let Scopes::Listed(sets) = &grant.scopes {
                names.extend(sets.iter().filter(|set| set.len() == 1).flatten().map(|s| s.name.clone()));
            }
        }
    }
    names
}

/// Reads cells, reporting what they hold that is not a scope.
struct Cells<'a> {
    file: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
    listed_elsewhere: &'a BTreeSet<String>,
}

impl Cells<'_> {
    /// The grants of a row's cells (the 3-column form's least and higher
    /// privileged cells add up, least first).
    /// A cell under a column that names a resource (`Permissions acting on
    /// self`) has that condition.
    fn grants(&mut self, label: &str, cells: &[Inline], columns: &[Option<Condition>]) -> (Vec<Grant>, Vec<String>) {
        let mut grants: Vec<Grant> = Vec::new();
        let mut unread = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            let mut read = cell::read(&cell.text, self.listed_elsewhere);
            if let Some(column) = columns.get(i).cloned().flatten() {
                for grant in read.grants.iter_mut().filter(|g| g.condition.is_none()) {
                    grant.condition = Some(column.clone());
                }
            }
            let text = one_line(&cell.text);
            let readable = read.grants.iter().any(|g| matches!(g.scopes, Scopes::Listed(_)));
            for part in &read.unread {
                let what = if readable { "holds text that is not a scope name" } else { "names no scope" };
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::PermissionUnreadable,
                        self.file,
                        cell.span,
                        format!("permission cell for `{label}` {what}: `{}`; it is not read as a scope", one_line(part)),
                    )
                    .with_help("write scope names (`User.Read.All`) joined by `,` (any one of) or `and` (all of); put remarks in a note under the table"),
                );
            }
            for mix in &read.mixed {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::PermissionFormsMixed,
                        self.file,
                        cell.span,
                        format!("permission cell for `{label}` mixes forms, {mix}: `{text}`"),
                    )
                    .with_help("write one set of scopes per line: alternatives joined by `,`, scopes needed together by `and`, each condition on a line of its own (`For group resource: ...`)"),
                );
            }
            unread.extend(read.unread);
            for grant in read.grants {
                match grants.iter_mut().find(|g| g.condition == grant.condition) {
                    Some(have) => merge(&mut have.scopes, grant.scopes),
                    None => grants.push(grant),
                }
            }
        }
        if grants.is_empty() {
            grants.push(Grant { condition: None, scopes: Scopes::Unknown });
        }
        (grants, unread)
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `Permission type | Permissions`: one row per account type. Intune pages
/// leave an account's cell empty and list scopes in `&nbsp;`-indented
/// scenario rows below it; those rows add to the account above. A scenario
/// (`Mobile app management (MAM)`) names the product feature that calls the
/// API, not a resource the route addresses, so its scopes are alternatives
/// for every route.
fn read_by_account(table: &Table, cells: &mut Cells<'_>) -> (Vec<PermissionRow>, usize) {
    let columns: Vec<Option<Condition>> =
        table.header.iter().skip(1).map(|h| Condition::read_column(&h.text)).collect();
    let mut rows: Vec<PermissionRow> = Vec::new();
    let mut unknown_rows = 0;
    for row in &table.rows {
        let Some((label, rest)) = row.split_first() else { continue };
        let indented = label.text.starts_with(|c: char| c.is_whitespace());
        let name = label.text.trim();
        match account(&label.text) {
            Some(account) if !indented => {
                let span = rest.first().map_or(label.span, |cell| cell.span);
                let text = rest.iter().map(|c| c.text.trim()).collect::<Vec<_>>().join(" | ");
                let (grants, unread) = cells.grants(name, rest, &columns);
                rows.push(PermissionRow { account, grants, unread, label: name.to_owned(), text, span });
            }
            _ => {
                let parent = rows.last_mut().filter(|_| indented || rest.iter().all(|c| !c.text.trim().is_empty()));
                match parent {
                    // A scenario row under an account: its scopes also grant access.
                    Some(parent) if indented => {
                        let label = format!("{}, {name}", parent.label);
                        let (grants, unread) = cells.grants(&label, rest, &columns);
                        parent.unread.extend(unread);
                        for grant in grants {
                            match parent.grants.iter_mut().find(|g| g.condition.is_none()) {
                                Some(have) => merge(&mut have.scopes, grant.scopes),
                                None => parent.grants.push(grant),
                            }
                        }
                    }
                    _ => {
                        unknown_rows += 1;
                        cells.diagnostics.push(
                            Diagnostic::new(
                                Code::PermissionRowUnknown,
                                cells.file,
                                label.span,
                                format!("permission row `{name}` names no account type"),
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

/// Adds `more` to `into`: listed sets accumulate (least privileged first);
/// a list wins over "not supported", which wins over unknown.
fn merge(into: &mut Scopes, more: Scopes) {
    match (into, more) {
        (Scopes::Listed(have), Scopes::Listed(more)) => {
            for set in more {
                if !have.iter().any(|s| s.len() == set.len() && s.iter().all(|a| set.iter().any(|b| a.name == b.name)))
                {
                    have.push(set);
                }
            }
        }
        (into @ (Scopes::Unknown | Scopes::NotSupported), more @ Scopes::Listed(_)) => *into = more,
        (into @ Scopes::Unknown, Scopes::NotSupported) => *into = Scopes::NotSupported,
        _ => {}
    }
}

/// `Supported resource | Delegated (...) | ... | Application`: one row per
/// resource, one column per account type.
fn read_transposed(table: &Table, header: &[String], cells: &mut Cells<'_>) -> Vec<PermissionRow> {
    let accounts: Vec<Option<Account>> = header.iter().map(|h| account(h)).collect();
    let mut rows = Vec::new();
    for row in &table.rows {
        let Some(resource) = row.first() else { continue };
        let name = resource.text.trim().trim_matches('*').trim().to_owned();
        let condition = Condition::read(&name);
        for (i, cell) in row.iter().enumerate().skip(1) {
            let Some(Some(account)) = accounts.get(i) else { continue };
            let column = table.header.get(i).map_or("", |h| h.text.trim());
            let label = format!("{column}, {name}");
            let (mut grants, unread) = cells.grants(&label, std::slice::from_ref(cell), &[]);
            for grant in grants.iter_mut().filter(|g| g.condition.is_none()) {
                grant.condition.clone_from(&condition);
            }
            let text = cell.text.trim().to_owned();
            rows.push(PermissionRow { account: *account, grants, unread, label, text, span: cell.span });
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

    fn names(scopes: &Scopes) -> Vec<Vec<&str>> {
        match scopes {
            Scopes::Listed(sets) => sets.iter().map(|set| set.iter().map(|s| s.name.as_str()).collect()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn reads_scopes_placeholders_and_none() {
        let t = table("|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n|Delegated (work or school account)|User.Read, User.ReadWrite<br>Directory.Read.All|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|**TODO: Determine scopes **|\n|Other|x|\n");
        let mut diagnostics = Vec::new();
        let read = read(&t, None, "p.md", &mut diagnostics);
        let accounts: Vec<Account> = read.rows.iter().map(|r| r.account).collect();
        assert_eq!(accounts, [Account::DelegatedWork, Account::DelegatedPersonal, Account::Application]);
        assert_eq!(names(&read.rows[0].grants[0].scopes), [["User.Read"], ["User.ReadWrite"], ["Directory.Read.All"]]);
        assert_eq!(read.rows[1].grants[0].scopes, Scopes::NotSupported);
        assert_eq!(read.rows[2].grants[0].scopes, Scopes::Unknown);
        let mut codes: Vec<_> = diagnostics.iter().map(|d| (d.code, d.span.line)).collect();
        codes.sort();
        assert_eq!(codes, [(Code::PermissionPlaceholder, 5), (Code::PermissionRowUnknown, 6)]);
        assert!(read.unknown_rows == 1 && !read.parsed());
    }

    #[test]
    fn most_to_least_tables_are_reversed() {
        let t = table("|Permission type|Permissions (from most to least privileged)|\n|:--|:--|\n|Application|A.ReadWrite.All A.Read.All|\n");
        let read = read(&t, None, "p.md", &mut Vec::new());
        assert_eq!(names(&read.rows[0].grants[0].scopes), [["A.Read.All"], ["A.ReadWrite.All"]]);
    }

    #[test]
    fn intune_scenario_rows_add_to_their_account() {
        let t = table("|Permission type|Permissions|\n|:--|:--|\n|Delegated (work or school account)||\n| &nbsp; &nbsp; **MAM** | A.Read, A.ReadWrite|\n| &nbsp; &nbsp; **Policy Set** | B.Read|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application||\n");
        let mut diagnostics = Vec::new();
        let read = read(&t, None, "p.md", &mut diagnostics);
        assert!(read.parsed());
        assert_eq!(names(&read.rows[0].grants[0].scopes), [["A.Read"], ["A.ReadWrite"], ["B.Read"]]);
        assert_eq!(read.rows[2].grants[0].scopes, Scopes::Unknown);
        assert_eq!(diagnostics.len(), 1, "the empty Application row is a placeholder");
    }

    #[test]
    fn transposed_tables_give_each_row_its_resource_as_condition() {
        let t = table("| Supported resource | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n|:--|:--|:--|:--|\n| [event](../resources/event.md) | Calendars.ReadWrite | Calendars.ReadWrite | Calendars.ReadWrite |\n| group [post](../resources/post.md) | Group.ReadWrite.All | Not supported | Not supported |\n");
        assert!(is_permission_table(&t));
        let read = read(&t, None, "p.md", &mut Vec::new());
        assert!(read.parsed());
        assert_eq!(read.rows.len(), 6);
        let condition = read.rows[3].grants[0].condition.as_ref().unwrap();
        assert_eq!(condition.subjects, [["group", "post"]]);
        assert_eq!(read.rows[4].grants[0].scopes, Scopes::NotSupported);
    }

    #[test]
    fn higher_privileged_columns_follow_the_least_privileged() {
        let t = table("|Permission type|Least privileged permissions|Higher privileged permissions|\n|:--|:--|:--|\n|Delegated (work or school account)|A.Read|A.ReadWrite, B.Read.All|\n|Delegated (personal Microsoft account)|Not supported.|Not supported.|\n|Application|A.Read.All|Not available.|\n");
        let read = read(&t, None, "p.md", &mut Vec::new());
        assert_eq!(names(&read.rows[0].grants[0].scopes), [["A.Read"], ["A.ReadWrite"], ["B.Read.All"]]);
        assert_eq!(read.rows[1].grants[0].scopes, Scopes::NotSupported);
        assert_eq!(names(&read.rows[2].grants[0].scopes), [["A.Read.All"]]);
    }

    #[test]
    fn prose_and_mixed_forms_are_reported_with_the_cell_text() {
        let t = table("|Permission type|Permissions|\n|:--|:--|\n|Delegated (work or school account)|Role required to [create a thing](x.md) or Thing.Read.All|\n|Application|P.Read.All, P.Write.All and Q.Read.All|\n");
        let mut diagnostics = Vec::new();
        let read = read(&t, None, "p.md", &mut diagnostics);
        assert_eq!(read.rows[0].unread, ["Role required to create a thing"]);
        assert_eq!(names(&read.rows[1].grants[0].scopes), [["P.Read.All", "P.Write.All", "Q.Read.All"]]);
        let found: Vec<(Code, u32)> = diagnostics.iter().map(|d| (d.code, d.span.line)).collect();
        assert_eq!(found, [(Code::PermissionUnreadable, 3), (Code::PermissionFormsMixed, 4)]);
        assert!(diagnostics[0].message.contains("`Role required to create a thing`"), "{}", diagnostics[0].message);
        assert!(diagnostics[1].message.contains("`P.Read.All, P.Write.All and Q.Read.All`"));
    }

    #[test]
    fn an_and_list_of_scopes_other_rows_list_as_alternatives_is_a_list() {
        let t = table("|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n|Delegated (work or school account)|M.ReadWrite.All, G.ReadWrite.All, D.ReadWrite.All|\n|Application|M.ReadWrite.All, G.ReadWrite.All and D.ReadWrite.All|\n");
        let mut diagnostics = Vec::new();
        let read = read(&t, None, "p.md", &mut diagnostics);
        assert_eq!(
            names(&read.rows[1].grants[0].scopes),
            [["M.ReadWrite.All"], ["G.ReadWrite.All"], ["D.ReadWrite.All"]]
        );
        assert!(diagnostics.iter().any(|d| d.code == Code::PermissionFormsMixed && d.message.contains("any one")));
    }

    #[test]
    fn columns_acting_on_self_and_others_are_conditions() {
        let t = table("|Permission type|Permissions acting on self (from least to most privileged)|Permissions acting on others (from least to most privileged)|\n|:--|:--|:--|\n|Delegated (work or school account)|K.Read, K.ReadWrite|K.Read.All|\n|Application|Not applicable.|K.Read.All|\n");
        assert!(is_permission_table(&t));
        let read = read(&t, None, "p.md", &mut Vec::new());
        let subjects: Vec<_> =
            read.rows[0].grants.iter().map(|g| g.condition.as_ref().unwrap().subjects.clone()).collect();
        assert_eq!(subjects, [[["me"]], [["users"]]]);
        assert_eq!(read.rows[1].grants[0].scopes, Scopes::NotSupported);
    }

    #[test]
    fn a_permission_type_table_of_something_else_is_not_a_permissions_table() {
        let t = table("|Permission type|Supported resource types|\n|:--|:--|\n|Application|[alert][], [user][]|\n");
        assert!(!is_permission_table(&t));
    }

    #[test]
    fn footnotes_reach_marked_scopes_only() {
        let t = table("|Permission type|Permissions|\n|:--|:--|\n|Application|T.Read.Group*, T.Read.All|\n");
        let mut read = read(&t, None, "p.md", &mut Vec::new());
        read.annotate("Permissions marked with * use resource-specific consent.");
        let notes: Vec<Option<&str>> = read.scopes().map(|s| s.note.as_deref()).collect();
        assert_eq!(notes, [Some("Permissions marked with * use resource-specific consent."), None]);
    }

    #[test]
    fn scope_names_are_dotted_words() {
        for yes in ["User.Read", "Sites.Selected", "Directory.AccessAsUser.All", "EduRoster.ReadBasic"] {
            assert!(is_scope_name(yes), "{yes}");
        }
        for no in
            ["User", "For user resource:", "User.Read*", ".Read", "User..Read", "1A.Read", "User.Read.", "A B.C", ""]
        {
            assert!(!is_scope_name(no), "{no}");
        }
    }
}
