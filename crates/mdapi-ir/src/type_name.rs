//! What a type reference names: an Edm primitive, Graph's untyped `Json`,
//! or a type of the API by qualified name. Typed so that passes and
//! codegen match on the kind instead of comparing spellings; written in
//! the IR's JSON as the one string it always was (`"Int32"`, `"Json"`,
//! `"microsoft.graph.user"`).

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use mdapi_runtime::edm::EdmPrimitive;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The type a [`TypeRef`](crate::TypeRef) or a
/// [`Property`](crate::Property) names.
///
/// Read from the IR's spelling by [`TypeName::from_ir`]: `Json`, an
/// [`EdmPrimitive`]'s exact name, else a type's qualified name. Whether a
/// [`TypeName::Named`] names a type the docs describe is the
/// [`TypeIndex`](crate::TypeIndex)'s to say
/// ([`TypeIndex::resolve`](crate::TypeIndex::resolve)).
///
/// Equality, order and hash are those of [`TypeName::as_str`], so sorting
/// is what it was when type names were strings.
#[derive(Debug, Clone)]
pub enum TypeName {
    /// An Edm primitive (`Int32`, `Stream`).
    Primitive(EdmPrimitive),
    /// Any JSON value: Graph's `microsoft.graph.Json` (the workbook APIs),
    /// or JSON the docs name no type for. Not an Edm primitive: it has no
    /// `Edm.` name, and decodes anything.
    Json,
    /// A qualified type name (`microsoft.graph.user`); never a primitive's
    /// name or `Json` when made by [`TypeName::from_ir`].
    Named(String),
}

/// The IR's spelling of [`TypeName::Json`].
const JSON: &str = "Json";

impl TypeName {
    /// Reads the IR's spelling: `Json`, an Edm primitive's exact name
    /// (`Int32`, not `int32` or `Edm.Int32`: the IR writes them so), else
    /// a type name.
    pub fn from_ir(name: &str) -> Self {
        if name == JSON {
            Self::Json
        } else if let Ok(primitive) = name.parse::<EdmPrimitive>() {
            Self::Primitive(primitive)
        } else {
            Self::Named(name.to_owned())
        }
    }

    /// [`TypeName::from_ir`] of an owned spelling, keeping its allocation
    /// for a type name.
    pub fn from_ir_owned(name: String) -> Self {
        match Self::from_ir(&name) {
            Self::Named(_) => Self::Named(name),
            other => other,
        }
    }

    /// The IR's spelling: the primitive's name, `Json`, or the qualified name.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Primitive(primitive) => primitive.name(),
            Self::Json => JSON,
            Self::Named(name) => name,
        }
    }

    /// The primitive, for [`TypeName::Primitive`].
    pub fn primitive(&self) -> Option<EdmPrimitive> {
        match self {
            Self::Primitive(primitive) => Some(*primitive),
            _ => None,
        }
    }

    /// The qualified name, for [`TypeName::Named`].
    pub fn named(&self) -> Option<&str> {
        match self {
            Self::Named(name) => Some(name),
            _ => None,
        }
    }

    /// `Stream`: media content, never a JSON value.
    pub fn is_stream(&self) -> bool {
        matches!(self, Self::Primitive(EdmPrimitive::Stream))
    }

    /// A primitive or `Json`: no type of the API.
    pub fn is_builtin(&self) -> bool {
        !matches!(self, Self::Named(_))
    }
}

impl fmt::Display for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for TypeName {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for TypeName {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for TypeName {}

impl PartialOrd for TypeName {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TypeName {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for TypeName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl From<EdmPrimitive> for TypeName {
    fn from(primitive: EdmPrimitive) -> Self {
        Self::Primitive(primitive)
    }
}

impl Serialize for TypeName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TypeName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from_ir_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ir_spelling_decides_the_kind() {
        assert_eq!(TypeName::from_ir("Int64").primitive(), Some(EdmPrimitive::Int64));
        assert!(matches!(TypeName::from_ir("Json"), TypeName::Json));
        assert!(TypeName::from_ir("Stream").is_stream());
        // Other spellings were read into these forms before; as IR names
        // they are type names.
        assert_eq!(TypeName::from_ir("int64").named(), Some("int64"));
        assert_eq!(TypeName::from_ir("json").named(), Some("json"));
        assert_eq!(TypeName::from_ir_owned("microsoft.graph.user".into()).named(), Some("microsoft.graph.user"));
    }

    #[test]
    fn order_is_the_spelling_order() {
        let mut names: Vec<TypeName> = ["microsoft.graph.user", "String", "Json", "Boolean", "microsoft.graph.Alert"]
            .map(TypeName::from_ir)
            .into();
        names.sort();
        let sorted: Vec<&str> = names.iter().map(TypeName::as_str).collect();
        assert_eq!(sorted, ["Boolean", "Json", "String", "microsoft.graph.Alert", "microsoft.graph.user"]);
    }
}
