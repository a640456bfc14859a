//! The failing cases from real reports (`tests/fixtures/cases`, copied from
//! the project's shared cases; their README says what is right for each),
//! checked on the API model every generated call is made from. Each test
//! names the kind of fault it guards against, not just the page.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use mdapi::DocSet;
use mdapi_ir::{Operation, ParameterLocation};
use mdapi_parse::{Code, PageKind, Severity};

fn case_folder(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cases").join(name)
}

fn case(name: &str) -> mdapi::Analysis {
    let set = DocSet::load(&[case_folder(name)]).unwrap_or_else(|e| panic!("{name}: {e}"));
    mdapi::analyze(&set)
}

/// `mdapi lint --format json --docs <folder>` as a person runs it: the
/// exit code and one finding per line.
fn lint(folder: &Path) -> (Option<i32>, Vec<serde_json::Value>) {
    let output = Command::new(env!("CARGO_BIN_EXE_mdapi"))
        .args(["-q", "lint", "--format", "json", "--docs"])
        .arg(folder)
        .output()
        .unwrap();
    let findings =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (output.status.code(), findings)
}

fn with_code<'a>(findings: &'a [serde_json::Value], code: &str) -> Vec<&'a serde_json::Value> {
    findings.iter().filter(|f| f["code"] == code).collect()
}

fn operations<'a>(analysis: &'a mdapi::Analysis, method: &str, path: &str) -> Vec<&'a Operation> {
    analysis.api.operations.iter().filter(|op| op.method == method && op.path == path).collect()
}

fn only<'a>(analysis: &'a mdapi::Analysis, method: &str, path: &str) -> &'a Operation {
    match operations(analysis, method, path).as_slice() {
        [op] => op,
        other => panic!("{method} {path}: {} operations: {:?}", other.len(), analysis.api.operations),
    }
}

fn response(op: &Operation) -> (String, bool) {
    let body = op.response.body.as_ref().unwrap_or_else(|| panic!("{} answers nothing", op.id));
    (body.name.to_string(), body.collection)
}

/// Kind: the response type came from a prose link applied to every route
/// of a page; the response annotation's `@odata.type` decides, per route.
#[test]
fn response_type_from_annotation() {
    let analysis = case("response-type-from-annotation");
    let widgets = ("microsoft.graph.widget".to_owned(), true);
    assert_eq!(response(only(&analysis, "GET", "/widgets/{widget-id}/children")), widgets);
    let search = analysis.api.operations.iter().find(|op| op.path.starts_with("/widgets/search")).unwrap();
    assert_eq!(response(search), widgets, "a link to `label` in the prose is not the answer");
    for example in &analysis.api.examples {
        let agrees = example.response.as_ref().and_then(|r| r.agrees_with_operation);
        assert_eq!(agrees, Some(true), "{:?}", example.name);
    }
}

/// Kind: routes that differ only in their query were separate, numbered
/// operations; they are one, with the table's parameters.
#[test]
fn routes_differing_by_query() {
    let analysis = case("routes-differing-by-query");
    let op = only(&analysis, "GET", "/items/{item-id}/content");
    assert!(!op.id.ends_with("_2"));
    let parameter = |name: &str| op.parameters.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name}"));
    let format = parameter("format");
    assert!(format.required && format.location == ParameterLocation::Query);
    assert_eq!(format.type_name.as_ref().map(mdapi_ir::TypeName::as_str), Some("String"));
    let width = parameter("width");
    assert!(!width.required, "width is optional");
    assert_eq!(width.type_name.as_ref().map(mdapi_ir::TypeName::as_str), Some("Int32"));
}

/// Kind: query parameters a route writes with placeholders and the table
/// marks Required were dropped; they are required parameters of the call.
#[test]
fn required_query_parameters() {
    let analysis = case("required-query-parameters");
    let op = only(&analysis, "GET", "/me/calendarView");
    for name in ["startDateTime", "endDateTime"] {
        let p = op.parameters.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name}"));
        assert!(p.required && p.location == ParameterLocation::Query, "{name}: {p:?}");
    }
}

/// Kind: a documented required request header and a `202 Accepted`
/// answer; the header is required and the status is the page's.
#[test]
fn accepted_with_monitor() {
    let analysis = case("accepted-with-monitor");
    let op = only(&analysis, "POST", "/widgets/{widget-id}/import");
    assert_eq!(op.response.status, Some(202));
    let prefer = op.request_headers.iter().find(|h| h.name.eq_ignore_ascii_case("Prefer")).expect("Prefer");
    assert!(prefer.required);
}

