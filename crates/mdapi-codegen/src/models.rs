//! One model struct per type: serde, wire names kept exact, every property
//! a three-state [`Field`](mdapi_runtime::Field), unknown properties kept.

use proc_macro2::TokenStream;
use quote::quote;

use mdapi_ir::{Api, Property, TypeDef, TypeRef};

use crate::docs;
use crate::names::{self, Scope};
use crate::plan::{key, Plan};

/// The Rust type of one value of `ty` (not wrapped in `Field`).
pub fn rust_type(ty: &TypeRef, plan: &Plan, boxed: bool) -> TokenStream {
    let element = match ty.name.as_str() {
        "String" | "Date" | "DateTimeOffset" | "TimeOfDay" | "Duration" | "Guid" | "Binary" => {
            quote!(::std::string::String)
        }
        "Int16" => quote!(i16),
        "Int32" => quote!(i32),
        "Int64" => quote!(i64),
        "Byte" => quote!(u8),
        "SByte" => quote!(i8),
        "Boolean" => quote!(bool),
        "Double" | "Decimal" => quote!(f64),
        "Single" => quote!(f32),
        name => match plan.types.get(&key(name)) {
            Some(path) => {
                let path = type_path(path);
                if boxed && !ty.collection {
                    quote!(::std::boxed::Box<#path>)
                } else {
                    path
                }
            }
            None => quote!(::serde_json::Value),
        },
    };
    if ty.collection {
        quote!(::std::vec::Vec<#element>)
    } else {
        element
    }
}

/// `crate::models::security::Alert`.
pub fn type_path(name: &crate::plan::TypeName) -> TokenStream {
    let modules = name.modules.iter().map(|m| names::ident(m));
    let ident = names::ident(&name.ident);
    quote!(crate::models #(:: #modules)* :: #ident)
}

fn field(property: &Property, scope: &mut Scope, plan: &Plan) -> Option<TokenStream> {
    // A stream is the entity's media content, sent and read through its own
    // route (`/$value`, `/content`), never a JSON field.
    if property.type_name == "Stream" {
        return None;
    }
    let ident = names::ident(&scope.claim(names::snake(&property.name)));
    let wire = &property.name;
    let ty = rust_type(&property.type_ref(), plan, true);
    let doc = docs::item(&property.description, &property.source, &[format!("Type: `{}`.", describe(property))]);
    Some(quote! {
        #doc
        #[serde(rename = #wire, default, skip_serializing_if = "::mdapi_runtime::Field::is_absent")]
        pub #ident: ::mdapi_runtime::Field<#ty>,
    })
}

fn describe(property: &Property) -> String {
    if property.collection {
        format!("Collection({})", property.type_name)
    } else {
        property.type_name.clone()
    }
}

/// The struct for `ty`: its own properties, then those of its base types
/// (flattened, nearest base first), then the map of unknown properties.
pub fn model(ty: &TypeDef, api: &Api, plan: &Plan) -> TokenStream {
    let Some(name) = plan.types.get(&key(&ty.qualified_name())) else { return TokenStream::new() };
    let ident = names::ident(&name.ident);
    let mut scope = Scope::with_reserved(&["additional_properties"]);
    let mut seen = std::collections::BTreeSet::new();
    let mut fields = Vec::new();
    let mut streams = Vec::new();
    for property in own_and_inherited(ty, api) {
        if !seen.insert(property.name.clone()) {
            continue;
        }
        match field(property, &mut scope, plan) {
            Some(tokens) => fields.push(tokens),
            None => streams.push(format!("`{}`", property.name)),
        }
    }
    let mut notes = vec![format!("OData type: `{}` ({}).", ty.qualified_name(), kind_name(ty.kind))];
    if let Some(base) = &ty.base {
        notes.push(format!("Base type: `{base}`; its properties are included."));
    }
    if !streams.is_empty() {
        notes.push(format!(
            "Stream properties {} are read and written through their own routes, not in JSON.",
            streams.join(", ")
        ));
    }
    let source = ty.sources.first().cloned().unwrap_or(mdapi_ir::Source { file: String::new(), line: 0 });
    let description = if ty.description.is_empty() { ty.name.clone() } else { ty.description.clone() };
    let doc = docs::item(&description, &source, &notes);
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #ident {
            #(#fields)*
            /// Properties the docs do not list, kept so nothing is lost on a round trip.
            #[serde(flatten)]
            pub additional_properties: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        }
    }
}

fn kind_name(kind: mdapi_ir::TypeKind) -> &'static str {
    match kind {
        mdapi_ir::TypeKind::Entity => "entity",
        mdapi_ir::TypeKind::Complex => "complex type",
        mdapi_ir::TypeKind::Enum => "enum",
    }
}

/// Own properties, then each base type's, guarding against cycles.
fn own_and_inherited<'a>(ty: &'a TypeDef, api: &'a Api) -> Vec<&'a Property> {
    let mut out: Vec<&Property> = ty.properties.iter().collect();
    let mut visited = vec![ty.qualified_name()];
    let mut base = ty.base.clone();
    while let Some(name) = base {
        let Some(def) = api.find_type(&name) else { break };
        if visited.contains(&def.qualified_name()) {
            break;
        }
        visited.push(def.qualified_name());
        out.extend(def.properties.iter());
        base = def.base.clone();
    }
    out
}
