//! A local Graph for unit tests (feature `mock`): a loopback HTTP server
//! (wiremock) that answers
//!
//! - the requests a test sets up itself, typed per operation:
//!   `mock.on(request).answer(&value)` where `value` has the type the
//!   request's operation answers (`Request<R>`'s `R`), so a docs change that
//!   changes the answer breaks the test at compile time; a Graph error
//!   ([`On::error`]), pages of a collection with `@odata.nextLink`s back to
//!   the mock ([`On::pages`]), a `429` with `Retry-After` before the answer
//!   ([`On::throttle_then`]);
//! - every documented example of the generated crate whose request and
//!   answer its example tests check (`client_check`), with the documented
//!   answer, when the request is the documented one: method, path, query,
//!   JSON body and documented headers, matched by the same code the example
//!   tests check the wire with (`examples_wire`);
//! - anything else with `404` and the Graph error code
//!   [`UNMATCHED`], whose message names the nearest documented example.
//!
//! A generated crate's `mock::start()` starts one over its examples; the
//! client for it is [`MockServer::client`].

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::auth::AccessToken;
use crate::client::{Client, GraphError, RetryPolicy};
use crate::examples_case::{Case, UrlCase};
use crate::examples_wire::{comparable_path, query_pairs, Documented};
use crate::{Accepted, Bytes, Collection, Request};

/// The Graph error code of the mock's answer to a request no stub and no
/// documented example matches (status 404).
pub const UNMATCHED: &str = "mdapiMockUnmatched";

/// The header the mock names the example or stub that answered in:
/// `area::example` for a documented example, `stub:<operation id>` for a
/// stub.
pub const ANSWERED_BY: &str = "x-mdapi-mock-answered-by";

/// One HTTP answer of the mock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// Header names and values, as sent.
    pub headers: Vec<(String, String)>,
    /// The body and its `Content-Type`.
    pub body: Option<(Vec<u8>, String)>,
}

impl Reply {
    fn json(status: u16, value: &Value) -> Self {
        Self { status, headers: Vec::new(), body: Some((value.to_string().into_bytes(), "application/json".into())) }
    }

    fn template(&self) -> wiremock::ResponseTemplate {
        let mut template = wiremock::ResponseTemplate::new(self.status);
        for (name, value) in &self.headers {
            template = template.insert_header(name.as_str(), value.as_str());
        }
        if let Some((body, content_type)) = &self.body {
            template = template.set_body_raw(body.clone(), content_type);
        }
        template
    }
}

/// A value the mock can answer with as an operation's response type: the
/// same answer [`FromResponse`](crate::FromResponse) reads back into it.
/// JSON types are their JSON (`()`, which is `null`, is `204 No Content`);
/// [`Accepted`] is `202` with its monitor headers; [`Bytes`] is its bytes
/// with its `Content-Type`.
pub trait Answer {
    /// The answer, `status` being the one the docs answer the operation
    /// with (200 when they show none) for a JSON body.
    fn reply(&self, status: u16) -> Reply;
}

impl<T: Serialize + DeserializeOwned> Answer for T {
    fn reply(&self, status: u16) -> Reply {
        match serde_json::to_value(self) {
            Ok(Value::Null) => Reply { status: 204, headers: Vec::new(), body: None },
            Ok(json) => Reply::json(status, &json),
            Err(e) => graph_error(500, "mdapiMockEncode", &format!("the stub's value does not encode: {e}")),
        }
    }
}

impl Answer for Accepted {
    fn reply(&self, _: u16) -> Reply {
        let mut headers = Vec::new();
        let named = [("Location", &self.location), ("Operation-Location", &self.operation_location)];
        for (name, value) in named {
            if let Some(value) = value {
                headers.push((name.to_owned(), value.clone()));
            }
        }
        if let Some(wait) = self.retry_after {
            headers.push(("Retry-After".to_owned(), wait.as_secs().to_string()));
        }
        Reply { status: if self.status == 0 { 202 } else { self.status }, headers, body: None }
    }
}

impl Answer for Bytes {
    fn reply(&self, _: u16) -> Reply {
        let content_type = self.content_type.clone().unwrap_or_else(|| "application/octet-stream".to_owned());
        Reply { status: 200, headers: Vec::new(), body: Some((self.data.clone(), content_type)) }
    }
}

/// Graph's error body for `status`: `{"error": {"code", "message"}}`.
fn graph_error(status: u16, code: &str, message: &str) -> Reply {
    Reply::json(status, &serde_json::json!({ "error": { "code": code, "message": message } }))
}

