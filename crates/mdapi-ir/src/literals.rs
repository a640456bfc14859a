//! A function's argument or a key the docs type as a string (or an enum)
//! is an OData string literal, enclosed in quotes (OData 4.01 Part 2,
//! 5.1.1.6.1; ABNF `string` and `enum`), even where the route writes it
//! bare: `reminderView(startDateTime={s},endDateTime={e})` with a table
//! typing both `String` is called as `reminderView(startDateTime='..',..)`,
//! as its own example shows. The route's parts get the quotes, so the
//! generated call writes the value as a quoted literal (its own quotes
//! doubled) and the examples are matched against what the call sends.
//! Done after ids are settled: quotes are punctuation, not words, so no
//! name changes.

use mdapi_parse::page::ParameterLocation;
use mdapi_runtime::edm::EdmPrimitive;
use mdapi_runtime::path::{value_places, ValuePlace};
use mdapi_runtime::PathPart;

use crate::model::{Operation, TypeKind, TypeName};
use crate::type_index::Types;

/// Quotes each bare argument in parentheses whose documented type is
/// `String` or an enum.
pub(crate) fn quote_string_arguments(operations: &mut [Operation], types: &Types<'_>) {
    for op in operations {
        let places = value_places(&op.path_parts);
        let mut param = 0;
        let mut quote_at = Vec::new();
        for (at, part) in op.path_parts.iter().enumerate() {
            let PathPart::Param(name) = part else { continue };
            let place = places.get(param).copied();
            param += 1;
            if place == Some(ValuePlace::Literal) && is_string(op, name, types) {
                quote_at.push(at);
            }
        }
        for at in quote_at {
            let neighbours = (at.checked_sub(1), at + 1);
            let (Some(before), after) = neighbours else { continue };
            let both_literals = matches!(
                (op.path_parts.get(before), op.path_parts.get(after)),
                (Some(PathPart::Literal(_)), Some(PathPart::Literal(_)))
            );
            if !both_literals {
                continue;
            }
            if let Some(PathPart::Literal(text)) = op.path_parts.get_mut(before) {
                text.push('\'');
            }
            if let Some(PathPart::Literal(text)) = op.path_parts.get_mut(after) {
                text.insert(0, '\'');
            }
        }
    }
}

fn is_string(op: &Operation, name: &str, types: &Types<'_>) -> bool {
    let documented = op
        .parameters
        .iter()
        .filter(|p| p.location != ParameterLocation::Query)
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .and_then(|p| p.type_name.clone());
    match documented {
        Some(TypeName::Primitive(EdmPrimitive::String)) => true,
        Some(TypeName::Named(other)) => types.get(&other).is_some_and(|def| def.kind == TypeKind::Enum),
        Some(_) | None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Parameter, Response, Source};

    fn op(parts: Vec<PathPart>, typed: &[(&str, &str)]) -> Operation {
        let parameters = typed
            .iter()
            .map(|(name, ty)| Parameter {
                name: (*name).to_owned(),
                type_name: Some(TypeName::from_ir(ty)),
                location: ParameterLocation::Function,
                description: String::new(),
                required: false,
            })
            .collect();
        Operation {
            id: "f".to_owned(),
            path: String::new(),
            path_parts: parts,
            parameters,
            response: Response { status: None, body: None, formats: Vec::new() },
            source: Source { file: String::new(), line: 0 },
            ..crate::test_support::operation("GET /f")
        }
    }

    #[test]
    fn only_bare_string_arguments_get_quotes() {
        let lit = |t: &str| PathPart::Literal(t.to_owned());
        let par = |t: &str| PathPart::Param(t.to_owned());
        let parts = vec![lit("/me/reminderView(startDateTime="), par("s"), lit(",count="), par("n"), lit(")")];
        let mut ops = vec![op(parts, &[("s", "String"), ("n", "Int32")])];
        let api = crate::model::Api::default();
        let index = crate::TypeIndex::new(&api.types);
        quote_string_arguments(&mut ops, &Types::new(&api.types, &index));
        assert_eq!(
            ops[0].path_parts,
            vec![lit("/me/reminderView(startDateTime='"), par("s"), lit("',count="), par("n"), lit(")")]
        );
        // Already quoted: left alone.
        let index = crate::TypeIndex::new(&api.types);
        quote_string_arguments(&mut ops, &Types::new(&api.types, &index));
        assert_eq!(ops[0].path_parts[0], lit("/me/reminderView(startDateTime='"));
    }
}
