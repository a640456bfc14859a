//! One index of the type table, built once and shared by the IR's passes
//! and by codegen: qualified names compared without ASCII case (the docs
//! write `microsoft.graph.User` and `microsoft.graph.user` for one type,
//! and the type table merges them that way), each type's base chain, and
//! the types derived from each.
//!
//! A base chain is cut where it would repeat a type, the one guard
//! against base cycles (`a` based on `b` based on `a`, which docs can
//! write): walking up never loops, whatever the input.

use std::collections::HashMap;

use mdapi_runtime::edm::EdmPrimitive;

use crate::model::{Property, TypeDef};
use crate::type_name::TypeName;

/// A type's position in the slice its [`TypeIndex`] was built from
/// (`Api::types`, sorted by qualified name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(usize);

impl TypeId {
    /// The position in the slice the index was built from.
    pub fn index(self) -> usize {
        self.0
    }
}

/// What a [`TypeName`] names in a [`TypeIndex`]
/// ([`TypeIndex::resolve`]): the one place a name of no type is told
/// apart from a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved<'n> {
    /// An Edm primitive.
    Primitive(EdmPrimitive),
    /// Any JSON value.
    Json,
    /// A type of the table.
    Type(TypeId),
    /// A qualified name no type of the table has: the docs name a type
    /// they never describe (nor mention where the type table could see
    /// it). Codegen generates it as any JSON value.
    Unknown(&'n str),
}

/// Names, ancestry and derived types of a type table ([`TypeIndex::new`]).
///
/// Ids are positions in the slice it was built from, so the index stays
/// true while types are changed in place (properties, openness) but not
/// when types are added, removed, reordered, renamed or rebased.
#[derive(Debug, Clone, Default)]
pub struct TypeIndex {
    /// Lower-cased qualified name → id; the first type wins a tie.
    ids: HashMap<String, TypeId>,
    /// Each type's base types, nearest first, itself not included.
    ancestry: Vec<Vec<TypeId>>,
    /// Each type's derived types, directly or not, in id order.
    derived: Vec<Vec<TypeId>>,
}

impl TypeIndex {
    /// Indexes `types`. A base naming no type in `types` ends its chain;
    /// a base already in the chain (a cycle) ends it too.
    pub fn new(types: &[TypeDef]) -> Self {
        let mut ids: HashMap<String, TypeId> = HashMap::with_capacity(types.len());
        for (at, ty) in types.iter().enumerate() {
            ids.entry(ty.qualified_name().to_ascii_lowercase()).or_insert(TypeId(at));
        }
        let base_of: Vec<Option<TypeId>> = types
            .iter()
            .map(|ty| ty.base.as_deref().and_then(|base| ids.get(&base.to_ascii_lowercase()).copied()))
            .collect();
        let ancestry: Vec<Vec<TypeId>> = (0..types.len())
            .map(|at| {
                let mut chain: Vec<TypeId> = Vec::new();
                let mut next = base_of[at];
                while let Some(base) = next {
                    if base.0 == at || chain.contains(&base) {
                        break;
                    }
                    chain.push(base);
                    next = base_of[base.0];
                }
                chain
            })
            .collect();
        let mut derived: Vec<Vec<TypeId>> = vec![Vec::new(); types.len()];
        for (at, chain) in ancestry.iter().enumerate() {
            for base in chain {
                derived[base.0].push(TypeId(at));
            }
        }
        Self { ids, ancestry, derived }
    }

    /// The type named `qualified`, compared without ASCII case.
    pub fn id(&self, qualified: &str) -> Option<TypeId> {
        self.ids.get(&qualified.to_ascii_lowercase()).copied()
    }

    /// What `name` names here: its primitive, `Json`, its type, or
    /// [`Resolved::Unknown`].
    pub fn resolve<'n>(&self, name: &'n TypeName) -> Resolved<'n> {
        match name {
            TypeName::Primitive(primitive) => Resolved::Primitive(*primitive),
            TypeName::Json => Resolved::Json,
            TypeName::Named(qualified) => self.id(qualified).map_or(Resolved::Unknown(qualified), Resolved::Type),
        }
    }

    /// The base types of `id`, nearest first, `id` itself not included.
    pub fn ancestry(&self, id: TypeId) -> &[TypeId] {
        self.ancestry.get(id.0).map_or(&[], Vec::as_slice)
    }

    /// `id`, then its base types, nearest first.
    pub fn lineage(&self, id: TypeId) -> impl Iterator<Item = TypeId> + '_ {
        std::iter::once(id).chain(self.ancestry(id).iter().copied())
    }

    /// Every type derived from `id`, directly or not, in id order.
    pub fn derived(&self, id: TypeId) -> &[TypeId] {
        self.derived.get(id.0).map_or(&[], Vec::as_slice)
    }

    /// Whether a value of `a` is a `b`: `a` is `b` or derives from it.
    pub fn is_a(&self, a: TypeId, b: TypeId) -> bool {
        a == b || self.ancestry(a).contains(&b)
    }

    /// The nearest type every one of `ids` is ([`TypeIndex::is_a`]): the
    /// first of the first one's lineage that all the others' contain.
    /// `None` for no ids, or ones that share no base.
    pub fn common_base(&self, ids: &[TypeId]) -> Option<TypeId> {
        let (first, rest) = ids.split_first()?;
        self.lineage(*first).find(|&candidate| rest.iter().all(|&other| self.is_a(other, candidate)))
    }
}

