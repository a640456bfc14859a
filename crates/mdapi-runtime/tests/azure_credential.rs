//! The `azure` feature: an `azure_core` `TokenCredential` (here a fake one
//! that counts its calls) is the client's credential; its token reaches
//! Graph's host as `Bearer`, is asked for Graph's `.default` scope, and is
//! cached until shortly before it expires, then refreshed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

mod common;

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use common::GET_ME;
use mdapi_runtime::client::{AzureCredential, Client, Error, GRAPH_DEFAULT_SCOPE};
use mdapi_runtime::Request;
use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Answers `token-<n>` for its n-th call, valid for `lifetime`.
#[derive(Debug)]
struct Fake {
    calls: AtomicUsize,
    lifetime: Duration,
    scopes_seen: Mutex<Vec<String>>,
    fail: bool,
}

#[async_trait::async_trait]
impl TokenCredential for Fake {
    async fn get_token(&self, scopes: &[&str], _: Option<TokenRequestOptions<'_>>) -> azure_core::Result<AccessToken> {
        self.scopes_seen.lock().unwrap().extend(scopes.iter().map(|s| (*s).to_owned()));
        if self.fail {
            return Err(azure_core::Error::with_message(azure_core::error::ErrorKind::Credential, "no identity here"));
        }
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        Ok(AccessToken::new(format!("token-{n}"), OffsetDateTime::now_utc() + self.lifetime))
    }
}

fn fake(lifetime: Duration) -> Arc<Fake> {
    Arc::new(Fake { calls: AtomicUsize::new(0), lifetime, scopes_seen: Mutex::new(Vec::new()), fail: false })
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "1" })))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer, credential: Arc<Fake>) -> Client {
    common::builder(server, AzureCredential::new(credential)).build().unwrap()
}

#[tokio::test]
async fn a_credential_token_is_sent_and_cached_while_it_lives() {
    let server = server().await;
    let credential = fake(Duration::hours(1));
    let client = client(&server, credential.clone());
    for _ in 0..3 {
        let _: Value = client.send(Request::new(&GET_ME, &[]).unwrap()).await.unwrap();
    }
    assert_eq!(credential.calls.load(Ordering::SeqCst), 1, "one token for three calls");
    assert_eq!(credential.scopes_seen.lock().unwrap().as_slice(), [GRAPH_DEFAULT_SCOPE]);
    let seen = server.received_requests().await.unwrap();
    assert!(seen.iter().all(|r| r.headers["authorization"] == "Bearer token-1"), "{seen:?}");
}

#[tokio::test]
async fn a_token_close_to_expiry_is_refreshed() {
    let server = server().await;
    // Valid for 2 more minutes: inside the 5-minute margin, so every call refreshes.
    let credential = fake(Duration::minutes(2));
    let client = client(&server, credential.clone());
    for _ in 0..2 {
        let _: Value = client.send(Request::new(&GET_ME, &[]).unwrap()).await.unwrap();
    }
    assert_eq!(credential.calls.load(Ordering::SeqCst), 2);
    let seen = server.received_requests().await.unwrap();
    assert_eq!(seen[1].headers["authorization"], "Bearer token-2");
}

#[tokio::test]
async fn a_credential_failure_is_an_auth_error_and_nothing_is_sent() {
    let server = server().await;
    let credential = Arc::new(Fake {
        calls: AtomicUsize::new(0),
        lifetime: Duration::hours(1),
        scopes_seen: Mutex::default(),
        fail: true,
    });
    let err = client(&server, credential).send(Request::<Value>::new(&GET_ME, &[]).unwrap()).await.unwrap_err();
    assert!(matches!(&err, Error::Auth(m) if m.contains("no identity here")), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
