//! One module per operation: its metadata as a `static` and a function
//! that builds the request value (no I/O).

use proc_macro2::TokenStream;
use quote::quote;

use mdapi_ir::{Api, Operation, TypeRef};
use mdapi_runtime::PathPart;

use crate::docs;
use crate::models::rust_type;
use crate::names::{self, Scope};
use crate::plan::Plan;

fn scopes(list: Option<&Vec<String>>) -> TokenStream {
    match list {
        None => quote!(::std::option::Option::None),
        Some(scopes) => quote!(::std::option::Option::Some(&[#(#scopes),*])),
    }
}

fn path_parts(parts: &[PathPart]) -> TokenStream {
    let parts = parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(::mdapi_runtime::PathPart::Literal(#text)),
        PathPart::Param(name) => quote!(::mdapi_runtime::PathPart::Param(#name)),
    });
    quote!(&[#(#parts),*])
}

/// The response type the request value carries.
pub(crate) fn response_type(body: Option<&TypeRef>, plan: &Plan) -> TokenStream {
    match body {
        None => quote!(()),
        Some(ty) if ty.collection => {
            let element = rust_type(&TypeRef { name: ty.name.clone(), collection: false }, plan, false);
            quote!(::mdapi_runtime::Collection<#element>)
        }
        // OData answers one primitive as `{"value": ...}`.
        Some(ty) if mdapi_ir::wraps_primitive(ty) => {
            let inner = rust_type(ty, plan, false);
            quote!(::mdapi_runtime::PrimitiveValue<#inner>)
        }
        Some(ty) => rust_type(ty, plan, false),
    }
}

/// Scopes per account type, least privileged first, as a doc paragraph.
fn permission_note(permissions: &mdapi_ir::Permissions) -> String {
    let list = |scopes: Option<&Vec<String>>| match scopes {
        None => "not documented".to_owned(),
        Some(scopes) if scopes.is_empty() => "not supported".to_owned(),
        Some(scopes) => scopes.iter().map(|s| format!("`{}`", docs::one_line(s))).collect::<Vec<_>>().join(", "),
    };
    format!(
        "Permissions, least privileged first: delegated (work or school account): {}; delegated (personal Microsoft account): {}; application: {}.",
        list(permissions.delegated_work.as_ref()),
        list(permissions.delegated_personal.as_ref()),
        list(permissions.application.as_ref()),
    )
}

/// How a caller sends the request with the crate's client, as a doc
/// example (not compiled: the crate's doctests are off).
fn example_call(op: &Operation, plan: &Plan, params: &[proc_macro2::Ident], body: bool) -> String {
    let module = plan.operations.get(&op.id).map_or(op.id.clone(), |n| n.module.clone());
    let mut args: Vec<String> =
        params.iter().map(|p| format!("\"{}\"", p.to_string().trim_start_matches("r#"))).collect();
    if body {
        args.push("&body".to_owned());
    }
    format!(
        "Example:\n\n```ignore\nlet request = endpoints::{module}::request({})?;\nlet response = client.send(request).await?; // or request.to_http(base_url) for any HTTP client\n```",
        args.join(", ")
    )
}

pub fn operation(op: &Operation, api: &Api, plan: &Plan) -> TokenStream {
    let (id, method, route) = (&op.id, &op.method, &op.path);
    let (file, line) = (&op.source.file, op.source.line);
    let parts = path_parts(&op.path_parts);
    let delegated_work = scopes(op.permissions.delegated_work.as_ref());
    let delegated_personal = scopes(op.permissions.delegated_personal.as_ref());
    let application = scopes(op.permissions.application.as_ref());

    let mut scope = Scope::with_reserved(&["body"]);
    let params: Vec<_> = op
        .path_parts
        .iter()
        .filter_map(|p| match p {
            PathPart::Param(name) => Some(names::ident(&scope.claim(names::snake(name)))),
            PathPart::Literal(_) => None,
        })
        .collect();
    let body = crate::body::request_type(op, plan, &TokenStream::new());
    let body_item = crate::body::item(op, api, plan);
    let body_param = body.as_ref().map(|ty| quote!(body: &#ty,));
    let with_body = body.as_ref().map(|_| quote!(.and_then(|request| request.json(body))));
    let response = response_type(op.response.body.as_ref(), plan);

    let title = if op.title.is_empty() { op.id.clone() } else { op.title.clone() };
    let mut notes = vec![format!("`{} {}`", op.method, docs::one_line(&op.path))];
    if let Some(status) = op.response.status {
        notes.push(format!("Succeeds with status {status}."));
    }
    notes.push(permission_note(&op.permissions));
    notes.push(example_call(op, plan, &params, body.is_some()));
    let doc = docs::item(&format!("{title}\n\n{}", op.description), &op.source, &notes);
    let static_doc = format!(" Route, permissions and source of `{}`.", op.id);
    quote! {
        #[doc = #static_doc]
        pub static OPERATION: ::mdapi_runtime::Operation = ::mdapi_runtime::Operation {
            id: #id,
            method: #method,
            route: #route,
            path: #parts,
            permissions: ::mdapi_runtime::Permissions {
                delegated_work: #delegated_work,
                delegated_personal: #delegated_personal,
                application: #application,
            },
            source: (#file, #line),
        };

        #body_item

        #doc
        pub fn request(#(#params: &str,)* #body_param) -> ::std::result::Result<::mdapi_runtime::Request<#response>, ::mdapi_runtime::request::BuildError> {
            ::mdapi_runtime::Request::new(&OPERATION, &[#(#params),*]) #with_body
        }
    }
}
