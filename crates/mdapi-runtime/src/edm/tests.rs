//! Examples of each rule; `tests/edm_properties.rs` holds the property
//! tests of decode then encode.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::*;

fn round_trip<T: Serialize + for<'de> Deserialize<'de>>(json: Value) -> Value {
    let value: T = serde_json::from_value(json).unwrap();
    serde_json::to_value(value).unwrap()
}

#[test]
fn text_values_are_written_back_as_they_came() {
    for text in [
        "2017-01-01T00:00:08.4940464-08:00",
        "2017-01-01T00:00:00.0000000Z",
        "2024-02-08T12:07:31",
        "2024-02-08t12:07z",
        "2024-02-08",
    ] {
        assert_eq!(round_trip::<DateTimeOffset>(json!(text)), json!(text));
    }
    assert_eq!(round_trip::<Date>(json!("2021-07-16")), json!("2021-07-16"));
    assert_eq!(round_trip::<TimeOfDay>(json!("08:30:00.0000000")), json!("08:30:00.0000000"));
    assert_eq!(round_trip::<Duration>(json!("PT90M")), json!("PT90M"));
    assert_eq!(
        round_trip::<Guid>(json!("983D984F-984F-983D-4F98-3D984F983D98")),
        json!("983D984F-984F-983D-4F98-3D984F983D98")
    );
    assert_eq!(round_trip::<Binary>(json!("bWFuaWZlc3Q")), json!("bWFuaWZlc3Q"), "unpadded stays unpadded");
}

#[test]
fn a_date_time_without_an_offset_is_utc() {
    let read: DateTimeOffset = "2024-02-08T12:07:31".parse().unwrap();
    let utc: DateTimeOffset = "2024-02-08T12:07:31Z".parse().unwrap();
    assert_eq!(read, utc);
    assert_eq!(read.get().offset(), time::UtcOffset::UTC);
    assert!(leniency(EdmPrimitive::DateTimeOffset, "2024-02-08T12:07:31").is_some());
    assert_eq!(leniency(EdmPrimitive::DateTimeOffset, "2024-02-08T12:07:31+01:00"), None);
    assert_eq!(leniency(EdmPrimitive::DateTimeOffset, "2024-02-08T12:07:31Z"), None);
}

#[test]
fn built_values_are_canonical() {
    let date = time::Date::from_calendar_date(2021, time::Month::July, 16).unwrap();
    let at = date.with_hms_milli(8, 30, 0, 500).unwrap().assume_utc();
    assert_eq!(DateTimeOffset::new(at).to_string(), "2021-07-16T08:30:00.5Z");
    assert_eq!(Duration::new(time::Duration::minutes(90)).to_string(), "PT1H30M");
    assert_eq!(Duration::new(-time::Duration::milliseconds(500)).to_string(), "-PT0.5S");
    assert_eq!(TimeOfDay::new(time::Time::from_hms(8, 30, 0).unwrap()).to_string(), "08:30:00");
    assert_eq!(Binary::new(b"manifest".to_vec()).to_string(), "bWFuaWZlc3Q=");
    assert_eq!(Guid::new(uuid::Uuid::nil()).to_string(), "00000000-0000-0000-0000-000000000000");
}

#[test]
fn numbers_keep_their_json_form() {
    for json in [json!(19.99), json!(-3), json!("123456789012345678901.05"), json!("NaN"), json!("-INF")] {
        assert_eq!(round_trip::<Decimal>(json.clone()), json, "Decimal {json}");
    }
    for json in [json!(9_007_199_254_740_993_i64), json!("9007199254740993"), json!("+0042")] {
        assert_eq!(round_trip::<Int64>(json.clone()), json, "Int64 {json}");
    }
    for json in [json!(1.5), json!("NaN"), json!("INF"), json!("-INF")] {
        assert_eq!(round_trip::<Double>(json.clone()), json, "Double {json}");
        assert_eq!(round_trip::<Single>(json.clone()), json, "Single {json}");
    }
    assert!(serde_json::from_value::<Double>(json!("1.5")).is_err(), "only the three names are strings");
    assert!(serde_json::from_value::<Int64>(json!(9_223_372_036_854_775_808_u64)).is_err());
    assert!(serde_json::from_value::<Int64>(json!("12a")).is_err());
    assert_eq!("2.50".parse::<Decimal>().unwrap().as_str(), "2.50");
    assert_eq!(serde_json::to_value(Decimal::new("2.5").unwrap()).unwrap(), json!(2.5));
    assert_eq!(serde_json::to_value(Decimal::new("NaN").unwrap()).unwrap(), json!("NaN"));
    assert!(Decimal::new("INF").unwrap().to_f64().is_infinite());
    for bad in ["", ".", "1.2.3", "1e", "nan", "inf", "Infinity", "1,5", "--1", "decimal-value"] {
        assert!(!parse_decimal(bad), "{bad}");
    }
    for good in ["0", "-0.5", ".5", "5.", "1.5e-3", "+2E10", "NaN", "INF", "-INF"] {
        assert!(parse_decimal(good), "{good}");
    }
}

#[test]
fn placeholders_are_refused() {
    for (name, text) in [
        ("DateTimeOffset", "datetime-value"),
        ("DateTimeOffset", "2017-01-01T00:00:00+0100"),
        ("DateTimeOffset", "2017-1-01T00:00:00Z"),
        ("DateTimeOffset", ""),
        ("Date", "2021-7-16"),
        ("Date", ""),
        ("TimeOfDay", "25:00:00"),
        ("TimeOfDay", "08:30:00."),
        ("Duration", "P1Y"),
        ("Duration", "P1M"),
        ("Duration", "PT1H2D"),
        ("Duration", "PT"),
        ("Duration", "PT1.5M"),
        ("Duration", "duration-value"),
        ("Guid", "guid-value"),
        ("Guid", ""),
        ("Binary", "not base64!"),
        ("Int64", "1.5"),
        ("Double", "1.5"),
    ] {
        let primitive: EdmPrimitive = name.parse().unwrap();
        assert!(!accepts(primitive, text), "{name} {text}");
    }
    assert!(accepts(EdmPrimitive::String, "anything"));
    assert_eq!(parse_duration("PT1M30.25S"), Some(time::Duration::new(90, 250_000_000)));
    assert_eq!(parse_duration("P2W"), Some(time::Duration::days(14)));
    assert_eq!(parse_time_of_day("08:30:00.123456789012"), time::Time::from_hms_nano(8, 30, 0, 123_456_789).ok());
}

#[test]
fn same_value_sees_through_spellings() {
    assert!(same_value("08:30:00", "08:30:00.0000000"));
    assert!(same_value("983D984F-984F-983D-4F98-3D984F983D98", "983d984f-984f-983d-4f98-3d984f983d98"));
    assert!(same_value("2024-02-08T12:07:31", "2024-02-08T12:07:31Z"));
}
