//! everyday: the calls a Graph app makes every day, made through the
//! generated v1.0 SDK (`graph_v1_0`: the path tree `paths::Root` and the
//! `endpoints::<id>::request` functions) and the runtime's client, against a
//! loopback wiremock server that answers as Graph does (the JSON shapes of
//! the Graph docs). No request is built by hand: every method, path, query
//! and body on the wire comes from the generated code, and the mock checks
//! them. Each step asserts what it got and prints one line; the run ends
//! with `everyday: N passed, M failed` and exits non-zero on any failure.

mod readme;

use std::fmt::Display;
use std::process::ExitCode;

use graph_v1_0::endpoints;
use graph_v1_0::models::{
    AnyDirectoryObject, AnyMessage, AnyRecipient, BodyType, DriveItem, DriveItemUploadableProperties,
    DriveitemCreateuploadsessionRequestBody, EmailAddress, Event, Group,
    GroupUpdateRequestBody, ItemBody, Message, Recipient, UploadSession, User, UserSendmailRequestBody,
};
use graph_v1_0::paths::Root;
use graph_v1_0::runtime::auth::AccessToken;
// Through the SDK's re-export: one dependency line for the SDK.
use graph_v1_0::runtime::client::{
    BatchRequest, Client, DeltaLink, DeltaRound, Error, TryStreamExt, UploadOptions, CHUNK_UNIT,
};
use graph_v1_0::runtime::{Accepted, Collection, Field};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockGuard, MockServer, ResponseTemplate};

const TOKEN: &str = "everyday-token";
const BEARER: &str = "Bearer everyday-token";
/// The group the docs' create example answers with.
const GROUP_ID: &str = "b320ee12-b1cd-4cca-b648-a437be61c5cd";
const ADELE: &str = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
const ALEX: &str = "5bde3e51-d13b-4db1-9948-fe4b109d11a7";

/// A step's answer: a short account of what it checked, or why it failed.
type Outcome = Result<String, String>;

/// Errors of any kind, as the step's failure text.
trait Context<T> {
    fn context(self, what: &str) -> Result<T, String>;
}

impl<T, E: Display> Context<T> for Result<T, E> {
    fn context(self, what: &str) -> Result<T, String> {
        self.map_err(|e| format!("{what}: {e}"))
    }
}

fn ensure(ok: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(what())
    }
}

/// A string property's value, or `""` when absent or null.
fn text(field: &Field<String>) -> &str {
    field.value().map_or("", String::as_str)
}

/// The mock server standing in for `graph.microsoft.com` (`/v1.0` below it)
/// and the client pointed at it.
struct Graph {
    server: MockServer,
    /// Where upload sessions live: another host, as with Graph (no token).
    storage: MockServer,
    client: Client,
}

impl Graph {
    fn base(&self) -> String {
        format!("{}/v1.0", self.server.uri())
    }

    /// A Graph route that answers only requests carrying the bearer token.
    async fn answer(&self, mock: wiremock::MockBuilder, response: ResponseTemplate) -> MockGuard {
        mock.and(header("authorization", BEARER)).respond_with(response).mount_as_scoped(&self.server).await
    }
}

/// How many requests reached a mock; a step checks its mocks were each hit
/// as often as the call should hit them.
async fn hits(guard: &MockGuard, expected: usize, what: &str) -> Result<(), String> {
    let got = guard.received_requests().await.len();
    ensure(got == expected, || format!("{what}: the mock got {got} requests, expected {expected}"))
}

fn users_page(users: &[(&str, &str)], next: Option<String>) -> ResponseTemplate {
    let mut body = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(displayName,mail)",
        "value": users.iter().map(|(name, mail)| json!({ "displayName": name, "mail": mail })).collect::<Vec<_>>(),
    });
    if let Some(next) = next {
        body["@odata.nextLink"] = json!(next);
    }
    ResponseTemplate::new(200).set_body_json(body)
}

