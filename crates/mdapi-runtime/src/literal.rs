//! OData URL literals: the one encoder for values written into a URL as
//! OData reads them, in keys (`users('{id}')`), function parameters
//! (`search(q='{q}')`), and `$filter`/`$orderby` expressions. OData 4.01
//! Part 2 (URL Conventions), 5.1.1.6.1 and the ABNF's `primitiveLiteral`:
//! a string is enclosed in single quotes, and a quote inside it is doubled
//! (`'O''Brien'`); percent-encoding comes after, and leaves the quotes as
//! they are, so the service sees where the literal ends.
//!
//! [`path::render`](crate::path::render) uses [`string_content`] for a
//! value the route quotes (`(q='{q}')`) and [`encode`] for any value in a
//! key or function's parentheses; the request's query encoding leaves
//! quotes alone too, so `filter(&format!("displayName eq {}", literal("O'Brien")))`
//! sends `displayName%20eq%20'O''Brien'`.

use base64::Engine as _;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::edm;

/// A value as an OData URL literal, before percent-encoding.
pub trait Literal {
    /// `'O''Brien'` for the string `O'Brien`, `42`, `true`,
    /// `2024-02-08T12:07:31Z`, `duration'P1D'`, `binary'AQI'`.
    fn to_literal(&self) -> String;
}

/// `value` as an OData URL literal, before percent-encoding: the text to
/// put into a `$filter` expression or a function's parameter.
pub fn literal<T: Literal + ?Sized>(value: &T) -> String {
    value.to_literal()
}

/// The inside of a string literal: quotes doubled (`O'Brien` → `O''Brien`),
/// for a value the route already encloses in quotes.
pub fn string_content(text: &str) -> String {
    text.replace('\'', "''")
}

/// Characters left as they are in a literal written into a path: RFC 3986
/// "unreserved", and the single quote OData's literals are made of.
const LITERAL: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'\'');

/// Percent-encodes a literal for a path segment: every character but the
/// unreserved ones and `'`, so `/`, `?`, `#`, `%`, `(`, `)`, `,` and `=`
/// inside a value cannot end the literal, the parentheses or the path.
pub fn encode(literal: &str) -> String {
    utf8_percent_encode(literal, LITERAL).to_string()
}

impl Literal for str {
    fn to_literal(&self) -> String {
        format!("'{}'", string_content(self))
    }
}

impl Literal for String {
    fn to_literal(&self) -> String {
        self.as_str().to_literal()
    }
}

impl<T: Literal + ?Sized> Literal for &T {
    fn to_literal(&self) -> String {
        (**self).to_literal()
    }
}

/// Types whose `Display` is their literal: numbers, `true` and `false`,
/// GUIDs, dates and times (ABNF `guidValue`, `dateTimeOffsetValue`, ...),
/// and the float names `NaN`, `INF`, `-INF`.
macro_rules! literal_by_display {
    ($($ty:ty),*) => {
        $(impl Literal for $ty {
            fn to_literal(&self) -> String {
                self.to_string()
            }
        })*
    };
}

literal_by_display!(
    i8,
    i16,
    i32,
    i64,
    u8,
    bool,
    edm::Int64,
    edm::Decimal,
    edm::Double,
    edm::Single,
    edm::Guid,
    edm::DateTimeOffset,
    edm::Date,
    edm::TimeOfDay
);

impl Literal for f64 {
    fn to_literal(&self) -> String {
        edm::Double(*self).to_string()
    }
}

impl Literal for f32 {
    fn to_literal(&self) -> String {
        edm::Single(*self).to_string()
    }
}

/// `duration'P1DT2H'` (ABNF `duration`).
impl Literal for edm::Duration {
    fn to_literal(&self) -> String {
        format!("duration'{self}'")
    }
}

/// `binary'AQI'`, base64url (ABNF `binary`).
impl Literal for edm::Binary {
    fn to_literal(&self) -> String {
        format!("binary'{}'", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(self.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kind: a quote inside a string literal ended it early
    /// (`q='O%27Brien'` is read as `q='O'` then garbage).
    #[test]
    fn quotes_are_doubled_then_percent_encoded() {
        assert_eq!(literal("O'Brien's notes"), "'O''Brien''s notes'");
        assert_eq!(encode(&literal("O'Brien's notes")), "'O''Brien''s%20notes'");
        assert_eq!(encode(&string_content("a'b/c?d#e%f(g),h=i")), "a''b%2Fc%3Fd%23e%25f%28g%29%2Ch%3Di");
        assert_eq!(literal(""), "''");
    }

    #[test]
    fn typed_literals_follow_the_abnf() {
        assert_eq!(literal(&42_i32), "42");
        assert_eq!(literal(&true), "true");
        assert_eq!(literal(&f64::NEG_INFINITY), "-INF");
        let guid: edm::Guid = "983d984f-984f-983d-4f98-3d984f983d98".parse().unwrap();
        assert_eq!(literal(&guid), "983d984f-984f-983d-4f98-3d984f983d98");
        let at: edm::DateTimeOffset = "2024-02-08T12:07:31Z".parse().unwrap();
        assert_eq!(encode(&literal(&at)), "2024-02-08T12%3A07%3A31Z");
        let duration: edm::Duration = "P1DT2H".parse().unwrap();
        assert_eq!(literal(&duration), "duration'P1DT2H'");
        assert_eq!(literal(&edm::Binary::new(vec![1, 2])), "binary'AQI'");
    }
}
