//! Sections: a page's headings, matched by their text at any level, and
//! which part of the page the blocks under them document.

use super::{Reader, Text};
use crate::markdown::Inline;
use crate::permissions::Condition;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    Permissions,
    HttpRequest,
    RequestHeaders,
    RequestBody,
    Response,
    Examples,
    Properties,
    Relationships,
    /// Path, query or function parameters.
    Parameters,
    JsonRepresentation,
    /// `## Members`, `### x values`, `## x enumeration`: an enum's members.
    Enum,
    Other,
}

pub(super) fn classify(heading: &str) -> Section {
    let h = heading.trim().to_ascii_lowercase();
    let starts = |p: &str| h.starts_with(p);
    if starts("permission") || h == "prerequisites" {
        Section::Permissions
    } else if starts("http request") {
        Section::HttpRequest
    } else if starts("request header") {
        Section::RequestHeaders
    } else if h.ends_with("parameters") && !h.contains("response") {
        Section::Parameters
    } else if starts("request body") {
        Section::RequestBody
    } else if starts("response") {
        Section::Response
    } else if starts("example") {
        Section::Examples
    } else if starts("properties") {
        Section::Properties
    } else if starts("relationships") {
        Section::Relationships
    } else if starts("json representation") {
        Section::JsonRepresentation
    } else if h == "members" || enum_heading_name(heading).is_some() {
        Section::Enum
    } else {
        Section::Other
    }
}

/// `riskLevel values`, `riskLevel enumeration`, `riskLevel enum` → `riskLevel`.
pub(super) fn enum_heading_name(heading: &str) -> Option<&str> {
    let mut words = heading.split_whitespace();
    let (name, suffix) = (words.next()?, words.next()?);
    let suffix = suffix.to_ascii_lowercase();
    let is_name = name.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '_');
    (words.next().is_none() && is_name && matches!(suffix.as_str(), "values" | "enumeration" | "enum")).then_some(name)
}

fn is_tab_marker(inline: &Inline) -> bool {
    inline.links.iter().any(|l| l.dest.starts_with("#tab/"))
}

impl Reader<'_> {
    pub(super) fn section(&self) -> Section {
        // Inside Examples, "Request"/"Response" sub-headings stay examples.
        if self.stack.iter().any(|(_, kind, _)| *kind == Section::Examples) {
            return Section::Examples;
        }
        self.stack.iter().rev().map(|(_, kind, _)| *kind).find(|k| *k != Section::Other).unwrap_or(Section::Other)
    }

    pub(super) fn heading(&mut self, level: u8, inline: Inline) {
        self.page.links.extend(inline.links.iter().cloned());
        if is_tab_marker(&inline) {
            return;
        }
        if level == 1 && self.page.title.is_none() {
            self.page.title = Some(Text { text: inline.text.trim().to_owned(), span: inline.span });
            self.stack.clear();
            return;
        }
        self.seen_section = true;
        while self.stack.last().is_some_and(|(open, _, _)| *open >= level) {
            self.stack.pop();
        }
        self.stack.push((level, classify(&inline.text), inline.text.trim().to_owned()));
    }

    /// The heading under the Permissions section's own, when it names a
    /// resource (`### Permissions for channel`, `### To retrieve the
    /// profile photo of a group`): the condition of the tables under it.
    pub(super) fn permission_heading(&self) -> Option<Condition> {
        let at = self.stack.iter().position(|(_, kind, _)| *kind == Section::Permissions)?;
        self.stack.get(at + 1..)?.last().and_then(|(_, _, text)| Condition::read(text))
    }
}

#[cfg(test)]
mod tests {
    use crate::page::HEAD;
    use crate::{parse_page, Code};

    /// The kind: tables under sub-headings of the Permissions section that
    /// name a resource, in the 2021 wording and the current one.
    #[test]
    fn headings_over_permission_tables_are_their_conditions() {
        let table = "|Permission type|Permissions|\n|:--|:--|\n|Application|Thing.Read.All|\n";
        let text = HEAD.replace(
            &format!("## Permissions\n\n{table}"),
            &format!("## Permissions\n\n### Permissions for channel\n\n{table}\n### To retrieve the photo of a group\n\n{table}\n### Permissions\n\n{table}\n[!INCLUDE [permissions-table](../includes/permissions/x.md)]\n"),
        );
        let (page, _) = parse_page("api/thing-get.md", &text);
        let conditions: Vec<Option<Vec<Vec<String>>>> =
            page.permissions.iter().map(|t| t.condition.as_ref().map(|c| c.subjects.clone())).collect();
        assert_eq!(conditions, [Some(vec![vec!["channel".to_owned()]]), Some(vec![vec!["group".to_owned()]]), None]);
        assert_eq!(page.permission_includes.len(), 1);
        assert_eq!(page.permission_includes[0].condition, None, "under `### Permissions`");
    }

    #[test]
    fn sections_are_found_by_text_at_any_level() {
        let text = "---\ndoc_type: apiPageType\n---\n# T\n\n#### http REQUEST\n\n``` http\nGET /a\nGET /a\nGET /a?$top=1\n```\n";
        let (page, diagnostics) = parse_page("api/t.md", text);
        assert_eq!(page.routes.len(), 2, "a query makes a distinct route");
        assert!(diagnostics.iter().any(|d| d.code == Code::RouteDuplicate));
    }
}