/// The generated endpoint file of the operation on `route`, with all
/// whitespace and trailing commas removed (prettyplease breaks long calls
/// over lines, with a comma after the last argument).
fn endpoint_code(analysis: &mdapi::Analysis, route: &str) -> String {
    let options = mdapi_codegen::Options {
        crate_name: "case".to_owned(),
        runtime: mdapi::RuntimeDependency::Version("0.1".to_owned()),
        root: vec!["crate".to_owned()],
    };
    let files = mdapi_codegen::generate(&analysis.api, &options).unwrap();
    let needle = format!("route: {route:?}");
    let found: Vec<_> =
        files.iter().filter(|f| f.path.starts_with("src/endpoints/") && f.contents.contains(&needle)).collect();
    match found.as_slice() {
        [file] => file.contents.split_whitespace().collect::<String>().replace(",)", ")"),
        other => panic!("{route}: {} endpoint files", other.len()),
    }
}

fn has(code: &str, wanted: &str) -> bool {
    code.contains(&wanted.split_whitespace().collect::<String>().replace(",)", ")"))
}

/// Kind: the generated call of a route with required query parameters
/// took no argument and sent no query; they are typed arguments after the
/// path values, they go into the query, and the doc comment shows them.
#[test]
fn required_query_parameters_are_arguments_of_the_call() {
    let code = endpoint_code(&case("required-query-parameters"), "/me/calendarView");
    assert!(has(&code, "pub fn request(start_date_time: &str, end_date_time: &str,)"), "{code}");
    for (name, ident) in [("startDateTime", "start_date_time"), ("endDateTime", "end_date_time")] {
        let add = format!(".param({name:?}, rt::request::QueryValue::to_query(&{ident}))");
        assert!(has(&code, &add), "{name}: {code}");
    }
    assert!(has(&code, "`GET /me/calendarView?startDateTime={start_date_time}&endDateTime={end_date_time}`"), "{code}");
}

/// Kind: two routes differing by their query were two endpoints; the one
/// operation takes the required `format` and lists the optional `width`.
#[test]
fn routes_differing_by_query_make_one_call_with_required_and_optional_parameters() {
    let code = endpoint_code(&case("routes-differing-by-query"), "/items/{item-id}/content");
    assert!(has(&code, "pub fn request(item_id: &str, format: &str,)"), "{code}");
    assert!(has(&code, ".param(\"format\", rt::request::QueryValue::to_query(&format))"), "{code}");
    assert!(!has(&code, "width:"), "width is optional, not an argument: {code}");
    assert!(has(&code, "- `width` (Int32): Optional. Width of the rendering."), "{code}");
    assert!(has(&code, "`.param(name, value)`"), "{code}");
}

/// Kind: the required `Prefer` header never reached the request and the
/// `202`'s `Location` was lost; the header is an argument that is sent and
/// the call answers `Accepted`, which keeps the monitor URL.
#[test]
fn a_required_header_is_sent_and_a_202_answers_accepted() {
    let code = endpoint_code(&case("accepted-with-monitor"), "/widgets/{widget-id}/import");
    assert!(has(&code, "pub fn request(widget_id: &str, prefer: &str,)"), "{code}");
    assert!(has(&code, ".header(\"Prefer\", prefer)"), "{code}");
    assert!(has(&code, "rt::Request<rt::Accepted>"), "{code}");
}

/// Kind: colon paths (`root:/{item-path}`, `items/{parent-id}:/{filename}:`)
/// got numbered builder names beside `root` and `by_id`; they read as path
/// addressing, `by_path(..)`, with no counter anywhere in the tree, and the
/// item path keeps its `/` on the wire (`mdapi_runtime::path` tests the
/// encoding; here, the route the call renders).
#[test]
fn colon_path_addressing() {
    let analysis = case("colon-path-addressing");
    let options = mdapi_codegen::Options {
        crate_name: "case".to_owned(),
        runtime: mdapi::RuntimeDependency::Version("0.1".to_owned()),
        root: vec!["crate".to_owned()],
    };
    let files = mdapi_codegen::generate(&analysis.api, &options).unwrap();
    let paths: String =
        files.iter().filter(|f| f.path.starts_with("src/paths/")).map(|f| f.contents.as_str()).collect();
    let methods: Vec<&str> = paths.split("pub fn ").skip(1).filter_map(|rest| rest.split(['(', '<']).next()).collect();
    assert!(methods.contains(&"by_path"), "{methods:?}");
    assert!(methods.contains(&"root") && methods.contains(&"by_id") && methods.contains(&"content"), "{methods:?}");
    let numbered: Vec<&&str> = methods
        .iter()
        .filter(|m| m.rsplit('_').next().is_some_and(|t| t.chars().all(|c| c.is_ascii_digit())))
        .collect();
    assert!(numbered.is_empty(), "counter-made names: {numbered:?}");
    let content = only(&analysis, "GET", "/me/drive/root:/{item-path}:/content");
    let rendered = mdapi_runtime::path::render(&content.path_parts, &["Docs/Q1 report#2.txt"]).unwrap();
    assert_eq!(rendered, "/me/drive/root:/Docs/Q1%20report%232.txt:/content");
}

