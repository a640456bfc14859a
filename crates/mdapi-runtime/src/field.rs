//! Absent, `null` and a value are three different things on the wire: a
//! PATCH that sends `null` clears a property, one that omits it leaves it
//! alone. [`Field`] keeps all three through decode and encode, and a fourth
//! the service writes: `""` where the property's type has no empty value.
//!
//! Generated models mark each field `#[serde(default, skip_serializing_if =
//! "Field::is_absent")]`: serde calls `deserialize` only for keys that are
//! present, so `Absent` comes from `Default`. Fields of the Edm types JSON
//! carries as formatted strings add `deserialize_with =
//! "Field::text_or_empty"`.

use std::fmt::Display;
use std::str::FromStr;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A property of a generated model: absent, `null`, `""` where its type
/// has no empty value, or a value; each written back as it was read. OData
/// 4.01 Part 1, 11.4.3 "Update an Entity": a PATCH changes the properties
/// it sends and leaves the others as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field<T> {
    /// Not in the JSON object.
    #[default]
    Absent,
    /// Present as `null`.
    Null,
    /// Present as an empty string where the property's type has no empty
    /// value: a GUID, date, time or duration the service left blank
    /// (`"tenantId": ""`). Written back as `""`. Only fields read with
    /// [`Field::text_or_empty`] take it; other fields never do.
    Empty,
    /// Present with a value.
    Value(T),
}

impl<T> Field<T> {
    /// Not in the JSON object (and so not written).
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Present as `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// Present as `""` where the type has no empty value.
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Empty)
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null | Self::Empty => None,
        }
    }

    /// The value, if there is one, owned (absent, `null` and `""` are all
    /// `None`).
    pub fn into_option(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null | Self::Empty => None,
        }
    }

    /// Reads a present value of a type JSON carries as a formatted string
    /// (`T`'s `FromStr` is its JSON reading): `null` is [`Field::Null`],
    /// `""` is [`Field::Empty`] when `T` has no empty value, else the
    /// value; anything else that is not `T`'s text is an error. For
    /// `#[serde(deserialize_with = "Field::text_or_empty")]`.
    pub fn text_or_empty<'de, D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
        T: FromStr,
        T::Err: Display,
    {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<T: FromStr> de::Visitor<'_> for Visitor<T>
        where
            T::Err: Display,
        {
            type Value = Field<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string or null")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Field<T>, E> {
                Ok(Field::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Field<T>, E> {
                Ok(Field::Null)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Field<T>, E> {
                match text.parse() {
                    Ok(value) => Ok(Field::Value(value)),
                    Err(_) if text.is_empty() => Ok(Field::Empty),
                    Err(err) => Err(E::custom(err)),
                }
            }
        }
        deserializer.deserialize_any(Visitor(std::marker::PhantomData))
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
            Self::Empty => serializer.serialize_str(""),
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

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Ids {
        #[serde(default, skip_serializing_if = "Field::is_absent", deserialize_with = "Field::text_or_empty")]
        tenant: Field<crate::edm::Guid>,
    }

    #[test]
    fn an_empty_guid_is_empty_and_written_back() {
        for json in
            [r#"{"tenant":""}"#, r#"{"tenant":null}"#, r#"{"tenant":"983D984F-984F-983D-4F98-3D984F983D98"}"#, "{}"]
        {
            let ids: Ids = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&ids).unwrap(), json);
        }
        assert!(serde_json::from_str::<Ids>(r#"{"tenant":""}"#).unwrap().tenant.is_empty());
        assert!(serde_json::from_str::<Ids>(r#"{"tenant":"x"}"#).is_err(), "only the empty string is Empty");
        assert!(serde_json::from_str::<Ids>(r#"{"tenant":1}"#).is_err());
    }

    #[test]
    fn three_states_round_trip() {
        let patch: Patch = serde_json::from_str(r#"{"a": null, "b": 2}"#).unwrap();
        assert_eq!(patch, Patch { a: Field::Null, b: Field::Value(2), c: Field::Absent });
        assert_eq!(serde_json::to_string(&patch).unwrap(), r#"{"a":null,"b":2}"#);
    }
}
