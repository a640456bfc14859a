//! One operation per method and route shape. Several pages often document
//! the same call: a resource's list page and an extended-property page's
//! `?$expand=...` variant of it, a user page and a calendar page for the
//! same events route, a base type's page and a derived type's page. They
//! are one call of the service, so they are one operation: its response,
//! body and parameters come from the page whose subject it is, and the
//! others' query strings become documented query options.
//!
//! The choice depends only on the routes of that one shape, never on which
//! other pages exist or their order, so adding a page elsewhere cannot
//! rename or retype an operation.

use std::collections::BTreeMap;

use mdapi_parse::page::ParameterLocation;
use mdapi_runtime::PathPart;

use crate::model::{Operation, Parameter, TypeName, TypeRef};
use crate::type_index::Types;

/// The shape two routes share when they address the same thing: the
/// method, then the route's [`mdapi_runtime::route::shape`] (literals
/// without case or quotes, parameters whatever their name).
pub(crate) fn shape(op: &Operation) -> String {
    format!("{} {}", op.method.to_ascii_uppercase(), mdapi_runtime::route::shape(&op.path_parts))
}

/// Merges the operations (in page order) that share a shape; the result
/// keeps the order of each shape's first route.
pub(crate) fn one_per_shape(operations: Vec<Operation>, types: &Types<'_>) -> Vec<Operation> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, Vec<Operation>> = BTreeMap::new();
    for op in operations {
        let key = shape(&op);
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(op);
    }
    order.into_iter().filter_map(|key| groups.remove(&key)).filter_map(|group| merge(group, types)).collect()
}

fn merge(mut group: Vec<Operation>, types: &Types<'_>) -> Option<Operation> {
    if group.len() == 1 {
        return group.pop();
    }
    let at = primary(&group, types);
    let mut merged = group.get(at)?.clone();
    for other in group.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, op)| op) {
        if let Some(query) = other.query.as_deref().filter(|q| Some(*q) != merged.query.as_deref()) {
            add_variant_options(&mut merged.parameters, query, other);
        }
        if !merged.also_documented.contains(&other.source) && other.source != merged.source {
            merged.also_documented.push(other.source.clone());
        }
    }
    // What the call sends and answers is its own page's, never filled in
    // from a page that restates the route in passing: adding such a page
    // must not retype the call (`cargo xtask names-stability`). One
    // exception: pages for each derived type restating one route (intune's
    // `POST /deviceAppManagement/mobileApps`, one page per kind of app, or a
    // derived type's page restating its base's list): the call sends and
    // answers their common base, which carries each kind by `@odata.type`.
    if let Some(base) = common_type(group.iter().filter_map(|op| op.response.body.as_ref()), types) {
        merged.response.body = Some(base);
    }
    if let Some(base) = common_type(group.iter().filter_map(|op| op.request_body.as_ref()), types) {
        merged.request_body = Some(base);
    }
    merged.also_documented.sort();
    Some(merged)
}

/// The nearest base of several different types of one shape (all single
/// or all collections), when they have one other than `entity`.
fn common_type<'t>(types_named: impl Iterator<Item = &'t TypeRef> + Clone, types: &Types<'_>) -> Option<TypeRef> {
    let first = types_named.clone().next()?;
    if types_named.clone().any(|t| t.collection != first.collection) {
        return None;
    }
    let base = crate::responses::common_base(types_named.map(|t| t.name.as_str()), types)?;
    Some(TypeRef { name: TypeName::from_ir_owned(base), collection: first.collection })
}

/// The route whose page is about it: a route its page lists (not one only
/// an example writes), then one written without a query (one
/// with `?$expand=...` is a variant), then one whose page's file name
/// names the route best (`user-list-messages.md` for `/me/messages`),
/// then one whose page names a type for what it answers or sends, then the
/// one answering the most basic type, then the first by page path and line.
fn primary(group: &[Operation], types: &Types<'_>) -> usize {
    let rank = |op: &Operation| {
        let plain = op.query.is_none();
        let typed = op.response.body.is_some() || op.request_body.is_some();
        let subject = page_names_route(op);
        let basic = !group.iter().any(|other| match (&op.response.body, &other.response.body) {
            (Some(ours), Some(theirs)) => types.derives_from(&ours.name, &theirs.name),
            _ => false,
        });
        (!op.route_from_example, plain, subject, typed, basic)
    };
    let mut best = 0;
    for (i, op) in group.iter().enumerate() {
        let better = group.get(best).is_some_and(|b| {
            let (ours, theirs) = (rank(op), rank(b));
            ours > theirs || (ours == theirs && op.source < b.source)
        });
        if better {
            best = i;
        }
    }
    best
}

