//! How an example case calls its endpoint the way a user does: the
//! generated crate gives each client-checked case a [`Call`] that builds the
//! request with the endpoint's own `request(..)` function (path values as
//! `&str`, the documented body decoded into the type `request` takes) and
//! hands it to [`exchange`], which sends it with the crate's client and
//! decodes the answer into the endpoint's declared response type `R`. A
//! check that built an untyped request instead would pass endpoints whose
//! `R` cannot hold what the docs answer.
//!
//! Always compiled, so generated cases compile whatever the features; the
//! sending itself needs `client` and `harness` (`examples_client` runs it).

use std::cell::{Cell, RefCell};

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

use crate::{FromResponse, Request};

/// A case's call: builds and sends its request, reports the answer.
pub type Call = fn(&Input) -> Outcome;

/// Why a call could not be made, as a message for the failed check. Any
/// error converts, so generated calls use `?` on the endpoint's
/// `BuildError` and on [`Input::body`] alike.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::error::Error> From<E> for Failure {
    fn from(error: E) -> Self {
        Self(error.to_string())
    }
}

/// What a case's call gets: the example's values, and (with the client)
/// the client pointed at the mock server.
pub struct Input {
    /// Path values bound from the URL, percent-decoded, in parameter order.
    values: Vec<String>,
    /// The documented request body.
    body: Option<&'static str>,
    /// Whether the call asked for the body: a documented body the
    /// endpoint cannot take is a disagreement, not a silent omission.
    body_used: Cell<bool>,
    /// The documented query, decoded.
    query: Vec<(String, String)>,
    /// Names of the query parameters the call took as arguments: their
    /// documented pairs are not added again.
    query_used: RefCell<Vec<String>>,
    /// The documented request headers the call must send.
    headers: Vec<(&'static str, &'static str)>,
    /// Names of the headers the call took as arguments: they are not added
    /// for it, so an endpoint that takes one and drops it fails the check.
    headers_used: RefCell<Vec<&'static str>>,
    /// The `client-request-id` to send, so the shared mock server can
    /// tell which example answered the call.
    #[cfg(all(feature = "client", feature = "harness"))]
    pub(crate) request_id: Option<String>,
    #[cfg(all(feature = "client", feature = "harness"))]
    pub(crate) runtime: tokio::runtime::Runtime,
    #[cfg(all(feature = "client", feature = "harness"))]
    pub(crate) client: crate::client::Client,
}

impl Input {
    #[cfg(all(feature = "client", feature = "harness"))]
    pub(crate) fn new(
        values: Vec<String>,
        body: Option<&'static str>,
        query: Vec<(String, String)>,
        headers: Vec<(&'static str, &'static str)>,
        runtime: tokio::runtime::Runtime,
        client: crate::client::Client,
    ) -> Self {
        Self {
            values,
            body,
            body_used: Cell::new(false),
            query,
            query_used: RefCell::default(),
            headers,
            headers_used: RefCell::default(),
            request_id: None,
            runtime,
            client,
        }
    }

    /// The documented value of the query parameter `name` (compared
    /// ignoring ASCII case), percent-decoded, for a required query argument.
    ///
    /// # Errors
    /// The documented URL's query has no such parameter.
    pub fn query(&self, name: &str) -> Result<&str, Failure> {
        let (found, value) = self.query.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).ok_or_else(|| {
            Failure(format!("the endpoint requires the query parameter `{name}`, but the example's URL has none"))
        })?;
        self.query_used.borrow_mut().push(found.clone());
        Ok(value)
    }

    /// [`Input::query`] parsed into the argument's type `T`.
    ///
    /// # Errors
    /// The parameter is missing, or its documented value does not parse as `T`.
    pub fn query_as<T>(&self, name: &str) -> Result<T, Failure>
    where
        T: std::str::FromStr,
        T::Err: std::fmt::Display,
    {
        let text = self.query(name)?;
        text.parse().map_err(|e| {
            Failure(format!(
                "the example's query value `{text}` of `{name}` is not a {}: {e}",
                std::any::type_name::<T>()
            ))
        })
    }

    /// The documented value of the request header `name` (compared
    /// ignoring ASCII case), for a required header argument.
    ///
    /// # Errors
    /// The documented request does not send the header.
    pub fn header(&self, name: &str) -> Result<&'static str, Failure> {
        let (found, value) =
            self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).ok_or_else(|| {
                Failure(format!("the endpoint requires the header `{name}`, but the example sends none"))
            })?;
        self.headers_used.borrow_mut().push(found);
        Ok(value)
    }

    /// The `index`th path value ("" past the end: the wire check then
    /// reports the wrong path).
    pub fn path(&self, index: usize) -> &str {
        self.values.get(index).map_or("", String::as_str)
    }

    /// The documented request body, decoded into `B`, the type the
    /// endpoint's `request` takes.
    pub fn body<B: DeserializeOwned>(&self) -> Result<B, Failure> {
        self.body_used.set(true);
        let json = self.body.ok_or_else(|| Failure("the endpoint takes a body, but the example sends none".into()))?;
        serde_json::from_str(json)
            .map_err(|e| Failure(format!("the request body does not decode into {}: {e}", std::any::type_name::<B>())))
    }
}

