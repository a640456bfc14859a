//! Request and response examples: each request read, each response paired
//! with the request it answers (by name, else by order), and the requests
//! the page keeps out of checking.

use super::{Example, ExampleRequest, ExampleResponse, Reader};
use crate::annotation::{Annotation, BlockType};
use crate::diag::{Code, Diagnostic, Span};
use crate::http;
use crate::markdown::CodeBlock;

impl Reader<'_> {
    /// The last example has a request and no response yet.
    pub(super) fn awaits_response(&self) -> bool {
        !self.unchecked_last && self.page.examples.last().is_some_and(|e| e.request.is_some() && e.response.is_none())
    }

    /// A request the page keeps out of checking (see
    /// [`Page::unchecked_examples`]): kept, with no diagnostic about it.
    pub(super) fn unchecked_request(&mut self, annotation: Annotation, code: &CodeBlock) {
        self.unchecked_last = true;
        let Ok(http) = http::parse_request(&code.text) else { return };
        let body_line = body_line(code, http.body.as_ref());
        let name = annotation.names.first().cloned();
        let request = ExampleRequest { annotation, http, span: code.span, body_line };
        self.page.unchecked_examples.push(Example { name, request: Some(request), response: None });
    }

    /// Whether a response answers the unchecked request before it: it
    /// names it, or names nothing a checked request is called and follows it.
    fn answers_unchecked(&self, names: &[String]) -> bool {
        let open = |e: &&Example| e.response.is_none();
        let names_checked =
            names.iter().any(|n| self.page.examples.iter().any(|e| e.response.is_none() && e.name.as_ref() == Some(n)));
        let names_unchecked =
            names.iter().any(|n| self.page.unchecked_examples.iter().filter(open).any(|e| e.name.as_ref() == Some(n)));
        !names_checked && (names_unchecked || (self.unchecked_last && names.is_empty()))
    }

    /// A response shown as a bare ```json body: the status comes from the
    /// page's Response section (else 200).
    pub(super) fn bare_response(&mut self, code: &CodeBlock) {
        let status = self.page.response.status.unwrap_or(200);
        let synthetic = format!("HTTP/1.1 {status}\nContent-Type: application/json\n\n{}", code.text);
        let Ok(mut http) = http::parse_response(&synthetic) else { return };
        if let Some(body) = http.body.as_mut() {
            body.line_in_block = 0;
        }
        self.diag(
            Diagnostic::new(
                Code::ExampleResponseBare,
                self.path,
                code.span,
                format!("response example has no status line; read as `{status}` from the Response section"),
            )
            .with_help("write the response as an ```http block starting with `HTTP/1.1 200 OK`"),
        );
        let body_line = code.content_line;
        self.report_leniency(http.body.as_ref(), body_line);
        let response = ExampleResponse {
            annotation: synthetic_annotation(BlockType::Response, code.span),
            http,
            span: code.span,
            body_line,
        };
        if let Some(example) = self.page.examples.last_mut() {
            example.response = Some(response);
        }
    }

    pub(super) fn report_leniency(&mut self, body: Option<&http::Body>, line: u32) {
        let Some(body) = body.filter(|b| !b.leniencies.is_empty()) else { return };
        let used: Vec<&str> = body.leniencies.iter().map(|l| l.describe()).collect();
        self.diag(
            Diagnostic::new(
                Code::ExampleBodyLenient,
                self.path,
                Span { line, column: 1, ..Span::default() },
                format!("example body is not strict JSON ({}); read leniently", used.join(", ")),
            )
            .with_help("make the body strict JSON so tools other than mdapi can read it"),
        );
    }

    pub(super) fn example_request(&mut self, annotation: Annotation, code: &CodeBlock) {
        self.unchecked_last = false;
        match http::parse_request(&code.text) {
            Ok(http) => {
                let body_line = body_line(code, http.body.as_ref());
                self.report_leniency(http.body.as_ref(), body_line);
                let name = annotation.names.first().cloned();
                let request = ExampleRequest { annotation, http, span: code.span, body_line };
                self.page.examples.push(Example { name, request: Some(request), response: None });
            }
            Err(why) => self.diag(Diagnostic::new(
                Code::ExampleHttpInvalid,
                self.path,
                code.span,
                format!("example request: {why}"),
            )),
        }
    }

    pub(super) fn example_response(&mut self, annotation: Annotation, code: &CodeBlock) {
        if self.answers_unchecked(&annotation.names) {
            let Ok(http) = http::parse_response(&code.text) else { return };
            let body_line = body_line(code, http.body.as_ref());
            let names = annotation.names.clone();
            let response = ExampleResponse { annotation, http, span: code.span, body_line };
            let named = self
                .page
                .unchecked_examples
                .iter()
                .rposition(|e| e.response.is_none() && e.name.as_ref().is_some_and(|n| names.contains(n)));
            let at = named.or_else(|| self.page.unchecked_examples.len().checked_sub(1));
            if let Some(example) = at.and_then(|at| self.page.unchecked_examples.get_mut(at)) {
                example.response.get_or_insert(response);
            }
            return;
        }
        let http = match http::parse_response(&code.text) {
            Ok(http) => http,
            Err(why) => {
                self.diag(Diagnostic::new(
                    Code::ExampleHttpInvalid,
                    self.path,
                    code.span,
                    format!("example response: {why}"),
                ));
                return;
            }
        };
        let body_line = body_line(code, http.body.as_ref());
        self.report_leniency(http.body.as_ref(), body_line);
        let name = annotation.names.first().cloned();
        let response = ExampleResponse { annotation, http, span: code.span, body_line };
        // One response may answer several requests: its `name` is then an
        // array of their names (drive-get.md's five ways to reach a drive).
        // Each named request still unpaired gets it; the last is the slot.
        let mut named: Vec<usize> = response
            .annotation
            .names
            .iter()
            .filter_map(|name| {
                self.page.examples.iter().rposition(|e| e.response.is_none() && e.name.as_ref() == Some(name))
            })
            .collect();
        named.sort_unstable();
        named.dedup();
        let by_name = named.pop();
        for at in named {
            if let Some(example) = self.page.examples.get_mut(at) {
                example.response = Some(response.clone());
            }
        }
        // Pair by name, else with the nearest preceding request still unpaired.
        let slot = by_name.or_else(|| {
            self.page
                .examples
                .last()
                .filter(|e| e.response.is_none() && e.request.is_some())
                .map(|_| self.page.examples.len() - 1)
        });
        let follows_a_pair = self.page.examples.last().is_some_and(|e| e.request.is_some() && e.response.is_some());
        match slot.and_then(|i| self.page.examples.get_mut(i)) {
            Some(example) => example.response = Some(response),
            // A second outcome of the same request (an error, a redirect).
            None if follows_a_pair && name.is_none() => {
                self.diag(
                    Diagnostic::new(
                        Code::ExampleResponseExtra,
                        self.path,
                        code.span,
                        format!(
                            "a further response (`{}`) to the request above; only the first response is checked",
                            response.http.status
                        ),
                    )
                    .with_help("give this outcome its own request example to have it checked"),
                );
                self.page.extra_responses.push(response);
            }
            None => {
                self.diag(
                    Diagnostic::new(
                        Code::ExampleResponseUnpaired,
                        self.path,
                        code.span,
                        "this response example has no request example before it",
                    )
                    .with_help("add the request, or give both annotations the same `name`"),
                );
                self.page.examples.push(Example { name, request: None, response: Some(response) });
            }
        }
    }
}