/// What a stub answers a request it matches with.
enum Replies {
    /// In turn, the last one again once they are used up.
    Sequence(Vec<Reply>),
    /// Pages of a collection: the first without `$skiptoken`, page `n` at
    /// `$skiptoken=mdapi-page-<n>`.
    Pages(Vec<Reply>),
}

/// The request a stub answers: method and path as the request's, and at
/// least its query pairs and its JSON body.
struct StubEntry {
    operation: &'static str,
    method: &'static str,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Value>,
    replies: Replies,
    hits: AtomicUsize,
}

impl StubEntry {
    fn matches(&self, got: &wiremock::Request) -> bool {
        if !got.method.as_str().eq_ignore_ascii_case(self.method) || comparable_path(got.url.path()) != self.path {
            return false;
        }
        let sent = query_pairs(got.url.query().unwrap_or_default());
        if !self.query.iter().all(|pair| sent.contains(pair)) {
            return false;
        }
        match &self.body {
            None => true,
            Some(body) => serde_json::from_slice::<Value>(&got.body).is_ok_and(|b| crate::check::same_json(body, &b)),
        }
    }

    fn reply(&self, got: &wiremock::Request) -> Reply {
        let hit = self.hits.fetch_add(1, Ordering::SeqCst);
        let (replies, index) = match &self.replies {
            Replies::Sequence(replies) => (replies, hit.min(replies.len().saturating_sub(1))),
            Replies::Pages(pages) => {
                let sent = query_pairs(got.url.query().unwrap_or_default());
                let token = sent.iter().find(|(n, _)| n == "$skiptoken").map(|(_, v)| v.as_str());
                let index = token.and_then(|t| t.strip_prefix("mdapi-page-")).and_then(|n| n.parse().ok());
                (pages, index.unwrap_or(0))
            }
        };
        match replies.get(index) {
            Some(reply) => reply.clone(),
            None => graph_error(404, UNMATCHED, &format!("the stub of `{}` has no page {index}", self.operation)),
        }
    }
}

/// A stub the test set up: how often it answered.
#[derive(Clone)]
pub struct Stub(Arc<StubEntry>);

impl Stub {
    /// The requests this stub answered so far (each page and each retry
    /// counts).
    pub fn hits(&self) -> usize {
        self.0.hits.load(Ordering::SeqCst)
    }
}

struct State {
    /// Base URL: the server's, with the API version (`http://127.0.0.1:PORT/v1.0`).
    base: String,
    stubs: Mutex<Vec<Arc<StubEntry>>>,
    documented: Vec<Documented<'static>>,
    /// `client-request-id` of each answered request, what answered it,
    /// and the later examples documenting the same request.
    answered: Mutex<Vec<(String, String, Vec<String>)>>,
}

impl State {
    /// The answer to `got`, and what answered: a stub, or the first
    /// documented example whose request `got` is, with the later ones
    /// whose request it is too (the docs may answer one request
    /// differently on several pages; the first answer is served).
    fn dispatch(&self, got: &wiremock::Request) -> (Reply, Option<(String, Vec<String>)>) {
        let stubs = self.stubs.lock().unwrap_or_else(PoisonError::into_inner).clone();
        // The latest stub wins, so a test can override an earlier one.
        if let Some(stub) = stubs.iter().rev().find(|stub| stub.matches(got)) {
            return (stub.reply(got), Some((format!("stub:{}", stub.operation), Vec::new())));
        }
        let sent_path = comparable_path(got.url.path());
        let same_route = |d: &&Documented<'static>| d.same_route(got, &sent_path);
        let mut matching = self.documented.iter().filter(same_route).filter(|d| d.matches_at(got, &sent_path).is_ok());
        if let Some(found) = matching.next() {
            if let Ok(answer) = crate::examples_wire::served(found.case) {
                let also = matching.map(|d| d.case.test_name()).collect();
                let status = if found.case.status == 0 { 200 } else { found.case.status };
                let headers = found.case.response_headers.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned()));
                let body = answer.map(|json| (json.into_bytes(), "application/json".to_owned()));
                return (Reply { status, headers: headers.collect(), body }, Some((found.case.test_name(), also)));
            }
        }
        let request = format!("{} {}", got.method, got.url.path());
        let nearest = self.documented.iter().find(same_route).map(|d| {
            let why = d.matches_at(got, &sent_path).err().unwrap_or_default();
            format!("; the example `{}` documents this route, but: {why}", d.case.test_name())
        });
        let message = format!("no stub or documented example answers {request}{}", nearest.unwrap_or_default());
        (graph_error(404, UNMATCHED, &message), None)
    }
}

