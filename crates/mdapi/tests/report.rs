//! The docs-health report, checked without a browser: it is self-contained,
//! its totals are `mdapi stats`, and doc text cannot inject markup. (CI also
//! opens the corpus report in headless Chromium: `cargo xtask report`.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

fn report(docs: &str) -> (String, mdapi::stats::Stats) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let set = mdapi::DocSet::load(&[root.join(docs)]).unwrap();
    let analysis = mdapi::analyze(&set);
    let stats = mdapi::stats::compute(&analysis);
    // A report written to `<root>/report/` (nothing is written here).
    let options = mdapi::report::Options { source_url: None, report_dir: Some(root.join("report")) };
    (mdapi::report::html(&set, &analysis, &stats, &options), stats)
}

fn total(html: &str, key: &str) -> usize {
    let at = html.find(&format!("data-total=\"{key}\">")).unwrap_or_else(|| panic!("no total {key}"));
    let rest = &html[at..];
    let start = rest.find('>').unwrap() + 1;
    rest[start..start + rest[start..].find('<').unwrap()].parse().unwrap()
}

fn data(html: &str) -> serde_json::Value {
    let start = html.find("<script type=\"application/json\" id=\"data\">").unwrap();
    let body = &html[start..];
    let body = &body[body.find('>').unwrap() + 1..body.find("</script>").unwrap()];
    assert!(!body.contains('<'), "`<` in the data block could close it");
    serde_json::from_str(body).unwrap()
}

#[test]
fn totals_are_the_stats() {
    let (html, stats) = report("docs-input");
    assert_eq!(total(&html, "pages"), stats.pages);
    assert_eq!(total(&html, "errors"), stats.errors);
    assert_eq!(total(&html, "warnings"), stats.warnings);
    assert_eq!(total(&html, "notes"), stats.notes);
    assert_eq!(total(&html, "pages_with_findings"), stats.pages_with_findings);
    assert_eq!(total(&html, "examples_verified"), stats.examples_verified);
    let data = data(&html);
    assert_eq!(data["diagnostics"].as_array().unwrap().len(), stats.errors + stats.warnings + stats.notes);
    // Links are relative to the report: `../docs-input/beta/api/...`.
    assert_eq!(data["roots"][0][1], "../docs-input");
}

#[test]
fn the_report_is_self_contained() {
    let (html, _) = report("docs-input");
    assert_eq!(html.matches("<script").count(), 2);
    // Doc text in the data block may mention URLs; the markup must not load any.
    let start = html.find("<script type=\"application/json\"").unwrap();
    let end = start + html[start..].find("</script>").unwrap();
    let html = format!("{}{}", &html[..start], &html[end..]);
    for external in ["src=", "<link", "@import", "url(", "href=\"http", "fetch("] {
        assert!(!html.contains(external), "`{external}` would fetch at view time");
    }
}

#[test]
fn hostile_doc_text_stays_text() {
    let (html, stats) = report("crates/mdapi/tests/fixtures/adversarial");
    assert!(stats.warnings > 0);
    // Chart labels and totals are escaped; messages travel as JSON with `<`
    // escaped and are shown through `textContent`.
    assert_eq!(html.matches("<script").count(), 2);
    assert!(!html.contains("innerHTML"));
    let data = data(&html);
    let messages: Vec<&str> = data["diagnostics"].as_array().unwrap().iter().map(|d| d[3].as_str().unwrap()).collect();
    assert!(messages.iter().any(|m| m.contains("../escape") || m.contains("microsoft.graph.../../outside")));
}
