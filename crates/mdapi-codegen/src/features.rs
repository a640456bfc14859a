//! Cargo features per API area, so a user compiles only what they call.
//!
//! An area's feature gates its endpoints, its example tests, and the types
//! only that area needs. A type is needed by an area when one of the area's
//! operations reaches it through request and response types, property types
//! (inherited ones included, since structs are flattened) and, for a
//! polymorphic type, its derived types. A type needed by several areas, by
//! none, or by any always-on type is always on, so every combination of
//! features compiles.

use std::collections::{BTreeMap, BTreeSet};

use mdapi_ir::{Api, TypeDef, TypeIndex, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::key;

#[derive(Debug, Default)]
pub struct Features {
    /// Every area, as its feature name.
    pub areas: BTreeSet<String>,
    /// The one area that gates a type, by type key; absent: always on.
    gated: BTreeMap<String, String>,
}

/// The types a value of `ty` contains, by type key: its own and its
/// bases' property types (the index cuts base cycles) and, for a
/// polymorphic type, its derived types.
fn needs(ty: &TypeDef, api: &Api, types: &TypeIndex) -> Vec<String> {
    let lineage = types.id(&ty.qualified_name()).into_iter().flat_map(|id| types.lineage(id));
    let properties = lineage.filter_map(|id| api.types.get(id.index())).flat_map(|def| def.properties.iter());
    let mut out: Vec<String> =
        properties.filter(|p| types.id(p.type_name.as_str()).is_some()).map(|p| key(p.type_name.as_str())).collect();
    if ty.is_polymorphic() {
        out.extend(ty.derived.iter().map(|d| key(d)));
    }
    out
}

fn reach(start: &str, api: &Api, types: &TypeIndex, into: &mut BTreeSet<String>) {
    let mut stack = vec![start.to_owned()];
    while let Some(next) = stack.pop() {
        let Some(def) = types.id(&next).and_then(|id| api.types.get(id.index())) else { continue };
        if into.insert(next) {
            stack.extend(needs(def, api, types));
        }
    }
}

impl Features {
    /// `types`: the index of `api`'s types ([`crate::plan::Plan::index`]).
    pub fn new(api: &Api, types: &TypeIndex) -> Self {
        // One walk per area from all its operations' bodies (not one per
        // operation: thousands of operations reach the same types).
        let mut roots_of: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for op in &api.operations {
            let roots = roots_of.entry(op.area.as_str()).or_default();
            roots.extend(
                [op.request_body.as_ref(), op.response.body.as_ref()]
                    .into_iter()
                    .flatten()
                    .map(|r| key(r.name.as_str())),
            );
        }
        let areas: BTreeSet<String> = roots_of.keys().map(|a| (*a).to_owned()).collect();
        let mut areas_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (area, roots) in &roots_of {
            let mut reached = BTreeSet::new();
            for root in roots {
                reach(root, api, types, &mut reached);
            }
            for ty in reached {
                areas_of.entry(ty).or_default().insert((*area).to_owned());
            }
        }
        // Always on: types no area needs, types several areas need, and all
        // that those reach.
        let mut always = BTreeSet::new();
        for ty in api.types.iter().map(|t| key(&t.qualified_name())) {
            if areas_of.get(&ty).is_none_or(|a| a.len() != 1) {
                reach(&ty, api, types, &mut always);
            }
        }
        let gated = areas_of
            .into_iter()
            .filter(|(ty, areas)| areas.len() == 1 && !always.contains(ty))
            .filter_map(|(ty, areas)| Some((ty, areas.into_iter().next()?)))
            .collect();
        Features { areas, gated }
    }

    /// The area gating a type, if any.
    pub fn type_area(&self, ty: &str) -> Option<&str> {
        self.gated.get(&key(ty)).map(String::as_str)
    }

    /// `#[cfg(feature = "users")]` for a type, or nothing when always on.
    pub fn type_cfg(&self, ty: &str) -> Option<TokenStream> {
        self.type_area(ty).map(|area| quote!(#[cfg(feature = #area)]))
    }

    /// The areas a set of types needs on top of `areas`.
    pub fn areas_for_types<'a>(&'a self, types: impl Iterator<Item = &'a TypeRef>, areas: &mut BTreeSet<String>) {
        for ty in types {
            if let Some(area) = self.type_area(ty.name.as_str()) {
                areas.insert(area.to_owned());
            }
        }
    }
}

/// `#[cfg(all(feature = "a", feature = "b"))]`, or nothing for no areas.
pub fn cfg_all(areas: &BTreeSet<String>) -> Option<TokenStream> {
    match areas.len() {
        0 => None,
        1 => areas.iter().next().map(|area| quote!(#[cfg(feature = #area)])),
        _ => Some(quote!(#[cfg(all(#(feature = #areas),*))])),
    }
}