/// Step 1: `GET /me` (user-get.md's answer).
async fn get_me(g: &Graph) -> Outcome {
    let guard = g
        .answer(
            Mock::given(method("GET")).and(path("/v1.0/me")),
            ResponseTemplate::new(200).set_body_json(json!({
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
                "businessPhones": ["+1 412 555 0109"],
                "displayName": "Megan Bowen",
                "givenName": "Megan",
                "jobTitle": "Auditor",
                "mail": "MeganB@M365x214355.onmicrosoft.com",
                "mobilePhone": null,
                "officeLocation": "12/1110",
                "preferredLanguage": "en-US",
                "surname": "Bowen",
                "userPrincipalName": "MeganB@M365x214355.onmicrosoft.com",
                "id": "48d31887-5fad-4d73-a9f5-3c356e68a038"
            })),
        )
        .await;
    let me: User = g.client.send(Root.me().get().context("build")?).await.context("GET /me")?;
    hits(&guard, 1, "GET /me").await?;
    ensure(text(&me.display_name) == "Megan Bowen", || format!("displayName {:?}", me.display_name))?;
    ensure(text(&me.id) == "48d31887-5fad-4d73-a9f5-3c356e68a038", || format!("id {:?}", me.id))?;
    ensure(me.mobile_phone.is_null(), || format!("mobilePhone null must be Field::Null, got {:?}", me.mobile_phone))?;
    ensure(me.business_phones.value().is_some_and(|p| p == &["+1 412 555 0109"]), || {
        format!("businessPhones {:?}", me.business_phones)
    })?;
    let untyped: Vec<&String> = me.additional_properties.keys().collect();
    ensure(untyped == ["@odata.context"], || format!("properties not typed: {untyped:?}"))?;
    Ok(format!("{} <{}>, mobilePhone null, every property typed", text(&me.display_name), text(&me.mail)))
}

/// Step 2: `GET /users?$select=..&$filter=..&$top=2` over three pages, followed
/// through `@odata.nextLink` by the client's `items`.
async fn list_users(g: &Graph) -> Outcome {
    let filter = "startswith(displayName,'A')";
    let next =
        |token: &str| format!("{}/users?$select=displayName,mail&$filter={filter}&$top=2&$skiptoken={token}", g.base());
    let first = g
        .answer(
            Mock::given(method("GET"))
                .and(path("/v1.0/users"))
                .and(query_param("$select", "displayName,mail"))
                .and(query_param("$filter", filter))
                .and(query_param("$top", "2"))
                .and(query_param_is_missing("$skiptoken")),
            users_page(
                &[("Adele Vance", "AdeleV@contoso.com"), ("Alex Wilber", "AlexW@contoso.com")],
                Some(next("X2")),
            ),
        )
        .await;
    let second = g
        .answer(
            Mock::given(method("GET")).and(path("/v1.0/users")).and(query_param("$skiptoken", "X2")),
            users_page(
                &[("Allan Deyoung", "AllanD@contoso.com"), ("Alice Liu", "AliceL@contoso.com")],
                Some(next("X3")),
            ),
        )
        .await;
    let third = g
        .answer(
            Mock::given(method("GET")).and(path("/v1.0/users")).and(query_param("$skiptoken", "X3")),
            users_page(&[("Anna Lidman", "AnnaL@contoso.com")], None),
        )
        .await;
    let request = Root.users().get().context("build")?.select(&["displayName", "mail"]).filter(filter).top(2);
    let users: Vec<User> = g.client.items(request).try_collect().await.context("GET /users, paged")?;
    hits(&first, 1, "page 1").await?;
    hits(&second, 1, "page 2").await?;
    hits(&third, 1, "page 3").await?;
    let names: Vec<&str> = users.iter().map(|u| text(&u.display_name)).collect();
    ensure(names == ["Adele Vance", "Alex Wilber", "Allan Deyoung", "Alice Liu", "Anna Lidman"], || {
        format!("users {names:?}")
    })?;
    ensure(users.iter().all(|u| !text(&u.mail).is_empty() && u.id.is_absent() && u.given_name.is_absent()), || {
        "a user has more or less than the selected properties".to_owned()
    })?;
    Ok(format!("{} users over 3 pages, $select and $filter sent, only the selected properties", users.len()))
}

