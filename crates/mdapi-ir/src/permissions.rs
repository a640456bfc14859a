//! Permissions per route from its page's tables (what they mean:
//! `access.rs`). A condition (`For group resource`, a `### Permissions for
//! channel` heading, a transposed table's row) binds to the routes that
//! address its resource: `/groups/{id}/photo` gets the group's scopes and
//! `/me/photo` the user's.

use std::collections::{BTreeMap, BTreeSet};

use mdapi_parse::page::Page;
use mdapi_parse::permissions::condition::OPTIONAL;
use mdapi_parse::permissions::{Account, Condition as Written, Grant, PermissionTable, Scopes};
use mdapi_parse::{Code, Diagnostic, Span};
use mdapi_runtime::PathPart;

use crate::access::{Access, Condition, Permissions, Scope, ScopeSet};
use crate::links;

/// A permissions table as a page uses it: its own, or an included one.
pub(crate) struct TableUse<'p> {
    pub table: &'p PermissionTable,
    /// The heading over the include (an own table's heading is its own).
    pub condition: Option<&'p Written>,
    /// The footnote for `*` marks the table's own page does not give.
    pub footnote: Option<&'p str>,
}

/// The permission tables of a page: its own, else those of the files its
/// permission `[!INCLUDE]`s point to (a missing one is reported), and a
/// `*`-marked scope no footnote explains is reported.
pub(crate) fn tables<'p>(
    page: &'p Page,
    pages: &BTreeMap<&str, &'p Page>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<TableUse<'p>> {
    if !page.permissions.is_empty() {
        let uses: Vec<TableUse<'p>> =
            page.permissions.iter().map(|table| TableUse { table, condition: None, footnote: None }).collect();
        unexplained_marks(&uses, page, None, diagnostics);
        return uses;
    }
    let mut uses = Vec::new();
    for use_ in &page.permission_includes {
        let Some(include) = page.includes.get(use_.include) else { continue };
        let target = links::resolve(&page.path, &include.dest);
        // Included pages' own includes are not followed, so a page including
        // itself cannot loop; it is still a mistake worth naming.
        if target.as_deref() == Some(page.path.as_str()) {
            diagnostics.push(
                Diagnostic::new(
                    Code::IncludeSelf,
                    &page.path,
                    include.span,
                    format!("permissions include `{}` is this page itself; permissions are unknown", include.dest),
                )
                .with_help("point the include at the permissions file under `includes/permissions/`"),
            );
            continue;
        }
        match target.as_deref().and_then(|t| pages.get(t)) {
            Some(included) => {
                let footnote = included.permission_footnote.as_deref().or(page.permission_footnote.as_deref());
                let found: Vec<TableUse<'p>> = included
                    .permissions
                    .iter()
                    .map(|table| TableUse { table, condition: use_.condition.as_ref(), footnote })
                    .collect();
                unexplained_marks(&found, page, Some(include.span), diagnostics);
                uses.extend(found);
            }
            None => diagnostics.push(
                Diagnostic::new(
                    Code::IncludeMissing,
                    &page.path,
                    include.span,
                    format!("permissions include `{}` is not in the doc set; permissions are unknown", include.dest),
                )
                .with_help("add the include file, or pass the folder that holds it with `--docs`"),
            ),
        }
    }
    uses
}

/// `permission-note-missing` for each `*`-marked scope no footnote explains,
/// at its cell (an included table's: at the include line).
fn unexplained_marks(uses: &[TableUse<'_>], page: &Page, include: Option<Span>, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    for use_ in uses.iter().filter(|u| u.footnote.is_none()) {
        for row in &use_.table.rows {
            let marked =
                row.grants.iter().flat_map(listed).flatten().flatten().filter(|s| s.marked && s.note.is_none());
            for scope in marked {
                if seen.insert(scope.name.as_str()) {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::PermissionNoteMissing,
                            &page.path,
                            include.unwrap_or(row.span),
                            format!("`{}*` is marked with `*`, but the page has no footnote saying what the mark means", scope.name),
                        )
                        .with_help("add a note under the table, such as `> **Note**: Permissions marked with * use resource-specific consent.`"),
                    );
                }
            }
        }
    }
}

fn listed(grant: &Grant) -> Option<&Vec<Vec<mdapi_parse::permissions::Scope>>> {
    match &grant.scopes {
        Scopes::Listed(sets) => Some(sets),
        _ => None,
    }
}

