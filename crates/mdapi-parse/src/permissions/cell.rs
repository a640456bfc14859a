//! One permissions cell, read as the page means it.
//!
//! - Lines (`<br>`) that start with a label (`For **group** resource:`,
//!   `In teams:`) or end with one (`Chat.X.All for a chat message`) give
//!   their scopes a [`Condition`]; other lines continue the group above.
//! - `,`, `;`, `or`, `either`, `One from` and a space between scope names
//!   list alternatives (any one of them).
//! - `and` joins scopes that are needed together; `plus` joins groups of
//!   alternatives that are needed together (`One from A, B plus C`).
//!   `A, B and C` is English for all three; it is read so and reported,
//!   since `A or (B and C)` is as likely a reading.
//! - A trailing `*` (or `**`, `†`, `‡`, `¹`, `<sup>1</sup>`) marks a
//!   footnote (resource-specific consent on Teams pages); a parenthesized
//!   remark (`(see below)`) is the scope's note, unless it names a scope
//!   (reported) or the order of the list (dropped).
//! - Anything else is prose: never a scope, reported with its text. A group
//!   of scopes needed together with an unreadable member is dropped whole,
//!   since what else it needs is not known.

use std::collections::BTreeSet;

use super::condition::Condition;
use super::{is_scope_name, Grant, Scope, Scopes};

/// What a cell holds.
#[derive(Debug, Default)]
pub(super) struct Read {
    pub grants: Vec<Grant>,
    /// Parts that are neither scope names nor a known form, as written.
    pub unread: Vec<String>,
    /// How the cell mixes forms, one phrase per mix.
    pub mixed: Vec<&'static str>,
    /// A placeholder (`TODO`) stands in for the scopes.
    pub placeholder: bool,
}

const PLACEHOLDERS: &[&str] = &["todo", "determine", "tbd"];
const NONE: &[&str] = &["not supported", "not available", "not applicable", "n/a", "none"];

/// "Not supported." and its synonyms.
pub(super) fn says_none(text: &str) -> bool {
    let text = text.trim().trim_end_matches('.').trim().to_ascii_lowercase();
    NONE.contains(&text.as_str())
}

/// Reads one cell's text (line breaks as `\n`). `listed_elsewhere`: scopes
/// other cells of the table list as alternatives of their own.
pub(super) fn read(text: &str, listed_elsewhere: &BTreeSet<String>) -> Read {
    let mut out = Read::default();
    let lower = text.to_ascii_lowercase();
    if PLACEHOLDERS.iter().any(|p| lower.contains(p)) {
        out.placeholder = true;
        out.grants.push(Grant { condition: None, scopes: Scopes::Unknown });
        return out;
    }
    // (condition, lines, closed): a trailing condition covers its line only.
    let mut groups: Vec<(Option<Condition>, Vec<&str>, bool)> = Vec::new();
    for line in text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if let Some((label, rest)) = leading_label(line) {
            groups.push((
                Condition::read(label),
                vec![rest].into_iter().filter(|r| !r.trim().is_empty()).collect(),
                false,
            ));
        } else if let Some((body, label)) = trailing_label(line) {
            groups.push((Condition::read(label), vec![body], true));
        } else {
            match groups.last_mut() {
                Some((_, lines, false)) => lines.push(line),
                _ => groups.push((None, vec![line], false)),
            }
        }
    }
    if groups.iter().any(|g| g.0.is_some()) && groups.iter().any(|g| g.0.is_none() && !g.1.is_empty()) {
        out.mixed.push("scopes with a condition and scopes without one");
    }
    for (condition, lines, _) in groups {
        let scopes = expression(&lines.join(", "), listed_elsewhere, &mut out);
        out.grants.push(Grant { condition, scopes });
    }
    if out.grants.is_empty() {
        out.grants.push(Grant { condition: None, scopes: Scopes::Unknown });
    }
    out
}

/// `For **user** resource: User.Read` → (`For user resource`, `User.Read`):
/// a label is the text before a `:` that names no scope.
fn leading_label(line: &str) -> Option<(&str, &str)> {
    let (label, rest) = line.split_once(':')?;
    let words = label.split_whitespace().count();
    // "Note:" is an aside; "And:" or "In addition:" joins what follows, which
    // is no resource (it stays in the text, reported if unreadable).
    let aside = ["note", "important", "and", "in addition", "also", "plus"]
        .iter()
        .any(|w| label.trim().eq_ignore_ascii_case(w));
    (words > 0 && words <= 12 && !aside && !names_scope(label) && !says_none(label)).then_some((label, rest))
}