/// Step 3: `POST /me/sendMail` (user-sendmail.md): `202 Accepted`, no body.
async fn send_mail(g: &Graph) -> Outcome {
    let expected = json!({
        "message": {
            "subject": "Meet for lunch?",
            "body": { "contentType": "text", "content": "The new cafeteria is open." },
            "toRecipients": [{ "emailAddress": { "address": "frannis@contoso.onmicrosoft.com" } }]
        },
        "saveToSentItems": false
    });
    let guard = g
        .answer(
            Mock::given(method("POST"))
                .and(path("/v1.0/me/sendMail"))
                .and(header("content-type", "application/json"))
                .and(body_json(&expected)),
            ResponseTemplate::new(202),
        )
        .await;
    let message = Message {
        subject: Field::Value("Meet for lunch?".to_owned()),
        body: Field::Value(Box::new(ItemBody {
            content_type: Field::Value(BodyType::Text),
            content: Field::Value("The new cafeteria is open.".to_owned()),
            ..ItemBody::default()
        })),
        to_recipients: Field::Value(vec![AnyRecipient::Recipient(Box::new(Recipient {
            email_address: Field::Value(Box::new(EmailAddress {
                address: Field::Value("frannis@contoso.onmicrosoft.com".to_owned()),
                ..EmailAddress::default()
            })),
            ..Recipient::default()
        }))]),
        ..Message::default()
    };
    let body = UserSendmailRequestBody {
        message: Box::new(AnyMessage::Message(Box::new(message))),
        save_to_sent_items: Field::Value(false),
        additional_properties: serde_json::Map::new(),
    };
    let accepted: Accepted =
        g.client.send(Root.me().send_mail().post(&body).context("build")?).await.context("POST /me/sendMail")?;
    hits(&guard, 1, "POST /me/sendMail (method, path and JSON body checked)").await?;
    ensure(accepted.status == 202, || format!("status {}", accepted.status))?;
    Ok("202 Accepted, the mock matched the documented JSON body".to_owned())
}

