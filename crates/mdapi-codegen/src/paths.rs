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

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;

use mdapi_ir::{Api, Operation, ParameterLocation};
use mdapi_runtime::path::ValuePlace;

use crate::docs;
use crate::features::Features;
use crate::names::{self, Scope};
use crate::plan::Plan;
use mdapi_ir::names as ir_names;
use mdapi_runtime::route::{segments, Segment, SegmentName};

#[derive(Default)]
struct Node<'a> {
    /// The segment as most routes through the node spell it (ties: the
    /// smallest spelling), so no one page decides it.
    segment: Option<Segment>,
    /// Every spelling of the segment, with how many routes use it.
    spellings: BTreeMap<String, (usize, Segment)>,
    /// The route prefix up to this node, in the chosen spellings.
    route: String,
    /// Path values from the root to here.
    depth: usize,
    children: BTreeMap<String, Node<'a>>,
    operations: Vec<&'a Operation>,
    /// The method on the parent that leads here (see [`name_methods`]).
    method: String,
    /// The node's struct name, unique in the whole tree (see [`name_structs`]).
    ident: String,
}

fn build<'a>(api: &'a Api) -> Node<'a> {
    let mut root = Node::default();
    let mut operations: Vec<&Operation> = api.operations.iter().collect();
    operations.sort_by(|a, b| a.id.cmp(&b.id));
    for op in operations {
        let segments = segments(&op.path_parts);
        // Deeper routes (reported as `route-too-deep`) keep their endpoint
        // function; nesting a struct per segment stops here.
        if segments.len() > mdapi_ir::MAX_TREE_SEGMENTS {
            continue;
        }
        let mut node = &mut root;
        for segment in segments {
            let depth = node.depth + segment.params().count();
            // Spellings of one segment meet in one node (`Segment::key`).
            node = node.children.entry(segment.key()).or_insert_with(|| Node { depth, ..Node::default() });
            node.spellings.entry(segment.template()).or_insert((0, segment)).0 += 1;
        }
        node.operations.push(op);
    }
    settle_spellings(&mut root, "");
    root
}

/// Chooses each node's spelling and route.
fn settle_spellings(node: &mut Node<'_>, route: &str) {
    for child in node.children.values_mut() {
        // The most used spelling; among equals the smallest (the map's order).
        let chosen = child
            .spellings
            .iter()
            .rev()
            .max_by_key(|(_, (count, _))| *count)
            .map(|(spelling, (_, segment))| (spelling.clone(), segment.clone()));
        if let Some((spelling, segment)) = chosen {
            child.route = format!("{route}/{spelling}");
            child.segment = Some(segment);
        }
        let child_route = child.route.clone();
        settle_spellings(child, &child_route);
    }
}

/// Words of a literal for names: `$value` → `value`, `root:` → `root`,
/// `microsoft.graph.group` → `group`, `reminderView(` → `reminderView`.
fn literal_name(literal: &str) -> String {
    let head = literal.split(['(', '=']).next().unwrap_or_default();
    let last = head.rsplit('.').find(|w| !w.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()).unwrap_or(head);
    last.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()
}

/// The words naming a segment, from what it is (never from its
/// neighbours, so adding a route elsewhere cannot change them): a key is
/// `by_id`, a colon path's path `by_path`; a literal is its last word
/// (`microsoft.graph.group` → `group`; `full`: every word,
/// `microsoft_graph_group`), then `with` and its arguments' words
/// (`range(address='{a}')` → `range_with_address`).
fn segment_words(segment: &Segment, full: bool) -> String {
    match segment.name() {
        SegmentName::Key { path: false } => "by_id".to_owned(),
        SegmentName::Key { path: true } => "by_path".to_owned(),
        SegmentName::Named { name, arguments } => {
            let short = literal_name(&name);
            let mut words = match (full, short.is_empty()) {
                (true, _) => ir_names::words(&name),
                (false, true) => Vec::new(),
                (false, false) => vec![names::snake(&short)],
            };
            if !arguments.is_empty() {
                words.push(format!("with_{}", ir_names::argument_words(&arguments).join("_and_")));
            }
            words.join("_")
        }
    }
}

