//! The wire as services write it, through the SDK generated into
//! `generated/wire` (from `tests/fixtures/wire` and the cases
//! `datetime-without-offset`, `function-string-quote` and
//! `derived-type-tag`), used as a Rust developer uses it: models decoded
//! from and encoded to JSON, requests built by the path tree and the
//! endpoint functions. Each test names the kind of fault it guards against.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mdapi_runtime::edm::{Binary, DateTimeOffset, Int64};
use mdapi_runtime::literal::literal;
use mdapi_runtime::Field;
use proptest::prelude::*;
use serde_json::{json, Value};
use wire::endpoints;
use wire::models::{AnyAttachment, Attachment, FileAttachment, MeterReading, Subscription};
use wire::paths::Root;

/// Decodes `json` as the response text it would be, encodes the model.
fn decode_encode<T: serde::Serialize + serde::de::DeserializeOwned>(json: &Value) -> Value {
    let model: T = serde_json::from_str(&json.to_string()).unwrap_or_else(|e| panic!("{json} does not decode: {e}"));
    serde_json::to_value(model).unwrap()
}

/// Case `datetime-without-offset`. Kind: a value in a form the service
/// sends but OData does not define failed the whole decode; it decodes,
/// as UTC, and is written back as it came.
#[test]
fn a_date_time_without_an_offset_decodes_as_utc_and_is_written_back_as_it_came() {
    let body = json!({ "expirationDateTime": "2024-02-08T12:07:31" });
    let subscription: Subscription = serde_json::from_value(body.clone()).unwrap();
    let Field::Value(expires) = &subscription.expiration_date_time else { panic!("{subscription:?}") };
    assert_eq!(*expires, "2024-02-08T12:07:31Z".parse::<DateTimeOffset>().unwrap());
    assert!(expires.get().offset().is_utc());
    assert_eq!(serde_json::to_value(&subscription).unwrap(), body);
}

/// Kind: one value of an Edm primitive in a form OData allows (or a
/// service sends) but the models did not read failed the whole object:
/// IEEE 754-compatible Int64 and Decimal strings, `NaN` and `-INF`,
/// `""` for a GUID, a long fraction. Each decodes and is written back
/// exactly.
#[test]
fn every_edm_primitive_is_written_back_as_the_service_wrote_it() {
    let body = json!({
        "id": "r1",
        "label": "O'Brien's meter",
        "confirmed": true,
        "channel": 255,
        "offset": -128,
        "phase": -32768,
        "count": 2_147_483_647,
        "total": "9007199254740993",
        "price": "123456789012345678901.05",
        "ratio": "NaN",
        "gain": "-INF",
        "takenDateTime": "2024-02-08T12:07:31.123456789012+05:30",
        "billingDate": "2024-02-08",
        "shiftStart": "08:30:00.0000000",
        "interval": "PT90M",
        "tenantId": "",
        "signature": "c2lnbmVk",
        "readerIds": ["983D984F-984F-983D-4F98-3D984F983D98"],
        "samples": ["1", 2]
    });
    let reading: MeterReading = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(reading.total.value().map(Int64::get), Some(9_007_199_254_740_993));
    assert!(reading.ratio.value().is_some_and(|r| r.0.is_nan()));
    assert_eq!(reading.gain.value().map(|g| g.0), Some(f32::NEG_INFINITY));
    assert!(reading.tenant_id.is_empty(), "an empty GUID is Field::Empty: {:?}", reading.tenant_id);
    assert_eq!(reading.signature.value().map(Binary::as_bytes), Some(&b"signed"[..]));
    assert_eq!(serde_json::to_value(&reading).unwrap(), body);
    // Built in Rust, the numbers are JSON numbers where JSON has them.
    let built = MeterReading { total: 5_i64.into(), ratio: 0.5.into(), ..MeterReading::default() };
    assert_eq!(serde_json::to_value(&built).unwrap(), json!({ "total": 5, "ratio": 0.5 }));
}

