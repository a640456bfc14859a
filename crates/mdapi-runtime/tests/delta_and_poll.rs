//! Delta rounds and long-running operations through the client, against a
//! loopback mock (wiremock): a round over two pages that ends with a
//! `DeltaLink`, stored as JSON and resumed from; a `202 Accepted` polled
//! to completion as `Retry-After` says, and a monitor that reports failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use futures_util::TryStreamExt;
use mdapi_runtime::auth::AccessToken;
use mdapi_runtime::client::{Client, DeltaEvent, DeltaLink, Error, OperationStatus, PollOptions};
use mdapi_runtime::{Accepted, Collection, Operation, PathPart, Permissions, Request};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

static USERS_DELTA: Operation = Operation {
    id: "get_users_delta",
    method: "GET",
    route: "/users/delta",
    path: &[PathPart::Literal("/users/delta")],
    permissions: Permissions::UNDOCUMENTED,
    source: ("api/user-delta.md", 1),
};

fn client(server: &MockServer) -> Client {
    Client::builder(AccessToken::new("secret-token")).base_url(format!("{}/v1.0", server.uri())).build().unwrap()
}

fn page(ids: &[&str], link: &str, url: String) -> ResponseTemplate {
    let mut body = json!({ "value": ids.iter().map(|id| json!({ "id": id })).collect::<Vec<_>>() });
    body[link] = json!(url);
    ResponseTemplate::new(200).set_body_json(body)
}

#[tokio::test]
async fn a_delta_round_pages_on_ends_with_its_link_and_resumes_from_it_stored() {
    let server = MockServer::start().await;
    let base = format!("{}/v1.0", server.uri());
    for (token, answer) in [
        ("s1", page(&["b", "c"], "@odata.deltaLink", format!("{base}/users/delta?$deltatoken=d1"))),
        ("d1", page(&["c"], "@odata.deltaLink", format!("{base}/users/delta?$deltatoken=d2"))),
    ] {
        let key = if token.starts_with('s') { "$skiptoken" } else { "$deltatoken" };
        Mock::given(method("GET"))
            .and(path("/v1.0/users/delta"))
            .and(query_param(key, token))
            .and(header("authorization", "Bearer secret-token"))
            .respond_with(answer)
            .expect(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/v1.0/users/delta"))
        .respond_with(page(&["a"], "@odata.nextLink", format!("{base}/users/delta?$skiptoken=s1")))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    // The first round, as a stream: three items over two pages, then the link.
    let request: Request<Collection<Value>> = Request::new(&USERS_DELTA, &[]).unwrap();
    let events: Vec<DeltaEvent<Value>> = client.delta_stream(request).try_collect().await.unwrap();
    let ids: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            DeltaEvent::Item(user) => user["id"].as_str(),
            DeltaEvent::End(_) => None,
        })
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let Some(DeltaEvent::End(link)) = events.last() else { panic!("{events:?}") };
    assert_eq!(link.url(), format!("{base}/users/delta?$deltatoken=d1"));

    // Stored as JSON (a string) and read back later: the next round.
    let stored = serde_json::to_string(link).unwrap();
    assert_eq!(stored, format!("\"{base}/users/delta?$deltatoken=d1\""));
    let restored: DeltaLink<Value> = serde_json::from_str(&stored).unwrap();
    let round = client.delta_from(&restored).await.unwrap();
    assert_eq!(round.items, [json!({ "id": "c" })]);
    assert_eq!(round.delta_link.url(), format!("{base}/users/delta?$deltatoken=d2"));
}

#[tokio::test]
async fn a_delta_page_with_no_link_is_an_error_not_an_endless_round() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/delta"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "value": [{ "id": "a" }] })))
        .mount(&server)
        .await;
    let request: Request<Collection<Value>> = Request::new(&USERS_DELTA, &[]).unwrap();
    let err = client(&server).delta(request).await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err}");
}

fn accepted(location: String, retry_after: Option<Duration>) -> Accepted {
    Accepted { status: 202, location: Some(location), operation_location: None, retry_after }
}

#[tokio::test]
async fn a_202_is_polled_to_completion_waiting_as_retry_after_says() {
    let server = MockServer::start().await;
    // The monitor: in progress twice (the second says wait 1 s), then done.
    Mock::given(method("GET"))
        .and(path("/monitor/77"))
        .respond_with(
            ResponseTemplate::new(202)
                .insert_header("Retry-After", "1")
                .set_body_json(json!({ "status": "inProgress", "percentageComplete": 40.0 })),
        )
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/monitor/77"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "status": "completed", "resourceLocation": "https://x.test/items/9" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let options = PollOptions { interval: Duration::from_millis(10), timeout: Duration::from_secs(30) };
    let started = std::time::Instant::now();
    let statuses: Vec<OperationStatus> = client
        .poll(&accepted(format!("{}/monitor/77", server.uri()), Some(Duration::from_millis(20))), options)
        .try_collect()
        .await
        .unwrap();
    // Two waits of the monitor's `Retry-After: 1` (the first poll waits the
    // 202's own 20 ms): at least 2 s in all.
    assert!(started.elapsed() >= Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(statuses.len(), 3, "{statuses:?}");
    assert_eq!(
        statuses[0],
        OperationStatus::Running {
            status: Some("inProgress".to_owned()),
            percent_complete: Some(40.0),
            retry_after: Duration::from_secs(1)
        }
    );
    let OperationStatus::Succeeded { resource_location, .. } = &statuses[2] else { panic!("{statuses:?}") };
    assert_eq!(resource_location.as_deref(), Some("https://x.test/items/9"));
}

#[tokio::test]
async fn a_relative_monitor_that_reports_failure_is_an_operation_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/teams('1')/operations('2')"))
        .and(header("authorization", "Bearer secret-token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "status": "failed", "error": { "code": "quotaExceeded" } })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let options = PollOptions { interval: Duration::from_millis(10), timeout: Duration::from_secs(30) };
    let err = client(&server)
        .wait_done(&accepted("/teams('1')/operations('2')".to_owned(), None), options)
        .await
        .unwrap_err();
    let Error::Operation(body) = err else { panic!("{err}") };
    assert_eq!(body["error"]["code"], "quotaExceeded");
}

#[tokio::test]
async fn an_answer_with_no_monitor_cannot_be_polled() {
    let server = MockServer::start().await;
    let none = Accepted { status: 202, ..Accepted::default() };
    let err = client(&server).wait_done(&none, PollOptions::default()).await.unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err}");
}
