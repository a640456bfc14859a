//! One model struct per type: wire names kept exact, every property a
//! three-state [`Field`](mdapi_runtime::Field), unknown properties kept.
//! Its serde and `FromJson` come from one `json_object!` line listing the
//! members (runtime `object`: not serde's derive, whose bodies were most of
//! an SDK's build, docs/sdk-cost.md).

use proc_macro2::TokenStream;
use quote::quote;

use mdapi_ir::{Api, Property, TypeDef};
use mdapi_runtime::edm::EdmPrimitive;

use crate::docs;
use crate::names::{self, Scope};
use crate::plan::{key, own_and_inherited, Plan};
use crate::rust_types::{rust_type, type_path};

/// A struct field and its member in the model's `json_object!` list.
struct Member {
    field: TokenStream,
    entry: TokenStream,
}

/// `required`: the field is an action's required parameter, a plain value
/// that must be present and not `null`.
fn field(property: &Property, scope: &mut Scope, plan: &Plan, required: bool) -> Option<Member> {
    // A stream is the entity's media content, sent and read through its own
    // route (`/$value`, `/content`), never a JSON field.
    if property.type_name.is_stream() {
        return None;
    }
    let ident = names::ident(&scope.claim(names::snake(&property.name)));
    let wire = &property.name;
    let ty = rust_type(&property.type_ref(), plan, true);
    let doc = docs::item(&property.description, &property.source, &[format!("Type: `{}`.", describe(property))]);
    if required {
        return Some(Member { field: quote!(#doc pub #ident: #ty,), entry: quote!(required(#ident, #wire)) });
    }
    // `""` where a GUID or a date is declared is `Field::Empty`, not a
    // failed decode of the whole object.
    let empty = !property.collection && property.type_name.primitive().is_some_and(EdmPrimitive::empty_is_no_value);
    let kind = if empty { quote!(text_field) } else { quote!(field) };
    Some(Member { field: quote!(#doc pub #ident: ::mdapi_runtime::Field<#ty>,), entry: quote!(#kind(#ident, #wire)) })
}

fn describe(property: &Property) -> String {
    if property.collection {
        format!("Collection({})", property.type_name)
    } else {
        property.type_name.to_string()
    }
}

/// The enum over a polymorphic type and the types derived from it: decoded
/// by `@odata.type` (an unknown or absent tag gives the base variant),
/// encoded as the variant's value, and built `From` any of them. A derived
/// variant is always encoded with its `@odata.type` (the one it was decoded
/// with, else its own): the enum is where a base type is declared, and
/// OData reads an untagged value there as the base (JSON Format 4.01, 4.5.3).
fn polymorphic(ty: &TypeDef, api: &Api, plan: &Plan) -> TokenStream {
    let Some(name) = plan.types.get(&key(&ty.qualified_name())) else { return TokenStream::new() };
    let Some(any) = &name.any_ident else { return TokenStream::new() };
    let any = names::ident(any);
    let mut scope = Scope::default();
    let mut variants = Vec::new();
    for qualified in std::iter::once(ty.qualified_name()).chain(ty.derived.iter().cloned()) {
        let Some(def) = plan.find(api, &qualified) else { continue };
        let Some(target) = plan.types.get(&key(&qualified)).filter(|t| t.is_struct) else { continue };
        let variant = names::ident(&scope.claim(target.ident.clone()));
        variants.push((variant, type_path(target), def.qualified_name()));
    }
    let Some((base_variant, base_path, _)) = variants.first().cloned() else { return TokenStream::new() };
    let derived = &variants[1..];
    let tags = derived.iter().map(|(_, _, tag)| tag.to_ascii_lowercase());
    let wire_tags: Vec<String> = derived.iter().map(|(_, _, tag)| format!("#{tag}")).collect();
    let derived_variants: Vec<_> = derived.iter().map(|(v, _, _)| v).collect();
    let all_variants: Vec<_> = variants.iter().map(|(v, _, _)| v).collect();
    let all_paths: Vec<_> = variants.iter().map(|(_, p, _)| p).collect();
    let doc = format!(
        " `{}` or any type derived from it, chosen by the value's `@odata.type`; an absent or unknown tag decodes as `{}`.",
        ty.qualified_name(),
        ty.name
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #any {
            #( #all_variants(::std::boxed::Box<#all_paths>), )*
        }

        impl ::mdapi_runtime::FromJson for #any {
            fn from_json(value: ::serde_json::Value) -> ::std::result::Result<Self, ::serde_json::Error> {
                ::std::result::Result::Ok(match ::mdapi_runtime::odata::type_name(&value).as_deref() {
                    #( ::std::option::Option::Some(#tags) => Self::#derived_variants(::std::boxed::Box::new(::mdapi_runtime::FromJson::from_json(value)?)), )*
                    _ => Self::#base_variant(::std::boxed::Box::new(::mdapi_runtime::FromJson::from_json(value)?)),
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #any {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::mdapi_runtime::object::deserialize(deserializer)
            }
        }

        impl ::serde::Serialize for #any {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    Self::#base_variant(value) => value.serialize(serializer),
                    #( Self::#derived_variants(value) => ::mdapi_runtime::odata::serialize_tagged(value.as_ref(), &value.additional_properties, #wire_tags, serializer), )*
                }
            }
        }

        impl ::mdapi_runtime::query::HasProperties<#base_path> for #any {}

        #(
            impl ::std::convert::From<#all_paths> for #any {
                fn from(value: #all_paths) -> Self {
                    Self::#all_variants(::std::boxed::Box::new(value))
                }
            }
        )*
    }
}

/// The item for `ty`: a struct, an open enum, or (for a type known only by
/// name) an alias of `serde_json::Value`.
pub fn item(ty: &TypeDef, api: &Api, plan: &Plan) -> TokenStream {
    if ty.kind == mdapi_ir::TypeKind::Enum {
        enumeration(ty, plan)
    } else if ty.is_opaque() {
        opaque(ty, plan)
    } else {
        let model = model(ty, api, plan);
        let any = polymorphic(ty, api, plan);
        quote!(#model #any)
    }
}

fn first_source(ty: &TypeDef) -> mdapi_ir::Source {
    ty.sources.first().cloned().unwrap_or(mdapi_ir::Source { file: String::new(), line: 0 })
}

fn opaque(ty: &TypeDef, plan: &Plan) -> TokenStream {
    let Some(name) = plan.types.get(&key(&ty.qualified_name())) else { return TokenStream::new() };
    let ident = names::ident(&name.ident);
    let note = format!(
        "`{}` is known only by name: no page documents it, so any JSON value is accepted.",
        ty.qualified_name()
    );
    let doc = docs::item(&ty.name, &first_source(ty), &[note]);
    quote! {
        #doc
        pub type #ident = ::serde_json::Value;
    }
}

/// An open enum: documented members, plus a catch-all that keeps any other
/// value so it re-encodes unchanged (new members, flags like `a,b`).
fn enumeration(ty: &TypeDef, plan: &Plan) -> TokenStream {
    let Some(name) = plan.types.get(&key(&ty.qualified_name())) else { return TokenStream::new() };
    let ident = names::ident(&name.ident);
    let mut scope = Scope::default();
    let variants: Vec<_> = ty.members.iter().map(|m| names::ident(&scope.claim(names::camel(&m.name)))).collect();
    let other = names::ident(&scope.claim("Unrecognized".to_owned()));
    let wires: Vec<&str> = ty.members.iter().map(|m| m.name.as_str()).collect();
    let member_docs = ty.members.iter().map(|m| {
        let description = docs::visible_direction(&m.description);
        let text =
            format!(" `{}`{}{description}", docs::one_line(&m.name), if description.is_empty() { "" } else { ": " });
        quote!(#[doc = #text])
    });
    let description = if ty.description.is_empty() { ty.name.clone() } else { ty.description.clone() };
    let doc = docs::item(
        &description,
        &first_source(ty),
        &[format!("Enum `{}`; open: unknown values are kept.", ty.qualified_name())],
    );
    let other_doc = " A value the docs do not list, kept as sent.";
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #ident {
            #( #member_docs #variants, )*
            #[doc = #other_doc]
            #other(::std::string::String),
        }

        impl #ident {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wires, )*
                    Self::#other(value) => value,
                }
            }

            /// The member a wire value names, or the catch-all.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    #( #wires => Self::#variants, )*
                    other => Self::#other(other.to_owned()),
                }
            }
        }

        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl ::mdapi_runtime::query::WireEnum for #ident {
            fn wire_name(&self) -> &str {
                self.as_str()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from_wire(&value))
            }
        }

        ::mdapi_runtime::from_json!(#ident);
    }
}

