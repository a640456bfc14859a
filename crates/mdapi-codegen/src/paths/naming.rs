//! The path tree's names: each node's navigation method and struct, from
//! its segment's words (`mdapi_runtime::route::SegmentName`, snake_case by
//! `mdapi_ir::names`), never from a counter unless words tie.

use std::collections::BTreeMap;

use mdapi_ir::names as ir_names;
use mdapi_ir::Api;
use mdapi_runtime::route::{Segment, SegmentName};

use super::tree::{build, ordered_child_keys, Node};
use crate::names::{self, Scope};

/// Words of a literal for names: `$value` → `value`, `root:` → `root`,
/// `microsoft.graph.group` → `group`, `reminderView(` → `reminderView`.
fn literal_name(literal: &str) -> String {
    let head = literal.split(['(', '=']).next().unwrap_or_default();
    let last = head.rsplit('.').find(|w| !w.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()).unwrap_or(head);
    last.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()
}

/// The words naming a segment, from what it is (never from its
/// neighbours, so adding a route elsewhere cannot change them): a key is
/// `by_id`, a colon path's path `by_path`; a literal is its last word
/// (`microsoft.graph.group` → `group`; `full`: every word,
/// `microsoft_graph_group`), then `with` and its arguments' words
/// (`range(address='{a}')` → `range_with_address`).
fn segment_words(segment: &Segment, full: bool) -> String {
    match segment.name() {
        SegmentName::Key { path: false } => "by_id".to_owned(),
        SegmentName::Key { path: true } => "by_path".to_owned(),
        SegmentName::Named { name, arguments } => {
            let short = literal_name(&name);
            let mut words = match (full, short.is_empty()) {
                (true, _) => ir_names::words(&name),
                (false, true) => Vec::new(),
                (false, false) => vec![names::snake(&short)],
            };
            if !arguments.is_empty() {
                words.push(format!("with_{}", ir_names::argument_words(&arguments).join("_and_")));
            }
            words.join("_")
        }
    }
}

/// The navigation method's name for a child segment.
fn method_name(segment: &Segment) -> String {
    names::snake(&segment_words(segment, false))
}

/// A node's struct name, shortened like a file name when long (a route
/// can spell out ids) and kept UpperCamelCase.
fn type_name(name: String) -> String {
    let fitted = names::fit(name.clone());
    if fitted == name {
        return name;
    }
    // `fit` joins the kept start and the hash with `_`; a leading `_`
    // (a name starting with a digit) stays.
    match fitted.rsplit_once('_') {
        Some((start, hash)) => format!("{start}{hash}"),
        None => fitted,
    }
}

/// Methods a node's traits or `std` already name with the same receiver
/// and no other argument (an inherent `clone(&self)` would shadow
/// `Clone::clone`), and the `values` accessor: a segment of that name
/// gets a trailing `_` (`/teams/{id}/clone` → `clone_()`).
const TRAIT_METHODS: &[&str] = &[
    "as_mut",
    "as_ref",
    "borrow",
    "borrow_mut",
    "clone",
    "default",
    "deref",
    "deref_mut",
    "drop",
    "into_iter",
    "neg",
    "next",
    "not",
    "to_owned",
    "to_string",
    "values",
];

/// The HTTP methods a node's operations are named by; a segment of that
/// name gets a trailing `_` too, so an operation keeps its method's name
/// whatever segments sit beside it.
const HTTP_METHODS: &[&str] = &["delete", "get", "head", "options", "patch", "post", "put"];

/// The word for a node in struct names: `Item` for a key, `Path` for a
/// colon path's path, else its method's words.
fn struct_word(segment: &Segment, full: bool) -> String {
    match segment.name() {
        SegmentName::Key { path: false } => "item".to_owned(),
        SegmentName::Key { path: true } => "path".to_owned(),
        // A segment with no words (`...` in a doc) is its method's name.
        SegmentName::Named { .. } => names::snake(&segment_words(segment, full)),
    }
}

