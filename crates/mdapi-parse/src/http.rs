//! HTTP messages in example blocks: a request line or status line, headers,
//! and a body. Real pages are loose: a blank line may follow the status line,
//! a body may follow headers with no blank line, `HTTP/1.1` is optional.

use serde_json::Value;

use crate::lenient::Leniency;

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub text: String,
    /// The body as JSON, when it parses.
    pub json: Option<Value>,
    /// Why it did not parse, when it did not.
    pub error: Option<String>,
    /// Repairs needed to read it (empty for strict JSON).
    pub leniencies: Vec<Leniency>,
    /// 0-based line of the body's first line within the block.
    pub line_in_block: usize,
}

impl Body {
    /// The media type of a body that is not meant to be JSON: one whose
    /// `Content-Type` names no JSON or, without one, that does not start
    /// like JSON (`"(none)"` then). `None` for a body that claims to be JSON.
    pub fn non_json_type(&self, headers: &[(String, String)]) -> Option<String> {
        match headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("content-type")) {
            Some((_, value)) => (!value.to_ascii_lowercase().contains("json")).then(|| value.trim().to_owned()),
            None => (!self.text.trim_start().starts_with(['{', '['])).then(|| "(none)".to_owned()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Body>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HttpResponse {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Body>,
}

/// Parses an example request.
pub fn parse_request(text: &str) -> Result<HttpRequest, String> {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| !l.trim().is_empty()).ok_or("the block is empty")?;
    let mut words = lines[first].split_whitespace();
    let method = words.next().unwrap_or_default().to_ascii_uppercase();
    if !method.chars().all(|c| c.is_ascii_alphabetic()) || method.is_empty() {
        return Err(format!("`{}` is not a request line", lines[first].trim()));
    }
    let url: Vec<&str> = words.filter(|w| !w.starts_with("HTTP/")).collect();
    if url.is_empty() {
        return Err("the request line has no URL".to_owned());
    }
    let (headers, body) = headers_and_body(&lines, first + 1);
    Ok(HttpRequest { method, url: url.join(" "), headers, body })
}

/// Parses an example response.
pub fn parse_response(text: &str) -> Result<HttpResponse, String> {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| !l.trim().is_empty()).ok_or("the block is empty")?;
    let status_line = lines[first].trim();
    let mut words = status_line.split_whitespace();
    let version = words.next().unwrap_or_default();
    if !version.to_ascii_uppercase().starts_with("HTTP") {
        return Err(format!("`{status_line}` is not a status line"));
    }
    let status = words
        .next()
        .and_then(|w| w.parse::<u16>().ok())
        .ok_or_else(|| format!("`{status_line}` has no status code"))?;
    let reason = words.collect::<Vec<_>>().join(" ");
    let (headers, body) = headers_and_body(&lines, first + 1);
    Ok(HttpResponse { status, reason, headers, body })
}

fn headers_and_body(lines: &[&str], mut at: usize) -> (Vec<(String, String)>, Option<Body>) {
    // A blank line right after the first line is tolerated before headers.
    while at < lines.len() && lines[at].trim().is_empty() && lines.get(at + 1).is_some_and(|l| is_header(l)) {
        at += 1;
    }
    let mut headers = Vec::new();
    while let Some(line) = lines.get(at) {
        if !is_header(line) {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
        at += 1;
    }
    while lines.get(at).is_some_and(|l| l.trim().is_empty()) {
        at += 1;
    }
    if at >= lines.len() {
        return (headers, None);
    }
    let text = lines[at..].join("\n");
    let (json, error, leniencies) = match crate::lenient::parse(&text) {
        Ok((json, leniencies)) => (Some(json), None, leniencies),
        Err(err) => (None, Some(err), Vec::new()),
    };
    (headers, Some(Body { text, json, error, leniencies, line_in_block: at }))
}

/// `Name: value`, the name an HTTP token (letters, digits, `-`, `_`).
pub(crate) fn is_header(line: &str) -> bool {
    let Some((name, _)) = line.split_once(':') else { return false };
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_with_headers_and_body() {
        let r = parse_request("POST https://x/beta/me/photos HTTP/1.1\nContent-type: application/json\n\n{\"a\": 1}\n")
            .unwrap();
        assert_eq!((r.method.as_str(), r.url.as_str()), ("POST", "https://x/beta/me/photos"));
        assert_eq!(r.headers, [("Content-type".to_owned(), "application/json".to_owned())]);
        let body = r.body.unwrap();
        assert_eq!(body.json, Some(serde_json::json!({"a": 1})));
        assert_eq!(body.line_in_block, 3);
    }

    #[test]
    fn response_with_blank_after_status_and_body_after_headers() {
        let r = parse_response("HTTP/1.1 201 Created\n\nContent-Type: application/json\n{\n\"id\": \"x\"\n}").unwrap();
        assert_eq!((r.status, r.reason.as_str()), (201, "Created"));
        assert_eq!(r.headers.len(), 1);
        assert_eq!(r.body.unwrap().line_in_block, 3);
    }

    #[test]
    fn broken_messages_are_errors() {
        assert!(parse_response("201 Created").is_err());
        assert!(parse_request("").is_err());
        let r = parse_request("GET /me\n\nnot json").unwrap();
        assert!(r.body.unwrap().error.is_some());
    }
}
