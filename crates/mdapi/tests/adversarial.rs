//! Hostile input: pages written to break mdapi or the code it generates.
//!
//! The fixture doc set `tests/fixtures/adversarial` (hostile names and text,
//! CRLF, a BOM with a Latin-1 byte, includes that point outside the folder
//! and at their own page) is generated into `generated/adversarial`, which
//! the workspace compiles and tests; these tests check the diagnostics and
//! the generated text. Inputs too big to commit are built here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use mdapi::robustness::{check_page, FUZZ_PAGE_PATH};
use mdapi::DocSet;
use mdapi_parse::Code;
use proc_macro2::{TokenStream, TokenTree};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/adversarial")
}

fn generate_fixture() -> mdapi::Report {
    mdapi::Generator::new().docs(fixture()).crate_name("adversarial").build().unwrap()
}

/// Runs `work` on a thread with the default stack, failing the test if it
/// takes longer than `limit` (a hang) or overflows its stack (which aborts
/// the test binary, so it fails too).
fn within<T: Send + 'static>(limit: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || send.send(work()));
    receive.recv_timeout(limit).unwrap_or_else(|_| panic!("no result within {limit:?}: a hang"))
}

fn codes(report: &mdapi::Report, file: &str) -> Vec<Code> {
    report.analysis.diagnostics.iter().filter(|d| d.file == file).map(|d| d.code).collect()
}

