//! The models generated into `generated/widgets` from the fixture pages,
//! used as a Graph user would: polymorphic decoding, open enums, unknown
//! properties and the three states of a field.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use mdapi_runtime::Field;
use serde_json::{json, Value};
use widgets::models::{AnyDirectoryObject, Widget, WidgetColor};

#[test]
fn a_directory_object_collection_decodes_into_concrete_types() {
    let body = json!({
        "value": [
            { "@odata.type": "#microsoft.graph.user", "id": "u1", "displayName": "Ada" },
            { "@odata.type": "#microsoft.graph.group", "id": "g1", "mailEnabled": true },
            { "@odata.type": "#microsoft.graph.device", "id": "d1" },
            { "id": "x1" }
        ]
    });
    let members: mdapi_runtime::Collection<AnyDirectoryObject> = serde_json::from_value(body.clone()).unwrap();
    let AnyDirectoryObject::User(user) = &members.value[0] else { panic!("{:?}", members.value[0]) };
    assert_eq!(user.display_name, Field::Value("Ada".to_owned()));
    let AnyDirectoryObject::Group(group) = &members.value[1] else { panic!("{:?}", members.value[1]) };
    assert_eq!(group.mail_enabled, Field::Value(true));
    // A type the docs do not know, and no tag at all: the base type.
    assert!(matches!(&members.value[2], AnyDirectoryObject::DirectoryObject(_)));
    assert!(matches!(&members.value[3], AnyDirectoryObject::DirectoryObject(_)));
    // Encoding gives back what was read, the tags included.
    assert_eq!(serde_json::to_value(&members).unwrap(), body);
    // A derived value goes where its base is expected.
    let as_base: AnyDirectoryObject = user.as_ref().clone().into();
    assert_eq!(as_base, members.value[0]);
}

#[test]
fn unknown_enum_values_and_properties_round_trip() {
    let body = json!({ "id": "w1", "color": "ultraviolet", "brandNewProperty": { "nested": [1, 2] } });
    let widget: Widget = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(widget.color, Field::Value(WidgetColor::Unrecognized("ultraviolet".to_owned())));
    assert_eq!(widget.additional_properties.get("brandNewProperty"), Some(&json!({ "nested": [1, 2] })));
    assert_eq!(serde_json::to_value(&widget).unwrap(), body);
    // Members listed after `unknownFutureValue` are members too.
    assert_eq!(WidgetColor::from_wire("blue"), WidgetColor::Blue);
    assert_eq!(WidgetColor::Blue.as_str(), "blue");
}

#[test]
fn a_patch_body_says_exactly_which_fields_change() {
    let patch = Widget { display_name: Field::Value("Renamed".to_owned()), owner: Field::Null, ..Widget::default() };
    let encoded: Value = serde_json::to_value(&patch).unwrap();
    assert_eq!(encoded, json!({ "displayName": "Renamed", "owner": null }));
}

/// The create page marks `displayName` and `size` `Required.`: the create's own body
/// cannot be built or decoded without it, while the model (also what a GET
/// returns) keeps it optional.
#[test]
fn a_create_body_requires_what_its_page_requires() {
    use widgets::endpoints::post_widgets::{request, Body};

    let body = Body {
        display_name: "New".to_owned(),
        size: 3,
        rest: Widget { weight: 1.5.into(), display_name: Field::Value("stale".to_owned()), ..Widget::default() },
    };
    let sent: Value = serde_json::from_slice(request(&body).unwrap().body.as_deref().unwrap()).unwrap();
    assert_eq!(
        sent,
        json!({ "displayName": "New", "size": 3, "weight": 1.5 }),
        "the required field wins over the model's copy"
    );

    let decoded: Body =
        serde_json::from_value(json!({ "displayName": "Read", "size": 1, "weight": 2.0, "extra": true })).unwrap();
    assert_eq!((decoded.display_name.as_str(), decoded.size), ("Read", 1));
    assert_eq!(decoded.rest.weight, 2.0.into());
    assert_eq!(decoded.rest.additional_properties.get("extra"), Some(&json!(true)));
    assert!(serde_json::from_value::<Body>(json!({ "size": 1 })).is_err());
    assert!(serde_json::from_value::<Body>(json!({ "displayName": null, "size": 1 })).is_err());
    // The model alone decodes without it.
    assert!(serde_json::from_value::<Widget>(json!({ "size": 1 })).is_ok());
}

/// `Edm.Decimal` is exact: a price is not rounded through a float on its
/// own, and comes back as the JSON type it came in.
#[test]
fn decimals_are_exact() {
    for body in [json!({ "price": 19.99 }), json!({ "price": "123456789012345678901.05" })] {
        let widget: Widget = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(serde_json::to_value(&widget).unwrap(), body);
    }
    let widget: Widget = serde_json::from_value(json!({ "price": "123456789012345678901.05" })).unwrap();
    let Field::Value(price) = &widget.price else { panic!("{:?}", widget.price) };
    assert_eq!(price.as_str(), "123456789012345678901.05");
    assert!(serde_json::from_value::<Widget>(json!({ "price": "cheap" })).is_err());
}

