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

use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::auth::AccessToken;
use crate::client::{Client, RetryPolicy};
use crate::examples::{BodyCase, Case, UrlCase};
use crate::examples_call::{Input, Outcome};

static PASSED: AtomicUsize = AtomicUsize::new(0);
static FAILED: AtomicUsize = AtomicUsize::new(0);
static AREAS: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

/// Client checks run so far: passed, failed, and the areas that passed.
pub fn tally() -> (usize, usize, usize) {
    let areas = AREAS.lock().map(|a| a.len()).unwrap_or_default();
    (PASSED.load(Ordering::SeqCst), FAILED.load(Ordering::SeqCst), areas)
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The query of a URL as decoded pairs, sorted.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(&value.replace('+', " ")))
        })
        .collect();
    pairs.sort();
    pairs
}

/// A documented body's JSON text (client-checked cases have no other kind).
fn json(body: &Option<BodyCase>) -> Option<&'static str> {
    match body {
        Some(BodyCase::RoundTrip { json, .. } | BodyCase::Wrapped { json, .. }) => Some(json),
        _ => None,
    }
}

/// What the service sends for the documented response: no body with a
/// `204 No Content` (HTTP carries none, whatever the page shows), the one
/// entity a `{"value": {...}}` wrapper holds, else the body as documented.
fn served(case: &Case) -> Result<Option<String>, String> {
    if case.status == 204 {
        return Ok(None);
    }
    match &case.response {
        Some(BodyCase::Wrapped { json, .. }) => {
            let value: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
            let inner = value.get("value").filter(|v| v.is_object()).ok_or("the wrapper holds no entity")?;
            Ok(Some(inner.to_string()))
        }
        body => Ok(json(body).map(str::to_owned)),
    }
}

/// Runs the check, panicking with what differs.
pub fn run(case: &Case) {
    match check(case) {
        Ok(()) => {
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

fn check(case: &Case) -> Result<(), String> {
    let Some(UrlCase::Matches { bindings, operation }) = &case.url_case else { return Ok(()) };
    let call = case.call.ok_or("the case has no call of its endpoint's `request`")?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    let server = runtime.block_on(async {
        let server = wiremock::MockServer::start().await;
        let mut response = wiremock::ResponseTemplate::new(if case.status == 0 { 200 } else { case.status });
        for (name, value) in case.response_headers {
            response = response.insert_header(*name, *value);
        }
        if let Ok(Some(json)) = served(case) {
            response = response.set_body_raw(json.into_bytes(), "application/json");
        }
        wiremock::Mock::given(wiremock::matchers::any()).respond_with(response).mount(&server).await;
        server
    });
    let client = Client::builder(AccessToken::new("example-token"))
        .base_url(format!("{}/v1.0", server.uri()))
        .retry(RetryPolicy::none())
        .build()
        .map_err(|e| e.to_string())?;
    let documented_query = case.url.split_once('?').map_or("", |(_, q)| q.split('#').next().unwrap_or_default());
    // The value a caller gives, which the call writes into its place again.
    let places = crate::path::value_places(operation.path);
    let values = bindings.iter().zip(places).map(|((_, v), place)| crate::path::decode_value(v, place)).collect();
    let input =
        Input::new(values, json(&case.request), query_pairs(documented_query), case.headers.to_vec(), runtime, client);

    let outcome = call(&input);
    let received = input.runtime.block_on(server.received_requests()).unwrap_or_default();
    let wire = check_wire(case, &received, documented_query);
    if let Outcome::Failed(message) = outcome {
        // A call that failed before sending has no wire to report.
        return Err(match wire {
            Err(wire) if !received.is_empty() => format!("{message}; and the wire differs: {wire}"),
            _ => message,
        });
    }
    wire?;
    let documented =
        served(case)?.as_deref().map(serde_json::from_str::<Value>).transpose().map_err(|e| e.to_string())?;
    match (outcome, case.status) {
        (Outcome::Answered(answer), 200..=299) => match documented {
            Some(documented) if !crate::check::same_json(&answer, &documented) => {
                Err(format!("the declared response type made {answer} of {documented}"))
            }
            _ => monitor_returned(case, &answer),
        },
        (Outcome::GraphError { status, code, text }, documented_status) if documented_status >= 400 => {
            let documented_code = documented.as_ref().and_then(|d| d["error"]["code"].as_str());
            if status != documented_status || documented_code.is_some_and(|c| c != code) {
                return Err(format!("the client reported {text} for a documented {documented_status}"));
            }
            Ok(())
        }
        (Outcome::Answered(_), status) => Err(format!("the call succeeded, but the docs answer {status}")),
        (Outcome::GraphError { text, .. }, _) | (Outcome::Failed(text), _) => Err(format!("the call failed: {text}")),
    }
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

/// Whether two query pairs say the same: equal names, and equal values or
/// values of one Edm type that mean the same (a typed argument writes
/// `2024-01-01T00:00:00Z` for the docs' `2024-01-01T00:00:00.0000000`).
fn same_query(sent: &[(String, String)], documented: &[(String, String)]) -> bool {
    sent.len() == documented.len()
        && sent.iter().all(|(name, value)| {
            documented.iter().any(|(n, v)| n == name && (v == value || crate::edm::same_value(v, value)))
        })
}

/// The one request the server got is the documented one: method, path,
/// query, JSON body, documented headers and bearer token.
fn check_wire(case: &Case, received: &[wiremock::Request], documented_query: &str) -> Result<(), String> {
    let [got] = received else { return Err(format!("the server got {} requests", received.len())) };
    if !got.method.as_str().eq_ignore_ascii_case(case.method) {
        return Err(format!("method {} instead of {}", got.method, case.method));
    }
    let expected_path = decode(&crate::path::without_argument_spaces(crate::path::example_path(case.url)))
        .trim_end_matches('/')
        .to_ascii_lowercase();
    let sent_path = decode(got.url.path().trim_start_matches("/v1.0")).trim_end_matches('/').to_ascii_lowercase();
    if sent_path != expected_path {
        return Err(format!("path {sent_path} instead of {expected_path}"));
    }
    let sent_query = query_pairs(got.url.query().unwrap_or_default());
    if !same_query(&sent_query, &query_pairs(documented_query)) {
        return Err(format!("query {sent_query:?} instead of {:?}", query_pairs(documented_query)));
    }
    let documented_body =
        json(&case.request).map(serde_json::from_str::<Value>).transpose().map_err(|e| e.to_string())?;
    match (&documented_body, serde_json::from_slice::<Value>(&got.body).ok()) {
        (None, _) if got.body.is_empty() => {}
        (Some(documented), Some(sent)) if crate::check::same_json(documented, &sent) => {}
        (documented, sent) => return Err(format!("body {sent:?} instead of {documented:?}")),
    }
    for (name, value) in case.headers {
        let sent = got.headers.get(*name).and_then(|v| v.to_str().ok());
        if sent != Some(*value) {
            return Err(format!("header {name}: {sent:?} instead of {value:?}"));
        }
    }
    if got.headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer example-token") {
        return Err("no bearer token".to_owned());
    }
    Ok(())
}
