//! Per model, one associated constant per property (own and inherited):
//! its wire name, typed by the model and the property's value type, so
//! `$select`, `$expand`, `$orderby` and `$filter` are checked by the
//! compiler (`mdapi_runtime::query`). No per-operation code.

use proc_macro2::TokenStream;
use quote::quote;

use mdapi_ir::{Api, TypeDef, TypeKind};

use crate::names::{self, Scope};
use crate::plan::{own_and_inherited, Plan};
use crate::rust_types::rust_type;

/// `impl User { pub const DISPLAY_NAME: Property<Self, String> = ...; }`
/// and `impl HasProperties<Self> for User {}`. A property whose type is an
/// entity type is a [`Navigation`](mdapi_runtime::query::Navigation), the
/// rest are [`Property`](mdapi_runtime::query::Property)s; streams, which
/// are not JSON, have none. Constants are named like the struct's fields
/// (`display_name` → `DISPLAY_NAME`), claimed in the same order, so two
/// properties whose names differ only in case keep apart the same way.
pub(crate) fn constants(ty: &TypeDef, api: &Api, plan: &Plan, ident: &proc_macro2::Ident) -> TokenStream {
    let mut scope = Scope::with_reserved(&["additional_properties"]);
    let mut seen = std::collections::BTreeSet::new();
    let mut constants = Vec::new();
    for property in own_and_inherited(ty, api, plan) {
        if !seen.insert(property.name.clone()) || property.type_name.is_stream() {
            continue;
        }
        let field = scope.claim(names::snake(&property.name));
        let constant = names::ident(&field.to_ascii_uppercase());
        let wire = &property.name;
        let value = rust_type(&property.type_ref(), plan, false);
        let navigation = plan.find(api, property.type_name.as_str()).is_some_and(|def| def.kind == TypeKind::Entity);
        let kind = if navigation { quote!(Navigation) } else { quote!(Property) };
        let doc = format!(" `{}`, the field [`{field}`](Self::{}).", crate::docs::one_line(wire), names::ident(&field));
        constants.push(quote! {
            #[doc = #doc]
            pub const #constant: ::mdapi_runtime::query::#kind<Self, #value> = ::mdapi_runtime::query::#kind::new(#wire);
        });
    }
    if constants.is_empty() {
        return TokenStream::new();
    }
    quote! {
        /// Property names for `$select`, `$expand`, `$orderby` and `$filter`, inherited ones included.
        impl #ident {
            #(#constants)*
        }

        impl ::mdapi_runtime::query::HasProperties<Self> for #ident {}
    }
}
