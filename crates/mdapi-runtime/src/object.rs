//! A model's JSON object (OData JSON Format 4.01, 5 "Entity" and 7.2
//! "Complex Value"), read and written member by member: what
//! [`json_object!`](crate::json_object) expands to for each generated model.
//!
//! Why not serde's derive: a derived `Deserialize` with a `flatten`ed rest
//! buffers every member and is compiled again for every deserializer it
//! meets, and a model graph of 1,600 types made it most of an SDK's build
//! (issue 22, docs/sdk-cost.md). Here a model reads its members from the
//! `serde_json::Value` the client reads answers into, in one non-generic
//! [`FromJson`] function per model; each member calls a reader generic only
//! over its own type, compiled once per type for the whole crate (and not
//! inlined). Every member is read before the first error is returned:
//! returning at each member's error would drop the members read so far at
//! each of N exits, code quadratic in the members (370 KB for `User`'s 105
//! in a release build). Writing
//! stays serde's (generic over the serializer), one `serialize_entry` per
//! present member and then the kept ones, as the derive wrote it.

use std::fmt::Display;
use std::str::FromStr;

use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::{Error, Map, Value};

use crate::{Field, FromJson};

/// The members of `value`, a JSON object that should be a `name`.
///
/// # Errors
/// `value` is not an object.
pub fn members(value: Value, name: &'static str) -> Result<Map<String, Value>, Error> {
    match value {
        Value::Object(members) => Ok(members),
        other => Err(Error::invalid_type(crate::from_json::unexpected(&other), &name)),
    }
}

/// An optional member: absent, `null`, or a `T`. On an error (the member
/// is there and not `null` or a `T`) `first` keeps it, unless it holds an
/// earlier one, and the member reads as absent.
#[inline(never)]
pub fn field<T: FromJson>(members: &mut Map<String, Value>, name: &'static str, first: &mut Option<Error>) -> Field<T> {
    keep(read_field(members, name), first).unwrap_or(Field::Absent)
}

fn read_field<T: FromJson>(members: &mut Map<String, Value>, name: &'static str) -> Result<Field<T>, Error> {
    match members.remove(name) {
        None => Ok(Field::Absent),
        Some(Value::Null) => Ok(Field::Null),
        Some(value) => T::from_json(value).map(Field::Value),
    }
}

/// An optional member whose type has no empty value (a GUID, date, time
/// or duration), as [`Field::text_or_empty`] reads it: absent, `null`,
/// `""` ([`Field::Empty`]) or the type's text. Errors (not a string or
/// `null`, or a non-empty string `T` does not parse) as [`field`]'s.
#[inline(never)]
pub fn text_field<T>(members: &mut Map<String, Value>, name: &'static str, first: &mut Option<Error>) -> Field<T>
where
    T: FromStr,
    T::Err: Display,
{
    keep(read_text_field(members, name), first).unwrap_or(Field::Absent)
}

fn read_text_field<T>(members: &mut Map<String, Value>, name: &'static str) -> Result<Field<T>, Error>
where
    T: FromStr,
    T::Err: Display,
{
    match members.remove(name) {
        None => Ok(Field::Absent),
        Some(Value::Null) => Ok(Field::Null),
        Some(Value::String(text)) => match text.parse() {
            Ok(value) => Ok(Field::Value(value)),
            Err(_) if text.is_empty() => Ok(Field::Empty),
            Err(err) => Err(Error::custom(err)),
        },
        Some(other) => Err(Error::invalid_type(crate::from_json::unexpected(&other), &"a string or null")),
    }
}

/// A required member (an action's required parameter): a `T`, never
/// absent (unless `T` reads an absent member, as `Option` does). `None`
/// when it is absent or not a `T`, with the error kept in `first` as in
/// [`field`].
#[inline(never)]
pub fn required<T: FromJson>(
    members: &mut Map<String, Value>,
    name: &'static str,
    first: &mut Option<Error>,
) -> Option<T> {
    let read = match members.remove(name) {
        None => T::from_missing(name),
        Some(value) => T::from_json(value),
    };
    keep(read, first)
}

/// `result`'s value; its error kept in `first` unless that holds one.
fn keep<T>(result: Result<T, Error>, first: &mut Option<Error>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(err) => {
            first.get_or_insert(err);
            None
        }
    }
}

/// Writes an optional member unless it is absent.
///
/// # Errors
/// The serializer's.
pub fn write_field<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    value: &Field<T>,
) -> Result<(), M::Error> {
    if value.is_absent() {
        return Ok(());
    }
    map.serialize_entry(name, value)
}

