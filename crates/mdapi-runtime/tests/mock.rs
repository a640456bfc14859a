//! The mock server (`mock::MockServer`) as a generated crate's `mock`
//! feature uses it: over a case table like the generated ones, with typed
//! stubs, through the client.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::time::Duration;

use mdapi_runtime::check;
use mdapi_runtime::client::{Error, GraphError, TryStreamExt};
use mdapi_runtime::examples::{BodyCase, Case, UrlCase};
use mdapi_runtime::examples_call::{exchange, Input};
use mdapi_runtime::mock::{MockServer, ANSWERED_BY, UNMATCHED};
use mdapi_runtime::{Accepted, Collection, Operation, PathPart, Permissions, Request};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct User {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    display_name: Option<String>,
}
mdapi_runtime::from_json!(User);

static GET_USER: Operation = Operation {
    id: "get_users_by_id",
    method: "GET",
    route: "/users/{id}",
    path: &[PathPart::Literal("/users/"), PathPart::Param("id")],
    permissions: Permissions::UNDOCUMENTED,
    source: ("api/user-get.md", 20),
};

static LIST_MEMBERS: Operation = Operation {
    id: "get_groups_by_id_members",
    method: "GET",
    route: "/groups/{id}/members",
    path: &[PathPart::Literal("/groups/"), PathPart::Param("id"), PathPart::Literal("/members")],
    permissions: Permissions::UNDOCUMENTED,
    source: ("api/group-list-members.md", 20),
};

static CREATE_USER: Operation = Operation {
    id: "post_users",
    method: "POST",
    route: "/users",
    path: &[PathPart::Literal("/users")],
    permissions: Permissions::UNDOCUMENTED,
    source: ("api/user-post-users.md", 20),
};

static ARCHIVE: Operation = Operation {
    id: "post_teams_by_id_archive",
    method: "POST",
    route: "/teams/{id}/archive",
    path: &[PathPart::Literal("/teams/"), PathPart::Param("id"), PathPart::Literal("/archive")],
    permissions: Permissions::UNDOCUMENTED,
    source: ("api/team-archive.md", 20),
};

fn get_user(id: &str) -> Request<User> {
    Request::new(&GET_USER, &[id]).unwrap()
}

fn list_members(id: &str) -> Request<Collection<User>> {
    Request::new(&LIST_MEMBERS, &[id]).unwrap()
}

fn create_user(user: &User) -> Request<User> {
    Request::new(&CREATE_USER, &[]).unwrap().json(user).unwrap()
}