/// The navigation method's name for a child segment.
fn method_name(segment: &Segment) -> String {
    names::snake(&segment_words(segment, false))
}

/// A node's struct name, shortened like a file name when long (a route
/// can spell out ids) and kept UpperCamelCase.
fn type_name(name: String) -> String {
    let fitted = names::fit(name.clone());
    if fitted == name {
        return name;
    }
    // `fit` joins the kept start and the hash with `_`; a leading `_`
    // (a name starting with a digit) stays.
    match fitted.rsplit_once('_') {
        Some((start, hash)) => format!("{start}{hash}"),
        None => fitted,
    }
}

/// Methods a node's traits or `std` already name with the same receiver
/// and no other argument (an inherent `clone(&self)` would shadow
/// `Clone::clone`), and the `values` accessor: a segment of that name
/// gets a trailing `_` (`/teams/{id}/clone` → `clone_()`).
const TRAIT_METHODS: &[&str] = &[
    "as_mut",
    "as_ref",
    "borrow",
    "borrow_mut",
    "clone",
    "default",
    "deref",
    "deref_mut",
    "drop",
    "into_iter",
    "neg",
    "next",
    "not",
    "to_owned",
    "to_string",
    "values",
];

/// The HTTP methods a node's operations are named by; a segment of that
/// name gets a trailing `_` too, so an operation keeps its method's name
/// whatever segments sit beside it.
const HTTP_METHODS: &[&str] = &["delete", "get", "head", "options", "patch", "post", "put"];

