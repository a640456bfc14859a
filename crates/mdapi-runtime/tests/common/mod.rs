//! What the client tests share: an operation as a generated endpoint
//! declares it, and a client pointed at a loopback mock.
#![allow(dead_code, clippy::unwrap_used)] // each test binary uses part of it

use std::time::Duration;

use mdapi_runtime::auth::AccessToken;
use mdapi_runtime::client::{Client, ClientBuilder, RetryPolicy, TokenProvider};
use mdapi_runtime::{Operation, PathPart, Permissions};
use wiremock::MockServer;

/// `GET /me`, as `endpoints::get_me::OPERATION`.
pub static GET_ME: Operation = Operation {
    id: "get_me",
    method: "GET",
    route: "/me",
    path: &[PathPart::Literal("/me")],
    permissions: Permissions::UNDOCUMENTED,
    source: ("api/user-get.md", 1),
};

/// A builder for `server`'s `/v1.0`, retrying after 5 ms.
pub fn builder(server: &MockServer, tokens: impl TokenProvider + 'static) -> ClientBuilder {
    Client::builder(tokens)
        .base_url(format!("{}/v1.0", server.uri()))
        .retry(RetryPolicy { base_delay: Duration::from_millis(5), ..RetryPolicy::default() })
}

/// A client for `server` with the token `secret-token`.
pub fn client(server: &MockServer) -> Client {
    builder(server, AccessToken::new("secret-token")).build().unwrap()
}
