//! The client check of an example case: the case's call (`examples_call`)
//! builds the request with the endpoint's own `request` function and sends
//! it to a loopback mock server (wiremock), which answers with the
//! documented response; the check asserts that the server got exactly the
//! documented method, path, query and JSON body, and that the answer
//! decoded into the endpoint's declared response type encodes back to the
//! documented response.
#![allow(clippy::panic)] // a failed check is a failed test

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde_json::Value;

use crate::auth::AccessToken;
use crate::client::{Client, RetryPolicy};
use crate::examples_call::{Input, Outcome};
use crate::examples_case::{Case, UrlCase};
use crate::examples_wire::{query_pairs, served, Documented};

static PASSED: AtomicUsize = AtomicUsize::new(0);
static FAILED: AtomicUsize = AtomicUsize::new(0);
static SHADOWED: AtomicUsize = AtomicUsize::new(0);
static AREAS: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

/// Checks against the shared mock whose request an earlier example
/// documents with another answer, which the mock serves instead (the docs
/// answer one request in several ways; a mock answers it one way).
pub fn shadowed() -> usize {
    SHADOWED.load(Ordering::SeqCst)
}

/// Client checks run so far: passed, failed, and the areas that passed.
pub fn tally() -> (usize, usize, usize) {
    let areas = AREAS.lock().map(|a| a.len()).unwrap_or_default();
    (PASSED.load(Ordering::SeqCst), FAILED.load(Ordering::SeqCst), areas)
}

/// Runs the check, panicking with what differs.
pub fn run(case: &Case) {
    match check(case) {
        Ok(Checked::Shadowed) => {
            SHADOWED.fetch_add(1, Ordering::SeqCst);
        }
        Ok(Checked::Passed) => {
            PASSED.fetch_add(1, Ordering::SeqCst);
            if let Ok(mut areas) = AREAS.lock() {
                areas.insert(case.area);
            }
        }
        Err(message) => {
            FAILED.fetch_add(1, Ordering::SeqCst);
            panic!("client check: {message}");
        }
    }
}

/// Where a check sends its call.
enum Server {
    /// A server of its own that answers anything with the documented
    /// answer; the one request it got must then be the documented one.
    Own(wiremock::MockServer),
    /// The crate's mock server (`MDAPI_EXAMPLES_SERVER=mock`), serving
    /// every example at once: it answers only a request that is an
    /// example's documented one, and says which example answered the
    /// request sent with this `client-request-id`.
    #[cfg(feature = "mock")]
    Shared(&'static crate::mock::MockServer, String),
}

/// The crate's mock server the checks go to, when `examples::main` started
/// one.
#[cfg(feature = "mock")]
static SHARED: std::sync::OnceLock<crate::mock::MockServer> = std::sync::OnceLock::new();

/// Sends every client check from now on to `mock` (one serving the cases
/// being checked), instead of a server of its own per case: the checks
/// then prove the mock answers each documented request with its
/// documented answer. `false` when a mock was set before.
#[cfg(feature = "mock")]
pub fn against_mock(mock: crate::mock::MockServer) -> bool {
    SHARED.set(mock).is_ok()
}

#[cfg(feature = "mock")]
fn shared(case: &Case) -> Option<Server> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let id = format!("{}#{}", case.test_name(), NEXT.fetch_add(1, Ordering::SeqCst));
    SHARED.get().map(|mock| Server::Shared(mock, id))
}

#[cfg(not(feature = "mock"))]
fn shared(_: &Case) -> Option<Server> {
    None
}

/// How a check that did not fail came out.
enum Checked {
    /// The documented answer came back, decoded as declared.
    Passed,
    /// The shared mock matched the request, but answered it with an earlier
    /// example documenting the same request.
    #[cfg_attr(not(feature = "mock"), allow(dead_code))]
    Shadowed,
}

