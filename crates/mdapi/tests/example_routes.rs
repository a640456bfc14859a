//! Routes only an example writes (`mdapi-ir/src/example_routes.rs`): a
//! page whose example calls its operation through an address the HTTP
//! request block leaves out (a colon path) gets that route generated, with
//! a warning to list it; a URL that is not an address of the API (a typo
//! in the version) is not adopted and stays an error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use mdapi::DocSet;
use mdapi_ir::{Code, Severity};

fn analysis() -> mdapi::Analysis {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example-routes");
    mdapi::analyze(&DocSet::load(&[folder]).unwrap())
}

#[test]
fn an_example_route_is_adopted_with_a_warning_and_a_typo_is_not() {
    let analysis = analysis();
    let adopted: Vec<_> = analysis.diagnostics.iter().filter(|d| d.code == Code::ExampleRouteAdopted).collect();
    assert_eq!(adopted.len(), 1, "{adopted:?}");
    assert_eq!(adopted[0].severity, Severity::Warning);
    assert!(adopted[0].file.ends_with("crate-createsealsession.md") && adopted[0].span.line == 26, "{adopted:?}");

    let unmatched: Vec<_> = analysis.diagnostics.iter().filter(|d| d.code == Code::ExampleUrlUnmatched).collect();
    assert_eq!(unmatched.len(), 1, "only the typo stays unmatched: {unmatched:?}");
    assert!(unmatched[0].message.contains("/v1/depots/"), "{unmatched:?}");
    assert!(!analysis.api.operations.iter().any(|op| op.path.starts_with("/v1/")));
}

/// The adopted route is the page's operation reached another way: same
/// method, body and answer. Where another page lists the same route, the
/// listing page is the operation's source, though the adopting page's file
/// name names the route better.
#[test]
fn a_listed_route_wins_over_an_adopted_one() {
    let analysis = analysis();
    let ops: Vec<_> = analysis
        .api
        .operations
        .iter()
        .filter(|op| op.method == "POST" && op.path == "/me/depot/root:/{crate-path}:/createSealSession")
        .collect();
    let [op] = ops.as_slice() else { panic!("{ops:?}") };
    assert!(op.source.file.ends_with("depot-seal.md"), "{:?}", op.source);
    assert!(!op.route_from_example);
    assert_eq!(op.response.body.as_ref().map(|t| t.name.as_str()), Some("microsoft.graph.sealSession"));
    assert!(op.also_documented.iter().any(|s| s.file.ends_with("crate-createsealsession.md")), "{op:?}");
}