/// Step 4: `POST /groups` (group-post-groups.md), then `PATCH /groups/{id}` with
/// `description` cleared (`Field::Null` sent as `null`) and only the
/// properties set sent.
async fn create_and_patch_group(g: &Graph) -> Outcome {
    let create_body = json!({
        "description": "Self help community for library",
        "displayName": "Library Assist",
        "groupTypes": ["Unified"],
        "mailEnabled": true,
        "mailNickname": "library",
        "securityEnabled": false
    });
    let created = g
        .answer(
            Mock::given(method("POST")).and(path("/v1.0/groups")).and(body_json(&create_body)),
            ResponseTemplate::new(201).set_body_json(json!({
                "id": GROUP_ID,
                "deletedDateTime": null,
                "classification": null,
                "createdDateTime": "2018-12-22T00:51:37Z",
                "creationOptions": [],
                "description": "Self help community for library",
                "displayName": "Library Assist",
                "groupTypes": ["Unified"],
                "mail": "library7423@contoso.com",
                "mailEnabled": true,
                "mailNickname": "library",
                "onPremisesLastSyncDateTime": null,
                "onPremisesSecurityIdentifier": null,
                "onPremisesSyncEnabled": null,
                "preferredDataLocation": "CAN",
                "proxyAddresses": ["SMTP:library7423@contoso.com"],
                "renewedDateTime": "2018-12-22T00:51:37Z",
                "resourceBehaviorOptions": [],
                "resourceProvisioningOptions": [],
                "securityEnabled": false,
                "visibility": "Public",
                "onPremisesProvisioningErrors": []
            })),
        )
        .await;
    let body = endpoints::post_groups::Body {
        display_name: "Library Assist".to_owned(),
        mail_enabled: true,
        mail_nickname: "library".to_owned(),
        security_enabled: false,
        rest: Group {
            description: Field::Value("Self help community for library".to_owned()),
            group_types: Field::Value(vec!["Unified".to_owned()]),
            ..Group::default()
        },
    };
    let group: Group = g.client.send(Root.groups().post(&body).context("build")?).await.context("POST /groups")?;
    hits(&created, 1, "POST /groups (JSON body checked)").await?;
    ensure(text(&group.id) == GROUP_ID, || format!("id {:?}", group.id))?;
    ensure(group.deleted_date_time.is_null() && group.created_date_time.value().is_some(), || {
        format!("deletedDateTime {:?}, createdDateTime {:?}", group.deleted_date_time, group.created_date_time)
    })?;

    // Exactly these two keys: `description` as null, nothing absent sent.
    let patch_body = json!({ "description": null, "displayName": "Library Assist (archived)" });
    let patched = g
        .answer(
            Mock::given(method("PATCH")).and(path(format!("/v1.0/groups/{GROUP_ID}"))).and(body_json(&patch_body)),
            ResponseTemplate::new(204),
        )
        .await;
    let patch = GroupUpdateRequestBody {
        description: Field::Null,
        display_name: Field::Value("Library Assist (archived)".to_owned()),
        ..GroupUpdateRequestBody::default()
    };
    let id = text(&group.id);
    let () =
        g.client.send(Root.groups().by_id(id).patch(&patch).context("build")?).await.context("PATCH /groups/{id}")?;
    hits(&patched, 1, "PATCH /groups/{id} (JSON body checked)").await?;
    let sent = patched.received_requests().await;
    let wire = sent.first().map(|r| String::from_utf8_lossy(&r.body).into_owned()).unwrap_or_default();
    ensure(wire.contains("\"description\":null") && !wire.contains("visibility"), || format!("PATCH body {wire}"))?;
    Ok(format!("created {id}; PATCH sent {wire} and got 204"))
}