/// Case `function-string-quote`. Kind: a quote inside an OData string
/// literal (a function's argument, a key) was sent as `%27` and ended the
/// literal; it is doubled, then percent-encoded, by the path tree and the
/// endpoint function alike.
#[test]
fn quotes_in_string_literals_are_doubled_then_encoded() {
    let by_tree = Root.me().drive().root().search_with_q("O'Brien's notes").get().unwrap();
    assert_eq!(by_tree.path_and_query(), "/me/drive/root/search(q='O''Brien''s%20notes')");
    let by_endpoint = endpoints::get_me_drive_root_search_with_q::request("O'Brien's notes").unwrap();
    assert_eq!(by_endpoint.path_and_query(), by_tree.path_and_query());
    // String keys in parentheses: the entity's key and an alternate key.
    let by_key = Root.meters_with_meter_id("it's").readings().get().unwrap();
    assert_eq!(by_key.path_and_query(), "/meters('it''s')/readings");
    let by_serial = Root.meters_with_serial_number("O'Brien/7").readings().get().unwrap();
    assert_eq!(by_serial.path_and_query(), "/meters(serialNumber='O''Brien%2F7')/readings");
    let http = by_serial.to_http("https://graph.microsoft.com/v1.0").unwrap();
    assert_eq!(http.uri().path(), "/v1.0/meters(serialNumber='O''Brien%2F7')/readings");
}

/// Kind: a function argument the parameter table types `String` was sent
/// bare where the route writes it bare; it is a quoted string literal.
#[test]
fn an_argument_typed_string_is_a_quoted_literal_though_the_route_writes_it_bare() {
    let request = Root
        .me()
        .reminder_view_with_start_date_time_and_end_date_time("2017-06-05T10:00:00", "2017-06-11T11:00:00")
        .get()
        .unwrap();
    assert_eq!(
        request.path_and_query(),
        "/me/reminderView(startDateTime='2017-06-05T10%3A00%3A00',endDateTime='2017-06-11T11%3A00%3A00')"
    );
}

/// Kind: a typed function argument must be written as OData's literal of
/// its type (ABNF `primitiveLiteral`): a duration as `duration'...'`, a
/// number and a date-time bare.
#[test]
fn typed_arguments_are_literals_of_their_type() {
    let window: mdapi_runtime::edm::Duration = "PT15M".parse().unwrap();
    let since: DateTimeOffset = "2024-02-08T12:07:31Z".parse().unwrap();
    let request = Root.meters().by_id("m1").average_with_window_and_count_and_since(&window, 3, &since).get().unwrap();
    assert_eq!(
        request.path_and_query(),
        "/meters/m1/average(window=duration'PT15M',count=3,since=2024-02-08T12%3A07%3A31Z)"
    );
}

/// Kind: `$filter` values written by hand end a string literal at a
/// quote; `literal` writes each value the way the path's literals are.
#[test]
fn filter_values_are_written_by_the_same_encoder() {
    let request = Root.meters_with_serial_number("7").readings().get().unwrap().filter(format!(
        "label eq {} and total gt {}",
        literal("O'Brien"),
        literal(&Int64::new(5))
    ));
    assert_eq!(
        request.path_and_query(),
        "/meters(serialNumber='7')/readings?$filter=label%20eq%20'O''Brien'%20and%20total%20gt%205"
    );
    // The same expression through the typed properties.
    let typed = Root
        .meters_with_serial_number("7")
        .readings()
        .get()
        .unwrap()
        .filter(MeterReading::LABEL.eq("O'Brien").and(MeterReading::TOTAL.gt(Int64::new(5))));
    assert_eq!(typed.path_and_query(), request.path_and_query());
}

