//! Type cells offering alternatives (`[userSet](..) or [groupSet](..)`):
//! OData gives a property one type, so the docs name the derived types a
//! value may be. The property takes their nearest common base; without
//! one, any JSON value (a note says so), never just the first named.

use mdapi_parse::{Code, Diagnostic, Span};

use crate::model::{Source, TypeDef, TypeName, TypeRef};
use crate::type_index::{TypeId, TypeIndex};

/// A property whose type cell names alternatives.
pub(crate) struct Alternative {
    pub property: String,
    pub source: Source,
    pub types: Vec<TypeRef>,
}

/// Gives each such property its alternatives' nearest common base (base
/// chains are known by now), else `Json`.
pub(crate) fn settle(
    types: &mut [TypeDef],
    found: &[Alternative],
    canon: &dyn Fn(TypeRef) -> TypeRef,
    index: &TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut settled: Vec<(&Alternative, TypeName)> = Vec::new();
    for alternative in found {
        let names: Vec<TypeName> = alternative.types.iter().map(|t| canon(t.clone()).name).collect();
        // A name of no type (a primitive among them) shares no base.
        let ids: Option<Vec<TypeId>> = names.iter().map(|n| n.named().and_then(|n| index.id(n))).collect();
        let common = ids.and_then(|ids| index.common_base(&ids)).and_then(|id| types.get(id.index()));
        let name = match common {
            Some(base) => TypeName::from_ir_owned(base.qualified_name()),
            None => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::TypeAlternatives,
                        &alternative.source.file,
                        Span { line: alternative.source.line, column: 1, ..Span::default() },
                        format!(
                            "property `{}` is typed `{}`, which share no base type; it takes any JSON value",
                            alternative.property,
                            names.iter().map(TypeName::as_str).collect::<Vec<_>>().join(" or ")
                        ),
                    )
                    .with_help("name the base type the alternatives derive from, and say which ones a value may be"),
                );
                TypeName::Json
            }
        };
        settled.push((alternative, name));
    }
    for ty in types.iter_mut() {
        for property in &mut ty.properties {
            let mine = settled.iter().find(|(a, _)| a.property == property.name && a.source == property.source);
            if let Some((_, name)) = mine {
                property.type_name.clone_from(name);
            }
        }
    }
}