/// Step 5: A 1 MiB upload: `createUploadSession` for a file addressed by
/// its path, `root:/{item-path}:` as the page's example writes it (the page's
/// HTTP request block lists only `items/{itemId}` routes; mdapi adopts the
/// example's route, `example-route-adopted`), with the body the page's
/// "Parameters" table documents; then the runtime's `upload` in four 320 KiB
/// chunks to the session's URL, on another host, with no token.
async fn upload(g: &Graph) -> Outcome {
    const ITEM_PATH: &str = "Documents/Q1 reports/largefile.dat";
    const SIZE: usize = 1024 * 1024;
    let upload_url = format!("{}/up/fe6987415ace7X4e1eF866337", g.storage.uri());
    let session = g
        .answer(
            Mock::given(method("POST"))
                .and(path("/v1.0/me/drive/root:/Documents/Q1%20reports/largefile.dat:/createUploadSession"))
                .and(body_json(json!({
                    "item": { "@microsoft.graph.conflictBehavior": "rename", "name": "largefile.dat" },
                    "deferCommit": false
                }))),
            ResponseTemplate::new(200).set_body_json(json!({
                "uploadUrl": upload_url,
                "expirationDateTime": "2015-01-29T09:21:55.523Z",
                "nextExpectedRanges": ["0-"]
            })),
        )
        .await;
    let mut chunks = Vec::new();
    let mut start = 0;
    while start < SIZE {
        let end = (start + CHUNK_UNIT).min(SIZE);
        let answer = if end == SIZE {
            ResponseTemplate::new(201).set_body_json(json!({
                "id": "912310013A123",
                "name": "largefile.dat",
                "size": SIZE,
                "file": {}
            }))
        } else {
            ResponseTemplate::new(202).set_body_json(json!({
                "expirationDateTime": "2015-01-29T09:21:55.523Z",
                "nextExpectedRanges": [format!("{end}-")]
            }))
        };
        let range = format!("bytes {start}-{}/{SIZE}", end - 1);
        chunks.push(
            Mock::given(method("PUT"))
                .and(path("/up/fe6987415ace7X4e1eF866337"))
                .and(header("content-range", range.as_str()))
                .respond_with(answer)
                .mount_as_scoped(&g.storage)
                .await,
        );
        start = end;
    }
    let mut item = DriveItemUploadableProperties { name: Field::Value("largefile.dat".to_owned()), ..Default::default() };
    item.additional_properties.insert("@microsoft.graph.conflictBehavior".to_owned(), json!("rename"));
    let body = DriveitemCreateuploadsessionRequestBody {
        item: Field::Value(Box::new(item)),
        defer_commit: Field::Value(false),
        ..Default::default()
    };
    let created: UploadSession = g
        .client
        .send(Root.me().drive().root().by_path(ITEM_PATH).create_upload_session().post(&body).context("build")?)
        .await
        .context("POST root:/{item-path}:/createUploadSession")?;
    hits(&session, 1, "createUploadSession").await?;
    let url = created.upload_url.value().ok_or("the session has no uploadUrl")?;
    let data: Vec<u8> = (0..SIZE).map(|i| u8::try_from(i * 31 % 251).unwrap_or(0)).collect();
    let options = UploadOptions { chunk_size: CHUNK_UNIT, ..UploadOptions::default() };
    let item: DriveItem = g.client.upload(url, &data, options).await.context("upload")?;
    let mut received = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        let requests = chunk.received_requests().await;
        ensure(requests.len() == 1, || format!("chunk {i}: {} requests", requests.len()))?;
        ensure(requests.iter().all(|r| !r.headers.contains_key("authorization")), || {
            format!("chunk {i} carried the token to the upload host")
        })?;
        received.extend(requests.iter().flat_map(|r| r.body.iter().copied()));
    }
    ensure(received == data, || format!("the chunks hold {} bytes, not the file's {SIZE}", received.len()))?;
    ensure(
        item.size.value().map(graph_v1_0::runtime::edm::Int64::get) == i64::try_from(SIZE).ok()
            && text(&item.name) == "largefile.dat",
        || format!("item {:?} {:?}", item.name, item.size),
    )?;
    Ok(format!("{SIZE} bytes in {} chunks, no token to the upload host, item {}", chunks.len(), text(&item.id)))
}

