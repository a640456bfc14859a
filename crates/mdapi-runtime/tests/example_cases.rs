//! The client check that example cases run: the case's call builds the
//! request with the endpoint's own `request` function and the check
//! passes only when the wire is the documented one and the answer
//! decodes into the endpoint's declared response type and encodes back
//! to the documented response.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mdapi_runtime::examples::{BodyCase, Case, UrlCase};
use mdapi_runtime::examples_call::{exchange, Call};
use mdapi_runtime::request::{BuildError, QueryValue};
use mdapi_runtime::{Collection, Operation, Request};
use serde_json::Value;

mod support;
use support::{GET_USER, IMPORT_WIDGET};

/// Like a generated model: optional fields, unknown properties kept.
#[derive(serde::Serialize, serde::Deserialize)]
struct User {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "displayName", default, skip_serializing_if = "Option::is_none")]
    display_name: Option<String>,
    #[serde(flatten)]
    additional_properties: serde_json::Map<String, Value>,
}
mdapi_runtime::from_json!(User);

/// A model that lacks `displayName` and keeps nothing else.
#[derive(serde::Serialize, serde::Deserialize)]
struct Lossy {
    id: String,
}
mdapi_runtime::from_json!(Lossy);

/// An endpoint's `request`, as generated, for whatever response type.
fn get_user<R: mdapi_runtime::FromResponse>(id: &str) -> Result<Request<R>, BuildError> {
    Request::new(&GET_USER, &[id])
}

static PATCH_USER: Operation = Operation { id: "patch_users", method: "PATCH", ..GET_USER };

fn patch_user(id: &str, body: &User) -> Result<Request<()>, BuildError> {
    Request::new(&PATCH_USER, &[id]).and_then(|request| request.json(body))
}

const ADA: &str = r#"{"id":"a@b.com","displayName":"Ada"}"#;
const ADAS: &str = r#"{"@odata.context":"x","value":[{"id":"a@b.com","displayName":"Ada"}]}"#;

fn round_trip(json: &'static str) -> Option<BodyCase> {
    Some(BodyCase::RoundTrip { json, check: mdapi_runtime::check::round_trip::<Value> })
}

fn case(status: u16, response: Option<&'static str>, call: Call) -> Case {
    Case {
        area: "users",
        name: "get_user",
        source: ("api/user-get.md", 40),
        method: "GET",
        url: "https://graph.microsoft.com/v1.0/users/a%40b.com?$select=id,displayName",
        headers: &[],
        response_headers: &[],
        url_case: Some(UrlCase::Matches { operation: &GET_USER, bindings: &[("id", "a%40b.com")] }),
        request: None,
        response: response.and_then(round_trip),
        status,
        client_check: true,
        call: Some(call),
    }
}

/// The check's failure message, or `None` when it passed.
fn failure(case: &Case) -> Option<String> {
    let failure = std::panic::catch_unwind(|| case.run()).err()?;
    failure.downcast_ref::<String>().cloned()
}

#[test]
fn a_case_passes_through_the_endpoints_own_request_and_type() {
    // The path value is decoded before the endpoint encodes it again,
    // and the documented `$select` is added with `Request::param`.
    let typed = case(200, Some(ADA), |input| exchange(input, |input| Ok(get_user::<User>(input.path(0))?)));
    assert_eq!(failure(&typed), None);
    let list = case(200, Some(ADAS), |input| exchange(input, |input| Ok(get_user::<Collection<User>>(input.path(0))?)));
    assert_eq!(failure(&list), None);
    let untyped = case(200, Some(ADAS), |input| exchange(input, |input| Ok(get_user::<Value>(input.path(0))?)));
    assert_eq!(failure(&untyped), None);
    let no_content = case(204, None, |input| exchange(input, |input| Ok(get_user::<()>(input.path(0))?)));
    assert_eq!(failure(&no_content), None);
    let error = r#"{"error":{"code":"Request_ResourceNotFound","message":"gone"}}"#;
    let not_found = case(404, Some(error), |input| exchange(input, |input| Ok(get_user::<User>(input.path(0))?)));
    assert_eq!(failure(&not_found), None);
}

