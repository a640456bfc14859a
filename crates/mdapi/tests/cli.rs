//! The `mdapi` command line contract: exit codes, JSON shapes, `--check`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::path::{Path, PathBuf};
use std::process::Command;

fn mdapi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mdapi"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn lint_json_is_one_object_per_line_and_exits_1_on_errors() {
    let output =
        mdapi().current_dir(root()).args(["lint", "--docs", "docs-input", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let mut lines = 0;
    for line in stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        for key in ["code", "severity", "file", "line", "column", "message"] {
            assert!(value.get(key).is_some(), "{key} missing in {line}");
        }
        assert!(value["file"].as_str().unwrap().starts_with("docs-input/beta/api/"), "{line}");
        assert!(["error", "warning", "note"].contains(&value["severity"].as_str().unwrap()));
        assert!(value["line"].as_u64().unwrap() >= 1, "{line}");
        lines += 1;
    }
    assert!(lines >= 27, "only {lines} diagnostics");
}

#[test]
fn ir_has_the_documented_shape() {
    let output = mdapi().current_dir(root()).args(["ir", "--docs", "docs-input"]).output().unwrap();
    assert!(output.status.success());
    let ir: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let photo = ir["types"].as_array().unwrap().iter().find(|t| t["name"] == "profilePhoto").unwrap();
    assert_eq!(photo["kind"], "entity");
    let height = photo["properties"].as_array().unwrap().iter().find(|p| p["name"] == "height").unwrap();
    assert_eq!(
        (&height["type"], &height["collection"], &height["nullable"]),
        (&"Int32".into(), &false.into(), &true.into())
    );
    let op = &ir["operations"][0];
    for key in ["id", "method", "path", "permissions", "source"] {
        assert!(op.get(key).is_some(), "{key}");
    }
    assert_eq!(op["permissions"]["delegated_work"], serde_json::json!({ "access": "undocumented" }));
    let example = &ir["examples"][0];
    for key in ["name", "operation", "request", "response", "source"] {
        assert!(example.get(key).is_some(), "{key}");
    }
    assert!(example["request"]["url"].is_string() && example["response"]["status"].is_u64());
}

fn generate_into(out: &Path) -> std::process::Output {
    let runtime = root().join("crates/mdapi-runtime");
    mdapi()
        .current_dir(root())
        .args(["gen", "--docs", "docs-input", "--out"])
        .arg(out)
        .arg("--runtime-path")
        .arg(runtime)
        .output()
        .unwrap()
}

#[test]
fn gen_check_reports_differences_then_passes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("graph");
    let check = |out: &Path| {
        mdapi()
            .current_dir(root())
            .args(["gen", "--check", "--docs", "docs-input", "--out"])
            .arg(out)
            .arg("--runtime-path")
            .arg(root().join("crates/mdapi-runtime"))
            .output()
            .unwrap()
    };
    let stale = check(&out);
    assert_eq!(stale.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&stale.stderr).contains("src/lib.rs"));
    assert!(!out.exists(), "--check must not write");

    assert!(generate_into(&out).status.success());
    assert_eq!(check(&out).status.code(), Some(0));

    // A stale file from a removed item is reported, then removed by gen.
    std::fs::write(out.join("src/models/removed.rs"), "// old\n").unwrap();
    let stale = check(&out);
    assert_eq!(stale.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&stale.stdout).contains("removed.rs"));
    assert!(generate_into(&out).status.success());
    assert!(!out.join("src/models/removed.rs").exists());
}

#[test]
fn missing_docs_folder_is_a_usage_error() {
    let output = mdapi().args(["lint", "--docs", "/nonexistent/docs"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

/// The crate generated outside the workspace builds on its own and its
/// example tests pass.
#[test]
fn generated_crate_builds_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("graph");
    assert!(generate_into(&out).status.success());
    std::fs::copy(root().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let status = Command::new(env!("CARGO"))
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("standalone"))
        .args(["test", "--quiet"])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn diff_exits_2_on_breaking_changes_only_when_asked() {
    let widgets = root().join("crates/mdapi/tests/fixtures/widgets");
    let run = |old: &Path, new: &Path, deny: bool| {
        let mut command = mdapi();
        command.current_dir(root()).arg("diff").arg(old).arg(new);
        if deny {
            command.arg("--deny-breaking");
        }
        command.output().unwrap()
    };
    let seeds = root().join("docs-input");
    // From the seeds to the widgets every seed operation is removed: breaking.
    let breaking = run(&seeds, &widgets, true);
    assert_eq!(breaking.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&breaking.stdout).contains("**breaking**"));
    assert_eq!(run(&seeds, &widgets, false).status.code(), Some(0));
    assert_eq!(run(&widgets, &widgets, true).status.code(), Some(0));
}

#[test]
fn explain_and_completions() {
    let explained = mdapi().args(["explain", "route-invalid"]).output().unwrap();
    assert!(explained.status.success());
    let text = String::from_utf8(explained.stdout).unwrap();
    assert!(text.contains("Wrong:") && text.contains("Right:"));
    assert_eq!(mdapi().args(["explain", "no-such-code"]).output().unwrap().status.code(), Some(2));
    let listed = mdapi().args(["explain", "--list"]).output().unwrap();
    assert_eq!(String::from_utf8(listed.stdout).unwrap().lines().count(), mdapi_parse::Code::ALL.len());
    let completions = mdapi().args(["completions", "bash"]).output().unwrap();
    assert!(completions.status.success() && String::from_utf8_lossy(&completions.stdout).contains("explain"));
}

#[test]
fn the_diagnostics_guide_shows_the_current_lint_output() {
    let output =
        mdapi().current_dir(root()).args(["lint", "--docs", "docs-input"]).env("NO_COLOR", "1").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let guide = std::fs::read_to_string(root().join("docs/diagnostics.md")).unwrap();
    let start = guide.find("<!-- lint-output:start -->\n```text\n").unwrap();
    let block = &guide[start..];
    let block = &block[block.find("```text\n").unwrap() + 8..block.find("\n```\n<!-- lint-output:end -->").unwrap()];
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        block,
        stdout.trim_end(),
        "docs/diagnostics.md's lint output is stale; paste `mdapi lint --docs docs-input`"
    );
    // One source snippet and one help line per diagnostic.
    let diagnostics =
        stdout.lines().filter(|l| ["error[", "warning[", "note["].iter().any(|s| l.starts_with(s))).count();
    assert_eq!(diagnostics, 38);
    assert_eq!(stdout.matches("= help:").count(), diagnostics);
    assert_eq!(stdout.matches("\n  --> ").count() + stdout.matches("\n --> ").count(), diagnostics);
}

/// Kind: output piped to a reader that stops early (`mdapi explain --list |
/// head -1`) panicked with "failed printing to stdout: Broken pipe". Each
/// command that prints is run with its stdout closed before it writes: no
/// panic, and none reports the closed pipe as its failure.
#[test]
fn a_reader_that_goes_away_is_no_panic() {
    let docs = root().join("docs-input");
    let docs = docs.to_str().unwrap();
    for args in [
        vec!["explain", "--list"],
        vec!["explain", "route-invalid"],
        vec!["-q", "stats", "--docs", docs],
        vec!["-q", "diff", docs, docs],
    ] {
        let mut child = mdapi()
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
    }
}
