//! Edm primitives that JSON carries as strings, as well-kept crates' types:
//! `DateTimeOffset`, `Date`, `TimeOfDay` and `Duration` from `time`, `Guid`
//! from `uuid`, `Binary` as bytes (base64 on the wire); and `Decimal`, kept
//! exact as text.
//!
//! The `parse_*` functions are the single definition of what a valid value
//! is: the generated models decode with them, and the generator uses them to
//! decide, before any code runs, which documented examples will decode.

use std::fmt;

use base64::Engine as _;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;

/// `Edm.Guid`.
pub type Guid = uuid::Uuid;

/// `Edm.DateTimeOffset`: RFC 3339 (`2021-07-16T08:30:00.1234567Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTimeOffset(pub time::OffsetDateTime);

/// `Edm.Date`: `2021-07-16`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub time::Date);

/// `Edm.TimeOfDay`: `08:30:00.0000000`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeOfDay(pub time::Time);

/// `Edm.Duration`: ISO 8601 (`P1DT2H30M`); years and months are not exact
/// lengths of time and are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Duration(pub time::Duration);

/// `Edm.Binary`: bytes, base64 on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Binary(pub Vec<u8>);

/// `Edm.Decimal`: an exact decimal kept as its text (`19.99`), never rounded
/// through a float on its own (money, prices, balances). JSON carries it as
/// a number, or as a string when a service writes IEEE 754-compatible
/// numbers; it is written back the way it came. A JSON number is read by
/// `serde_json` as an `f64` first, so from a number only the 15 significant
/// digits an `f64` holds are exact; a string keeps every digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    text: String,
    quoted: bool,
}

impl Decimal {
    /// The value of `text` (`-12.50`, `1e3`), written as a JSON number.
    pub fn new(text: &str) -> Option<Self> {
        parse_decimal(text).then(|| Self { text: text.trim().to_owned(), quoted: false })
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
        self.text.parse().unwrap_or(f64::NAN)
    }
}

