//! The path tree: every route's segments as fluent request builders, the
//! way Graph SDK users navigate (`Root.users().by_id("a@b.com").photos()`),
//! ending in one method per operation (`.get()`, `.post(&body)`) that
//! returns the same request value as `endpoints::<id>::request`.
//!
//! Routes are split at `/` into segments; a segment is literal (`photos`,
//! `$value`, `microsoft.graph.group`), a key (`{id}`), or literal text with
//! values (`reminderView(startDateTime={a},endDateTime={b})`,
//! `{path}:` of a colon path, `users(userPrincipalName='{upn}')`). Segments
//! with the same shape share a node whatever their parameters are named,
//! so `/users/{id}` and `/users/{user-id}/photos` meet in one tree. A node
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
use mdapi_runtime::PathPart;

use crate::docs;
use crate::features::Features;
use crate::names::{self, Scope};
use crate::plan::Plan;

/// One segment: literal text and parameter names, in order.
#[derive(Debug, Clone)]
struct Segment {
    parts: Vec<PathPart<String>>,
}

impl Segment {
    /// The segment's shape: literals as written, each value as `{}`.
    fn shape(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                PathPart::Literal(text) => text.as_str(),
                PathPart::Param(_) => "{}",
            })
            .collect()
    }

    fn params(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            PathPart::Param(name) => Some(name.as_str()),
            PathPart::Literal(_) => None,
        })
    }

    fn literal(&self) -> String {
        self.parts
            .iter()
            .filter_map(|p| match p {
                PathPart::Literal(text) => Some(text.as_str()),
                PathPart::Param(_) => None,
            })
            .collect()
    }
}

/// A route's segments (`/a/{b}:/c` → `a`, `{b}:`, `c`).
fn segments(parts: &[PathPart<String>]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut current: Vec<PathPart<String>> = Vec::new();
    for part in parts {
        match part {
            PathPart::Param(name) => current.push(PathPart::Param(name.clone())),
            PathPart::Literal(text) => {
                let mut pieces = text.split('/');
                if let Some(first) = pieces.next().filter(|f| !f.is_empty()) {
                    current.push(PathPart::Literal(first.to_owned()));
                }
                for piece in pieces {
                    if !current.is_empty() {
                        out.push(Segment { parts: std::mem::take(&mut current) });
                    }
                    if !piece.is_empty() {
                        current.push(PathPart::Literal(piece.to_owned()));
                    }
                }
            }
        }
    }
    if !current.is_empty() {
        out.push(Segment { parts: current });
    }
    out
}

#[derive(Default)]
struct Node<'a> {
    /// The segment as the first route (by operation id) through it spells it.
    segment: Option<Segment>,
    /// The route prefix up to this node, as that route spells it.
    route: String,
    /// Path values from the root to here.
    depth: usize,
    children: BTreeMap<String, Node<'a>>,
    operations: Vec<&'a Operation>,
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
        let mut route = String::new();
        for segment in segments {
            route.push('/');
            route.push_str(&render_route(&segment));
            let depth = node.depth + segment.params().count();
            node = node.children.entry(segment.shape()).or_insert_with(|| Node {
                segment: Some(segment.clone()),
                route: route.clone(),
                depth,
                ..Node::default()
            });
        }
        node.operations.push(op);
    }
    root
}

fn render_route(segment: &Segment) -> String {
    segment
        .parts
        .iter()
        .map(|p| match p {
            PathPart::Literal(text) => text.clone(),
            PathPart::Param(name) => format!("{{{name}}}"),
        })
        .collect()
}

/// Words of a literal for names: `$value` → `value`, `root:` → `root`,
/// `microsoft.graph.group` → `group`, `reminderView(` → `reminderView`.
fn literal_name(literal: &str) -> String {
    let head = literal.split(['(', '=']).next().unwrap_or_default();
    let last = head.rsplit('.').find(|w| !w.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()).unwrap_or(head);
    last.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()
}

/// The navigation method's name for a child segment; `parent` is the
/// segment before it, whose name a key's name often repeats
/// (`/users/{user-id}` → `by_id`).
fn method_name(segment: &Segment, parent: Option<&Segment>) -> String {
    let params: Vec<String> = segment.params().map(names::snake).collect();
    let base = literal_name(&segment.literal());
    match (base.is_empty(), params.as_slice()) {
        (_, []) => names::snake(&base),
        (true, [param]) => {
            let owner = parent.map(|p| names::snake(&literal_name(&p.literal()))).unwrap_or_default();
            let singular = owner.strip_suffix('s').unwrap_or(&owner);
            let short = [owner.as_str(), singular]
                .iter()
                .filter(|o| !o.is_empty())
                .find_map(|o| param.strip_prefix(&format!("{o}_")))
                .unwrap_or(param);
            names::snake(&format!("by_{short}"))
        }
        (true, _) => names::snake(&format!("by_{}", params.join("_"))),
        (false, _) => names::snake(&base),
    }
}

