//! An operation's own request `Body`, for a page whose request-body table
//! marks properties of a shared type `Required.` (`POST /groups` requires
//! `displayName`, `mailEnabled`, ...). The model keeps them optional, since
//! a GET with `$select` or a PATCH leaves them out; the `Body` makes them
//! plain fields beside the rest of the model, so a create cannot be built
//! without them.

use proc_macro2::TokenStream;
use quote::quote;

use mdapi_ir::{Api, Operation, TypeRef};

use crate::docs;
use crate::names::{self, Scope};
use crate::plan::{required_properties, Plan};
use crate::rust_types::rust_type;

/// Whether `op` has its own `Body` (decided once, by the plan).
pub(crate) fn has_own(op: &Operation, plan: &Plan) -> bool {
    plan.operations.get(&op.id).is_some_and(|name| name.own_body)
}

/// The type a caller passes as `op`'s body: the operation's `Body` (named
/// through `endpoint`, the path to its module, ending in `::`), or the model.
pub(crate) fn request_type(op: &Operation, plan: &Plan, endpoint: &TokenStream) -> Option<TokenStream> {
    let body = op.request_body.as_ref()?;
    Some(if crate::rust_types::is_stream(body) {
        quote!(::mdapi_runtime::Bytes)
    } else if has_own(op, plan) {
        quote!(#endpoint Body)
    } else {
        rust_type(body, plan, false)
    })
}

/// The `Body` struct of `op`, when it has one.
pub(crate) fn item(op: &Operation, api: &Api, plan: &Plan) -> TokenStream {
    if !has_own(op, plan) {
        return TokenStream::new();
    }
    let required = required_properties(op, api, plan);
    let Some(body) = op.request_body.as_ref().filter(|_| !required.is_empty()) else { return TokenStream::new() };
    let model = rust_type(&TypeRef { name: body.name.clone(), collection: false }, plan, false);
    let mut scope = Scope::with_reserved(&["rest"]);
    let idents: Vec<syn::Ident> = required.iter().map(|p| names::ident(&scope.claim(names::snake(&p.name)))).collect();
    let wires: Vec<&str> = required.iter().map(|p| p.name.as_str()).collect();
    let fields = required.iter().zip(&idents).map(|(property, ident)| {
        let wire = &property.name;
        let ty = rust_type(&property.type_ref(), plan, true);
        let required_by = format!("Required by `{}`.", docs::one_line(&op.source.file));
        let doc = docs::item(&property.description, &property.source, &[required_by]);
        quote! {
            #doc
            #[serde(rename = #wire)]
            pub #ident: #ty,
        }
    });
    let listed = wires.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ");
    let doc = docs::item(
        &format!("The request body of `{} {}`: a `{}` with {listed} required.", op.method, op.path, body.name),
        &op.source,
        &["The required properties are plain fields; set the others on `rest`. A required property's copy in `rest` is not sent.".to_owned()],
    );
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Deserialize)]
        pub struct Body {
            #(#fields)*
            /// The rest of the body.
            #[serde(flatten)]
            pub rest: #model,
        }

        impl ::serde::Serialize for Body {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                ::mdapi_runtime::body::with_required(serializer, &self.rest, [#((#wires, ::mdapi_runtime::body::value(&self.#idents))),*])
            }
        }
    }
}
