//! `mdapi report`: one self-contained HTML page about a doc set's health.
//!
//! Totals, coverage and the charts (inline SVG) are rendered here, so they
//! show without JavaScript; the sortable table of pages is built in the
//! browser from an embedded JSON block, which keeps the file small (the
//! whole Graph corpus is about 2 MB). Nothing is fetched at view time.
//! All doc text reaches the page escaped: as HTML text here, as JSON with
//! `<` escaped inside the script block, and through `textContent` in the
//! script.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use mdapi_parse::{Code, PageKind, Severity};
use serde_json::json;

use crate::docset::DocSet;
use crate::pipeline::Analysis;
use crate::stats::Stats;

/// Where the report's links to pages point.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A URL prefix the page path is appended to (`https://github.com/o/r/blob/main/docs`);
    /// without one, links are file paths relative to the report.
    pub source_url: Option<String>,
    /// The folder the report is written to, for relative links.
    pub report_dir: Option<std::path::PathBuf>,
}

/// Severity counts of one group (a page, an area, a code).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    errors: usize,
    warnings: usize,
    notes: usize,
}

impl Counts {
    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Note => self.notes += 1,
        }
    }

    fn total(self) -> usize {
        self.errors + self.warnings + self.notes
    }
}

/// The product area of a page: its front matter's `ms.subservice` or
/// `ms.prod`, else its first route's first segment, else `(none)`.
pub fn area(page: &mdapi_parse::Page) -> String {
    // A placeholder (`**TODO: Add MS prod...`) is no area.
    let is_name = |a: &&str| a.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if let Some(area) = page.front_matter.area().filter(is_name) {
        return area.to_owned();
    }
    let segment = page.routes.first().and_then(|r| r.route.path.trim_start_matches('/').split('/').next());
    segment.filter(|s| !s.is_empty()).map_or_else(|| "(none)".to_owned(), str::to_owned)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Where links to a root's pages point: the URL prefix, or the root as a
/// path relative to the report.
fn link_root(root: &Path, options: &Options) -> String {
    if let Some(url) = &options.source_url {
        return url.trim_end_matches('/').to_owned();
    }
    let relative = options
        .report_dir
        .as_deref()
        .and_then(|dir| pathdiff::diff_paths(std::path::absolute(root).ok()?, std::path::absolute(dir).ok()?));
    relative.unwrap_or_else(|| root.to_owned()).to_string_lossy().replace('\\', "/")
}

/// One bar chart: a row per group, bars stacked by severity.
fn bar_chart(id: &str, title: &str, rows: &[(String, Counts)]) -> String {
    const WIDTH: usize = 380;
    const LABEL: usize = 200;
    const ROW: usize = 18;
    let max = rows.iter().map(|(_, c)| c.total()).max().unwrap_or(0).max(1);
    let height = rows.len() * ROW + 8;
    let mut svg = format!(
        "<figure><figcaption>{}</figcaption><svg id=\"{id}\" role=\"img\" aria-label=\"{}\" width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\">",
        escape(title),
        escape(title),
        LABEL + WIDTH + 60,
        LABEL + WIDTH + 60
    );
    for (i, (label, counts)) in rows.iter().enumerate() {
        let y = i * ROW + 4;
        let _ = write!(svg, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", LABEL - 6, y + 12, escape(label));
        let mut x = LABEL;
        for (class, count) in [("error", counts.errors), ("warning", counts.warnings), ("note", counts.notes)] {
            let width = count * WIDTH / max;
            if count > 0 {
                let _ = write!(
                    svg,
                    "<rect class=\"{class}\" x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\"><title>{}: {count} {class}s</title></rect>",
                    width.max(1),
                    ROW - 4,
                    escape(label)
                );
            }
            x += width.max(usize::from(count > 0));
        }
        let _ = write!(svg, "<text x=\"{}\" y=\"{}\">{}</text>", x + 4, y + 12, counts.total());
    }
    svg.push_str("</svg></figure>");
    svg
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "–".to_owned();
    }
    format!("{:.2}%", part as f64 * 100.0 / whole as f64)
}

/// The report's HTML.
pub fn html(docs: &DocSet, analysis: &Analysis, stats: &Stats, options: &Options) -> String {
    // Every page, then any file with findings that is no parsed page (one
    // that could not be read, say), so each finding has a row.
    let mut paths: Vec<&str> = analysis.pages.iter().map(|p| p.path.as_str()).collect();
    let mut index: HashMap<&str, usize> = paths.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    for d in &analysis.diagnostics {
        if !index.contains_key(d.file.as_str()) {
            index.insert(&d.file, paths.len());
            paths.push(&d.file);
        }
    }
    let mut areas: Vec<String> = analysis.pages.iter().map(area).collect();
    areas.resize(paths.len(), "(none)".to_owned());
    let mut per_area: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut per_code: BTreeMap<Code, Counts> = BTreeMap::new();
    let mut rows = Vec::with_capacity(analysis.diagnostics.len());
    for d in &analysis.diagnostics {
        let at = index.get(d.file.as_str()).copied().unwrap_or_default();
        per_area.entry(areas.get(at).map_or("(none)", String::as_str)).or_default().add(d.severity);
        per_code.entry(d.code).or_default().add(d.severity);
        let code = d.code.index();
        rows.push(json!([at, code, d.span.line, d.message]));
    }
    // A page is `[path, area, root]`; the script joins a root's display
    // name or link with the path (root -1: the path as it is).
    let page_rows: Vec<serde_json::Value> = paths
        .iter()
        .zip(&areas)
        .map(|(path, area)| {
            let root = docs.root_of(path).and_then(|r| i64::try_from(r).ok()).unwrap_or(-1);
            json!([path, area, root])
        })
        .collect();
    let roots: Vec<serde_json::Value> =
        docs.roots.iter().map(|r| json!([r.to_string_lossy().trim_end_matches('/'), link_root(r, options)])).collect();
    let codes: Vec<serde_json::Value> = Code::ALL
        .iter()
        .map(|c| json!([c.as_str(), format!("{:?}", c.severity()).to_lowercase(), c.summary()]))
        .collect();
    let data = json!({ "roots": roots, "pages": page_rows, "codes": codes, "diagnostics": rows });
    // `<` escaped keeps `</script>` and `<!--` in doc text inert.
    let data = serde_json::to_string(&data).unwrap_or_default().replace('<', "\\u003c");

    let mut by_area: Vec<(String, Counts)> = per_area.iter().map(|(a, c)| ((*a).to_owned(), *c)).collect();
    by_area.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then_with(|| a.0.cmp(&b.0)));
    let other: Counts = by_area.iter().skip(30).fold(Counts::default(), |acc, (_, c)| Counts {
        errors: acc.errors + c.errors,
        warnings: acc.warnings + c.warnings,
        notes: acc.notes + c.notes,
    });
    let more = by_area.len().saturating_sub(30);
    by_area.truncate(30);
    if more > 0 {
        by_area.push((format!("{more} more areas"), other));
    }
    let mut by_code: Vec<(String, Counts)> = per_code.iter().map(|(c, n)| (c.as_str().to_owned(), *n)).collect();
    by_code.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then_with(|| a.0.cmp(&b.0)));

    let api_pages = analysis.pages.iter().filter(|p| p.kind == PageKind::Api).count();
    let totals = [
        ("pages", "pages", stats.pages),
        ("pages_with_findings", "pages with findings", stats.pages_with_findings),
        ("errors", "errors", stats.errors),
        ("warnings", "warnings", stats.warnings),
        ("notes", "notes", stats.notes),
        ("operations", "operations", stats.operations),
        ("types", "types", stats.types),
        ("examples", "examples", stats.examples),
        ("examples_verified", "examples verified", stats.examples_verified),
        ("examples_doc_defect", "examples with a doc defect", stats.examples_doc_defect),
        ("examples_unsupported", "examples unsupported", stats.examples_unsupported),
    ];
    let coverage = [
        ("routes", "API pages with routes", stats.api_pages_with_routes, api_pages),
        ("permissions", "permission tables read", stats.permission_tables_parsed, stats.permission_tables),
        ("examples_paired", "request examples with a response", stats.examples_paired, stats.examples),
        ("examples_matched", "examples matching a route", stats.examples_matched, stats.examples),
        (
            "typed_examples",
            "typed example bodies that decode",
            stats.example_bodies_decoded,
            stats.example_bodies_typed,
        ),
    ];

    let mut out = String::with_capacity(data.len() + 64 * 1024);
    out.push_str("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.push_str("<title>mdapi docs health</title><style>");
    out.push_str(STYLE);
    out.push_str("</style></head><body><header><h1>Docs health</h1><p>");
    let roots: Vec<String> = docs.roots.iter().map(|r| escape(&r.display().to_string())).collect();
    let _ = write!(out, "{} — generated by mdapi {}", roots.join(", "), env!("CARGO_PKG_VERSION"));
    out.push_str("</p></header><main><section id=\"totals\">");
    for (key, label, value) in totals {
        let _ = write!(
            out,
            "<div class=\"total\"><span class=\"value\" data-total=\"{key}\">{value}</span><span class=\"label\">{label}</span></div>"
        );
    }
    out.push_str("</section><section id=\"coverage\"><h2>Coverage</h2><table><tbody>");
    for (key, label, part, whole) in coverage {
        let _ = write!(
            out,
            "<tr data-coverage=\"{key}\"><th>{label}</th><td>{part} / {whole}</td><td>{}</td></tr>",
            percent(part, whole)
        );
    }
    out.push_str("</tbody></table></section><section id=\"charts\"><h2>Findings</h2><div class=\"charts\">");
    out.push_str(&bar_chart("chart-areas", "Findings per area", &by_area));
    out.push_str(&bar_chart("chart-codes", "Findings per code", &by_code));
    out.push_str("</div>");
    out.push_str("<p class=\"legend\"><span class=\"error\">error</span> <span class=\"warning\">warning</span> <span class=\"note\">note</span></p>");
    out.push_str("</section><section id=\"pages\"><h2>Pages with findings</h2>");
    out.push_str(
        "<input id=\"filter\" type=\"search\" placeholder=\"Filter by page, area or code\" aria-label=\"Filter\">",
    );
    out.push_str("<table id=\"page-table\"><thead><tr><th data-sort=\"0\">Page</th><th data-sort=\"1\">Area</th>");
    out.push_str("<th data-sort=\"2\" class=\"num\">Errors</th><th data-sort=\"3\" class=\"num\">Warnings</th><th data-sort=\"4\" class=\"num\">Notes</th></tr></thead><tbody></tbody></table>");
    out.push_str("</section></main><script type=\"application/json\" id=\"data\">");
    out.push_str(&data);
    out.push_str("</script><script>");
    out.push_str(SCRIPT);
    out.push_str("</script></body></html>\n");
    out
}

