//! Example tests: tables of `mdapi_runtime::examples::Case`s, one per
//! documented example and one per resource representation, a file per area
//! (`tests/examples/cases/`), run by the runtime's harness as tests named
//! `<area>::<example>`; bodies live in JSON files under `tests/examples/`. What each case
//! asserts was decided in the IR: a body that contradicts the tables is
//! expected to fail decoding, so the test flips (and asks for regeneration)
//! when the docs are fixed.

use proc_macro2::TokenStream;
use quote::quote;

use mdapi_ir::{Api, BodyCheck, Example, Operation, Representation, TypeName, TypeRef, UrlCheck};

use crate::features::{cfg_all, Features, Needs};
use crate::names;
use crate::plan::Plan;
use crate::rust_types::rust_type;

/// A body file the test reads: path under `tests/` and its contents.
pub struct DataFile {
    pub path: String,
    pub contents: String,
}

fn operation_path(id: &str, plan: &Plan, krate: &syn::Ident) -> Option<TokenStream> {
    let module = endpoint_module(id, plan, krate)?;
    Some(quote!(#module OPERATION))
}

/// `::krate::endpoints::module::`, the path items of an endpoint follow.
fn endpoint_module(id: &str, plan: &Plan, krate: &syn::Ident) -> Option<TokenStream> {
    let module = names::ident(&plan.operations.get(id)?.module);
    Some(quote!(::#krate::endpoints::#module::))
}

/// The operation the example's URL matched.
fn matched_operation<'a>(example: &Example, api: &'a Api, plan: &Plan) -> Option<&'a Operation> {
    let id = example.operation.as_deref().filter(|_| matches!(example.url_check, UrlCheck::Matches { .. }))?;
    plan.find_operation(api, id)
}

/// `own_type`: the type the body decodes into when it is not the checked
/// type's model (an operation's own request `Body`).
fn body_assertion(
    check: Option<&BodyCheck>,
    body: Option<&serde_json::Value>,
    stem: &str,
    own_type: Option<TokenStream>,
    plan: &Plan,
    krate: &syn::Ident,
    data: &mut Vec<DataFile>,
) -> Option<TokenStream> {
    let check = check?;
    if let BodyCheck::NotJson { text, reason } = check {
        // Body files are in `tests/examples/`; the cases that read them in
        // `tests/examples/cases/`.
        let include = format!("../{stem}.txt");
        data.push(DataFile { path: format!("examples/{stem}.txt"), contents: text.clone() });
        return Some(quote!(::mdapi_runtime::examples::BodyCase::NotJson {
            text: include_str!(#include),
            reason: #reason,
        }));
    }
    let body = body?;
    let include = format!("../{stem}.json");
    let mut json_file = || {
        let contents = serde_json::to_string_pretty(body).ok()? + "\n";
        data.push(DataFile { path: format!("examples/{stem}.json"), contents });
        Some(())
    };
    let ty_tokens = |ty: &TypeRef| own_type.clone().unwrap_or_else(|| in_crate(&body_type(ty, plan), krate));
    match check {
        BodyCheck::RoundTrip { r#type, wrapped, primitive_value, .. } => {
            json_file()?;
            let ty = primitive(ty_tokens(r#type), *primitive_value);
            let (case, check) = if *wrapped {
                (quote!(Wrapped), quote!(round_trip_wrapped))
            } else {
                (quote!(RoundTrip), quote!(round_trip))
            };
            Some(quote!(::mdapi_runtime::examples::BodyCase::#case {
                json: include_str!(#include),
                check: ::mdapi_runtime::check::#check::<#ty>,
            }))
        }
        BodyCheck::Untyped => {
            json_file()?;
            Some(quote!(::mdapi_runtime::examples::BodyCase::RoundTrip {
                json: include_str!(#include),
                check: ::mdapi_runtime::check::round_trip::<::serde_json::Value>,
            }))
        }
        BodyCheck::DecodeFails { r#type, reason, wrapped, primitive_value, collection_shown } => {
            json_file()?;
            let ty = primitive(ty_tokens(r#type), *primitive_value);
            let check = match (*collection_shown, *wrapped) {
                (true, _) => quote!(shows_collection),
                (false, true) => quote!(decode_fails_wrapped::<#ty>),
                (false, false) => quote!(decode_fails::<#ty>),
            };
            Some(quote!(::mdapi_runtime::examples::BodyCase::DecodeFails {
                json: include_str!(#include),
                reason: #reason,
                check: ::mdapi_runtime::check::#check,
            }))
        }
        BodyCheck::NotJson { .. } | BodyCheck::Bytes { .. } | BodyCheck::Unchecked { .. } => None,
    }
}

/// A single primitive in OData's `{"value": ...}` answer form.
fn primitive(ty: TokenStream, wrapped: bool) -> TokenStream {
    if wrapped {
        quote!(::mdapi_runtime::PrimitiveValue<#ty>)
    } else {
        ty
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
            // `::name`: a module of the test may share the crate's name.
            proc_macro2::TokenTree::Ident(ident) if ident == "crate" => quote!(::#krate),
            other => quote!(#other),
        })
        .collect()
}

/// The features a test needs: its operations' areas and the areas of the
/// gated types its bodies decode into.
fn test_cfg(example: &Example, api: &Api, plan: &Plan, features: &Features) -> Option<TokenStream> {
    let mut needs = Needs::default();
    let ops: Vec<&str> = match &example.url_check {
        UrlCheck::Matches { .. } => example.operation.iter().map(String::as_str).collect(),
        UrlCheck::MatchesNone { candidates } => candidates.iter().map(String::as_str).collect(),
    };
    needs.all.extend(ops.iter().filter_map(|id| plan.find_operation(api, id)).map(|op| op.area.clone()));
    let checks = [example.request.body_check.as_ref(), example.response.as_ref().and_then(|r| r.body_check.as_ref())];
    let types = checks.into_iter().flatten().filter_map(|check| match check {
        BodyCheck::RoundTrip { r#type, .. } | BodyCheck::DecodeFails { r#type, .. } => Some(r#type),
        BodyCheck::Untyped | BodyCheck::Bytes { .. } | BodyCheck::NotJson { .. } | BodyCheck::Unchecked { .. } => None,
    });
    features.add_types(types, &mut needs);
    cfg_all(&needs)
}

/// The area a case is filed under: its operation's, else (a URL that
/// matches no route) its first candidate's.
fn case_area<'a>(example: &Example, api: &'a Api) -> &'a str {
    let op = match &example.url_check {
        UrlCheck::Matches { .. } => example.operation.as_deref(),
        UrlCheck::MatchesNone { candidates } => candidates.first().map(String::as_str),
    };
    op.and_then(|id| api.operations.iter().find(|o| o.id == id)).map_or("unmatched", |o| o.area.as_str())
}

/// Whether the client can send the example as documented and get its
/// response back (typed, or as a `GraphError` for an error status): the URL
/// matches a route, the status can travel as documented, and every body
/// present is JSON that round-trips as it stands.
fn client_checkable(example: &Example) -> bool {
    let body_ok = |check: Option<&BodyCheck>, body: Option<&serde_json::Value>| {
        matches!(
            (check, body),
            (None, None) | (Some(BodyCheck::RoundTrip { wrapped: false, .. } | BodyCheck::Untyped), Some(_))
        )
    };
    // A redirect's `Location` leaves the mock. The mock answers what the
    // service sends: a 204 without the body a page may show, the entity a
    // `{"value": {...}}` wrapper holds (intune pages).
    let response_ok = example.response.as_ref().is_some_and(|r| {
        let sendable = matches!(r.status, 200..=299 | 400..=599);
        let wrapped = matches!(r.body_check, Some(BodyCheck::RoundTrip { wrapped: true, .. }));
        sendable && (r.status == 204 || wrapped || body_ok(r.body_check.as_ref(), r.body.as_ref()))
    });
    matches!(example.url_check, UrlCheck::Matches { .. })
        && example.operation.is_some()
        && example.missing_arguments.is_empty()
        && body_ok(example.request.body_check.as_ref(), example.request.body.as_ref())
        && response_ok
}

/// The client check's call: the endpoint's own `request` with the path
/// values and (when it takes one) the documented body decoded into its body
/// type, exactly what a user passes; `exchange` sends it and decodes the
/// answer into the endpoint's declared response type.
fn call(op: &Operation, plan: &Plan, krate: &syn::Ident) -> Option<TokenStream> {
    let module = endpoint_module(&op.id, plan, krate)?;
    let count = op.path_parts.iter().filter(|p| matches!(p, mdapi_runtime::PathPart::Param(_))).count();
    let values = (0..count).map(proc_macro2::Literal::usize_unsuffixed).map(|index| quote!(input.path(#index)));
    let body = crate::body::request_type(op, plan, &TokenStream::new()).map(|_| quote!(&input.body()?));
    // Required query values and headers as the documented request has
    // them, a typed query value parsed as the argument's type.
    let args = crate::endpoints::call_args(op, &mut names::Scope::default());
    let extra: Vec<TokenStream> = args
        .iter()
        .map(|arg| match &arg.kind {
            crate::endpoints::ArgKind::Query { name, typed: false } => quote!(input.query(#name)?),
            crate::endpoints::ArgKind::Query { name, typed: true } => {
                let ty = &arg.ty;
                quote!(input.query_as::<#ty>(#name)?)
            }
            crate::endpoints::ArgKind::Header { name } => quote!(input.header(#name)?),
        })
        .collect();
    // A call with neither path values, arguments nor a body does not read its input.
    let input = if count == 0 && body.is_none() && extra.is_empty() { quote!(_) } else { quote!(input) };
    Some(quote! {
        |input| ::mdapi_runtime::examples_call::exchange(input, |#input| {
            ::core::result::Result::Ok(#module request(#(#values,)* #(#extra,)* #body)?)
        })
    })
}

/// Header pairs a case can carry: a name `http` takes and a value of
/// visible ASCII (a documented placeholder like `{etag}` is one; a line
/// break or non-ASCII text is not, and is left out).
fn header_pairs<'a>(headers: impl Iterator<Item = &'a (String, String)>) -> TokenStream {
    let pairs = headers.filter(|(_, value)| !value.is_empty() && value.bytes().all(|b| (b' '..=b'~').contains(&b)));
    let pairs = pairs.map(|(name, value)| quote!((#name, #value)));
    quote!(&[#(#pairs),*])
}

/// The documented request headers the client check sends and checks: the
/// sendable ones the client does not set itself.
fn request_headers(example: &Example) -> TokenStream {
    header_pairs(example.request.headers.iter().filter(|(name, _)| crate::endpoints::sendable_header(name)))
}

/// The documented response's monitor headers, which the mock answers with.
fn response_headers(example: &Example) -> TokenStream {
    const MONITOR: &[&str] = &["location", "operation-location", "retry-after"];
    let headers = example.response.iter().flat_map(|r| &r.headers);
    header_pairs(headers.filter(|(name, _)| MONITOR.contains(&name.to_ascii_lowercase().as_str())))
}

fn option(tokens: Option<TokenStream>) -> TokenStream {
    match tokens {
        Some(tokens) => quote!(::core::option::Option::Some(#tokens)),
        None => quote!(::core::option::Option::None),
    }
}

fn example_case(
    example: &Example,
    api: &Api,
    plan: &Plan,
    features: &Features,
    krate: &syn::Ident,
    data: &mut Vec<DataFile>,
) -> TokenStream {
    let Some(name) = plan.examples.get(&example.id) else { return TokenStream::new() };
    let cfg = test_cfg(example, api, plan, features);
    let area = case_area(example, api);
    let (method, url) = (&example.request.method, &example.request.url);
    let url_case = match (&example.url_check, &example.operation) {
        (UrlCheck::Matches { bindings }, Some(op)) => operation_path(op, plan, krate).map(|op| {
            let names = bindings.iter().map(|(n, _)| n);
            let values = bindings.iter().map(|(_, v)| v);
            quote!(::mdapi_runtime::examples::UrlCase::Matches { operation: &#op, bindings: &[#((#names, #values)),*] })
        }),
        (UrlCheck::MatchesNone { candidates }, _) => {
            let ops = candidates.iter().filter_map(|c| operation_path(c, plan, krate));
            Some(quote!(::mdapi_runtime::examples::UrlCase::MatchesNone { operations: &[#(&#ops),*] }))
        }
        _ => None,
    };
    let own_body = matched_operation(example, api, plan)
        .filter(|op| crate::body::has_own(op, plan))
        .and_then(|op| endpoint_module(&op.id, plan, krate))
        .map(|module| quote!(#module Body));
    let request = body_assertion(
        example.request.body_check.as_ref(),
        example.request.body.as_ref(),
        &format!("{name}.request"),
        own_body,
        plan,
        krate,
        data,
    );
    let response = example.response.as_ref().and_then(|response| {
        body_assertion(
            response.body_check.as_ref(),
            response.body.as_ref(),
            &format!("{name}.response"),
            None,
            plan,
            krate,
            data,
        )
    });
    // Media bodies (`Bytes`) travel raw: the client check compares JSON.
    let media = matched_operation(example, api, plan)
        .is_some_and(|op| op.request_body.iter().chain(&op.response.body).any(crate::rust_types::is_stream));
    // A `204` answers nothing: a call declaring a body cannot decode it.
    let empty_for_a_body = example.response.as_ref().is_some_and(|r| r.status == 204)
        && matched_operation(example, api, plan).is_some_and(|op| op.response.body.is_some());
    let client_check = client_checkable(example) && !media && !empty_for_a_body;
    let call = matched_operation(example, api, plan).filter(|_| client_check).and_then(|op| call(op, plan, krate));
    let status = example.response.as_ref().map_or(0, |r| r.status);
    // Headers matter only to the client check.
    let (headers, response_headers) =
        if client_check { (request_headers(example), response_headers(example)) } else { (quote!(&[]), quote!(&[])) };
    let (url_case, request, response, call) = (option(url_case), option(request), option(response), option(call));
    let (file, line) = (&example.source.file, example.source.line);
    quote! {
        #cfg
        ::mdapi_runtime::examples::Case {
            area: #area,
            name: #name,
            source: (#file, #line),
            method: #method,
            url: #url,
            headers: #headers,
            response_headers: #response_headers,
            url_case: #url_case,
            request: #request,
            response: #response,
            status: #status,
            client_check: #client_check,
            call: #call,
        },
    }
}

/// The test group of resource representations (`resources::user`).
const REPRESENTATIONS: &str = "resources";

/// A resource page's JSON representation as a case: no method or URL, its
/// body in `response`.
fn representation_case(
    representation: &Representation,
    plan: &Plan,
    features: &Features,
    krate: &syn::Ident,
    data: &mut Vec<DataFile>,
) -> TokenStream {
    let Some(name) = plan.representations.get(&representation.id) else { return TokenStream::new() };
    let check = &representation.body_check;
    let stem = format!("{REPRESENTATIONS}/{name}");
    let Some(body) = body_assertion(Some(check), Some(&representation.body), &stem, None, plan, krate, data) else {
        return TokenStream::new();
    };
    let mut needs = Needs::default();
    features.add_types(
        std::iter::once(&TypeRef { name: TypeName::from_ir(&representation.r#type), collection: false }),
        &mut needs,
    );
    let cfg = cfg_all(&needs);
    let (file, line) = (&representation.source.file, representation.source.line);
    quote! {
        #cfg
        ::mdapi_runtime::examples::Case {
            area: #REPRESENTATIONS,
            name: #name,
            source: (#file, #line),
            method: "",
            url: "",
            headers: &[],
            response_headers: &[],
            url_case: ::core::option::Option::None,
            request: ::core::option::Option::None,
            response: ::core::option::Option::Some(#body),
            status: 0,
            client_check: false,
            call: ::core::option::Option::None,
        },
    }
}

/// The cases of one test group (an API area, `resources`, `unmatched`),
/// written to `tests/examples/cases/<module>.rs`, so each formats on its own
/// core and a docs change touches one group's file.
pub struct Group<'a> {
    /// The group's name, as in test names (`users::get_user`).
    pub area: String,
    /// Module and file stem.
    pub module: String,
    pub examples: Vec<&'a Example>,
    pub representations: Vec<&'a Representation>,
}

/// Every example and representation, grouped by area, groups sorted.
pub fn groups(api: &Api) -> Vec<Group<'_>> {
    let mut by_area: std::collections::BTreeMap<String, (Vec<&Example>, Vec<&Representation>)> = Default::default();
    for example in &api.examples {
        by_area.entry(case_area(example, api).to_owned()).or_default().0.push(example);
    }
    for representation in &api.representations {
        by_area.entry(REPRESENTATIONS.to_owned()).or_default().1.push(representation);
    }
    let mut modules = names::Scope::with_reserved(&["main"]);
    by_area
        .into_iter()
        .map(|(area, (examples, representations))| {
            let module = modules.claim(names::fit(names::snake(&area)));
            Group { area, module, examples, representations }
        })
        .collect()
}

/// A group's file of cases: its inner doc, the head of its table
/// (`pub(crate) static CASES: &[Case]`), one stream per case (each ending
/// in its comma), and the body files its cases read. The file is the
/// table `#head = &[#cases]` after the doc, formatted one case at a time
/// (`Formatter::rust_static_slice`).
pub struct CasesFile {
    pub inner: TokenStream,
    pub head: TokenStream,
    pub cases: Vec<TokenStream>,
    pub data: Vec<DataFile>,
}

/// A group's file of cases and the body files its cases read.
pub fn group_file(group: &Group<'_>, api: &Api, plan: &Plan, features: &Features, crate_name: &str) -> CasesFile {
    let krate = names::ident(&names::snake(crate_name));
    let mut data = Vec::new();
    let mut cases: Vec<TokenStream> =
        group.examples.iter().map(|e| example_case(e, api, plan, features, &krate, &mut data)).collect();
    cases.extend(group.representations.iter().map(|r| representation_case(r, plan, features, &krate, &mut data)));
    let doc = format!(" The `{}` cases of the docs' examples (see `tests/examples.rs`).", group.area);
    CasesFile {
        inner: quote! { #![doc = #doc] },
        head: quote! { pub(crate) static CASES: &[::mdapi_runtime::examples::Case] },
        cases,
        data,
    }
}

/// `tests/examples.rs`: the harness's `main` over every group's cases.
pub fn main_file(groups: &[Group<'_>]) -> TokenStream {
    let modules: Vec<syn::Ident> = groups.iter().map(|g| names::ident(&g.module)).collect();
    let paths = groups.iter().map(|g| format!("examples/cases/{}.rs", g.module));
    quote! {
        //! The docs' own examples as tests: one case per example, run as
        //! `<area>::<example>` by `mdapi_runtime::examples::main`, and one
        //! per resource page's JSON representation, run as
        //! `resources::<type>`. Cases are in `examples/cases/`, one file per
        //! area; each case's page and line are in `source`; what its checks
        //! mean is in `mdapi_runtime::examples`.

        #(#[path = #paths] mod #modules;)*

        fn main() -> ::std::process::ExitCode {
            ::mdapi_runtime::examples::main(&[#(#modules::CASES),*])
        }
    }
}
