//! A request value: everything needed to send one call, with no I/O.

use std::marker::PhantomData;

use crate::operation::Operation;

/// A ready-to-send request whose successful response decodes into `R`.
#[derive(Debug)]
pub struct Request<R> {
    /// The operation this request calls.
    pub operation: &'static Operation,
    /// The path with parameter values percent-encoded.
    pub path: String,
    /// The JSON body, already encoded.
    pub body: Option<Vec<u8>>,
    response: PhantomData<fn() -> R>,
}

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

impl<R> Request<R> {
    /// Builds a request for `operation` with path values in parameter order.
    pub fn new(operation: &'static Operation, values: &[&str]) -> Result<Self, BuildError> {
        let path =
            crate::path::render(operation.path, values).ok_or(BuildError::PathValues { operation: operation.id })?;
        Ok(Self { operation, path, body: None, response: PhantomData })
    }

    /// Adds a JSON body.
    pub fn json<B: serde::Serialize>(mut self, body: &B) -> Result<Self, BuildError> {
        self.body = Some(serde_json::to_vec(body).map_err(BuildError::Body)?);
        Ok(self)
    }

    /// An `http::Request` for `base_url` (for example `https://graph.microsoft.com/v1.0`),
    /// for callers who bring their own HTTP client.
    pub fn to_http(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, http::Error> {
        let mut builder = http::Request::builder().method(self.operation.method).uri(format!(
            "{}{}",
            base_url.trim_end_matches('/'),
            self.path
        ));
        if self.body.is_some() {
            builder = builder.header(http::header::CONTENT_TYPE, "application/json");
        }
        builder.body(self.body.clone().unwrap_or_default())
    }
}
