//! `cargo xtask report [--screenshot FILE]`: writes the docs-health report
//! for the whole corpus, opens it in headless Chromium, and checks what the
//! browser rendered: every total equals `mdapi stats`, both charts have
//! bars, the table has a row per page with findings, and the file is under
//! 5 MB. CI installs Chromium (Debian's `chromium`) before running it.

use std::path::{Path, PathBuf};
use std::process::Command;

const MAX_BYTES: usize = 5 * 1024 * 1024;

fn chromium() -> Result<PathBuf, String> {
    let path = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if path.exists() {
        Ok(path)
    } else {
        Err(format!("{} not found: install Debian's `chromium` (CI does) or set CHROMIUM", path.display()))
    }
}

/// Runs headless Chromium with the flags this machine's closed network needs.
fn headless(root: &Path, args: &[String]) -> Result<Vec<u8>, String> {
    let profile = crate::target_dir(root).join("report/chromium-profile");
    let _ = std::fs::remove_dir_all(&profile);
    let output = Command::new(chromium()?)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .map_err(|e| format!("chromium: {e}"))?;
    if !output.status.success() {
        return Err(format!("chromium failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    Ok(output.stdout)
}

/// The text of the element carrying `attribute` (`data-total="errors"`).
fn text_after(dom: &str, attribute: &str) -> Option<String> {
    let at = dom.find(attribute)?;
    let start = at + dom[at..].find('>')? + 1;
    let end = start + dom[start..].find('<')?;
    Some(dom[start..end].to_owned())
}

fn count_in(dom: &str, element_id: &str, needle: &str) -> usize {
    let Some(at) = dom.find(&format!("id=\"{element_id}\"")) else { return 0 };
    let end = dom[at..].find("</svg>").map_or(dom.len(), |e| at + e);
    dom[at..end].matches(needle).count()
}

pub fn run(root: &Path, screenshot: Option<&Path>) -> Result<Vec<String>, String> {
    let docs = crate::corpus::corpus_dir(root).join("graph-docs");
    let set = mdapi::DocSet::load(&[&docs]).map_err(|e| e.to_string())?;
    let analysis = mdapi::analyze(&set);
    let stats = mdapi::stats::compute(&analysis);
    let out = crate::target_dir(root).join("report/graph-docs.html");
    let options = mdapi::report::Options { source_url: None, report_dir: out.parent().map(Path::to_path_buf) };
    let html = mdapi::report::html(&set, &analysis, &stats, &options);
    mdapi::report::write(&out, &html).map_err(|e| e.to_string())?;
    let url = format!("file://{}", std::path::absolute(&out).map_err(|e| e.to_string())?.display());
    let dom = String::from_utf8(headless(root, &["--dump-dom".to_owned(), url.clone()])?).map_err(|e| e.to_string())?;

    let mut failures = Vec::new();
    let mut check = |ok: bool, what: String| {
        println!("{} {what}", if ok { "ok  " } else { "FAIL" });
        if !ok {
            failures.push(what);
        }
    };
    check(html.len() < MAX_BYTES, format!("report is {} KB (limit {} KB)", html.len() / 1024, MAX_BYTES / 1024));
    let expected = serde_json::to_value(&stats).map_err(|e| e.to_string())?;
    for key in [
        "pages",
        "pages_with_findings",
        "errors",
        "warnings",
        "notes",
        "operations",
        "types",
        "examples",
        "examples_verified",
        "examples_doc_defect",
        "examples_unsupported",
    ] {
        let shown = text_after(&dom, &format!("data-total=\"{key}\""));
        let want = expected.get(key).map(ToString::to_string);
        check(shown.is_some() && shown == want, format!("total {key}: rendered {shown:?}, mdapi stats {want:?}"));
    }
    let rendered_rows = text_after(&dom, "data-rows=\"").is_some();
    let rows = dom.matches("class=\"page-row\"").count();
    check(
        rendered_rows && rows == stats.pages_with_findings,
        format!("table: {rows} page rows rendered by the script, {} pages with findings", stats.pages_with_findings),
    );
    for chart in ["chart-areas", "chart-codes"] {
        let bars = count_in(&dom, chart, "<rect");
        check(bars > 0, format!("chart {chart}: {bars} bars"));
    }
    if let Some(path) = screenshot {
        headless(root, &["--window-size=1400,1500".to_owned(), format!("--screenshot={}", path.display()), url])?;
        println!("screenshot: {}", path.display());
    }
    Ok(failures)
}
