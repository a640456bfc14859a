//! Property tests of the Edm wire forms (OData JSON Format 4.01, 7.1):
//! whatever valid form a service writes a primitive in, decoding then
//! encoding gives it back, byte for byte for strings and by value for
//! numbers. The generators write every form the rules allow: offsets or
//! none, fractions of any length, either case, base64 in each alphabet,
//! integers and decimals as numbers or strings, `NaN` and the infinities.
#![allow(clippy::unwrap_used)]

use base64::Engine as _;
use mdapi_runtime::edm::{Binary, Date, DateTimeOffset, Decimal, Double, Duration, Guid, Int64, Single, TimeOfDay};
use mdapi_runtime::Field;
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Decodes `json` (as text, the way a response arrives) into `T` and
/// encodes it again.
fn round_trip<T: Serialize + for<'de> Deserialize<'de>>(json: &Value) -> Result<Value, String> {
    let decoded: T = serde_json::from_str(&json.to_string()).map_err(|e| format!("{json} does not decode: {e}"))?;
    serde_json::to_value(decoded).map_err(|e| e.to_string())
}

/// Strings exactly; numbers by value (`1` read into a float is written `1.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
            (Some(x), Some(y), _, _) => x == y,
            (_, _, Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        _ => a == b,
    }
}

fn digits(range: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(0u8..10, range).prop_map(|d| d.iter().map(|d| char::from(b'0' + d)).collect())
}

fn either_case(upper: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![Just(upper.to_owned()), Just(upper.to_ascii_lowercase())]
}

/// `2024-02-08`, any valid day of any month of years 0001 to 9999.
fn date() -> impl Strategy<Value = String> {
    (1i32..=9999, 1u8..=12, 1u8..=31).prop_filter_map("no such day", |(y, m, d)| {
        let month = time::Month::try_from(m).ok()?;
        time::Date::from_calendar_date(y, month, d).ok().map(|_| format!("{y:04}-{m:02}-{d:02}"))
    })
}

/// `hh:mm`, `hh:mm:ss`, `hh:mm:ss.f` with 1 to 12 fraction digits.
fn clock() -> impl Strategy<Value = String> {
    (0u8..24, 0u8..60, proptest::option::of((0u8..60, proptest::option::of(digits(1..=12))))).prop_map(
        |(h, m, seconds)| match seconds {
            None => format!("{h:02}:{m:02}"),
            Some((s, None)) => format!("{h:02}:{m:02}:{s:02}"),
            Some((s, Some(fraction))) => format!("{h:02}:{m:02}:{s:02}.{fraction}"),
        },
    )
}

/// `Z`, `z`, `+hh:mm`, `-hh:mm`, or none (as services send).
fn offset() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        either_case("Z"),
        (prop_oneof![Just('+'), Just('-')], 0u8..24, 0u8..60).prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
    ]
}

fn date_time() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (date(), either_case("T"), clock(), offset()).prop_map(|(d, t, c, o)| format!("{d}{t}{c}{o}")),
        1 => date(),
    ]
}

/// `[-]P[nW][nD][T[nH][nM][n[.f]S]]`, at least one part.
fn duration() -> impl Strategy<Value = String> {
    let part = |unit: &'static str| proptest::option::of((0u32..100_000).prop_map(move |n| format!("{n}{unit}")));
    let seconds = proptest::option::of(
        (0u32..100_000, proptest::option::of(digits(1..=9)))
            .prop_map(|(n, f)| f.map_or_else(|| format!("{n}S"), |f| format!("{n}.{f}S"))),
    );
    (prop_oneof![Just(""), Just("-")], part("W"), part("D"), part("H"), part("M"), seconds).prop_filter_map(
        "a duration has a part",
        |(sign, w, d, h, m, s)| {
            let date = format!("{}{}", w.unwrap_or_default(), d.unwrap_or_default());
            let clock = format!("{}{}{}", h.unwrap_or_default(), m.unwrap_or_default(), s.unwrap_or_default());
            let clock = if clock.is_empty() { clock } else { format!("T{clock}") };
            (!date.is_empty() || !clock.is_empty()).then(|| format!("{sign}P{date}{clock}"))
        },
    )
}

