//! A request value: everything needed to send one call, with no I/O.

use crate::operation::Operation;
use crate::query::{Expand, FilterExpression, OrderedBy, QueryItems, Select};
use crate::response::{Decoder, FromResponse};

/// A ready-to-send request whose successful response decodes into `R`.
///
/// It carries its decoder ([`Request::decoder`]), a plain `fn` pointer
/// that [`Request::new`] takes from `R`'s [`FromResponse`]. A generated
/// `endpoints::<id>::request(..)` is not generic, so `R`'s serde code is
/// compiled where it is, in the SDK crate, once; the client decodes every
/// answer of the request through the pointer (each page of a paged walk
/// too), so sending compiles no decoding in the caller's crate.
#[derive(Debug)]
pub struct Request<R> {
    /// The operation this request calls.
    pub operation: &'static Operation,
    /// The path with parameter values percent-encoded.
    pub path: String,
    /// The JSON body, already encoded.
    pub body: Option<Vec<u8>>,
    /// OData query options and other query parameters, in order, not yet encoded.
    pub query: Vec<(String, String)>,
    /// Extra request headers (`ConsistencyLevel: eventual` for `$search`).
    pub headers: Vec<(&'static str, String)>,
    decode: Decoder<R>,
}

/// Characters escaped in a query value: everything but RFC 3986 unreserved
/// characters and the ones OData expressions use freely (`$`, `'`, `(`, `)`,
/// `,`, `:`, `/`). `&`, `=`, `#`, `+`, `%` and spaces are always escaped, so
/// a value cannot add a parameter or end the query.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b',')
    .remove(b':')
    .remove(b'/');

/// A value of a query parameter, as it is written in the query before
/// percent-encoding: strings as they are, numbers in decimal, `true` and
/// `false`, and the Edm date, time, duration and GUID values in their OData
/// literal form (`2024-02-08T12:07:31Z`, `P1DT2H`). Generated endpoints take
/// required query parameters as arguments of these types.
pub trait QueryValue {
    /// The value's text in the query.
    fn to_query(&self) -> String;
}

impl<T: QueryValue + ?Sized> QueryValue for &T {
    fn to_query(&self) -> String {
        (**self).to_query()
    }
}

impl QueryValue for str {
    fn to_query(&self) -> String {
        self.to_owned()
    }
}

/// Types whose `Display` is their query text.
macro_rules! query_value_by_display {
    ($($ty:ty),*) => {
        $(impl QueryValue for $ty {
            fn to_query(&self) -> String {
                self.to_string()
            }
        })*
    };
}

query_value_by_display!(
    String,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    bool,
    f32,
    f64,
    crate::edm::DateTimeOffset,
    crate::edm::Date,
    crate::edm::TimeOfDay,
    crate::edm::Duration,
    crate::edm::Guid,
    crate::edm::Decimal,
    crate::edm::Int64,
    crate::edm::Double,
    crate::edm::Single
);

/// Errors building a request.
#[derive(Debug)]
pub enum BuildError {
    /// The number of path values does not fit the route.
    PathValues {
        /// The operation's id.
        operation: &'static str,
    },
    /// The body could not be encoded.
    Body(serde_json::Error),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::PathValues { operation } => write!(f, "wrong number of path values for `{operation}`"),
            Self::Body(err) => write!(f, "cannot encode the request body: {err}"),
        }
    }
}

impl std::error::Error for BuildError {}

impl<R: FromResponse> Request<R> {
    /// Builds a request for `operation` with path values in parameter
    /// order; its answer decodes with `R`'s [`FromResponse`], instantiated
    /// here, in the crate that calls `new` (for a generated endpoint, the
    /// SDK crate).
    ///
    /// # Errors
    /// [`BuildError::PathValues`] when `values` does not fill the route.
    pub fn new(operation: &'static Operation, values: &[&str]) -> Result<Self, BuildError> {
        Self::with_decoder(operation, values, R::from_response)
    }
}

impl<R> Request<R> {
    /// [`Request::new`] with the function that decodes a successful answer
    /// (status, headers, body) into `R`: for a response type without
    /// [`FromResponse`], or another reading of one that has it.
    ///
    /// # Errors
    /// [`BuildError::PathValues`] when `values` does not fill the route.
    pub fn with_decoder(
        operation: &'static Operation,
        values: &[&str],
        decode: Decoder<R>,
    ) -> Result<Self, BuildError> {
        let path =
            crate::path::render(operation.path, values).ok_or(BuildError::PathValues { operation: operation.id })?;
        Ok(Self { operation, path, body: None, query: Vec::new(), headers: Vec::new(), decode })
    }

    /// The function this request's successful answers decode with (the
    /// client's [`send`], and every page of [`items`] and [`delta`]).
    ///
    /// [`send`]: crate::client::Client::send
    /// [`items`]: crate::client::Client::items
    /// [`delta`]: crate::client::Client::delta
    pub fn decoder(&self) -> Decoder<R> {
        self.decode
    }

