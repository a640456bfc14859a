//! The client against loopback mock servers (wiremock): paging, retries,
//! Graph errors, tokens, byte bodies and path values.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use mdapi_runtime::auth::AccessToken;
use mdapi_runtime::client::{Client, Error, RetryPolicy};
use mdapi_runtime::{Collection, Operation, PathPart, Request};
use serde_json::{json, Value};
use wiremock::matchers::{header, header_exists, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{GET_USER, IMPORT_WIDGET, NO_PERMISSIONS};

static LIST_USERS: Operation = Operation {
    id: "get_users",
    method: "GET",
    route: "/users",
    path: &[PathPart::Literal("/users")],
    permissions: NO_PERMISSIONS,
    source: ("api/user-list.md", 1),
};

static PHOTO_VALUE: Operation = Operation {
    id: "put_me_photo_value",
    method: "PUT",
    route: "/me/photo/$value",
    path: &[PathPart::Literal("/me/photo/$value")],
    permissions: NO_PERMISSIONS,
    source: ("api/profilephoto-update.md", 1),
};

static GET_PHOTO_VALUE: Operation = Operation { method: "GET", id: "get_me_photo_value", ..PHOTO_VALUE };

static REMINDER_VIEW: Operation = Operation {
    id: "get_me_reminder_view",
    method: "GET",
    route: "/me/reminderView(startDateTime={startDateTime},endDateTime={endDateTime})",
    path: &[
        PathPart::Literal("/me/reminderView(startDateTime="),
        PathPart::Param("startDateTime"),
        PathPart::Literal(",endDateTime="),
        PathPart::Param("endDateTime"),
        PathPart::Literal(")"),
    ],
    permissions: NO_PERMISSIONS,
    source: ("api/user-reminderview.md", 1),
};

fn client(server: &MockServer) -> Client {
    Client::builder(AccessToken::new("secret-token"))
        .base_url(format!("{}/v1.0", server.uri()))
        .retry(RetryPolicy { base_delay: Duration::from_millis(10), ..RetryPolicy::default() })
        .build()
        .unwrap()
}

#[tokio::test]
async fn paging_follows_next_links_over_three_pages() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], next: Option<String>| {
        let mut body = json!({ "value": ids.iter().map(|id| json!({ "id": id })).collect::<Vec<_>>() });
        if let Some(next) = next {
            body["@odata.nextLink"] = json!(next);
        }
        ResponseTemplate::new(200).set_body_json(body)
    };
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$top", "2"))
        .respond_with(page(&["a", "b"], Some(format!("{}/v1.0/users?$skiptoken=p2", server.uri()))))
        .mount(&server)
        .await;
    Mock::given(path("/v1.0/users"))
        .and(query_param("$skiptoken", "p2"))
        .respond_with(page(&["c", "d"], Some(format!("{}/v1.0/users?$skiptoken=p3", server.uri()))))
        .mount(&server)
        .await;
    Mock::given(path("/v1.0/users"))
        .and(query_param("$skiptoken", "p3"))
        .respond_with(page(&["e"], None))
        .mount(&server)
        .await;

    let client = client(&server);
    let request = Request::<Collection<Value>>::new(&LIST_USERS, &[]).unwrap().top(2);
    let items: Vec<Value> = client.items(request).map(|item| item.unwrap()).collect().await;
    let ids: Vec<&str> = items.iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_delta_round_ends_with_a_delta_link_and_the_next_round_starts_from_it() {
    let server = MockServer::start().await;
    let base = format!("{}/v1.0", server.uri());
    let answer = |ids: &[&str], link: (&str, String)| {
        let mut body = json!({ "value": ids.iter().map(|id| json!({ "id": id })).collect::<Vec<_>>() });
        body[link.0] = json!(link.1);
        ResponseTemplate::new(200).set_body_json(body)
    };
    Mock::given(method("GET"))
        .and(path("/v1.0/users/delta"))
        .and(query_param("$skiptoken", "s1"))
        .and(header("authorization", "Bearer secret-token"))
        .respond_with(answer(&["b"], ("@odata.deltaLink", format!("{base}/users/delta?$deltatoken=d1"))))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/delta"))
        .and(query_param("$deltatoken", "d1"))
        .and(header("authorization", "Bearer secret-token"))
        .respond_with(answer(&["c"], ("@odata.deltaLink", format!("{base}/users/delta?$deltatoken=d2"))))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/delta"))
        .respond_with(answer(&["a"], ("@odata.nextLink", format!("{base}/users/delta?$skiptoken=s1"))))
        .mount(&server)
        .await;
    static DELTA: Operation = Operation {
        id: "get_users_delta",
        route: "/users/delta",
        path: &[PathPart::Literal("/users/delta")],
        ..LIST_USERS
    };
    let client = client(&server);
    let first: Collection<Value> = client.send(Request::new(&DELTA, &[]).unwrap()).await.unwrap();
    assert_eq!(first.delta_link, None);
    let last: Collection<Value> = client.follow(first.next_link.as_deref().unwrap()).await.unwrap();
    assert_eq!((last.value[0]["id"].as_str(), last.next_link.as_deref()), (Some("b"), None));
    let delta = last.delta_link.unwrap();
    assert_eq!(delta, format!("{base}/users/delta?$deltatoken=d1"));
    let changes: Collection<Value> = client.follow(&delta).await.unwrap();
    assert_eq!(changes.value[0]["id"], "c");
    assert_eq!(changes.delta_link, Some(format!("{base}/users/delta?$deltatoken=d2")));
}

