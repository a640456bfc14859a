//! The type declarations pages make, gathered into the type table
//! (`types.rs`): enum pages, a resource page's type and its property rows,
//! a request body's table; then what holds once the table is finished:
//! names that are Edm primitives, each type's derived types, openness
//! inherited from a documented open base.

use std::collections::BTreeSet;

use mdapi_parse::page::{Page, PropertyRow};
use mdapi_parse::{Code, Diagnostic, PageKind, Span};
use mdapi_runtime::edm::EdmPrimitive;

use crate::alternatives::Alternative;
use crate::edm;
use crate::model::Property;
use crate::page_facts::{
    namespace_of, page_request_type, page_response_type, resource_type_name, says_required, source,
};
use crate::type_index::{TypeId, TypeIndex};
use crate::types::{Authority, Declared, Spelling, TypeTable};

pub(crate) fn collect_types(
    page: &Page,
    table: &mut TypeTable,
    alternatives: &mut Vec<Alternative>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let namespace = namespace_of(page);
    for def in &page.enums {
        let members = def
            .members
            .iter()
            .map(|m| crate::model::EnumMember { name: m.name.clone(), description: m.description.clone() })
            .collect();
        table.define_enum(&edm::qualify(&def.name, namespace), members, &source(page, def.span));
    }
    // A "resource" page that documents routes is an API page mislabeled
    // (reported by the parser); its title names no type.
    if page.kind == PageKind::Resource && page.routes.is_empty() {
        if let Some(name) = resource_type_name(page) {
            let src = source(page, page.title.as_ref().map_or_else(Span::default, |t| t.span));
            table.define(&name, &page.description, &src);
            // The title spells the name too (`# orgContact resource type`
            // over an annotation's `microsoft.graph.orgcontact`).
            let titled = page.title.as_ref().and_then(|t| t.text.split_whitespace().next());
            if let Some(titled) = titled.map(|t| edm::qualify(t, namespace)).filter(|t| t.eq_ignore_ascii_case(&name)) {
                table.mention(&titled, Spelling::Definition, &src);
            }
            let annotated_base = page.resource.as_ref().is_some_and(|a| a.raw.contains_key("baseType"));
            if let Some(link) = &page.inherits_from {
                let base = edm::type_name_of_link(link, namespace);
                table.mention(&base, Spelling::Mention, &src);
                if annotated_base {
                    table.set_prose_base(&name, &base, &source(page, link.span));
                } else {
                    table.set_base(&name, &base);
                }
            }
            if let Some(annotation) = &page.resource {
                if let Some(base) = annotation.raw.get("baseType").and_then(|v| v.as_str()) {
                    table.mention(&edm::qualify(base, namespace), Spelling::Annotation, &src);
                    table.set_base(&name, &edm::qualify(base, namespace));
                }
                let open =
                    annotation.raw.get("openType").and_then(|v| v.as_bool()).or(page.says_open_type.then_some(true));
                let is_abstract = annotation.raw.get("abstract").and_then(|v| v.as_bool()).unwrap_or(false);
                table.set_flags(&name, open, annotation.raw.contains_key("keyProperty"), is_abstract);
            }
            add_rows(&name, &page.properties, Authority::Definition, page, table, alternatives, diagnostics);
        }
    }
    if let Some(body) = page_request_type(page) {
        let span = match (&page.request_body.type_link, &page.request_body.type_name) {
            (Some(link), _) => link.span,
            (None, Some(name)) => name.span,
            (None, None) => Span::default(),
        };
        // A body that names no type is defined here, by this page's table.
        let defined_here = page.request_body.type_link.is_none() && page.request_body.type_name.is_none();
        if defined_here {
            let first = page.request_body.properties.first().map_or_else(Span::default, |p| p.span);
            let title = page.title.as_ref().map_or(page.path.as_str(), |t| t.text.as_str());
            table.define(body.name.as_str(), &format!("The request body of {title}."), &source(page, first));
            table.mark_request_body(body.name.as_str());
        } else {
            table.mention(body.name.as_str(), Spelling::Mention, &source(page, span));
        }
        let authority = if defined_here { Authority::Definition } else { Authority::Restatement };
        add_rows(body.name.as_str(), &page.request_body.properties, authority, page, table, alternatives, diagnostics);
    }
    // A primitive the Response prose names ("and a Boolean in the response
    // body") is the primitive, not a type of the page's namespace.
    if let Some(response) = page_response_type(page).filter(|r| !r.name.is_builtin()) {
        let span = page.response.type_link.as_ref().map_or(page.response.span, |l| l.span);
        table.mention(response.name.as_str(), Spelling::Mention, &source(page, span));
    }
}