/// Kind: a typed `$filter` value written otherwise than the path's
/// literals. Every Edm primitive property compares with a value of its
/// type, written by `literal`.
#[test]
fn typed_filter_values_of_every_edm_type_are_literals() {
    fn parsed<T: std::str::FromStr>(text: &str) -> T {
        text.parse().unwrap_or_else(|_| panic!("{text}"))
    }
    let at: DateTimeOffset = parsed("2024-02-08T12:07:31+01:00");
    let cases = [
        (MeterReading::LABEL.eq("it's").as_str().to_owned(), format!("label eq {}", literal("it's"))),
        (MeterReading::CONFIRMED.ne(true).as_str().to_owned(), "confirmed ne true".to_owned()),
        (MeterReading::CHANNEL.ge(7_u8).as_str().to_owned(), "channel ge 7".to_owned()),
        (MeterReading::OFFSET.lt(-3_i8).as_str().to_owned(), "offset lt -3".to_owned()),
        (MeterReading::PHASE.le(12_i16).as_str().to_owned(), "phase le 12".to_owned()),
        (MeterReading::COUNT.gt(3).as_str().to_owned(), "count gt 3".to_owned()),
        (MeterReading::TOTAL.eq(9_007_199_254_740_993_i64).as_str().to_owned(), "total eq 9007199254740993".to_owned()),
        (
            MeterReading::PRICE.eq(parsed::<mdapi_runtime::edm::Decimal>("1.50")).as_str().to_owned(),
            "price eq 1.50".to_owned(),
        ),
        (
            MeterReading::RATIO.eq(parsed::<mdapi_runtime::edm::Double>("INF")).as_str().to_owned(),
            "ratio eq INF".to_owned(),
        ),
        (
            MeterReading::GAIN.eq(parsed::<mdapi_runtime::edm::Single>("NaN")).as_str().to_owned(),
            "gain eq NaN".to_owned(),
        ),
        (MeterReading::TAKEN_DATE_TIME.lt(&at).as_str().to_owned(), format!("takenDateTime lt {}", literal(&at))),
        (
            MeterReading::BILLING_DATE.eq(parsed::<mdapi_runtime::edm::Date>("2024-02-29")).as_str().to_owned(),
            "billingDate eq 2024-02-29".to_owned(),
        ),
        (
            MeterReading::INTERVAL.eq(parsed::<mdapi_runtime::edm::Duration>("PT15M")).as_str().to_owned(),
            "interval eq duration'PT15M'".to_owned(),
        ),
        (
            MeterReading::SIGNATURE.eq(Binary::new(vec![1, 2])).as_str().to_owned(),
            "signature eq binary'AQI'".to_owned(),
        ),
        (MeterReading::TENANT_ID.is_null().as_str().to_owned(), "tenantId eq null".to_owned()),
    ];
    for (typed, expected) in cases {
        assert_eq!(typed, expected);
    }
    assert_eq!(literal(&at), "2024-02-08T12:07:31+01:00", "written as it came");
}

fn file_attachment() -> FileAttachment {
    FileAttachment {
        name: Field::Value("notes.txt".to_owned()),
        content_bytes: Field::Value(Binary::new(b"notes".to_vec())),
        ..FileAttachment::default()
    }
}