/// `Chat.X.All for a chat message.` → (`Chat.X.All`, `for a chat message`).
fn trailing_label(line: &str) -> Option<(&str, &str)> {
    let at = line.to_ascii_lowercase().find(" for ")?;
    let (body, label) = (line.get(..at)?, line.get(at + 1..)?);
    let connective = |t: &str| ["and", "or", "plus", "either"].iter().any(|w| t.eq_ignore_ascii_case(w));
    let body_is_scopes = body.split([',', ' ']).filter(|t| !t.is_empty()).all(|t| connective(t) || scope(t).is_some());
    (body_is_scopes && !names_scope(label)).then_some((body, label.trim_end_matches('.')))
}

fn names_scope(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || c == ',').any(|t| scope(t).is_some())
}

/// One group's scopes: `plus`-joined factors, each a list of alternatives.
fn expression(text: &str, listed_elsewhere: &BTreeSet<String>, out: &mut Read) -> Scopes {
    let text = text.trim().trim_end_matches(['.', ',']).trim();
    if text.is_empty() {
        return Scopes::Unknown;
    }
    if says_none(text) {
        return Scopes::NotSupported;
    }
    let mut product: Vec<Vec<Scope>> = vec![Vec::new()];
    for factor in split_word(text, "plus") {
        let alternatives = alternatives(factor, listed_elsewhere, out);
        if alternatives.is_empty() {
            return Scopes::Unknown;
        }
        product = product.iter().flat_map(|set| alternatives.iter().map(move |alt| union(set, alt))).collect();
    }
    let mut sets: Vec<Vec<Scope>> = Vec::new();
    for set in product {
        if !sets.iter().any(|s| same_names(s, &set)) {
            sets.push(set);
        }
    }
    Scopes::Listed(sets)
}

/// Alternatives: `,`/`;`/`or`-separated items, each a scope, a
/// space-separated list of scopes or an `and`-joined combination.
fn alternatives(factor: &str, listed_elsewhere: &BTreeSet<String>, out: &mut Read) -> Vec<Vec<Scope>> {
    let factor = strip_lead(factor.trim(), &["one from", "one of", "any one of", "any of", "either"]);
    let items: Vec<&str> = factor
        .split([',', ';'])
        .flat_map(|item| split_word(item, "or"))
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    let joined: Vec<usize> = items.iter().enumerate().filter(|(_, item)| joins(item)).map(|(i, _)| i).collect();
    // `A, B and C`: English for all three.
    if items.len() > 1 && joined == [items.len() - 1] && !factor.to_ascii_lowercase().contains(" or ") {
        let members: Vec<&str> = items.iter().flat_map(|item| split_and(item)).collect();
        let Some(set) = all_of(&members, factor, out) else { return Vec::new() };
        // The table's other cells list these scopes one by one: the same list.
        if set.iter().all(|s| listed_elsewhere.contains(&s.name)) {
            out.mixed
                .push("a `,` list ending in `and` (read as any one of them, as the table's other cells list them)");
            return set.into_iter().map(|s| vec![s]).collect();
        }
        out.mixed.push("a `,` list ending in `and` (read as all of them)");
        return vec![set];
    }
    let mut sets = Vec::new();
    for item in items {
        let members = split_and(item);
        if members.len() > 1 {
            sets.extend(all_of(&members, item, out));
            continue;
        }
        if says_none(item) {
            continue;
        }
        match scope_list(item, out) {
            Some(list) => sets.extend(list.into_iter().map(|s| vec![s])),
            None => out.unread.push(item.trim_end_matches('.').to_owned()),
        }
    }
    sets
}

/// Scopes needed together; `None` (and the text reported) when one is not a scope.
fn all_of(members: &[&str], written: &str, out: &mut Read) -> Option<Vec<Scope>> {
    let mut set = Vec::new();
    for member in members {
        match scope_list(member, out).filter(|list| list.len() == 1) {
            Some(list) => set = union(&set, &list),
            None => {
                out.unread.push(written.trim().trim_end_matches('.').to_owned());
                return None;
            }
        }
    }
    Some(set)
}

