//! Kinds of fault found on docs mdapi was not tuned on (another team's
//! pages in Graph's conventions, public bug reports on the Graph docs),
//! each on its own small doc set in `tests/fixtures/kinds/<kind>`, run the
//! way a user runs mdapi: `mdapi lint` for findings, the library for the
//! API model the generated code is made from.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use mdapi::DocSet;
use mdapi_ir::{BodyCheck, Example, UrlCheck};
use serde_json::Value;

fn kind(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kinds").join(name)
}

fn analyze(folders: &[PathBuf]) -> mdapi::Analysis {
    mdapi::analyze(&DocSet::load(folders).unwrap())
}

/// `mdapi lint --format json` over `folders`: the exit code and findings.
fn lint(folders: &[&Path]) -> (Option<i32>, Vec<Value>) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mdapi"));
    command.args(["-q", "lint", "--format", "json"]);
    for folder in folders {
        command.arg("--docs").arg(folder);
    }
    let output = command.output().unwrap();
    let findings =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (output.status.code(), findings)
}

/// `(code, file name, line, column)` of each finding.
fn places(findings: &[Value]) -> Vec<(String, String, u64, u64)> {
    findings
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
            (f["code"].as_str().unwrap().to_owned(), file, f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap())
        })
        .collect()
}

fn example<'a>(analysis: &'a mdapi::Analysis, name: &str) -> &'a Example {
    analysis.api.examples.iter().find(|e| e.name.as_deref() == Some(name)).unwrap_or_else(|| panic!("{name}"))
}

fn round_trips(check: Option<&BodyCheck>) -> bool {
    matches!(check, Some(BodyCheck::RoundTrip { .. }))
}

