//! The generated SDK with an HTTP client of the user's own, through its
//! public API only: this crate depends on `widgets` and `serde_json`, not
//! on `http` or `mdapi-runtime`; the `http` types come through
//! `widgets::runtime::http`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use widgets::paths::Root;
use widgets::runtime::http::{HeaderMap, Method};

/// Kind: a request sent by another client than the SDK's, and its answer
/// decoded by the request's own decoder, naming the `http` types through
/// the SDK's re-export.
#[test]
fn a_request_goes_out_as_http_and_its_answer_decodes_through_the_reexport() {
    let request = Root.widgets().by_id("w 1").get().unwrap();
    let http: widgets::runtime::http::Request<Vec<u8>> = request.to_http("https://example.test/v1.0/").unwrap();
    assert_eq!(http.method(), Method::GET);
    assert_eq!(http.uri().to_string(), "https://example.test/v1.0/widgets/w%201");
    let widget = request.decode(200, &HeaderMap::new(), br#"{"id":"w 1","displayName":"Spanner"}"#).unwrap();
    assert_eq!(widget.display_name.value().map(String::as_str), Some("Spanner"));
}
