//! What a valid value is, for the Edm primitives JSON carries as strings:
//! the ABNF of OData 4.01 Part 2 (URL Conventions, section 5.1.1 and its
//! ABNF), which the JSON format uses for them (OData JSON Format 4.01,
//! section 7.1), plus the forms services are known to send beyond it
//! (a date-time without an offset). Letters in the ABNF's quoted strings
//! (`T`, `Z`, `P`, `D`, `H`, `M`, `S`) match in either case (RFC 5234, 2.3).

use base64::Engine as _;
use time::{Month, PrimitiveDateTime, Time, UtcOffset};

/// `Edm.DateTimeOffset`: `2024-02-08T12:07:31.1234567Z`, `...+01:00`;
/// seconds and their fraction optional; fraction digits past nanoseconds
/// are cut. Beyond the ABNF: no offset (`2024-02-08T12:07:31`, as Graph
/// sends some values) and a date alone (`2024-02-08`), both read as UTC.
pub fn parse_date_time(text: &str) -> Option<time::OffsetDateTime> {
    let (date, rest) = (text.get(..10)?, text.get(10..)?);
    let date = parse_calendar_date(date)?;
    if rest.is_empty() {
        return Some(date.midnight().assume_utc());
    }
    let rest = rest.strip_prefix(['T', 't'])?;
    let clock_end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.')).unwrap_or(rest.len());
    let (clock, offset) = rest.split_at(clock_end);
    let time = parse_clock(clock)?;
    let offset = match offset {
        "" => UtcOffset::UTC,
        "Z" | "z" => UtcOffset::UTC,
        signed => parse_offset(signed)?,
    };
    Some(PrimitiveDateTime::new(date, time).assume_offset(offset))
}

/// How a valid `Edm.DateTimeOffset` text departs from the ABNF, if it
/// does (a form services send that OData does not define).
pub fn date_time_leniency(text: &str) -> Option<&'static str> {
    parse_date_time(text)?;
    if text.len() == 10 {
        return Some("a date without the time of day and UTC offset OData's form has; it is read as midnight UTC");
    }
    let has_offset = text.ends_with(['Z', 'z']) || text.get(11..).is_some_and(|clock| clock.contains(['+', '-']));
    (!has_offset).then_some("a date and time without the UTC offset OData's form has; it is read as UTC")
}

/// How a valid `Edm.Date` text departs from the ABNF, if it does.
pub fn date_leniency(text: &str) -> Option<&'static str> {
    (text.len() != 10 && parse_date(text).is_some())
        .then_some("a date and time where OData writes a date alone; its date is read")
}

/// `+01:00`, `-08:00`.
fn parse_offset(text: &str) -> Option<UtcOffset> {
    let (sign, rest) = match text.split_at_checked(1)? {
        ("+", rest) => (1, rest),
        ("-", rest) => (-1, rest),
        _ => return None,
    };
    let (hours, minutes) = rest.split_once(':')?;
    let (hours, minutes) = (two_digits(hours)?, two_digits(minutes)?);
    UtcOffset::from_hms(sign * i8::try_from(hours).ok()?, sign * i8::try_from(minutes).ok()?, 0).ok()
}

/// `Edm.Date`: `2024-02-08`. Beyond the ABNF: a date-time (a property the
/// docs call a Date that a service writes as a DateTimeOffset), read as the
/// date it writes.
pub fn parse_date(text: &str) -> Option<time::Date> {
    match text.len() {
        10 => parse_calendar_date(text),
        _ => parse_date_time(text).and_then(|_| parse_calendar_date(text.get(..10)?)),
    }
}

/// `YYYY-MM-DD`, nothing else.
fn parse_calendar_date(text: &str) -> Option<time::Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = text.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()?;
    let month = Month::try_from(two_digits(text.get(5..7)?)?).ok()?;
    time::Date::from_calendar_date(year, month, two_digits(text.get(8..)?)?).ok()
}

/// `Edm.TimeOfDay`: `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fffffff` (any number
/// of fraction digits; those past nanoseconds are cut).
pub fn parse_time_of_day(text: &str) -> Option<Time> {
    parse_clock(text)
}

fn parse_clock(text: &str) -> Option<Time> {
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
        Some(digits) => nanos(digits)?,
        None => 0,
    };
    Time::from_hms_nano(hour, minute, second, nanos).ok()
}

/// The nanoseconds of a fraction's digits (`5` → 500,000,000), digits past
/// the ninth cut; at least one digit.
fn nanos(digits: &str) -> Option<u32> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let kept = &digits[..digits.len().min(9)];
    let scale = 10u32.pow(9 - u32::try_from(kept.len()).ok()?);
    Some(kept.parse::<u32>().ok()? * scale)
}