/// Writes a required member.
///
/// # Errors
/// The serializer's.
pub fn write_required<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    value: &T,
) -> Result<(), M::Error> {
    map.serialize_entry(name, value)
}

/// Writes the members kept from reading (or added by hand), after the
/// model's own.
///
/// # Errors
/// The serializer's.
pub fn write_rest<M: SerializeMap>(map: &mut M, rest: &Map<String, Value>) -> Result<(), M::Error> {
    for (name, value) in rest {
        map.serialize_entry(name, value)?;
    }
    Ok(())
}

/// `T` from any deserializer: the value first, then `T`'s [`FromJson`] (a
/// model's `Deserialize`, for callers reading one with serde directly).
///
/// # Errors
/// The deserializer's, or `T`'s, as the deserializer's error.
pub fn deserialize<'de, T: FromJson, D: serde::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let value = <Value as serde::Deserialize>::deserialize(deserializer)?;
    T::from_json(value).map_err(serde::de::Error::custom)
}

/// Implements `FromJson`, `serde::Deserialize` and `serde::Serialize` for a
/// generated model from its members' wire names (the struct, then
/// `kind(field, "wireName")` per member, in the order they are written):
/// each member is `field`
/// (a [`Field`], written unless absent), `text_field` (a `Field` whose
/// type has no empty value: `""` reads as [`Field::Empty`]) or `required`
/// (a plain value, always written); every other member read is kept in
/// `additional_properties` and written after them.
///
/// ```
/// #[derive(Debug, Default, PartialEq)]
/// pub struct Note {
///     pub id: mdapi_runtime::Field<String>,
///     pub additional_properties: serde_json::Map<String, serde_json::Value>,
/// }
/// mdapi_runtime::json_object!(Note, field(id, "id"));
///
/// let note: Note = serde_json::from_str(r#"{"id":"1","x":2}"#).unwrap();
/// assert_eq!(note.id.value().map(String::as_str), Some("1"));
/// assert_eq!(serde_json::to_string(&note).unwrap(), r#"{"id":"1","x":2}"#);
/// ```
#[macro_export]
macro_rules! json_object {
    ($ty:ident $(, $kind:ident($member:ident, $wire:literal))* $(,)?) => {
        impl $crate::FromJson for $ty {
            fn from_json(value: $crate::from_json::Value) -> ::std::result::Result<Self, $crate::from_json::Error> {
                let mut members = $crate::object::members(value, ::std::stringify!($ty))?;
                let mut first = ::std::option::Option::None;
                $( let $member = $crate::object::$kind(&mut members, $wire, &mut first); )*
                if let ::std::option::Option::Some(error) = first {
                    return ::std::result::Result::Err(error);
                }
                ::std::result::Result::Ok(Self {
                    $( $member: $crate::json_object!(@take $kind $member $wire), )*
                    additional_properties: members,
                })
            }
        }

        impl<'de> $crate::object::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::object::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::object::deserialize(deserializer)
            }
        }

        impl $crate::object::serde::Serialize for $ty {
            fn serialize<S: $crate::object::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let mut map = $crate::object::serde::Serializer::serialize_map(serializer, ::std::option::Option::None)?;
                $( $crate::json_object!(@write $kind map $wire self.$member); )*
                $crate::object::write_rest(&mut map, &self.additional_properties)?;
                $crate::object::serde::ser::SerializeMap::end(map)
            }
        }
    };
    (@take required $member:ident $wire:literal) => {
        match $member {
            ::std::option::Option::Some(value) => value,
            ::std::option::Option::None => {
                return ::std::result::Result::Err(<$crate::from_json::Error as $crate::object::serde::de::Error>::missing_field($wire))
            }
        }
    };
    (@take $kind:ident $member:ident $wire:literal) => {
        $member
    };
    (@write required $map:ident $wire:literal $value:expr) => {
        $crate::object::write_required(&mut $map, $wire, &$value)?
    };
    (@write $kind:ident $map:ident $wire:literal $value:expr) => {
        $crate::object::write_field(&mut $map, $wire, &$value)?
    };
}

#[doc(hidden)]
pub use serde;
