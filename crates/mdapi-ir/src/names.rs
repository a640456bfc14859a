//! Stable identifiers for operations and examples, and the words a route's
//! segments are named by (shared with the path tree in `mdapi-codegen`, so
//! an endpoint module and the tree's methods read the same). What a
//! segment is (its split, colon role and name) is
//! `mdapi_runtime::route`'s; the words here are snake_case (heck).
//!
//! Names come from what a route means, never from a counter: a counter's
//! number depends on which other pages exist and their order, so a docs
//! change elsewhere would rename user code.

use std::collections::BTreeMap;

use heck::ToSnakeCase;
use mdapi_parse::{Code, Diagnostic, Span};
use mdapi_runtime::route::{alphanumeric_runs, segments, Segment, SegmentName};
use mdapi_runtime::PathPart;

use crate::model::{Example, Operation, Representation};

/// snake_case words of text: `$value` → `value`, `microsoft.graph.delta`
/// → `microsoft_graph_delta`, `fittingMode` → `fitting_mode`.
pub fn words(text: &str) -> Vec<String> {
    alphanumeric_runs(text).map(|w| w.to_snake_case()).collect()
}

/// A segment's arguments in words ([`SegmentName::Named`]'s
/// `arguments`), one snake_case entry each: `address`, `width_640`,
/// `start_date_time`.
pub fn argument_words(arguments: &[Vec<String>]) -> Vec<String> {
    arguments.iter().map(|runs| runs.iter().map(|w| w.to_snake_case()).collect::<Vec<_>>().join("_")).collect()
}

/// A segment's words in an operation id: `by_id`, `by_path`, or its
/// literal words and `with_<arguments joined by _and_>`.
fn segment_id_words(segment: &Segment) -> Vec<String> {
    match segment.name() {
        SegmentName::Key { path: false } => vec!["by_id".to_owned()],
        SegmentName::Key { path: true } => vec!["by_path".to_owned()],
        SegmentName::Named { name, arguments } => {
            let mut out = words(&name);
            if !arguments.is_empty() {
                out.push(format!("with_{}", argument_words(&arguments).join("_and_")));
            }
            out
        }
    }
}

/// The operation's id, which names its endpoint module: the method, then
/// each segment's words. `GET /users` → `get_users`; `GET /users/{id}` →
/// `get_users_by_id`; `PUT /me/drive/root:/{item-path}:/content` →
/// `put_me_drive_root_by_path_content`;
/// `GET /reports/getEmailActivityUserDetail(period='{period}')` →
/// `get_reports_get_email_activity_user_detail_with_period`.
pub fn operation_id(method: &str, parts: &[PathPart]) -> String {
    let mut words = vec![method.to_ascii_lowercase()];
    for segment in segments(parts) {
        words.extend(segment_id_words(&segment));
    }
    words.join("_")
}

/// Words for the punctuation of a route's literals, which ids leave out:
/// two routes whose ids agree differ here (`range(address='{a}')` is
/// `quoted`, `root:/{p}:` has one more `colon` than `root:/{p}`, and
/// `/users/{id}/` has a trailing `slash`).
fn punctuation_words(parts: &[PathPart]) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut quoted = false;
    // A trailing `/` (`/users/{id}/`) ends no segment of its own.
    if let Some(PathPart::Literal(text)) = parts.last() {
        if text.ends_with('/') && (text.len() > 1 || parts.len() > 1) {
            out.push("slash");
        }
    }
    for part in parts {
        let PathPart::Literal(text) = part else { continue };
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let word = match c {
                '\'' | '"' => {
                    quoted = !quoted;
                    quoted.then_some("quoted")
                }
                ':' => Some("colon"),
                '$' => Some("dollar"),
                '@' => Some("at"),
                '~' => Some("tilde"),
                '(' if chars.peek() == Some(&')') => Some("call"),
                _ => None,
            };
            out.extend(word);
        }
    }
    out
}

/// `theirs` less what `base` has, counted.
fn difference(theirs: &[&'static str], base: &[&'static str]) -> Vec<&'static str> {
    let mut left = base.to_vec();
    theirs
        .iter()
        .filter(|w| match left.iter().position(|b| b == *w) {
            Some(at) => {
                left.remove(at);
                false
            }
            None => true,
        })
        .copied()
        .collect()
}

