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
//! inlined).
//!
//! What it reads as the derive did:
//! - the object is split once, in the map's order ([`split`]): the model's
//!   members by name ([`Index`]), the rest kept in their order
//!   (`Map::remove` would not do: with serde_json's `preserve_order` it
//!   moves the last member into the removed one's place);
//! - every member is read, and the error returned is the one of the member
//!   first in the map, a missing required member's only when there is no
//!   other: the derive's with `preserve_order` (the map keeps the text's
//!   order; the derive stops at the first bad member and checks for
//!   missing ones at the end), the first bad member by name without it.
//!   Returning at each member's
//!   error instead would drop the members read so far at each of N exits,
//!   code quadratic in the members (370 KB for `User`'s 105 in a release
//!   build).
//!
//! Writing stays serde's (generic over the serializer), one
//! `serialize_entry` per present member and then the kept ones, as the
//! derive wrote it.

use std::collections::HashMap;
use std::fmt::Display;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::{Error, Map, Value};

use crate::{Field, FromJson};

/// A model's member names (in the order the model declares them), by name.
#[derive(Debug)]
pub struct Index {
    slots: HashMap<&'static str, usize>,
    /// One slot per name given, a name given twice included (its first
    /// slot then stays empty), so every reader has its slot.
    len: usize,
}

impl Index {
    /// The index of `names`, the wire names in declaration order.
    pub fn new(names: &[&'static str]) -> Self {
        Self { slots: names.iter().enumerate().map(|(at, name)| (*name, at)).collect(), len: names.len() }
    }
}

/// A member's value and where it came in the object (0 first), if it came.
pub type Slot = Option<(usize, Value)>;

/// A model's slots, in its declaration order: each reader takes the next.
pub type Slots = std::vec::IntoIter<Slot>;

/// The error of the member that came first so far, and where it came
/// (`usize::MAX` for a missing member).
pub type FirstError = Option<(usize, Error)>;

/// `value`, a JSON object, split in one pass: the value of each of `names`
/// (a model's wire names in declaration order; indexed once, in `index`)
/// and every other member, in the order it came.
///
/// # Errors
/// `value` is not an object (the message expects `expected`, as
/// `struct User`).
pub fn split(
    value: Value,
    expected: &'static str,
    index: &'static OnceLock<Index>,
    names: &'static [&'static str],
) -> Result<(Slots, Map<String, Value>), Error> {
    let (slots, rest) = split_by(value, expected, index.get_or_init(|| Index::new(names)))?;
    Ok((slots.into_iter(), rest))
}

pub(crate) fn split_by(
    value: Value,
    expected: &'static str,
    index: &Index,
) -> Result<(Vec<Slot>, Map<String, Value>), Error> {
    let Value::Object(members) = value else {
        return Err(Error::invalid_type(crate::from_json::unexpected(&value), &expected));
    };
    let mut slots: Vec<Slot> = std::iter::repeat_with(|| None).take(index.len).collect();
    let mut rest = Map::new();
    for (at, (name, value)) in members.into_iter().enumerate() {
        match index.slots.get(name.as_str()) {
            Some(&slot) => slots[slot] = Some((at, value)),
            None => {
                rest.insert(name, value);
            }
        }
    }
    Ok((slots, rest))
}

/// The next member: absent, `null`, or a `T`. On an error (the member
/// is not `null` or a `T`) `first` keeps it if the member came before the
/// one whose error it holds, and the member reads as absent.
#[inline(never)]
pub fn field<T: FromJson>(slots: &mut Slots, _: &'static str, first: &mut FirstError) -> Field<T> {
    field_in(slots.next().flatten(), first)
}

pub(crate) fn field_in<T: FromJson>(slot: Slot, first: &mut FirstError) -> Field<T> {
    match slot {
        None => Field::Absent,
        Some((_, Value::Null)) => Field::Null,
        Some((at, value)) => keep(T::from_json(value), at, first).map_or(Field::Absent, Field::Value),
    }
}

/// An optional member whose type has no empty value (a GUID, date, time
/// or duration), as [`Field::text_or_empty`] reads it: absent, `null`,
/// `""` ([`Field::Empty`]) or the type's text. Errors (not a string or
/// `null`, or a non-empty string `T` does not parse) as [`field`]'s.
#[inline(never)]
pub fn text_field<T>(slots: &mut Slots, _: &'static str, first: &mut FirstError) -> Field<T>
where
    T: FromStr,
    T::Err: Display,
{
    // The value as `Field::text_or_empty` reads it (a `Value` is a
    // deserializer): one reading of `""` for the derive and for this.
    match slots.next().flatten() {
        None => Field::Absent,
        Some((at, value)) => keep(Field::text_or_empty(value), at, first).unwrap_or(Field::Absent),
    }
}

/// A required member (an action's required parameter): a `T`, never
/// absent (unless `T` reads an absent member, as `Option` does). `None`
/// when it is absent or not a `T`, with the error kept in `first` as in
/// [`field`] (an absent member's as coming last).
#[inline(never)]
pub fn required<T: FromJson>(slots: &mut Slots, name: &'static str, first: &mut FirstError) -> Option<T> {
    required_in(slots.next().flatten(), name, first)
}

pub(crate) fn required_in<T: FromJson>(slot: Slot, name: &'static str, first: &mut FirstError) -> Option<T> {
    match slot {
        None => keep(T::from_missing(name), usize::MAX, first),
        Some((at, value)) => keep(T::from_json(value), at, first),
    }
}

/// `result`'s value; its error kept in `first` unless that holds one of a
/// member that came before `at`.
fn keep<T>(result: Result<T, Error>, at: usize, first: &mut FirstError) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(err) => {
            if first.as_ref().is_none_or(|(earlier, _)| at < *earlier) {
                *first = Some((at, err));
            }
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
            // A model with no members reads no slot.
            #[allow(unused_mut, unused_variables)]
            fn from_json(value: $crate::from_json::Value) -> ::std::result::Result<Self, $crate::from_json::Error> {
                static NAMES: &[&str] = &[$($wire),*];
                static INDEX: ::std::sync::OnceLock<$crate::object::Index> = ::std::sync::OnceLock::new();
                let expected = ::std::concat!("struct ", ::std::stringify!($ty));
                let (mut slots, rest) = $crate::object::split(value, expected, &INDEX, NAMES)?;
                let mut first: $crate::object::FirstError = ::std::option::Option::None;
                $( let $member = $crate::object::$kind(&mut slots, $wire, &mut first); )*
                if let ::std::option::Option::Some((_, error)) = first {
                    return ::std::result::Result::Err(error);
                }
                ::std::result::Result::Ok(Self {
                    $( $member: $crate::json_object!(@take $kind $member $wire), )*
                    additional_properties: rest,
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