/// A grant with the condition it has on this page and its footnote.
struct Candidate<'p> {
    account: Account,
    grant: &'p Grant,
    condition: Option<&'p Written>,
    footnote: Option<&'p str>,
    /// (table, row): the first row with unconditional grants wins.
    row: (usize, usize),
}

/// What each account needs to call the route `parts`, and whether the
/// page's conditions name resources the route does not address (so every
/// conditional set is kept, marked unbound).
///
/// The resource the route addresses is decided over the whole page (the
/// condition that fits it best in any row), so an account whose row does
/// not name that resource is undocumented for the route, not given
/// another resource's scopes.
pub(crate) fn for_route(uses: &[TableUse<'_>], parts: &[PathPart]) -> (Permissions, bool) {
    let segments = segments(parts);
    let candidates: Vec<Candidate<'_>> = uses
        .iter()
        .enumerate()
        .flat_map(|(t, use_)| {
            use_.table.rows.iter().enumerate().flat_map(move |(r, row)| {
                row.grants.iter().map(move |grant| Candidate {
                    account: row.account,
                    grant,
                    condition: grant.condition.as_ref().or(use_.table.condition.as_ref()).or(use_.condition),
                    footnote: use_.footnote,
                    row: (t, r),
                })
            })
        })
        .collect();
    let fits: Vec<Option<Fit>> = candidates.iter().map(|c| c.condition.and_then(|w| fit(w, &segments))).collect();
    let best = fits.iter().flatten().max().copied();
    let mut out = Permissions::default();
    let mut unbound = false;
    for account in [Account::DelegatedWork, Account::DelegatedPersonal, Account::Application] {
        let mine = || candidates.iter().zip(&fits).filter(move |(c, _)| c.account == account);
        let first_plain = mine().find(|(c, _)| c.condition.is_none()).map(|(c, _)| c.row);
        let plain = mine().filter(|(c, _)| c.condition.is_none() && Some(c.row) == first_plain).map(|(c, _)| (c, None));
        let chosen: Vec<(&Candidate<'_>, Option<bool>)> = match best {
            Some(best) => {
                mine().filter(|(_, fit)| **fit == Some(best)).map(|(c, _)| (c, Some(true))).chain(plain).collect()
            }
            None if first_plain.is_some() => plain.collect(),
            None => {
                let conditional: Vec<_> =
                    mine().filter(|(c, _)| c.condition.is_some()).map(|(c, _)| (c, Some(false))).collect();
                unbound |= !conditional.is_empty();
                conditional
            }
        };
        *out.get_mut(account) = access(&chosen);
    }
    (out, unbound)
}

/// The chosen grants as one account's access.
fn access(chosen: &[(&Candidate<'_>, Option<bool>)]) -> Access {
    let mut sets: Vec<ScopeSet> = Vec::new();
    for (candidate, bound) in chosen {
        let Some(listed) = listed(candidate.grant) else { continue };
        let condition = candidate.condition.zip(*bound).map(|(w, bound)| Condition { text: w.text.clone(), bound });
        for set in listed {
            let all_of: Vec<Scope> = set
                .iter()
                .map(|s| Scope {
                    name: s.name.clone(),
                    note: s.note.clone().or_else(|| s.marked.then(|| candidate.footnote.map(str::to_owned)).flatten()),
                })
                .collect();
            let set = ScopeSet { all_of, condition: condition.clone() };
            if !sets.contains(&set) {
                sets.push(set);
            }
        }
    }
    if !sets.is_empty() {
        Access::AnyOf { sets }
    } else if chosen.iter().any(|(c, _)| c.grant.scopes == Scopes::NotSupported) {
        Access::NotSupported
    } else {
        Access::Undocumented
    }
}

/// A route's literal segments, lowercase, with their position; `me` is
/// also a `users` segment (not written as such: `self` fits it better).
fn segments(parts: &[PathPart]) -> Vec<(String, usize, bool)> {
    let words = parts
        .iter()
        .filter_map(|p| match p {
            PathPart::Literal(text) => Some(text),
            PathPart::Param(_) => None,
        })
        .flat_map(|text| text.split(['/', '(', ')', ':', '.', '=', '\'']))
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_lowercase);
    let words: Vec<String> = words.collect();
    let mut out = Vec::new();
    for (at, word) in words.iter().enumerate() {
        if word == "me" {
            out.push(("users".to_owned(), at, false));
        }
        // Two segments may be one word of the docs: `outlookTask` is
        // `/outlook/tasks`.
        if let Some(before) = at.checked_sub(1).and_then(|b| words.get(b)) {
            out.push((format!("{before}{word}"), at, true));
        }
        out.push((word.clone(), at, true));
    }
    out
}

/// How well a condition fits a route: (subject words matched, position of
/// the last segment matched, matches written as such). More words is a
/// more specific resource (`group calendar` over `calendar`); a later
/// segment is the one the route addresses (`/me/contacts/{id}`: the
/// contact, not the user).
type Fit = (usize, usize, usize);

/// The best fit of any of the condition's subjects; `None` when none fits:
/// every word (runs of words may make one segment: `device management` is
/// `deviceManagement`) must name a segment, as written or as its plural.
fn fit(condition: &Written, segments: &[(String, usize, bool)]) -> Option<Fit> {
    condition.subjects.iter().filter_map(|subject| fit_subject(subject, segments)).max()
}

fn fit_subject(words: &[String], segments: &[(String, usize, bool)]) -> Option<Fit> {
    let (mut at, mut matched, mut last, mut direct) = (0, 0, 0, 0);
    while at < words.len() {
        let found = (at + 1..=words.len()).rev().find_map(|end| {
            let run: String = words[at..end].concat();
            let best = segments.iter().filter(|(s, _, _)| names(&run, s)).max_by_key(|(_, pos, d)| (*pos, *d))?;
            Some((end, best.1, best.2))
        });
        match found {
            Some((end, pos, is_direct)) => {
                matched += words[at..end].iter().filter(|w| !OPTIONAL.contains(&w.as_str())).count();
                last = last.max(pos);
                direct += usize::from(is_direct);
                at = end;
            }
            None if OPTIONAL.contains(&words[at].as_str()) => at += 1,
            None => return None,
        }
    }
    (matched > 0).then_some((matched, last, direct))
}

/// `word` names `segment`: the same, or one is the other's plural
/// (`group`: `groups`, `policy`: `policies`, `applications`:
/// `microsoft.graph.application`).
fn names(word: &str, segment: &str) -> bool {
    plural_of(word, segment) || plural_of(segment, word)
}

fn plural_of(one: &str, other: &str) -> bool {
    match other.strip_prefix(one) {
        Some(rest) => matches!(rest, "" | "s" | "es"),
        None => one.strip_suffix('y').is_some_and(|stem| other.strip_prefix(stem) == Some("ies")),
    }
}

/// Pages with permission tables a doc set needs before a scope on one page
/// only says something: in a handful of pages most scopes are on one.
const RARE_SCOPE_MIN_PAGES: usize = 50;

/// `permission-scope-rare`: a scope name on one page only, likely a typo;
/// the help names the common scope it is closest to, when one is close.
pub(crate) fn rare_scopes(pages: &[&Page], diagnostics: &mut Vec<Diagnostic>) {
    let with_tables: Vec<&Page> = pages.iter().copied().filter(|p| !p.permissions.is_empty()).collect();
    if with_tables.len() < RARE_SCOPE_MIN_PAGES {
        return;
    }
    let mut pages_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for page in &with_tables {
        for scope in page.permissions.iter().flat_map(|t| t.scopes()) {
            pages_of.entry(&scope.name).or_default().insert(&page.path);
        }
    }
    let common: Vec<&str> = pages_of.iter().filter(|(_, p)| p.len() >= 3).map(|(name, _)| *name).collect();
    for page in &with_tables {
        let mut seen = BTreeSet::new();
        for row in page.permissions.iter().flat_map(|t| t.rows.iter()) {
            for scope in row.grants.iter().flat_map(|g| listed(g)).flatten().flatten() {
                if pages_of.get(scope.name.as_str()).is_none_or(|p| p.len() != 1) || !seen.insert(&scope.name) {
                    continue;
                }
                let near = common
                    .iter()
                    .map(|c| (strsim::levenshtein(&c.to_ascii_lowercase(), &scope.name.to_ascii_lowercase()), *c))
                    .filter(|(d, _)| *d <= 2)
                    .min();
                let help = match near {
                    Some((_, near)) => format!("did you mean `{near}`? it is on several pages"),
                    None => "check the name against the API's permissions reference (for Microsoft Graph: the Graph permissions reference)".to_owned(),
                };
                diagnostics.push(
                    Diagnostic::new(
                        Code::PermissionScopeRare,
                        &page.path,
                        row.span,
                        format!("scope `{}` appears on this page only", scope.name),
                    )
                    .with_help(help),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(path: &str) -> Vec<PathPart> {
        mdapi_parse::route::parse(&format!("GET {path}")).unwrap().parts
    }

    fn fits(condition: &str, path: &str) -> Option<Fit> {
        fit(&Written::read(condition).unwrap(), &segments(&route(path)))
    }

    #[test]
    fn resources_fit_the_routes_that_address_them() {
        let event = "/me/events/{id}/attachments/{id}";
        assert!(fits("event", event).is_some());
        assert_eq!(fits("post", event), None);
        let group_calendar = "/groups/{id}/calendar/events/{id}";
        assert!(fits("group calendar", group_calendar) > fits("event", group_calendar));
        assert_eq!(fits("user calendar", group_calendar), None);
        assert!(fits("user calendar", "/me/calendar/events").is_some());
        assert!(fits("For **group** resource", "/groups/{id}/photo") > fits("For user resource", "/groups/{id}/photo"));
        assert_eq!(fits("For user resource", "/groups/{id}/photo"), None);
    }

    #[test]
    fn the_resource_the_route_ends_in_wins() {
        let contact = "/me/contacts/{id}/photo";
        assert!(fits("For contact resource", contact) > fits("For user resource", contact));
        let channel = "/teams/{id}/channels/{id}/members/{id}";
        assert!(fits("In channels", channel) > fits("In teams", channel));
        assert!(fits("In teams", "/teams/{id}/members/{id}").is_some());
        assert_eq!(fits("In channels", "/teams/{id}/members/{id}"), None);
    }

    #[test]
    fn self_is_me_and_other_users_are_users() {
        assert!(
            fits("Permissions acting on self", "/me/methods")
                > fits("Permissions acting on other users", "/me/methods")
        );
        assert_eq!(fits("Permissions acting on self", "/users/{id}/methods"), None);
        assert_eq!(fits("Permissions acting on self", "/users/{id}/messages"), None, "`me` is not a prefix");
    }

    /// The kind: a scope name one page of many spells its own way.
    #[test]
    fn a_scope_on_one_page_of_many_is_a_note_naming_the_common_one() {
        let page = |i: usize, cell: &str| {
            let text = format!("---\ndoc_type: apiPageType\n---\n# P\n\n## Permissions\n\n|Permission type|Permissions|\n|:--|:--|\n|Application|{cell}|\n");
            mdapi_parse::parse_page(&format!("api/p{i}.md"), &text).0
        };
        let mut pages: Vec<Page> = (0..RARE_SCOPE_MIN_PAGES).map(|i| page(i, "Group.ReadWrite.All")).collect();
        pages.push(page(100, "Group.Read.WriteAll"));
        pages.push(page(101, "Sites.Selected"));
        let refs: Vec<&Page> = pages.iter().collect();
        let mut diagnostics = Vec::new();
        rare_scopes(&refs, &mut diagnostics);
        let found: Vec<(&str, &str)> =
            diagnostics.iter().map(|d| (d.file.as_str(), d.help.as_deref().unwrap_or_default())).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "api/p100.md");
        assert!(found[0].1.contains("`Group.ReadWrite.All`"), "{found:?}");
        assert!(!found[1].1.contains("did you mean"), "nothing common is close to Sites.Selected");
        // In a handful of pages, a scope on one page says nothing.
        let mut few = Vec::new();
        rare_scopes(&refs[RARE_SCOPE_MIN_PAGES - 3..], &mut few);
        assert!(few.is_empty());
    }

    #[test]
    fn runs_of_words_name_one_segment_and_filler_is_optional() {
        assert!(fits("For Device management (Intune) provider", "/roleManagement/deviceManagement/roleDefinitions")
            .is_some());
        assert_eq!(fits("For Directory (Azure AD) provider", "/roleManagement/deviceManagement/roleDefinitions"), None);
        assert!(fits("Azure resources", "/privilegedAccess/azureResources/resources").is_some());
        assert!(fits("policy", "/identity/policies").is_some());
        assert!(fits("For applications:", "/directory/deletedItems/microsoft.graph.application").is_some());
        assert_eq!(fits("chat", "/teams/{id}/chatMessages"), None, "a longer word is another resource");
        assert!(fits("[outlookTask](x.md)", "/me/outlook/tasks/{id}/attachments").is_some());
    }
}
