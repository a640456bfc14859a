//! SARIF 2.1.0 output, so code-scanning services can annotate pull requests
//! on a docs repository with mdapi's findings.
//!
//! One run; every code is a rule (with `mdapi explain`'s text as its help);
//! every diagnostic a result. Paths are the ones the user passed (`--docs`
//! joined with the page path), as relative URI references, so a run from the
//! repository root gives paths code scanning can place.

use mdapi_parse::{Code, Diagnostic, Severity, Span};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Value};

use crate::docset::DocSet;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Characters a URI reference cannot hold as-is.
const NOT_IN_URI: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn uri(docs: &DocSet, page: &str) -> String {
    let path = docs.display_path(page).replace('\\', "/");
    utf8_percent_encode(&path, NOT_IN_URI).to_string()
}

fn location(docs: &DocSet, page: &str, span: Span) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": uri(docs, page) } });
    // Line 0: the finding is about the whole page (unreadable, not UTF-8).
    if span.line > 0 {
        physical["region"] = json!({ "startLine": span.line, "startColumn": span.column.max(1) });
    }
    json!({ "physicalLocation": physical })
}

fn rule(code: Code) -> Value {
    let explanation = crate::explain::explain(code);
    json!({
        "id": code.as_str(),
        "shortDescription": { "text": code.summary() },
        "fullDescription": { "text": explanation.meaning },
        "help": {
            "text": format!("{}\n\nWrong:\n{}\n\nRight:\n{}", explanation.meaning, explanation.wrong, explanation.right),
            "markdown": format!(
                "{}\n\nWrong:\n\n```markdown\n{}\n```\n\nRight:\n\n```markdown\n{}\n```",
                explanation.meaning, explanation.wrong, explanation.right
            ),
        },
        "defaultConfiguration": { "level": level(code.severity()) },
    })
}

fn result(docs: &DocSet, diagnostic: &Diagnostic) -> Value {
    let rule_index = diagnostic.code.index();
    let text = match &diagnostic.help {
        Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    let mut value = json!({
        "ruleId": diagnostic.code.as_str(),
        "ruleIndex": rule_index,
        "level": level(diagnostic.severity),
        "message": { "text": text },
        "locations": [location(docs, &diagnostic.file, diagnostic.span)],
    });
    if !diagnostic.related.is_empty() {
        let related: Vec<Value> = diagnostic
            .related
            .iter()
            .enumerate()
            .map(|(id, r)| {
                let mut at = location(docs, &r.file, r.span);
                at["id"] = json!(id);
                at["message"] = json!({ "text": r.label });
                at
            })
            .collect();
        value["relatedLocations"] = json!(related);
    }
    value
}

/// The whole SARIF log for one run.
pub fn log(docs: &DocSet, diagnostics: &[Diagnostic]) -> Value {
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "mdapi",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": Code::ALL.iter().map(|c| rule(*c)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": diagnostics.iter().map(|d| result(docs, d)).collect::<Vec<_>>(),
        }],
    })
}
