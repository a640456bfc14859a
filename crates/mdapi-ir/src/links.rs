//! Links between pages: resolving relative paths, and the check that each
//! link points to a page of the doc set (a linked type is named in `edm.rs`).

use std::collections::{BTreeMap, BTreeSet};

use mdapi_parse::page::Page;
use mdapi_parse::{Code, Diagnostic};
use rayon::prelude::*;

pub(crate) use mdapi_parse::page::is_page_link;

/// Resolves `dest` relative to `page` (both `/`-separated). `None` when the
/// link climbs above the docs folder.
pub(crate) fn resolve(page: &str, dest: &str) -> Option<String> {
    let dest = dest.split('#').next().unwrap_or_default();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in dest.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

pub(crate) fn check_links(pages: &[&Page], diagnostics: &mut Vec<Diagnostic>) {
    let known: BTreeSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let folded: BTreeMap<String, &str> = pages.iter().map(|p| (p.path.to_lowercase(), p.path.as_str())).collect();
    let per_page: Vec<Vec<Diagnostic>> =
        pages.par_iter().map(|page| page_missing_links(page, &known, &folded)).collect();
    diagnostics.extend(per_page.into_iter().flatten());
}

/// A diagnostic for each page a page links to that is not in the doc set
/// (once per target). A target that differs from a page only in letter
/// case is that page misspelled: it opens where file names ignore case and
/// breaks where they do not (Linux hosts, git checkouts).
fn page_missing_links(page: &Page, known: &BTreeSet<&str>, folded: &BTreeMap<String, &str>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut reported = BTreeSet::new();
    for link in page.links.iter().filter(|l| is_page_link(&l.dest)) {
        let Some(target) = resolve(&page.path, &link.dest) else { continue };
        if known.contains(target.as_str()) || !reported.insert(target.clone()) {
            continue;
        }
        let diagnostic = match folded.get(&target.to_lowercase()) {
            Some(existing) => Diagnostic::new(
                Code::LinkCaseMismatch,
                &page.path,
                link.span,
                format!(
                    "link to `{}` points to `{target}`, which differs in case from the page `{existing}`",
                    link.dest
                ),
            )
            .with_help("spell the link's path as the file is named"),
            None => Diagnostic::new(
                Code::LinkMissingPage,
                &page.path,
                link.span,
                format!("link to `{}` points to `{target}`, which is not in the doc set", link.dest),
            )
            .with_help("add the page, or fix the link's path"),
        };
        diagnostics.push(diagnostic);
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        assert_eq!(resolve("beta/api/x.md", "../resources/user.md#props").as_deref(), Some("beta/resources/user.md"));
        assert_eq!(resolve("beta/api/x.md", "y.md").as_deref(), Some("beta/api/y.md"));
        assert_eq!(resolve("x.md", "../../etc/passwd.md"), None);
    }
}