fn idents(tokens: TokenStream, out: &mut Vec<String>) {
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Group(group) => idents(group.stream(), out),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

#[test]
fn doc_text_reaches_generated_code_only_as_literals() {
    let report = generate_fixture();
    // The descriptions hold `"); std::process::exit(1); ("`, a code fence
    // with `fn injected()`, `<script>alert(...)`: none of their words may
    // become a token of the generated code.
    for file in report.files.iter().filter(|f| f.path.ends_with(".rs")) {
        let parsed: TokenStream = file.contents.parse().unwrap_or_else(|e| panic!("{}: {e}", file.path));
        let mut found = Vec::new();
        idents(parsed, &mut found);
        for word in ["exit", "injected", "alert", "script", "cfg_any"] {
            assert!(!found.iter().any(|i| i == word), "`{word}` became code in {}", file.path);
        }
    }
    let lib = report.files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    assert!(lib.contents.contains("#![forbid(unsafe_code)]"));
}

#[test]
fn direction_controls_are_written_out() {
    let report = generate_fixture();
    let hostile = report.files.iter().find(|f| f.path == "src/models/hostile.rs").unwrap();
    assert!(hostile.contents.contains("U+202E"), "the override is shown as text");
    for file in &report.files {
        assert!(!file.contents.contains('\u{202e}') || file.path.ends_with(".json"), "raw U+202E in {}", file.path);
    }
}

#[test]
fn every_generated_path_stays_in_the_output_folder() {
    let report = generate_fixture();
    for file in &report.files {
        assert!(mdapi::output::stays_inside(&file.path), "{}", file.path);
        assert!(!file.path.contains(".."), "{}", file.path);
    }
    // The type named `microsoft.graph.../../outside.2d/../../escape`.
    assert!(report.files.iter().any(|f| f.path.starts_with("src/models/") && f.path.ends_with("/escape.rs")));
    assert_eq!(codes(&report, "v1.0/resources/escape.md"), [Code::TypeNameInvalid]);
}

#[test]
fn names_that_collide_stay_apart_and_keep_their_wire_names() {
    let report = generate_fixture();
    let hostile = &report.files.iter().find(|f| f.path == "src/models/hostile.rs").unwrap().contents;
    for (field, wire) in [
        ("r#type", "type"),
        ("type_2", "Type"),
        ("type_3", "TYPE"),
        ("_2fa", "2fa"),
        ("cafe", "café"),
        ("cafe_2", "cafe"),
        ("self_", "self"),
        ("r#fn", "fn"),
        ("additional_properties_2", "additionalProperties"),
    ] {
        assert!(hostile.contains(&format!("pub {field}:")), "no field {field}");
        // The model's member list pairs the field with its wire name.
        assert!(hostile.contains(&format!("    field({field}, {wire:?}),\n")), "{field} is not {wire:?}");
    }
    // Same type name in two namespaces: two modules.
    assert!(report.files.iter().any(|f| f.path == "src/models/security/hostile.rs"));
    // `type` and `Type` defined by two pages: one type, and a warning.
    assert_eq!(codes(&report, "v1.0/resources/type.md"), [Code::TypeNameCase]);
}

#[test]
fn the_fixture_pages_give_precise_diagnostics() {
    let report = generate_fixture();
    assert_eq!(codes(&report, "v1.0/resources/hostilenote-bom-latin1.md"), [Code::PageNotUtf8]);
    assert_eq!(codes(&report, "v1.0/api/hostile-delete.md"), [Code::IncludeMissing, Code::IncludeSelf]);
    // CRLF line ends read like LF ones: the page has no findings at all.
    assert_eq!(codes(&report, "v1.0/api/hostile-list-crlf.md"), []);
    let example = report.analysis.api.examples.iter().find(|e| e.source.file == "v1.0/api/hostile-list-crlf.md");
    assert_eq!(example.and_then(|e| e.response.as_ref()).map(|r| r.status), Some(200));
    assert!(report.analysis.diagnostics.iter().all(|d| d.code != Code::InternalError));
}

#[test]
fn hostile_example_values_round_trip_through_the_models() {
    let json = r#"{"id":"*/ \" \\ #[ } \u202e","type":"\");}fn main(){//","mood":"brand new member","a::b":"y","x":{"y":[1]}}"#;
    let value: adversarial::models::Hostile = serde_json::from_str(json).unwrap();
    assert_eq!(value.r#type.value().map(String::as_str), Some("\");}fn main(){//"));
    assert_eq!(
        value.mood.value(),
        Some(&adversarial::models::HostileMood::Unrecognized("brand new member".to_owned()))
    );
    assert!(value.additional_properties.contains_key("x"));
    let back: serde_json::Value = serde_json::to_value(&value).unwrap();
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(json).unwrap());
}

// Inputs built here: each must give a result (diagnostics, generated code
// that parses) in bounded time, on a thread with the default stack.

const LIMIT: Duration = Duration::from_secs(120);

fn api_page(body: &str) -> String {
    format!(
        "---\ntitle: \"Get thing\"\ndoc_type: apiPageType\n---\n\n# Get thing\n\nNamespace: microsoft.graph\n\n{body}\n"
    )
}

fn resource_page(properties: &str) -> String {
    format!(
        "---\ntitle: \"thing resource type\"\ndoc_type: resourcePageType\n---\n\n# thing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n{properties}"
    )
}

fn analyze_one(text: String) -> Vec<(Code, u32)> {
    let docs = DocSet::from_memory([(FUZZ_PAGE_PATH, text)]);
    mdapi::analyze(&docs).diagnostics.iter().map(|d| (d.code, d.span.line)).collect()
}

#[test]
fn a_one_megabyte_line() {
    let page =
        api_page(&format!("{}\n\n## HTTP request\n\n```http\nGET /things/{{id}}\n```\n", "word ".repeat(200_000)));
    within(LIMIT, move || check_page(page.as_bytes())).unwrap();
}

#[test]
fn a_table_of_100_000_rows() {
    let rows: String = (0..100_000).map(|i| format!("| p{i} | String | Property {i}. |\n")).collect();
    let page = resource_page(&rows);
    within(LIMIT, move || check_page(page.as_bytes())).unwrap();
}

#[test]
fn a_table_of_100_000_rows_with_one_name() {
    // Every row collides with every other: de-duplication must stay linear.
    let rows: String = (0..100_000).map(|i| format!("| P{} | String | Same name. |\n", "p".repeat(i % 2))).collect();
    let page = resource_page(&rows);
    within(LIMIT, move || check_page(page.as_bytes())).unwrap();
}

#[test]
fn json_nested_10_000_deep() {
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let page = api_page(&format!(
        "## HTTP request\n\n```http\nPOST /things\n```\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"deep\", \"x\": {deep} }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/things\nContent-type: application/json\n\n{{ \"a\": {deep} }}\n```\n"
    ));
    let found = within(LIMIT, move || {
        check_page(page.as_bytes()).unwrap();
        analyze_one(page)
    });
    assert!(found.iter().any(|(code, _)| *code == Code::ExampleBodyInvalid), "{found:?}");
}

#[test]
fn markdown_nested_10_000_deep() {
    let page = api_page(&format!("{}deep\n\n{}x\n", "> ".repeat(10_000), "- ".repeat(10_000)));
    within(LIMIT, move || check_page(page.as_bytes())).unwrap();
}

#[test]
fn an_annotation_of_one_megabyte() {
    let names: String = (0..40_000).map(|i| format!("\"k{i}\": \"value number {i}\", ")).collect();
    let page = api_page(&format!(
        "## HTTP request\n\n```http\nGET /things\n```\n\n## Example\n\n<!-- {{ {names} \"blockType\": \"request\", \"name\": \"big\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n"
    ));
    assert!(page.len() > 1_000_000);
    within(LIMIT, move || check_page(page.as_bytes())).unwrap();
}

#[test]
fn a_route_of_500_segments() {
    let route: String = (0..500).map(|i| if i % 2 == 0 { format!("/s{i}") } else { format!("/{{p{i}}}") }).collect();
    let page = api_page(&format!(
        "## Permissions\n\n|Permission type|Permissions|\n|:---|:---|\n|Application|Thing.Read.All|\n\n## HTTP request\n\n```http\nGET {route}\n```\n"
    ));
    let text = page.clone();
    within(LIMIT, move || check_page(page.as_bytes())).unwrap();
    // Too deep for the path tree (one struct per segment): reported, and
    // still an operation with its endpoint function.
    let analysis = mdapi::analyze(&DocSet::from_memory([(FUZZ_PAGE_PATH, text)]));
    assert!(analysis.diagnostics.iter().any(|d| d.code == Code::RouteTooDeep), "{:?}", analysis.diagnostics);
    assert_eq!(analysis.api.operations.len(), 1);
}

#[test]
fn invalid_utf8_and_a_bom() {
    let mut page = b"\xef\xbb\xbf".to_vec();
    page.extend_from_slice(api_page("caf\u{e9}").as_bytes());
    page.extend_from_slice(b"\xff\xfe\xc0\x80 and more\n");
    within(LIMIT, move || check_page(&page)).unwrap();
    let docs = DocSet::from_memory([(FUZZ_PAGE_PATH, b"\xef\xbb\xbf# x\n\xff\n".to_vec())]);
    assert_eq!(docs.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::PageNotUtf8]);
}

