//! Limits a generated crate must stay within to compile.
//!
//! A struct's derived `PartialEq` compares its fields in one chain of `&&`,
//! and rustc 1.9x overflows its stack type-checking a chain that long:
//! a struct of 5,000 `String` fields compiles (`cargo check` 36 s, 1.9 GB),
//! one of 7,500 does not (measured by generating pages of N properties;
//! see `docs/design.md`, "Hostile input"). Without `PartialEq`, memory
//! grows about 0.4 MB a field, so 100,000 fields would not fit a 24 GB
//! machine either way.

use mdapi_parse::{Code, Diagnostic, Span};

use crate::model::TypeDef;
use crate::type_index::TypeIndex;

/// The most properties (own and inherited) a generated struct holds.
pub const MAX_STRUCT_FIELDS: usize = 4_000;

/// Each type whose struct would hold more than [`MAX_STRUCT_FIELDS`]
/// fields loses the properties of the widest type in its base chain, which
/// is made open (every property decodes into its map of properties), until
/// every struct is within the limit; a `type-too-large` error says so.
pub(crate) fn cap_wide_types(types: &mut [TypeDef], index: &TypeIndex, diagnostics: &mut Vec<Diagnostic>) {
    // Each type's base chain, itself first (the index cuts cycles).
    let chains: Vec<Vec<usize>> = (0..types.len())
        .map(|at| match types.get(at).and_then(|t| index.id(&t.qualified_name())) {
            Some(id) => std::iter::once(at).chain(index.ancestry(id).iter().map(|b| b.index())).collect(),
            None => vec![at],
        })
        .collect();
    for chain in &chains {
        loop {
            let fields: usize = chain.iter().map(|&i| types[i].properties.len()).sum();
            if fields <= MAX_STRUCT_FIELDS {
                break;
            }
            let Some(&widest) = chain.iter().max_by_key(|&&i| (types[i].properties.len(), std::cmp::Reverse(i))) else {
                break;
            };
            let ty = &mut types[widest];
            let (file, line) = ty.sources.first().map_or(("", 0), |s| (s.file.as_str(), s.line));
            diagnostics.push(
                Diagnostic::new(
                    Code::TypeTooLarge,
                    file,
                    Span { line, column: 1, ..Span::default() },
                    format!(
                        "`{}` would make a struct of {fields} fields, more than the {MAX_STRUCT_FIELDS} a generated struct holds; its {} properties are not generated, and it is generated open (every property in its map of properties)",
                        ty.qualified_name(),
                        ty.properties.len()
                    ),
                )
                .with_help(format!("split the type, or keep it to at most {MAX_STRUCT_FIELDS} properties with its bases'")),
            );
            ty.properties.clear();
            ty.open = true;
        }
    }
}
