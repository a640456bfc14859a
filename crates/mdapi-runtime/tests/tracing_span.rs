//! Each call is one `graph.request` span, seen by a tracing subscriber:
//! the operation, method, path, status and retries, and never the token.
//! A test binary of its own, with one test: tracing caches per call site
//! whether anyone listens, and a test running beside this one with no
//! subscriber would make that cache say no.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::{Arc, Mutex};

use common::{client, GET_ME};
use mdapi_runtime::Request;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A span's name and its fields, as `(name, value)` text.
type RecordedSpan = (String, Vec<(String, String)>);

/// Span names and fields as a subscriber records them.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<RecordedSpan>>>);

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}").trim_matches('"').to_owned()));
    }
}

impl tracing::Subscriber for Recorder {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut spans = self.0.lock().unwrap();
        let mut fields = Vec::new();
        span.record(&mut Fields(&mut fields));
        spans.push((span.metadata().name().to_owned(), fields));
        tracing::span::Id::from_u64(spans.len() as u64)
    }
    fn record(&self, span: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut spans = self.0.lock().unwrap();
        let at = usize::try_from(span.into_u64()).unwrap() - 1;
        values.record(&mut Fields(&mut spans[at].1));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, _: &tracing::Event<'_>) {}
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn each_call_is_a_span_with_operation_status_and_retries_and_no_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "1" })))
        .mount(&server)
        .await;
    let recorder = Recorder::default();
    let _default = tracing::subscriber::set_default(recorder.clone());
    let _: Value = client(&server).send(Request::new(&GET_ME, &[]).unwrap()).await.unwrap();

    let spans = recorder.0.lock().unwrap().clone();
    let calls: Vec<_> = spans.iter().filter(|(name, _)| name == "graph.request").collect();
    assert_eq!(calls.len(), 1, "{spans:?}");
    let field = |name: &str| calls[0].1.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    assert_eq!(field("operation").as_deref(), Some("get_me"));
    assert_eq!(field("method").as_deref(), Some("GET"));
    assert_eq!(field("path").as_deref(), Some("/v1.0/me"));
    assert_eq!(field("status").as_deref(), Some("200"));
    assert_eq!(field("retries").as_deref(), Some("2"));
    let id = field("client_request_id").unwrap();
    assert!(server.received_requests().await.unwrap().iter().all(|r| r.headers["client-request-id"] == id.as_str()));
    let everything = format!("{spans:?}");
    assert!(!everything.contains("secret-token"), "{everything}");
}
