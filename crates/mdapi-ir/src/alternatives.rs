//! Type cells offering alternatives (`[userSet](..) or [groupSet](..)`):
//! OData gives a property one type, so the docs name the derived types a
//! value may be. The property takes their nearest common base; without
//! one, any JSON value (a note says so), never just the first named.

use std::collections::BTreeMap;

use mdapi_parse::{Code, Diagnostic, Span};

use crate::model::{Source, TypeDef, TypeRef};

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
    diagnostics: &mut Vec<Diagnostic>,
) {
    let index: BTreeMap<String, usize> =
        types.iter().enumerate().map(|(i, t)| (t.qualified_name().to_ascii_lowercase(), i)).collect();
    let chain = |name: &str| -> Vec<String> {
        let mut chain = vec![name.to_ascii_lowercase()];
        while let Some(base) = chain.last().and_then(|n| index.get(n)).and_then(|&i| types[i].base.as_deref()) {
            let base = base.to_ascii_lowercase();
            if chain.contains(&base) {
                break;
            }
            chain.push(base);
        }
        chain
    };
    let mut settled: Vec<(&Alternative, String)> = Vec::new();
    for alternative in found {
        let names: Vec<String> = alternative.types.iter().map(|t| canon(t.clone()).name).collect();
        let chains: Vec<Vec<String>> = names.iter().map(|n| chain(n)).collect();
        let common = chains.first().into_iter().flatten().find(|n| chains.iter().all(|c| c.contains(n)));
        let name = match common.and_then(|n| index.get(n)) {
            Some(&at) => types[at].qualified_name(),
            None => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::TypeAlternatives,
                        &alternative.source.file,
                        Span { line: alternative.source.line, column: 1, ..Span::default() },
                        format!(
                            "property `{}` is typed `{}`, which share no base type; it takes any JSON value",
                            alternative.property,
                            names.join(" or ")
                        ),
                    )
                    .with_help("name the base type the alternatives derive from, and say which ones a value may be"),
                );
                "Json".to_owned()
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
