//! Cargo features per API area, so a user compiles only what they call.
//!
//! An area's feature gates its endpoints, its example tests, and the types
//! that area needs. A type is needed by an area when one of the area's
//! operations reaches it through request and response types, property types
//! (inherited ones included, since structs are flattened) and, for a
//! polymorphic type, its derived types. A type is compiled when any area
//! that needs it is on (`cfg(any(..))`): whatever a compiled type holds is
//! needed by the same areas, so every combination of features compiles.
//! Types no operation reaches (documented, but no request or answer holds
//! them) come with the feature [`OTHER_TYPES`], as do all they hold. (Gating
//! only types one area needs left 800 of v1.0's 1,600 models always on:
//! more than half of a one-area `cargo check`, issue 22.)

use std::collections::{BTreeMap, BTreeSet};

use mdapi_ir::{Api, TypeDef, TypeIndex, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::key;

/// The feature of the types no operation reaches. Area features are
/// snake_case route segments, so a name with a hyphen is never an area's.
pub const OTHER_TYPES: &str = "other-types";

#[derive(Debug, Default)]
pub struct Features {
    /// Every area, as its feature name.
    pub areas: BTreeSet<String>,
    /// Whether some type comes with [`OTHER_TYPES`] (it is then a feature,
    /// in `all-areas`).
    pub other_types: bool,
    /// The features any of which gates a type, by type key; absent: always on.
    gated: BTreeMap<String, BTreeSet<String>>,
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
        let mut other = BTreeSet::new();
        for ty in api.types.iter().map(|t| key(&t.qualified_name())) {
            if !areas_of.contains_key(&ty) {
                reach(&ty, api, types, &mut other);
            }
        }
        let other_types = !other.is_empty();
        for ty in other {
            areas_of.entry(ty).or_default().insert(OTHER_TYPES.to_owned());
        }
        Features { areas, other_types, gated: areas_of }
    }

    /// The areas any of which gates a type; `None`: always on.
    pub fn type_areas(&self, ty: &str) -> Option<&BTreeSet<String>> {
        self.gated.get(&key(ty))
    }

    /// `#[cfg(feature = "users")]` or `#[cfg(any(feature = "a", ..))]` for
    /// a type, or nothing when always on.
    pub fn type_cfg(&self, ty: &str) -> Option<TokenStream> {
        self.type_areas(ty).and_then(|areas| cfg_all(&Needs { all: BTreeSet::new(), any: vec![areas.clone()] }))
    }

    /// What `needs` must add so that these types are compiled too: for each
    /// gated type no area of `needs.all` gates, any of its areas.
    pub fn add_types<'a>(&'a self, types: impl Iterator<Item = &'a TypeRef>, needs: &mut Needs) {
        for ty in types {
            if let Some(areas) = self.type_areas(ty.name.as_str()) {
                if areas.is_disjoint(&needs.all) && !needs.any.contains(areas) {
                    needs.any.push(areas.clone());
                }
            }
        }
    }
}

/// The features an item needs: every area of `all`, and one at least of
/// each set of `any`.
#[derive(Debug, Default)]
pub struct Needs {
    pub all: BTreeSet<String>,
    pub any: Vec<BTreeSet<String>>,
}

/// The `#[cfg(..)]` of `needs` (`feature = "a"`, `all(..)`, `any(..)`, or
/// `all` of those), or nothing when it needs no feature.
pub fn cfg_all(needs: &Needs) -> Option<TokenStream> {
    let one = |area: &String| quote!(feature = #area);
    let mut terms: Vec<TokenStream> = needs.all.iter().map(one).collect();
    for set in needs.any.iter().filter(|set| set.is_disjoint(&needs.all)) {
        terms.push(match set.len() {
            1 => set.iter().map(one).collect(),
            _ => {
                let each = set.iter().map(one);
                quote!(any(#(#each),*))
            }
        });
    }
    match terms.len() {
        0 => None,
        1 => Some(quote!(#[cfg(#(#terms)*)])),
        _ => Some(quote!(#[cfg(all(#(#terms),*))])),
    }
}
