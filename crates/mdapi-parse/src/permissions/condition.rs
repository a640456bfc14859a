//! Which resource a set of permissions applies to, as the page writes it:
//! a cell's label (`For **group** resource:`, `In teams:`), a trailing
//! phrase (`... for a chat message`), a heading over the table (`### To
//! retrieve the profile photo of a group`, `### Permissions acting on
//! self`) or a transposed table's row (`group calendar`). The IR binds it to
//! routes by its subjects' words.

use serde::Serialize;

/// A condition the page gives for a set of permissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// As written, without markup or a trailing `:` (`For user resource`).
    pub text: String,
    /// The resources it names, each as lowercase words in order: `For user
    /// or chat resource` is `[["user"], ["chat"]]`, `group calendar` is
    /// `[["group", "calendar"]]`; `self` (the signed-in user) is `["me"]`.
    pub subjects: Vec<Vec<String>>,
}

/// Words that introduce the resource: it follows the last of them
/// ("permissions for app icon in app catalog" is about the app catalog).
const PREPOSITIONS: &[&str] = &["for", "of", "in", "on", "with"];

/// Words that name no resource of a route.
const FILLER: &[&str] = &["a", "an", "the", "permission", "permissions", "other", "personal", "signed", "only"];

/// Words kept in a subject that may, but need not, be part of a segment's
/// name: `For user resource` is the user; `Azure resources` is
/// `azureResources`.
pub const OPTIONAL: &[&str] = &["resource", "resources", "provider"];

impl Condition {
    /// Reads a label, heading or row name. `None` when it names no resource
    /// (a sub-heading that only says "Permissions").
    pub fn read(written: &str) -> Option<Condition> {
        Self::read_with(written, false)
    }

    /// Reads a column header (`Permissions acting on self (from least to
    /// most privileged)`): only a resource after a preposition counts, so
    /// `Least privileged permissions` is no condition.
    pub fn read_column(written: &str) -> Option<Condition> {
        Self::read_with(written, true)
    }

    fn read_with(written: &str, needs_preposition: bool) -> Option<Condition> {
        let text = written.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = text.trim().trim_end_matches(':').trim().to_owned();
        let plain = without_asides(&text).to_lowercase();
        let words: Vec<&str> = plain.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let preposition = words.iter().rposition(|w| PREPOSITIONS.contains(w));
        if needs_preposition && preposition.is_none() {
            return None;
        }
        let start = preposition.map_or(0, |at| at + 1);
        let subjects: Vec<Vec<String>> = words[start..]
            .split(|w| *w == "or")
            .map(|run| {
                run.iter()
                    .filter(|w| !FILLER.contains(w))
                    .map(|w| match *w {
                        "self" => "me".to_owned(),
                        // "Permissions acting on others": other users.
                        "others" => "users".to_owned(),
                        _ => (*w).to_owned(),
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|subject| subject.iter().any(|w| !OPTIONAL.contains(&w.as_str())))
            .collect();
        (!subjects.is_empty()).then_some(Condition { text, subjects })
    }
}

/// The text without parenthesized asides: `Device management (Intune)
/// provider`, `driveItem (user's personal OneDrive)`.
fn without_asides(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subjects(text: &str) -> Vec<Vec<String>> {
        Condition::read(text).map(|c| c.subjects).unwrap_or_default()
    }

    #[test]
    fn the_resource_follows_the_last_preposition() {
        assert_eq!(subjects("For **user** resource:"), [["user", "resource"]]);
        assert_eq!(subjects("For user or chat resource"), [vec!["user"], vec!["chat", "resource"]]);
        assert_eq!(subjects("In teams"), [["teams"]]);
        assert_eq!(subjects("To retrieve the profile photo of a group"), [["group"]]);
        assert_eq!(subjects("Profile photo of the signed-in user"), [["user"]]);
        assert_eq!(subjects("Permissions for app icon in app catalog"), [["app", "catalog"]]);
        assert_eq!(subjects("for a chat message"), [["chat", "message"]]);
        assert_eq!(subjects("For Device management (Intune) provider"), [["device", "management", "provider"]]);
        assert_eq!(subjects("group calendar"), [["group", "calendar"]]);
        assert_eq!(subjects("personal contact"), [["contact"]]);
    }

    #[test]
    fn self_is_the_signed_in_user_and_other_users_are_users() {
        assert_eq!(subjects("Permissions acting on self"), [["me"]]);
        assert_eq!(subjects("Permissions acting on other users"), [["users"]]);
    }

    #[test]
    fn column_headers_name_a_resource_after_a_preposition_only() {
        let subjects = |text: &str| Condition::read_column(text).map(|c| c.subjects);
        assert_eq!(
            subjects("Permissions acting on self (from least to most privileged)"),
            Some(vec![vec!["me".to_owned()]])
        );
        assert_eq!(
            subjects("Permissions acting on others (from least to most privileged)"),
            Some(vec![vec!["users".to_owned()]])
        );
        assert_eq!(subjects("Least privileged permissions"), None);
        assert_eq!(subjects("Permissions (from least to most privileged)"), None);
    }

    #[test]
    fn a_heading_naming_no_resource_is_no_condition() {
        assert_eq!(Condition::read("Permissions"), None);
        assert_eq!(Condition::read("  "), None);
        assert_eq!(Condition::read("For the resource"), None);
    }

    #[test]
    fn the_written_text_is_kept_without_its_colon() {
        assert_eq!(Condition::read("In  teams:").map(|c| c.text), Some("In teams".to_owned()));
    }
}
