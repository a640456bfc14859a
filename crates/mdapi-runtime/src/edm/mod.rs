//! Edm primitives as the service writes them and reads them back, by the
//! OData JSON Format 4.01 (section 7.1, Primitive Value) and the ABNF of
//! OData 4.01 Part 2 for the ones JSON carries as strings:
//!
//! | Edm | Rust | JSON |
//! |---|---|---|
//! | `DateTimeOffset`, `Date`, `TimeOfDay`, `Duration`, `Guid` | [`DateTimeOffset`] ... ([`text`]) | a string, kept as it came |
//! | `Binary` | [`Binary`] | base64, in the form it came |
//! | `Int64` | [`Int64`] | a number, or a string (`IEEE754Compatible=true`) |
//! | `Decimal` | [`Decimal`] (exact text) | a number or a string; `NaN`, `INF`, `-INF` strings |
//! | `Double`, `Single` | [`Double`], [`Single`] | a number; `NaN`, `INF`, `-INF` strings |
//! | `Int32`, `Int16`, `Byte`, `SByte`, `Boolean`, `String` | `i32`, `i16`, `u8`, `i8`, `bool`, `String` | as JSON has them |
//!
//! What was received is what is written back, so a GET then a PUT of the
//! same object sends the service its own values. An empty string where a
//! model property of a string-carried type is expected (`"tenantId": ""`)
//! is [`Field::Empty`](crate::Field::Empty), not a failed decode.
//!
//! The `parse_*` functions are the single definition of what a valid value
//! is: the generated models decode with them, and the generator uses them to
//! decide, before any code runs, which documented examples will decode.

mod binary;
mod number;
pub mod parse;
mod primitive;
pub mod text;

pub use binary::Binary;
pub use number::{Decimal, Double, Int64, Single};
pub use parse::{
    parse_binary, parse_date, parse_date_time, parse_decimal, parse_duration, parse_guid, parse_time_of_day, Base64Form,
};
pub use primitive::{EdmPrimitive, NotAPrimitive};
pub use text::{Date, DateTimeOffset, Duration, Guid, TimeOfDay};

/// Edm types whose JSON form is a string with a format of its own, where
/// an empty string is no value of the type: a model property of one of
/// them reads `""` as [`Field::Empty`](crate::Field::Empty).
pub const EMPTY_AS_FIELD_EMPTY: &[EdmPrimitive] = &[
    EdmPrimitive::DateTimeOffset,
    EdmPrimitive::Date,
    EdmPrimitive::TimeOfDay,
    EdmPrimitive::Duration,
    EdmPrimitive::Guid,
];

/// Whether `text` is a valid JSON-string value of `primitive` (OData JSON
/// Format 4.01, 7.1: the formatted types' text; `Int64` and `Decimal` as
/// IEEE754Compatible strings; `Double` and `Single` as `NaN`, `INF`,
/// `-INF`). A string is any `String`; the other types have no string form,
/// which their own checks decide, so they accept any.
pub fn accepts(primitive: EdmPrimitive, text: &str) -> bool {
    match primitive {
        EdmPrimitive::DateTimeOffset => parse_date_time(text).is_some(),
        EdmPrimitive::Date => parse_date(text).is_some(),
        EdmPrimitive::TimeOfDay => parse_time_of_day(text).is_some(),
        EdmPrimitive::Duration => parse_duration(text).is_some(),
        EdmPrimitive::Guid => parse_guid(text).is_some(),
        EdmPrimitive::Binary => parse_binary(text).is_some(),
        EdmPrimitive::Decimal => parse_decimal(text),
        EdmPrimitive::Int64 => parse::parse_int64(text).is_some(),
        EdmPrimitive::Double | EdmPrimitive::Single => parse::is_special_number(text),
        EdmPrimitive::Boolean
        | EdmPrimitive::Byte
        | EdmPrimitive::Int16
        | EdmPrimitive::Int32
        | EdmPrimitive::SByte
        | EdmPrimitive::Stream
        | EdmPrimitive::String => true,
    }
}

/// How a value [`accepts`] takes departs from OData's own form, if it does:
/// a form services send that the models read anyway (a date-time without
/// an offset, a date-time where a date is declared).
pub fn leniency(primitive: EdmPrimitive, text: &str) -> Option<&'static str> {
    match primitive {
        EdmPrimitive::DateTimeOffset => parse::date_time_leniency(text),
        EdmPrimitive::Date => parse::date_leniency(text),
        _ => None,
    }
}

/// Whether two different strings mean the same value of some Edm type
/// (the same instant, date, time, duration or GUID).
pub fn same_value(a: &str, b: &str) -> bool {
    (parse_date_time(a).is_some() && parse_date_time(a) == parse_date_time(b))
        || (parse_date(a).is_some() && parse_date(a) == parse_date(b))
        || (parse_time_of_day(a).is_some() && parse_time_of_day(a) == parse_time_of_day(b))
        || (parse_duration(a).is_some() && parse_duration(a) == parse_duration(b))
        || (parse_guid(a).is_some() && parse_guid(a) == parse_guid(b))
}

#[cfg(test)]
mod tests;