#[test]
fn a_unit_response_type_fails_against_a_documented_json_answer() {
    let unit = case(200, Some(ADA), |input| exchange(input, |input| Ok(get_user::<()>(input.path(0))?)));
    let message = failure(&unit).expect("`Request<()>` cannot hold the documented user");
    assert!(message.contains("does not decode into the declared ()"), "{message}");
}

#[test]
fn one_entity_fails_against_a_documented_collection() {
    let entity = case(200, Some(ADAS), |input| exchange(input, |input| Ok(get_user::<User>(input.path(0))?)));
    let message = failure(&entity).expect("one `User` is not a list of users");
    assert!(message.contains("has no list at `value`"), "{message}");
    let strict = case(200, Some(ADAS), |input| exchange(input, |input| Ok(get_user::<Lossy>(input.path(0))?)));
    let message = failure(&strict).expect("a model without `id` in the answer does not decode");
    assert!(message.contains("does not decode into the declared"), "{message}");
}

#[test]
fn a_type_that_loses_properties_fails() {
    let lossy = case(200, Some(ADA), |input| exchange(input, |input| Ok(get_user::<Lossy>(input.path(0))?)));
    let message = failure(&lossy).expect("`Lossy` drops `displayName`");
    assert!(message.contains("the declared response type made"), "{message}");
}

#[test]
fn required_query_values_and_headers_come_from_the_docs_and_must_be_sent() {
    let import = |call: Call| Case {
        method: "POST",
        url: "https://graph.microsoft.com/v1.0/widgets/9/import?since=2024-01-01T00:00:00.0000000Z",
        headers: &[("Prefer", "respond-async")],
        response_headers: &[("Location", "https://example.net/monitor/77")],
        url_case: Some(UrlCase::Matches { operation: &IMPORT_WIDGET, bindings: &[("widget-id", "9")] }),
        ..case(202, None, call)
    };
    // As generated: the typed query value parsed from the docs (and
    // written back in another spelling of the same instant), the header
    // from the documented request, the monitor URL in the answer.
    let good = import(|input| {
        exchange(input, |input| {
            let since = input.query_as::<mdapi_runtime::edm::DateTimeOffset>("since")?;
            Ok(Request::<mdapi_runtime::Accepted>::new(&IMPORT_WIDGET, &[input.path(0)])?
                .param("since", QueryValue::to_query(&since))
                .header("Prefer", input.header("Prefer")?))
        })
    });
    assert_eq!(failure(&good), None);
    // An endpoint that takes the header and drops it.
    let dropped = import(|input| {
        exchange(input, |input| {
            let _ = input.header("Prefer")?;
            let since = input.query("since")?;
            Ok(Request::<mdapi_runtime::Accepted>::new(&IMPORT_WIDGET, &[input.path(0)])?.param("since", since))
        })
    });
    let message = failure(&dropped).expect("the header never reaches the wire");
    assert!(message.contains("header Prefer"), "{message}");
    // A documented value that is not of the argument's type.
    let unparsable = import(|input| {
        exchange(input, |input| {
            let since = input.query_as::<i32>("since")?;
            Ok(Request::<mdapi_runtime::Accepted>::new(&IMPORT_WIDGET, &[input.path(0)])?
                .param("since", QueryValue::to_query(&since)))
        })
    });
    let message = failure(&unparsable).expect("the docs' value is no i32");
    assert!(message.contains("of `since` is not a i32"), "{message}");
}

#[test]
fn the_documented_body_goes_through_the_endpoints_body_type() {
    let patch = |call: Call| Case {
        method: "PATCH",
        url: "https://graph.microsoft.com/v1.0/users/a%40b.com",
        url_case: Some(UrlCase::Matches { operation: &PATCH_USER, bindings: &[("id", "a%40b.com")] }),
        request: round_trip(r#"{"displayName":"Ada","jobTitle":"Countess"}"#),
        ..case(204, None, call)
    };
    let good = patch(|input| exchange(input, |input| Ok(patch_user(input.path(0), &input.body()?)?)));
    assert_eq!(failure(&good), None);
    // The body a user cannot pass: the endpoint's `request` takes none.
    let bodiless = patch(|input| exchange(input, |input| Ok(get_user::<()>(input.path(0))?)));
    let message = failure(&bodiless).expect("the documented body is never sent");
    assert!(message.contains("takes none"), "{message}");
}