fn guid() -> impl Strategy<Value = String> {
    (any::<u128>(), any::<bool>(), 0u8..3).prop_map(|(bits, upper, shape)| {
        let uuid = uuid::Uuid::from_u128(bits);
        let text = match shape {
            0 => uuid.hyphenated().to_string(),
            1 => uuid.simple().to_string(),
            _ => uuid.braced().to_string(),
        };
        if upper {
            text.to_ascii_uppercase()
        } else {
            text
        }
    })
}

fn base64() -> impl Strategy<Value = String> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    (proptest::collection::vec(any::<u8>(), 0..64), 0usize..4)
        .prop_map(|(bytes, form)| [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD][form].encode(bytes))
}

/// Int64 as a number, or as a string (IEEE754Compatible), with a sign or
/// leading zeros as the ABNF allows.
fn int64() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(|n| json!(n)),
        any::<i64>().prop_map(|n| json!(n.to_string())),
        (0u32..1_000_000, 0usize..6).prop_map(|(n, zeros)| json!(format!("+{}{n}", "0".repeat(zeros)))),
    ]
}

/// Decimal text as the ABNF writes it, as a string; finite numbers and
/// integers past `i64` as JSON numbers; the three special values.
fn decimal() -> impl Strategy<Value = Value> {
    let text = (prop_oneof![Just(""), Just("-"), Just("+")], digits(1..=30), proptest::option::of(digits(1..=20)))
        .prop_map(|(sign, whole, fraction)| match fraction {
            Some(f) => format!("{sign}{whole}.{f}"),
            None => format!("{sign}{whole}"),
        });
    prop_oneof![
        text.prop_map(Value::String),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        prop_oneof![Just("NaN"), Just("INF"), Just("-INF")].prop_map(|s| json!(s)),
    ]
}

fn special() -> impl Strategy<Value = Value> {
    prop_oneof![Just(json!("NaN")), Just(json!("INF")), Just(json!("-INF"))]
}

fn check<T: Serialize + for<'de> Deserialize<'de>>(json: Value) -> Result<(), TestCaseError> {
    let written = round_trip::<T>(&json).map_err(TestCaseError::fail)?;
    prop_assert!(same(&written, &json), "{} read {json}, wrote {written}", std::any::type_name::<T>());
    Ok(())
}

/// A model property of a string-carried type, as generated models have it.
#[derive(Serialize, Deserialize)]
struct Model {
    #[serde(default, skip_serializing_if = "Field::is_absent", deserialize_with = "Field::text_or_empty")]
    id: Field<Guid>,
    #[serde(default, skip_serializing_if = "Field::is_absent", deserialize_with = "Field::text_or_empty")]
    at: Field<DateTimeOffset>,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn date_time_offset_round_trips(text in date_time()) { check::<DateTimeOffset>(json!(text))?; }

    #[test]
    fn date_round_trips(text in prop_oneof![date(), date_time()]) { check::<Date>(json!(text))?; }

    #[test]
    fn time_of_day_round_trips(text in clock()) { check::<TimeOfDay>(json!(text))?; }

    #[test]
    fn duration_round_trips(text in duration()) { check::<Duration>(json!(text))?; }

    #[test]
    fn guid_round_trips(text in guid()) { check::<Guid>(json!(text))?; }

    #[test]
    fn binary_round_trips(text in base64()) { check::<Binary>(json!(text))?; }

    #[test]
    fn int64_round_trips(json in int64()) { check::<Int64>(json)?; }

    #[test]
    fn decimal_round_trips(json in decimal()) { check::<Decimal>(json)?; }

    #[test]
    fn double_round_trips(json in prop_oneof![any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)), any::<i32>().prop_map(|n| json!(n)), special()]) {
        check::<Double>(json)?;
    }

    #[test]
    fn single_round_trips(json in prop_oneof![any::<f32>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f64::from(f))), special()]) {
        check::<Single>(json)?;
    }

    /// Empty strings, `null`, absent keys and values, each written back.
    #[test]
    fn model_fields_round_trips(id in proptest::option::of(prop_oneof![Just(String::new()), guid()]), at in proptest::option::of(prop_oneof![Just(String::new()), date_time()]), null_id in any::<bool>()) {
        let mut object = serde_json::Map::new();
        if let Some(id) = id {
            object.insert("id".to_owned(), if null_id { Value::Null } else { json!(id) });
        }
        if let Some(at) = at {
            object.insert("at".to_owned(), json!(at));
        }
        check::<Model>(Value::Object(object))?;
    }
}
