//! A documented example's request and answer on the wire, shared by the
//! example tests' client check (`examples_client`: the one request a call
//! sent must be the documented one) and the mock server (`mock`: an
//! incoming request is answered with the documented answer of the example
//! it matches). One definition of "the documented request", so the mock
//! answers exactly the requests the example tests prove the SDK sends.

use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::examples_case::{BodyCase, Case, UrlCase};

pub(crate) fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The query of a URL as decoded pairs, sorted.
pub(crate) fn query_pairs(query: &str) -> Vec<(String, String)> {
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
pub(crate) fn json(body: &Option<BodyCase>) -> Option<&'static str> {
    match body {
        Some(BodyCase::RoundTrip { json, .. } | BodyCase::Wrapped { json, .. }) => Some(json),
        _ => None,
    }
}

/// What the service sends for the documented response: no body with a
/// `204 No Content` (HTTP carries none, whatever the page shows), the one
/// entity a `{"value": {...}}` wrapper holds, else the body as documented.
pub(crate) fn served(case: &Case) -> Result<Option<String>, String> {
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

/// The documented answer as a wiremock response: status (200 when the
/// example has none), monitor headers, and the served body as JSON.
#[cfg_attr(not(feature = "harness"), allow(dead_code))]
pub(crate) fn answer(case: &Case) -> Result<wiremock::ResponseTemplate, String> {
    let mut response = wiremock::ResponseTemplate::new(if case.status == 0 { 200 } else { case.status });
    for (name, value) in case.response_headers {
        response = response.insert_header(*name, *value);
    }
    if let Some(json) = served(case)? {
        response = response.set_body_raw(json.into_bytes(), "application/json");
    }
    Ok(response)
}

/// The request path of a URL as the wire check compares it: without host
/// and API version, percent-decoded, no trailing `/`, in lower case.
pub(crate) fn comparable_path(path: &str) -> String {
    decode(&crate::path::without_argument_spaces(crate::path::example_path(path)))
        .trim_end_matches('/')
        .to_ascii_lowercase()
}

/// Whether two query pairs say the same: equal names, and equal values or
/// values of one Edm type that mean the same (a typed argument writes
/// `2024-01-01T00:00:00Z` for the docs' `2024-01-01T00:00:00.0000000`).
pub(crate) fn same_query(sent: &[(String, String)], documented: &[(String, String)]) -> bool {
    sent.len() == documented.len()
        && sent.iter().all(|(name, value)| {
            documented.iter().any(|(n, v)| n == name && (v == value || crate::edm::same_value(v, value)))
        })
}

/// One example's documented request, read once: what an incoming request
/// must be to be the documented one.
pub(crate) struct Documented<'a> {
    pub(crate) case: &'a Case,
    method: &'static str,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Value>,
}

impl<'a> Documented<'a> {
    /// The case's request, or why it has none to match (no URL matching a
    /// route, a body that is not JSON).
    pub(crate) fn new(case: &'a Case) -> Result<Self, String> {
        let Some(UrlCase::Matches { .. }) = &case.url_case else {
            return Err("the example's URL matches no route".to_owned());
        };
        let documented_query = case.url.split_once('?').map_or("", |(_, q)| q.split('#').next().unwrap_or_default());
        let body = json(&case.request).map(serde_json::from_str::<Value>).transpose().map_err(|e| e.to_string())?;
        Ok(Self {
            case,
            method: case.method,
            path: comparable_path(case.url),
            query: query_pairs(documented_query),
            body,
        })
    }

    /// Whether `got` is the documented request: method, path, query, JSON
    /// body and the documented headers; else what differs first. (The
    /// example tests' check; the mock alone uses [`Documented::matches_at`].)
    #[cfg(feature = "harness")]
    pub(crate) fn matches(&self, got: &wiremock::Request) -> Result<(), String> {
        self.matches_at(got, &comparable_path(got.url.path()))
    }

    /// [`Documented::matches`] for a request whose [`comparable_path`] is
    /// `sent_path` (worked out once for many examples).
    pub(crate) fn matches_at(&self, got: &wiremock::Request, sent_path: &str) -> Result<(), String> {
        if !got.method.as_str().eq_ignore_ascii_case(self.method) {
            return Err(format!("method {} instead of {}", got.method, self.method));
        }
        if sent_path != self.path {
            return Err(format!("path {sent_path} instead of {}", self.path));
        }
        let sent_query = query_pairs(got.url.query().unwrap_or_default());
        if !same_query(&sent_query, &self.query) {
            return Err(format!("query {sent_query:?} instead of {:?}", self.query));
        }
        match (&self.body, serde_json::from_slice::<Value>(&got.body).ok()) {
            (None, _) if got.body.is_empty() => {}
            (Some(documented), Some(sent)) if crate::check::same_json(documented, &sent) => {}
            (documented, sent) => return Err(format!("body {sent:?} instead of {documented:?}")),
        }
        for (name, value) in self.case.headers {
            let sent = got.headers.get(*name).and_then(|v| v.to_str().ok());
            if sent != Some(*value) {
                return Err(format!("header {name}: {sent:?} instead of {value:?}"));
            }
        }
        Ok(())
    }

    /// Whether `got`, at `sent_path`, goes to this example's method and path (what a
    /// message about the nearest example names).
    #[cfg_attr(not(feature = "mock"), allow(dead_code))]
    pub(crate) fn same_route(&self, got: &wiremock::Request, sent_path: &str) -> bool {
        got.method.as_str().eq_ignore_ascii_case(self.method) && sent_path == self.path
    }
}
