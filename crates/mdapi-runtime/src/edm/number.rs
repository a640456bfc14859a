//! The Edm numbers whose JSON form is not always a JSON number (OData JSON
//! Format 4.01, section 7.1): `Int64` and `Decimal` are strings when the
//! service writes IEEE 754-compatible JSON (`IEEE754Compatible=true`), and
//! `Double`, `Single` and `Decimal` write `NaN`, `INF` and `-INF` as
//! strings. Each is read in either form and written back in the one it
//! came in; a value built in Rust is written as a number where JSON can.

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use super::parse::{is_special_number, parse_decimal, parse_int64};
use crate::Field;

/// `Edm.Decimal`: an exact decimal kept as its text (`19.99`), never rounded
/// through a float on its own (money, prices, balances). JSON carries it as
/// a number, or as a string when a service writes IEEE 754-compatible
/// numbers, and `NaN`, `INF`, `-INF` as strings; it is written back the way
/// it came. A JSON number is read by `serde_json` as an `f64` first, so from
/// a number only the 15 significant digits an `f64` holds are exact; a
/// string keeps every digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    text: String,
    quoted: bool,
}

impl Decimal {
    /// The value of `text` (`-12.50`, `1e3`, `NaN`), written as a JSON
    /// number (`NaN`, `INF` and `-INF`, which JSON has no number for, as
    /// strings).
    pub fn new(text: &str) -> Option<Self> {
        let text = text.trim();
        parse_decimal(text).then(|| Self { text: text.to_owned(), quoted: is_special_number(text) })
    }

    /// The value of `text`, written as a JSON string (every digit kept).
    pub fn quoted(text: &str) -> Option<Self> {
        Self::new(text).map(|d| Self { quoted: true, ..d })
    }