#[test]
fn control_characters_and_nul_bytes() {
    let page: String = api_page("a\0b\u{1b}[31mred\u{7}\u{8}\u{b}\u{c}\r\r\n\u{85}\u{2028}\u{2029}");
    within(LIMIT, move || check_page(page.as_bytes())).unwrap();
}

#[test]
fn names_too_long_for_a_file_system_are_shortened() {
    // A 600-character route segment and type name: every generated file and
    // folder name must still fit (255 bytes, less the staging suffix).
    let segment = "verylongsegment".repeat(40);
    let page = api_page(&format!(
        "## Permissions\n\n|Permission type|Permissions|\n|:---|:---|\n|Application|Thing.Read.All|\n\n## HTTP request\n\n```http\nGET /{segment}/{{id}}/{segment}\n```\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{segment}\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/{segment}/x/{segment}\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{ \"id\": \"x\" }}\n```\n"
    ));
    let resource =
        resource_page("| id | String | Id. |\n").replace("thing resource type", &format!("{segment} resource type"));
    within(LIMIT, move || {
        check_page(page.as_bytes()).unwrap();
        check_page(resource.as_bytes()).unwrap();
        let out = tempfile::tempdir().unwrap();
        let docs = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(docs.path().join("v1.0/api")).unwrap();
        std::fs::write(docs.path().join("v1.0/api/long.md"), &page).unwrap();
        let (report, _) = mdapi::Generator::new().docs(docs.path()).out_dir(out.path()).generate().unwrap();
        assert!(report.files.iter().all(|f| f.path.split('/').all(|n| n.len() <= 200)));
    });
}
