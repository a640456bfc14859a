//! The docs' examples as data: a generated crate lists every example as a
//! [`Case`] in one table, and one harness runs each as its own test, named
//! `<area>::<example>` (`cargo test get_user_1` runs one). A table of cases
//! compiles far faster than thousands of `#[test]` functions: the only code
//! per example is the decode functions its bodies need.
//!
//! With the `client` feature, a case whose bodies round-trip is also sent
//! through its endpoint's own `request` function and the client to a
//! loopback mock server that checks the request and answers with the
//! documented response, which must decode into the endpoint's declared
//! response type (`examples_call`, `examples_client`).

use crate::check;
pub use crate::examples_case::{BodyCase, Case, UrlCase};

impl BodyCase {
    fn run(&self) {
        match self {
            Self::RoundTrip { json, check, .. } | Self::Wrapped { json, check } => check(json),
            Self::DecodeFails { json, reason, check } => check(json, reason),
            Self::NotJson { text, reason } => check::not_json(text, reason),
        }
    }
}

impl Case {
    /// Runs every check; a failed one panics with what the docs promised.
    pub fn run(&self) {
        match &self.url_case {
            Some(UrlCase::Matches { operation, bindings }) => {
                check::url_matches(operation, self.method, self.url, bindings)
            }
            Some(UrlCase::MatchesNone { operations }) => check::url_matches_none(operations, self.method, self.url),
            None => {}
        }
        for body in [&self.request, &self.response].into_iter().flatten() {
            body.run();
        }
        #[cfg(all(feature = "client", feature = "harness"))]
        if self.client_check {
            crate::examples_client::run(self);
        }
    }
}

/// The `main` of a generated crate's example tests, over the cases of each
/// group (one group per file): one libtest-compatible trial per case
/// (filters, `--list`, `--exact` and the summary line work as with
/// `cargo test`).
#[cfg(feature = "harness")]
pub fn main(groups: &[&'static [Case]]) -> std::process::ExitCode {
    let arguments = libtest_mimic::Arguments::from_args();
    let against_mock = std::env::var("MDAPI_EXAMPLES_SERVER").is_ok_and(|v| v == "mock");
    if against_mock && !start_shared_mock(groups) {
        eprintln!("MDAPI_EXAMPLES_SERVER=mock needs the crate's `mock` feature (and `client`)");
        return std::process::ExitCode::FAILURE;
    }
    let trials = groups
        .iter()
        .flat_map(|cases| cases.iter())
        .map(|case| {
            libtest_mimic::Trial::test(case.test_name(), move || {
                case.run();
                Ok(())
            })
        })
        .collect();
    let conclusion = libtest_mimic::run(&arguments, trials);
    #[cfg(feature = "client")]
    {
        let (passed, failed, areas) = crate::examples_client::tally();
        if against_mock {
            let shadowed = crate::examples_client::shadowed();
            println!(
                "client check against the crate's mock server: {passed} passed, {failed} failed, {areas} areas; \
                 {shadowed} matched, but an earlier example documents another answer to the same request"
            );
        } else {
            println!("client check against a loopback mock: {passed} passed, {failed} failed, {areas} areas");
        }
    }
    conclusion.exit_code()
}

/// Starts the crate's mock server over `groups` for every client check to
/// go to (`MDAPI_EXAMPLES_SERVER=mock`): the checks then prove that the mock
/// answers each documented request with its documented answer. `false`
/// without the `mock` feature.
#[cfg(feature = "harness")]
fn start_shared_mock(groups: &[&'static [Case]]) -> bool {
    #[cfg(all(feature = "client", feature = "mock"))]
    {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return false };
        let mock = runtime.block_on(crate::mock::MockServer::start(groups));
        println!("the crate's mock server serves {} documented examples", mock.examples());
        // The server runs on a thread of its own; the runtime may go.
        crate::examples_client::against_mock(mock)
    }
    #[cfg(not(all(feature = "client", feature = "mock")))]
    {
        let _ = groups;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, PathPart, Permissions};

    static GET_USER: Operation = Operation {
        id: "get_users",
        method: "GET",
        route: "/users/{id}",
        path: &[PathPart::Literal("/users/"), PathPart::Param("id")],
        permissions: Permissions::UNDOCUMENTED,
        source: ("api/user-get.md", 1),
    };

    #[derive(serde::Serialize, serde::Deserialize)]
    struct User {
        id: String,
    }

    fn case(url: &'static str, response: BodyCase) -> Case {
        Case {
            area: "users",
            name: "get_user",
            source: ("api/user-get.md", 40),
            method: "GET",
            url,
            headers: &[],
            response_headers: &[],
            url_case: Some(UrlCase::Matches { operation: &GET_USER, bindings: &[("id", "u1")] }),
            request: None,
            response: Some(response),
            status: 200,
            // The unit tests check the table's own checks; the client check
            // has its own test (tests/example_cases.rs).
            client_check: false,
            call: None,
        }
    }

    fn fails(case: &Case) -> bool {
        std::panic::catch_unwind(|| case.run()).is_err()
    }

    #[test]
    fn a_case_passes_only_when_the_docs_agree() {
        let good = case(
            "https://graph.microsoft.com/v1.0/users/u1",
            BodyCase::RoundTrip { json: r#"{"id":"u1"}"#, check: check::round_trip::<User> },
        );
        assert_eq!(good.test_name(), "users::get_user");
        assert!(!fails(&good));
        let wrong_url = case(
            "https://graph.microsoft.com/v1.0/users/u2",
            BodyCase::RoundTrip { json: r#"{"id":"u1"}"#, check: check::round_trip::<User> },
        );
        assert!(fails(&wrong_url));
        let wrong_body = case(
            "https://graph.microsoft.com/v1.0/users/u1",
            BodyCase::RoundTrip { json: r#"{"id":1}"#, check: check::round_trip::<User> },
        );
        assert!(fails(&wrong_body));
    }

    #[test]
    fn a_doc_defect_case_flips_when_the_page_is_fixed() {
        let defect = |json| {
            case(
                "https://graph.microsoft.com/v1.0/users/u1",
                BodyCase::DecodeFails {
                    json,
                    reason: "`\"id\": 1` is a number, but the table declares `id` as String",
                    check: check::decode_fails::<User>,
                },
            )
        };
        assert!(!fails(&defect(r#"{"id":1}"#)));
        assert!(fails(&defect(r#"{"id":"u1"}"#)));
    }
}