/// Writes the report to `path`.
pub fn write(path: &Path, html: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, html)
}

const STYLE: &str = r#"
:root{--error:#c62828;--warning:#ef8f00;--note:#5c7cfa;--fg:#1d2129;--muted:#667;--line:#e3e6ea}
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);margin:0;background:#f7f8fa}
header{background:#1d2129;color:#fff;padding:16px 28px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#c8ccd2}
main{padding:20px 28px;max-width:1400px}h2{font-size:17px;margin:26px 0 10px}
#totals{display:flex;flex-wrap:wrap;gap:10px}
.total{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:120px}
.total .value{display:block;font-size:22px;font-weight:600}.total .label{color:var(--muted)}
table{border-collapse:collapse;background:#fff}th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
#coverage th{font-weight:normal}
.charts{display:flex;flex-wrap:wrap;gap:12px 24px;align-items:flex-start}figure{margin:0 0 18px}figcaption{font-weight:600;margin-bottom:6px}svg text{font-size:11px;fill:var(--fg)}
rect.error,.legend .error{fill:var(--error);background:var(--error)}rect.warning,.legend .warning{fill:var(--warning);background:var(--warning)}
rect.note,.legend .note{fill:var(--note);background:var(--note)}.legend span{color:#fff;padding:1px 6px;border-radius:3px}
#filter{margin:0 0 8px;padding:6px 8px;width:360px;border:1px solid var(--line);border-radius:6px}
#page-table{width:100%}#page-table th[data-sort]{cursor:pointer;user-select:none;background:#eef0f3}
#page-table th.sorted-asc::after{content:" ▲"}#page-table th.sorted-desc::after{content:" ▼"}
.num{text-align:right}tr.page-row{cursor:pointer}tr.page-row:hover{background:#f2f5fb}
tr.details td{background:#fafbfc}tr.details ul{margin:2px 0;padding-left:18px}
.sev-error{color:var(--error)}.sev-warning{color:#b56b00}.sev-note{color:var(--note)}code{font-size:12px}
"#;

const SCRIPT: &str = r#"
(function () {
  const data = JSON.parse(document.getElementById('data').textContent);
  const join = (root, path) => root === '' ? path : root + '/' + path;
  const pages = data.pages.map(([path, area, root]) => {
    const r = data.roots[root];
    return { path: r ? join(r[0], path) : path, link: r ? join(r[1], path) : path, area, e: 0, w: 0, n: 0, items: [] };
  });
  for (const [page, code, line, message] of data.diagnostics) {
    const p = pages[page], c = data.codes[code];
    p.items.push({ code: c[0], severity: c[1], line, message });
    if (c[1] === 'error') p.e++; else if (c[1] === 'warning') p.w++; else p.n++;
  }
  let rows = pages.filter(p => p.items.length > 0);
  const keys = [p => p.path, p => p.area, p => p.e, p => p.w, p => p.n];
  let sort = { column: 2, descending: true };
  const body = document.querySelector('#page-table tbody');
  const filter = document.getElementById('filter');
  function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  function details(p) {
    const tr = el('tr', undefined, 'details'), td = el('td'), ul = el('ul');
    td.colSpan = 5;
    for (const d of p.items) {
      const li = el('li'), a = el('a', p.path + ':' + d.line);
      a.href = p.link + (d.line > 0 ? '#L' + d.line : '');
      li.append(el('span', d.severity + '[' + d.code + '] ', 'sev-' + d.severity), a, document.createTextNode(' — ' + d.message));
      ul.append(li);
    }
    td.append(ul); tr.append(td); return tr;
  }
  function render() {
    const q = filter.value.trim().toLowerCase();
    const shown = rows.filter(p => !q || p.path.toLowerCase().includes(q) || p.area.toLowerCase().includes(q) || p.items.some(d => d.code.includes(q)));
    const key = keys[sort.column];
    shown.sort((a, b) => { const x = key(a), y = key(b); const c = x < y ? -1 : x > y ? 1 : a.path < b.path ? -1 : 1; return sort.descending ? -c : c; });
    const fragment = document.createDocumentFragment();
    for (const p of shown) {
      const tr = el('tr', undefined, 'page-row');
      tr.append(el('td', p.path), el('td', p.area), el('td', p.e, 'num'), el('td', p.w, 'num'), el('td', p.n, 'num'));
      tr.addEventListener('click', () => { const next = tr.nextSibling; if (next && next.className === 'details') next.remove(); else tr.after(details(p)); });
      fragment.append(tr);
    }
    body.replaceChildren(fragment);
    document.querySelectorAll('#page-table th').forEach((th, i) => { th.className = i === sort.column ? (sort.descending ? 'sorted-desc' : 'sorted-asc') : ''; });
    document.body.dataset.rows = String(shown.length);
  }
  document.querySelectorAll('#page-table th[data-sort]').forEach(th => th.addEventListener('click', () => {
    const column = Number(th.dataset.sort);
    sort = { column, descending: sort.column === column ? !sort.descending : column >= 2 };
    render();
  }));
  filter.addEventListener('input', render);
  render();
})();
"#;
