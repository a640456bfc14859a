//! The path tree: every route's segments as fluent request builders, the
//! way Graph SDK users navigate (`Root.users().by_id("a@b.com").photos()`),
//! ending in one method per operation (`.get()`, `.post(&body)`) that
//! returns the same request value as `endpoints::<id>::request`.
//!
//! Routes are split at `/` into segments; a segment is literal (`photos`,
//! `$value`, `microsoft.graph.group`), a key (`{id}`), or literal text with
//! values (`reminderView(startDateTime={a},endDateTime={b})`,
//! `{path}:` of a colon path, `users(userPrincipalName='{upn}')`). Segments
//! that mean the same (`mdapi_runtime::route::Segment::key`; names:
//! ARCHITECTURE.md, "Names") share a node whatever their parameters are
//! named, so `/users/{id}` and `/users/{user-id}/photos` meet in one tree. A node
//! is a struct holding the path values given so far; each value is
//! percent-encoded when the request is built, so no value can change the
//! path's shape. One file per top-level segment, behind the features of
//! the areas under it. A route with no segment (`/`), or with more than
//! `MAX_TREE_SEGMENTS` (reported as `route-too-deep`), has no builder; its
//! `endpoints` function is the way to call it.
//!
//! `tree` builds the tree from the routes' segments (`mdapi_runtime::route`),
//! `naming` names its methods and structs, and this module emits it; the
//! imports go one way (`mod` → `naming` → `tree`).

mod naming;
mod tree;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;

use mdapi_ir::{Api, Operation, ParameterLocation};
use mdapi_runtime::path::ValuePlace;
use mdapi_runtime::route::Segment;

use crate::docs;
use crate::features::Features;
use crate::names::{self, Scope};
use crate::plan::Plan;
use naming::named_tree;
use tree::{node_operations, ordered_children, Node};

/// Rust type and rendering of a path value, from the operation's
/// parameter table (`Int32` → `i32`, `DateTimeOffset` → the runtime's
/// type); text when the docs give no primitive type.
fn value_type(op: Option<&Operation>, param: &str) -> (TokenStream, bool) {
    let ty = op.and_then(|op| {
        op.parameters
            .iter()
            .find(|p| p.name == param && p.location != ParameterLocation::Query)
            .and_then(|p| p.type_name.clone())
    });
    crate::rust_types::argument_type(ty.as_ref(), crate::rust_types::ArgumentPlace::PathValue)
}

/// Everything emitted for one subtree, and the areas its operations need.
struct Emitted {
    items: Vec<TokenStream>,
    areas: BTreeSet<String>,
}

/// The first operation at or under `node`: the one whose parameter table
/// types the node's path values.
fn first_operation<'a>(node: &Node<'a>) -> Option<&'a Operation> {
    node.operations.first().copied().or_else(|| node.children.values().find_map(first_operation))
}