#[tokio::test]
async fn throttling_waits_as_retry_after_says_in_seconds_and_as_a_date() {
    // An HTTP date has whole seconds: three from now is at least two away.
    for as_date in [false, true] {
        let retry_after = if as_date {
            httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(3))
        } else {
            "1".to_owned()
        };
        let least = Duration::from_millis(if as_date { 1900 } else { 900 });
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", retry_after.as_str()))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "u1" })))
            .mount(&server)
            .await;
        let started = Instant::now();
        let user: Value = client(&server).send(Request::new(&GET_USER, &["u1"]).unwrap()).await.unwrap();
        assert_eq!(user["id"], "u1");
        assert!(started.elapsed() >= least, "waited only {:?} for {retry_after}", started.elapsed());
        assert_eq!(server.received_requests().await.unwrap().len(), 2);
    }
}

#[tokio::test]
async fn retries_stop_after_the_policy_allows() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let result: Result<Value, Error> = client(&server).send(Request::new(&GET_USER, &["u1"]).unwrap()).await;
    assert!(matches!(result, Err(Error::Graph(ref e)) if e.status == 503), "{result:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 4, "one try and three retries");
}

#[tokio::test]
async fn a_graph_error_body_becomes_a_typed_error() {
    let server = MockServer::start().await;
    let body = json!({ "error": { "code": "Request_ResourceNotFound", "message": "Resource 'u9' does not exist.",
        "innerError": { "request-id": "8a1c1b6b-0000", "date": "2021-07-01T10:00:00" } } });
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(404).set_body_json(body)).mount(&server).await;
    let result: Result<Value, Error> = client(&server).send(Request::new(&GET_USER, &["u9"]).unwrap()).await;
    let Err(Error::Graph(error)) = result else { panic!("{result:?}") };
    assert_eq!((error.status, error.code.as_str()), (404, "Request_ResourceNotFound"));
    assert_eq!(error.message, "Resource 'u9' does not exist.");
    assert_eq!(error.request_id.as_deref(), Some("8a1c1b6b-0000"));
}

#[tokio::test]
async fn the_token_goes_only_to_graph_hosts() {
    let graph = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(path("/v1.0/users"))
        .and(header("Authorization", "Bearer secret-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{ "id": "a" }], "@odata.nextLink": format!("{}/next", elsewhere.uri()) })))
        .mount(&graph)
        .await;
    Mock::given(path("/next"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "value": [{ "id": "b" }] })))
        .mount(&elsewhere)
        .await;
    let client = client(&graph);
    let items: Vec<Result<Value, Error>> =
        client.items(Request::<Collection<Value>>::new(&LIST_USERS, &[]).unwrap()).collect().await;
    assert_eq!(items.len(), 2, "{items:?}");
    let sent = elsewhere.received_requests().await.unwrap();
    assert!(sent[0].headers.get("authorization").is_none(), "the token leaked to another host");
    assert!(!format!("{client:?}").contains("secret-token"));
}