/// Kind: a primitive linked to a page explaining its format
/// (`[DateTimeOffset](timestamp.md)`) became an empty struct named after
/// the page, and the generated tests asserted that decoding fails. It is
/// the primitive: no such type, and the bodies round-trip.
#[test]
fn primitive_linked_to_an_explanatory_page() {
    let (code, findings) = lint(&[&kind("primitive-linked-to-explanatory-page")]);
    assert_eq!((code, findings.len()), (Some(0), 0), "{findings:?}");
    let analysis = analyze(&[kind("primitive-linked-to-explanatory-page")]);
    assert!(analysis.api.find_type("microsoft.graph.timestamp").is_none(), "no type named after the explanation");
    let version = analysis.api.find_type("microsoft.graph.gadgetVersion").unwrap();
    let typed: Vec<(&str, &str, bool)> =
        version.properties.iter().map(|p| (p.name.as_str(), p.type_name.as_str(), p.collection)).collect();
    assert_eq!(
        typed,
        [("id", "String", false), ("savedDateTime", "DateTimeOffset", false), ("stampedAt", "DateTimeOffset", true)]
    );
    let get = example(&analysis, "get_gadget_version");
    assert!(round_trips(get.response.as_ref().and_then(|r| r.body_check.as_ref())), "{get:?}");
    let representation = analysis.api.representations.iter().find(|r| r.r#type.ends_with("gadgetVersion")).unwrap();
    assert!(round_trips(Some(&representation.body_check)), "{representation:?}");
}

/// Kind: type cells offering alternatives (`[userSet](..) or
/// [groupSet](..)`) took the first type named, so a value of the other
/// was reported as unknown properties. The property takes the nearest
/// common base; with none, any JSON value, and a note says so.
#[test]
fn type_cells_naming_alternatives() {
    let (code, findings) = lint(&[&kind("alternatives-in-type-cells")]);
    assert_eq!(code, Some(0));
    assert_eq!(places(&findings), [("type-alternatives".to_owned(), "accessrule.md".to_owned(), 16, 1)]);
    assert_eq!(findings[0]["severity"], "note");
    let analysis = analyze(&[kind("alternatives-in-type-cells")]);
    let rule = analysis.api.find_type("microsoft.graph.accessRule").unwrap();
    let type_of = |name: &str| rule.properties.iter().find(|p| p.name == name).unwrap().type_name.as_str();
    assert_eq!(type_of("subject"), "microsoft.graph.subjectSet", "userSet and groupSet derive from subjectSet");
    assert_eq!(type_of("origin"), "Json", "userSet and ipRange share no base");
    let create = example(&analysis, "create_access_rule");
    assert!(round_trips(create.request.body_check.as_ref()), "{create:?}");
    assert!(round_trips(create.response.as_ref().and_then(|r| r.body_check.as_ref())), "{create:?}");
}

/// Kind: a nested `@odata.type` in a body names the derived type its
/// value is; it is checked as that type (a regression test: this held
/// before issue 19's work).
#[test]
fn nested_odata_type_in_a_body() {
    let (_, findings) = lint(&[&kind("nested-odata-type")]);
    // Only the second example is wrong: `contentBytes` is fileAttachment's,
    // checked because the nested `@odata.type` says the item is one.
    assert_eq!(places(&findings), [("example-type-mismatch".to_owned(), "note-post.md".to_owned(), 71, 74)]);
    let analysis = analyze(&[kind("nested-odata-type")]);
    let create = example(&analysis, "create_note_with_attachments");
    assert!(round_trips(create.request.body_check.as_ref()), "{create:?}");
    let BodyCheck::RoundTrip { unlisted, .. } = create.request.body_check.as_ref().unwrap() else { unreachable!() };
    assert!(unlisted.is_empty(), "contentBytes and target are the derived types' own: {unlisted:?}");
}

/// Kind: a request-body table whose type column is headed `Value` was
/// skipped with no word, so the call took no body. It types the body (a
/// regression test: this held before issue 19's work).
#[test]
fn body_table_whose_type_column_is_headed_value() {
    let analysis = analyze(&[kind("value-headed-body-table")]);
    let rename = analysis.api.operations.iter().find(|op| op.path == "/widgets/{widget-id}/rename").unwrap();
    let body = rename.request_body.as_ref().expect("the call takes a body");
    let def = analysis.api.find_type(body.name.as_str()).unwrap();
    let fields: Vec<(&str, &str)> = def.properties.iter().map(|p| (p.name.as_str(), p.type_name.as_str())).collect();
    assert_eq!(fields, [("newName", "String"), ("keepHistory", "Boolean")]);
    assert!(round_trips(example(&analysis, "rename_widget").request.body_check.as_ref()));
    let text = example(&analysis, "rename_widget_keep_as_text");
    assert!(matches!(text.request.body_check, Some(BodyCheck::DecodeFails { .. })), "{text:?}");
}

/// Kind: an HTTP request block written as a whole request (request line,
/// headers, body) had each header and body line reported as an invalid
/// route. The block documents its one route.
#[test]
fn request_headers_and_body_in_the_http_request_block_are_not_routes() {
    let (code, findings) = lint(&[&kind("request-in-route-block")]);
    assert_eq!((code, findings.len()), (Some(0), 0), "{findings:?}");
    let analysis = analyze(&[kind("request-in-route-block")]);
    let routes: Vec<(&str, &str)> =
        analysis.api.operations.iter().map(|op| (op.method.as_str(), op.path.as_str())).collect();
    assert_eq!(routes, [("PATCH", "/widgets/{widget-id}")]);
}

/// Kind: examples on concept pages were matched against the routes the
/// page has (none): an error each. A call another page documents is an
/// example of that call; a call no page documents is a note.
#[test]
fn examples_on_concept_pages_are_matched_to_the_doc_sets_routes() {
    let (code, findings) = lint(&[&kind("examples-on-concept-pages")]);
    assert_eq!(code, Some(0), "{findings:?}");
    assert_eq!(places(&findings), [("example-url-undocumented".to_owned(), "widgets-overview.md".to_owned(), 28, 1)]);
    assert_eq!(findings[0]["severity"], "note");
    let analysis = analyze(&[kind("examples-on-concept-pages")]);
    let overview = example(&analysis, "overview_get_widget");
    assert_eq!(overview.operation.as_deref(), Some("get_widgets_by_id"));
    assert!(matches!(overview.url_check, UrlCheck::Matches { .. }));
    assert!(round_trips(overview.response.as_ref().and_then(|r| r.body_check.as_ref())), "{overview:?}");
    assert!(analysis.api.examples.iter().all(|e| e.name.as_deref() != Some("overview_widget_history")));
}

/// Kind: links differing from an existing page only in letter case were
/// reported as links to missing pages; they say "differs in case" and
/// name the page. A link to a page that is not there still is missing.
#[test]
fn links_differing_in_case_from_a_page() {
    let (_, findings) = lint(&[&kind("link-differing-in-case")]);
    let found: Vec<(String, u64)> =
        findings.iter().map(|f| (f["code"].as_str().unwrap().to_owned(), f["line"].as_u64().unwrap())).collect();
    assert_eq!(
        found,
        [("link-case-mismatch".into(), 8), ("link-missing-page".into(), 8), ("link-case-mismatch".into(), 15)]
    );
    for finding in findings.iter().filter(|f| f["code"] == "link-case-mismatch") {
        let message = finding["message"].as_str().unwrap();
        assert!(message.contains("differs in case") && message.contains("`resources/widget.md`"), "{message}");
    }
}

/// Kind: v1.0 and beta pages given to one run were merged into one
/// namespace with no word. A warning says the versions were mixed,
/// whether the versions are folders of one docs folder or two docs
/// folders named for them.
#[test]
fn mixing_api_versions_in_one_run_is_reported() {
    let docs = kind("mixed-versions");
    for run in [vec![docs.clone()], vec![docs.join("v1.0"), docs.join("beta")]] {
        let folders: Vec<&Path> = run.iter().map(PathBuf::as_path).collect();
        let (code, findings) = lint(&folders);
        assert_eq!(code, Some(0));
        let mixed: Vec<&Value> = findings.iter().filter(|f| f["code"] == "versions-mixed").collect();
        assert_eq!(mixed.len(), 1, "{run:?}: {findings:?}");
        assert_eq!(mixed[0]["severity"], "warning");
        let message = mixed[0]["message"].as_str().unwrap();
        assert!(message.contains("mixes API versions") && message.contains("`beta`") && message.contains("`v1.0`"));
    }
    // One version alone is not mixed.
    let (_, alone) = lint(&[&docs.join("v1.0")]);
    assert!(alone.iter().all(|f| f["code"] != "versions-mixed"), "{alone:?}");
}

/// Kind: an example calling another API version than its page documents
/// is found whatever names the page's version: a version folder in the
/// page's path (`cases.rs`), the docs folder's name, or, where neither
/// does, the version most of the doc set's examples call.
#[test]
fn an_example_calling_another_version_whatever_names_the_page_version() {
    let root_named =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cases/example-version-mismatch/v1.0");
    let (_, findings) = lint(&[&root_named]);
    assert_eq!(places(&findings).iter().filter(|p| p.0 == "example-version-mismatch").count(), 1, "{findings:?}");
    let page = |version: &str| {
        format!(
            "---\ndoc_type: apiPageType\n---\n# Get widget\n\n## HTTP request\n\n```http\nGET /widgets/{{id}}\n```\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"get_{version}\" }} -->\n\n```http\nGET https://graph.microsoft.com/{version}/widgets/1\n```\n"
        )
    };
    let set = DocSet::from_memory([
        ("api/a.md", page("v1.0")),
        ("api/b.md", page("v1.0").replace("get_v1.0", "get_again")),
        ("api/c.md", page("beta")),
    ]);
    let analysis = mdapi::analyze(&set);
    let mismatched: Vec<(&str, u32)> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == mdapi_parse::Code::ExampleVersionMismatch)
        .map(|d| (d.file.as_str(), d.span.line))
        .collect();
    assert_eq!(mismatched, [("api/c.md", 17)], "the request line");
}

