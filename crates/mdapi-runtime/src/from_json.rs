//! [`FromJson`]: a type read from a `serde_json::Value` by code compiled
//! in the crate that defines the type, not in the crate that asks for it.
//!
//! The calls that have no generated request to carry a decoder
//! ([`Client::follow`](crate::client::Client::follow), `delta_from`,
//! `delta_stream_from`, `upload`, `BatchResponse::json`) take `T: FromJson`
//! instead of `T: DeserializeOwned`: `T::from_json` is an ordinary function
//! of `T`'s crate (a generated SDK implements it for every model with
//! [`json_object!`](crate::json_object!), for every enum with
//! [`from_json!`](crate::from_json!), and for every `Any*` type by hand),
//! so the caller's crate links to it and compiles none of `T`'s decoding (issue 22,
//! docs/sdk-cost.md). The containers here (`Vec`, `Option`, `Box`; and
//! [`Collection`](crate::Collection) and
//! [`PrimitiveValue`](crate::PrimitiveValue) in theirs) are generic only
//! over that function.

use serde::de::{Error as _, Unexpected};
use serde_json::Map;

/// A type read from a JSON value, by a function compiled where the type is
/// defined.
///
/// Implement it for a type of your own with [`from_json!`](crate::from_json!)
/// (the type must implement `serde::de::DeserializeOwned`):
/// `mdapi_runtime::from_json!(MyPage);` (from a generated SDK's crate,
/// through its re-export: `graph::runtime::from_json!(MyPage);`).
pub trait FromJson: Sized {
    /// `value` as `Self`.
    ///
    /// # Errors
    /// `value` is not JSON that `Self` reads (the message names what was
    /// expected and what was found, without a line and column: the text
    /// was already read).
    fn from_json(value: Value) -> Result<Self, serde_json::Error>;

    /// What a required member `name` reads as when it is absent: an error
    /// naming it, but `None` for an `Option` (as serde's derive reads it).
    ///
    /// # Errors
    /// `missing field `name``, unless `Self` reads an absent member.
    fn from_missing(name: &'static str) -> Result<Self, serde_json::Error> {
        Err(Error::missing_field(name))
    }
}

/// Implements [`FromJson`] for each type named, by its `serde::Deserialize`
/// (which must read any `serde_json::Value` deserializer: every
/// `DeserializeOwned` type does). The impl is compiled in the crate that
/// invokes the macro.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Page { title: String }
/// mdapi_runtime::from_json!(Page);
///
/// use mdapi_runtime::FromJson;
/// let page = Page::from_json(serde_json::json!({"title": "a"})).unwrap();
/// assert_eq!(page.title, "a");
/// ```
#[macro_export]
macro_rules! from_json {
    ($($ty:ty),+ $(,)?) => {
        $(
            impl $crate::FromJson for $ty {
                fn from_json(value: $crate::from_json::Value) -> ::std::result::Result<Self, $crate::from_json::Error> {
                    $crate::from_json::by_serde(value)
                }
            }
        )+
    };
}

/// The JSON value and error types [`FromJson`] uses (named here for
/// [`from_json!`](crate::from_json!), so a crate invoking it needs no
/// `serde_json` of its own).
pub use serde_json::{Error, Value};

/// `T` read from `value` by its serde code: what [`from_json!`](crate::from_json!)
/// expands to, instantiated in the invoking crate.
///
/// # Errors
/// `value` is not JSON that `T` reads.
pub fn by_serde<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, Error> {
    T::deserialize(value)
}

crate::from_json!(
    (),
    bool,
    String,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f32,
    f64,
    Value,
    Map<String, Value>,
    crate::edm::Binary,
    crate::edm::Decimal,
    crate::edm::Double,
    crate::edm::Int64,
    crate::edm::Single,
    crate::edm::Date,
    crate::edm::DateTimeOffset,
    crate::edm::Duration,
    crate::edm::Guid,
    crate::edm::TimeOfDay,
);

/// `null` is `None`; anything else is `T`.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: Value) -> Result<Self, Error> {
        match value {
            Value::Null => Ok(None),
            value => T::from_json(value).map(Some),
        }
    }

    fn from_missing(_: &'static str) -> Result<Self, Error> {
        Ok(None)
    }
}

/// A JSON array, each item as `T`.
impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: Value) -> Result<Self, Error> {
        match value {
            Value::Array(items) => items.into_iter().map(T::from_json).collect(),
            other => Err(Error::invalid_type(unexpected(&other), &"a sequence")),
        }
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(value: Value) -> Result<Self, Error> {
        T::from_json(value).map(Box::new)
    }

    fn from_missing(name: &'static str) -> Result<Self, Error> {
        T::from_missing(name).map(Box::new)
    }
}

/// What serde calls the kind of `value` in an error message.
pub(crate) fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (None, Some(i), _) => Unexpected::Signed(i),
            (None, None, Some(f)) => Unexpected::Float(f),
            _ => Unexpected::Other("a number"),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}
