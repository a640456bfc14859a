//! everyday: the calls a Graph app makes every day, made through the
//! generated v1.0 SDK (`graph_v1_0`: the path tree `paths::Root` and the
//! `endpoints::<id>::request` functions) and the runtime's client, against a
//! loopback wiremock server that answers as Graph does (the JSON shapes of
//! the Graph docs). No request is built by hand: every method, path, query
//! and body on the wire comes from the generated code, and the mock checks
//! them. Each step asserts what it got and prints one line; the run ends
//! with `everyday: N passed, M failed` and exits non-zero on any failure.

mod batch;
mod files;
mod groups;
mod outlook;
mod readme;
mod support;
mod users;

use std::process::ExitCode;

use graph_v1_0::runtime::auth::AccessToken;
// Through the SDK's re-export: one dependency line for the SDK.
use graph_v1_0::runtime::client::Client;
use wiremock::MockServer;

use crate::batch::batch;
use crate::files::upload;
use crate::groups::{create_and_patch_group, members};
use crate::outlook::{calendar_view, send_mail};
use crate::support::{Graph, Outcome};
use crate::users::{delta, get_me, list_users};

const TOKEN: &str = "everyday-token";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let server = MockServer::start().await;
    let storage = MockServer::start().await;
    let client = match Client::builder(AccessToken::new(TOKEN)).base_url(format!("{}/v1.0", server.uri())).build() {
        Ok(client) => client,
        Err(err) => {
            println!("everyday: cannot build the client: {err}");
            return ExitCode::FAILURE;
        }
    };
    let g = Graph { server, storage, client };
    let mut results: Vec<(&str, Outcome)> = Vec::new();
    results.push(("GET /me", get_me(&g).await));
    results.push(("GET /users with $select, $filter, paged", list_users(&g).await));
    results.push(("POST /me/sendMail", send_mail(&g).await));
    results.push(("POST /groups, PATCH with a null", create_and_patch_group(&g).await));
    results.push(("1 MiB upload session (root:/{item-path}:)", upload(&g).await));
    results.push(("$batch of 3 generated endpoints", batch(&g).await));
    results.push(("GET /users/delta, two rounds", delta(&g).await));
    results.push(("GET /groups/{id}/members, polymorphic", members(&g).await));
    results.push(("GET /me/calendar/calendarView", calendar_view(&g).await));
    let mut failed = 0;
    for (i, (name, outcome)) in results.iter().enumerate() {
        match outcome {
            Ok(detail) => println!("everyday step {}: {name}: ok: {detail}", i + 1),
            Err(why) => {
                failed += 1;
                println!("everyday step {}: {name}: FAILED: {why}", i + 1);
            }
        }
    }
    if failed > 0 {
        // What reached the mock, to see which request matched nothing.
        for request in g.server.received_requests().await.unwrap_or_default() {
            println!("  received: {} {} {}", request.method, request.url, String::from_utf8_lossy(&request.body));
        }
    }
    println!("everyday: {} passed, {failed} failed", results.len() - failed);
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