/// `authority`: whether `rows` are the owner's own resource page's tables.
fn add_rows(
    owner: &str,
    rows: &[PropertyRow],
    authority: Authority,
    page: &Page,
    table: &mut TypeTable,
    alternatives: &mut Vec<Alternative>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let namespace = namespace_of(page);
    let mut inherited_bases = BTreeSet::new();
    for row in rows {
        // `[A](a.md) or [B](b.md)`: typed once every type is known.
        let offered = edm::alternatives(&row.type_text, &row.type_links, namespace);
        for ty in offered.iter().filter(|t| !t.name.is_builtin()) {
            table.mention(ty.name.as_str(), Spelling::Mention, &source(page, row.span));
        }
        // A cell of alternatives only (`(Boolean or String) collection`)
        // is typed by them once settled; the first holds its place.
        let first_offered = offered.first().cloned();
        if !offered.is_empty() {
            alternatives.push(Alternative {
                property: row.name.clone(),
                source: source(page, row.span),
                types: offered,
            });
        }
        let Some(type_ref) = edm::parse_type_cell(&row.type_text, &row.type_links, namespace).or(first_offered) else {
            // A line break inside a cell ends the table row there; the rest
            // of the cell is read as a row of its own, of one cell.
            let is_name = row.name.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '@'));
            if row.type_text.trim().is_empty() && !is_name {
                let text: String = row.name.chars().take(40).collect();
                diagnostics.push(
                    Diagnostic::new(
                        Code::TypeUnresolved,
                        &page.path,
                        row.span,
                        format!("row `{text}…` has a single cell: the cell above goes on after a line break, which ends a table row"),
                    )
                    .with_help("keep each table row on one line; write `<br>` for a line break inside a cell"),
                );
                continue;
            }
            let message = if row.type_text.trim().is_empty() {
                format!("property `{}` has no type; it is not generated", row.name)
            } else {
                format!(
                    "type `{}` of property `{}` is not a type; the property is not generated",
                    row.type_text, row.name
                )
            };
            diagnostics.push(
                Diagnostic::new(Code::TypeUnresolved, &page.path, row.span, message)
                    .with_help("write an Edm type (`String`, `Int32`, ...) or link the type's page"),
            );
            continue;
        };
        if let Some(named) = type_ref.name.named() {
            table.mention(named, Spelling::Mention, &source(page, row.span));
            let members = prose_members(&row.description);
            if !members.is_empty() {
                table.suggest_members(named, members);
            }
        }
        let inherited_from = inherited_from(row, namespace);
        if let Some(base) = &inherited_from {
            table.mention(base, Spelling::Mention, &source(page, row.span));
            inherited_bases.insert(base.clone());
        }
        let description = row.description.trim();
        let lower = description.to_ascii_lowercase();
        let property = Property {
            name: row.name.clone(),
            type_name: type_ref.name,
            collection: type_ref.collection,
            nullable: !lower.contains("not nullable"),
            required: says_required(description),
            inherited_from,
            description: description.to_owned(),
            source: source(page, row.span),
        };
        let declared = Declared { span: row.span, authority };
        table.add_property(owner, property.clone(), declared, diagnostics);
        if let Some(base) = &property.inherited_from {
            let restated = Declared { authority: Authority::Restatement, ..declared };
            table.add_property(base, Property { inherited_from: None, ..property }, restated, diagnostics);
        }
    }
    // "Inherited from [x]" on every inherited row names the base type.
    if inherited_bases.len() == 1 {
        if let Some(base) = inherited_bases.first() {
            table.set_base(owner, base);
        }
    }
}

fn inherited_from(row: &PropertyRow, namespace: &str) -> Option<String> {
    let lower = row.description.to_ascii_lowercase();
    let at = lower.find("inherited from")?;
    let link = row.description_links.iter().find(|l| row.description.find(&l.text).is_some_and(|p| p >= at))?;
    Some(edm::type_name_of_link(link, namespace))
}