/// A node's struct name, shortened like a file name when long (a route
/// can spell out ids) and kept UpperCamelCase.
fn type_name(route: &str) -> String {
    let name = struct_name(route);
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

fn method_ident(scope: &mut Scope, name: String) -> syn::Ident {
    let name = if TRAIT_METHODS.contains(&name.as_str()) { format!("{name}_") } else { name };
    names::ident(&scope.claim(name))
}

/// The struct name of a node: its route's words (`UsersItemPhotos`).
fn struct_name(route: &str) -> String {
    let words: Vec<String> = route
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let literal = literal_name(&s.split('{').next().unwrap_or_default().replace(':', ""));
            if s.contains('{') && literal.is_empty() {
                "item".to_owned()
            } else {
                literal
            }
        })
        .collect();
    names::camel(&words.join(" "))
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
    let mut scope = Scope::default();
    // Children are emitted after this node, in this order.
    let mut pending = Vec::new();
    for (child, segment) in ordered_children(node) {
        let child_ident = names::ident(&child.ident);
        let params: Vec<&str> = segment.params().collect();
        let method = method_ident(&mut scope, child_method_name(node, segment));
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
        let owned =
            args.iter().map(|(a, _, typed)| if *typed { quote!(#a.to_string()) } else { quote!(#a.to_owned()) });
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
    for op in &node.operations {
        let Some(name) = plan.operations.get(&op.id) else { continue };
        let module = names::ident(&name.module);
        let method = method_ident(&mut scope, op.method.to_ascii_lowercase());
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

/// The navigation method's name for `segment`, a child of `node`: an
/// alternate key whose name a literal sibling has takes its key's name too
/// (`users(userPrincipalName='{upn}')` beside `users` → `users_by_upn`).
fn child_method_name(node: &Node<'_>, segment: &Segment) -> String {
    let name = method_name(segment, node.segment.as_ref());
    let params: Vec<&str> = segment.params().collect();
    let keyed_literal = !params.is_empty() && !segment.literal().trim_matches(':').is_empty();
    let sibling_has_it = || {
        node.children
            .values()
            .filter_map(|c| c.segment.as_ref())
            .any(|s| s.params().next().is_none() && method_name(s, None) == name)
    };
    if keyed_literal && sibling_has_it() {
        names::snake(&format!("{name}_by_{}", params.join("_")))
    } else {
        name
    }
}

/// Names every node's struct, in the order the tree is written out (a
/// node's children, then each child's subtree), so the names do not depend
/// on which thread emits which subtree. Struct names are unique in the
/// whole tree: `paths/mod.rs` re-exports every subtree's structs.
fn name_structs(node: &mut Node<'_>, structs: &mut Scope) {
    let keys = ordered_child_keys(node);
    for key in &keys {
        if let Some(child) = node.children.get_mut(key) {
            child.ident = structs.claim(type_name(&child.route));
        }
    }
    for key in &keys {
        if let Some(child) = node.children.get_mut(key) {
            name_structs(child, structs);
        }
    }
}

/// A top-level segment: the subtree one file (or inline module) holds.
struct Subtree<'n, 'a> {
    node: &'n Node<'a>,
    segment: &'n Segment,
    module_name: String,
}

/// The tree with every struct named, and its top-level subtrees with their
/// module names.
fn named_tree(api: &Api) -> Node<'_> {
    let mut root = build(api);
    let mut structs = Scope::with_reserved(&["Root"]);
    // Top-level nodes are named one subtree at a time (the order files
    // were once emitted in), so names stay as they were.
    for key in ordered_child_keys(&root) {
        if let Some(child) = root.children.get_mut(&key) {
            child.ident = structs.claim(type_name(&child.route));
            name_structs(child, &mut structs);
        }
    }
    root
}

fn subtrees<'n, 'a>(root: &'n Node<'a>) -> Vec<Subtree<'n, 'a>> {
    let mut modules = Scope::with_reserved(&["mod"]);
    ordered_children(root)
        .into_iter()
        .map(|(node, segment)| Subtree {
            node,
            segment,
            module_name: modules.claim(names::fit(names::snake(&literal_name(&segment.literal())))),
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
    let root_file = root_module(&root, &subtrees, &cfgs, declarations(&subtrees, &cfgs, true));
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
    let root_file = root_module(&root, &subtrees, &cfgs, declarations(&subtrees, &cfgs, false));
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
fn root_module(
    root: &Node<'_>,
    subtrees: &[Subtree<'_, '_>],
    cfgs: &[Option<TokenStream>],
    declarations: TokenStream,
) -> TokenStream {
    let mut method_scope = Scope::default();
    let root_methods = subtrees.iter().zip(cfgs).map(|(subtree, cfg)| {
        let method = method_ident(&mut method_scope, child_method_name(root, subtree.segment));
        let ident = names::ident(&subtree.node.ident);
        let (args, owned): (Vec<TokenStream>, Vec<TokenStream>) = subtree
            .segment
            .params()
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
    use super::*;

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
        segments(&parts(route)).iter().map(Segment::shape).collect()
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

    #[test]
    fn segments_name_their_methods() {
        let name = |route: &str| {
            let segments = segments(&parts(route));
            let parent = segments.len().checked_sub(2).and_then(|i| segments.get(i));
            segments.last().map(|s| method_name(s, parent)).unwrap_or_default()
        };
        assert_eq!(name("/users/{id}"), "by_id");
        assert_eq!(name("/users/{users-id}"), "by_id");
        assert_eq!(name("/groups/{group-id}"), "by_id");
        assert_eq!(name("/groups/{owner-id}"), "by_owner_id");
        assert_eq!(name("/me/photo/$value"), "value");
        assert_eq!(name("/me/reminderView(startDateTime={s},endDateTime={e})"), "reminder_view");
        assert_eq!(name("/users/{id}/memberOf/microsoft.graph.group"), "group");
        assert_eq!(name("/drive/root:/{path}:"), "by_path");
        assert_eq!(name("/me/microsoft.graph.delta()"), "delta");
        assert_eq!(struct_name("/users/{id}/photos"), "UsersItemPhotos");
        // A name starting with a digit keeps the `_` that makes it an identifier.
        let digits = type_name("/2fa/x");
        assert!(syn::parse_str::<syn::Ident>(&digits).is_ok(), "{digits}");
        let long = type_name(&"/segment".repeat(40));
        assert!(syn::parse_str::<syn::Ident>(&long).is_ok() && !long.contains('_'), "{long}");
    }
}
