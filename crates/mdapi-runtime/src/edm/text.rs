//! The Edm primitives JSON carries as formatted strings: `DateTimeOffset`,
//! `Date`, `TimeOfDay`, `Duration` and `Guid`, each a value of a
//! well-kept crate's type (`time`, `uuid`) plus the text it was read from.
//!
//! A value read from the wire is written back exactly as it came
//! (`2024-02-08T12:07:31` stays without an offset, `08:30:00.0000000`
//! keeps its digits, an upper-case GUID stays upper-case), so a GET
//! followed by a PUT of the same object changes nothing. A value built in
//! Rust is written in the canonical form. Equality, order and hashing look
//! at the value only: `2024-02-08T12:07:31` equals `2024-02-08T12:07:31Z`.

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;

use super::parse;

macro_rules! kept_text {
    ($(#[$doc:meta])* $ty:ident($inner:ty), $parse:path, $canonical:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $ty {
            value: $inner,
            /// The text the value was read from, written back as it came.
            text: Option<Box<str>>,
        }

        impl $ty {
            /// The value, to be written in the canonical form.
            pub fn new(value: $inner) -> Self {
                Self { value, text: None }
            }

            /// The value.
            pub fn get(&self) -> $inner {
                self.value
            }

            /// The text the value was read from (a JSON string, a query or a
            /// path), if it was read rather than built.
            pub fn received_text(&self) -> Option<&str> {
                self.text.as_deref()
            }
        }

        impl From<$inner> for $ty {
            fn from(value: $inner) -> Self {
                Self::new(value)
            }
        }

        impl From<$ty> for $inner {
            fn from(value: $ty) -> Self {
                value.value
            }
        }

        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                self.value == other.value
            }
        }

        impl Eq for $ty {}

        impl Hash for $ty {
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.value.hash(state);
            }
        }

        impl PartialOrd for $ty {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $ty {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.value.cmp(&other.value)
            }
        }

        /// The text it was read from, else the canonical form.
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match &self.text {
                    Some(text) => f.write_str(text),
                    None => $canonical(&self.value, f),
                }
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match $parse(text) {
                    Some(value) => Ok(Self { value, text: Some(text.into()) }),
                    None => Err(format!(concat!("`{}` is not ", $what), text)),
                }
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl de::Visitor<'_> for Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("a string holding ", $what))
                    }
                    fn visit_str<E: de::Error>(self, text: &str) -> Result<$ty, E> {
                        text.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }
    };
}

kept_text!(
    /// `Edm.DateTimeOffset`: `2021-07-16T08:30:00.1234567Z`, `...-08:00`
    /// (OData 4.01 ABNF `dateTimeOffsetValue`). Also read: no offset
    /// (`2024-02-08T12:07:31`, as Graph sends some values) and a date
    /// alone, both as UTC ([`parse::parse_date_time`]). Canonical form:
    /// RFC 3339.
    DateTimeOffset(time::OffsetDateTime),
    parse::parse_date_time,
    rfc3339,
    "an Edm.DateTimeOffset (2024-02-08T12:07:31Z)"
);

kept_text!(
    /// `Edm.Date`: `2021-07-16`. A date-time is read as the date it writes.
    Date(time::Date),
    parse::parse_date,
    calendar_date,
    "an Edm.Date (2024-02-08)"
);

kept_text!(
    /// `Edm.TimeOfDay`: `08:30:00.0000000`; seconds and fraction optional.
    TimeOfDay(time::Time),
    parse::parse_time_of_day,
    clock,
    "an Edm.TimeOfDay (08:30:00)"
);

kept_text!(
    /// `Edm.Duration`: ISO 8601 days, hours, minutes and seconds
    /// (`P1DT2H30M`, `-PT0.5S`); years and months are not exact lengths of
    /// time and are refused.
    Duration(time::Duration),
    parse::parse_duration,
    iso_duration,
    "an Edm.Duration (P1DT2H30M)"
);

kept_text!(
    /// `Edm.Guid`: `983d984f-984f-983d-4f98-3d984f983d98`, either case.
    /// Canonical form: lower-case, hyphenated.
    Guid(uuid::Uuid),
    parse::parse_guid,
    hyphenated,
    "an Edm.Guid (8-4-4-4-12 hex digits)"
);

fn rfc3339(value: &time::OffsetDateTime, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(&value.format(&Rfc3339).map_err(|_| fmt::Error)?)
}

fn calendar_date(value: &time::Date, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "{:04}-{:02}-{:02}", value.year(), u8::from(value.month()), value.day())
}

fn clock(value: &time::Time, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let (h, m, s, nanos) = value.as_hms_nano();
    write!(f, "{h:02}:{m:02}:{s:02}")?;
    if nanos > 0 {
        write!(f, ".{}", format!("{nanos:09}").trim_end_matches('0'))?;
    }
    Ok(())
}

fn hyphenated(value: &uuid::Uuid, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    fmt::Display::fmt(&value.hyphenated(), f)
}

fn iso_duration(total: &time::Duration, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if total.is_negative() {
        f.write_str("-")?;
    }
    let total = total.abs();
    let days = total.whole_days();
    let hours = total.whole_hours() % 24;
    let minutes = total.whole_minutes() % 60;
    let seconds = total.whole_seconds() % 60;
    let nanos = total.subsec_nanoseconds();
    f.write_str("P")?;
    if days > 0 {
        write!(f, "{days}D")?;
    }
    if hours > 0 || minutes > 0 || seconds > 0 || nanos > 0 || days == 0 {
        f.write_str("T")?;
        if hours > 0 {
            write!(f, "{hours}H")?;
        }
        if minutes > 0 {
            write!(f, "{minutes}M")?;
        }
        if seconds > 0 || nanos > 0 || (hours == 0 && minutes == 0) {
            write!(f, "{seconds}")?;
            if nanos > 0 {
                write!(f, ".{}", format!("{nanos:09}").trim_end_matches('0'))?;
            }
            f.write_str("S")?;
        }
    }
    Ok(())
}