/// What came of a call.
#[derive(Debug)]
pub enum Outcome {
    /// The answer, decoded into the endpoint's `R` and encoded again.
    Answered(Value),
    /// Graph's error answer.
    GraphError {
        /// The answer's HTTP status code.
        status: u16,
        /// Graph's `error.code`.
        code: String,
        /// The whole error as the client shows it (status, code, message,
        /// request id).
        text: String,
    },
    /// Anything else, as a message.
    Failed(String),
}

/// Builds a case's request with `build` (the endpoint's own `request`),
/// adds the documented query pairs it lacks with [`Request::param`] and the
/// documented headers it lacks with [`Request::header`], as a user sets
/// optional ones (not those it took as arguments: the endpoint must send
/// them itself), sends it with `client.send::<R>` and reports
/// the answer as `R` made it.
pub fn exchange<R, F>(input: &Input, build: F) -> Outcome
where
    R: Serialize + FromResponse,
    F: FnOnce(&Input) -> Result<Request<R>, Failure>,
{
    let mut request = match build(input) {
        Ok(request) => request,
        Err(Failure(message)) => return Outcome::Failed(message),
    };
    if input.body.is_some() && !input.body_used.get() {
        return Outcome::Failed("the docs send a request body, but the endpoint's `request` takes none".into());
    }
    let used = input.query_used.borrow().clone();
    for (name, value) in &input.query {
        let argument = used.iter().any(|u| u == name);
        if !argument && !request.query.iter().any(|(n, v)| n == name && v == value) {
            request = request.param(name, value.clone());
        }
    }
    let used = input.headers_used.borrow().clone();
    for (name, value) in &input.headers {
        let argument = used.contains(name);
        if !argument && !request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            request = request.header(name, *value);
        }
    }
    #[cfg(all(feature = "client", feature = "harness"))]
    if let Some(id) = &input.request_id {
        request = request.header("client-request-id", id.clone());
    }
    send(input, request)
}

#[cfg(all(feature = "client", feature = "harness"))]
fn send<R: Serialize + FromResponse>(input: &Input, request: Request<R>) -> Outcome {
    use crate::client::Error;
    let declared = std::any::type_name::<R>();
    match input.runtime.block_on(input.client.send(request)) {
        Ok(answer) => match serde_json::to_value(&answer) {
            Ok(json) if is_collection(&json) && !holds_items::<R>() => Outcome::Failed(format!(
                "the docs answer a collection (a `value` array), but the declared {declared} has no list at \
                 `value`: it keeps the items only as unknown properties"
            )),
            Ok(json) => Outcome::Answered(json),
            Err(e) => Outcome::Failed(format!("the answer, decoded into {declared}, does not encode: {e}")),
        },
        Err(Error::Graph(error)) => {
            Outcome::GraphError { status: error.status, code: error.code.clone(), text: error.to_string() }
        }
        Err(Error::Decode(e)) => {
            Outcome::Failed(format!("the documented answer does not decode into the declared {declared}: {e}"))
        }
        Err(e) => Outcome::Failed(format!("the call failed: {e}")),
    }
}

#[cfg(all(feature = "client", feature = "harness"))]
/// An OData collection answer: `{"value": [...]}` beside `@` annotations only.
fn is_collection(json: &Value) -> bool {
    json.as_object().is_some_and(|object| {
        object.get("value").is_some_and(Value::is_array) && object.keys().all(|k| k == "value" || k.starts_with('@'))
    })
}

#[cfg(all(feature = "client", feature = "harness"))]
/// Whether `R`, which decoded a collection answer, holds its items as a list
/// of its own. A model keeps unknown properties, so one entity decodes
/// `{"value": [...]}` too, as an unknown `value`; it then takes a number
/// there just as well, which a typed list does not. A wholly untyped `R`
/// (`serde_json::Value`, which also decodes `0`) holds anything as it is.
fn holds_items<R: FromResponse>() -> bool {
    let decodes = |json: Value| R::from_response(200, &http::HeaderMap::new(), json.to_string().as_bytes()).is_ok();
    decodes(Value::from(0)) || !decodes(serde_json::json!({ "value": 0 }))
}

#[cfg(not(all(feature = "client", feature = "harness")))]
fn send<R>(_: &Input, _: Request<R>) -> Outcome {
    Outcome::Failed("sending needs the `client` and `harness` features".into())
}