/// Names the method leading to each child of `node`, then of their
/// children. A child's name is its own words ([`method_name`]); children
/// of one node that want the same name (`group` and
/// `microsoft.graph.group`) use all their words instead, and a name an
/// HTTP method or a trait already has gets a trailing `_`. A counter is
/// the last resort, for names alike in every word.
fn name_methods(node: &mut Node<'_>) {
    let keys = ordered_child_keys(node);
    let wanted: Vec<(String, String, String)> = keys
        .iter()
        .filter_map(|key| {
            let child = node.children.get(key)?;
            let segment = child.segment.as_ref()?;
            let full = names::snake(&segment_words(segment, true));
            Some((key.clone(), method_name(segment), full))
        })
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, short, _) in &wanted {
        *counts.entry(short.as_str()).or_default() += 1;
    }
    let mut scope = Scope::default();
    let mut chosen = Vec::with_capacity(wanted.len());
    for (key, short, full) in &wanted {
        let name = if counts.get(short.as_str()).copied().unwrap_or(0) > 1 { full } else { short };
        let name = if TRAIT_METHODS.contains(&name.as_str()) || HTTP_METHODS.contains(&name.as_str()) {
            format!("{name}_")
        } else {
            name.clone()
        };
        chosen.push((key.clone(), scope.claim(name)));
    }
    for (key, method) in chosen {
        if let Some(child) = node.children.get_mut(&key) {
            child.method = method;
            name_methods(child);
        }
    }
}

/// Each node's struct names, primary (the route's short words,
/// `UsersItemPhotos`) and full (every word, for a primary another node
/// has too), in the order the tree is written out (a node's children,
/// then each child's subtree), so the names do not depend on which thread
/// emits which subtree.
fn struct_candidates(node: &Node<'_>, short: &str, full: &str, out: &mut Vec<(String, String)>) {
    let keys = ordered_child_keys(node);
    let mut words = Vec::with_capacity(keys.len());
    for key in &keys {
        let Some(child) = node.children.get(key) else { continue };
        let Some(segment) = child.segment.as_ref() else { continue };
        let short = format!("{short} {}", struct_word(segment, false));
        let full = format!("{full} {}", struct_word(segment, true));
        out.push((names::camel(&short), names::camel(&full)));
        words.push((child, short, full));
    }
    for (child, short, full) in words {
        struct_candidates(child, &short, &full, out);
    }
}

/// Gives each node its struct name, walking in [`struct_candidates`]'
/// order. Struct names are unique in the whole tree (`paths/mod.rs`
/// re-exports every subtree's structs): a primary name two nodes want is
/// replaced by each one's full name, and a counter is left only for
/// routes alike in every word.
fn assign_structs(node: &mut Node<'_>, names_in_order: &mut std::vec::IntoIter<String>) {
    let keys = ordered_child_keys(node);
    for key in &keys {
        if let Some(child) = node.children.get_mut(key) {
            child.ident = names_in_order.next().unwrap_or_default();
        }
    }
    for key in &keys {
        if let Some(child) = node.children.get_mut(key) {
            assign_structs(child, names_in_order);
        }
    }
}