/// Kind: a resource page's JSON representation with a missing comma was
/// dropped silently (no diagnostic, no representation test), and in an
/// API example the same defect was reported at the body's first line.
/// Both are reported where the comma goes: after the value it follows.
#[test]
fn a_missing_comma_is_diagnosed_where_the_comma_goes() {
    let (_, findings) = lint(&[&kind("missing-comma")]);
    assert_eq!(
        places(&findings),
        [
            ("example-body-invalid".to_owned(), "widget-get.md".to_owned(), 38, 13), // `"size": 12`
            ("resource-json-invalid".to_owned(), "widget.md".to_owned(), 25, 19),    // `"name": "String"`
        ]
    );
    for finding in &findings {
        let message = finding["message"].as_str().unwrap();
        assert!(message.contains("expected `,`") && !message.contains("at line"), "page lines only: {message}");
    }
}

/// Kind: an example that omits a route's required query parameters, or
/// sends them under other names, is reported at its request line (a
/// regression test: this held before issue 19's work).
#[test]
fn an_example_omitting_required_query_parameters() {
    let (code, findings) = lint(&[&kind("required-query-omitted")]);
    assert_eq!(code, Some(0));
    let found: Vec<(u64, &str)> =
        findings.iter().map(|f| (f["line"].as_u64().unwrap(), f["message"].as_str().unwrap())).collect();
    assert_eq!(
        found,
        [
            (45, "the example leaves out what the call requires: query `startDate`"),
            (53, "the example leaves out what the call requires: query `startDate`, query `endDate`"),
        ]
    );
    assert!(findings.iter().all(|f| f["code"] == "example-argument-missing" && f["severity"] == "warning"));
}

