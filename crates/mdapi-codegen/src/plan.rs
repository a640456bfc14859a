//! The naming plan: every Rust name the crate will use, decided once, in a
//! fixed order, before any code is emitted. Emitters only look names up.
//! The plan also answers what several emitters ask of a type: its
//! properties, own and inherited, and the ones an operation's body
//! requires (which decide whether it has its own `Body`).

use std::collections::{BTreeMap, BTreeSet};

use mdapi_ir::{Api, Operation, Property, TypeDef, TypeIndex, TypeKind};

use crate::names::{self, Scope};

/// Where a model lives.
#[derive(Debug, Clone)]
pub struct TypeName {
    /// Namespace modules under `models` (`["security"]`).
    pub modules: Vec<String>,
    /// The type's file and module stem.
    pub stem: String,
    /// The type's identifier.
    pub ident: String,
    /// A struct (boxed when nested, so recursive types have a size).
    pub is_struct: bool,
    /// For a polymorphic type, the enum over it and its derived types that
    /// every reference to the type uses (`AnyDirectoryObject`).
    pub any_ident: Option<String>,
    /// The Rust path the generated modules live under (`crate`, or
    /// `crate::graph` when included into a module).
    pub root: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct OperationName {
    /// Module and function name.
    pub module: String,
    /// The module has its own request `Body` (see `body.rs`).
    pub own_body: bool,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub types: BTreeMap<String, TypeName>,
    pub operations: BTreeMap<String, OperationName>,
    pub examples: BTreeMap<String, String>,
    /// Test names of resource representations, by representation id.
    pub representations: BTreeMap<String, String>,
    /// Every namespace module path that holds types, with its parents.
    pub namespaces: BTreeSet<Vec<String>>,
    /// The API's types by name, with their bases and derived types: built
    /// once per generation, shared by every emitter through the plan.
    pub index: TypeIndex,
    /// Position in `api.operations` by operation id.
    operation_positions: BTreeMap<String, usize>,
}

impl Plan {
    /// The type with this qualified name (any case), in `api`, the API the
    /// plan was made for.
    pub fn find<'a>(&self, api: &'a Api, qualified: &str) -> Option<&'a TypeDef> {
        api.types.get(self.index.id(qualified)?.index())
    }

    /// The operation with this id, in `api`.
    pub fn find_operation<'a>(&self, api: &'a Api, id: &str) -> Option<&'a Operation> {
        api.operations.get(*self.operation_positions.get(id)?)
    }
}

/// `microsoft.graph` → `[]`; `microsoft.graph.security` → `["security"]`;
/// another root keeps all its segments.
pub fn namespace_modules(namespace: &str) -> Vec<String> {
    let lower = namespace.to_ascii_lowercase();
    let rest = lower.strip_prefix("microsoft.graph").map(|r| r.trim_start_matches('.'));
    let segments = match rest {
        Some(rest) => namespace.get(namespace.len() - rest.len()..).unwrap_or_default(),
        None => namespace,
    };
    segments.split('.').filter(|s| !s.is_empty()).map(|s| names::module_file(names::fit(names::snake(s)))).collect()
}

pub fn key(qualified: &str) -> String {
    qualified.to_ascii_lowercase()
}

impl Plan {
    /// `root`: the Rust path the generated `models` and `endpoints` modules
    /// live under, `crate` for a generated crate.
    pub fn new(api: &Api, root: &[String]) -> Self {
        let index = api.type_index();
        let operation_positions = api.operations.iter().enumerate().map(|(i, op)| (op.id.clone(), i)).collect();
        let mut plan = Plan { index, operation_positions, ..Plan::default() };
        // Namespace modules first: they claim their names in the parent.
        let mut by_namespace: BTreeMap<Vec<String>, Vec<&TypeDef>> = BTreeMap::new();
        for ty in api.types.iter() {
            by_namespace.entry(namespace_modules(&ty.namespace)).or_default().push(ty);
        }
        for modules in by_namespace.keys() {
            for depth in 0..=modules.len() {
                plan.namespaces.insert(modules[..depth].to_vec());
            }
        }
        let mut stems: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
        let mut idents: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
        for modules in &plan.namespaces {
            if let Some((last, parent)) = modules.split_last() {
                stems.entry(parent.to_vec()).or_default().claim(last.clone());
            }
        }
        for (modules, types) in &by_namespace {
            for ty in types {
                let stem = stems
                    .entry(modules.clone())
                    .or_default()
                    .claim(names::module_file(names::fit(names::snake(&ty.name))));
                let ident = idents.entry(modules.clone()).or_default().claim(names::camel(&ty.name));
                let is_struct = ty.kind != TypeKind::Enum && !ty.is_opaque();
                let any_ident = (is_struct && ty.is_polymorphic()).then(|| {
                    idents.entry(modules.clone()).or_default().claim(format!("Any{}", names::camel(&ty.name)))
                });
                let name =
                    TypeName { modules: modules.clone(), stem, ident, is_struct, any_ident, root: root.to_vec() };
                plan.types.insert(key(&ty.qualified_name()), name);
            }
        }
        let mut operations = Scope::with_reserved(&["all"]);
        for op in &api.operations {
            let module = operations.claim(names::fit(names::snake(&op.id)));
            plan.operations.insert(op.id.clone(), OperationName { module, own_body: false });
        }
        // After the types: a `Body` needs its model to be a struct.
        for op in &api.operations {
            let own_body = !required_properties(op, api, &plan).is_empty();
            if let Some(name) = plan.operations.get_mut(&op.id) {
                name.own_body = own_body;
            }
        }
        let mut tests = Scope::default();
        for example in &api.examples {
            plan.examples.insert(example.id.clone(), tests.claim(names::fit(names::snake(&example.id))));
        }
        let mut representations = Scope::default();
        for representation in &api.representations {
            let name = representations.claim(names::fit(names::snake(&representation.id)));
            plan.representations.insert(representation.id.clone(), name);
        }
        plan
    }
}

/// The properties of `op`'s required list (the IR keeps only ones its body
/// type has), own or inherited, in the table's order; empty when the body
/// is not one struct. Most operations have no list: they return at once.
pub(crate) fn required_properties<'a>(op: &Operation, api: &'a Api, plan: &Plan) -> Vec<&'a Property> {
    if op.required_properties.is_empty() {
        return Vec::new();
    }
    let Some(body) = op.request_body.as_ref().filter(|b| !b.collection) else { return Vec::new() };
    let is_struct = plan.types.get(&key(body.name.as_str())).is_some_and(|t| t.is_struct);
    let Some(def) = plan.find(api, body.name.as_str()).filter(|_| is_struct) else { return Vec::new() };
    let properties = own_and_inherited(def, api, plan);
    op.required_properties
        .iter()
        .filter_map(|name| properties.iter().find(|p| &p.name == name && !p.type_name.is_stream()).copied())
        .collect()
}

/// Own properties, then each base type's, nearest first (the index cuts
/// base cycles).
pub(crate) fn own_and_inherited<'a>(ty: &'a TypeDef, api: &'a Api, plan: &Plan) -> Vec<&'a Property> {
    let mut out: Vec<&Property> = ty.properties.iter().collect();
    if let Some(id) = plan.index.id(&ty.qualified_name()) {
        let bases = plan.index.ancestry(id).iter().filter_map(|base| api.types.get(base.index()));
        out.extend(bases.flat_map(|base| base.properties.iter()));
    }
    out
}
