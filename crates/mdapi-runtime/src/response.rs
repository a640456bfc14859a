//! What a successful answer becomes: [`FromResponse`] turns a status,
//! headers and body into the type a request declares. A JSON body decodes
//! into any [`FromJson`] type (an empty one as JSON `null`, so `()` and
//! `Option` take `204 No Content`); a `202 Accepted` with no documented
//! body becomes [`Accepted`], which keeps the monitor headers the body
//! lacks (Microsoft REST API Guidelines, "Long-running operations").
//!
//! A JSON body is read into a `serde_json::Value` first ([`json_value`],
//! compiled once, here) and the type reads that value with its non-generic
//! `FromJson::from_json`: a generated model reads its members from the
//! `Value` (`object`), so its decoding is compiled once, in its own crate,
//! for that one reader (docs/sdk-cost.md).

use std::time::{Duration, SystemTime};

use serde::Serialize;
use serde_json::Value;

use crate::FromJson;

/// A response type the client decodes answers into.
pub trait FromResponse: Sized {
    /// The answer of a successful `status` (2xx) as `Self`.
    ///
    /// # Errors
    /// The body is not the JSON `Self` reads.
    fn from_response(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<Self, serde_json::Error>;
}

/// A JSON answer: the body read into a `serde_json::Value` (an empty one as
/// `null`), then `T` read from it by its [`FromJson`] (see the module's
/// docs for why).
///
/// What the `Value` reader changes against reading the bytes directly: a
/// type error names what was expected and found but not the line and
/// column (a syntax error still has them), and an object naming a
/// property twice keeps the last value instead of failing (RFC 8259 leaves
/// duplicate names undefined; Graph does not send them). Numbers read the
/// same: integers within 64 bits exactly (`Int64` beyond 2^53 included),
/// others as the nearest `f64` (`float_roundtrip`), as the byte reader does.
impl<T: FromJson> FromResponse for T {
    fn from_response(_: u16, _: &http::HeaderMap, body: &[u8]) -> Result<Self, serde_json::Error> {
        T::from_json(json_value(body)?)
    }
}

/// How a request's successful answer (status, headers, body) becomes `R`:
/// a plain function pointer, which [`Request::new`](crate::Request::new)
/// takes from `R`'s [`FromResponse`] where the request is built. A
/// generated `endpoints::<id>::request(..)` is not generic, so the decoding
/// is compiled there, in the SDK crate; the client calls through the
/// pointer and compiles none in the crate that calls it.
pub type Decoder<R> = fn(u16, &http::HeaderMap, &[u8]) -> Result<R, serde_json::Error>;

/// A JSON body as a `serde_json::Value`; an empty (or all-whitespace) body
/// as `Value::Null`. Not generic: the one JSON reader of answers, compiled
/// once in the runtime.
///
/// # Errors
/// The body is not JSON (with the line and column where it stops being so).
pub(crate) fn json_value(body: &[u8]) -> Result<Value, serde_json::Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(body)
}

/// The answer of an operation documented as `202 Accepted` with no body:
/// the service took the request and works on it; the caller polls the
/// monitor URL it names. Any body the service sends anyway is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Accepted {
    /// The answer's status (202 as documented; another 2xx as it came).
    pub status: u16,
    /// The `Location` header: an absolute URL to poll (Graph's monitor).
    pub location: Option<String>,
    /// The `Operation-Location` header: the status monitor of Azure-style
    /// long-running operations.
    pub operation_location: Option<String>,
    /// The `Retry-After` header, as a wait (seconds, or an HTTP date
    /// counted from when the answer was read): how long to wait before
    /// polling. `None` when absent or unreadable.
    pub retry_after: Option<Duration>,
}

impl FromResponse for Accepted {
    fn from_response(status: u16, headers: &http::HeaderMap, _: &[u8]) -> Result<Self, serde_json::Error> {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_owned());
        Ok(Self {
            status,
            location: text("location"),
            operation_location: text("operation-location"),
            retry_after: text("retry-after").and_then(|v| retry_after(&v, SystemTime::now())),
        })
    }
}

/// A media answer (`GET .../$value`, `.../content`, a report's download):
/// the body as the service sent it, and its `Content-Type`. OData 4.01
/// Part 2, 11.2.4.1 (a stream property's or media entity's raw value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bytes {
    /// The `Content-Type` header, when the answer has one
    /// (`image/jpeg`, `text/csv`, `message/rfc822`).
    pub content_type: Option<String>,
    /// The body, byte for byte.
    pub data: Vec<u8>,
}

impl FromResponse for Bytes {
    fn from_response(_: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<Self, serde_json::Error> {
        let content_type = headers.get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        Ok(Self { content_type, data: body.to_vec() })
    }
}

/// `Retry-After` as seconds (`120`) or as an HTTP date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`, counted from `now`; a date in the past
/// is no wait). RFC 9110, 10.2.3.
pub(crate) fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod bytes_tests {
    use super::{Bytes, FromResponse};

    #[test]
    fn a_media_answer_keeps_its_bytes_and_content_type() {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("image/jpeg"));
        let body = [0xff, 0xd8, 0xff, 0x00];
        let answer = Bytes::from_response(200, &headers, &body).expect("bytes always decode");
        assert_eq!(answer.data, body);
        assert_eq!(answer.content_type.as_deref(), Some("image/jpeg"));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn accepted_keeps_the_monitor_headers() {
        let mut headers = http::HeaderMap::new();
        headers.insert("Location", "https://example.net/monitor/77".parse().unwrap());
        headers.insert("Operation-Location", "https://example.net/ops/1".parse().unwrap());
        headers.insert("Retry-After", "5".parse().unwrap());
        let accepted = Accepted::from_response(202, &headers, b"").unwrap();
        assert_eq!(accepted.location.as_deref(), Some("https://example.net/monitor/77"));
        assert_eq!(accepted.operation_location.as_deref(), Some("https://example.net/ops/1"));
        assert_eq!(accepted.retry_after, Some(Duration::from_secs(5)));
        // A JSON type still decodes, and an empty body is `()`.
        let unit: () = FromResponse::from_response(204, &headers, b"").unwrap();
        assert_eq!(unit, ());
    }
}