/// How much of the route the page's file name names: whether it has the
/// route's last word, then how many of the route's words it has
/// (`message-post-attachments.md` over `eventmessage-post-attachments.md`
/// for `/me/messages/{id}/attachments`), singular or plural alike, then
/// how few other words it has.
fn page_names_route(op: &Operation) -> (bool, usize, std::cmp::Reverse<usize>) {
    let stem = op.source.file.rsplit('/').next().unwrap_or_default().trim_end_matches(".md").to_ascii_lowercase();
    let stem_words: Vec<&str> = stem.split(['-', '_']).collect();
    let named = |word: &str| {
        let singular = word.strip_suffix('s').unwrap_or(word);
        stem_words.iter().any(|w| *w == word || *w == singular || w.strip_suffix('s') == Some(singular))
    };
    let words: Vec<String> = op
        .path_parts
        .iter()
        .filter_map(|part| match part {
            PathPart::Literal(text) => Some(text),
            PathPart::Param(_) => None,
        })
        .flat_map(|text| text.split(['/', '(', ':', '.', '$', '\'', '=', ')', ',']))
        .filter(|word| word.len() > 2)
        .map(str::to_ascii_lowercase)
        .collect();
    let last = words.last().is_some_and(|w| named(w));
    let mut distinct: Vec<&String> = words.iter().collect();
    distinct.sort();
    distinct.dedup();
    let hits = distinct.iter().filter(|w| named(w)).count();
    // Words of the file name the route does not have (`intune`, `devices`
    // in `intune-devices-user-update.md`): a page about something else
    // that restates the route. Verbs name the call, not its subject.
    let in_route = |stem_word: &str| {
        words.iter().any(|w| {
            let singular = w.strip_suffix('s').unwrap_or(w);
            stem_word == w || stem_word == singular || stem_word.strip_suffix('s') == Some(singular)
        })
    };
    let extra = stem_words.iter().filter(|w| !VERBS.contains(w) && !in_route(w)).count();
    (last, hits, std::cmp::Reverse(extra))
}

/// Words page file names use for the call itself.
const VERBS: &[&str] =
    &["get", "list", "post", "create", "add", "update", "patch", "put", "delete", "remove", "upsert", "ref", "by"];

/// Query options a variant route writes (`$expand`, `$filter`, a
/// function's own) that the operation does not document yet.
fn add_variant_options(parameters: &mut Vec<Parameter>, query: &str, variant: &Operation) {
    for pair in query.split('&') {
        let name = pair.split_once('=').map_or(pair, |(name, _)| name).trim();
        if name.is_empty() || parameters.iter().any(|p| p.name.eq_ignore_ascii_case(name)) {
            continue;
        }
        parameters.push(Parameter {
            name: name.to_owned(),
            type_name: None,
            location: ParameterLocation::Query,
            description: format!(
                "Documented as a variant of this call: `?{query}` ({}, line {}).",
                variant.source.file, variant.source.line
            ),
            required: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Response, Source, TypeRef};

    fn op(file: &str, route: &str, body: Option<&str>) -> Operation {
        let op = crate::test_support::operation(&format!("GET {route}"));
        Operation {
            response: Response {
                status: Some(200),
                body: body.map(|name| TypeRef { name: TypeName::from_ir(name), collection: true }),
                formats: Vec::new(),
            },
            area: "users".to_owned(),
            source: Source { file: file.to_owned(), line: 1 },
            ..op
        }
    }

    #[test]
    fn a_query_variant_on_another_page_is_an_option_of_the_subject_pages_operation() {
        let api = crate::model::Api::default();
        let index = crate::TypeIndex::new(&api.types);
        let types = Types::new(&api.types, &index);
        let merged = one_per_shape(
            vec![
                op(
                    "api/singlevaluelegacyextendedproperty-get.md",
                    "/me/messages?$expand=singleValueExtendedProperties",
                    None,
                ),
                op("api/user-list-messages.md", "/me/messages", Some("microsoft.graph.message")),
                op("api/user-list-messages.md", "/users/{id}/messages", Some("microsoft.graph.message")),
            ],
            &types,
        );
        assert_eq!(merged.len(), 2, "one operation per shape");
        let me = &merged[0];
        assert_eq!(me.source.file, "api/user-list-messages.md");
        assert_eq!(me.response.body.as_ref().map(|b| b.name.as_str()), Some("microsoft.graph.message"));
        assert_eq!(me.also_documented.len(), 1);
        assert!(me.parameters.iter().any(|p| p.name == "$expand" && !p.required));
    }

    /// Kind: a function's string argument written with and without quotes
    /// was two operations, so a page writing it the other way renamed one.
    #[test]
    fn quoting_a_function_argument_is_the_same_call() {
        let api = crate::model::Api::default();
        let index = crate::TypeIndex::new(&api.types);
        let types = Types::new(&api.types, &index);
        let quoted = op("api/report-get.md", "/reports/getX(period='{p}')", Some("microsoft.graph.report"));
        let bare = op("api/aaa-other.md", "/reports/getX(period={p})", None);
        let merged = one_per_shape(vec![bare, quoted], &types);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].source.file, "api/report-get.md");
        assert_eq!(merged[0].response.body.as_ref().map(|b| b.name.as_str()), Some("microsoft.graph.report"));
    }

    #[test]
    fn the_choice_does_not_depend_on_page_order() {
        let api = crate::model::Api::default();
        let index = crate::TypeIndex::new(&api.types);
        let types = Types::new(&api.types, &index);
        let a = op("api/calendar-list-events.md", "/me/calendar/events", Some("microsoft.graph.event"));
        let b = op("api/user-list-events.md", "/me/calendar/events", Some("microsoft.graph.event"));
        let one = one_per_shape(vec![a.clone(), b.clone()], &types);
        let other = one_per_shape(vec![b, a], &types);
        assert_eq!(one[0].source, other[0].source);
    }
}