/// Every call right: a required query parameter is a typed argument that
/// goes into the query, a required header an argument that is sent, and a
/// `202 Accepted` answers `Accepted` with the monitor URL — through the
/// endpoint functions and the path tree alike, as a user calls them.
#[test]
fn required_query_values_and_headers_reach_the_request_and_a_202_gives_its_monitor() {
    use mdapi_runtime::edm::DateTimeOffset;
    use mdapi_runtime::{Accepted, Request};
    use widgets::paths::Root;

    let start: DateTimeOffset = "2024-01-01T00:00:00Z".parse().unwrap();
    let end: DateTimeOffset = "2024-01-02T08:30:00+01:00".parse().unwrap();
    let usage = widgets::endpoints::get_widgets_by_id_usage::request("w 1", start.clone(), end.clone()).unwrap();
    assert_eq!(
        usage.path_and_query(),
        "/widgets/w%201/usage?startDateTime=2024-01-01T00:00:00Z&endDateTime=2024-01-02T08:30:00%2B01:00"
    );
    // The optional parameter the doc comment lists is set by name.
    let tree = Root.widgets().by_id("w 1").usage().get(start, end).unwrap().param("detail", "full");
    assert_eq!(tree.path_and_query(), format!("{}&detail=full", usage.path_and_query()));

    let lock = Root.widgets().by_id("w1").lock().post("W/\"3\"").unwrap();
    assert_eq!(lock.headers, [("If-Match", "W/\"3\"".to_owned())]);
    let http = lock.to_http("https://graph.microsoft.com/v1.0").unwrap();
    assert_eq!(http.headers()["if-match"], "W/\"3\"");

    let import: Request<Accepted> =
        widgets::endpoints::post_widgets_by_id_import::request("w1", "respond-async").unwrap();
    assert_eq!(import.headers, [("Prefer", "respond-async".to_owned())]);
    let mut answer = http::HeaderMap::new();
    answer.insert("location", "https://example.net/monitor/77".parse().unwrap());
    let accepted: Accepted = mdapi_runtime::FromResponse::from_response(202, &answer, b"").unwrap();
    assert_eq!(accepted.location.as_deref(), Some("https://example.net/monitor/77"));
}

/// A media resource (`$value`) is read and written as bytes with their
/// content type, never as JSON: the GET answers `Bytes`, the PUT sends them.
#[test]
fn media_is_read_and_written_as_bytes() {
    use mdapi_runtime::{Bytes, Request};
    use widgets::paths::Root;

    let get: Request<Bytes> = Root.widgets().by_id("w1").picture().value().get().unwrap();
    assert_eq!(get.path_and_query(), "/widgets/w1/picture/$value");
    let mut headers = http::HeaderMap::new();
    headers.insert("content-type", "image/png".parse().unwrap());
    let png = [0x89, b'P', b'N', b'G'];
    let answer: Bytes = mdapi_runtime::FromResponse::from_response(200, &headers, &png).unwrap();
    assert_eq!((answer.data.as_slice(), answer.content_type.as_deref()), (&png[..], Some("image/png")));

    let picture = Bytes { content_type: Some("image/png".to_owned()), data: png.to_vec() };
    let put = Root.widgets().by_id("w1").picture().value().put(&picture).unwrap();
    let http = put.to_http("https://graph.microsoft.com/v1.0").unwrap();
    assert_eq!(http.method(), "PUT");
    assert_eq!(http.headers()["content-type"], "image/png");
    assert_eq!(http.body(), &png.to_vec());
}

/// Kind: a call reachable only the way the page's example writes it (a
/// colon path the HTTP request block leaves out) and a body documented
/// as a "Parameters" table after "No request body is required". Both are
/// in the SDK: the example's route under `by_path(..)`, the listed one
/// beside it, each taking the table's body and answering the page's type.
#[test]
fn an_example_only_route_and_a_parameters_body_are_callable() {
    use mdapi_runtime::{Field, Request};
    use widgets::models::{Widget, WidgetCreateshipmentRequestBody};
    use widgets::paths::Root;

    let body = WidgetCreateshipmentRequestBody {
        label: Field::Value("fragile".to_owned()),
        hold_shipping: Field::Value(true),
        ..WidgetCreateshipmentRequestBody::default()
    };
    let by_path: Request<Widget> =
        Root.widgets().by_id("w1").by_path("boxes/Q1 #2.txt").create_shipment().post(&body).unwrap();
    assert_eq!(by_path.path_and_query(), "/widgets/w1:/boxes/Q1%20%232.txt:/createShipment");
    let http = by_path.to_http("https://graph.microsoft.com/v1.0").unwrap();
    assert_eq!(http.method(), "POST");
    let sent: Value = serde_json::from_slice(http.body()).unwrap();
    assert_eq!(sent, json!({ "label": "fragile", "holdShipping": true }));

    let listed: Request<Widget> = Root.widgets().by_id("w1").create_shipment().post(&body).unwrap();
    assert_eq!(listed.path_and_query(), "/widgets/w1/createShipment");
}
