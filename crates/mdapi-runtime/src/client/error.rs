//! What can go wrong calling Graph.

/// Graph's error body (`{"error": {"code", "message", "innerError": {...}}}`)
/// with the status and the ids support asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphError {
    /// The HTTP status code (`404`, `429`).
    pub status: u16,
    /// Graph's error code, `error.code` (`Request_ResourceNotFound`,
    /// `ErrorAccessDenied`); the status's reason phrase when the body has
    /// none.
    pub code: String,
    /// `error.message`, for people; the whole body as text when it has
    /// no `error.message`.
    pub message: String,
    /// `request-id`, from the body's `innerError` or the response header.
    pub request_id: Option<String>,
    /// `client-request-id`, from the body's `innerError` or the response
    /// header: the id the client sent with the request.
    pub client_request_id: Option<String>,
    /// When Graph answered, as written: the body's `innerError.date`
    /// (ISO 8601) or else the `Date` header (an HTTP date, RFC 9110, 5.6.7).
    pub date: Option<String>,
}

impl GraphError {
    /// An error as Graph answers it: `status`, Graph's `code`
    /// (`Request_ResourceNotFound`, `ErrorAccessDenied`) and `message`
    /// (what a mock answers with: `mock::On::error`).
    pub fn new(status: u16, code: &str, message: &str) -> Self {
        Self {
            status,
            code: code.to_owned(),
            message: message.to_owned(),
            request_id: None,
            client_request_id: None,
            date: None,
        }
    }

    pub(crate) fn from_response(status: http::StatusCode, headers: &http::HeaderMap, body: &[u8]) -> Self {
        let json: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
        let error = &json["error"];
        let inner = if error["innerError"].is_object() { &error["innerError"] } else { &error["innererror"] };
        let text = |value: &serde_json::Value| value.as_str().map(str::to_owned);
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        Self {
            status: status.as_u16(),
            code: text(&error["code"]).unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_owned()),
            message: text(&error["message"]).unwrap_or_else(|| String::from_utf8_lossy(body).into_owned()),
            request_id: text(&inner["request-id"]).or_else(|| header("request-id")),
            client_request_id: text(&inner["client-request-id"]).or_else(|| header("client-request-id")),
            date: text(&inner["date"]).or_else(|| header("date")),
        }
    }
}

impl std::fmt::Display for GraphError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " (request-id {id})")?;
        }
        Ok(())
    }
}

/// Why a call failed.
#[derive(Debug)]
pub enum Error {
    /// Graph answered with an error status.
    Graph(Box<GraphError>),
    /// The connection failed or timed out.
    Http(reqwest::Error),
    /// The response body is not the JSON the docs promise.
    Decode(serde_json::Error),
    /// The request could not be built.
    Build(String),
    /// The token provider failed.
    Auth(String),
    /// A long-running operation's monitor says the work failed (its
    /// `status` is `failed`, `canceled` or `invalid`): the monitor's body.
    Operation(serde_json::Value),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Graph(err) => err.fmt(f),
            Self::Http(err) if err.is_timeout() => {
                write!(f, "timed out: no answer within the client's or the call's timeout (`with_timeout`): {err}")
            }
            Self::Http(err) => write!(f, "HTTP: {err}"),
            Self::Decode(err) => write!(f, "response body: {err}"),
            Self::Build(err) => write!(f, "request: {err}"),
            Self::Auth(err) => write!(f, "token: {err}"),
            Self::Operation(body) => write!(f, "the operation failed: {body}"),
        }
    }
}

impl Error {
    /// Whether the call ran out of time: the client's timeout
    /// (`ClientBuilder::timeout`) or the call's (`Client::with_timeout`).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Http(err) if err.is_timeout())
    }
}

impl std::error::Error for Error {}

/// A request that could not be built (a path value missing) fails the call
/// the same way, so `client.send(Root.me().get()?)` needs one error type.
impl From<crate::request::BuildError> for Error {
    fn from(err: crate::request::BuildError) -> Self {
        Self::Build(err.to_string())
    }
}
