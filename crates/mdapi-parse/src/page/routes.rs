//! The HTTP request section's route block: one route per line.

use super::{Reader, RouteLine};
use crate::annotation;
use crate::diag::{Code, Diagnostic, Span};
use crate::http;
use crate::markdown::CodeBlock;
use crate::route;

impl Reader<'_> {
    pub(super) fn routes_from(&mut self, code: &CodeBlock) {
        self.page.http_blocks.push(code.span);
        let mut routes_here = 0;
        for (i, line) in code.text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            // A block written as a whole request (its request line, then
            // headers and a body) documents one route: what follows the
            // request line is the message, not more routes.
            if routes_here > 0 && starts_message(line) {
                break;
            }
            let line_no = code.content_line + u32::try_from(i).unwrap_or(u32::MAX);
            let span = Span { line: line_no, column: 1, ..code.span };
            match route::parse(line) {
                Ok(route) => {
                    let duplicate = self.page.routes.iter().any(|r| {
                        (&r.route.method, &r.route.path, &r.route.query) == (&route.method, &route.path, &route.query)
                    });
                    if !route.nonstandard.is_empty() {
                        self.diag(
                            Diagnostic::new(
                                Code::RouteNonstandard,
                                self.path,
                                span,
                                format!(
                                    "route `{}` is written with {}; read as `{}`",
                                    line.trim(),
                                    route.nonstandard.join(" and "),
                                    route.path
                                ),
                            )
                            .with_help("write routes as `METHOD /path/{parameter}`"),
                        );
                    }
                    let segments = mdapi_runtime::route::segments(&route.parts).len();
                    if segments > mdapi_runtime::route::MAX_TREE_SEGMENTS {
                        self.diag(
                            Diagnostic::new(
                                Code::RouteTooDeep,
                                self.path,
                                span,
                                format!(
                                    "route has {segments} segments, more than the {} the path tree takes; call it through its endpoint function",
                                    mdapi_runtime::route::MAX_TREE_SEGMENTS
                                ),
                            )
                            .with_help("check the route: Graph routes have far fewer segments"),
                        );
                    }
                    if duplicate {
                        self.diag(Diagnostic::new(
                            Code::RouteDuplicate,
                            self.path,
                            span,
                            format!("route `{} {}` is listed twice", route.method, route.path),
                        ));
                    } else {
                        self.page.routes.push(RouteLine { route, span });
                    }
                    routes_here += 1;
                }
                Err(why) => self.diag(
                    Diagnostic::new(
                        Code::RouteInvalid,
                        self.path,
                        span,
                        format!("`{}` is not a route: {why}", annotation::shorten(line.trim(), 80)),
                    )
                    .with_help("write `METHOD /path/{parameter}`, one route per line"),
                ),
            }
        }
    }
}

/// A request's header line (`Content-Type: application/json`) or the
/// start of its JSON body.
fn starts_message(line: &str) -> bool {
    let line = line.trim();
    http::is_header(line) || line.starts_with(['{', '['])
}

#[cfg(test)]
mod tests {
    use crate::page::HEAD;
    use crate::{parse_page, Code};

    /// The kind: a route block written as a whole request (request line,
    /// headers, body) had its header and body lines reported as routes.
    #[test]
    fn a_request_written_in_the_route_block_is_one_route() {
        let text = HEAD.replace(
            "```http\nGET /things/{id}\n```",
            "```http\nPATCH /things/{id}\nGET /things/{id}\nContent-Type: application/json\nIf-Match: {etag}\n\n{\n  \"name\": \"x\"\n}\n```",
        );
        let (page, diagnostics) = parse_page("api/thing-update.md", &text);
        let routes: Vec<&str> = page.routes.iter().map(|r| r.route.method.as_str()).collect();
        assert_eq!(routes, ["PATCH", "GET"]);
        assert!(!diagnostics.iter().any(|d| d.code == Code::RouteInvalid), "{diagnostics:?}");
        // A line that is neither a route nor part of a message still is reported.
        let bad = HEAD.replace("```http\nGET /things/{id}\n```", "```http\nGET /things/{id}\nsee the table below\n```");
        let (_, diagnostics) = parse_page("api/thing-update.md", &bad);
        assert!(diagnostics.iter().any(|d| d.code == Code::RouteInvalid), "{diagnostics:?}");
    }
}
