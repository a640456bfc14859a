//! Absent, `null` and a value are three different things on the wire: a
//! PATCH that sends `null` clears a property, one that omits it leaves it
//! alone. [`Field`] keeps all three through decode and encode.
//!
//! Generated models mark each field `#[serde(default, skip_serializing_if =
//! "Field::is_absent")]`: serde calls `deserialize` only for keys that are
//! present, so `Absent` comes from `Default`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field<T> {
    /// Not in the JSON object.
    #[default]
    Absent,
    /// Present as `null`.
    Null,
    /// Present with a value.
    Value(T),
}

impl<T> Field<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    pub fn into_option(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Absent fields are skipped by `skip_serializing_if`; if one is
            // serialized anyway (a field without that attribute), `null` is
            // the only honest encoding.
            Self::Absent | Self::Null => serializer.serialize_none(),
            Self::Value(value) => serializer.serialize_some(value),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Self::Value(value),
            None => Self::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        a: Field<i32>,
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        b: Field<i32>,
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        c: Field<i32>,
    }

    #[test]
    fn three_states_round_trip() {
        let patch: Patch = serde_json::from_str(r#"{"a": null, "b": 2}"#).unwrap();
        assert_eq!(patch, Patch { a: Field::Null, b: Field::Value(2), c: Field::Absent });
        assert_eq!(serde_json::to_string(&patch).unwrap(), r#"{"a":null,"b":2}"#);
    }
}