/// `-12.50`, `3`, `1.5e-3`: an optional sign, digits with at most one
/// point, an optional exponent. No `NaN`, no infinities, no spaces inside.
pub fn parse_decimal(text: &str) -> bool {
    let text = text.trim();
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty())
        && digits(whole)
        && digits(fraction)
        && exponent.is_none_or(|e| !e.is_empty() && digits(e))
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for Decimal {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::new(text).ok_or_else(|| format!("`{text}` is not a decimal"))
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.quoted {
            return serializer.serialize_str(&self.text);
        }
        match self.text.parse::<i64>() {
            Ok(whole) => serializer.serialize_i64(whole),
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
                f.write_str("a decimal, as a JSON number or string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal { text: v.to_string(), quoted: false })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal { text: v.to_string(), quoted: false })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                // Rust prints the shortest text that reads back as `v`: 19.99.
                Decimal::new(&v.to_string()).ok_or_else(|| E::custom(format!("`{v}` is not a decimal")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                Decimal::quoted(v).ok_or_else(|| E::custom(format!("`{v}` is not a decimal")))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

pub fn parse_date_time(text: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(text, &Rfc3339).ok()
}

pub fn parse_date(text: &str) -> Option<time::Date> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let month = time::Month::try_from(month.parse::<u8>().ok()?).ok()?;
    time::Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

/// `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fffffff` (up to 9 digits).
pub fn parse_time_of_day(text: &str) -> Option<time::Time> {
    let (clock, fraction) = match text.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (text, None),
    };
    let mut parts = clock.split(':');
    let hour = two_digits(parts.next()?)?;
    let minute = two_digits(parts.next()?)?;
    let second = parts.next().map_or(Some(0), two_digits)?;
    if parts.next().is_some() || (fraction.is_some() && clock.len() != 8) {
        return None;
    }
    let nanos = match fraction {
        Some(digits) if (1..=9).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) => {
            digits.parse::<u32>().ok()? * 10u32.pow(9 - u32::try_from(digits.len()).ok()?)
        }
        Some(_) => return None,
        None => 0,
    };
    time::Time::from_hms_nano(hour, minute, second, nanos).ok()
}

fn two_digits(text: &str) -> Option<u8> {
    (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// ISO 8601 durations in weeks, days, hours, minutes and (fractional) seconds.
pub fn parse_duration(text: &str) -> Option<time::Duration> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let rest = rest.strip_prefix('P')?;
    let (date, clock) = match rest.split_once('T') {
        Some((date, clock)) if !clock.is_empty() => (date, Some(clock)),
        Some(_) => return None,
        None => (rest, None),
    };
    if date.is_empty() && clock.is_none() {
        return None;
    }
    let mut total = time::Duration::ZERO;
    for (value, unit) in components(date)? {
        let whole: i64 = value.parse().ok()?;
        total += match unit {
            'W' => time::Duration::weeks(whole),
            'D' => time::Duration::days(whole),
            _ => return None,
        };
    }
    for (value, unit) in components(clock.unwrap_or_default())? {
        total += match unit {
            'H' => time::Duration::hours(value.parse().ok()?),
            'M' => time::Duration::minutes(value.parse().ok()?),
            'S' => time::Duration::checked_seconds_f64(value.parse().ok()?)?,
            _ => return None,
        };
    }
    Some(if negative { -total } else { total })
}

/// `1D2H` → `[("1", 'D'), ("2", 'H')]`; units must not repeat.
fn components(text: &str) -> Option<Vec<(&str, char)>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c.is_ascii_alphabetic() {
            let value = &text[start..i];
            if value.is_empty() || out.iter().any(|(_, u)| *u == c) {
                return None;
            }
            out.push((value, c));
            start = i + 1;
        }
    }
    (start == text.len()).then_some(out)
}

/// Standard or URL-safe base64, padded or not.
pub fn parse_binary(text: &str) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD].iter().find_map(|engine| engine.decode(text).ok())
}

pub fn parse_guid(text: &str) -> Option<Guid> {
    Guid::parse_str(text).ok()
}

/// Whether `text` is a valid JSON-string value of the Edm primitive `name`
/// (`String` and names this module does not handle always are).
pub fn accepts(name: &str, text: &str) -> bool {
    match name {
        "DateTimeOffset" => parse_date_time(text).is_some(),
        "Date" => parse_date(text).is_some(),
        "TimeOfDay" => parse_time_of_day(text).is_some(),
        "Duration" => parse_duration(text).is_some(),
        "Guid" => parse_guid(text).is_some(),
        "Binary" => parse_binary(text).is_some(),
        "Decimal" => parse_decimal(text),
        _ => true,
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

/// `FromStr` by the module's `parse_*` functions, so a value written in a
/// query or a doc example reads as the model's field would.
macro_rules! from_str_by {
    ($ty:ident, $parse:ident, $what:literal) => {
        impl std::str::FromStr for $ty {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $parse(text).map($ty).ok_or_else(|| format!(concat!("`{}` is not ", $what), text))
            }
        }
    };
}

from_str_by!(DateTimeOffset, parse_date_time, "an Edm.DateTimeOffset");
from_str_by!(Date, parse_date, "an Edm.Date");
from_str_by!(TimeOfDay, parse_time_of_day, "an Edm.TimeOfDay");
from_str_by!(Duration, parse_duration, "an Edm.Duration");

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0.format(&Rfc3339).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0.year(), u8::from(self.0.month()), self.0.day())
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s, nanos) = self.0.as_hms_nano();
        write!(f, "{h:02}:{m:02}:{s:02}")?;
        if nanos > 0 {
            let digits = format!("{nanos:09}");
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.0;
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
}

impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

macro_rules! string_serde {
    ($ty:ident, $parse:expr, $what:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $parse(&text).map($ty).ok_or_else(|| de::Error::custom(format!("`{text}` is not {}", $what)))
            }
        }
    };
}

