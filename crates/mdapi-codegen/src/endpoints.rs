//! One module per operation: its metadata as a `static` and a function
//! that builds the request value (no I/O).

use proc_macro2::TokenStream;
use quote::quote;

use mdapi_ir::{Api, Operation, ParameterLocation, Response, TypeRef};
use mdapi_runtime::PathPart;

use crate::docs;
use crate::names::{self, Scope};
use crate::plan::Plan;
use crate::rust_types::{argument_type, is_stream, rust_type, ArgumentPlace};

fn path_parts(parts: &[PathPart]) -> TokenStream {
    let parts = parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(::mdapi_runtime::PathPart::Literal(#text)),
        PathPart::Param(name) => quote!(::mdapi_runtime::PathPart::Param(#name)),
    });
    quote!(&[#(#parts),*])
}

/// The response type the request value carries: a `202 Accepted` with no
/// documented body answers `mdapi_runtime::Accepted`, which keeps the
/// `Location` monitor URL the caller polls.
pub(crate) fn response_type(response: &Response, plan: &Plan) -> TokenStream {
    match response.body.as_ref() {
        None if response.status == Some(202) => quote!(::mdapi_runtime::Accepted),
        None => quote!(()),
        Some(ty) if is_stream(ty) => quote!(::mdapi_runtime::Bytes),
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

/// `#[allow(clippy::too_many_arguments)]` for a generated function taking
/// `count` arguments (`self` counted) where that is over clippy's limit
/// of 7: how many a call takes is the docs' (path values, a function's
/// parameters, required query parameters and headers, a body), and a
/// generated crate must pass `clippy -D warnings` whatever they hold.
pub(crate) fn many_arguments(count: usize) -> Option<TokenStream> {
    (count > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]))
}

/// Where an argument of `request(..)` beyond the path values goes.
pub(crate) enum ArgKind {
    /// A required query parameter, by its documented name; `typed` when
    /// the argument is not `&str` (the example call then parses the
    /// documented value into it).
    Query { name: String, typed: bool },
    /// A required request header, by its documented name; always `&str`.
    Header { name: String },
}

/// An argument of an endpoint's `request(..)` after the path values and
/// before the body: required query parameters, then required headers.
pub(crate) struct CallArg {
    pub ident: syn::Ident,
    pub ty: TokenStream,
    pub kind: ArgKind,
}

/// A header name a call can take as an argument (`mdapi_ir`'s rule, so the
/// example checks and the endpoints agree).
pub(crate) fn sendable_header(name: &str) -> bool {
    mdapi_ir::sendable_header(name)
}

/// The Rust type a required query parameter of Edm type `type_name` is
/// taken as, and whether it is other than `&str`. Anything but the
/// primitives `QueryValue` renders (enums, complex types, unknown names)
/// is taken as text.
fn query_type(type_name: Option<&mdapi_ir::TypeName>) -> (TokenStream, bool) {
    argument_type(type_name, ArgumentPlace::QueryValue)
}

fn required_query(op: &Operation) -> Vec<&mdapi_ir::Parameter> {
    op.required_query()
}

fn required_headers(op: &Operation) -> Vec<&mdapi_ir::Header> {
    op.required_headers()
}

/// The arguments of `request(..)` after the path values, named in `scope`
/// (which holds the path values' names already).
pub(crate) fn call_args(op: &Operation, scope: &mut Scope) -> Vec<CallArg> {
    let mut args = Vec::new();
    for p in required_query(op) {
        let (ty, typed) = query_type(p.type_name.as_ref());
        let ident = names::ident(&scope.claim(names::snake(&p.name)));
        args.push(CallArg { ident, ty, kind: ArgKind::Query { name: p.name.trim().to_owned(), typed } });
    }
    for h in required_headers(op) {
        let ident = names::ident(&scope.claim(names::snake(&h.name)));
        args.push(CallArg { ident, ty: quote!(&str), kind: ArgKind::Header { name: h.name.clone() } });
    }
    args
}

/// The builder calls that put `args` into the request value `request`.
pub(crate) fn add_args(args: &[CallArg]) -> Vec<TokenStream> {
    args.iter()
        .map(|arg| {
            let ident = &arg.ident;
            match &arg.kind {
                ArgKind::Query { name, .. } => {
                    quote!(.param(#name, ::mdapi_runtime::request::QueryValue::to_query(&#ident)))
                }
                ArgKind::Header { name } => quote!(.header(#name, #ident)),
            }
        })
        .collect()
}

/// What the doc comment says about query parameters and headers: the
/// route's required query with the arguments that fill it, and how to set
/// the optional ones.
fn query_and_header_notes(op: &Operation, args: &[CallArg]) -> (String, Vec<String>) {
    let query: Vec<String> = args
        .iter()
        .filter_map(|arg| match &arg.kind {
            ArgKind::Query { name, .. } => {
                Some(format!("{}={{{}}}", docs::one_line(name), arg.ident.to_string().trim_start_matches("r#")))
            }
            ArgKind::Header { .. } => None,
        })
        .collect();
    let query = if query.is_empty() { String::new() } else { format!("?{}", query.join("&")) };
    let mut notes = Vec::new();
    let headers: Vec<String> = args
        .iter()
        .filter_map(|arg| match &arg.kind {
            ArgKind::Header { name } => Some(format!(
                "`{}` (argument `{}`)",
                docs::one_line(name),
                arg.ident.to_string().trim_start_matches("r#")
            )),
            ArgKind::Query { .. } => None,
        })
        .collect();
    if !headers.is_empty() {
        notes.push(format!("Required request headers, sent from the arguments: {}.", headers.join(", ")));
    }
    let describe = |name: &str, ty: Option<&str>, description: &str| {
        let ty = ty.map(|t| format!(" ({})", docs::one_line(t))).unwrap_or_default();
        let description = docs::one_line(description.trim());
        let description = if description.is_empty() { String::new() } else { format!(": {description}") };
        format!("- `{}`{ty}{description}", docs::one_line(name))
    };
    let optional: Vec<String> = op
        .parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Query && !p.required)
        .map(|p| describe(&p.name, p.type_name.as_ref().map(mdapi_ir::TypeName::as_str), &p.description))
        .collect();
    if !optional.is_empty() {
        notes.push(format!(
            "Optional query parameters, added with `.param(name, value)` on the request:\n{}",
            optional.join("\n")
        ));
    }
    let required = required_headers(op);
    let optional: Vec<String> = op
        .request_headers
        .iter()
        .filter(|h| sendable_header(&h.name) && !required.iter().any(|r| r.name.eq_ignore_ascii_case(&h.name)))
        .map(|h| describe(&h.name, None, &h.description))
        .collect();
    if !optional.is_empty() {
        notes.push(format!(
            "Optional request headers, added with `.header(name, value)` on the request:\n{}",
            optional.join("\n")
        ));
    }
    (query, notes)
}

/// How a caller sends the request with the crate's client, as a doc
/// example (not compiled: the crate's doctests are off).
fn example_call(op: &Operation, plan: &Plan, params: &[proc_macro2::Ident], extra: &[CallArg], body: bool) -> String {
    let module = plan.operations.get(&op.id).map_or(op.id.clone(), |n| n.module.clone());
    let mut args: Vec<String> =
        params.iter().map(|p| format!("\"{}\"", p.to_string().trim_start_matches("r#"))).collect();
    args.extend(extra.iter().map(|arg| {
        let name = arg.ident.to_string().trim_start_matches("r#").to_owned();
        match arg.kind {
            ArgKind::Query { typed: true, .. } => name,
            _ => format!("\"{name}\""),
        }
    }));
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
    let permissions = crate::permissions::value(&op.permissions);

    let mut scope = Scope::with_reserved(&["body"]);
    let params: Vec<_> = op
        .path_parts
        .iter()
        .filter_map(|p| match p {
            PathPart::Param(name) => Some(names::ident(&scope.claim(names::snake(name)))),
            PathPart::Literal(_) => None,
        })
        .collect();
    let extra = call_args(op, &mut scope);
    let extra_decls = extra.iter().map(|CallArg { ident, ty, .. }| quote!(#ident: #ty,));
    // The closure's binding takes a name no argument has.
    let bound = names::ident(&scope.claim("request".to_owned()));
    let mut adds = add_args(&extra);
    adds.extend(op.fixed_headers().into_iter().map(|(name, value)| quote!(.header(#name, #value))));
    let with_args = (!adds.is_empty()).then(|| quote!(.map(|#bound| #bound #(#adds)*)));
    let body = crate::body::request_type(op, plan, &TokenStream::new());
    let body_item = crate::body::item(op, api, plan);
    let body_param = body.as_ref().map(|ty| quote!(body: &#ty,));
    let with_body = match op.request_body.as_ref() {
        Some(ty) if is_stream(ty) => Some(quote!(.map(|request| request.media(body)))),
        Some(_) => Some(quote!(.and_then(|request| request.json(body)))),
        None => None,
    };
    let response = response_type(&op.response, plan);

    let title = if op.title.is_empty() { op.id.clone() } else { op.title.clone() };
    let (query, query_notes) = query_and_header_notes(op, &extra);
    let mut notes = vec![format!("`{} {}{query}`", op.method, docs::one_line(&op.path))];
    notes.extend(query_notes);
    match op.response.status {
        Some(202) if op.response.body.is_none() => notes.push(
            "Succeeds with status 202 Accepted: the answer is an `mdapi_runtime::Accepted` whose `location` (the `Location` header) is the monitor URL to poll.".to_owned(),
        ),
        Some(status) => notes.push(format!("Succeeds with status {status}.")),
        None => {}
    }
    notes.push(crate::permissions::note(&op.permissions));
    notes.push(example_call(op, plan, &params, &extra, body.is_some()));
    let doc = docs::item(&format!("{title}\n\n{}", op.description), &op.source, &notes);
    let static_doc = format!(" Route, permissions and source of `{}`.", op.id);
    let allow = many_arguments(params.len() + extra.len() + usize::from(body_param.is_some()));
    quote! {
        #[doc = #static_doc]
        pub static OPERATION: ::mdapi_runtime::Operation = ::mdapi_runtime::Operation {
            id: #id,
            method: #method,
            route: #route,
            path: #parts,
            permissions: #permissions,
            source: (#file, #line),
        };

        #body_item

        #doc
        #allow
        pub fn request(#(#params: &str,)* #(#extra_decls)* #body_param) -> ::std::result::Result<::mdapi_runtime::Request<#response>, ::mdapi_runtime::request::BuildError> {
            ::mdapi_runtime::Request::new(&OPERATION, &[#(#params),*]) #with_args #with_body
        }
    }
}
