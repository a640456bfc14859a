//! Types by lower-cased qualified name, and walks up their base types:
//! what operations, literals, responses, values and examples ask of the
//! finished type table.

use std::collections::BTreeMap;

use crate::model::{Api, Property, TypeDef};

/// Types by lower-cased qualified name.
pub(crate) struct TypeIndex<'a>(BTreeMap<String, &'a TypeDef>);

impl<'a> TypeIndex<'a> {
    pub(crate) fn new(api: &'a Api) -> Self {
        Self(api.types.iter().map(|t| (t.qualified_name().to_ascii_lowercase(), t)).collect())
    }

    pub(crate) fn get(&self, qualified: &str) -> Option<&'a TypeDef> {
        self.0.get(&qualified.to_ascii_lowercase()).copied()
    }

    /// Whether `derived` has `base` among its base types (not itself).
    pub(crate) fn derives_from(&self, derived: &str, base: &str) -> bool {
        let mut current = self.get(derived).and_then(|t| t.base.as_deref());
        for _ in 0..32 {
            let Some(name) = current else { return false };
            if name.eq_ignore_ascii_case(base) {
                return true;
            }
            current = self.get(name).and_then(|t| t.base.as_deref());
        }
        false
    }

    /// Whether the two types share a base type (or one derives from the other).
    pub(crate) fn related(&self, a: &str, b: &str) -> bool {
        let chain = |name: &str| {
            let mut chain = vec![name.to_ascii_lowercase()];
            let mut current = self.get(name).and_then(|t| t.base.as_deref());
            while let Some(base) = current.filter(|_| chain.len() < 32) {
                chain.push(base.to_ascii_lowercase());
                current = self.get(base).and_then(|t| t.base.as_deref());
            }
            chain
        };
        let of_b = chain(b);
        chain(a).iter().any(|n| of_b.contains(n))
    }

    /// A property of `ty` or of its base types.
    pub(crate) fn property(&self, ty: &'a TypeDef, name: &str) -> Option<&'a Property> {
        let mut current = Some(ty);
        for _ in 0..32 {
            let t = current?;
            if let Some(p) = t.properties.iter().find(|p| p.name == name) {
                return Some(p);
            }
            current = t.base.as_deref().and_then(|b| self.get(b));
        }
        None
    }
}
