//! The generic markdown layer: pulldown-cmark events folded into a flat list
//! of blocks (headings, paragraphs, tables, code blocks, HTML comments), each
//! with its source span. Knows nothing about Graph pages.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::diag::Span;
use crate::lines::LineIndex;

/// A hyperlink and where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub dest: String,
    pub span: Span,
}

/// Inline content flattened to plain text (emphasis dropped, link text kept,
/// `<br>` as a newline), with the links found in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    pub links: Vec<Link>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<Inline>,
    pub rows: Vec<Vec<Inline>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    /// The fence's info string (`http`, `json`), trimmed; empty when absent.
    pub info: String,
    pub text: String,
    /// Span of the whole block, fences included.
    pub span: Span,
    /// 1-based line of the first content line.
    pub content_line: u32,
    /// Whether the closing fence exists (an unclosed fence runs to the end).
    pub closed: bool,
}

/// An HTML comment; `text` is what lies between `<!--` and `-->`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub text: String,
    pub span: Span,
    pub closed: bool,
}

/// A DocFX include line: `[!INCLUDE [label](path.md)]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    pub label: String,
    pub dest: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Include(Include),
    FrontMatter { yaml: String, span: Span },
    Heading { level: u8, inline: Inline },
    Paragraph(Inline),
    Table(Table),
    Code(CodeBlock),
    Comment(Comment),
}

/// The pulldown-cmark extensions Graph pages use.
pub const OPTIONS: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS).union(Options::ENABLE_STRIKETHROUGH);

/// Splits `text` into blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    // pulldown-cmark opens a metadata block at any `---` line followed by
    // text, so a thematic break mid-page (`---` before `#### Response`)
    // would swallow everything up to the next `---` as YAML. Front matter
    // is only at the page's start: it is cut out by hand (blanked, so
    // offsets stay) and the rest is parsed without metadata blocks.
    let (front_matter, masked) = split_front_matter(text);
    let index = LineIndex::new(text);
    let options = OPTIONS.difference(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    let mut folder = Folder {
        text,
        index: &index,
        out: Vec::new(),
        inlines: Vec::new(),
        code: None,
        table: None,
        row: Vec::new(),
        front_matter: None,
        pending_comments: Vec::new(),
    };
    if let Some((start, end, yaml)) = front_matter {
        let span = folder.span(start, end);
        folder.out.push(Block::FrontMatter { yaml: yaml.to_owned(), span });
    }
    for (event, range) in Parser::new_ext(masked.as_deref().unwrap_or(text), options).into_offset_iter() {
        folder.event(event, range);
    }
    folder.out
}

/// The front matter at the start of `text` (`---`, YAML, then `---` or
/// `...`): its byte range and YAML, and `text` with that range blanked
/// (newlines kept, every other byte a space).
type FrontMatterAt<'t> = Option<(usize, usize, &'t str)>;

fn split_front_matter(text: &str) -> (FrontMatterAt<'_>, Option<String>) {
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return (None, None);
    }
    let yaml_start = text.find('\n').map_or(text.len(), |n| n + 1);
    let mut at = yaml_start;
    for (n, line) in lines.enumerate() {
        // `---` then a blank line is a thematic break, as in CommonMark.
        if n == 0 && line.trim().is_empty() {
            return (None, None);
        }
        if n > 0 && matches!(line.trim_end(), "---" | "...") {
            let end = at + line.len();
            let blank: String = text[..end].bytes().map(|b| if b == b'\n' { '\n' } else { ' ' }).collect();
            return (Some((0, end, &text[yaml_start..at])), Some(blank + &text[end..]));
        }
        at += line.len();
    }
    (None, None)
}

struct Folder<'t, 'i> {
    text: &'t str,
    index: &'i LineIndex<'t>,
    out: Vec<Block>,
    inlines: Vec<InlineCapture>,
    code: Option<(String, usize, usize, String)>,
    table: Option<(Table, bool)>,
    row: Vec<Inline>,
    front_matter: Option<(usize, usize, String)>,
    pending_comments: Vec<Comment>,
}

struct InlineCapture {
    inline: Inline,
    start: usize,
    open_links: Vec<(String, usize, usize)>,
}

impl<'t, 'i> Folder<'t, 'i> {
    fn span(&self, start: usize, end: usize) -> Span {
        self.index.span(start, end)
    }