/// The struct for `ty`: its own properties, then those of its base types
/// (flattened, nearest base first), then the map of unknown properties.
fn model(ty: &TypeDef, api: &Api, plan: &Plan) -> TokenStream {
    let Some(name) = plan.types.get(&key(&ty.qualified_name())) else { return TokenStream::new() };
    let ident = names::ident(&name.ident);
    let mut scope = Scope::with_reserved(&["additional_properties"]);
    let mut seen = std::collections::BTreeSet::new();
    let mut fields = Vec::new();
    let mut entries = Vec::new();
    let mut streams = Vec::new();
    let mut has_required = false;
    for property in own_and_inherited(ty, api, plan) {
        if !seen.insert(property.name.clone()) {
            continue;
        }
        let required = ty.request_body && property.required;
        has_required |= required;
        match field(property, &mut scope, plan, required) {
            Some(member) => {
                fields.push(member.field);
                entries.push(member.entry);
            }
            None => streams.push(format!("`{}`", property.name)),
        }
    }
    let mut notes = vec![format!("OData type: `{}` ({}).", ty.qualified_name(), kind_name(ty.kind))];
    if ty.is_abstract {
        notes.push("Abstract: every value is of a type derived from it, and says which with `@odata.type`.".to_owned());
    }
    if let Some(base) = &ty.base {
        notes.push(format!("Base type: `{base}`; its properties are included."));
        if let Some(any) = base_enum(base, api, plan) {
            notes.push(format!(
                "Where a `{base}` is declared, it goes as `{any}::from(value)`, which writes its `@odata.type`; on its own it is written as it is, since a value of its own declared type needs no tag."
            ));
        }
    }
    if !streams.is_empty() {
        notes.push(format!(
            "Stream properties {} are read and written through their own routes, not in JSON.",
            streams.join(", ")
        ));
    }
    let source = first_source(ty);
    let description = if ty.description.is_empty() { ty.name.clone() } else { ty.description.clone() };
    if has_required {
        notes.push("Required parameters are plain fields: a value cannot be built without them.".to_owned());
    }
    let doc = docs::item(&description, &source, &notes);
    // Required fields may be of types with no default value.
    let default = (!has_required).then(|| quote!(Default,));
    // Action parameters are never an answer: no names to query them by.
    let constants = (!ty.request_body).then(|| crate::properties::constants(ty, api, plan, &ident));
    quote! {
        #doc
        #[derive(Debug, Clone, #default PartialEq)]
        pub struct #ident {
            #(#fields)*
            /// Properties the docs do not list, kept so nothing is lost on a round trip.
            pub additional_properties: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        }

        ::mdapi_runtime::json_object!(#ident #(, #entries)*);

        #constants
    }
}

/// The `Any*` enum of the nearest polymorphic base of a type whose base is
/// `base`, by name.
fn base_enum(base: &str, api: &Api, plan: &Plan) -> Option<String> {
    let base = plan.index.id(base)?;
    plan.index
        .lineage(base)
        .filter_map(|id| api.types.get(id.index()))
        .find_map(|def| plan.types.get(&key(&def.qualified_name())).and_then(|t| t.any_ident.clone()))
}

fn kind_name(kind: mdapi_ir::TypeKind) -> &'static str {
    match kind {
        mdapi_ir::TypeKind::Entity => "entity",
        mdapi_ir::TypeKind::Complex => "complex type",
        mdapi_ir::TypeKind::Enum => "enum",
    }
}