fn two_digits(text: &str) -> Option<u8> {
    (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// `Edm.Duration`: `[sign] P [nD] [T [nH] [nM] [n[.f]S]]` in that order
/// (`P1DT2H30M`, `-PT0.5S`); weeks (`P2W`, ISO 8601) are read too. Years
/// and months are not exact lengths of time, and OData's duration has
/// neither: they are refused.
pub fn parse_duration(text: &str) -> Option<time::Duration> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let rest = rest.strip_prefix(['P', 'p'])?;
    let (date, clock) = match rest.split_once(['T', 't']) {
        Some((date, clock)) if !clock.is_empty() => (date, Some(clock)),
        Some(_) => return None,
        None => (rest, None),
    };
    if date.is_empty() && clock.is_none() {
        return None;
    }
    let mut total = time::Duration::ZERO;
    for (value, unit) in components(date, "WD")? {
        let whole: i64 = value.parse().ok()?;
        let seconds = whole.checked_mul(if unit == 'W' { 7 * 86_400 } else { 86_400 })?;
        total = total.checked_add(time::Duration::seconds(seconds))?;
    }
    for (value, unit) in components(clock.unwrap_or_default(), "HMS")? {
        let part = match unit {
            'H' => time::Duration::seconds(value.parse::<i64>().ok()?.checked_mul(3_600)?),
            'M' => time::Duration::seconds(value.parse::<i64>().ok()?.checked_mul(60)?),
            _ => {
                let (whole, fraction) = value.split_once('.').map_or((value, None), |(w, f)| (w, Some(f)));
                let nanos = fraction.map_or(Some(0), nanos)?;
                time::Duration::new(whole.parse().ok()?, i32::try_from(nanos).ok()?)
            }
        };
        total = total.checked_add(part)?;
    }
    Some(if negative { -total } else { total })
}

/// `1D2H` → `[("1", 'D'), ("2", 'H')]`: units from `units`, each at most
/// once and in that order; only the last unit (`S`) may have a fraction.
fn components<'a>(text: &'a str, units: &str) -> Option<Vec<(&'a str, char)>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut next_unit = 0;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() || (c == '.' && units.ends_with('S')) {
            continue;
        }
        let unit = c.to_ascii_uppercase();
        let at = units[next_unit..].find(unit)? + next_unit;
        let value = &text[start..i];
        if value.is_empty() || value.starts_with('.') || value.ends_with('.') || (value.contains('.') && unit != 'S') {
            return None;
        }
        out.push((value, unit));
        start = i + 1;
        next_unit = at + 1;
    }
    (start == text.len()).then_some(out)
}

/// The base64 alphabets and paddings `Edm.Binary` is read in: OData's JSON
/// format writes base64url (RFC 4648, 5), Graph writes standard base64.
/// A value is written back in the form it was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Base64Form {
    /// `+/`, padded: what Graph writes, and what a new value is written as.
    #[default]
    Standard,
    /// `+/`, unpadded.
    StandardNoPad,
    /// `-_`, padded.
    UrlSafe,
    /// `-_`, unpadded: OData's own form.
    UrlSafeNoPad,
}

impl Base64Form {
    const ALL: [Base64Form; 4] = [Self::Standard, Self::StandardNoPad, Self::UrlSafe, Self::UrlSafeNoPad];

    pub(crate) fn engine(self) -> &'static base64::engine::GeneralPurpose {
        use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
        match self {
            Self::Standard => &STANDARD,
            Self::StandardNoPad => &STANDARD_NO_PAD,
            Self::UrlSafe => &URL_SAFE,
            Self::UrlSafeNoPad => &URL_SAFE_NO_PAD,
        }
    }
}

/// Standard or URL-safe base64, padded or not, and the form it is in.
/// Each form decodes only its canonical text, so encoding the bytes in the
/// same form gives the text back.
pub fn parse_base64(text: &str) -> Option<(Vec<u8>, Base64Form)> {
    Base64Form::ALL.into_iter().find_map(|form| form.engine().decode(text).ok().map(|bytes| (bytes, form)))
}

/// The bytes of standard or URL-safe base64, padded or not.
pub fn parse_binary(text: &str) -> Option<Vec<u8>> {
    parse_base64(text).map(|(bytes, _)| bytes)
}

/// `Edm.Guid`: `8-4-4-4-12` hex digits, either case (the `uuid` crate also
/// reads the braced, URN and 32-digit forms).
pub fn parse_guid(text: &str) -> Option<uuid::Uuid> {
    uuid::Uuid::parse_str(text).ok()
}

/// `Edm.Decimal` (and the text of `Edm.Double` and `Edm.Single`): an
/// optional sign, digits with at most one point, an optional exponent
/// (`-12.50`, `3`, `1.5e-3`), or one of OData's `NaN`, `INF`, `-INF`
/// (OData 4.01 ABNF `decimalValue`; case as written). No spaces inside.
pub fn parse_decimal(text: &str) -> bool {
    let text = text.trim();
    if is_special_number(text) {
        return true;
    }
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

/// OData's names for the numbers JSON cannot write: `NaN`, `INF`, `-INF`.
pub fn is_special_number(text: &str) -> bool {
    matches!(text, "NaN" | "INF" | "-INF")
}

/// `Edm.Int64` as text: an optional sign and 1 to 19 digits, in range.
pub fn parse_int64(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let valid = (1..=19).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    valid.then(|| text.parse().ok()).flatten()
}