/// Kind: a page of one API version whose example calls another version's
/// URL (a v1.0 page calling `https://graph.microsoft.com/beta/...`) got no
/// word; `lint` warns at the example's URL line.
#[test]
fn example_version_mismatch() {
    let (code, findings) = lint(&case_folder("example-version-mismatch"));
    assert_eq!(code, Some(0), "a warning is not an error: {findings:?}");
    let found = with_code(&findings, "example-version-mismatch");
    assert_eq!(found.len(), 1, "{findings:?}");
    let finding = found[0];
    assert_eq!(finding["severity"], "warning");
    assert!(finding["file"].as_str().unwrap().ends_with("v1.0/api/decisions-list.md"), "{finding}");
    assert_eq!(finding["line"], 12, "the example's request line");
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("`beta`") && message.contains("`v1.0`"), "{message}");
}

/// Kind: a doc set with routes and no documented type generated
/// `pub mod models;` with no models folder. Every doc set that generates
/// generates a crate that compiles: built here as a user builds it, with
/// its example tests run.
#[test]
fn doc_set_without_types() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("decisions");
    let generated = Command::new(env!("CARGO_BIN_EXE_mdapi"))
        .args(["-q", "gen", "--docs"])
        .arg(case_folder("doc-set-without-types"))
        .arg("--out")
        .arg(&out)
        .arg("--runtime-path")
        .arg(root.join("crates/mdapi-runtime"))
        .output()
        .unwrap();
    assert!(generated.status.success(), "{}", String::from_utf8_lossy(&generated.stderr));
    assert!(out.join("src/models/mod.rs").is_file(), "lib.rs declares `models`");
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let cargo = |args: &[&str]| {
        Command::new(env!("CARGO"))
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("standalone"))
            .args(args)
            .output()
            .unwrap()
    };
    let built = cargo(&["build", "--all-targets"]);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "the generated crate builds without warnings: {stderr}");
    let tested = cargo(&["test", "--quiet"]);
    assert!(tested.status.success(), "{}", String::from_utf8_lossy(&tested.stdout));
}

/// Kind: pages with no `doc_type` front matter were "other" pages whose
/// resource annotations and property tables defined nothing, silently.
/// The kind comes from what a page holds, with a note that `doc_type` is
/// missing, and the types and the call are those of a typed doc set.
#[test]
fn page_kind_without_front_matter() {
    let analysis = case("page-kind-without-front-matter");
    let kinds: Vec<(&str, PageKind)> = analysis.pages.iter().map(|p| (p.path.as_str(), p.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("api/widget_get.md", PageKind::Api),
            ("resources/folder.md", PageKind::Resource),
            ("resources/widget.md", PageKind::Resource)
        ]
    );
    let notes: Vec<(&str, Severity)> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::PageKindInferred)
        .map(|d| (d.file.as_str(), d.severity))
        .collect();
    assert_eq!(notes.len(), 3, "{:?}", analysis.diagnostics);
    assert!(notes.iter().all(|(_, severity)| *severity == Severity::Note));
    assert!(analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::PageKindInferred)
        .all(|d| d.message.contains("doc_type")));
    let folder = analysis.api.find_type("microsoft.graph.folder").expect("folder is defined");
    assert!(folder.documented);
    assert_eq!(folder.properties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["childCount"]);
    let widget = analysis.api.find_type("microsoft.graph.widget").expect("widget is defined");
    assert!(widget.documented);
    let properties: Vec<(&str, String)> =
        widget.properties.iter().map(|p| (p.name.as_str(), p.type_name.to_string())).collect();
    assert_eq!(properties, [("id", "String".into()), ("size", "Int64".into()), ("folder", folder.qualified_name())]);
    let get = only(&analysis, "GET", "/widgets/{widget-id}");
    assert_eq!(response(get), ("microsoft.graph.widget".to_owned(), false));
    assert!(!analysis.diagnostics.iter().any(|d| d.severity != Severity::Note), "{:?}", analysis.diagnostics);
}