#[tokio::test]
async fn value_streams_go_up_and_down_as_bytes() {
    let server = MockServer::start().await;
    let jpeg = vec![0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3];
    Mock::given(method("PUT"))
        .and(path("/v1.0/me/photo/$value"))
        .and(header("Content-Type", "image/jpeg"))
        .and(wiremock::matchers::body_bytes(jpeg.clone()))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me/photo/$value"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(jpeg.clone()))
        .mount(&server)
        .await;
    let client = client(&server);
    let () =
        client.send(Request::<()>::new(&PHOTO_VALUE, &[]).unwrap().bytes("image/jpeg", jpeg.clone())).await.unwrap();
    assert_eq!(client.send_bytes(Request::<()>::new(&GET_PHOTO_VALUE, &[]).unwrap()).await.unwrap(), jpeg);
}

#[tokio::test]
async fn functions_and_odd_path_values_keep_the_path_shape() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/a%2Fb%3Fc%23d%20%C3%A9"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "odd" })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me/reminderView(startDateTime=2021-07-01T00%3A00%3A00,endDateTime=2021-07-02T00%3A00%3A00)"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "value": [] })))
        .mount(&server)
        .await;
    let client = client(&server);
    let user: Value = client.send(Request::new(&GET_USER, &["a/b?c#d é"]).unwrap()).await.unwrap();
    assert_eq!(user["id"], "odd");
    let view: Collection<Value> = client
        .send(Request::new(&REMINDER_VIEW, &["2021-07-01T00:00:00", "2021-07-02T00:00:00"]).unwrap())
        .await
        .unwrap();
    assert!(view.value.is_empty());
}

#[tokio::test]
async fn search_and_count_add_consistency_level() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$search", "\"displayName:ada\""))
        .and(query_param("$count", "true"))
        .and(header("ConsistencyLevel", "eventual"))
        .and(header_exists("Authorization"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({ "value": [{ "id": "ada" }], "@odata.count": 1 })),
        )
        .mount(&server)
        .await;
    let request = Request::<Collection<Value>>::new(&LIST_USERS, &[]).unwrap().search("displayName:ada").count();
    let page: Collection<Value> = client(&server).send(request).await.unwrap();
    assert_eq!(page.value.len(), 1);
    assert_eq!(page.additional_properties["@odata.count"], 1);
}

/// Answers a `$batch` the way Graph does: a response per id, request `7`
/// failing with a Graph error.
struct BatchServer;

impl wiremock::Respond for BatchServer {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        let requests = body["requests"].as_array().unwrap();
        assert!(requests.len() <= 20, "a batch of {}", requests.len());
        let responses: Vec<Value> = requests
            .iter()
            .rev() // Graph answers in any order.
            .map(|r| {
                let id = r["id"].as_str().unwrap();
                if id == "7" {
                    json!({ "id": id, "status": 404, "body": { "error": { "code": "ErrorItemNotFound", "message": "gone" } } })
                } else {
                    json!({ "id": id, "status": 200, "headers": { "Content-Type": "application/json" }, "body": { "id": r["url"] } })
                }
            })
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({ "responses": responses }))
    }
}

#[tokio::test]
async fn a_batch_of_25_is_sent_as_two_and_answers_come_back_in_order() {
    use mdapi_runtime::client::BatchRequest;
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/v1.0/$batch")).respond_with(BatchServer).mount(&server).await;
    let requests: Vec<BatchRequest> = (0..25)
        .map(|i| {
            let request = Request::<Value>::new(&GET_USER, &[&format!("u{i}")]).unwrap();
            let entry = BatchRequest::from_request(i.to_string(), &request).unwrap();
            if i == 21 {
                entry.depends_on("20").depends_on("3")
            } else {
                entry
            }
        })
        .collect();
    let answers = client(&server).batch(requests).await.unwrap();
    assert_eq!(answers.len(), 25);
    for (i, answer) in answers.iter().enumerate() {
        assert_eq!(answer.id, i.to_string());
        match answer.json::<Value>() {
            Ok(body) => assert_eq!(body["id"], format!("/users/u{i}")),
            Err(Error::Graph(error)) => {
                assert_eq!((i, error.status, error.code.as_str()), (7, 404, "ErrorItemNotFound"))
            }
            Err(other) => panic!("{other}"),
        }
    }
    let batches = server.received_requests().await.unwrap();
    assert_eq!(batches.len(), 2);
    let second: Value = serde_json::from_slice(&batches[1].body).unwrap();
    assert_eq!(second["requests"].as_array().unwrap().len(), 5);
    // `21` waits for `20` (same batch); `3` was answered in the first batch.
    assert_eq!(second["requests"][1]["dependsOn"], json!(["20"]));
}