/// Step 6: `POST /$batch` of three requests built by generated endpoints: a GET
/// with `$select`, a GET answered 404, a PATCH with a body (answered 204);
/// Graph answers in any order.
async fn batch(g: &Graph) -> Outcome {
    const MISSING: &str = "9f3a1c2e-0000-4000-8000-000000000404";
    let requests = vec![
        BatchRequest::from_request("1", &endpoints::get_me::request().context("build")?.select(&["displayName"]))
            .context("batch entry 1")?,
        BatchRequest::from_request("2", &endpoints::get_users_by_id::request(MISSING).context("build")?)
            .context("batch entry 2")?,
        BatchRequest::from_request(
            "3",
            &endpoints::patch_groups_by_id::request(
                GROUP_ID,
                &GroupUpdateRequestBody { visibility: Field::Value("Private".to_owned()), ..Default::default() },
            )
            .context("build")?,
        )
        .context("batch entry 3")?,
    ];
    let expected = json!({ "requests": [
        { "id": "1", "method": "GET", "url": "/me?$select=displayName" },
        { "id": "2", "method": "GET", "url": format!("/users/{MISSING}") },
        { "id": "3", "method": "PATCH", "url": format!("/groups/{GROUP_ID}"),
          "headers": { "Content-Type": "application/json" }, "body": { "visibility": "Private" } }
    ]});
    let guard = g
        .answer(
            Mock::given(method("POST")).and(path("/v1.0/$batch")).and(body_json(&expected)),
            ResponseTemplate::new(200).set_body_json(json!({ "responses": [
                { "id": "3", "status": 204, "headers": { "Cache-Control": "no-cache" } },
                { "id": "1", "status": 200, "headers": { "Content-Type": "application/json" },
                  "body": { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(displayName)/$entity",
                            "displayName": "Megan Bowen" } },
                { "id": "2", "status": 404, "headers": { "Content-Type": "application/json" },
                  "body": { "error": {
                      "code": "Request_ResourceNotFound",
                      "message": format!("Resource '{MISSING}' does not exist or one of its queried reference-property objects are not present."),
                      "innerError": { "date": "2026-11-29T18:00:00", "request-id": "7d4a1a46-8ad3-4a3b-9ea5-4ff0b0b3f6a3",
                                      "client-request-id": "7d4a1a46-8ad3-4a3b-9ea5-4ff0b0b3f6a3" } } } }
            ]})),
        )
        .await;
    let answers = g.client.batch(requests).await.context("POST /$batch")?;
    hits(&guard, 1, "POST /$batch (the three entries checked)").await?;
    let ids: Vec<&str> = answers.iter().map(|a| a.id.as_str()).collect();
    ensure(ids == ["1", "2", "3"], || format!("answers in order {ids:?}"))?;
    let me: User = answers[0].json().context("answer 1")?;
    ensure(text(&me.display_name) == "Megan Bowen", || format!("answer 1 {:?}", me.display_name))?;
    match answers[1].json::<User>() {
        Err(Error::Graph(err)) if err.status == 404 && err.code == "Request_ResourceNotFound" => {}
        other => return Err(format!("answer 2 should be a 404 GraphError, got {other:?}")),
    }
    ensure(answers[2].status == 204, || format!("answer 3 status {}", answers[2].status))?;
    answers[2].json::<()>().context("answer 3")?;
    Ok("3 answers back in request order: 200 typed User, 404 typed GraphError, 204".to_owned())
}

fn delta_page(users: &Value, next: Option<String>, delta: Option<String>) -> ResponseTemplate {
    let mut body =
        json!({ "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": users.clone() });
    if let Some(next) = next {
        body["@odata.nextLink"] = json!(next);
    }
    if let Some(delta) = delta {
        body["@odata.deltaLink"] = json!(delta);
    }
    ResponseTemplate::new(200).set_body_json(body)
}