impl crate::model::Api {
    /// A [`TypeIndex`] of [`Api::types`](crate::model::Api::types); build it
    /// once per use of the API, not per lookup.
    pub fn type_index(&self) -> TypeIndex {
        TypeIndex::new(&self.types)
    }
}

/// The type table with its index: lookups by name that answer
/// [`TypeDef`]s, for the passes that check values and choose types.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Types<'a> {
    defs: &'a [TypeDef],
    index: &'a TypeIndex,
}

impl<'a> Types<'a> {
    /// `index` must have been built from `defs`.
    pub(crate) fn new(defs: &'a [TypeDef], index: &'a TypeIndex) -> Self {
        Self { defs, index }
    }

    /// The type named `qualified`, compared without ASCII case.
    /// A primitive's name or `Json` names none.
    pub(crate) fn get(&self, qualified: &(impl AsRef<str> + ?Sized)) -> Option<&'a TypeDef> {
        self.index.id(qualified.as_ref()).and_then(|id| self.defs.get(id.0))
    }

    /// Whether `derived` has `base` among its base types (not itself).
    pub(crate) fn derives_from(&self, derived: &(impl AsRef<str> + ?Sized), base: &(impl AsRef<str> + ?Sized)) -> bool {
        match (self.index.id(derived.as_ref()), self.index.id(base.as_ref())) {
            (Some(derived), Some(base)) => self.index.ancestry(derived).contains(&base),
            _ => false,
        }
    }

    /// Whether the two types share a base type (or one derives from the
    /// other, or they are one type); a name of no type is related only
    /// to itself.
    pub(crate) fn related(&self, a: &str, b: &str) -> bool {
        match (self.index.id(a), self.index.id(b)) {
            (Some(a), Some(b)) => self.index.common_base(&[a, b]).is_some(),
            _ => a.eq_ignore_ascii_case(b),
        }
    }

    /// The base types of the type named `qualified`, nearest first; none
    /// for a name of no type.
    pub(crate) fn bases(&self, qualified: &str) -> impl Iterator<Item = &'a TypeDef> + '_ {
        let ancestry = self.index.id(qualified).map_or(&[][..], |id| self.index.ancestry(id));
        ancestry.iter().filter_map(|base| self.defs.get(base.0))
    }

    /// A property of `ty` or of its base types, the nearest first.
    pub(crate) fn property(&self, ty: &'a TypeDef, name: &str) -> Option<&'a Property> {
        if let Some(own) = ty.properties.iter().find(|p| p.name == name) {
            return Some(own);
        }
        let id = self.index.id(&ty.qualified_name())?;
        self.index
            .ancestry(id)
            .iter()
            .filter_map(|base| self.defs.get(base.0))
            .find_map(|base| base.properties.iter().find(|p| p.name == name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, TypeKind};

    fn ty(qualified: &str, base: Option<&str>, properties: &[&str]) -> TypeDef {
        let (namespace, name) = qualified.rsplit_once('.').unwrap_or(("microsoft.graph", qualified));
        TypeDef {
            name: name.to_owned(),
            namespace: namespace.to_owned(),
            kind: TypeKind::Complex,
            base: base.map(str::to_owned),
            open: false,
            is_abstract: false,
            documented: true,
            description: String::new(),
            properties: properties
                .iter()
                .map(|p| Property {
                    name: (*p).to_owned(),
                    type_name: TypeName::Primitive(EdmPrimitive::String),
                    collection: false,
                    nullable: true,
                    required: false,
                    inherited_from: None,
                    description: String::new(),
                    source: Source { file: format!("{qualified}.md"), line: 1 },
                })
                .collect(),
            members: Vec::new(),
            derived: Vec::new(),
            request_body: false,
            sources: Vec::new(),
        }
    }

    fn names(types: &[TypeDef], ids: &[TypeId]) -> Vec<String> {
        ids.iter().map(|id| types[id.index()].qualified_name()).collect()
    }

    #[test]
    fn names_are_found_without_case() {
        let types = [ty("microsoft.graph.user", None, &[]), ty("microsoft.graph.security.alert", None, &[])];
        let index = TypeIndex::new(&types);
        assert_eq!(index.id("Microsoft.Graph.USER").map(TypeId::index), Some(0));
        assert_eq!(index.id("microsoft.graph.Security.Alert").map(TypeId::index), Some(1));
        assert_eq!(index.id("microsoft.graph.users"), None);
        assert_eq!(index.id(""), None);
    }

    #[test]
    fn a_cycle_in_bases_ends_the_chain() {
        let types = [
            ty("microsoft.graph.a", Some("microsoft.graph.B"), &[]),
            ty("microsoft.graph.b", Some("microsoft.graph.c"), &[]),
            ty("microsoft.graph.c", Some("microsoft.graph.a"), &["deep"]),
            ty("microsoft.graph.self", Some("microsoft.graph.self"), &[]),
        ];
        let index = TypeIndex::new(&types);
        let a = index.id("microsoft.graph.a").unwrap();
        assert_eq!(names(&types, index.ancestry(a)), ["microsoft.graph.b", "microsoft.graph.c"]);
        let own = index.id("microsoft.graph.self").unwrap();
        assert!(index.ancestry(own).is_empty(), "a type is not its own base");
        assert_eq!(index.derived(own), &[] as &[TypeId]);
        // Every type of the cycle derives from the others, never from itself.
        assert_eq!(names(&types, index.derived(a)), ["microsoft.graph.b", "microsoft.graph.c"]);
        let view = Types::new(&types, &index);
        assert!(view.derives_from("microsoft.graph.a", "microsoft.graph.c"));
        assert!(!view.derives_from("microsoft.graph.a", "microsoft.graph.a"));
        assert!(view.property(&types[0], "deep").is_some());
        assert!(view.property(&types[0], "absent").is_none());
    }

    #[test]
    fn derived_types_are_transitive_and_is_a_follows_the_chain() {
        let types = [
            ty("microsoft.graph.directoryObject", Some("microsoft.graph.entity"), &["deletedDateTime"]),
            ty("microsoft.graph.entity", None, &["id"]),
            ty("microsoft.graph.group", Some("microsoft.graph.directoryObject"), &[]),
            ty("microsoft.graph.orgContact", Some("microsoft.graph.directoryObject"), &[]),
            ty("microsoft.graph.user", Some("microsoft.graph.directoryObject"), &["displayName"]),
            ty("microsoft.graph.loose", Some("microsoft.graph.undocumented"), &[]),
        ];
        let index = TypeIndex::new(&types);
        let id = |name: &str| index.id(&format!("microsoft.graph.{name}")).unwrap();
        assert_eq!(
            names(&types, index.derived(id("entity"))),
            [
                "microsoft.graph.directoryObject",
                "microsoft.graph.group",
                "microsoft.graph.orgContact",
                "microsoft.graph.user"
            ]
        );
        assert_eq!(names(&types, index.derived(id("directoryObject"))).len(), 3);
        assert!(index.derived(id("user")).is_empty());
        assert!(index.is_a(id("user"), id("entity")));
        assert!(index.is_a(id("user"), id("user")));
        assert!(!index.is_a(id("entity"), id("user")));
        assert_eq!(index.common_base(&[id("user"), id("group")]), Some(id("directoryObject")));
        assert_eq!(index.common_base(&[id("user"), id("entity")]), Some(id("entity")));
        assert_eq!(index.common_base(&[id("user"), id("loose")]), None);
        assert_eq!(index.common_base(&[]), None);
        // A base no type is named ends the chain.
        assert!(index.ancestry(id("loose")).is_empty());
        let view = Types::new(&types, &index);
        assert!(view.related("microsoft.graph.user", "microsoft.graph.orgContact"));
        assert!(!view.related("microsoft.graph.user", "microsoft.graph.loose"));
        assert!(view.related("microsoft.graph.nothing", "microsoft.graph.Nothing"));
        assert_eq!(index.resolve(&TypeName::from_ir("microsoft.graph.User")), Resolved::Type(id("user")));
        assert_eq!(index.resolve(&TypeName::from_ir("Int32")), Resolved::Primitive(EdmPrimitive::Int32));
        assert_eq!(index.resolve(&TypeName::Json), Resolved::Json);
        // `loose`'s base is mentioned but is no type of the table.
        let undocumented = TypeName::from_ir("microsoft.graph.undocumented");
        assert_eq!(index.resolve(&undocumented), Resolved::Unknown("microsoft.graph.undocumented"));
        let user = view.get("microsoft.graph.USER").unwrap();
        assert_eq!(view.property(user, "id").map(|p| p.source.file.as_str()), Some("microsoft.graph.entity.md"));
    }
}