/// "Possible values are: `a`, `b` and `c`." → members `a`, `b`, `c`
/// (`null` is not a member).
fn prose_members(description: &str) -> Vec<crate::model::EnumMember> {
    let lower = description.to_ascii_lowercase();
    let Some(at) = lower.find("possible values") else { return Vec::new() };
    let rest = &description[at..];
    let rest = rest.split_once(':').map_or(rest, |(_, after)| after);
    let end = rest.find(". ").or_else(|| rest.rfind('.')).unwrap_or(rest.len());
    rest[..end]
        .replace(" and ", ",")
        .replace(" or ", ",")
        .split(',')
        .map(|word| word.trim().trim_matches(|c: char| c == '`' || c == '"' || c == '\'' || c == '.'))
        .filter(|word| {
            !word.is_empty()
                && !word.eq_ignore_ascii_case("null")
                && word.chars().all(|c| c.is_alphanumeric() || c == '_')
        })
        .map(|name| crate::model::EnumMember { name: name.to_owned(), description: String::new() })
        .collect()
}

/// Types the docs name like an Edm primitive (`[String](...)`, a
/// `microsoft.graph.Int32` written where `Edm.Int32` was meant) with no page
/// and no properties of their own are that primitive: a generated
/// `pub type String = serde_json::Value` would shadow Rust's `String` in
/// every `use models::*`. Returns the other types, and the lower-cased
/// qualified names mapped to the primitive.
pub(crate) fn primitive_named_types(
    types: Vec<crate::model::TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<crate::model::TypeDef>, Vec<(String, String)>) {
    let mut kept = Vec::with_capacity(types.len());
    let mut mapped = Vec::new();
    for ty in types {
        let primitive = EdmPrimitive::ALL.into_iter().find(|p| p.name().eq_ignore_ascii_case(&ty.name));
        match primitive {
            Some(primitive) if !ty.documented && ty.properties.is_empty() => {
                if let Some(first) = ty.sources.first() {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::TypeNamesPrimitive,
                            &first.file,
                            Span { line: first.line, column: 1, ..Span::default() },
                            format!(
                                "`{}` names the Edm primitive `{primitive}`; it is read as that primitive",
                                ty.qualified_name()
                            ),
                        )
                        .with_help(format!(
                            "write `{primitive}` (or `Edm.{primitive}`), without a namespace or a link"
                        )),
                    );
                }
                mapped.push((ty.qualified_name().to_ascii_lowercase(), primitive.name().to_owned()));
            }
            _ => kept.push(ty),
        }
    }
    (kept, mapped)
}

/// Fills each type's `derived` list from the index (base cycles in the
/// docs are cut there).
pub(crate) fn link_derived_types(types: &mut [crate::model::TypeDef], index: &TypeIndex) {
    let names: Vec<String> = types.iter().map(|t| t.qualified_name()).collect();
    for (at, ty) in types.iter_mut().enumerate() {
        let Some(id) = index.id(&names[at]) else { continue };
        let derived: BTreeSet<&String> = index.derived(id).iter().filter_map(|d| names.get(d.index())).collect();
        ty.derived = derived.into_iter().cloned().collect();
    }
}

/// A type derived from a declared open type is open too (OData CSDL:
/// "a derived type of an open type is also open"). `identitySet` is open,
/// so `chatMessageFromIdentitySet` takes dynamic properties like it.
/// Only documented bases count: an undocumented one is open by default,
/// which says nothing about its derived types.
pub(crate) fn inherit_openness(types: &mut [crate::model::TypeDef], index: &TypeIndex) {
    let opened: BTreeSet<TypeId> = types
        .iter()
        .filter(|t| t.documented && t.open)
        .filter_map(|t| index.id(&t.qualified_name()))
        .flat_map(|id| index.derived(id).iter().copied())
        .collect();
    for ty in types.iter_mut() {
        ty.open |= index.id(&ty.qualified_name()).is_some_and(|id| opened.contains(&id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_lists_enum_members() {
        let names = |text: &str| prose_members(text).into_iter().map(|m| m.name).collect::<Vec<_>>();
        assert_eq!(
            names("Alert severity. Possible values are: unknown, low, high. Required."),
            ["unknown", "low", "high"]
        );
        assert_eq!(
            names("Possible values are: null (default value), NotDisabled, and Disabled"),
            ["NotDisabled", "Disabled"]
        );
        assert!(names("The name.").is_empty());
    }
}