/// Makes ids unique by words from the routes, never by position: of the
/// operations sharing an id (their routes differ only in punctuation,
/// since ids keep every word and merged routes differ in more than case),
/// the one with the least punctuation keeps it, the others add the
/// punctuation they have beyond it (`..._range_with_address_quoted`).
/// Routes alike in every word and mark get `_2`, ... in source order
/// (returned, so the caller can report them).
pub fn dedupe_operation_ids(operations: &mut [Operation]) -> Vec<String> {
    operations.sort_by(|a, b| (&a.id, &a.source).cmp(&(&b.id, &b.source)));
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, op) in operations.iter().enumerate() {
        groups.entry(op.id.clone()).or_default().push(i);
    }
    let mut renamed: Vec<(usize, String)> = Vec::new();
    for (id, members) in groups.iter().filter(|(_, m)| m.len() > 1) {
        let marks: Vec<(usize, Vec<&'static str>)> =
            members.iter().map(|&i| (i, punctuation_words(&operations[i].path_parts))).collect();
        let Some((base, base_marks)) = marks
            .iter()
            .min_by(|(a, am), (b, bm)| (am.len(), am, &operations[*a].path).cmp(&(bm.len(), bm, &operations[*b].path)))
            .cloned()
        else {
            continue;
        };
        for (i, own) in marks.iter().filter(|(i, _)| *i != base) {
            let extra = difference(own, &base_marks);
            let extra = if extra.is_empty() { own.clone() } else { extra };
            if !extra.is_empty() {
                renamed.push((*i, format!("{id}_{}", extra.join("_"))));
            }
        }
    }
    for (i, id) in renamed {
        if let Some(op) = operations.get_mut(i) {
            op.id = id;
        }
    }
    // Whatever is still shared is alike in every word and mark.
    operations.sort_by(|a, b| (&a.id, &a.source).cmp(&(&b.id, &b.source)));
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for op in operations.iter() {
        *seen.entry(op.id.clone()).or_default() += 1;
    }
    let mut counters: BTreeMap<String, usize> = BTreeMap::new();
    let mut numbered = Vec::new();
    for op in operations.iter_mut() {
        if seen.get(&op.id).copied().unwrap_or(0) > 1 {
            let n = counters.entry(op.id.clone()).or_default();
            *n += 1;
            if *n > 1 {
                op.id = format!("{}_{}", op.id, n);
                numbered.push(op.id.clone());
            }
        }
    }
    numbered
}

fn page_stem(file: &str) -> String {
    file.rsplit('/').next().unwrap_or(file).trim_end_matches(".md").to_snake_case()
}

/// Names each example's test: the annotation name when unique in the doc
/// set, else the name plus the page; reports shared names.
pub fn assign_example_ids(examples: &mut [Example], diagnostics: &mut Vec<Diagnostic>) {
    examples.sort_by(|a, b| a.source.cmp(&b.source));
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, example) in examples.iter().enumerate() {
        if let Some(name) = &example.name {
            by_name.entry(name.clone()).or_default().push(i);
        }
    }
    for (name, indices) in &by_name {
        let Some((&first, rest)) = indices.split_first() else { continue };
        let first_source = examples[first].source.clone();
        for &i in rest {
            let (source, line) = (&examples[i].source, examples[i].annotation_line);
            diagnostics.push(
                Diagnostic::new(
                    Code::ExampleNameDuplicate,
                    &source.file,
                    Span { line, column: 1, ..Span::default() },
                    format!(
                        "example name `{name}` is also used in {}:{}",
                        first_source.file, examples[first].annotation_line
                    ),
                )
                .with_related(
                    &first_source.file,
                    Span { line: examples[first].annotation_line, column: 1, ..Span::default() },
                    "first used here",
                )
                .with_help("give each example a name unique in the doc set"),
            );
        }
    }
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    for example in examples.iter_mut() {
        let stem = page_stem(&example.source.file);
        let base = match &example.name {
            Some(name) if by_name.get(name).is_some_and(|v| v.len() == 1) => name.to_snake_case(),
            Some(name) => format!("{}_{stem}", name.to_snake_case()),
            None => format!("{stem}_example"),
        };
        let base = if base.is_empty() { format!("{stem}_example") } else { base };
        let n = taken.entry(base.clone()).or_default();
        *n += 1;
        example.id = if *n == 1 { base } else { format!("{base}_{n}") };
    }
}

