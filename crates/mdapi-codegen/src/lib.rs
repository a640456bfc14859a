//! Emits a Rust crate from the mdapi IR: models, endpoints, example tests.
//!
//! Knows Rust, not markdown. Codegen is small functions returning
//! `TokenStream`s (`models`, `endpoints`, `examples`) around a naming
//! [`plan`] decided up front; [`generate`] formats every file with
//! prettyplease and returns them sorted by path, so output is byte-identical
//! for the same IR.
#![forbid(unsafe_code)]

mod body;
mod docs;
mod endpoints;
mod examples;
mod features;
mod format;
mod manifest;
mod mock;
mod models;
pub mod names;
mod paths;
mod permissions;
pub mod plan;
mod properties;
pub mod rust_types;
mod short_paths;

use std::collections::BTreeMap;

use mdapi_ir::Api;
use proc_macro2::TokenStream;
use rayon::prelude::*;

pub use format::FormatCache;
pub use manifest::RuntimeDependency;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// The package name (`graph`).
    pub crate_name: String,
    /// How the crate depends on `mdapi-runtime`.
    pub runtime: RuntimeDependency,
    /// The Rust path the generated modules live under: `["crate"]` for a
    /// crate, `["crate", "graph"]` for a module a build script's output is
    /// included into.
    pub root: Vec<String>,
}

/// One output file, path relative to the crate root, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub contents: String,
}

/// Generated tokens that do not parse as Rust: a bug in mdapi.
#[derive(Debug)]
pub struct Error {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "internal error: generated {} is not valid Rust: {}", self.path, self.message)
    }
}

impl std::error::Error for Error {}

/// A group's file of example cases: path, formatted text, body files.
type RenderedCases = (String, String, Vec<examples::DataFile>);

/// Generates the whole crate.
pub fn generate(api: &Api, options: &Options) -> Result<Vec<File>, Error> {
    generate_cached(api, options, None)
}

/// [`generate`], taking formatted files from `cache` where their tokens
/// were formatted before (the same bytes, without formatting again).
pub fn generate_cached(api: &Api, options: &Options, cache: Option<&dyn FormatCache>) -> Result<Vec<File>, Error> {
    let fmt = format::Formatter { cache };
    let plan = plan::Plan::new(api, &options.root);
    let features = features::Features::new(api, &plan.index);
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    files.insert("Cargo.toml".to_owned(), manifest::cargo_toml(options, &features));
    let lib = manifest::lib_rs(&options.crate_name);
    files.insert("src/lib.rs".to_owned(), fmt.rust("src/lib.rs", "the doc set", lib)?);

    for (modules, tokens) in manifest::model_modules(api, &plan, &features) {
        let dir = std::iter::once("src/models".to_owned()).chain(modules.iter().cloned()).collect::<Vec<_>>().join("/");
        let path = format!("{dir}/mod.rs");
        files.insert(path.clone(), fmt.rust(&path, "the doc set", tokens)?);
    }
    files.extend(fmt.par_files(&api.types, |ty| {
        let name = plan.types.get(&plan::key(&ty.qualified_name()))?;
        let dir =
            std::iter::once("src/models".to_owned()).chain(name.modules.iter().cloned()).collect::<Vec<_>>().join("/");
        let from = ty.sources.first().map_or("the doc set", |s| s.file.as_str()).to_owned();
        Some((format!("{dir}/{}.rs", name.stem), from, short_paths::shorten(models::item(ty, api, &plan))))
    })?);

    let endpoints_mod = manifest::endpoints_mod(api, &plan, &features);
    files.insert("src/endpoints/mod.rs".to_owned(), fmt.rust("src/endpoints/mod.rs", "the doc set", endpoints_mod)?);
    files.extend(fmt.par_files(&api.operations, |op| {
        let name = plan.operations.get(&op.id)?;
        Some((
            format!("src/endpoints/{}.rs", name.module),
            op.source.file.clone(),
            short_paths::shorten(endpoints::operation(op, api, &plan)),
        ))
    })?);

    files.extend(paths::files(api, &plan, &features, &fmt)?);

    let groups = examples::groups(api);
    let main = examples::main_file(&groups);
    files.insert("tests/examples.rs".to_owned(), fmt.rust("tests/examples.rs", "the doc set's examples", main)?);
    files.insert("src/mock.rs".to_owned(), fmt.rust("src/mock.rs", "the doc set's examples", mock::file(&groups))?);
    let rendered: Vec<Result<RenderedCases, Error>> = groups
        .par_iter()
        .map(|group| {
            let cases = examples::group_file(group, api, &plan, &features, &options.crate_name);
            let path = format!("tests/examples/cases/{}.rs", group.module);
            let from = "the doc set's examples";
            let text = fmt.rust_static_slice(&path, from, cases.inner, cases.head, cases.cases)?;
            Ok((path, text, cases.data))
        })
        .collect();
    for result in rendered {
        let (path, text, data) = result?;
        files.insert(path, text);
        files.extend(data.into_iter().map(|file| (format!("tests/{}", file.path), file.contents)));
    }
    Ok(files.into_iter().map(|(path, contents)| File { path, contents }).collect())
}

/// Generates the models and endpoints as one file of inline modules, for a
/// build script to write into `OUT_DIR` and a crate to `include!` (at the
/// path `options.root` names). No features gate anything: the including
/// crate has none of them.
pub fn generate_single_file(api: &Api, options: &Options) -> Result<String, Error> {
    let plan = plan::Plan::new(api, &options.root);
    let features = features::Features::default();
    let models = manifest::inline_models(api, &plan);
    let endpoints: Vec<TokenStream> = api
        .operations
        .iter()
        .filter_map(|op| {
            let module = names::ident(&plan.operations.get(&op.id)?.module);
            let body = short_paths::shorten(endpoints::operation(op, api, &plan));
            Some(quote::quote!(pub mod #module { #body }))
        })
        .collect();
    let all = manifest::endpoints_mod(api, &plan, &features);
    let paths = paths::inline(api, &plan, &features);
    let tokens = quote::quote! {
        /// Models: one type per documented type.
        pub mod models { #models }
        /// Endpoints: one module per documented route.
        pub mod endpoints { #(#endpoints)* #all }
        #paths
    };
    let file = syn::parse2::<syn::File>(tokens)
        .map_err(|err| Error { path: "(single file)".to_owned(), message: err.to_string() })?;
    Ok(docs::header("the doc set") + &prettyplease::unparse(&file))
}