/// An upload session: takes chunks, fails the second one once, and tells
/// where to resume when asked.
#[derive(Clone, Default)]
struct UploadSession {
    received: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    puts: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl wiremock::Respond for UploadSession {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let mut received = self.received.lock().unwrap();
        if request.method == wiremock::http::Method::GET {
            return ResponseTemplate::new(200)
                .set_body_json(json!({ "nextExpectedRanges": [format!("{}-", received.len())] }));
        }
        assert!(request.headers.get("authorization").is_none(), "upload URLs are pre-authorized");
        let range = request.headers.get("content-range").unwrap().to_str().unwrap().to_owned();
        let (span, total) = range.trim_start_matches("bytes ").split_once('/').unwrap();
        let (start, end) = span.split_once('-').unwrap();
        let (start, end, total): (usize, usize, usize) =
            (start.parse().unwrap(), end.parse().unwrap(), total.parse().unwrap());
        assert_eq!(start, received.len(), "chunks arrive in order");
        assert_eq!(request.body.len(), end + 1 - start);
        let put = self.puts.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if put == 1 {
            return ResponseTemplate::new(500)
                .set_body_json(json!({ "error": { "code": "generalException", "message": "try again" } }));
        }
        received.extend_from_slice(&request.body);
        if received.len() == total {
            ResponseTemplate::new(201).set_body_json(json!({ "id": "item1", "size": total }))
        } else {
            ResponseTemplate::new(202).set_body_json(json!({ "nextExpectedRanges": [format!("{}-", received.len())] }))
        }
    }
}

#[tokio::test]
async fn a_three_chunk_upload_resumes_after_a_failed_chunk() {
    use mdapi_runtime::client::{UploadOptions, CHUNK_UNIT};
    let server = MockServer::start().await;
    let session = UploadSession::default();
    Mock::given(path("/upload/session-1")).respond_with(session.clone()).mount(&server).await;
    let data: Vec<u8> = (0..CHUNK_UNIT * 5 / 2).map(|i| (i % 251) as u8).collect();
    let options = UploadOptions { chunk_size: CHUNK_UNIT + 1000, max_chunk_retries: 2 };
    let item: Value =
        client(&server).upload(&format!("{}/upload/session-1", server.uri()), &data, options).await.unwrap();
    assert_eq!(item["id"], "item1");
    assert_eq!(*session.received.lock().unwrap(), data);
    // Three chunks, the second sent twice.
    assert_eq!(session.puts.load(std::sync::atomic::Ordering::SeqCst), 4);
}

#[tokio::test]
async fn a_202_answer_gives_its_monitor_and_a_required_header_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/widgets/9/import"))
        .and(header("prefer", "respond-async"))
        .and(query_param("startDateTime", "2024-02-08T12:07:31Z"))
        .respond_with(
            ResponseTemplate::new(202)
                .insert_header("Location", "https://example.net/monitor/77")
                .insert_header("Retry-After", "3"),
        )
        .expect(1)
        .mount(&server)
        .await;
    // As a generated endpoint builds it: the query argument through
    // `QueryValue`, the header argument through `Request::header`.
    use mdapi_runtime::request::QueryValue;
    let start: mdapi_runtime::edm::DateTimeOffset = "2024-02-08T12:07:31Z".parse().unwrap();
    let request: Request<mdapi_runtime::Accepted> = Request::new(&IMPORT_WIDGET, &["9"])
        .unwrap()
        .param("startDateTime", QueryValue::to_query(&start))
        .header("Prefer", "respond-async");
    let accepted = client(&server).send(request).await.unwrap();
    assert_eq!(accepted.status, 202);
    assert_eq!(accepted.location.as_deref(), Some("https://example.net/monitor/77"));
    assert_eq!(accepted.operation_location, None);
    assert_eq!(accepted.retry_after, Some(Duration::from_secs(3)));
}
