//! Paragraphs: the namespace, base type, description, the request body's
//! and the response's prose, and the Permissions section's footnote.

use super::sections::Section;
use super::{is_page_link, Reader, ResponseInfo, Text};
use crate::markdown::{Inline, Link};

impl Reader<'_> {
    pub(super) fn paragraph(&mut self, inline: Inline) {
        self.page.links.extend(inline.links.iter().cloned());
        let text = inline.text.trim();
        if let Some(namespace) = strip_prefix_ci(text, "namespace:") {
            // `Namespace: microsoft.graph.` ends a sentence, not a name.
            let name = namespace.split_whitespace().next().unwrap_or_default().trim_end_matches('.').to_owned();
            self.page.namespace = Some(Text { text: name, span: inline.span });
            return;
        }
        let lower = text.to_ascii_lowercase();
        if self.page.inherits_from.is_none() && (lower.contains("inherits from") || lower.contains("derived from")) {
            let at = lower.find("inherits from").or_else(|| lower.find("derived from")).unwrap_or(0);
            self.page.inherits_from = inline
                .links
                .iter()
                .find(|l| is_page_link(&l.dest) && text.find(&l.text).is_some_and(|p| p >= at))
                .cloned();
        }
        self.page.says_open_type |= lower.contains("is an open type");
        match self.section() {
            Section::Other if !self.seen_section && self.page.description.is_empty() && !text.starts_with("[!") => {
                self.page.description = text.to_owned();
            }
            Section::RequestBody => {
                let lower = text.to_ascii_lowercase();
                if lower.contains("do not supply") || lower.contains("don't supply") || lower.contains("don’t supply")
                {
                    self.page.request_body.none = true;
                }
                if self.page.request_body.type_link.is_none() {
                    self.page.request_body.type_link = first_page_link(&inline.links);
                }
                if self.page.request_body.type_name.is_none() && self.page.request_body.type_link.is_none() {
                    self.page.request_body.type_name =
                        named_representation(text).map(|name| Text { text: name, span: inline.span });
                }
            }
            Section::Response => self.page.response.absorb(response_info(&inline)),
            Section::Permissions => {
                if let Some(note) = footnote(text) {
                    let joined = match self.page.permission_footnote.take() {
                        Some(have) => format!("{have} {note}"),
                        None => note,
                    };
                    self.page.permission_footnote = Some(joined);
                }
            }
            _ => {}
        }
    }
}

/// A paragraph of the Permissions section that explains the `*` mark:
/// `\* **Important:** ...` (the text after the mark and its label) or
/// "Permissions marked with * use resource-specific consent." (whole).
fn footnote(text: &str) -> Option<String> {
    let text = text.trim();
    // A DocFX alert (`> [!IMPORTANT]`) puts its kind before the text.
    let text = match text.strip_prefix("[!").and_then(|rest| rest.split_once(']')) {
        Some((kind, rest)) if kind.chars().all(|c| c.is_ascii_alphabetic()) => rest.trim_start(),
        _ => text,
    };
    let unmarked = text.trim_start_matches(['*', '†', '‡', '¹', '²', '³']);
    let unmarked = match unmarked.strip_prefix('^') {
        Some(rest) => rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric()),
        None => unmarked,
    };
    if unmarked.len() < text.len() {
        let rest = unmarked.trim_start();
        let rest = ["Important:", "Note:"]
            .iter()
            .find_map(|label| {
                rest.get(..label.len()).filter(|h| h.eq_ignore_ascii_case(label)).map(|_| &rest[label.len()..])
            })
            .unwrap_or(rest);
        return Some(rest.trim().to_owned()).filter(|r| !r.is_empty());
    }
    let lower = text.to_ascii_lowercase();
    if lower.contains("marked with *") || lower.contains("marked with an asterisk") {
        let rest = text.strip_prefix("Note:").or_else(|| text.strip_prefix("Note :")).unwrap_or(text);
        return Some(rest.trim().to_owned());
    }
    None
}

pub(super) fn strip_prefix_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// The first link to another page of the doc set (a relative `.md` link).
pub(super) fn first_page_link(links: &[Link]) -> Option<Link> {
    links.iter().find(|l| is_page_link(&l.dest)).cloned()
}

/// "a JSON representation of the **x** object" → `x` (no link).
fn named_representation(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let at = ["representation of the ", "representation for the ", "representation of a ", "representation of an "]
        .iter()
        .find_map(|p| lower.find(p).map(|i| i + p.len()))?;
    let word = text.get(at..)?.split_whitespace().next()?.trim_matches(|c: char| !c.is_alphanumeric());
    let is_name = !word.is_empty()
        && word.chars().all(|c| c.is_alphanumeric() || c == '.')
        && word.chars().any(|c| c.is_uppercase());
    is_name.then(|| word.to_owned())
}