/// Step 7: `GET /users/delta` (user-delta.md): a round of two pages ending with a
/// deltaLink (the runtime's `Client::delta`), the link stored as JSON and read
/// back, then a second round from it (`Client::delta_from`).
async fn delta(g: &Graph) -> Outcome {
    let skip = "pqwSUjGYvb3jQpbwVAwEL7yuI3dU1LecfkkfLPtnIjsXoYQp_dpA3cNJWc";
    let token = "oEBwdSP6uehIAxQOWq_3Ksh_TLol6KIm3stvdc6hGhZRi1hQ7";
    let next_token = "stAQTKHIj2rD4kJ6c7w0Mv0T5sY8DZ1mZ9tJrYh1YQ2";
    let link = |query: &str| format!("{}/users/delta?{query}", g.base());
    let first = g
        .answer(
            Mock::given(method("GET"))
                .and(path("/v1.0/users/delta"))
                .and(query_param("$select", "displayName,jobTitle"))
                .and(query_param_is_missing("$skiptoken"))
                .and(query_param_is_missing("$deltatoken")),
            delta_page(
                &json!([
                    { "displayName": "Adele Vance", "jobTitle": "Retail Manager", "id": ADELE },
                    { "displayName": "Alex Wilber", "jobTitle": "Marketing Assistant", "id": ALEX }
                ]),
                Some(link(&format!("$skiptoken={skip}"))),
                None,
            ),
        )
        .await;
    let second = g
        .answer(
            Mock::given(method("GET")).and(path("/v1.0/users/delta")).and(query_param("$skiptoken", skip)),
            delta_page(
                &json!([{ "displayName": "Megan Bowen", "jobTitle": "Auditor", "id": "48d31887-5fad-4d73-a9f5-3c356e68a038" }]),
                None,
                Some(link(&format!("$deltatoken={token}"))),
            ),
        )
        .await;
    let round_two = g
        .answer(
            Mock::given(method("GET")).and(path("/v1.0/users/delta")).and(query_param("$deltatoken", token)),
            delta_page(
                &json!([
                    { "displayName": "Adele Vance", "jobTitle": "Retail Lead", "id": ADELE },
                    { "id": ALEX, "@removed": { "reason": "changed" } }
                ]),
                None,
                Some(link(&format!("$deltatoken={next_token}"))),
            ),
        )
        .await;
    let request = Root.users().delta().get().context("build")?.select(&["displayName", "jobTitle"]);
    let DeltaRound { items: users, delta_link } = g.client.delta(request).await.context("GET /users/delta")?;
    hits(&first, 1, "delta page 1").await?;
    hits(&second, 1, "delta page 2").await?;
    ensure(users.len() == 3, || format!("round 1: {} users", users.len()))?;
    ensure(delta_link.url() == link(&format!("$deltatoken={token}")), || format!("deltaLink {delta_link:?}"))?;

    // What an app keeps between runs: the link, as JSON.
    let stored = serde_json::to_string(&delta_link).context("store the deltaLink")?;
    let restored: DeltaLink<User> = serde_json::from_str(&stored).context("read the deltaLink back")?;
    let DeltaRound { items: changed, delta_link: next_delta } =
        g.client.delta_from(&restored).await.context("GET @odata.deltaLink")?;
    hits(&round_two, 1, "delta round 2").await?;
    ensure(changed.len() == 2, || format!("round 2: {} changes", changed.len()))?;
    ensure(text(&changed[0].job_title) == "Retail Lead", || format!("change 1 {:?}", changed[0].job_title))?;
    let removed = changed[1].additional_properties.get("@removed");
    ensure(text(&changed[1].id) == ALEX && removed == Some(&json!({ "reason": "changed" })), || {
        format!("change 2 {:?} {removed:?}", changed[1].id)
    })?;
    ensure(next_delta.url().ends_with(next_token), || format!("round 2 deltaLink {next_delta:?}"))?;
    Ok(format!(
        "round 1: {} users in 2 pages, deltaLink kept; round 2 from it: 1 update, 1 @removed, new deltaLink",
        users.len()
    ))
}