/// Two documented examples, as a generated crate's table lists them: a
/// `GET` with a query and a `POST` with a body answering `201`; and one
/// whose answer the docs get wrong, which the mock must not serve.
static CASES: &[Case] = &[
    Case {
        area: "users",
        name: "get_user_select",
        source: ("api/user-get.md", 40),
        method: "GET",
        url: "https://graph.microsoft.com/v1.0/users/u1?$select=displayName",
        headers: &[],
        response_headers: &[],
        url_case: Some(UrlCase::Matches { operation: &GET_USER, bindings: &[("id", "u1")] }),
        request: None,
        response: Some(BodyCase::RoundTrip {
            json: r#"{"id":"u1","displayName":"Adele Vance"}"#,
            check: check::round_trip::<User>,
        }),
        status: 200,
        client_check: true,
        call: Some(|input: &Input| exchange(input, |input| Ok(get_user(input.path(0))))),
    },
    Case {
        area: "users",
        name: "create_user",
        source: ("api/user-post-users.md", 40),
        method: "POST",
        url: "https://graph.microsoft.com/v1.0/users",
        headers: &[],
        response_headers: &[],
        url_case: Some(UrlCase::Matches { operation: &CREATE_USER, bindings: &[] }),
        request: Some(BodyCase::RoundTrip { json: r#"{"id":"new"}"#, check: check::round_trip::<User> }),
        response: Some(BodyCase::RoundTrip {
            json: r#"{"id":"new","displayName":"New"}"#,
            check: check::round_trip::<User>,
        }),
        status: 201,
        client_check: true,
        call: Some(|input: &Input| exchange(input, |input| Ok(create_user(&input.body()?)))),
    },
    // The same request documented again with another answer (as Intune's
    // pages do for each derived type): the first answer is served.
    Case {
        area: "users",
        name: "get_user_select_again",
        source: ("api/user-get.md", 50),
        method: "GET",
        url: "https://graph.microsoft.com/v1.0/users/u1?$select=displayName",
        headers: &[],
        response_headers: &[],
        url_case: Some(UrlCase::Matches { operation: &GET_USER, bindings: &[("id", "u1")] }),
        request: None,
        response: Some(BodyCase::RoundTrip {
            json: r#"{"id":"u1","displayName":"Someone else"}"#,
            check: check::round_trip::<User>,
        }),
        status: 200,
        client_check: true,
        call: Some(|input: &Input| exchange(input, |input| Ok(get_user(input.path(0))))),
    },
    Case {
        area: "users",
        name: "get_user_wrong",
        source: ("api/user-get.md", 60),
        method: "GET",
        url: "https://graph.microsoft.com/v1.0/users/u2",
        headers: &[],
        response_headers: &[],
        url_case: Some(UrlCase::Matches { operation: &GET_USER, bindings: &[("id", "u2")] }),
        request: None,
        response: Some(BodyCase::DecodeFails {
            json: r#"{"id":2}"#,
            reason: "`\"id\": 2` is a number, but the table declares `id` as String",
            check: check::decode_fails::<User>,
        }),
        status: 200,
        client_check: false,
        call: None,
    },
];

fn user(id: &str, name: &str) -> User {
    User { id: id.to_owned(), display_name: Some(name.to_owned()) }
}

#[tokio::test]
async fn documented_requests_get_their_documented_answers_and_nothing_else_does() {
    let mock = MockServer::start(&[CASES]).await;
    assert_eq!(mock.examples(), 3, "only the checked examples are served");
    let client = mock.client();

    let adele = client.send(get_user("u1").select(["displayName"]).header("client-request-id", "r1")).await;
    assert_eq!(adele.unwrap(), user("u1", "Adele Vance"));
    let (by, also) = mock.answered_with_alternatives("r1").unwrap();
    assert_eq!((by.as_str(), also), ("users::get_user_select", vec!["users::get_user_select_again".to_owned()]));
    let created = client.send(create_user(&User { id: "new".into(), display_name: None })).await.unwrap();
    assert_eq!(created, user("new", "New"));

    // Not the documented query, not the documented body, a doc defect's
    // request: none is answered with an example.
    let unmatched = [
        client.send(get_user("u1")).await,
        client.send(create_user(&user("new", "Other"))).await,
        client.send(get_user("u2")).await,
    ];
    for answer in unmatched {
        let Err(Error::Graph(error)) = answer else { panic!("answered: {answer:?}") };
        assert_eq!((error.status, error.code.as_str()), (404, UNMATCHED));
    }
    let Err(Error::Graph(error)) = client.send(get_user("u1").select(["id"])).await else { panic!() };
    assert!(error.message.contains("users::get_user_select") && error.message.contains("query"), "{error}");

    let received = mock.received_requests().await;
    assert_eq!(received.len(), 6);
}

#[tokio::test]
async fn a_stub_answers_with_a_value_of_the_operation_s_response_type() {
    let mock = MockServer::start(&[CASES]).await;
    let client = mock.client();
    let stub = mock.on(get_user("u9")).answer(&user("u9", "Megan"));
    // Optional query options the code under test adds still match.
    assert_eq!(client.send(get_user("u9").select(["displayName"])).await.unwrap(), user("u9", "Megan"));
    assert_eq!(stub.hits(), 1);
    // A stub takes precedence over the documented example; the latest one wins.
    mock.on(get_user("u1")).answer(&user("u1", "Stubbed"));
    mock.on(get_user("u1")).answer(&user("u1", "Stubbed again"));
    let answer = client.send(get_user("u1").select(["displayName"])).await.unwrap();
    assert_eq!(answer.display_name.as_deref(), Some("Stubbed again"));

    // The documented success status of the operation: 201 for the create.
    mock.on(create_user(&user("x", "X"))).answer(&user("x", "X"));
    let request = create_user(&user("x", "X")).to_http(&mock.uri()).unwrap();
    let (status, headers, _) = client.execute_with_headers(request).await.unwrap();
    assert_eq!(status, 201);
    assert_eq!(headers[ANSWERED_BY], "stub:post_users");
}

#[tokio::test]
async fn pages_link_back_to_the_mock_and_the_client_walks_them() {
    let mock = MockServer::start(&[]).await;
    let client = mock.client();
    let pages = mock.on(list_members("g1")).pages([vec![user("a", "A"), user("b", "B")], vec![user("c", "C")], vec![]]);
    let members: Vec<User> = client.items(list_members("g1").top(2)).try_collect().await.unwrap();
    assert_eq!(members.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
    assert_eq!(pages.hits(), 3);
    let first = client.send(list_members("g1")).await.unwrap();
    let next = first.next_link.unwrap();
    assert!(next.starts_with(&mock.uri()) && next.contains("$skiptoken=mdapi-page-1"), "{next}");
}

#[tokio::test]
async fn throttled_then_answered_and_errors_as_graph_writes_them() {
    let mock = MockServer::start(&[]).await;
    let client = mock.client();
    let stub = mock.on(get_user("u1")).throttle_then(Duration::ZERO, &user("u1", "After"));
    assert_eq!(client.send(get_user("u1")).await.unwrap(), user("u1", "After"));
    assert_eq!(stub.hits(), 2, "one 429, one retry");

    let stub = mock.on(get_user("u1")).throttle_then(Duration::ZERO, &user("u1", "After"));
    let no_retry = client.with_retry(mdapi_runtime::client::RetryPolicy::none());
    let Err(Error::Graph(error)) = no_retry.send(get_user("u1")).await else { panic!("not throttled") };
    assert_eq!(error.status, 429);
    assert_eq!(stub.hits(), 1);

    let mut missing = GraphError::new(404, "Request_ResourceNotFound", "Resource 'u404' does not exist.");
    missing.request_id = Some("r-1".to_owned());
    mock.on(get_user("u404")).error(&missing);
    let Err(Error::Graph(error)) = client.send(get_user("u404")).await else { panic!("no error") };
    assert_eq!(
        (error.status, error.code.as_str(), error.request_id.as_deref()),
        (404, "Request_ResourceNotFound", Some("r-1"))
    );
    assert_eq!(error.message, missing.message);
}

#[tokio::test]
async fn accepted_and_no_content_answer_as_the_client_reads_them() {
    let mock = MockServer::start(&[]).await;
    let client = mock.client();
    let archive = || Request::<Accepted>::new(&ARCHIVE, &["t1"]).unwrap();
    let monitor = Accepted {
        status: 202,
        location: Some("https://graph.microsoft.com/v1.0/teams('t1')/operations('o1')".into()),
        operation_location: None,
        retry_after: Some(Duration::from_secs(5)),
    };
    mock.on(archive()).answer(&monitor);
    assert_eq!(client.send(archive()).await.unwrap(), monitor);

    let delete = || Request::<()>::new(&GET_USER, &["gone"]).unwrap();
    mock.on(delete()).answer(&());
    let request = delete().to_http(&mock.uri()).unwrap();
    assert_eq!(client.execute_with_headers(request).await.unwrap().0, 204);
}
