//! The Rust type that carries a value of an IR type reference, as every
//! emitter writes it: the runtime's Edm types for primitives,
//! `serde_json::Value` for JSON and for names no page defines, the plan's
//! model path (a polymorphic type's `Any*` enum, boxed where nested), `Vec`
//! for a collection; and whether a reference is raw bytes (`Stream`).

use proc_macro2::TokenStream;
use quote::quote;

use mdapi_ir::{Resolved, TypeRef};
use mdapi_runtime::edm::EdmPrimitive;

use crate::names;
use crate::plan::{key, Plan};

/// The Rust type of an Edm primitive as JSON carries it; `None` for
/// `Stream`, whose Rust form depends on where it travels (a model leaves
/// it out, an endpoint sends and answers bytes). The runtime's `edm` types
/// stand where the JSON form is not always the plain one (OData JSON
/// Format 4.01, 7.1: `Int64` and `Decimal` as strings, `Double` and
/// `Single` as `"NaN"`, `"INF"`, `"-INF"`, formatted strings kept as they
/// came).
pub(crate) fn primitive_rust_type(primitive: EdmPrimitive) -> Option<TokenStream> {
    Some(match primitive {
        EdmPrimitive::String => quote!(::std::string::String),
        EdmPrimitive::DateTimeOffset => quote!(::mdapi_runtime::edm::DateTimeOffset),
        EdmPrimitive::Date => quote!(::mdapi_runtime::edm::Date),
        EdmPrimitive::TimeOfDay => quote!(::mdapi_runtime::edm::TimeOfDay),
        EdmPrimitive::Duration => quote!(::mdapi_runtime::edm::Duration),
        EdmPrimitive::Guid => quote!(::mdapi_runtime::edm::Guid),
        EdmPrimitive::Binary => quote!(::mdapi_runtime::edm::Binary),
        EdmPrimitive::Int16 => quote!(i16),
        EdmPrimitive::Int32 => quote!(i32),
        EdmPrimitive::Int64 => quote!(::mdapi_runtime::edm::Int64),
        EdmPrimitive::Byte => quote!(u8),
        EdmPrimitive::SByte => quote!(i8),
        EdmPrimitive::Boolean => quote!(bool),
        EdmPrimitive::Double => quote!(::mdapi_runtime::edm::Double),
        EdmPrimitive::Decimal => quote!(::mdapi_runtime::edm::Decimal),
        EdmPrimitive::Single => quote!(::mdapi_runtime::edm::Single),
        EdmPrimitive::Stream => return None,
    })
}

/// Where an argument of an endpoint's `request(..)` or of the path tree
/// is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArgumentPlace {
    /// A value in the path (`/users/{id}`, `range(address='{a}')`).
    PathValue,
    /// A required query parameter's value (`?startDateTime=...`).
    QueryValue,
}

/// The Rust type an argument documented as `type_name` (`None` when its
/// table gives none) is taken as, and whether it is typed (`false`: taken
/// as text, `&str`). The one table for both places that type arguments,
/// which differ on purpose: a path value of the path tree borrows the
/// runtime's date and time types and types only the primitives listed (the
/// rest are text, as pages write keys), a required query value owns its
/// value; both write `Int64`, `Double` and `Single` as plain numbers (a URL
/// holds text: the JSON forms of the runtime's number types do not apply).
/// An endpoint function's `request(..)` takes every path value as text
/// (`&str`), so its signature stays the same whatever a page says of a
/// key's type.
pub(crate) fn argument_type(type_name: Option<&mdapi_ir::TypeName>, place: ArgumentPlace) -> (TokenStream, bool) {
    let text = || (quote!(&str), false);
    let Some(&mdapi_ir::TypeName::Primitive(primitive)) = type_name else {
        return text();
    };
    match (place, primitive) {
        (_, EdmPrimitive::String | EdmPrimitive::Binary) => text(),
        (_, EdmPrimitive::Int64) => (quote!(i64), true),
        (_, EdmPrimitive::Double) => (quote!(f64), true),
        (_, EdmPrimitive::Single) => (quote!(f32), true),
        (ArgumentPlace::PathValue, EdmPrimitive::Int16 | EdmPrimitive::Int32 | EdmPrimitive::Boolean) => {
            primitive_rust_type(primitive).map_or_else(text, |ty| (ty, true))
        }
        (
            ArgumentPlace::PathValue,
            EdmPrimitive::DateTimeOffset | EdmPrimitive::Date | EdmPrimitive::TimeOfDay | EdmPrimitive::Duration,
        ) => primitive_rust_type(primitive).map_or_else(text, |ty| (quote!(&#ty), true)),
        (ArgumentPlace::PathValue, _) => text(),
        (ArgumentPlace::QueryValue, other) => primitive_rust_type(other).map_or_else(text, |ty| (ty, true)),
    }
}

/// The Rust type of one value of `ty` (not wrapped in `Field`): the one
/// place a type reference becomes a Rust type.
pub fn rust_type(ty: &TypeRef, plan: &Plan, boxed: bool) -> TokenStream {
    let any_json = || quote!(::serde_json::Value);
    let element = match plan.index.resolve(&ty.name) {
        // `Stream` has no JSON form (models leave it out, endpoints send
        // and answer bytes); anywhere else it is taken as any JSON.
        Resolved::Primitive(primitive) => primitive_rust_type(primitive).unwrap_or_else(any_json),
        Resolved::Json => any_json(),
        Resolved::Type(_) => match plan.types.get(&key(ty.name.as_str())) {
            Some(name) => {
                let path = match &name.any_ident {
                    Some(any) => path_to(name, any),
                    None => type_path(name),
                };
                if boxed && name.is_struct && !ty.collection {
                    quote!(::std::boxed::Box<#path>)
                } else {
                    path
                }
            }
            None => any_json(),
        },
        // A type the docs name but never describe: any JSON value, so a
        // value of it still decodes.
        Resolved::Unknown(_) => any_json(),
    };
    if ty.collection {
        quote!(::std::vec::Vec<#element>)
    } else {
        element
    }
}

/// `crate::models::security::Alert` (under the plan's root path).
pub fn type_path(name: &crate::plan::TypeName) -> TokenStream {
    path_to(name, &name.ident)
}

/// An item named `ident` in the module of `name`.
fn path_to(name: &crate::plan::TypeName, ident: &str) -> TokenStream {
    let root = name.root.iter().map(|segment| match segment.as_str() {
        "crate" | "super" | "self" => proc_macro2::Ident::new(segment, proc_macro2::Span::call_site()),
        other => names::ident(other),
    });
    let modules = name.modules.iter().map(|m| names::ident(m));
    let ident = names::ident(ident);
    quote!(#(#root ::)* models #(:: #modules)* :: #ident)
}

/// Raw bytes on the wire (`$value`, `content`), not JSON.
pub(crate) fn is_stream(ty: &TypeRef) -> bool {
    ty.name.is_stream() && !ty.collection
}
