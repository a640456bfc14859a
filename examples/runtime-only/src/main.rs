//! runtime-only: one call and one paged walk through the runtime's client
//! against a loopback wiremock server, with a hand-written `Operation` and
//! untyped (`serde_json::Value`) answers: the program `examples/everyday`
//! would be without the generated SDK. `cargo xtask sdk-cost` holds the
//! everyday binary's size against this one's.

use mdapi_runtime::auth::AccessToken;
use mdapi_runtime::client::{Client, TryStreamExt};
use mdapi_runtime::{Collection, Operation, PathPart, Permissions, Request};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

static GET_ME: Operation = Operation {
    id: "get_me",
    method: "GET",
    route: "/me",
    path: &[PathPart::Literal("/me")],
    permissions: Permissions::UNDOCUMENTED,
    source: ("api/user-get.md", 1),
};

static GET_USERS: Operation =
    Operation { id: "get_users", route: "/users", path: &[PathPart::Literal("/users")], ..GET_ME };

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "displayName": "Megan Bowen" })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "value": [{ "id": "1" }, { "id": "2" }] })))
        .mount(&server)
        .await;
    let client = Client::builder(AccessToken::new("runtime-only")).base_url(format!("{}/v1.0", server.uri())).build()?;
    let me: Value = client.send(Request::new(&GET_ME, &[])?).await?;
    let users: Vec<Value> = client.items(Request::<Collection<Value>>::new(&GET_USERS, &[])?).try_collect().await?;
    if me["displayName"] != "Megan Bowen" || users.len() != 2 {
        return Err(format!("unexpected answers: {me} and {} users", users.len()).into());
    }
    println!("runtime-only: 2 calls answered");
    Ok(())
}
