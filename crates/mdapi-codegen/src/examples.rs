//! Example tests: one `#[test]` per documented example, its bodies in JSON
//! files beside it. What each test asserts was decided in the IR: a body
//! that contradicts the tables is expected to fail decoding, so the test
//! flips (and asks for regeneration) when the docs are fixed.

use proc_macro2::TokenStream;
use quote::quote;

use std::collections::BTreeSet;

use mdapi_ir::{Api, BodyCheck, Example, TypeRef, UrlCheck};

use crate::features::{cfg_all, Features};
use crate::models::rust_type;
use crate::names;
use crate::plan::Plan;

/// A body file the test reads: path under `tests/` and its contents.
pub struct DataFile {
    pub path: String,
    pub contents: String,
}

fn operation_path(id: &str, plan: &Plan, krate: &syn::Ident) -> Option<TokenStream> {
    let module = names::ident(&plan.operations.get(id)?.module);
    Some(quote!(#krate::endpoints::#module::OPERATION))
}

fn body_assertion(
    check: Option<&BodyCheck>,
    body: Option<&serde_json::Value>,
    file: &str,
    plan: &Plan,
    krate: &syn::Ident,
    data: &mut Vec<DataFile>,
) -> Option<TokenStream> {
    let (check, body) = (check?, body?);
    let contents = serde_json::to_string_pretty(body).ok()? + "\n";
    data.push(DataFile { path: format!("examples/{file}"), contents });
    let include = format!("examples/{file}");
    let ty_tokens = |ty: &TypeRef| in_crate(&body_type(ty, plan), krate);
    match check {
        BodyCheck::RoundTrip { r#type, .. } => {
            let ty = ty_tokens(r#type);
            Some(quote!(::mdapi_runtime::check::round_trip::<#ty>(include_str!(#include));))
        }
        BodyCheck::DecodeFails { r#type, reason } => {
            let ty = ty_tokens(r#type);
            Some(quote!(::mdapi_runtime::check::decode_fails::<#ty>(include_str!(#include), #reason);))
        }
        BodyCheck::Unchecked { .. } => None,
    }
}

fn body_type(ty: &TypeRef, plan: &Plan) -> TokenStream {
    if ty.collection {
        let element = rust_type(&TypeRef { name: ty.name.clone(), collection: false }, plan, false);
        quote!(::mdapi_runtime::Collection<#element>)
    } else {
        rust_type(ty, plan, false)
    }
}

/// Generated types are named `crate::...` inside the crate; a test is
/// outside it and names the crate.
fn in_crate(tokens: &TokenStream, krate: &syn::Ident) -> TokenStream {
    tokens
        .clone()
        .into_iter()
        .map(|tree| match tree {
            proc_macro2::TokenTree::Ident(ident) if ident == "crate" => quote!(#krate),
            other => quote!(#other),
        })
        .collect()
}

/// The features a test needs: its operations' areas and the areas of the
/// gated types its bodies decode into.
fn test_cfg(example: &Example, api: &Api, features: &Features) -> Option<TokenStream> {
    let mut areas = BTreeSet::new();
    let ops: Vec<&str> = match &example.url_check {
        UrlCheck::Matches { .. } => example.operation.iter().map(String::as_str).collect(),
        UrlCheck::MatchesNone { candidates } => candidates.iter().map(String::as_str).collect(),
    };
    areas.extend(api.operations.iter().filter(|op| ops.contains(&op.id.as_str())).map(|op| op.area.clone()));
    let checks = [example.request.body_check.as_ref(), example.response.as_ref().and_then(|r| r.body_check.as_ref())];
    let types = checks.into_iter().flatten().filter_map(|check| match check {
        BodyCheck::RoundTrip { r#type, .. } | BodyCheck::DecodeFails { r#type, .. } => Some(r#type),
        BodyCheck::Unchecked { .. } => None,
    });
    features.areas_for_types(types, &mut areas);
    cfg_all(&areas)
}

fn example_test(
    example: &Example,
    api: &Api,
    plan: &Plan,
    features: &Features,
    krate: &syn::Ident,
    data: &mut Vec<DataFile>,
) -> TokenStream {
    let Some(name) = plan.examples.get(&example.id) else { return TokenStream::new() };
    let cfg = test_cfg(example, api, features);
    let test = names::ident(name);
    let (method, url) = (&example.request.method, &example.request.url);
    let url_assertion = match (&example.url_check, &example.operation) {
        (UrlCheck::Matches { bindings }, Some(op)) => operation_path(op, plan, krate).map(|op| {
            let names = bindings.iter().map(|(n, _)| n);
            let values = bindings.iter().map(|(_, v)| v);
            quote!(::mdapi_runtime::check::url_matches(&#op, #method, #url, &[#((#names, #values)),*]);)
        }),
        (UrlCheck::MatchesNone { candidates }, _) => {
            let ops = candidates.iter().filter_map(|c| operation_path(c, plan, krate));
            Some(quote!(::mdapi_runtime::check::url_matches_none(&[#(&#ops),*], #method, #url);))
        }
        _ => None,
    };
    let request = body_assertion(
        example.request.body_check.as_ref(),
        example.request.body.as_ref(),
        &format!("{name}.request.json"),
        plan,
        krate,
        data,
    );
    let response = example.response.as_ref().and_then(|response| {
        body_assertion(
            response.body_check.as_ref(),
            response.body.as_ref(),
            &format!("{name}.response.json"),
            plan,
            krate,
            data,
        )
    });
    let mut notes = Vec::new();
    if let UrlCheck::MatchesNone { .. } = example.url_check {
        notes.push("Doc defect: the URL matches none of the page's routes.".to_owned());
    }
    let checks = [example.request.body_check.as_ref(), example.response.as_ref().and_then(|r| r.body_check.as_ref())];
    for (what, check) in ["request", "response"].iter().zip(checks) {
        match check {
            Some(BodyCheck::DecodeFails { reason, .. }) => {
                notes.push(format!("Doc defect in the {what} body: {reason}."))
            }
            Some(BodyCheck::Unchecked { reason }) => notes.push(format!("The {what} body is not checked: {reason}.")),
            _ => {}
        }
    }
    let title = format!("Example `{}`: `{} {}`.", example.name.as_deref().unwrap_or(&example.id), method, url);
    let doc = crate::docs::item(&title, &example.source, &notes);
    quote! {
        #doc
        #cfg
        #[test]
        fn #test() {
            #url_assertion
            #request
            #response
        }
    }
}

/// `tests/examples.rs` and its body files.
pub fn test_file(api: &Api, plan: &Plan, features: &Features, crate_name: &str) -> (TokenStream, Vec<DataFile>) {
    let krate = names::ident(&names::snake(crate_name));
    let mut data = Vec::new();
    let tests: Vec<TokenStream> =
        api.examples.iter().map(|e| example_test(e, api, plan, features, &krate, &mut data)).collect();
    (
        quote! {
            //! The docs' own examples as tests, one per example.
                #(#tests)*
        },
        data,
    )
}