/// Kind: a resource page whose annotation names one base (`baseType:
/// entity`) and whose text another ("Inherits from directoryObject",
/// itself an entity), as Graph's `orgContact` page does. The annotation
/// won silently, so a contact among a group's members decoded as the base
/// type. The more derived of the two is the base, and the page is told.
#[test]
fn annotation_and_text_naming_different_bases() {
    let (code, findings) = lint(&[&kind("base-type-conflict")]);
    assert_eq!(code, Some(0));
    let mut found = places(&findings);
    found.sort();
    let conflict = |file: &str| ("base-type-conflict".to_owned(), file.to_owned(), 8, 1);
    assert_eq!(found, [conflict("beacon.md"), conflict("hangar.md"), conflict("pilot.md")]);
    let analysis = analyze(&[kind("base-type-conflict")]);
    let base = |name: &str| analysis.api.find_type(&format!("microsoft.graph.{name}")).unwrap().base.clone();
    // The text's base derives from the annotation's: the text's.
    assert_eq!(base("pilot").as_deref(), Some("microsoft.graph.member"));
    // The annotation's derives from the text's: the annotation's.
    assert_eq!(base("hangar").as_deref(), Some("microsoft.graph.member"));
    // Neither derives from the other: the annotation's.
    assert_eq!(base("beacon").as_deref(), Some("microsoft.graph.pilot"));
    let member = analysis.api.find_type("microsoft.graph.member").unwrap();
    assert!(member.derived.iter().any(|d| d.eq_ignore_ascii_case("microsoft.graph.pilot")), "{:?}", member.derived);
    // A pilot in the members list round-trips as a pilot, `licence` and all.
    let list = example(&analysis, "list_crew_members");
    let check = list.response.as_ref().and_then(|r| r.body_check.as_ref());
    let Some(BodyCheck::RoundTrip { unlisted, .. }) = check else { panic!("{list:?}") };
    assert!(unlisted.is_empty(), "licence is a pilot's own: {unlisted:?}");
}

/// Kinds (found by a newcomer on docs of their own): footnote marks other
/// than `*` (`<sup>1</sup>`, `†`, standing apart or not) were glued to the
/// scope (`Books.Read.Branch1`) or made the cell unreadable; an HTML list in
/// a cell glued its items into one name (`Books.ReadBooks.ReadWrite`); a
/// scope inside a remark hid in a note. Marks are marks (the footnote
/// under the table is the scope's note), list items are alternatives, and a
/// remark naming a scope is reported.
#[test]
fn footnote_marks_html_lists_and_scopes_in_remarks() {
    let (_, findings) = lint(&[&kind("permission-marks")]);
    assert_eq!(places(&findings), [("permission-unreadable".to_owned(), "book-delete.md".to_owned(), 14, 39)]);
    assert!(findings[0]["message"].as_str().unwrap().contains("(Books.Manage.All for librarians)"));
    let analysis = analyze(&[kind("permission-marks")]);
    let access = |method: &str, account: &str| {
        let op = analysis.api.operations.iter().find(|op| op.method == method).unwrap();
        let value = serde_json::to_value(&op.permissions).unwrap();
        value[account]["sets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|set| {
                let scope = &set["all_of"][0];
                (scope["name"].as_str().unwrap().to_owned(), scope["note"].as_str().map(str::to_owned))
            })
            .collect::<Vec<_>>()
    };
    let plain = |name: &str| (name.to_owned(), None);
    let noted = |name: &str, note: &str| (name.to_owned(), Some(note.to_owned()));
    assert_eq!(access("GET", "delegated_work"), [plain("Books.Read"), plain("Books.ReadWrite")]);
    assert_eq!(
        access("GET", "application"),
        [
            noted("Books.Read.Branch", "Only the books of the branch the app was consented for."),
            plain("Books.Read.All")
        ]
    );
    assert_eq!(
        access("DELETE", "delegated_work"),
        [noted("Books.ReadWrite", "The signed-in user must own the book."), plain("Books.ReadWrite.All")]
    );
}
