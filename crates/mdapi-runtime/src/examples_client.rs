//! The client check of an example case: the client sends the documented
//! request (path values, query, typed body) to a loopback mock server
//! (wiremock), which answers with the documented response; the check
//! asserts that the server got exactly the documented method, path, query
//! and JSON body, and that the client's typed value is the documented
//! response.
#![allow(clippy::panic)] // a failed check is a failed test

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::auth::AccessToken;
use crate::client::{Client, RetryPolicy};
use crate::examples::{BodyCase, Case, Reencode, UrlCase};

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

fn reencoded(body: &Option<BodyCase>) -> Option<(&'static str, Reencode)> {
    match body {
        Some(BodyCase::RoundTrip { json, reencode, .. }) => Some((json, *reencode)),
        _ => None,
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
    let Some(UrlCase::Matches { operation, bindings }) = &case.url_case else { return Ok(()) };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let server = wiremock::MockServer::start().await;
        let mut response = wiremock::ResponseTemplate::new(if case.status == 0 { 200 } else { case.status });
        if let Some((json, _)) = reencoded(&case.response) {
            response = response.set_body_raw(json.as_bytes().to_vec(), "application/json");
        }
        wiremock::Mock::given(wiremock::matchers::any()).respond_with(response).mount(&server).await;

        let values: Vec<String> = bindings.iter().map(|(_, v)| decode(v)).collect();
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        let mut request = crate::Request::<Value>::new(operation, &values).map_err(|e| e.to_string())?;
        let documented_query = case.url.split_once('?').map_or("", |(_, q)| q.split('#').next().unwrap_or_default());
        for (name, value) in query_pairs(documented_query) {
            request = request.param(&name, value);
        }
        let sent_body = match reencoded(&case.request) {
            Some((json, reencode)) => {
                let typed = reencode(json).map_err(|e| format!("request body {e}"))?;
                request = request.json(&typed).map_err(|e| e.to_string())?;
                Some(serde_json::from_str::<Value>(json).map_err(|e| e.to_string())?)
            }
            None => None,
        };
        let client = Client::builder(AccessToken::new("example-token"))
            .base_url(format!("{}/v1.0", server.uri()))
            .retry(RetryPolicy::none())
            .build()
            .map_err(|e| e.to_string())?;
        let answer: Result<Value, _> = client.send(request).await;
        let answer = match (answer, case.status) {
            (Ok(answer), 200..=299) => Some(answer),
            (Err(crate::client::Error::Graph(error)), status) if status >= 400 => {
                let documented =
                    reencoded(&case.response).and_then(|(json, _)| serde_json::from_str::<Value>(json).ok());
                let code = documented.as_ref().and_then(|d| d["error"]["code"].as_str().map(str::to_owned));
                if error.status != status || code.is_some_and(|c| c != error.code) {
                    return Err(format!("the client reported {error} for a documented {status}"));
                }
                None
            }
            (Ok(_), status) => return Err(format!("the call succeeded, but the docs answer {status}")),
            (Err(err), _) => return Err(format!("the call failed: {err}")),
        };

        let received = server.received_requests().await.unwrap_or_default();
        let [got] = received.as_slice() else { return Err(format!("the server got {} requests", received.len())) };
        if !got.method.as_str().eq_ignore_ascii_case(case.method) {
            return Err(format!("method {} instead of {}", got.method, case.method));
        }
        let expected_path = decode(crate::path::example_path(case.url)).trim_end_matches('/').to_ascii_lowercase();
        let sent_path = decode(got.url.path().trim_start_matches("/v1.0")).trim_end_matches('/').to_ascii_lowercase();
        if sent_path != expected_path {
            return Err(format!("path {sent_path} instead of {expected_path}"));
        }
        let sent_query = query_pairs(got.url.query().unwrap_or_default());
        if sent_query != query_pairs(documented_query) {
            return Err(format!("query {sent_query:?} instead of {:?}", query_pairs(documented_query)));
        }
        match (&sent_body, serde_json::from_slice::<Value>(&got.body).ok()) {
            (None, _) if got.body.is_empty() => {}
            (Some(documented), Some(sent)) if crate::check::same_json(documented, &sent) => {}
            (documented, sent) => return Err(format!("body {sent:?} instead of {documented:?}")),
        }
        if got.headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer example-token") {
            return Err("no bearer token".to_owned());
        }
        if let (Some((json, reencode)), Some(answer)) = (reencoded(&case.response), answer) {
            let documented: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
            let typed = reencode(&answer.to_string()).map_err(|e| format!("response {e}"))?;
            if !crate::check::same_json(&typed, &documented) {
                return Err(format!("the client returned {typed} instead of {documented}"));
            }
        }
        Ok(())
    })
}
