//! Stable identifiers for operations and examples.

use std::collections::BTreeMap;

use heck::ToSnakeCase;
use mdapi_parse::{Code, Diagnostic, Span};
use mdapi_runtime::PathPart;

use crate::model::{Example, Operation, Representation};

/// `POST /users/{id}/photos/$ref` → `post_users_photos_ref`.
pub fn operation_id(method: &str, parts: &[PathPart]) -> String {
    let mut words = vec![method.to_ascii_lowercase()];
    for part in parts {
        if let PathPart::Literal(text) = part {
            words.extend(
                text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_snake_case()),
            );
        }
    }
    words.join("_")
}

/// Gives repeated ids a numeric suffix, in source order.
pub fn dedupe_operation_ids(operations: &mut [Operation]) {
    operations.sort_by(|a, b| (&a.id, &a.source).cmp(&(&b.id, &b.source)));
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for op in operations.iter() {
        *seen.entry(op.id.clone()).or_default() += 1;
    }
    let mut counters: BTreeMap<String, usize> = BTreeMap::new();
    for op in operations.iter_mut() {
        if seen.get(&op.id).copied().unwrap_or(0) > 1 {
            let n = counters.entry(op.id.clone()).or_default();
            *n += 1;
            if *n > 1 {
                op.id = format!("{}_{}", op.id, n);
            }
        }
    }
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
        let short =
            name.strip_prefix(crate::lower::DEFAULT_NAMESPACE).map_or(name.as_str(), |n| n.trim_start_matches('.'));
        let base = short.replace('.', "_").to_snake_case();
        let base = if base.is_empty() { "representation".to_owned() } else { base };
        let n = taken.entry(base.clone()).or_default();
        *n += 1;
        representation.id = if *n == 1 { base } else { format!("{base}_{n}") };
    }
}