/// Step 8: `GET /groups/{id}/members` (group-list-members.md): users and groups
/// in one collection over two pages, each decoded by its `@odata.type`.
async fn members(g: &Graph) -> Outcome {
    let first = g
        .answer(
            Mock::given(method("GET"))
                .and(path(format!("/v1.0/groups/{GROUP_ID}/members")))
                .and(query_param_is_missing("$skiptoken")),
            ResponseTemplate::new(200).set_body_json(json!({
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directoryObjects",
                "value": [
                    { "@odata.type": "#microsoft.graph.user", "id": ADELE, "displayName": "Adele Vance",
                      "jobTitle": "Retail Manager", "mail": "AdeleV@contoso.com", "userPrincipalName": "AdeleV@contoso.com" },
                    { "@odata.type": "#microsoft.graph.group", "id": "02bd9fd6-8f93-4758-87c3-1fb73740a315",
                      "displayName": "HR Taskforce", "groupTypes": ["Unified"], "mailEnabled": true, "securityEnabled": false }
                ],
                "@odata.nextLink": format!("{}/groups/{GROUP_ID}/members?$skiptoken=M2", g.base())
            })),
        )
        .await;
    let second = g
        .answer(
            Mock::given(method("GET"))
                .and(path(format!("/v1.0/groups/{GROUP_ID}/members")))
                .and(query_param("$skiptoken", "M2")),
            ResponseTemplate::new(200).set_body_json(json!({
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directoryObjects",
                "value": [
                    { "@odata.type": "#microsoft.graph.user", "id": ALEX, "displayName": "Alex Wilber",
                      "jobTitle": "Marketing Assistant", "mail": "AlexW@contoso.com" }
                ]
            })),
        )
        .await;
    let members: Vec<AnyDirectoryObject> = g
        .client
        .items(Root.groups().by_id(GROUP_ID).members().get().context("build")?)
        .try_collect()
        .await
        .context("GET /groups/{id}/members")?;
    hits(&first, 1, "members page 1").await?;
    hits(&second, 1, "members page 2").await?;
    let kinds: Vec<String> = members
        .iter()
        .map(|m| match m {
            AnyDirectoryObject::User(u) => format!("user {} ({})", text(&u.display_name), text(&u.job_title)),
            AnyDirectoryObject::Group(group) => format!(
                "group {} {:?}",
                text(&group.display_name),
                group.group_types.value().cloned().unwrap_or_default()
            ),
            other => format!("other {other:?}"),
        })
        .collect();
    ensure(
        kinds
            == [
                "user Adele Vance (Retail Manager)",
                "group HR Taskforce [\"Unified\"]",
                "user Alex Wilber (Marketing Assistant)",
            ],
        || format!("members {kinds:?}"),
    )?;
    Ok(format!("{} members over 2 pages: 2 typed User, 1 typed Group", members.len()))
}

/// Step 9: `GET /me/calendar/calendarView?startDateTime=..&endDateTime=..`
/// (calendar-list-calendarview.md): the window is the call's arguments.
async fn calendar_view(g: &Graph) -> Outcome {
    let (start, end) = ("2017-01-01T19:00:00-08:00", "2017-01-07T19:00:00-08:00");
    let guard = g
        .answer(
            Mock::given(method("GET"))
                .and(path("/v1.0/me/calendar/calendarView"))
                .and(query_param("startDateTime", start))
                .and(query_param("endDateTime", end)),
            ResponseTemplate::new(200).set_body_json(json!({
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('48d31887')/calendar/calendarView",
                "value": [{
                    "@odata.etag": "W/\"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==\"",
                    "id": "AAMkAGI2TG93AAA=",
                    "subject": "Orientation",
                    "bodyPreview": "Dana, this is the time you selected for our orientation.",
                    "start": { "dateTime": "2017-01-02T19:00:00.0000000", "timeZone": "UTC" },
                    "end": { "dateTime": "2017-01-02T20:00:00.0000000", "timeZone": "UTC" },
                    "originalStartTimeZone": "Pacific Standard Time",
                    "originalEndTimeZone": "Pacific Standard Time",
                    "reminderMinutesBeforeStart": 15,
                    "isReminderOn": true
                }]
            })),
        )
        .await;
    let request = Root.me().calendar().calendar_view().get(start, end).context("build")?;
    let events: Collection<Event> = g.client.send(request).await.context("GET calendarView")?;
    hits(&guard, 1, "calendarView (startDateTime and endDateTime checked)").await?;
    let event = events.value.first().ok_or("no event")?;
    let starts = event.start.value().map(|s| text(&s.date_time).to_owned()).unwrap_or_default();
    ensure(text(&event.subject) == "Orientation" && starts == "2017-01-02T19:00:00.0000000", || {
        format!("event {:?} starting {starts}", event.subject)
    })?;
    ensure(event.reminder_minutes_before_start.value() == Some(&15), || {
        format!("reminderMinutesBeforeStart {:?}", event.reminder_minutes_before_start)
    })?;
    Ok(format!("{} event in [{start}, {end}]: \"{}\" at {starts}", events.value.len(), text(&event.subject)))
}

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