/// The word for a node in struct names: `Item` for a key, `Path` for a
/// colon path's path, else its method's words.
fn struct_word(segment: &Segment, full: bool) -> String {
    match segment.name() {
        SegmentName::Key { path: false } => "item".to_owned(),
        SegmentName::Key { path: true } => "path".to_owned(),
        // A segment with no words (`...` in a doc) is its method's name.
        SegmentName::Named { .. } => names::snake(&segment_words(segment, full)),
    }
}

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
    let typed = match ty.as_deref() {
        Some("Int16") => quote!(i16),
        Some("Int32") => quote!(i32),
        Some("Int64") => quote!(i64),
        Some("Boolean") => quote!(bool),
        Some("Double") => quote!(f64),
        Some("Single") => quote!(f32),
        Some("DateTimeOffset") => quote!(&::mdapi_runtime::edm::DateTimeOffset),
        Some("Date") => quote!(&::mdapi_runtime::edm::Date),
        Some("TimeOfDay") => quote!(&::mdapi_runtime::edm::TimeOfDay),
        Some("Duration") => quote!(&::mdapi_runtime::edm::Duration),
        _ => return (quote!(&str), false),
    };
    (typed, true)
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
        methods.push(quote! {
            #[doc = #doc]
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
        methods.push(quote! {
            #[doc = #doc]
            #cfg
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

/// A node's children with their segments, literal ones first, so `users`
/// claims `users()` before an alternate key on it.
fn ordered_children<'n, 'a>(node: &'n Node<'a>) -> Vec<(&'n Node<'a>, &'n Segment)> {
    ordered_child_keys(node)
        .iter()
        .filter_map(|key| {
            let child = node.children.get(key)?;
            Some((child, child.segment.as_ref()?))
        })
        .collect()
}

/// The keys of a node's children in [`ordered_children`]'s order (keys, so
/// a pass that names the children can borrow each one mutably).
fn ordered_child_keys(node: &Node<'_>) -> Vec<String> {
    let mut keys: Vec<(&String, bool)> = node
        .children
        .iter()
        .filter_map(|(key, child)| Some((key, child.segment.as_ref()?.params().next().is_some())))
        .collect();
    keys.sort_by_key(|(_, keyed)| *keyed);
    keys.into_iter().map(|(key, _)| key.clone()).collect()
}

/// The operations a node has a method for: one per HTTP method. Routes
/// the IR keeps apart but the tree puts in one node (`delta()` and
/// `delta`, `range(address='{a}')` and `range(address={a})`) call the
/// same thing; the one with the shortest id (the plainest spelling, see
/// `mdapi_ir::names::dedupe_operation_ids`) is the method, the others
/// stay in `endpoints`.
fn node_operations<'a>(node: &Node<'a>) -> Vec<&'a Operation> {
    let mut by_method: BTreeMap<String, &Operation> = BTreeMap::new();
    for op in &node.operations {
        let method = op.method.to_ascii_lowercase();
        let keep = by_method.get(&method).is_some_and(|kept| (kept.id.len(), &kept.id) <= (op.id.len(), &op.id));
        if !keep {
            by_method.insert(method, op);
        }
    }
    node.operations.iter().filter(|op| by_method.values().any(|kept| kept.id == op.id)).copied().collect()
}

/// Names the method leading to each child of `node`, then of their
/// children. A child's name is its own words ([`method_name`]); children
/// of one node that want the same name (`group` and
/// `microsoft.graph.group`) use all their words instead, and a name an
/// HTTP method or a trait already has gets a trailing `_`. A counter is
/// the last resort, for names alike in every word.
fn name_methods(node: &mut Node<'_>) {
    let keys = ordered_child_keys(node);
    let wanted: Vec<(String, String, String)> = keys
        .iter()
        .filter_map(|key| {
            let child = node.children.get(key)?;
            let segment = child.segment.as_ref()?;
            let full = names::snake(&segment_words(segment, true));
            Some((key.clone(), method_name(segment), full))
        })
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, short, _) in &wanted {
        *counts.entry(short.as_str()).or_default() += 1;
    }
    let mut scope = Scope::default();
    let mut chosen = Vec::with_capacity(wanted.len());
    for (key, short, full) in &wanted {
        let name = if counts.get(short.as_str()).copied().unwrap_or(0) > 1 { full } else { short };
        let name = if TRAIT_METHODS.contains(&name.as_str()) || HTTP_METHODS.contains(&name.as_str()) {
            format!("{name}_")
        } else {
            name.clone()
        };
        chosen.push((key.clone(), scope.claim(name)));
    }
    for (key, method) in chosen {
        if let Some(child) = node.children.get_mut(&key) {
            child.method = method;
            name_methods(child);
        }
    }
}

/// Each node's struct names, primary (the route's short words,
/// `UsersItemPhotos`) and full (every word, for a primary another node
/// has too), in the order the tree is written out (a node's children,
/// then each child's subtree), so the names do not depend on which thread
/// emits which subtree.
fn struct_candidates(node: &Node<'_>, short: &str, full: &str, out: &mut Vec<(String, String)>) {
    let keys = ordered_child_keys(node);
    let mut words = Vec::with_capacity(keys.len());
    for key in &keys {
        let Some(child) = node.children.get(key) else { continue };
        let Some(segment) = child.segment.as_ref() else { continue };
        let short = format!("{short} {}", struct_word(segment, false));
        let full = format!("{full} {}", struct_word(segment, true));
        out.push((names::camel(&short), names::camel(&full)));
        words.push((child, short, full));
    }
    for (child, short, full) in words {
        struct_candidates(child, &short, &full, out);
    }
}

/// Gives each node its struct name, walking in [`struct_candidates`]'
/// order. Struct names are unique in the whole tree (`paths/mod.rs`
/// re-exports every subtree's structs): a primary name two nodes want is
/// replaced by each one's full name, and a counter is left only for
/// routes alike in every word.
fn assign_structs(node: &mut Node<'_>, names_in_order: &mut std::vec::IntoIter<String>) {
    let keys = ordered_child_keys(node);
    for key in &keys {
        if let Some(child) = node.children.get_mut(key) {
            child.ident = names_in_order.next().unwrap_or_default();
        }
    }
    for key in &keys {
        if let Some(child) = node.children.get_mut(key) {
            assign_structs(child, names_in_order);
        }
    }
}

/// A top-level segment: the subtree one file (or inline module) holds.
struct Subtree<'n, 'a> {
    node: &'n Node<'a>,
    module_name: String,
}

/// The tree with every method and struct named.
fn named_tree(api: &Api) -> Node<'_> {
    let mut root = build(api);
    name_methods(&mut root);
    let mut candidates = Vec::new();
    struct_candidates(&root, "", "", &mut candidates);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (short, _) in &candidates {
        *counts.entry(short.to_ascii_lowercase()).or_default() += 1;
    }
    let mut structs = Scope::with_reserved(&["Root"]);
    let chosen: Vec<String> = candidates
        .into_iter()
        .map(|(short, full)| {
            let shared = counts.get(&short.to_ascii_lowercase()).copied().unwrap_or(0) > 1;
            structs.claim(type_name(if shared { full } else { short }))
        })
        .collect();
    assign_structs(&mut root, &mut chosen.into_iter());
    root
}