/// A node's struct, its methods, and (recursively) its children's.
fn emit_node(node: &Node<'_>, plan: &Plan, features: &Features, out: &mut Emitted) {
    let ident = names::ident(&node.ident);
    let depth = node.depth;
    let values: Vec<syn::Ident> = (0..depth).map(|i| quote::format_ident!("v{i}")).collect();
    let destructure = (depth > 0).then(|| quote!(let [#(#values),*] = &self.values;));
    let mut methods = Vec::new();
    // Children are emitted after this node, in this order.
    let mut pending = Vec::new();
    for (child, segment) in ordered_children(node) {
        let child_ident = names::ident(&child.ident);
        let params: Vec<&str> = segment.params().collect();
        let method = names::ident(&child.method);
        let mut arg_scope = Scope::with_reserved(&["self"]);
        let example = first_operation(child);
        let args: Vec<(syn::Ident, TokenStream, bool)> = params
            .iter()
            .map(|p| {
                let (ty, typed) = value_type(example, p);
                (names::ident(&arg_scope.claim(names::snake(p))), ty, typed)
            })
            .collect();
        let arg_decls = args.iter().map(|(a, ty, _)| quote!(#a: #ty));
        // A typed value in a function's parentheses is an OData literal
        // (`duration'P1D'`); in a segment, its text.
        let places = mdapi_runtime::path::value_places(&segment.parts);
        let owned = args.iter().zip(places.iter().chain(std::iter::repeat(&ValuePlace::Segment))).map(
            |((a, _, typed), place)| match (typed, place) {
                (true, ValuePlace::Literal) => quote!(::mdapi_runtime::literal::Literal::to_literal(&#a)),
                (true, _) => quote!(#a.to_string()),
                (false, _) => quote!(#a.to_owned()),
            },
        );
        let doc = format!(" `{}`", docs::one_line(&child.route));
        let carried = values.iter().map(|v| quote!(#v.clone()));
        let allow = crate::endpoints::many_arguments(1 + args.len());
        methods.push(quote! {
            #[doc = #doc]
            #allow
            pub fn #method(&self, #(#arg_decls),*) -> #child_ident {
                #destructure
                #child_ident { values: [#(#carried,)* #(#owned),*] }
            }
        });
        pending.push(child);
    }
    for op in node_operations(node) {
        let Some(name) = plan.operations.get(&op.id) else { continue };
        let module = names::ident(&name.module);
        let method = names::ident(&names::snake(&op.method.to_ascii_lowercase()));
        let cfg = features.areas.contains(&op.area).then(|| {
            let area = &op.area;
            quote!(#[cfg(feature = #area)])
        });
        if features.areas.contains(&op.area) {
            out.areas.insert(op.area.clone());
        }
        let body_ty = crate::body::request_type(op, plan, &quote!(super::super::endpoints::#module::));
        let body_param = body_ty.as_ref().map(|ty| quote!(body: &#ty));
        let body_arg = body_ty.as_ref().map(|_| quote!(body));
        // The endpoint's query and header arguments, forwarded as they come;
        // their names avoid the path values' bindings `v0`, `v1`, ...
        let mut reserved: Vec<String> = values.iter().map(ToString::to_string).collect();
        reserved.extend(["self", "body"].map(str::to_owned));
        let reserved: Vec<&str> = reserved.iter().map(String::as_str).collect();
        let extra = crate::endpoints::call_args(op, &mut Scope::with_reserved(&reserved));
        let extra_decls = extra.iter().map(|arg| {
            let (ident, ty) = (&arg.ident, &arg.ty);
            quote!(#ident: #ty,)
        });
        let extra_args = extra.iter().map(|arg| &arg.ident);
        let response = crate::endpoints::response_type(&op.response, plan);
        let title = if op.title.is_empty() { op.id.clone() } else { docs::one_line(&op.title) };
        let doc = format!(
            " {title}: `{} {}` (`endpoints::{}`; {}, line {}).",
            op.method,
            docs::one_line(&op.path),
            name.module,
            docs::one_line(&op.source.file),
            op.source.line
        );
        let allow = crate::endpoints::many_arguments(1 + extra.len() + usize::from(body_param.is_some()));
        methods.push(quote! {
            #[doc = #doc]
            #cfg
            #allow
            pub fn #method(&self, #(#extra_decls)* #body_param) -> ::std::result::Result<::mdapi_runtime::Request<#response>, ::mdapi_runtime::request::BuildError> {
                #destructure
                super::super::endpoints::#module::request(#(#values,)* #(#extra_args,)* #body_arg)
            }
        });
    }
    let doc = if node.route.is_empty() {
        " The root of the path tree: `Root.users().by_id(\"a@b.com\").get()`.".to_owned()
    } else {
        format!(" `{}`: path values given so far, not yet encoded.", docs::one_line(&node.route))
    };
    out.items.push(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct #ident {
            pub(super) values: [::std::string::String; #depth],
        }

        impl #ident {
            /// The path values given so far, in route order.
            pub fn values(&self) -> &[::std::string::String] {
                &self.values
            }

            #(#methods)*
        }
    });
    // Children after their parent, so a file reads from the top down.
    for child in pending {
        emit_node(child, plan, features, out);
    }
}

/// A top-level segment: the subtree one file (or inline module) holds.
struct Subtree<'n, 'a> {
    node: &'n Node<'a>,
    module_name: String,
}

/// The top-level subtrees with their module names (private: their structs
/// are re-exported), after the method that leads to them.
fn subtrees<'n, 'a>(root: &'n Node<'a>) -> Vec<Subtree<'n, 'a>> {
    let mut modules = Scope::with_reserved(&["mod"]);
    ordered_children(root)
        .into_iter()
        .map(|(node, _)| Subtree {
            node,
            module_name: modules.claim(names::module_file(names::fit(node.method.trim_end_matches('_').to_owned()))),
        })
        .collect()
}

/// A subtree's module doc, its items, and the areas its operations need.
fn subtree_contents(subtree: &Subtree<'_, '_>, plan: &Plan, features: &Features) -> (TokenStream, Emitted) {
    let mut emitted = Emitted { items: Vec::new(), areas: BTreeSet::new() };
    emit_node(subtree.node, plan, features, &mut emitted);
    let doc = format!(" The `{}` subtree of the path tree.", docs::one_line(&subtree.node.route));
    (quote!(#![doc = #doc]), emitted)
}

/// `#[cfg]` for a subtree whose operations need `areas`.
fn areas_cfg(areas: &BTreeSet<String>) -> Option<TokenStream> {
    match areas.len() {
        0 => None,
        1 => areas.first().map(|area| quote!(#[cfg(feature = #area)])),
        _ => {
            let areas = areas.iter();
            Some(quote!(#[cfg(any(#(feature = #areas),*))]))
        }
    }
}

/// `src/paths/mod.rs` and one file per top-level segment, formatted as they
/// are made, on all cores; each thread holds one subtree's tokens at a time
/// (beta's `deviceManagement` subtree alone is 4 MB of code).
pub(crate) fn files(
    api: &Api,
    plan: &Plan,
    features: &Features,
    fmt: &crate::format::Formatter<'_>,
) -> Result<Vec<(String, String)>, crate::Error> {
    let root = named_tree(api);
    let subtrees = subtrees(&root);
    let rendered = subtrees
        .par_iter()
        .map(|subtree| {
            let (doc, Emitted { items, areas }) = subtree_contents(subtree, plan, features);
            let (doc, items) = shorten_subtree(doc, items);
            let path = format!("src/paths/{}.rs", subtree.module_name);
            fmt.rust_items(&path, "the doc set's routes", doc, items).map(|text| (path, text, areas))
        })
        .collect::<Result<Vec<_>, crate::Error>>()?;
    let mut files = Vec::with_capacity(rendered.len() + 1);
    let mut cfgs = Vec::with_capacity(rendered.len());
    for (path, text, areas) in rendered {
        files.push((path, text));
        cfgs.push(areas_cfg(&areas));
    }
    let root_file = root_module(&subtrees, &cfgs, declarations(&subtrees, &cfgs, true));
    files.push(("src/paths/mod.rs".to_owned(), fmt.rust("src/paths/mod.rs", "the doc set's routes", root_file)?));
    Ok(files)
}

/// A subtree file's `doc` (its inner attributes) and `items`, paths
/// shortened as one file's (`short_paths`), the runtime's import after
/// `doc` when they use it. The items stay separate streams (see
/// [`files`]).
fn shorten_subtree(doc: TokenStream, items: Vec<TokenStream>) -> (TokenStream, Vec<TokenStream>) {
    let (import, items) = crate::short_paths::shorten_items(items);
    (quote!(#doc #import), items)
}

/// The path tree as one `paths` module of inline modules, for a build
/// script's single file.
pub fn inline(api: &Api, plan: &Plan, features: &Features) -> TokenStream {
    let root = named_tree(api);
    let subtrees = subtrees(&root);
    let mut modules = Vec::with_capacity(subtrees.len());
    let mut cfgs = Vec::with_capacity(subtrees.len());
    for subtree in &subtrees {
        let (doc, Emitted { items, areas }) = subtree_contents(subtree, plan, features);
        let cfg = areas_cfg(&areas);
        let module = names::ident(&subtree.module_name);
        let contents = crate::short_paths::shorten(quote!(#doc #(#items)*));
        modules.push(quote!(#cfg mod #module { #contents }));
        cfgs.push(cfg);
    }
    let root_file = root_module(&subtrees, &cfgs, declarations(&subtrees, &cfgs, false));
    quote!(pub mod paths { #root_file #(#modules)* })
}

/// Each subtree's structs re-exported at the root, behind its `cfg`;
/// `in_files`: each subtree is a file, so its `mod` is declared too.
fn declarations(subtrees: &[Subtree<'_, '_>], cfgs: &[Option<TokenStream>], in_files: bool) -> TokenStream {
    let each = subtrees.iter().zip(cfgs).map(|(subtree, cfg)| {
        let module = names::ident(&subtree.module_name);
        let declared = in_files.then(|| quote!(#cfg mod #module;));
        quote!(#declared #cfg pub use #module::*;)
    });
    quote!(#(#each)*)
}

/// The contents of `paths/mod.rs`: `declarations` of the subtrees' modules,
/// then `Root` with one method per top-level segment.
fn root_module(subtrees: &[Subtree<'_, '_>], cfgs: &[Option<TokenStream>], declarations: TokenStream) -> TokenStream {
    let root_methods = subtrees.iter().zip(cfgs).map(|(subtree, cfg)| {
        let method = names::ident(&subtree.node.method);
        let ident = names::ident(&subtree.node.ident);
        let params = subtree.node.segment.iter().flat_map(Segment::params);
        let (args, owned): (Vec<TokenStream>, Vec<TokenStream>) = params
            .map(|p| {
                let arg = names::ident(&names::snake(p));
                (quote!(#arg: &str), quote!(#arg.to_owned()))
            })
            .unzip();
        let method_doc = format!(" `{}`", docs::one_line(&subtree.node.route));
        let allow = crate::endpoints::many_arguments(1 + args.len());
        quote! {
            #[doc = #method_doc]
            #cfg
            #allow
            pub fn #method(&self, #(#args),*) -> #ident {
                #ident { values: [#(#owned),*] }
            }
        }
    });
    let root_methods: Vec<TokenStream> = root_methods.collect();
    quote! {
        //! The path tree: fluent request builders over every route,
        //! `Root.users().by_id("a@b.com").photos().get()`. Each builder
        //! method returns the request value of `endpoints::<id>::request`,
        //! to send with the client or turn into an `http::Request`.

        #declarations

        /// The root of the path tree.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct Root;

        impl Root {
            #(#root_methods)*
        }

    }
}
