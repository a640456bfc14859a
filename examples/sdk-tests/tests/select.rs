//! Typed `$select` (issue 23) on the generated v1.0 SDK, seen on the wire:
//! property names are constants of their model (`User::DISPLAY_NAME`),
//! accepted by `select`, `expand`, `order_by` and `filter` only on requests
//! answering that model, sent as OData reads them; what the service leaves
//! out reads as absent, a `null` as null. `ui/` holds what must not compile.

use graph_v1_0::models::{DirectoryObject, EmailAddress, Importance, Message, Recipient, User};
use graph_v1_0::paths::Root;
use graph_v1_0::runtime::auth::AccessToken;
use graph_v1_0::runtime::client::{Client, TryStreamExt};
use graph_v1_0::runtime::{Collection, Field};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn graph() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::builder(AccessToken::new("sdk-tests-token"))
        .base_url(format!("{}/v1.0", server.uri()))
        .build()
        .expect("a client for the loopback server");
    (server, client)
}

/// The example: two user properties selected by name, sent as
/// `$select=displayName,mail`; of the answer, a selected property the
/// service left out is `Field::Absent`, a `null` is `Field::Null`.
#[tokio::test]
async fn a_typed_select_of_two_user_properties_sends_display_name_and_mail() {
    let (server, client) = graph().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$select", "displayName,mail"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(displayName,mail)",
            "value": [
                { "displayName": "Adele Vance", "mail": null },
                { "displayName": "Alex Wilber" }
            ]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let request = Root.users().get().expect("build").select((User::DISPLAY_NAME, User::MAIL));
    let users: Vec<User> = client.items(request).try_collect().await.expect("GET /users?$select=displayName,mail");
    assert_eq!(users[0].display_name, Field::Value("Adele Vance".to_owned()));
    assert_eq!(users[0].mail, Field::Null, "a null is null");
    assert_eq!(users[1].mail, Field::Absent, "selected, but left out by the service: absent");
    assert_eq!(users[1].job_title, Field::Absent, "not selected: absent");
}

/// Kind: the other query options of one request (a single entity, a
/// navigation property expanded, a typed filter, a polymorphic list), each
/// checked on the wire by the mock (wiremock decodes the query).
#[tokio::test]
async fn expand_filter_and_polymorphic_lists_reach_the_wire_typed() {
    let (server, client) = graph().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .and(query_param("$select", "id,displayName"))
        .and(query_param("$expand", "manager"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "u1", "displayName": "Megan Bowen" })))
        .expect(1)
        .mount(&server)
        .await;
    let request = Root.me().get().expect("build").select((User::ID, User::DISPLAY_NAME)).expand(User::MANAGER);
    let me: User = client.send(request).await.expect("GET /me");
    assert_eq!(me.manager, Field::Absent);

    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$filter", "mail eq 'O''Brien@contoso.com' or accountEnabled eq false"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "value": [] })))
        .expect(1)
        .mount(&server)
        .await;
    let filter = User::MAIL.eq("O'Brien@contoso.com").or(User::ACCOUNT_ENABLED.eq(false));
    let page: Collection<User> = client.send(Root.users().get().expect("build").filter(filter)).await.expect("filter");
    assert!(page.value.is_empty());

    // A group's members are `AnyDirectoryObject`s: `directoryObject`'s properties.
    Mock::given(method("GET"))
        .and(path("/v1.0/groups/g1/members"))
        .and(query_param("$select", "id"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "value": [ { "id": "m1" } ] })))
        .expect(1)
        .mount(&server)
        .await;
    let members = client
        .send(Root.groups().by_id("g1").members().get().expect("build").select(DirectoryObject::ID))
        .await
        .expect("GET members");
    assert_eq!(members.value.len(), 1);
}

/// Kind: enum values and paths through complex properties in `$filter`
/// and `$orderby` (`from/emailAddress/address`), on a list of a
/// polymorphic type (`AnyMessage`).
#[tokio::test]
async fn enums_and_complex_paths_filter_and_order_messages() {
    let (server, client) = graph().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me/messages"))
        .and(query_param("$filter", "importance eq 'high' and from/emailAddress/address eq 'a@contoso.com'"))
        .and(query_param("$orderby", "receivedDateTime desc,subject"))
        .and(query_param("$select", "subject,from"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "value": [] })))
        .expect(1)
        .mount(&server)
        .await;
    let sender = Message::FROM.then(Recipient::EMAIL_ADDRESS).then(EmailAddress::ADDRESS);
    let request = Root
        .me()
        .messages()
        .get()
        .expect("build")
        .select((Message::SUBJECT, Message::FROM))
        .filter(Message::IMPORTANCE.eq(Importance::High).and(sender.eq("a@contoso.com")))
        .order_by((Message::RECEIVED_DATE_TIME.desc(), Message::SUBJECT));
    let page = client.send(request).await.expect("GET /me/messages");
    assert!(page.value.is_empty());
}

/// A misspelt property and another model's property do not compile, with
/// the error naming them (`ui/*.stderr`), not any error.
#[test]
fn misspelt_and_foreign_properties_do_not_compile() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
