//! Fenced code blocks: which reader takes each (the route block, a request
//! or response example, the resource's JSON representation), and fences
//! left open.

use super::examples::{is_opaque, synthetic_annotation};
use super::sections::Section;
use super::{Reader, ResourceJson};
use crate::annotation::BlockType;
use crate::diag::{Code, Diagnostic, Span};
use crate::markdown::CodeBlock;

impl Reader<'_> {
    pub(super) fn code(&mut self, code: CodeBlock) {
        if !code.closed {
            self.diag(
                Diagnostic::new(
                    Code::FenceUnclosed,
                    self.path,
                    code.span,
                    "this code fence is never closed; the rest of the page is read as code",
                )
                .with_help("add the closing ``` line"),
            );
        }
        self.check_swallowed_markdown(&code);
        let annotation = self.pending.take();
        let info = code.info.to_ascii_lowercase();
        let is_http = matches!(info.as_str(), "http" | "msgraph-interactive" | "");
        let section = self.section();
        if section == Section::HttpRequest && is_http {
            self.routes_from(&code);
        }
        let block_type = annotation.as_ref().map(|a| a.block_type.clone());
        match (annotation, block_type) {
            (Some(annotation), Some(BlockType::Request)) if is_opaque(&annotation) => {
                self.unchecked_request(annotation, &code);
            }
            (Some(annotation), Some(BlockType::Request)) => self.example_request(annotation, &code),
            (Some(annotation), Some(BlockType::Response)) => self.example_response(annotation, &code),
            (Some(_), Some(BlockType::Resource)) => self.resource_json(&code),
            // A request marked `ignored` (outside the HTTP request section,
            // where the annotation marks route syntax) is kept out of
            // checking; a response after it answers it. An ignored response
            // is an aside (a redirect target, a CSV schema).
            (Some(annotation), Some(BlockType::Ignored))
                if is_http && section != Section::HttpRequest && sniff(&code.text) == Some(BlockType::Request) =>
            {
                self.unchecked_request(annotation, &code);
            }
            // Examples the page does not annotate (the intune template) are
            // still examples when they read as HTTP under an Examples heading.
            (None, None) if section == Section::Examples && info == "json" && self.awaits_response() => {
                self.bare_response(&code);
            }
            (None, None) if section == Section::Examples && is_http => {
                let Some(kind) = sniff(&code.text) else { return };
                if kind == BlockType::Request && !targets_graph(&code.text) {
                    return;
                }
                self.diag(
                    Diagnostic::new(
                        Code::ExampleUnannotated,
                        self.path,
                        code.span,
                        format!("example {} has no annotation", kind_name(&kind)),
                    )
                    .with_help(format!(
                        "add `<!-- {{ \"blockType\": \"{}\", \"name\": \"...\" }} -->` before the block",
                        kind_name(&kind)
                    )),
                );
                let annotation = synthetic_annotation(kind.clone(), code.span);
                match kind {
                    BlockType::Request => self.example_request(annotation, &code),
                    _ => self.example_response(annotation, &code),
                }
            }
            _ => {}
        }
    }

    /// The JSON representation after a resource annotation. One that does
    /// not read even leniently is reported where it breaks.
    pub(super) fn resource_json(&mut self, code: &CodeBlock) {
        let why = match crate::lenient::parse(&code.text) {
            Ok((serde_json::Value::Object(object), _)) => {
                self.page.resource_json = Some(ResourceJson {
                    object,
                    text: code.text.clone(),
                    span: code.span,
                    body_line: code.content_line,
                });
                return;
            }
            Ok(_) => "it is not a JSON object".to_owned(),
            Err(err) => format!("it is not JSON: {}", crate::lenient::error_text(&err)),
        };
        let (line, column) = crate::lenient::error_position(&code.text)
            .map_or((code.content_line, 1), |(line, column)| {
                (code.content_line + u32::try_from(line).unwrap_or(0), u32::try_from(column).unwrap_or(1))
            });
        self.diag(
            Diagnostic::new(
                Code::ResourceJsonInvalid,
                self.path,
                Span { line, column, ..code.span },
                format!("the JSON representation is not checked: {why}"),
            )
            .with_help("make the representation one JSON object: quoted keys, a `,` between properties"),
        );
    }

    /// A fence left open swallows the markdown after it until the next
    /// fence line: a heading or an annotation inside a code block is the sign.
    fn check_swallowed_markdown(&mut self, code: &CodeBlock) {
        let suspicious = code.text.lines().position(|line| {
            let line = line.trim_start();
            (line.starts_with("## ") || line.starts_with("### ") || line.starts_with("#### "))
                || line.starts_with("<!-- {")
                || line.starts_with("<!--{")
        });
        if let Some(offset) = suspicious {
            let line = code.content_line + u32::try_from(offset).unwrap_or(0);
            self.diag(
                Diagnostic::new(
                    Code::FenceUnclosed,
                    self.path,
                    code.span,
                    format!(
                        "this code block runs on into markdown (line {line}); its closing fence is probably missing"
                    ),
                )
                .with_help(format!("close the code block before line {line}")),
            );
        }
    }
}

fn kind_name(kind: &BlockType) -> &'static str {
    if *kind == BlockType::Request {
        "request"
    } else {
        "response"
    }
}

/// Whether a block reads as an HTTP request or response.
fn sniff(text: &str) -> Option<BlockType> {
    let first = text.lines().find(|l| !l.trim().is_empty())?.trim_start();
    let upper: String = first.chars().take(8).collect::<String>().to_ascii_uppercase();
    if upper.starts_with("HTTP/") || upper.starts_with("HTTP ") {
        return Some(BlockType::Response);
    }
    let method = upper.split([' ', '/']).next().unwrap_or_default();
    ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&method).then_some(BlockType::Request)
}

/// Whether a request block's URL is Graph's: relative, or on a host named
/// like Graph's (national clouds included). Callbacks a page shows its
/// service sending to an app (`POST https://bot.contoso.com/callback`) are not.
fn targets_graph(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let url = first.split_whitespace().nth(1).unwrap_or_default();
    match url.split_once("://") {
        Some((_, rest)) => rest.split('/').next().unwrap_or_default().to_ascii_lowercase().contains("graph"),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use crate::page::HEAD;
    use crate::{parse_page, Code};

    #[test]
    fn a_missing_closing_fence_is_reported_where_markdown_was_swallowed() {
        let text = format!("{HEAD}<!-- {{ \"blockType\": \"request\", \"name\": \"x\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/things/1\n### Response\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\n```\n");
        let (_, diagnostics) = parse_page("api/thing-get.md", &text);
        let fence = diagnostics.iter().find(|d| d.code == Code::FenceUnclosed).unwrap();
        assert!(fence.message.contains("line 27"), "{}", fence.message); // the `### Response` line
    }

    #[test]
    fn callbacks_to_other_hosts_are_not_examples() {
        let text =
            format!("{HEAD}```http\nPOST https://bot.contoso.com/callback\nContent-Type: application/json\n```\n");
        let (page, _) = parse_page("api/thing-get.md", &text);
        assert!(page.examples.is_empty());
    }
}
