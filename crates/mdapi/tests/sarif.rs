//! `mdapi lint --format sarif` is a valid SARIF 2.1.0 log. The schema is the
//! OASIS one (`tests/data/sarif-schema-2.1.0.json`, as published at
//! `oasis-tcs/sarif-spec/Schemata/sarif-schema-2.1.0.json`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use serde_json::Value;

fn schema() -> jsonschema::Validator {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let mut schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    // The published schema's two `language` patterns have a stray `]` that
    // the validator's check of the schema itself rejects as a regex; they
    // are about a property mdapi does not write. Escaping it is the only change.
    for language in
        ["/definitions/run/properties/language/pattern", "/definitions/toolComponent/properties/language/pattern"]
    {
        let pattern = schema.pointer(language).and_then(Value::as_str).unwrap().replace("]?$", "\\]?$");
        *schema.pointer_mut(language).unwrap() = Value::String(pattern);
    }
    jsonschema::options().should_validate_formats(true).build(&schema).unwrap()
}

fn sarif_of(docs: &str) -> Value {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_mdapi"))
        .args(["lint", "--docs", docs, "--format", "sarif"])
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

fn assert_valid(log: &Value) {
    let validator = schema();
    let errors: Vec<String> = validator.iter_errors(log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_seed_findings_are_valid_sarif() {
    let log = sarif_of("docs-input");
    assert_valid(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let lint = std::process::Command::new(env!("CARGO_BIN_EXE_mdapi"))
        .args(["lint", "--docs", "docs-input", "--format", "json"])
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .unwrap();
    let json_lines: Vec<Value> =
        String::from_utf8(lint.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(results.len(), json_lines.len());
    for (result, line) in results.iter().zip(&json_lines) {
        assert_eq!(result["ruleId"], line["code"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], line["file"]);
        assert_eq!(location["region"]["startLine"], line["line"]);
        let rules = &log["runs"][0]["tool"]["driver"]["rules"];
        assert_eq!(rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"], result["ruleId"]);
    }
    assert!(results.iter().any(|r| r["ruleId"] == "permission-placeholder" && r["level"] == "error"));
}

#[test]
fn hostile_pages_still_give_valid_sarif() {
    // Spaces and odd characters in paths, a page-level finding (no line),
    // related locations.
    let log = sarif_of("crates/mdapi/tests/fixtures/adversarial");
    assert_valid(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let page_level = results.iter().find(|r| r["ruleId"] == "page-not-utf8").unwrap();
    assert!(page_level["locations"][0]["physicalLocation"].get("region").is_none());
}

#[test]
fn an_invalid_log_is_caught() {
    // The validator is live: a result without a message fails the schema.
    let mut log = sarif_of("docs-input");
    log["runs"][0]["results"][0].as_object_mut().unwrap().remove("message");
    assert!(!schema().is_valid(&log));
}