    fn push_text(&mut self, text: &str) {
        if let Some((_, _, _, code)) = self.code.as_mut() {
            code.push_str(text);
        } else if let Some((_, _, yaml)) = self.front_matter.as_mut() {
            yaml.push_str(text);
        } else if let Some(capture) = self.inlines.last_mut() {
            capture.inline.text.push_str(text);
        }
    }

    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) | Event::Code(text) => self.push_text(&text),
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak => self.push_text("\n"),
            Event::InlineHtml(html) => self.inline_html(&html, range),
            _ => {}
        }
    }

    fn inline_html(&mut self, html: &str, range: std::ops::Range<usize>) {
        let lower = html.trim_start().to_ascii_lowercase();
        // `</br>`, a common slip for `<br/>`, is a line break in browsers too.
        let tag = lower.trim_start_matches(['<', '/']).split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
        if lower.starts_with("<br") || lower.starts_with("</br") {
            self.push_text("\n");
        } else if ["li", "ul", "ol", "p", "div"].contains(&tag) {
            // A list or paragraph inside a table cell: each item a line of
            // its own, never glued to the next (`A<li>B` is not `AB`).
            self.push_text("\n");
        } else if lower.starts_with("<sup") {
            // `10<sup>6</sup>` reads `10^6`; `User.Read<sup>1</sup>` is the
            // scope with a footnote mark, not `User.Read1`.
            self.push_text("^");
        } else if lower.starts_with("<!--") {
            let comments = comments_in(self.text, range.start, range.end, self);
            self.pending_comments.extend(comments);
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: std::ops::Range<usize>) {
        match tag {
            Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell | Tag::Item => {
                self.inlines.push(InlineCapture {
                    inline: Inline::default(),
                    start: range.start,
                    open_links: Vec::new(),
                });
            }
            Tag::Link { dest_url, .. } => {
                if let Some(capture) = self.inlines.last_mut() {
                    let at = capture.inline.text.len();
                    capture.open_links.push((dest_url.to_string(), at, range.start));
                }
            }
            Tag::CodeBlock(kind) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((info, range.start, range.end, String::new()));
            }
            Tag::Table(_) => {
                let span = self.span(range.start, range.end);
                self.table = Some((Table { header: Vec::new(), rows: Vec::new(), span }, true));
            }
            Tag::TableHead | Tag::TableRow => self.row.clear(),
            Tag::HtmlBlock => {
                let comments = comments_in(self.text, range.start, range.end, self);
                self.out.extend(comments.into_iter().map(Block::Comment));
            }
            Tag::MetadataBlock(_) => self.front_matter = Some((range.start, range.end, String::new())),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: std::ops::Range<usize>) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item => {
                let Some(capture) = self.inlines.pop() else { return };
                let mut inline = capture.inline;
                inline.span = self.span(capture.start, range.end);
                match tag {
                    TagEnd::Heading(level) => {
                        self.out.push(Block::Heading { level: level as u8, inline });
                    }
                    TagEnd::TableCell => self.row.push(inline),
                    _ if inline.text.trim().is_empty() && inline.links.is_empty() => {}
                    _ if is_include(&inline.text) => {
                        let includes = inline.links.into_iter().map(|link| Include {
                            label: link.text,
                            dest: link.dest,
                            span: link.span,
                        });
                        self.out.extend(includes.map(Block::Include));
                    }
                    _ => self.out.push(Block::Paragraph(inline)),
                }
                let comments = std::mem::take(&mut self.pending_comments);
                self.out.extend(comments.into_iter().map(Block::Comment));
            }
            TagEnd::Link => {
                let Some(capture) = self.inlines.last_mut() else { return };
                let Some((dest, at, start)) = capture.open_links.pop() else { return };
                let text = capture.inline.text.get(at..).unwrap_or_default().to_owned();
                let span = self.index.span(start, range.end);
                capture.inline.links.push(Link { text, dest, span });
            }
            TagEnd::CodeBlock => {
                let Some((info, start, end, text)) = self.code.take() else { return };
                let span = self.span(start, end);
                let fence = self.text.get(start..end).unwrap_or_default();
                let closed = fence_is_closed(fence);
                let content_line = span.line + u32::from(is_fenced(fence));
                self.out.push(Block::Code(CodeBlock { info, text, span, content_line, closed }));
            }
            TagEnd::TableHead => {
                if let Some((table, header)) = self.table.as_mut() {
                    table.header = std::mem::take(&mut self.row);
                    // `Permission&nbsp;type`: a header is matched by its
                    // words, whatever space separates them.
                    for cell in &mut table.header {
                        cell.text = cell.text.replace('\u{a0}', " ");
                    }
                    *header = false;
                }
            }
            TagEnd::TableRow => {
                if let Some((table, _)) = self.table.as_mut() {
                    table.rows.push(std::mem::take(&mut self.row));
                }
            }
            TagEnd::Table => {
                if let Some((table, _)) = self.table.take() {
                    self.out.push(Block::Table(table));
                }
            }
            TagEnd::MetadataBlock(_) => {
                if let Some((start, end, yaml)) = self.front_matter.take() {
                    let span = self.span(start, end);
                    self.out.push(Block::FrontMatter { yaml, span });
                }
            }
            _ => {}
        }
    }
}

