//! Diagnostics for people (rustc-style, via annotate-snippets) and for
//! machines (one JSON object per line).

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use mdapi_parse::{Diagnostic, Severity};
use serde::Serialize;

use crate::docset::DocSet;

/// The JSON form: one object per line.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: Severity,
    file: String,
    line: u32,
    column: u32,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

pub fn json_line(docs: &DocSet, diagnostic: &Diagnostic) -> String {
    let value = JsonDiagnostic {
        code: diagnostic.code.as_str(),
        severity: diagnostic.severity,
        file: docs.display_path(&diagnostic.file),
        line: diagnostic.span.line,
        column: diagnostic.span.column,
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
    };
    serde_json::to_string(&value).unwrap_or_default()
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

/// The byte range in `line` from 1-based `column` to the end of the span
/// (or of the line's text when the span ends elsewhere).
fn underline(line: &str, column: u32, width: Option<usize>) -> std::ops::Range<usize> {
    let skip = usize::try_from(column.saturating_sub(1)).unwrap_or(0);
    let start = line.char_indices().nth(skip).map_or(line.len(), |(i, _)| i);
    let end = match width {
        Some(width) if width > 0 => (start + width).min(line.len()),
        _ => line.trim_end().len().max(start),
    };
    let end = (start..=end).rev().find(|i| line.is_char_boundary(*i)).unwrap_or(start);
    start..end.max(start)
}

/// Human form, with the page's line underlined when there is one.
pub fn human(docs: &DocSet, diagnostic: &Diagnostic, color: bool) -> String {
    let path = docs.display_path(&diagnostic.file);
    let line_no = diagnostic.span.line;
    let line_text = docs
        .text(&diagnostic.file)
        .and_then(|text| text.lines().nth(usize::try_from(line_no).unwrap_or(0).checked_sub(1)?));
    let width = (diagnostic.span.end > diagnostic.span.start).then(|| diagnostic.span.end - diagnostic.span.start);
    let title = level(diagnostic.severity).primary_title(&diagnostic.message).id(diagnostic.code.as_str());
    let mut group = match line_text {
        Some(text) => {
            let width = width.filter(|w| *w <= text.len());
            title.element(
                Snippet::source(text)
                    .line_start(usize::try_from(line_no).unwrap_or(1))
                    .path(path.clone())
                    .annotation(AnnotationKind::Primary.span(underline(text, diagnostic.span.column, width))),
            )
        }
        None => title.element(Level::NOTE.message(format!("in {path}"))),
    };
    for related in &diagnostic.related {
        let where_ = format!("{}:{}: {}", docs.display_path(&related.file), related.span.line, related.label);
        group = group.element(Level::NOTE.message(where_));
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let report: [Group<'_>; 1] = [group];
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    renderer.render(&report).to_string()
}

#[cfg(test)]
mod tests {
    use super::underline;

    #[test]
    fn underline_stays_on_char_boundaries() {
        assert_eq!(underline("|a|é b|", 4, None), 3..8);
        assert_eq!(underline("abc", 10, None), 3..3);
        assert_eq!(underline("aé", 1, Some(2)), 0..1);
    }
}