struct Dispatch(Arc<State>);

impl wiremock::Respond for Dispatch {
    fn respond(&self, got: &wiremock::Request) -> wiremock::ResponseTemplate {
        let (reply, by) = self.0.dispatch(got);
        let mut template = reply.template();
        if let Some((by, also)) = by {
            template = template.insert_header(ANSWERED_BY, by.as_str());
            if let Some(id) = got.headers.get("client-request-id").and_then(|v| v.to_str().ok()) {
                self.0.answered.lock().unwrap_or_else(PoisonError::into_inner).push((id.to_owned(), by, also));
            }
        }
        template
    }
}

/// A running mock of the API; stops when dropped. Cheap to share by
/// reference; stubs can be added while requests are answered.
pub struct MockServer {
    server: wiremock::MockServer,
    state: Arc<State>,
}

impl MockServer {
    /// Starts a mock on a free loopback port serving the documented
    /// examples among `groups` (a generated crate's case tables) whose
    /// request and answer are checked (`client_check`), under the API
    /// version their URLs call (`/v1.0` or `/beta`).
    pub async fn start(groups: &[&'static [Case]]) -> Self {
        let cases = groups.iter().flat_map(|cases| cases.iter());
        let served = cases.filter(|case| case.client_check && matches!(case.url_case, Some(UrlCase::Matches { .. })));
        let documented: Vec<Documented<'static>> = served.filter_map(|case| Documented::new(case).ok()).collect();
        let beta = documented.first().is_some_and(|d| d.case.url.to_ascii_lowercase().contains("/beta/"));
        let server = wiremock::MockServer::start().await;
        let base = format!("{}/{}", server.uri(), if beta { "beta" } else { "v1.0" });
        let state = Arc::new(State { base, stubs: Mutex::default(), documented, answered: Mutex::default() });
        wiremock::Mock::given(wiremock::matchers::any()).respond_with(Dispatch(state.clone())).mount(&server).await;
        Self { server, state }
    }

    /// The base URL to give a client: `http://127.0.0.1:<port>/v1.0`.
    pub fn uri(&self) -> String {
        self.state.base.clone()
    }

    /// How many documented examples the mock answers.
    pub fn examples(&self) -> usize {
        self.state.documented.len()
    }

    /// A client for the mock: a fixed token, and retries of throttled
    /// answers that wait what `Retry-After` says (at most 1 s) or 10 ms.
    ///
    /// # Panics
    /// Never in practice: building a client with a base URL fails only
    /// when the TLS backend cannot start, which a test cannot go on from.
    #[allow(clippy::expect_used)] // test support: a client that cannot start fails the test
    pub fn client(&self) -> Client {
        let retry =
            RetryPolicy { max_retries: 3, base_delay: Duration::from_millis(10), max_delay: Duration::from_secs(1) };
        Client::builder(AccessToken::new("mock-token"))
            .base_url(self.uri())
            .retry(retry)
            .build()
            .expect("a client for the mock")
    }

    /// Sets up the answer to `request`'s call: a request with its
    /// operation's method and path, at least its query pairs, and (when it
    /// has one) its JSON body.
    pub fn on<R>(&self, request: Request<R>) -> On<'_, R> {
        On { mock: self, request }
    }

    /// Every request the mock got so far, in order.
    pub async fn received_requests(&self) -> Vec<wiremock::Request> {
        self.server.received_requests().await.unwrap_or_default()
    }

    /// What answered the request sent with this `client-request-id`:
    /// `area::example` or `stub:<operation id>`; `None` when nothing did.
    pub fn answered(&self, client_request_id: &str) -> Option<String> {
        self.answered_with_alternatives(client_request_id).map(|(by, _)| by)
    }

    /// [`MockServer::answered`], with the later documented examples whose
    /// request it was too: their documented answers were not served.
    pub fn answered_with_alternatives(&self, client_request_id: &str) -> Option<(String, Vec<String>)> {
        let answered = self.state.answered.lock().unwrap_or_else(PoisonError::into_inner);
        let found = answered.iter().rev().find(|(id, _, _)| id == client_request_id);
        found.map(|(_, by, also)| (by.clone(), also.clone()))
    }

    /// The status the docs answer `operation` with: the first documented
    /// success of it, else 200.
    fn documented_status(&self, operation: &str) -> u16 {
        let status = self.state.documented.iter().find_map(|d| match &d.case.url_case {
            Some(UrlCase::Matches { operation: op, .. }) if op.id == operation => Some(d.case.status),
            _ => None,
        });
        status.filter(|s| (200..300).contains(s)).unwrap_or(200)
    }