/// A scope, or scope names separated by spaces, with an optional
/// parenthesized remark that becomes their note. A remark naming a scope
/// (`Books.Read (Books.ReadWrite.All for admins)`) is not a note: it is
/// reported unread, so no scope hides in a note. A remark on the order
/// (`(from least to most privileged)`) is the table's business, not a note.
fn scope_list(item: &str, out: &mut Read) -> Option<Vec<Scope>> {
    let (item, remark) = match (item.find('('), item.rfind(')')) {
        (Some(open), Some(close)) if open < close => {
            let remark = item.get(open + 1..close).unwrap_or_default().trim();
            let rest = format!("{}{}", item.get(..open).unwrap_or_default(), item.get(close + 1..).unwrap_or_default());
            (rest, Some(remark.to_owned()).filter(|r| !r.is_empty()))
        }
        _ => (item.to_owned(), None),
    };
    // A mark standing apart (`Books.Read †`) belongs to the name before it.
    let mut tokens: Vec<String> = Vec::new();
    for token in item.split_whitespace() {
        match tokens.last_mut() {
            Some(last) if without_mark(token).0.is_empty() => last.push_str(token),
            _ => tokens.push(token.to_owned()),
        }
    }
    let list: Vec<Scope> = tokens.iter().map(|t| scope(t)).collect::<Option<_>>()?;
    if list.is_empty() {
        return None;
    }
    let remark = remark.filter(|r| !r.to_ascii_lowercase().contains("privileged"));
    let remark = match remark {
        Some(r) if names_scope(&r) => {
            out.unread.push(format!("({r})"));
            None
        }
        r => r,
    };
    Some(list.into_iter().map(|s| Scope { note: remark.clone().or(s.note), ..s }).collect())
}

/// `ChannelMessage.Read.Group*` → the name, marked for its footnote. A
/// footnote mark is `*` (or `**`), `†`, `‡`, a superscript digit (`¹`) or
/// `<sup>1</sup>` (read as `^1`); it is never part of the name.
fn scope(token: &str) -> Option<Scope> {
    let token = token.trim().trim_matches('`').trim_end_matches(['.', ',']);
    let (name, marked) = without_mark(token);
    let name = name.trim_matches('`');
    is_scope_name(name).then(|| Scope { name: name.to_owned(), marked, note: None })
}

/// Superscript digits, as written after a scope for a footnote.
const SUPERSCRIPTS: &[char] = &['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰'];

/// `token` without its trailing footnote mark, and whether it had one.
pub(in crate::permissions) fn without_mark(token: &str) -> (&str, bool) {
    let token = token.trim_end();
    // `<sup>1</sup>` reads as `^1`: a caret and what follows it is the mark.
    if let Some((name, mark)) = token.rsplit_once('^') {
        if mark.chars().all(|c| c.is_ascii_alphanumeric() || c == '*') {
            return (without_mark(name).0, true);
        }
    }
    let name = token.trim_end_matches(|c: char| c == '*' || c == '†' || c == '‡' || SUPERSCRIPTS.contains(&c));
    (name.trim_end(), name.len() < token.len())
}

fn union(a: &[Scope], b: &[Scope]) -> Vec<Scope> {
    let mut out = a.to_vec();
    for scope in b {
        if !out.iter().any(|s| s.name == scope.name) {
            out.push(scope.clone());
        }
    }
    out
}

fn same_names(a: &[Scope], b: &[Scope]) -> bool {
    a.len() == b.len() && a.iter().all(|s| b.iter().any(|t| t.name == s.name))
}

fn strip_lead<'t>(text: &'t str, leads: &[&str]) -> &'t str {
    for lead in leads {
        if text.len() > lead.len()
            && text.get(..lead.len()).is_some_and(|h| h.eq_ignore_ascii_case(lead))
            && text[lead.len()..].starts_with(char::is_whitespace)
        {
            return text[lead.len()..].trim_start();
        }
    }
    text
}

/// `A and B`, or `and C` after an Oxford comma.
fn joins(item: &str) -> bool {
    strip_lead(item.trim(), &["and"]).len() < item.trim().len() || split_and(item).len() > 1
}

/// `A and B` → [A, B]; a leading `and ` (an Oxford comma's) is dropped.
fn split_and(item: &str) -> Vec<&str> {
    split_word(strip_lead(item.trim(), &["and"]), "and")
}