/// The tree with every method and struct named.
pub(super) fn named_tree(api: &Api) -> Node<'_> {
    let mut root = build(api);
    name_methods(&mut root);
    let mut candidates = Vec::new();
    struct_candidates(&root, "", "", &mut candidates);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (short, _) in &candidates {
        *counts.entry(short.to_ascii_lowercase()).or_default() += 1;
    }
    let mut structs = Scope::with_reserved(&["Root"]);
    let chosen: Vec<String> = candidates
        .into_iter()
        .map(|(short, full)| {
            let shared = counts.get(&short.to_ascii_lowercase()).copied().unwrap_or(0) > 1;
            structs.claim(type_name(if shared { full } else { short }))
        })
        .collect();
    assign_structs(&mut root, &mut chosen.into_iter());
    root
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use mdapi_runtime::route::segments;
    use mdapi_runtime::PathPart;

    fn parts(route: &str) -> Vec<PathPart<String>> {
        let mut out = Vec::new();
        let mut rest = route;
        while let Some(start) = rest.find('{') {
            if start > 0 {
                out.push(PathPart::Literal(rest[..start].to_owned()));
            }
            let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
            out.push(PathPart::Param(rest[start + 1..end].to_owned()));
            rest = rest.get(end + 1..).unwrap_or_default();
        }
        if !rest.is_empty() {
            out.push(PathPart::Literal(rest.to_owned()));
        }
        out
    }

    fn shapes(route: &str) -> Vec<String> {
        segments(&parts(route)).iter().map(Segment::pattern).collect()
    }

    #[test]
    fn routes_split_into_segments_of_one_shape() {
        assert_eq!(shapes("/users/{id}/photos/{size}/$value"), ["users", "{}", "photos", "{}", "$value"]);
        assert_eq!(shapes("/drive/root:/{path}:/content"), ["drive", "root:", "{}:", "content"]);
        assert_eq!(
            shapes("/me/reminderView(startDateTime={s},endDateTime={e})"),
            ["me", "reminderView(startDateTime={},endDateTime={})"]
        );
    }

    /// The method names along a route, from the root.
    fn names_along(route: &str) -> Vec<String> {
        segments(&parts(route)).iter().map(method_name).collect()
    }

    /// The node keys along a route.
    fn keys_along(route: &str) -> Vec<String> {
        segments(&parts(route)).iter().map(Segment::key).collect()
    }

    #[test]
    fn keys_are_by_id_whatever_they_are_called() {
        assert_eq!(names_along("/users/{id}"), ["users", "by_id"]);
        assert_eq!(names_along("/users/{users-id}"), ["users", "by_id"]);
        assert_eq!(names_along("/groups/{owner-id}"), ["groups", "by_id"]);
        assert_eq!(keys_along("/users/{id}"), keys_along("/users/{user-id}"));
    }

    #[test]
    fn colon_paths_are_the_item_then_by_path() {
        assert_eq!(names_along("/me/drive/root:/{item-path}:/content"), ["me", "drive", "root", "by_path", "content"]);
        assert_eq!(
            names_along("/drives/{drive-id}/items/{parent-id}:/{filename}:/content"),
            ["drives", "by_id", "items", "by_id", "by_path", "content"]
        );
        // `root:` is the node `root`, `{parent-id}:` the node `by_id`.
        assert_eq!(keys_along("/me/drive/root:/{p}:")[2], keys_along("/me/drive/root/children")[2]);
        assert_eq!(keys_along("/drives/{d}/items/{p}:/{f}:")[3], keys_along("/drives/{d}/items/{id}")[3]);
        // A path that ends the route without its closing colon is the same path.
        assert_eq!(keys_along("/me/drive/root:/{p}")[3], keys_along("/me/drive/root:/{p}:/content")[3]);
    }

    #[test]
    fn functions_with_parameters_say_their_keys() {
        let last = |route: &str| names_along(route).pop().unwrap_or_default();
        assert_eq!(last("/w/{id}/range(address='{address}')"), "range_with_address");
        assert_eq!(last("/w/{id}/image(width={w},height={h})"), "image_with_width_and_height");
        assert_eq!(
            last("/reports/getEmailActivityUserDetail(period='{period}')"),
            "get_email_activity_user_detail_with_period"
        );
        assert_eq!(
            last("/reports/getEmailActivityUserDetail(date={date})"),
            "get_email_activity_user_detail_with_date"
        );
        assert_eq!(
            last("/me/reminderView(startDateTime={s},endDateTime={e})"),
            "reminder_view_with_start_date_time_and_end_date_time"
        );
        // No parameters: the plain name, and `delta()` is `delta`.
        assert_eq!(last("/w/{id}/range()"), "range");
        assert_eq!(last("/me/microsoft.graph.delta()"), "delta");
        assert_eq!(keys_along("/me/delta()"), keys_along("/me/delta"));
        // Quoting, or a positional argument, is no difference.
        let key = |route: &str| keys_along(route).pop().unwrap_or_default();
        assert_eq!(key("/w/range(address='{a}')"), key("/w/range(address={a})"));
        assert_eq!(key("/w/range(address='{a}')"), key("/w/range({address})"));
        assert_ne!(key("/w/range(address={a})"), key("/w/range()"));
    }

    #[test]
    fn alternate_keys_say_their_keys() {
        assert_eq!(names_along("/users(userPrincipalName='{upn}')"), ["users_with_user_principal_name"]);
        assert_ne!(keys_along("/users(userPrincipalName='{upn}')"), keys_along("/users"));
    }

    #[test]
    fn case_variants_are_one_node() {
        assert_eq!(keys_along("/Users/{id}/Photos"), keys_along("/users/{user-id}/photos"));
        assert_eq!(keys_along("/me/directoryroles"), keys_along("/me/directoryRoles"));
    }

    #[test]
    fn casts_and_values_are_their_last_word_and_structs_the_route_words() {
        assert_eq!(names_along("/me/photo/$value"), ["me", "photo", "value"]);
        assert_eq!(names_along("/users/{id}/memberOf/microsoft.graph.group"), ["users", "by_id", "member_of", "group"]);
        let words =
            |route: &str| segments(&parts(route)).iter().map(|s| struct_word(s, false)).collect::<Vec<_>>().join(" ");
        assert_eq!(names::camel(&words("/users/{id}/photos")), "UsersItemPhotos");
        assert_eq!(names::camel(&words("/me/drive/root:/{p}:/content")), "MeDriveRootPathContent");
        // A name starting with a digit keeps the `_` that makes it an identifier.
        let digits = type_name(names::camel("2fa x"));
        assert!(syn::parse_str::<syn::Ident>(&digits).is_ok(), "{digits}");
        let long = type_name(names::camel(&"segment ".repeat(40)));
        assert!(syn::parse_str::<syn::Ident>(&long).is_ok() && !long.contains('_'), "{long}");
    }
}