fn check(case: &Case) -> Result<Checked, String> {
    let Some(UrlCase::Matches { bindings, operation }) = &case.url_case else { return Ok(Checked::Passed) };
    let call = case.call.ok_or("the case has no call of its endpoint's `request`")?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    let server = match shared(case) {
        Some(server) => server,
        None => Server::Own(runtime.block_on(async {
            let server = wiremock::MockServer::start().await;
            if let Ok(answer) = crate::examples_wire::answer(case) {
                wiremock::Mock::given(wiremock::matchers::any()).respond_with(answer).mount(&server).await;
            }
            server
        })),
    };
    let (base_url, request_id) = match &server {
        Server::Own(server) => (format!("{}/v1.0", server.uri()), None),
        #[cfg(feature = "mock")]
        Server::Shared(mock, id) => (mock.uri(), Some(id.clone())),
    };
    let client = Client::builder(AccessToken::new("example-token"))
        .base_url(base_url)
        .retry(RetryPolicy::none())
        .build()
        .map_err(|e| e.to_string())?;
    let documented_query = case.url.split_once('?').map_or("", |(_, q)| q.split('#').next().unwrap_or_default());
    // The value a caller gives, which the call writes into its place again.
    let places = crate::path::value_places(operation.path);
    let values = bindings.iter().zip(places).map(|((_, v), place)| crate::path::decode_value(v, place)).collect();
    let body = crate::examples_wire::json(&case.request);
    let mut input = Input::new(values, body, query_pairs(documented_query), case.headers.to_vec(), runtime, client);
    input.request_id = request_id;

    let outcome = call(&input);
    // Answered by an earlier example documenting the same request: the
    // check passes only if that answer is this example's too.
    #[cfg_attr(not(feature = "mock"), allow(unused_mut))]
    let mut shadowed = false;
    match &server {
        Server::Own(server) => {
            let received = input.runtime.block_on(server.received_requests()).unwrap_or_default();
            let wire = check_wire(case, &received);
            if let Outcome::Failed(message) = outcome {
                // A call that failed before sending has no wire to report.
                return Err(match wire {
                    Err(wire) if !received.is_empty() => format!("{message}; and the wire differs: {wire}"),
                    _ => message,
                });
            }
            wire?;
        }
        #[cfg(feature = "mock")]
        Server::Shared(mock, id) => {
            if let Outcome::Failed(message) = outcome {
                return Err(message);
            }
            let Some((by, also)) = mock.answered_with_alternatives(id) else {
                return Err(format!("the mock server answered no example: {outcome:?}"));
            };
            let name = case.test_name();
            if by != name {
                if !also.contains(&name) {
                    return Err(format!("the mock server answered with the example `{by}`, not this one"));
                }
                shadowed = true;
            }
        }
    }
    match answered_as_documented(case, outcome) {
        Err(_) if shadowed => Ok(Checked::Shadowed),
        result => result,
    }
}

/// Whether the call's outcome is the example's documented answer.
fn answered_as_documented(case: &Case, outcome: Outcome) -> Result<Checked, String> {
    let documented =
        served(case)?.as_deref().map(serde_json::from_str::<Value>).transpose().map_err(|e| e.to_string())?;
    match (outcome, case.status) {
        (Outcome::Answered(answer), 200..=299) => match documented {
            Some(documented) if !crate::check::same_json(&answer, &documented) => {
                Err(format!("the declared response type made {answer} of {documented}"))
            }
            _ => monitor_returned(case, &answer).map(|()| Checked::Passed),
        },
        (Outcome::GraphError { status, code, text }, documented_status) if documented_status >= 400 => {
            let documented_code = documented.as_ref().and_then(|d| d["error"]["code"].as_str());
            if status != documented_status || documented_code.is_some_and(|c| c != code) {
                return Err(format!("the client reported {text} for a documented {documented_status}"));
            }
            Ok(Checked::Passed)
        }
        (Outcome::Answered(_), status) => Err(format!("the call succeeded, but the docs answer {status}")),
        (Outcome::GraphError { text, .. }, _) | (Outcome::Failed(text), _) => Err(format!("the call failed: {text}")),
    }
}

/// The one request the server got is the documented one
/// (`examples_wire::Documented`), with the bearer token.
fn check_wire(case: &Case, received: &[wiremock::Request]) -> Result<(), String> {
    let [got] = received else { return Err(format!("the server got {} requests", received.len())) };
    Documented::new(case)?.matches(got)?;
    if got.headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer example-token") {
        return Err("no bearer token".to_owned());
    }
    Ok(())
}

/// An answer that keeps monitor headers (an `Accepted`, encoded as JSON
/// with `location` and `operation_location`) returns the documented ones.
fn monitor_returned(case: &Case, answer: &Value) -> Result<(), String> {
    for (header, key) in [("location", "location"), ("operation-location", "operation_location")] {
        let Some(returned) = answer.as_object().and_then(|a| a.get(key)) else { continue };
        let documented = case.response_headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(header)).map(|(_, v)| *v);
        if returned.as_str() != documented {
            return Err(format!("the answer's {key} is {returned}, but the docs answer {documented:?}"));
        }
    }
    Ok(())
}