    /// A successful answer (2xx status, headers, body) as `R`, by the
    /// request's decoder: for callers who send [`Request::to_http`] with
    /// an HTTP client of their own.
    ///
    /// # Errors
    /// The body is not the JSON `R` reads.
    pub fn decode(&self, status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<R, serde_json::Error> {
        (self.decode)(status, headers, body)
    }

    /// Adds a body of raw bytes (`$value` uploads, photos, files).
    pub fn bytes(mut self, content_type: &str, data: Vec<u8>) -> Self {
        self.headers.push(("Content-Type", content_type.to_owned()));
        self.body = Some(data);
        self
    }

    /// Adds a media body (`PUT .../content`, `.../$value`): its bytes, sent
    /// with its `content_type` (`application/octet-stream` when `None`).
    pub fn media(self, body: &crate::Bytes) -> Self {
        let content_type = body.content_type.as_deref().unwrap_or("application/octet-stream");
        self.bytes(content_type, body.data.clone())
    }

    /// Adds a query parameter (`$top`, `$filter`, or a function's own).
    pub fn param(mut self, name: &str, value: impl Into<String>) -> Self {
        self.query.push((name.to_owned(), value.into()));
        self
    }

    /// Adds a request header (`Prefer: respond-async`, `If-Match: <etag>`).
    /// A name given twice is sent once, with its first value. The
    /// `Authorization` header is the client's: one set here is sent as
    /// given, to any host.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// `$select=a,b`: names of the response model's properties, typed
    /// (`User::DISPLAY_NAME`, or a tuple of them: `(User::DISPLAY_NAME,
    /// User::MAIL)`) or as strings (`&["displayName", "mail"]`); see
    /// [`query`](crate::query). A second call adds to the same `$select`.
    pub fn select(self, properties: impl QueryItems<R, Select>) -> Self {
        self.list_option("$select", &properties)
    }

    /// `$expand=a,b`: navigation properties of the response model
    /// (`User::MANAGER`) or strings. A second call adds to the same `$expand`.
    pub fn expand(self, relationships: impl QueryItems<R, Expand>) -> Self {
        self.list_option("$expand", &relationships)
    }

    /// `$filter=<expression>`: a typed [`Filter`](crate::query::Filter)
    /// over the response model (`User::MAIL.eq("a@b.com")`) or a string,
    /// whose values are best written with [`literal`](crate::literal::literal).
    pub fn filter(self, expression: impl FilterExpression<R>) -> Self {
        let expression = expression.expression();
        self.param("$filter", expression)
    }

    /// `$orderby=a desc,b`: properties of the response model
    /// (`User::DISPLAY_NAME`, `User::DISPLAY_NAME.desc()`) or a string
    /// (`"displayName desc"`). A second call adds to the same `$orderby`.
    pub fn order_by(self, expression: impl QueryItems<R, OrderedBy>) -> Self {
        self.list_option("$orderby", &expression)
    }

    /// Adds `items` to the query option `name`, after the ones it already has.
    fn list_option<O>(mut self, name: &str, items: &dyn QueryItems<R, O>) -> Self {
        match self.query.iter_mut().find(|(n, _)| n == name) {
            Some((_, value)) => items.write_items(value),
            None => {
                let mut value = String::new();
                items.write_items(&mut value);
                self.query.push((name.to_owned(), value));
            }
        }
        self
    }

    /// `$top=n`.
    pub fn top(self, n: u32) -> Self {
        self.param("$top", n.to_string())
    }

    /// `$skip=n`.
    pub fn skip(self, n: u32) -> Self {
        self.param("$skip", n.to_string())
    }

    /// `$count=true`; Graph needs `ConsistencyLevel: eventual` for it on
    /// directory objects, so that header is added too.
    pub fn count(mut self) -> Self {
        self.headers.push(("ConsistencyLevel", "eventual".to_owned()));
        self.param("$count", "true")
    }

    /// `$search="<text>"` (quoted), with the `ConsistencyLevel: eventual`
    /// header Graph requires for it.
    pub fn search(mut self, text: &str) -> Self {
        self.headers.push(("ConsistencyLevel", "eventual".to_owned()));
        self.param("$search", format!("\"{}\"", text.replace('"', "\\\"")))
    }

    /// The path and encoded query: `/users?$top=5`.
    pub fn path_and_query(&self) -> String {
        path_and_query(&self.path, &self.query)
    }

    /// Adds a JSON body.
    pub fn json<B: serde::Serialize>(mut self, body: &B) -> Result<Self, BuildError> {
        self.body = Some(serde_json::to_vec(body).map_err(BuildError::Body)?);
        Ok(self)
    }

    /// An `http::Request` for `base_url` (for example `https://graph.microsoft.com/v1.0`),
    /// for callers who bring their own HTTP client.
    pub fn to_http(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, http::Error> {
        let url = format!("{}{}", base_url.trim_end_matches('/'), self.path_and_query());
        to_http(self.operation.method, url, &self.headers, self.body.as_deref())
    }
}

// The work of `path_and_query` and `to_http`, outside the generic impl: it
// is the same for every response type, so it is compiled once, here, and
// not again in each crate for each `R` it sends.

fn path_and_query(path: &str, query: &[(String, String)]) -> String {
    let mut out = path.to_owned();
    for (i, (name, value)) in query.iter().enumerate() {
        out.push(if i == 0 && !path.contains('?') { '?' } else { '&' });
        out.extend(percent_encoding::utf8_percent_encode(name, QUERY_VALUE));
        out.push('=');
        out.extend(percent_encoding::utf8_percent_encode(value, QUERY_VALUE));
    }
    out
}

fn to_http(
    method: &str,
    url: String,
    headers: &[(&'static str, String)],
    body: Option<&[u8]>,
) -> Result<http::Request<Vec<u8>>, http::Error> {
    let mut builder = http::Request::builder().method(method).uri(url);
    let typed = headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
    if body.is_some() && !typed {
        builder = builder.header(http::header::CONTENT_TYPE, "application/json");
    }
    let mut seen = Vec::new();
    for (name, value) in headers {
        if !seen.contains(name) {
            builder = builder.header(*name, value.as_str());
            seen.push(name);
        }
    }
    builder.body(body.map(<[u8]>::to_vec).unwrap_or_default())
}