/// A table whose delimiter row has another number of cells than its header
/// (`|a|b|` over `|:--|:--|:--|`) is no table to CommonMark's GFM tables,
/// but Docs (markdig) renders it, and Graph pages have such tables. The
/// delimiter row is rewritten to the header's count, on its own line, so
/// every other line and column stays where it was. `None`: nothing to fix.
pub fn align_delimiter_rows(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut fixed: Vec<(usize, String)> = Vec::new();
    for (at, pair) in lines.windows(2).enumerate() {
        let (header, delimiter) = (pair[0], pair[1]);
        if !is_delimiter_row(delimiter) || is_delimiter_row(header) || !header.contains('|') {
            continue;
        }
        let (want, have) = (cell_count(header), cell_count(delimiter));
        if want >= 2 && want != have {
            let indent = &delimiter[..delimiter.len() - delimiter.trim_start().len()];
            fixed.push((at + 1, format!("{indent}|{}", ":---|".repeat(want))));
        }
    }
    if fixed.is_empty() {
        return None;
    }
    let mut lines: Vec<String> = lines.into_iter().map(str::to_owned).collect();
    for (at, line) in fixed {
        if let Some(slot) = lines.get_mut(at) {
            // Keep a `\r` of a CRLF file.
            let cr = if slot.ends_with('\r') { "\r" } else { "" };
            *slot = format!("{line}{cr}");
        }
    }
    Some(lines.join("\n"))
}

fn is_delimiter_row(line: &str) -> bool {
    let line = line.trim();
    line.contains('-')
        && line.contains('|')
        && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
        && line
            .trim_matches('|')
            .split('|')
            .all(|cell| cell.trim().trim_matches(':').chars().all(|c| c == '-') && cell.contains('-'))
}

/// Cells of a table row: unescaped `|`s between them, outer ones optional.
fn cell_count(line: &str) -> usize {
    let line = line.trim();
    let mut pipes: usize = 0;
    let mut escaped = false;
    for c in line.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '|' {
            pipes += 1;
        }
    }
    let outer = usize::from(line.starts_with('|')) + usize::from(line.ends_with('|') && line.len() > 1);
    (pipes + 1).saturating_sub(outer)
}

fn is_include(text: &str) -> bool {
    text.trim_start().get(..9).is_some_and(|head| head.eq_ignore_ascii_case("[!include"))
}

fn is_fenced(block: &str) -> bool {
    let head = block.trim_start();
    head.starts_with("```") || head.starts_with("~~~")
}

fn fence_is_closed(block: &str) -> bool {
    if !is_fenced(block) {
        return true;
    }
    let trimmed = block.trim_start();
    let marker = if trimmed.starts_with('`') { '`' } else { '~' };
    let mut lines = block.trim_end().lines();
    lines.next();
    lines.last().is_some_and(|last| {
        let last = last.trim();
        last.len() >= 3 && last.chars().all(|c| c == marker)
    })
}