/// Kind: a request to an opaque URL (`"opaqueUrl": true`, a
/// pre-authenticated upload URL) was matched against the page's routes,
/// and an `ignored` example block was checked: two errors for blocks the
/// page keeps out of checking. Neither is an example; neither errs.
#[test]
fn opaque_and_ignored_blocks() {
    let (code, findings) = lint(&case_folder("opaque-and-ignored-blocks"));
    assert_eq!(code, Some(0), "{findings:?}");
    assert!(findings.iter().all(|f| f["severity"] != "error"), "{findings:?}");
    assert!(with_code(&findings, "example-url-unmatched").is_empty(), "{findings:?}");
    let analysis = case("opaque-and-ignored-blocks");
    assert!(analysis.api.examples.is_empty(), "{:?}", analysis.api.examples);
    let page = analysis.pages.iter().find(|p| p.path == "api/widget_upload.md").unwrap();
    let kept: Vec<(&str, Option<u16>)> = page
        .unchecked_examples
        .iter()
        .map(|e| (e.name.as_deref().unwrap_or(""), e.response.as_ref().map(|r| r.http.status)))
        .collect();
    assert_eq!(kept, [("upload-piece", Some(202)), ("count-widgets", None)], "kept, with the 202 they answer");
    assert_eq!(mdapi::stats::compute(&analysis).examples_unchecked, 2, "counted, not dropped silently");
    assert_eq!(only(&analysis, "POST", "/widgets/{widget-id}/createUploadSession").method, "POST");
}

/// Case `datetime-without-offset` (the decode is `tests/wire.rs`'s). Kind:
/// a value in a form services send but OData does not define was an
/// error; the models read it, so lint says a note at most. The case's page
/// has the type; an example page written here answers such a value.
#[test]
fn datetime_without_offset_lint_says_a_note_at_most() {
    let docs = tempfile::tempdir().unwrap();
    common::copy_tree(&case_folder("datetime-without-offset"), docs.path());
    let api = docs.path().join("v1.0/api");
    std::fs::create_dir_all(&api).unwrap();
    let page = "---\ndoc_type: apiPageType\n---\n# Get subscription\n## HTTP request\n```http\nGET /subscriptions/{id}\n```\n## Response\nReturns a [subscription](../resources/subscription.md) object.\n## Example\n<!-- { \"blockType\": \"request\", \"name\": \"get_subscription\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/subscriptions/s1\n```\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.subscription\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{ \"expirationDateTime\": \"2024-02-08T12:07:31\" }\n```\n";
    std::fs::write(api.join("subscription-get.md"), page).unwrap();
    let analysis = mdapi::analyze(&DocSet::load(&[docs.path().to_path_buf()]).unwrap());
    let about: Vec<_> = analysis.diagnostics.iter().filter(|d| d.message.contains("expirationDateTime")).collect();
    assert!(about.iter().all(|d| d.code.severity() == Severity::Note), "{about:#?}");
    assert!(about.iter().any(|d| d.code == Code::ExampleValueLenient && d.span.line == 21), "{about:#?}");
    let example = analysis.api.examples.iter().find(|e| e.name.as_deref() == Some("get_subscription")).unwrap();
    let check = example.response.as_ref().and_then(|r| r.body_check.as_ref());
    assert!(matches!(check, Some(mdapi_ir::BodyCheck::RoundTrip { .. })), "the test decodes it: {check:?}");
}

/// Case `derived-type-tag` (the serialization is `tests/wire.rs`'s).
/// Kind: an untagged body where an abstract type is declared got a hint
/// to add the derived type's property to the base's table; lint says the
/// body has no `@odata.type`, and which one it should name.
#[test]
fn derived_type_tag_lint_says_the_abstract_body_has_no_tag() {
    let analysis = case("derived-type-tag");
    let attachment = analysis.api.find_type("microsoft.graph.attachment").unwrap();
    assert!(attachment.is_abstract);
    let tag: Vec<_> = analysis.diagnostics.iter().filter(|d| d.code == Code::ExampleTypeTagMissing).collect();
    let [tag] = tag.as_slice() else { panic!("{:#?}", analysis.diagnostics) };
    assert!(tag.message.contains("abstract `microsoft.graph.attachment` has no `@odata.type`"), "{}", tag.message);
    assert!(tag.help.as_deref().is_some_and(|h| h.contains("\"#microsoft.graph.fileAttachment\"")), "{tag:?}");
    assert_eq!((tag.span.line, tag.file.ends_with("message-post-attachments.md")), (17, true));
    assert!(
        !analysis.diagnostics.iter().any(|d| d.code == Code::ExamplePropertyUnknown),
        "no hint to add `contentBytes` to `attachment`: {:#?}",
        analysis.diagnostics
    );
}

/// Case `function-string-quote`, on the model: the route keeps its quotes,
/// so the call writes the argument as a string literal (`tests/wire.rs`
/// sends `O'Brien's notes`).
#[test]
fn function_string_quote_keeps_the_literal_quoted() {
    let analysis = case("function-string-quote");
    let search = analysis.api.operations.iter().find(|op| op.path.contains("search(")).unwrap();
    let rendered = mdapi_runtime::path::render(&search.path_parts, &["O'Brien's notes"]).unwrap();
    assert_eq!(rendered, "/me/drive/root/search(q='O''Brien''s%20notes')");
}