/// Names each representation's test after its type (`microsoft.graph.user`
/// → `user`, `microsoft.graph.security.alert` → `security_alert`); a type
/// two pages define gets a numeric suffix, in source order.
pub fn assign_representation_ids(representations: &mut [Representation]) {
    representations.sort_by(|a, b| a.source.cmp(&b.source));
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    for representation in representations.iter_mut() {
        let name = &representation.r#type;
        let short = name
            .strip_prefix(crate::page_facts::DEFAULT_NAMESPACE)
            .map_or(name.as_str(), |n| n.trim_start_matches('.'));
        let base = short.replace('.', "_").to_snake_case();
        let base = if base.is_empty() { "representation".to_owned() } else { base };
        let n = taken.entry(base.clone()).or_default();
        *n += 1;
        representation.id = if *n == 1 { base } else { format!("{base}_{n}") };
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn id(route: &str) -> String {
        let parsed = mdapi_parse::route::parse(route).unwrap();
        operation_id(&parsed.method, &parsed.parts)
    }

    #[test]
    fn ids_say_collection_and_item() {
        assert_eq!(id("GET /users"), "get_users");
        assert_eq!(id("GET /users/{id}"), "get_users_by_id");
        assert_eq!(id("POST /users/{user-id}/photos/{photo-id}/$ref"), "post_users_by_id_photos_by_id_ref");
    }

    #[test]
    fn ids_say_colon_paths() {
        assert_eq!(id("PUT /me/drive/root:/{item-path}:/content"), "put_me_drive_root_by_path_content");
        assert_eq!(
            id("PUT /drives/{drive-id}/items/{parent-id}:/{filename}:/content"),
            "put_drives_by_id_items_by_id_by_path_content"
        );
        assert_eq!(id("GET /me/drive/root:/{item-path}"), "get_me_drive_root_by_path");
    }

    #[test]
    fn ids_say_function_parameters_and_alternate_keys() {
        assert_eq!(
            id("GET /reports/getEmailActivityUserDetail(period='{period_value}')"),
            "get_reports_get_email_activity_user_detail_with_period"
        );
        assert_eq!(
            id("GET /reports/getEmailActivityUserDetail(date={date_value})"),
            "get_reports_get_email_activity_user_detail_with_date"
        );
        assert_eq!(id("GET /users(userPrincipalName='{upn}')"), "get_users_with_user_principal_name");
        assert_eq!(
            id("GET /me/drive/items/{id}/workbook/worksheets/{id}/range(address='{address}')"),
            "get_me_drive_items_by_id_workbook_worksheets_by_id_range_with_address"
        );
        assert_eq!(id("GET /w/{id}/image(width={w},height={h})"), "get_w_by_id_image_with_width_and_height");
        // Values written out are part of what the route says.
        assert_eq!(id("GET /w/{id}/image(width=640,height=480)"), "get_w_by_id_image_with_width_640_and_height_480");
        // No arguments: the plain name.
        assert_eq!(id("GET /w/{id}/range()"), "get_w_by_id_range");
        assert_eq!(id("GET /me/microsoft.graph.delta()"), "get_me_microsoft_graph_delta");
        // Positional placeholders say their names.
        assert_eq!(id("GET /w/{id}/cell({row},{column})"), "get_w_by_id_cell_with_row_and_column");
    }

    #[test]
    fn ids_ignore_case_so_case_variants_agree() {
        assert_eq!(id("GET /Users/{id}/Photos"), id("GET /users/{user-id}/photos"));
    }

    fn op(route: &str, file: &str) -> Operation {
        let op = crate::test_support::operation(route);
        Operation {
            id: operation_id(&op.method, &op.path_parts),
            area: "w".to_owned(),
            source: crate::model::Source { file: file.to_owned(), line: 1 },
            ..op
        }
    }

    #[test]
    fn ids_alike_in_words_differ_by_punctuation_words_whatever_the_order() {
        let routes = [
            "GET /w/range(address='{a}')",
            "GET /w/range(address={a})",
            "GET /w/root:/{p}:",
            "GET /w/root:/{p}",
            "GET /w/{id}",
            "GET /w/{id}/",
        ];
        let mut forward: Vec<Operation> = routes.iter().map(|r| op(r, "a.md")).collect();
        let mut backward: Vec<Operation> = routes.iter().rev().map(|r| op(r, "b.md")).collect();
        assert!(dedupe_operation_ids(&mut forward).is_empty());
        assert!(dedupe_operation_ids(&mut backward).is_empty());
        let ids = |ops: &[Operation]| -> BTreeMap<String, String> {
            ops.iter().map(|o| (o.path.clone(), o.id.clone())).collect()
        };
        let ids_forward = ids(&forward);
        assert_eq!(ids_forward, ids(&backward));
        assert_eq!(ids_forward["/w/range(address={a})"], "get_w_range_with_address");
        assert_eq!(ids_forward["/w/range(address='{a}')"], "get_w_range_with_address_quoted");
        assert_eq!(ids_forward["/w/root:/{p}"], "get_w_root_by_path");
        assert_eq!(ids_forward["/w/root:/{p}:"], "get_w_root_by_path_colon");
        assert_eq!(ids_forward["/w/{id}"], "get_w_by_id");
        assert_eq!(ids_forward["/w/{id}/"], "get_w_by_id_slash");
    }
}