/// Every `<!-- ... -->` in `text[start..end]`.
fn comments_in(text: &str, start: usize, end: usize, folder: &Folder<'_, '_>) -> Vec<Comment> {
    let Some(region) = text.get(start..end) else { return Vec::new() };
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = region.get(from..).and_then(|rest| rest.find("<!--")) {
        let body_start = from + open + 4;
        let rest = region.get(body_start..).unwrap_or_default();
        let (body, closed, next) = match rest.find("-->") {
            Some(close) => (&rest[..close], true, body_start + close + 3),
            None => (rest, false, region.len()),
        };
        found.push(Comment { text: body.to_owned(), span: folder.span(start + from + open, start + next), closed });
        from = next;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_headings_tables_code_and_comments() {
        let text = "---\ntitle: x\n---\n# Title\n\nSee [a](b.md).\n\n|A|B|\n|-|-|\n|1|x<br>y|\n\n<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me\n```\n";
        let blocks = blocks(text);
        assert!(matches!(&blocks[0], Block::FrontMatter { yaml, .. } if yaml.contains("title: x")));
        assert!(matches!(&blocks[1], Block::Heading { level: 1, inline } if inline.text == "Title"));
        let Block::Paragraph(paragraph) = &blocks[2] else { panic!("{:?}", blocks[2]) };
        assert_eq!(paragraph.links[0].dest, "b.md");
        assert_eq!(paragraph.links[0].text, "a");
        let Block::Table(table) = &blocks[3] else { panic!("{:?}", blocks[3]) };
        assert_eq!(table.rows[0][1].text, "x\ny");
        assert_eq!(table.rows[0][0].span.line, 10);
        let Block::Comment(comment) = &blocks[4] else { panic!("{:?}", blocks[4]) };
        assert!(comment.closed && comment.text.contains("request"));
        let Block::Code(code) = &blocks[5] else { panic!("{:?}", blocks[5]) };
        assert_eq!((code.info.as_str(), code.text.as_str(), code.content_line), ("http", "GET /me\n", 14));
        assert!(code.closed);
    }

    /// The kind: a thematic break mid-page followed by text is no front
    /// matter; only the page's start holds front matter.
    #[test]
    fn a_rule_mid_page_opens_no_front_matter() {
        let text = "---\ntitle: x\n---\n# T\n\n---\n#### Response\n\n```http\nHTTP/1.1 200 OK\n```\n\n---\n";
        let blocks = blocks(text);
        let front: Vec<_> = blocks.iter().filter(|b| matches!(b, Block::FrontMatter { .. })).collect();
        assert_eq!(front.len(), 1, "{blocks:?}");
        assert!(blocks.iter().any(|b| matches!(b, Block::Heading { level: 4, inline } if inline.text == "Response")));
        let code = blocks.iter().find_map(|b| if let Block::Code(c) = b { Some(c) } else { None }).unwrap();
        assert_eq!((code.text.as_str(), code.content_line), ("HTTP/1.1 200 OK\n", 10));
        // `---` then a blank line starts no front matter even at the top.
        assert!(!super::blocks("---\n\ntitle: x\n---\n").iter().any(|b| matches!(b, Block::FrontMatter { .. })));
    }

    /// The kind: a table header written with `&nbsp;` between its words
    /// (`Permission&nbsp;type`) matched no known header.
    #[test]
    fn header_words_may_be_joined_by_nbsp() {
        let blocks = blocks("|Permission&nbsp;type|Permissions|\n|:--|:--|\n|&nbsp;&nbsp;Application|A.Read|\n");
        let Block::Table(table) = &blocks[0] else { panic!("{blocks:?}") };
        assert_eq!(table.header[0].text, "Permission type");
        assert!(table.rows[0][0].text.starts_with('\u{a0}'), "cells keep their indentation");
    }

    #[test]
    fn a_delimiter_row_with_another_cell_count_is_aligned_to_the_header() {
        let text = "|a | b|\n|:--|:--|:--|\n|1|2|\n\n|x|y|\n|--|--|\n";
        let aligned = align_delimiter_rows(text).unwrap();
        assert_eq!(aligned, "|a | b|\n|:---|:---|\n|1|2|\n\n|x|y|\n|--|--|\n");
        let tables = blocks(&aligned).into_iter().filter(|b| matches!(b, Block::Table(_))).count();
        assert_eq!(tables, 2);
        assert_eq!(align_delimiter_rows("|x|y|\n|--|--|\n"), None);
        assert_eq!(align_delimiter_rows("a \\| b | c | d\n--|--|--\n"), None, "an escaped pipe is no cell");
    }

    #[test]
    fn include_lines_are_includes() {
        let blocks = blocks("[!INCLUDE [permissions-table](../includes/permissions/x.md)]\n[!INCLUDE [sample-code](../includes/snippets/y.md)]\n");
        let includes: Vec<_> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Include(i) => Some((i.label.as_str(), i.dest.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            includes,
            [("permissions-table", "../includes/permissions/x.md"), ("sample-code", "../includes/snippets/y.md")]
        );
    }

    #[test]
    fn unclosed_comment_and_fence_are_seen() {
        let blocks = blocks("<!-- {\n\n```http\nGET /me\n");
        assert!(matches!(&blocks[0], Block::Comment(c) if !c.closed));
        let blocks = super::blocks("```http\nGET /me\n");
        assert!(matches!(&blocks[0], Block::Code(c) if !c.closed));
    }
}