/// Splits on a whole word, case-insensitively.
fn split_word<'t>(text: &'t str, word: &str) -> Vec<&'t str> {
    let lower = text.to_ascii_lowercase();
    let needle = format!(" {word} ");
    let mut parts = Vec::new();
    let mut from = 0;
    while let Some(at) = lower.get(from..).and_then(|rest| rest.find(&needle)) {
        parts.push(&text[from..from + at]);
        from += at + needle.len();
    }
    parts.push(&text[from..]);
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each grant as `condition: set | set`, a set as `A + B`.
    fn show(text: &str) -> Vec<String> {
        read(text, &BTreeSet::new())
            .grants
            .iter()
            .map(|g| {
                let scopes = match &g.scopes {
                    Scopes::Listed(sets) => sets
                        .iter()
                        .map(|set| {
                            set.iter()
                                .map(|s| format!("{}{}", s.name, if s.marked { "*" } else { "" }))
                                .collect::<Vec<_>>()
                                .join(" + ")
                        })
                        .collect::<Vec<_>>()
                        .join(" | "),
                    Scopes::NotSupported => "not supported".to_owned(),
                    Scopes::Unknown => "unknown".to_owned(),
                };
                match &g.condition {
                    Some(c) => format!("{}: {scopes}", c.text),
                    None => scopes,
                }
            })
            .collect()
    }

    #[test]
    fn lists_are_alternatives() {
        assert_eq!(
            show("User.Read, User.ReadWrite\nDirectory.Read.All"),
            ["User.Read | User.ReadWrite | Directory.Read.All"]
        );
        assert_eq!(show("A.Read.All or A.ReadWrite.All or B.All"), ["A.Read.All | A.ReadWrite.All | B.All"]);
        assert_eq!(show("A.Read, A.Write, or A.ReadWrite"), ["A.Read | A.Write | A.ReadWrite"]);
        assert_eq!(show("A.ReadWrite.All A.Read.All"), ["A.ReadWrite.All | A.Read.All"], "space-separated");
    }

    #[test]
    fn and_and_plus_are_combinations() {
        assert_eq!(show("A.Read.All and B.Read.All, C.Read.All"), ["A.Read.All + B.Read.All | C.Read.All"]);
        assert_eq!(show("A.ReadWrite.All plus B.Read.Hidden"), ["A.ReadWrite.All + B.Read.Hidden"]);
        assert_eq!(
            show("A.Read.All, A.ReadWrite.All plus B.Read.All"),
            ["A.Read.All + B.Read.All | A.ReadWrite.All + B.Read.All"]
        );
        assert_eq!(
            show("One from A.Basic, A.Read plus either B.Read.All or C.Read"),
            ["A.Basic + B.Read.All | A.Basic + C.Read | A.Read + B.Read.All | A.Read + C.Read"]
        );
    }

    #[test]
    fn an_english_list_ending_in_and_is_all_of_them_and_reported() {
        let read = read("P.Read.All, P.ReadWrite.Access and Q.Read.All", &BTreeSet::new());
        assert_eq!(
            show("P.Read.All, P.ReadWrite.Access and Q.Read.All"),
            ["P.Read.All + P.ReadWrite.Access + Q.Read.All"]
        );
        assert_eq!(
            show("P.Read.All, P.ReadWrite.Access, and Q.Read.All"),
            ["P.Read.All + P.ReadWrite.Access + Q.Read.All"]
        );
        assert_eq!(read.mixed.len(), 1);
    }

    #[test]
    fn labels_and_trailing_phrases_are_conditions() {
        assert_eq!(
            show("For user resource:\nUser.Read, User.ReadWrite\n\nFor group resource:\nGroup.Read.All"),
            ["For user resource: User.Read | User.ReadWrite", "For group resource: Group.Read.All"]
        );
        assert_eq!(
            show("For user or chat resource: Not supported.\n\nFor channel resource: T.Read.Group*, C.Read.All"),
            ["For user or chat resource: not supported", "For channel resource: T.Read.Group* | C.Read.All"]
        );
        assert_eq!(
            show("In teams: T.ReadWrite.All\nIn channels: C.ReadWrite.All"),
            ["In teams: T.ReadWrite.All", "In channels: C.ReadWrite.All"]
        );
        let read = read("G.Read.All\nAnd:\nIf checking units: U.Read.All", &BTreeSet::new());
        assert_eq!(read.grants.len(), 2, "`And:` names no resource");
        assert_eq!(read.unread, ["And:"]);
        assert_eq!(
            show("Chat.Flag.All for a chat message.ChannelMessage.Flag.All for a channel message."),
            ["unknown"],
            "without a line break the phrase swallows the next scope: unread, not a scope"
        );
        assert_eq!(
            show("Chat.Flag.All for a chat message.\nChannelMessage.Flag.All for a channel message."),
            ["for a chat message: Chat.Flag.All", "for a channel message: ChannelMessage.Flag.All"]
        );
        assert_eq!(
            show("A.Flag.All and B.ReadWrite.All for a bin part"),
            ["for a bin part: A.Flag.All + B.ReadWrite.All"]
        );
    }

    #[test]
    fn prose_is_never_a_scope() {
        let read = read("Role required to [create thing](x.md) or Thing.Read.All (see below).", &BTreeSet::new());
        assert_eq!(read.unread, ["Role required to [create thing](x.md)"]);
        let Scopes::Listed(sets) = &read.grants[0].scopes else { panic!("{:?}", read.grants) };
        assert_eq!(sets[0][0].name, "Thing.Read.All");
        assert_eq!(sets[0][0].note.as_deref(), Some("see below"));
        assert_eq!(show("Permission required to create a thing."), ["unknown"]);
        assert_eq!(
            show("Directory AccessAsUser.All"),
            ["unknown"],
            "a name split by a space is a typo, not two scopes"
        );
        assert_eq!(
            show("A.Read.All and the owner's consent, B.Read.All"),
            ["B.Read.All"],
            "a combination with prose is dropped whole"
        );
    }

    proptest::proptest! {
        /// Whatever a cell holds (words, dots, marks, separators, labels),
        /// what is kept as a scope is a scope name; the rest is reported.
        #[test]
        fn only_scope_names_are_kept(text in "([A-Za-z]{1,6}[.*:,; ()`]{0,2} ?){0,12}(\n[A-Za-z .:]{0,20}){0,3}") {
            let read = read(&text, &BTreeSet::new());
            for grant in &read.grants {
                if let Scopes::Listed(sets) = &grant.scopes {
                    for scope in sets.iter().flatten() {
                        proptest::prop_assert!(is_scope_name(&scope.name), "{:?} from {text:?}", scope.name);
                    }
                }
            }
        }
    }

    /// Kind: a footnote mark written another way than `*` was glued to the
    /// name (`Books.Read<sup>1</sup>` stored as `Books.Read1`) or made the
    /// cell unreadable (`Books.Read †`).
    #[test]
    fn every_footnote_mark_is_a_mark_not_part_of_the_name() {
        for written in ["B.Read^1", "B.Read ^1", "B.Read†", "B.Read †", "B.Read‡", "B.Read¹", "B.Read**", "B.Read^*"]
        {
            assert_eq!(show(&format!("{written}, B.ReadWrite")), ["B.Read* | B.ReadWrite"], "{written}");
        }
    }

    /// Kind: a scope inside a remark (`A (B for admins)`) became a note's
    /// text; an in-cell `(from least to most privileged)` became a note.
    #[test]
    fn remarks_naming_scopes_are_reported_and_order_remarks_dropped() {
        let admins = read("Books.Read (Books.ReadWrite.All for admins)", &BTreeSet::new());
        assert_eq!(admins.unread, ["(Books.ReadWrite.All for admins)"]);
        let Scopes::Listed(sets) = &admins.grants[0].scopes else { panic!("{:?}", admins.grants) };
        assert_eq!((sets[0][0].name.as_str(), sets[0][0].note.as_deref()), ("Books.Read", None));
        let ordered = read("Books.Read, Books.ReadWrite (from least to most privileged)", &BTreeSet::new());
        let Scopes::Listed(sets) = &ordered.grants[0].scopes else { panic!("{:?}", ordered.grants) };
        assert!(sets.iter().flatten().all(|s| s.note.is_none()), "{sets:?}");
        assert!(ordered.unread.is_empty());
    }

    #[test]
    fn marks_none_and_placeholders() {
        assert_eq!(
            show("TeamSettings.Read.Group*, TeamSettings.Read.All"),
            ["TeamSettings.Read.Group* | TeamSettings.Read.All"]
        );
        assert_eq!(show("Not supported."), ["not supported"]);
        assert_eq!(show(""), ["unknown"]);
        assert!(read("**TODO: Determine scopes**", &BTreeSet::new()).placeholder);
        assert_eq!(
            show("`ProgramControl.Read.All`, ProgramControl.ReadWrite.All"),
            ["ProgramControl.Read.All | ProgramControl.ReadWrite.All"]
        );
    }
}