string_serde!(DateTimeOffset, parse_date_time, "an RFC 3339 date and time");
string_serde!(Date, parse_date, "a date (YYYY-MM-DD)");
string_serde!(TimeOfDay, parse_time_of_day, "a time of day (hh:mm:ss)");
string_serde!(Duration, parse_duration, "an ISO 8601 duration");
string_serde!(Binary, parse_binary, "base64");

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: Serialize + for<'de> Deserialize<'de>>(text: &str) -> String {
        let value: T = serde_json::from_value(serde_json::Value::String(text.to_owned())).unwrap();
        serde_json::to_value(value).unwrap().as_str().unwrap().to_owned()
    }

    #[test]
    fn values_round_trip_to_the_same_meaning() {
        assert_eq!(
            round_trip::<DateTimeOffset>("2017-01-01T00:00:08.4940464-08:00"),
            "2017-01-01T00:00:08.4940464-08:00"
        );
        assert!(same_value(
            &round_trip::<DateTimeOffset>("2017-01-01T00:00:00.0000000Z"),
            "2017-01-01T00:00:00.0000000Z"
        ));
        assert_eq!(round_trip::<Date>("2021-07-16"), "2021-07-16");
        assert_eq!(round_trip::<TimeOfDay>("08:30:00.0000000"), "08:30:00");
        assert!(same_value("08:30:00", "08:30:00.0000000"));
        assert_eq!(round_trip::<Duration>("P1DT2H30M"), "P1DT2H30M");
        assert!(same_value(&round_trip::<Duration>("PT90M"), "PT90M"));
        assert_eq!(round_trip::<Duration>("-PT0.5S"), "-PT0.5S");
        assert_eq!(round_trip::<Binary>("bWFuaWZlc3Q="), "bWFuaWZlc3Q=");
        assert!(same_value("983D984F-984F-983D-4F98-3D984F983D98", "983d984f-984f-983d-4f98-3d984f983d98"));
    }

    #[test]
    fn decimals_stay_exact_and_keep_their_json_type() {
        let read = |json: &str| serde_json::from_str::<Decimal>(json).unwrap();
        for (json, text) in
            [("19.99", "19.99"), ("-3", "-3"), ("\"123456789012345678901.05\"", "123456789012345678901.05")]
        {
            let value = read(json);
            assert_eq!(value.as_str(), text);
            assert_eq!(serde_json::to_string(&value).unwrap(), json, "written back the way it came");
        }
        assert_eq!(read("0.1").to_f64(), 0.1);
        assert_eq!("2.50".parse::<Decimal>().unwrap().as_str(), "2.50");
        assert_eq!(serde_json::to_string(&Decimal::new("2.5").unwrap()).unwrap(), "2.5");
        for bad in ["", ".", "1.2.3", "1e", "NaN", "inf", "1,5", "--1", "decimal-value"] {
            assert!(!parse_decimal(bad), "{bad}");
            assert!(serde_json::from_value::<Decimal>(serde_json::Value::String(bad.to_owned())).is_err());
        }
        for good in ["0", "-0.5", ".5", "5.", "1.5e-3", "+2E10"] {
            assert!(parse_decimal(good), "{good}");
        }
        assert!(serde_json::from_str::<Decimal>("true").is_err());
    }

    #[test]
    fn placeholders_are_refused() {
        for (name, text) in [
            ("DateTimeOffset", "datetime-value"),
            ("DateTimeOffset", "2017-01-01T00:00:00"),
            ("Date", "2021-7-16"),
            ("TimeOfDay", "25:00:00"),
            ("Duration", "P1Y"),
            ("Duration", "duration-value"),
            ("Guid", "guid-value"),
            ("Binary", "not base64!"),
        ] {
            assert!(!accepts(name, text), "{name} {text}");
        }
        assert!(accepts("String", "anything"));
    }
}
