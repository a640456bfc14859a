//! The functions of `src/lib.rs` against the v1.0 SDK's mock: answers the
//! docs document (the mock serves every checked example), and typed stubs
//! per operation for pages, a Graph error and a `429`. A stub's value has
//! the type the operation answers (`endpoints::get_users_by_id` answers a
//! `User`), so a docs change to that type breaks these tests where they
//! build the value, at compile time.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use graph_v1_0::endpoints;
use graph_v1_0::mock::{self, GraphError};
use graph_v1_0::models::{AnyDirectoryObject, DirectoryObject, Group, User};
use graph_v1_0::runtime::client::Error;
use graph_v1_0::runtime::Field;
use sdk_tests::{display_name, member_labels};

fn user(id: &str, name: &str) -> User {
    User { id: Field::Value(id.to_owned()), display_name: Field::Value(name.to_owned()), ..User::default() }
}

fn group(id: &str, name: &str) -> Group {
    Group { id: Field::Value(id.to_owned()), display_name: Field::Value(name.to_owned()), ..Group::default() }
}

#[tokio::test]
async fn documented_answers_need_no_setup() {
    let mock = mock::start().await;
    let client = mock.client();
    // `GET /groups/{id}/members` and `GET /users/{id | userPrincipalName}`
    // as the docs' examples write them, answered as the docs answer them.
    let members = member_labels(&client, "{id}").await.unwrap();
    assert_eq!(members, ["11111111-2222-3333-4444-555555555555"]);
    let name = display_name(&client, "{id | userPrincipalName}").await.unwrap();
    assert_eq!(name.as_deref(), Some("Adele Vance"));
    assert!(mock.examples() > 1000, "the mock serves the v1.0 examples: {}", mock.examples());
}

#[tokio::test]
async fn members_are_listed_across_pages() {
    let mock = mock::start().await;
    let user_member = |id, name| AnyDirectoryObject::User(Box::new(user(id, name)));
    let pages = [
        vec![user_member("u1", "Adele Vance"), AnyDirectoryObject::Group(Box::new(group("g2", "Sales")))],
        vec![
            user_member("u2", "Alex Wilber"),
            AnyDirectoryObject::DirectoryObject(Box::new(DirectoryObject {
                id: Field::Value("d1".to_owned()),
                ..DirectoryObject::default()
            })),
        ],
        vec![],
    ];
    let stub = mock.on(endpoints::get_groups_by_id_members::request("g1").unwrap()).pages(pages);
    let labels = member_labels(&mock.client(), "g1").await.unwrap();
    assert_eq!(labels, ["Adele Vance", "Sales", "Alex Wilber", "d1"]);
    assert_eq!(stub.hits(), 3, "every page was asked for once");
}

#[tokio::test]
async fn a_throttled_call_is_retried_and_a_missing_user_is_none() {
    let mock = mock::start().await;
    let client = mock.client();
    let throttled = mock
        .on(endpoints::get_users_by_id::request("u1").unwrap())
        .throttle_then(Duration::from_secs(1), &user("u1", "Megan Bowen"));
    assert_eq!(display_name(&client, "u1").await.unwrap().as_deref(), Some("Megan Bowen"));
    assert_eq!(throttled.hits(), 2, "a 429, then the retry");

    let missing = GraphError::new(404, "Request_ResourceNotFound", "Resource 'u404' does not exist.");
    mock.on(endpoints::get_users_by_id::request("u404").unwrap()).error(&missing);
    assert_eq!(display_name(&client, "u404").await.unwrap(), None);

    let denied = GraphError::new(403, "Authorization_RequestDenied", "Insufficient privileges.");
    mock.on(endpoints::get_users_by_id::request("u403").unwrap()).error(&denied);
    let Err(Error::Graph(error)) = display_name(&client, "u403").await else { panic!("a 403 is an error") };
    assert_eq!((error.status, error.code.as_str()), (403, "Authorization_RequestDenied"));
}
