//! Decoding compiled once, where the request is built (issue 22,
//! docs/sdk-cost.md): the client decodes every answer of a `Request<R>`
//! through the decoder the request carries, the first page of a paged walk
//! and every page after it, in `items` and in a delta round. And what
//! `Request::new`'s decoder reads, through a `serde_json::Value`: the same
//! numbers as the byte reader, the last of duplicate names, type errors
//! without a position.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use futures_util::TryStreamExt;
use mdapi_runtime::client::DeltaEvent;
use mdapi_runtime::edm::{Decimal, Double, Int64};
use mdapi_runtime::{Accepted, Collection, Operation, PathPart, Request};
use serde::{Deserialize, Serialize};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::{client, GET_ME};

static GET_USERS: Operation =
    Operation { id: "get_users", route: "/users", path: &[PathPart::Literal("/users")], ..GET_ME };

#[derive(Debug, PartialEq, Deserialize)]
struct User {
    id: String,
}
mdapi_runtime::from_json!(User);

/// A decoder as a generated `request(..)` passes one, which marks what it
/// decoded: an item carrying the mark was decoded by the request's
/// decoder and by nothing else.
fn marking(status: u16, _: &http::HeaderMap, body: &[u8]) -> Result<Collection<User>, serde_json::Error> {
    let mut page: Collection<User> = serde_json::from_slice(body)?;
    for user in &mut page.value {
        user.id = format!("{} (by the request's decoder, {status})", user.id);
    }
    Ok(page)
}

fn marked(id: &str) -> String {
    format!("{id} (by the request's decoder, 200)")
}

/// `/users` answers two pages: `a` with a nextLink, then `b` with a deltaLink.
async fn two_pages() -> MockServer {
    let server = MockServer::start().await;
    let base = format!("{}/v1.0", server.uri());
    Mock::given(method("GET"))
        .and(path("/v1.0/users/page2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "value": [{ "id": "b" }], "@odata.deltaLink": format!("{base}/users/next") })),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "value": [{ "id": "a" }], "@odata.nextLink": format!("{base}/users/page2") })),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn send_decodes_with_the_decoder_the_request_carries() {
    let server = two_pages().await;
    let request = Request::with_decoder(&GET_USERS, &[], marking).unwrap();
    let page = client(&server).send(request).await.unwrap();
    assert_eq!(page.value, [User { id: marked("a") }]);
}

#[tokio::test]
async fn every_page_of_items_decodes_with_the_first_requests_decoder() {
    let server = two_pages().await;
    let request = Request::with_decoder(&GET_USERS, &[], marking).unwrap();
    let users: Vec<User> = client(&server).items(request).try_collect().await.unwrap();
    assert_eq!(users, [User { id: marked("a") }, User { id: marked("b") }]);
}

#[tokio::test]
async fn every_page_of_a_delta_round_decodes_with_the_first_requests_decoder() {
    let server = two_pages().await;
    let client = client(&server);
    let round = client.delta(Request::with_decoder(&GET_USERS, &[], marking).unwrap()).await.unwrap();
    assert_eq!(round.items, [User { id: marked("a") }, User { id: marked("b") }]);
    assert_eq!(round.delta_link.url(), format!("{}/v1.0/users/next", server.uri()));
    let events: Vec<DeltaEvent<User>> =
        client.delta_stream(Request::with_decoder(&GET_USERS, &[], marking).unwrap()).try_collect().await.unwrap();
    assert!(matches!(&events[..], [DeltaEvent::Item(a), DeltaEvent::Item(b), DeltaEvent::End(_)]
        if a.id == marked("a") && b.id == marked("b")));
}

#[test]
fn new_takes_the_decoder_from_the_response_types_from_response() {
    let users: Request<Collection<User>> = Request::new(&GET_USERS, &[]).unwrap();
    let page = users.decode(200, &http::HeaderMap::new(), br#"{"value":[{"id":"a"}]}"#).unwrap();
    assert_eq!(page.value, [User { id: "a".to_owned() }]);
    assert!(users.decode(200, &http::HeaderMap::new(), b"[1]").is_err());
    // `Accepted` reads the headers, not the body.
    let mut headers = http::HeaderMap::new();
    headers.insert("Location", "https://example.net/monitor/1".parse().unwrap());
    let accepted = Request::<Accepted>::new(&GET_ME, &[]).unwrap().decode(202, &headers, b"not json").unwrap();
    assert_eq!(accepted.location.as_deref(), Some("https://example.net/monitor/1"));
    // An empty body is JSON `null`: `()` for a `204 No Content`.
    Request::<()>::new(&GET_ME, &[]).unwrap().decode(204, &http::HeaderMap::new(), b" ").unwrap();
    assert!(Request::<()>::new(&GET_ME, &[]).unwrap().decode(204, &http::HeaderMap::new(), b"{}").is_err());
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Numbers {
    int64: Int64,
    decimal: Decimal,
    double: Double,
    float: f64,
    unsigned: u64,
    signed: i64,
}
mdapi_runtime::from_json!(Numbers);

/// `Request::new`'s decoder for `R`.
fn decoded<R: mdapi_runtime::FromJson>(body: &str) -> Result<R, serde_json::Error> {
    Request::<R>::new(&GET_ME, &[]).unwrap().decode(200, &http::HeaderMap::new(), body.as_bytes())
}

#[test]
fn numbers_read_through_the_value_as_from_the_bytes() {
    let bodies = [
        r#"{"int64":9007199254740993,"decimal":12.50,"double":0.1,"float":1e308,"unsigned":18446744073709551615,"signed":-9223372036854775808}"#,
        r#"{"int64":"-9007199254740993","decimal":"123456789012345678901234567890.5","double":"NaN","float":5e-324,"unsigned":0,"signed":9223372036854775807}"#,
        r#"{"int64":-1,"decimal":123456789012345678901234567890,"double":"-INF","float":0.30000000000000004,"unsigned":1,"signed":-1}"#,
    ];
    for body in bodies {
        let through_value: Numbers = decoded(body).unwrap();
        let from_bytes: Numbers = serde_json::from_str(body).unwrap();
        assert_eq!(
            serde_json::to_string(&through_value).unwrap(),
            serde_json::to_string(&from_bytes).unwrap(),
            "{body}"
        );
    }
    let exact: Numbers = decoded(bodies[0]).unwrap();
    assert_eq!(exact.int64, Int64::new(9_007_199_254_740_993), "beyond 2^53, exactly");
    assert_eq!(exact.unsigned, u64::MAX);
}

#[test]
fn a_type_error_names_the_mismatch_and_a_syntax_error_its_place() {
    let type_error = decoded::<User>(r#"{"id": 7}"#).unwrap_err().to_string();
    assert!(type_error.contains("invalid type: integer `7`, expected a string"), "{type_error}");
    assert!(!type_error.contains("line"), "the Value reader has no position: {type_error}");
    let syntax_error = decoded::<User>("{\n  \"id\": \"a\",\n}").unwrap_err().to_string();
    assert!(syntax_error.contains("line 3 column 1"), "{syntax_error}");
}

#[test]
fn a_name_given_twice_keeps_its_last_value() {
    assert_eq!(decoded::<User>(r#"{"id":"a","id":"b"}"#).unwrap(), User { id: "b".to_owned() });
    // The byte reader refused it; Graph does not send it (RFC 8259 4: names SHOULD be unique).
    assert!(serde_json::from_str::<User>(r#"{"id":"a","id":"b"}"#).is_err());
}