    fn add<R>(&self, request: &Request<R>, replies: Replies) -> Stub {
        let entry = Arc::new(StubEntry {
            operation: request.operation.id,
            method: request.operation.method,
            path: comparable_path(&request.path),
            query: {
                let mut query = request.query.clone();
                query.sort();
                query
            },
            body: request.body.as_deref().and_then(|b| serde_json::from_slice(b).ok()),
            replies,
            hits: AtomicUsize::new(0),
        });
        self.state.stubs.lock().unwrap_or_else(PoisonError::into_inner).push(entry.clone());
        Stub(entry)
    }
}

/// A stub being set up for one request, whose operation answers `R`.
pub struct On<'a, R> {
    mock: &'a MockServer,
    request: Request<R>,
}

impl<R: Answer> On<'_, R> {
    /// Answers with `value`, as the operation's documented success status
    /// (200 when the docs show none).
    ///
    /// `value` has the operation's response type:
    ///
    /// ```no_run
    /// # async fn test(mock: &mdapi_runtime::mock::MockServer, request: mdapi_runtime::Request<String>) {
    /// mock.on(request).answer(&"Adele Vance".to_owned());
    /// # }
    /// ```
    ///
    /// so a stub whose value the operation does not answer (after a docs
    /// change, say) does not compile:
    ///
    /// ```compile_fail,E0308
    /// # async fn test(mock: &mdapi_runtime::mock::MockServer, request: mdapi_runtime::Request<String>) {
    /// mock.on(request).answer(&42);
    /// # }
    /// ```
    pub fn answer(self, value: &R) -> Stub {
        let status = self.mock.documented_status(self.request.operation.id);
        self.mock.add(&self.request, Replies::Sequence(vec![value.reply(status)]))
    }

    /// Answers `429 Too Many Requests` with `Retry-After` (whole seconds),
    /// then `value`: what a client's retry must get through.
    pub fn throttle_then(self, retry_after: Duration, value: &R) -> Stub {
        let status = self.mock.documented_status(self.request.operation.id);
        let mut throttled = graph_error(429, "TooManyRequests", "Too many requests; retry after the given time.");
        throttled.headers.push(("Retry-After".to_owned(), retry_after.as_secs().to_string()));
        self.mock.add(&self.request, Replies::Sequence(vec![throttled, value.reply(status)]))
    }

    /// Answers with Graph's error body for `error`: its `status`, `code`
    /// and `message`, and its `request-id` and `date` when set.
    pub fn error(self, error: &GraphError) -> Stub {
        let mut inner = serde_json::Map::new();
        for (key, value) in [("request-id", &error.request_id), ("date", &error.date)] {
            if let Some(value) = value {
                inner.insert(key.to_owned(), Value::String(value.clone()));
            }
        }
        let body = serde_json::json!({
            "error": { "code": error.code, "message": error.message, "innerError": inner }
        });
        self.mock.add(&self.request, Replies::Sequence(vec![Reply::json(error.status, &body)]))
    }

    /// Answers with these replies in turn, repeating the last one.
    pub fn replies(self, replies: Vec<Reply>) -> Stub {
        self.mock.add(&self.request, Replies::Sequence(replies))
    }
}

impl<T: Serialize> On<'_, Collection<T>> {
    /// Answers the collection in these pages: each but the last with an
    /// `@odata.nextLink` to the next, on the mock (the request with
    /// `$skiptoken=mdapi-page-<n>`), as Graph pages a collection.
    pub fn pages<I: IntoIterator<Item = Vec<T>>>(self, pages: I) -> Stub {
        let pages: Vec<Vec<T>> = pages.into_iter().collect();
        let count = pages.len();
        let path_and_query = self.request.path_and_query();
        let separator = if path_and_query.contains('?') { '&' } else { '?' };
        let replies = pages
            .into_iter()
            .enumerate()
            .map(|(n, items)| {
                let next_link = (n + 1 < count)
                    .then(|| format!("{}{path_and_query}{separator}$skiptoken=mdapi-page-{}", self.mock.uri(), n + 1));
                let page =
                    Collection { value: items, next_link, delta_link: None, additional_properties: Default::default() };
                match serde_json::to_value(&page) {
                    Ok(json) => Reply::json(200, &json),
                    Err(e) => graph_error(500, "mdapiMockEncode", &format!("a page does not encode: {e}")),
                }
            })
            .collect();
        self.mock.add(&self.request, Replies::Pages(replies))
    }
}