    /// The decimal's text, as read or given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The nearest `f64`, for arithmetic that may round.
    pub fn to_f64(&self) -> f64 {
        special_f64(&self.text).or_else(|| self.text.parse().ok()).unwrap_or(f64::NAN)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for Decimal {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::new(text).ok_or_else(|| format!("`{text}` is not an Edm.Decimal"))
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.quoted {
            return serializer.serialize_str(&self.text);
        }
        if let Ok(whole) = self.text.parse::<i64>() {
            return serializer.serialize_i64(whole);
        }
        match self.text.parse::<u64>() {
            Ok(whole) => serializer.serialize_u64(whole),
            Err(_) => serializer.serialize_f64(self.to_f64()),
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an Edm.Decimal, as a JSON number or string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal { text: v.to_string(), quoted: false })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal { text: v.to_string(), quoted: false })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                // Rust prints the shortest text that reads back as `v`: 19.99.
                Decimal::new(&v.to_string()).ok_or_else(|| E::custom(format!("`{v}` is not an Edm.Decimal")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                Decimal::quoted(v).ok_or_else(|| E::custom(format!("`{v}` is not an Edm.Decimal")))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `Edm.Int64`: a JSON number, or a JSON string of one (`"9007199254740993"`)
/// when the service writes IEEE 754-compatible JSON, which keeps integers
/// past 2^53 exact for JavaScript readers. Written back the way it came;
/// equality looks at the value only.
#[derive(Debug, Clone, Default)]
pub struct Int64 {
    value: i64,
    /// The JSON string it was read from.
    text: Option<Box<str>>,
}

impl Int64 {
    /// `value`, written as a JSON number.
    pub fn new(value: i64) -> Self {
        Self { value, text: None }
    }

    /// `value`, written as a JSON string (IEEE 754-compatible JSON).
    pub fn quoted(value: i64) -> Self {
        Self { value, text: Some(value.to_string().into()) }
    }

    /// The value, however it was written.
    pub fn get(&self) -> i64 {
        self.value
    }

    /// Whether it is written as a JSON string.
    pub fn is_quoted(&self) -> bool {
        self.text.is_some()
    }
}

impl From<i64> for Int64 {
    fn from(value: i64) -> Self {
        Self::new(value)
    }
}

impl From<Int64> for i64 {
    fn from(value: Int64) -> Self {
        value.value
    }
}

impl From<i64> for Field<Int64> {
    fn from(value: i64) -> Self {
        Field::Value(Int64::new(value))
    }
}

impl PartialEq for Int64 {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Int64 {}

impl PartialEq<i64> for Int64 {
    fn eq(&self, other: &i64) -> bool {
        self.value == *other
    }
}

impl std::hash::Hash for Int64 {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl PartialOrd for Int64 {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Int64 {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl fmt::Display for Int64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(text) => f.write_str(text),
            None => write!(f, "{}", self.value),
        }
    }
}

/// Text (a query value, a path value): a number, written as a JSON number.
impl std::str::FromStr for Int64 {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_int64(text).map(Self::new).ok_or_else(|| format!("`{text}` is not an Edm.Int64"))
    }
}

impl Serialize for Int64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.text {
            Some(text) => serializer.serialize_str(text),
            None => serializer.serialize_i64(self.value),
        }
    }
}

impl<'de> Deserialize<'de> for Int64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Int64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an Edm.Int64, as a JSON number or string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int64, E> {
                Ok(Int64::new(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int64, E> {
                i64::try_from(v).map(Int64::new).map_err(|_| E::custom(format!("{v} is past Edm.Int64's range")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Int64, E> {
                match parse_int64(v) {
                    Some(value) => Ok(Int64 { value, text: Some(v.into()) }),
                    None => Err(E::custom(format!("`{v}` is not an Edm.Int64"))),
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `NaN`, `INF`, `-INF` as the `f64` they name.
fn special_f64(text: &str) -> Option<f64> {
    match text {
        "NaN" => Some(f64::NAN),
        "INF" => Some(f64::INFINITY),
        "-INF" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

/// OData's text of a float JSON has no number for.
fn special_text(value: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some("NaN")
    } else if value.is_infinite() {
        Some(if value > 0.0 { "INF" } else { "-INF" })
    } else {
        None
    }
}

macro_rules! float {
    ($(#[$doc:meta])* $ty:ident($inner:ty), $serialize:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd)]
        pub struct $ty(pub $inner);

        impl From<$inner> for $ty {
            fn from(value: $inner) -> Self {
                Self(value)
            }
        }

        impl From<$ty> for $inner {
            fn from(value: $ty) -> Self {
                value.0
            }
        }

        impl From<$inner> for Field<$ty> {
            fn from(value: $inner) -> Self {
                Field::Value($ty(value))
            }
        }

        impl PartialEq<$inner> for $ty {
            fn eq(&self, other: &$inner) -> bool {
                self.0 == *other
            }
        }

        /// Rust's shortest text that reads back as the value; `NaN`,
        /// `INF`, `-INF` as OData writes them.
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match special_text(f64::from(self.0)) {
                    Some(text) => f.write_str(text),
                    None => write!(f, "{}", self.0),
                }
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                #[allow(clippy::cast_possible_truncation)] // NaN and the infinities are the same in f32.
                let special = special_f64(text).map(|v| v as $inner);
                let finite = || text.parse::<$inner>().ok().filter(|v| v.is_finite());
                special.or_else(finite).map($ty).ok_or_else(|| format!(concat!("`{}` is not ", $what), text))
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match special_text(f64::from(self.0)) {
                    Some(text) => serializer.serialize_str(text),
                    None => serializer.$serialize(self.0),
                }
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl de::Visitor<'_> for Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!($what, ": a JSON number, or \"NaN\", \"INF\" or \"-INF\""))
                    }
                    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)] // JSON numbers read into the float type, as serde does.
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$ty, E> {
                        Ok($ty(v as $inner))
                    }
                    #[allow(clippy::cast_precision_loss)]
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$ty, E> {
                        Ok($ty(v as $inner))
                    }
                    #[allow(clippy::cast_precision_loss)]
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$ty, E> {
                        Ok($ty(v as $inner))
                    }
                    #[allow(clippy::cast_possible_truncation)]
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        special_f64(v)
                            .map(|value| $ty(value as $inner))
                            .ok_or_else(|| E::custom(format!(concat!("`{}` is not ", $what), v)))
                    }
                }
                deserializer.deserialize_any(Visitor)
            }
        }
    };
}

float!(
    /// `Edm.Double`: a JSON number, or `"NaN"`, `"INF"`, `"-INF"` (JSON has
    /// no number for them), each written back in its form.
    Double(f64),
    serialize_f64,
    "an Edm.Double"
);

float!(
    /// `Edm.Single`: as [`Double`], in 32 bits.
    Single(f32),
    serialize_f32,
    "an Edm.Single"
);
