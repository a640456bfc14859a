//! What every step shares: the mock Graph and its client, the ids the
//! docs' examples use, and how a step checks and reports.

use std::fmt::Display;

use graph_v1_0::runtime::client::Client;
use graph_v1_0::runtime::Field;
use wiremock::matchers::header;
use wiremock::{MockGuard, MockServer, ResponseTemplate};

pub(crate) const BEARER: &str = "Bearer everyday-token";

/// The group the docs' create example answers with.
pub(crate) const GROUP_ID: &str = "b320ee12-b1cd-4cca-b648-a437be61c5cd";
pub(crate) const ADELE: &str = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
pub(crate) const ALEX: &str = "5bde3e51-d13b-4db1-9948-fe4b109d11a7";

/// A step's answer: a short account of what it checked, or why it failed.
pub(crate) type Outcome = Result<String, String>;

/// Errors of any kind, as the step's failure text.
pub(crate) trait Context<T> {
    fn context(self, what: &str) -> Result<T, String>;
}

impl<T, E: Display> Context<T> for Result<T, E> {
    fn context(self, what: &str) -> Result<T, String> {
        self.map_err(|e| format!("{what}: {e}"))
    }
}

pub(crate) fn ensure(ok: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(what())
    }
}

/// A string property's value, or `""` when absent or null.
pub(crate) fn text(field: &Field<String>) -> &str {
    field.value().map_or("", String::as_str)
}

/// The mock server standing in for `graph.microsoft.com` (`/v1.0` below it)
/// and the client pointed at it.
pub(crate) struct Graph {
    pub(crate) server: MockServer,
    /// Where upload sessions live: another host, as with Graph (no token).
    pub(crate) storage: MockServer,
    pub(crate) client: Client,
}

impl Graph {
    pub(crate) fn base(&self) -> String {
        format!("{}/v1.0", self.server.uri())
    }

    /// A Graph route that answers only requests carrying the bearer token.
    pub(crate) async fn answer(&self, mock: wiremock::MockBuilder, response: ResponseTemplate) -> MockGuard {
        mock.and(header("authorization", BEARER)).respond_with(response).mount_as_scoped(&self.server).await
    }
}

/// How many requests reached a mock; a step checks its mocks were each hit
/// as often as the call should hit them.
pub(crate) async fn hits(guard: &MockGuard, expected: usize, what: &str) -> Result<(), String> {
    let got = guard.received_requests().await.len();
    ensure(got == expected, || format!("{what}: the mock got {got} requests, expected {expected}"))
}