/// Case `derived-type-tag`. Kind: a derived type sent where the endpoint
/// takes its (abstract) base was serialized without `@odata.type`, so the
/// service read the base and answered 422. Put into the base's `Any*`
/// enum, it always carries its tag, first.
#[test]
fn a_derived_value_sent_as_its_base_carries_its_type() {
    let body = AnyAttachment::from(file_attachment());
    for request in [
        endpoints::post_me_messages_by_id_attachments::request("m1", &body).unwrap(),
        Root.me().messages().by_id("m1").attachments().post(&body).unwrap(),
    ] {
        let sent = String::from_utf8(request.body.clone().unwrap()).unwrap();
        assert!(sent.starts_with(r##"{"@odata.type":"#microsoft.graph.fileAttachment","##), "{sent}");
        let sent: Value = serde_json::from_str(&sent).unwrap();
        assert_eq!(
            sent,
            json!({ "@odata.type": "#microsoft.graph.fileAttachment", "contentBytes": "bm90ZXM=", "name": "notes.txt" })
        );
    }
}

/// The tag is written once, as it came: a value decoded with its tag (in
/// any spelling) is written back unchanged. A derived struct on its own
/// is a value of its own declared type and carries no tag; an untagged
/// body decodes as the base, keeping the derived properties it cannot
/// place.
#[test]
fn a_received_tag_is_kept_and_a_struct_alone_needs_none() {
    let received = json!({ "@odata.type": "#Microsoft.Graph.FileAttachment", "name": "a.txt", "contentBytes": "YQ==" });
    let decoded: AnyAttachment = serde_json::from_value(received.clone()).unwrap();
    assert!(matches!(decoded, AnyAttachment::FileAttachment(_)), "{decoded:?}");
    assert_eq!(serde_json::to_value(&decoded).unwrap(), received);
    assert_eq!(
        serde_json::to_value(file_attachment()).unwrap(),
        json!({ "contentBytes": "bm90ZXM=", "name": "notes.txt" })
    );
    let untagged: AnyAttachment = serde_json::from_value(json!({ "name": "a.txt", "contentBytes": "YQ==" })).unwrap();
    let AnyAttachment::Attachment(base) = &untagged else { panic!("{untagged:?}") };
    assert_eq!(base.additional_properties.get("contentBytes"), Some(&json!("YQ==")));
    let _: &Attachment = base;
}

/// A form services write values of `DateTimeOffset` in: any offset, `Z`,
/// or none; seconds and fractions of any length optional.
fn date_time() -> impl Strategy<Value = String> {
    let offset = prop_oneof![
        Just(String::new()),
        Just("Z".to_owned()),
        (prop_oneof![Just('+'), Just('-')], 0u8..24, 0u8..60).prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
    ];
    let seconds = proptest::option::of((0u8..60, proptest::option::of("[0-9]{1,12}")));
    (1i32..=9999, 1u8..=12, 1u8..=28, 0u8..24, 0u8..60, seconds, offset).prop_map(|(y, mo, d, h, mi, s, o)| {
        let s = match s {
            None => String::new(),
            Some((s, None)) => format!(":{s:02}"),
            Some((s, Some(f))) => format!(":{s:02}.{f}"),
        };
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}{s}{o}")
    })
}

/// A GUID in either case.
fn guid() -> impl Strategy<Value = String> {
    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
}

/// The JSON forms OData JSON 4.01 (7.1) gives a number type: `Int64` as a
/// number or an IEEE 754-compatible string, the floats' three names.
fn int64() -> impl Strategy<Value = Value> {
    prop_oneof![any::<i64>().prop_map(|n| json!(n)), any::<i64>().prop_map(|n| json!(n.to_string()))]
}

fn double() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        prop_oneof![Just("NaN"), Just("INF"), Just("-INF")].prop_map(|s| json!(s)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Whatever valid form each property comes in (or `""` for the GUID,
    /// or `null`, or absent), the generated model writes back what it read.
    #[test]
    fn a_model_writes_back_what_it_read(
        taken in proptest::option::of(date_time()),
        tenant in proptest::option::of(prop_oneof![Just(String::new()), guid()]),
        total in proptest::option::of(int64()),
        ratio in proptest::option::of(double()),
        samples in proptest::collection::vec(int64(), 0..4),
        nulls in any::<bool>(),
    ) {
        let mut object = serde_json::Map::new();
        let mut put = |key: &str, value: Option<Value>| {
            match value {
                Some(value) => { object.insert(key.to_owned(), value); }
                None if nulls => { object.insert(key.to_owned(), Value::Null); }
                None => {}
            }
        };
        put("takenDateTime", taken.map(Value::String));
        put("tenantId", tenant.map(Value::String));
        put("total", total);
        put("ratio", ratio);
        put("samples", Some(Value::Array(samples)));
        let body = Value::Object(object);
        prop_assert_eq!(decode_encode::<MeterReading>(&body), body);
    }
}
