//! What every call carries and reports, seen from both ends: the mock
//! server sees a `User-Agent` naming the runtime and a `client-request-id`
//! (one per call, the same on its retries); a tracing subscriber sees one
//! `graph.request` span per call with the operation, status and retries,
//! and never the token. A per-call timeout applies to that call alone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use mdapi_runtime::auth::AccessToken;
use mdapi_runtime::client::{Client, Error, RetryPolicy, USER_AGENT};
use mdapi_runtime::{Operation, PathPart, Permissions, Request};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

static GET_ME: Operation = Operation {
    id: "get_me",
    method: "GET",
    route: "/me",
    path: &[PathPart::Literal("/me")],
    permissions: Permissions::UNDOCUMENTED,
    source: ("api/user-get.md", 1),
};

fn client(server: &MockServer) -> Client {
    Client::builder(AccessToken::new("secret-token"))
        .base_url(format!("{}/v1.0", server.uri()))
        .retry(RetryPolicy { base_delay: Duration::from_millis(5), ..RetryPolicy::default() })
        .user_agent("contoso-sync/2.1")
        .unwrap()
        .build()
        .unwrap()
}

#[tokio::test]
async fn user_agent_and_one_client_request_id_per_call_across_its_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "1" })))
        .mount(&server)
        .await;
    let client = client(&server);
    let _: Value = client.send(Request::new(&GET_ME, &[]).unwrap()).await.unwrap();
    let _: Value = client.send(Request::new(&GET_ME, &[]).unwrap()).await.unwrap();
    let seen = server.received_requests().await.unwrap();
    assert_eq!(seen.len(), 3, "one retry, then a second call");
    let header = |i: usize, name: &str| seen[i].headers.get(name).unwrap().to_str().unwrap().to_owned();
    assert_eq!(header(0, "user-agent"), format!("contoso-sync/2.1 {USER_AGENT}"));
    assert!(USER_AGENT.starts_with("mdapi-runtime/"));
    let ids: Vec<String> = (0..3).map(|i| header(i, "client-request-id")).collect();
    assert_eq!(ids[0], ids[1], "a retry keeps its call's id");
    assert_ne!(ids[1], ids[2], "each call has its own id");
    assert!(uuid::Uuid::parse_str(&ids[0]).is_ok(), "{}", ids[0]);
}

#[tokio::test]
async fn a_per_call_timeout_applies_to_that_call_only() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(600)).set_body_json(json!({})))
        .mount(&server)
        .await;
    let client = client(&server);
    let hurried = client.with_timeout(Duration::from_millis(100)).with_retry(RetryPolicy::none());
    let err = hurried.send(Request::<Value>::new(&GET_ME, &[]).unwrap()).await.unwrap_err();
    assert!(matches!(&err, Error::Http(e) if e.is_timeout()), "{err}");
    let patient: Value = client.send(Request::new(&GET_ME, &[]).unwrap()).await.unwrap();
    assert_eq!(patient, json!({}));
}

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
