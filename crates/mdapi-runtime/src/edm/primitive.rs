//! The Edm primitive types by name: the one list the generator reads type
//! cells against and maps to Rust types, and that values are checked by.
//!
//! Source: OData CSDL XML 4.01, section 4.4 "Primitive Types" (the `Edm.`
//! types a property may have), less the abstract `Edm.PrimitiveType`, the
//! geography and geometry types and `Edm.Untyped`, which the Graph docs do
//! not use in tables. Graph's `microsoft.graph.Json` (any JSON value, the
//! workbook APIs) is not an Edm primitive and is not here: it has no
//! `Edm.` name, and its Rust form (`serde_json::Value`) decodes anything,
//! so the generator keeps it as its own kind of type reference.

use std::fmt;
use std::str::FromStr;

/// An Edm primitive type (OData CSDL 4.01, 4.4), named without `Edm.`.
///
/// Variants are declared in the order of their names, so the derived
/// `Ord` sorts as [`EdmPrimitive::name`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdmPrimitive {
    /// Binary data, base64 in JSON.
    Binary,
    /// `true` or `false`.
    Boolean,
    /// Unsigned 8-bit integer.
    Byte,
    /// A date without a time (`2024-05-01`).
    Date,
    /// A date and time with an offset (`2024-05-01T10:00:00Z`).
    DateTimeOffset,
    /// A decimal number of any precision.
    Decimal,
    /// IEEE 754 binary64 floating-point number.
    Double,
    /// A signed duration (`P1DT2H`).
    Duration,
    /// A 16-byte GUID.
    Guid,
    /// Signed 16-bit integer.
    Int16,
    /// Signed 32-bit integer.
    Int32,
    /// Signed 64-bit integer.
    Int64,
    /// Signed 8-bit integer.
    SByte,
    /// IEEE 754 binary32 floating-point number.
    Single,
    /// A binary data stream: an entity's media content, sent and read
    /// through its own route, never as a JSON value.
    Stream,
    /// A sequence of characters.
    String,
    /// A time of day without a date (`10:00:00`).
    TimeOfDay,
}

impl EdmPrimitive {
    /// Every primitive, in the order of their names.
    pub const ALL: [EdmPrimitive; 17] = [
        Self::Binary,
        Self::Boolean,
        Self::Byte,
        Self::Date,
        Self::DateTimeOffset,
        Self::Decimal,
        Self::Double,
        Self::Duration,
        Self::Guid,
        Self::Int16,
        Self::Int32,
        Self::Int64,
        Self::SByte,
        Self::Single,
        Self::Stream,
        Self::String,
        Self::TimeOfDay,
    ];

    /// The name without `Edm.` (`DateTimeOffset`), as CSDL spells it.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Binary => "Binary",
            Self::Boolean => "Boolean",
            Self::Byte => "Byte",
            Self::Date => "Date",
            Self::DateTimeOffset => "DateTimeOffset",
            Self::Decimal => "Decimal",
            Self::Double => "Double",
            Self::Duration => "Duration",
            Self::Guid => "Guid",
            Self::Int16 => "Int16",
            Self::Int32 => "Int32",
            Self::Int64 => "Int64",
            Self::SByte => "SByte",
            Self::Single => "Single",
            Self::Stream => "Stream",
            Self::String => "String",
            Self::TimeOfDay => "TimeOfDay",
        }
    }

    /// The primitive named `name` without ASCII case (`int32`, `INT32`),
    /// with or without `Edm.`; `None` for any other word.
    pub fn from_name_ignore_case(name: &str) -> Option<Self> {
        let name = name.strip_prefix("Edm.").or_else(|| name.strip_prefix("edm.")).unwrap_or(name);
        Self::ALL.into_iter().find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// Whether JSON carries it as a string with a format of its own, where
    /// an empty string is no value of the type: a model property of one of
    /// these reads `""` as [`Field::Empty`](crate::Field::Empty). The same
    /// list as [`super::EMPTY_AS_FIELD_EMPTY`].
    pub fn empty_is_no_value(self) -> bool {
        super::EMPTY_AS_FIELD_EMPTY.contains(&self)
    }
}

impl fmt::Display for EdmPrimitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not an Edm primitive's, from [`EdmPrimitive::from_str`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAPrimitive(pub String);

impl fmt::Display for NotAPrimitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not an Edm primitive type", self.0)
    }
}

impl std::error::Error for NotAPrimitive {}

impl FromStr for EdmPrimitive {
    type Err = NotAPrimitive;

    /// The primitive spelled exactly as [`EdmPrimitive::name`] spells it
    /// (`Int32`): the inverse of `name`. Another case, `Edm.Int32` or any
    /// other word is [`NotAPrimitive`] (use
    /// [`EdmPrimitive::from_name_ignore_case`] for docs' spellings).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|p| p.name() == text).ok_or_else(|| NotAPrimitive(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::EdmPrimitive;

    #[test]
    fn names_read_back_and_sort_as_their_names() {
        for primitive in EdmPrimitive::ALL {
            assert_eq!(primitive.name().parse::<EdmPrimitive>(), Ok(primitive));
            assert_eq!(EdmPrimitive::from_name_ignore_case(&format!("Edm.{primitive}")), Some(primitive));
        }
        let mut names: Vec<&str> = EdmPrimitive::ALL.iter().map(|p| p.name()).collect();
        names.sort_unstable();
        assert_eq!(names, EdmPrimitive::ALL.map(EdmPrimitive::name));
        let mut sorted = EdmPrimitive::ALL;
        sorted.sort();
        assert_eq!(sorted, EdmPrimitive::ALL);
    }

    #[test]
    fn exact_parse_refuses_other_case_and_words() {
        assert!("int32".parse::<EdmPrimitive>().is_err());
        assert!("Json".parse::<EdmPrimitive>().is_err());
        assert!("Edm.Int32".parse::<EdmPrimitive>().is_err());
        assert!("".parse::<EdmPrimitive>().is_err());
        assert_eq!(EdmPrimitive::from_name_ignore_case("edm.int64"), Some(EdmPrimitive::Int64));
        assert_eq!(EdmPrimitive::from_name_ignore_case("SBYTE"), Some(EdmPrimitive::SByte));
        assert_eq!(EdmPrimitive::from_name_ignore_case("json"), None);
    }

    #[test]
    fn empty_is_no_value_only_for_formatted_strings() {
        let empty: Vec<&str> =
            EdmPrimitive::ALL.into_iter().filter(|p| p.empty_is_no_value()).map(EdmPrimitive::name).collect();
        assert_eq!(empty, ["Date", "DateTimeOffset", "Duration", "Guid", "TimeOfDay"]);
    }
}
