//! What every call carries, seen by the mock server: a `User-Agent` naming
//! the runtime and a `client-request-id` (one per call, the same on its
//! retries). A per-call timeout applies to that call alone. (The tracing
//! span is `tracing_span.rs`'s: a test binary of its own.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use common::GET_ME;
use mdapi_runtime::auth::AccessToken;
use mdapi_runtime::client::{Client, Error, RetryPolicy, USER_AGENT};
use mdapi_runtime::Request;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    common::builder(server, AccessToken::new("secret-token")).user_agent("contoso-sync/2.1").unwrap().build().unwrap()
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
    assert!(err.is_timeout());
    assert!(err.to_string().starts_with("timed out: "), "the message says what happened: {err}");
    let patient: Value = client.send(Request::new(&GET_ME, &[]).unwrap()).await.unwrap();
    assert_eq!(patient, json!({}));
}