/// The top-level subtrees with their module names (private: their structs
/// are re-exported), after the method that leads to them.
fn subtrees<'n, 'a>(root: &'n Node<'a>) -> Vec<Subtree<'n, 'a>> {
    let mut modules = Scope::with_reserved(&["mod"]);
    ordered_children(root)
        .into_iter()
        .map(|(node, _)| Subtree {
            node,
            module_name: modules.claim(names::fit(node.method.trim_end_matches('_').to_owned())),
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
        modules.push(quote!(#cfg mod #module { #doc #(#items)* }));
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
        quote! {
            #[doc = #method_doc]
            #cfg
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use mdapi_runtime::PathPart;

    fn parts(route: &str) -> Vec<PathPart<String>> {
        let mut out = Vec::new();
        let mut rest = route;
        while let Some(start) = rest.find('{') {
            if start > 0 {
                out.push(PathPart::Literal(rest[..start].to_owned()));
            }
            let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
            out.push(PathPart::Param(rest[start + 1..end].to_owned()));
            rest = rest.get(end + 1..).unwrap_or_default();
        }
        if !rest.is_empty() {
            out.push(PathPart::Literal(rest.to_owned()));
        }
        out
    }

    fn shapes(route: &str) -> Vec<String> {
        segments(&parts(route)).iter().map(Segment::pattern).collect()
    }

    #[test]
    fn routes_split_into_segments_of_one_shape() {
        assert_eq!(shapes("/users/{id}/photos/{size}/$value"), ["users", "{}", "photos", "{}", "$value"]);
        assert_eq!(shapes("/drive/root:/{path}:/content"), ["drive", "root:", "{}:", "content"]);
        assert_eq!(
            shapes("/me/reminderView(startDateTime={s},endDateTime={e})"),
            ["me", "reminderView(startDateTime={},endDateTime={})"]
        );
    }

    /// The method names along a route, from the root.
    fn names_along(route: &str) -> Vec<String> {
        segments(&parts(route)).iter().map(method_name).collect()
    }

    /// The node keys along a route.
    fn keys_along(route: &str) -> Vec<String> {
        segments(&parts(route)).iter().map(Segment::key).collect()
    }

    #[test]
    fn keys_are_by_id_whatever_they_are_called() {
        assert_eq!(names_along("/users/{id}"), ["users", "by_id"]);
        assert_eq!(names_along("/users/{users-id}"), ["users", "by_id"]);
        assert_eq!(names_along("/groups/{owner-id}"), ["groups", "by_id"]);
        assert_eq!(keys_along("/users/{id}"), keys_along("/users/{user-id}"));
    }

    #[test]
    fn colon_paths_are_the_item_then_by_path() {
        assert_eq!(names_along("/me/drive/root:/{item-path}:/content"), ["me", "drive", "root", "by_path", "content"]);
        assert_eq!(
            names_along("/drives/{drive-id}/items/{parent-id}:/{filename}:/content"),
            ["drives", "by_id", "items", "by_id", "by_path", "content"]
        );
        // `root:` is the node `root`, `{parent-id}:` the node `by_id`.
        assert_eq!(keys_along("/me/drive/root:/{p}:")[2], keys_along("/me/drive/root/children")[2]);
        assert_eq!(keys_along("/drives/{d}/items/{p}:/{f}:")[3], keys_along("/drives/{d}/items/{id}")[3]);
        // A path that ends the route without its closing colon is the same path.
        assert_eq!(keys_along("/me/drive/root:/{p}")[3], keys_along("/me/drive/root:/{p}:/content")[3]);
    }

    #[test]
    fn functions_with_parameters_say_their_keys() {
        let last = |route: &str| names_along(route).pop().unwrap_or_default();
        assert_eq!(last("/w/{id}/range(address='{address}')"), "range_with_address");
        assert_eq!(last("/w/{id}/image(width={w},height={h})"), "image_with_width_and_height");
        assert_eq!(
            last("/reports/getEmailActivityUserDetail(period='{period}')"),
            "get_email_activity_user_detail_with_period"
        );
        assert_eq!(
            last("/reports/getEmailActivityUserDetail(date={date})"),
            "get_email_activity_user_detail_with_date"
        );
        assert_eq!(
            last("/me/reminderView(startDateTime={s},endDateTime={e})"),
            "reminder_view_with_start_date_time_and_end_date_time"
        );
        // No parameters: the plain name, and `delta()` is `delta`.
        assert_eq!(last("/w/{id}/range()"), "range");
        assert_eq!(last("/me/microsoft.graph.delta()"), "delta");
        assert_eq!(keys_along("/me/delta()"), keys_along("/me/delta"));
        // Quoting, or a positional argument, is no difference.
        let key = |route: &str| keys_along(route).pop().unwrap_or_default();
        assert_eq!(key("/w/range(address='{a}')"), key("/w/range(address={a})"));
        assert_eq!(key("/w/range(address='{a}')"), key("/w/range({address})"));
        assert_ne!(key("/w/range(address={a})"), key("/w/range()"));
    }

    #[test]
    fn alternate_keys_say_their_keys() {
        assert_eq!(names_along("/users(userPrincipalName='{upn}')"), ["users_with_user_principal_name"]);
        assert_ne!(keys_along("/users(userPrincipalName='{upn}')"), keys_along("/users"));
    }

    #[test]
    fn case_variants_are_one_node() {
        assert_eq!(keys_along("/Users/{id}/Photos"), keys_along("/users/{user-id}/photos"));
        assert_eq!(keys_along("/me/directoryroles"), keys_along("/me/directoryRoles"));
    }

    #[test]
    fn casts_and_values_are_their_last_word_and_structs_the_route_words() {
        assert_eq!(names_along("/me/photo/$value"), ["me", "photo", "value"]);
        assert_eq!(names_along("/users/{id}/memberOf/microsoft.graph.group"), ["users", "by_id", "member_of", "group"]);
        let words =
            |route: &str| segments(&parts(route)).iter().map(|s| struct_word(s, false)).collect::<Vec<_>>().join(" ");
        assert_eq!(names::camel(&words("/users/{id}/photos")), "UsersItemPhotos");
        assert_eq!(names::camel(&words("/me/drive/root:/{p}:/content")), "MeDriveRootPathContent");
        // A name starting with a digit keeps the `_` that makes it an identifier.
        let digits = type_name(names::camel("2fa x"));
        assert!(syn::parse_str::<syn::Ident>(&digits).is_ok(), "{digits}");
        let long = type_name(names::camel(&"segment ".repeat(40)));
        assert!(syn::parse_str::<syn::Ident>(&long).is_ok() && !long.contains('_'), "{long}");
    }
}