/// `"opaqueUrl": true`: the request's URL is not the API's (a
/// pre-authenticated upload or download URL the service handed out).
pub(super) fn is_opaque(annotation: &Annotation) -> bool {
    annotation.raw.get("opaqueUrl").is_some_and(|v| v.as_bool() == Some(true) || v.as_str() == Some("true"))
}

pub(super) fn synthetic_annotation(block_type: BlockType, span: Span) -> Annotation {
    Annotation {
        block_type,
        names: Vec::new(),
        odata_type: None,
        truncated: false,
        is_collection: false,
        expect_error: false,
        raw: serde_json::Map::new(),
        span,
    }
}

pub(super) fn body_line(code: &CodeBlock, body: Option<&http::Body>) -> u32 {
    let offset = body.map_or(0, |b| b.line_in_block);
    code.content_line + u32::try_from(offset).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use crate::page::HEAD;
    use crate::{parse_page, Code};

    /// The kind: a Response section whose later paragraphs name error
    /// outcomes, and one response answering several named requests.
    #[test]
    fn one_response_answers_every_request_it_names_and_errors_are_not_the_status() {
        let text = "---\ndoc_type: apiPageType\n---\n# Get drive\n\n## HTTP request\n\n```http\nGET /me/drive\nGET /drives/{id}\n```\n\n## Response\n\nEach returns a [drive][d].\n\n### Error response codes\n\nIf there is no drive an `HTTP 404` is returned.\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"by-me\" } -->\n```http\nGET /me/drive\n```\n\n<!-- { \"blockType\": \"request\", \"name\": \"by-id\" } -->\n```http\nGET /drives/1\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.drive\", \"name\": [\"by-id\", \"by-me\"] } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{ \"id\": \"1\" }\n```\n\n[d]: ../resources/drive.md\n";
        let (page, _) = parse_page("api/drive-get.md", text);
        assert_eq!(page.response.status, None, "a 404 outcome is not the call's status");
        assert_eq!(page.response.type_link.as_ref().map(|l| l.dest.as_str()), Some("../resources/drive.md"));
        assert_eq!(page.examples.len(), 2);
        for example in &page.examples {
            let response = example.response.as_ref().unwrap_or_else(|| panic!("{:?} has no response", example.name));
            assert_eq!(response.http.status, 200);
        }
    }

    #[test]
    fn unannotated_requests_and_bare_json_responses_pair() {
        let text = format!("{HEAD}### Request\n\n```http\nGET https://graph.microsoft.com/v1.0/things/1\n```\n\n**Response**\n\n```json\n{{ \"id\": \"1\", }}\n```\n");
        let (page, diagnostics) = parse_page("api/thing-get.md", &text);
        assert_eq!(page.examples.len(), 1);
        let response = page.examples[0].response.as_ref().unwrap();
        assert_eq!(response.http.status, 200);
        assert_eq!(response.http.body.as_ref().unwrap().json, Some(serde_json::json!({"id": "1"})));
        let codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::ExampleResponseBare) && codes.contains(&Code::ExampleBodyLenient), "{codes:?}");
    }

    /// The kind: requests a page keeps out of checking (`ignored`, or an
    /// `opaqueUrl` outside the API) were examples matched against routes.
    /// They are kept apart with their responses, and nothing after them
    /// pairs with the wrong request.
    #[test]
    fn ignored_and_opaque_requests_are_not_examples() {
        let text = format!(
            "{HEAD}<!-- {{ \"blockType\": \"request\", \"name\": \"real\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/things/1\n```\n\n\
             <!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nPUT /things/{{template-path}}\nContent-Type: application/json\n\n{{ \"a\": 1, }}\n```\n\n\
             ```json\n{{ \"answer\": \"to the ignored one\" }}\n```\n\n\
             <!-- {{ \"blockType\": \"request\", \"opaqueUrl\": true, \"name\": \"upload\" }} -->\n```http\nPUT https://upload.example.net/s/abc\nContent-Range: bytes 0-3/8\n\n<bytes>\n```\n\n\
             <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 202 Accepted\n```\n\n\
             <!-- {{ \"blockType\": \"response\", \"name\": \"real\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{{ \"id\": \"1\" }}\n```\n"
        );
        let (page, diagnostics) = parse_page("api/thing-get.md", &text);
        assert_eq!(page.examples.len(), 1, "{:?}", page.examples);
        assert_eq!(page.examples[0].response.as_ref().map(|r| r.http.status), Some(200));
        let unchecked: Vec<(&str, Option<u16>)> = page
            .unchecked_examples
            .iter()
            .map(|e| {
                (e.request.as_ref().map_or("", |r| r.http.url.as_str()), e.response.as_ref().map(|r| r.http.status))
            })
            .collect();
        assert_eq!(unchecked, [("/things/{template-path}", None), ("https://upload.example.net/s/abc", Some(202))]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }
}