fn response_info(inline: &Inline) -> ResponseInfo {
    let text = &inline.text;
    let status = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 3)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|code| (100..600).contains(code));
    let type_link = first_page_link(&inline.links);
    let primitive = if type_link.is_none() { named_primitive(text) } else { None };
    let collection = match (&type_link, &primitive) {
        (Some(link), _) => {
            let before = text.find(&link.text).map_or("", |at| &text[..at]);
            before.to_ascii_lowercase().contains("collection")
        }
        (None, Some((_, at))) => {
            let (before, after) = (&text[..*at], &text[*at..]);
            let after = after.split_whitespace().nth(1).unwrap_or_default().to_ascii_lowercase();
            after.starts_with("collection") || before.to_ascii_lowercase().trim_end().ends_with("collection of")
        }
        (None, None) => false,
    };
    ResponseInfo { status, type_link, primitive: primitive.map(|(name, _)| name), collection, span: inline.span }
}

/// Edm primitives a response sentence may name as its body's type.
const PRIMITIVE_WORDS: &[&str] =
    &["String", "Boolean", "Int32", "Int64", "Double", "DateTimeOffset", "Guid", "Binary", "Date", "Duration"];

/// The first Edm primitive named (capitalized, as a whole word, after the
/// word "and" or "a"/"an" as Graph's sentences have it), with its offset.
fn named_primitive(text: &str) -> Option<(String, usize)> {
    let mut offset = 0;
    let mut previous = "";
    for word in text.split_inclusive(|c: char| !c.is_alphanumeric()) {
        let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        if PRIMITIVE_WORDS.contains(&bare) && matches!(previous, "a" | "an" | "and" | "of" | "the") {
            return Some((bare.to_owned(), offset));
        }
        if !bare.is_empty() {
            previous = bare;
        }
        offset += word.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::page::HEAD;
    use crate::parse_page;

    /// The kind: a `*` mark explained by a note under the table, as a
    /// plain note, a DocFX alert or a "marked with *" sentence.
    #[test]
    fn footnotes_under_the_table_reach_marked_scopes() {
        for (note, says) in [
            ("> [!IMPORTANT]\n> \\* Admins must allow the app first.", "Admins must allow the app first."),
            (">\\* **Important:** Send the `X-Acts-As` header.", "Send the X-Acts-As header."),
            (
                "> **Note**: Permissions marked with * use resource-specific consent.",
                "Permissions marked with * use resource-specific consent.",
            ),
        ] {
            let text = HEAD.replace(
                "|Application|Thing.Read.All|\n",
                &format!("|Application|Thing.Read.Group*, Thing.Read.All|\n\n{note}\n"),
            );
            let (page, _) = parse_page("api/thing-get.md", &text);
            let notes: Vec<Option<&str>> = page.permissions[0].scopes().map(|s| s.note.as_deref()).collect();
            assert_eq!(notes, [Some(says), None], "{note}");
        }
    }

    #[test]
    fn the_success_status_and_the_type_may_be_in_different_paragraphs() {
        let text = HEAD.replace(
            "Returns `200 OK` and a [thing](../resources/thing.md).",
            "Returns a [thing](../resources/thing.md).\n\nIf successful, `200 OK`.\n\nSee [errors](../resources/errors.md) for `400 Bad Request`.",
        );
        let (page, _) = parse_page("api/thing-get.md", &text);
        assert_eq!(page.response.status, Some(200));
        assert_eq!(page.response.type_link.as_ref().map(|l| l.dest.as_str()), Some("../resources/thing.md"));
        let no_content = HEAD.replace(
            "Returns `200 OK` and a [thing](../resources/thing.md).",
            "Returns `204 No Content`.\n\nSee [thing](../resources/thing.md) for more.",
        );
        let (page, _) = parse_page("api/thing-delete.md", &no_content);
        assert_eq!(page.response.status, Some(204));
        assert!(page.response.type_link.is_none(), "a link after the status paragraph names no body");
    }

    #[test]
    fn a_base_type_named_in_prose_is_kept() {
        let text = "---\ndoc_type: resourcePageType\n---\n# user resource type\n\nA user. Inherits from [directoryObject](directoryobject.md).\n";
        let (page, _) = parse_page("resources/user.md", text);
        assert_eq!(page.inherits_from.map(|l| l.text).as_deref(), Some("directoryObject"));
    }
}
