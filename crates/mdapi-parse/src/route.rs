//! Route lines of the HTTP request block: `POST /users/{id}/photos`.

use mdapi_runtime::PathPart;

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// A route as the docs list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: String,
    /// The path template, normalized (`{id | userPrincipalName}` → `{id}`).
    pub path: String,
    pub parts: Vec<PathPart>,
    /// A query string written into the template, if any.
    pub query: Option<String>,
    /// Non-standard spellings that were read anyway (`no leading /`,
    /// `<name>` placeholders); each is worth a diagnostic.
    pub nonstandard: Vec<&'static str>,
}

/// Parses one line. The error says why the line is not a route.
pub fn parse(line: &str) -> Result<Route, String> {
    let line = line.trim();
    let upper_head: String = line.chars().take(8).collect::<String>().to_ascii_uppercase();
    // `DELETE/identity/...` (a missing space) still names its method.
    let Some(method) = METHODS.iter().find(|m| {
        upper_head.starts_with(**m)
            && upper_head[m.len()..].chars().next().is_none_or(|c| c == ' ' || c == '/' || c == '\t')
    }) else {
        return Err("it does not start with an HTTP method".to_owned());
    };
    let rest = line.get(method.len()..).unwrap_or_default().trim();
    let rest = rest.strip_suffix("HTTP/1.1").unwrap_or(rest).trim();
    if rest.is_empty() {
        return Err("it has no path after the method".to_owned());
    }
    let (target, query) = match rest.split_once('?') {
        Some((target, query)) => (target, Some(query.trim().to_owned())),
        None => (rest, None),
    };
    let path = if target.contains("://") { mdapi_runtime::path::example_path(target) } else { target };
    let mut nonstandard = Vec::new();
    let path = match path.strip_prefix("~/") {
        Some(rest) => {
            nonstandard.push("a `~/` prefix");
            rest
        }
        None => path,
    };
    let relative = !path.starts_with('/');
    let starts_like_a_path = path.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '{' || c == '$');
    if relative && !starts_like_a_path {
        return Err(format!("its path `{path}` does not start with `/`"));
    }
    let absolute;
    let path = if relative {
        nonstandard.push("no leading `/`");
        absolute = format!("/{path}");
        absolute.as_str()
    } else {
        path
    };
    let parts = parts(path, &mut nonstandard)?;
    let normalized = mdapi_runtime::route::template(&parts);
    Ok(Route { method: (*method).to_owned(), path: normalized, parts, query, nonstandard })
}

pub use mdapi_runtime::path::without_argument_spaces;

/// Splits a path into literals and parameters; repeated parameter names get
/// a numeric suffix so each value has its own parameter.
fn parts(path: &str, nonstandard: &mut Vec<&'static str>) -> Result<Vec<PathPart>, String> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut seen: Vec<String> = Vec::new();
    let mut chars = path.chars();
    // Inside `(...)` (function arguments, alternate keys) anything but a
    // line break is literal, except placeholders: `{x}`, `<x>` (as in
    // `range(address='<address>')`) and `x-value` (`startDateTime=startDateTime-value`).
    let mut parens = 0usize;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if parens > 0 && c == '\'' {
            quoted = !quoted;
        }
        // Spaces between a function's arguments (`f(a={a}, b={b})`) are
        // layout, not URL text: a space is not a URL character, so the
        // call is sent as `f(a=1,b=2)`. Inside a quoted value they stay.
        if parens > 0 && !quoted && c.is_whitespace() {
            continue;
        }
        // `<resourceId>` outside parentheses is a placeholder too, and
        // worth a note: the standard spelling is `{resourceId}`.
        let close = if c == '<' {
            if parens == 0 && !nonstandard.contains(&"`<name>` placeholders") {
                nonstandard.push("`<name>` placeholders");
            }
            '>'
        } else {
            '}'
        };
        let c = if c == '<' { '{' } else { c };
        if parens > 0 && c == '=' {
            literal.push(c);
            if let Some(name) = dash_value(chars.as_str()) {
                parts.push(PathPart::Literal(std::mem::take(&mut literal)));
                parts.push(PathPart::Param(name.to_owned()));
                seen.push(name.to_owned());
                chars = chars.as_str()[name.len() + "-value".len()..].chars();
            }
            continue;
        }
        match c {
            '(' => {
                parens += 1;
                literal.push(c);
            }
            ')' => {
                parens = parens.saturating_sub(1);
                literal.push(c);
            }
            '{' => {
                let mut inner = String::new();
                let closed = chars.by_ref().any(|c| {
                    let done = c == close;
                    if !done {
                        inner.push(c);
                    }
                    done
                });
                if !closed {
                    return Err("it has a `{` with no closing `}`".to_owned());
                }
                let name = inner.split('|').next().unwrap_or_default().trim().to_owned();
                if name.is_empty() || name.contains(['{', '/']) {
                    return Err(format!("it has an empty or malformed parameter `{{{inner}}}`"));
                }
                let count = seen.iter().filter(|n| **n == name).count();
                seen.push(name.clone());
                let name = if count == 0 { name } else { format!("{name}{}", count + 1) };
                if !literal.is_empty() {
                    parts.push(PathPart::Literal(std::mem::take(&mut literal)));
                }
                parts.push(PathPart::Param(name));
            }
            '}' => return Err("it has a `}` with no opening `{`".to_owned()),
            c if parens == 0 && (c.is_whitespace() || c == '*' || c == '"') => {
                return Err(format!("it contains `{c}` outside a parameter"));
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        parts.push(PathPart::Literal(literal));
    }
    Ok(parts)
}

/// `x` of an `x-value` placeholder at the start of `rest`, when the
/// placeholder ends the argument (`,` or `)` follows).
fn dash_value(rest: &str) -> Option<&str> {
    let end = rest.find([',', ')'])?;
    let name = rest[..end].strip_suffix("-value")?;
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_params_alternations_and_repeats() {
        let route = parse("POST /administrativeUnits/{id}/members/{id | userPrincipalName}/$ref").unwrap();
        assert_eq!(route.method, "POST");
        assert_eq!(route.path, "/administrativeUnits/{id}/members/{id2}/$ref");
        assert_eq!(route.parts.iter().filter(|p| matches!(p, PathPart::Param(_))).count(), 2);
    }

    #[test]
    fn tolerates_function_placeholders_missing_spaces_and_relative_paths() {
        let route = parse("GET /me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>')").unwrap();
        assert!(route.path.ends_with("range(address='{address}')"), "{}", route.path);
        let route =
            parse("GET /users/{id}/reminderView(startDateTime=startDateTime-value,endDateTime=endDateTime-value)")
                .unwrap();
        assert_eq!(route.path, "/users/{id}/reminderView(startDateTime={startDateTime},endDateTime={endDateTime})");
        let route = parse("POST /ranges/{id}/resizedRange(deltaRows={n}, deltaColumns={n})").unwrap();
        assert_eq!(route.path, "/ranges/{id}/resizedRange(deltaRows={n},deltaColumns={n2})");
        let route = parse("GET /sheets/{id}/range(address='A1: B2', x = 1)").unwrap();
        assert_eq!(route.path, "/sheets/{id}/range(address='A1: B2',x=1)");
        let route = parse("GET /charts/{name}/image(width=640,height=480,fittingMode='fit')").unwrap();
        assert_eq!(route.parts.len(), 3, "example values stay literal: {:?}", route.parts);
        let route = parse("DELETE/identity/conditionalAccess/policies/{id}").unwrap();
        assert_eq!((route.method.as_str(), route.nonstandard.len()), ("DELETE", 0));
        let route = parse("GET policies/tokenLifetimePolicies").unwrap();
        assert_eq!(
            (route.path.as_str(), route.nonstandard.as_slice()),
            ("/policies/tokenLifetimePolicies", &["no leading `/`"][..])
        );
        let route = parse("GET ~/profiles/{type}/x").unwrap();
        assert_eq!(route.path, "/profiles/{type}/x");
        let route = parse("GET /resources/<resourceId>/roleSettings").unwrap();
        assert_eq!(route.path, "/resources/{resourceId}/roleSettings");
        assert!(parse("GETTER /x").is_err());
    }

    #[test]
    fn rejects_broken_stubs() {
        assert!(parse("POST ** Collection URI for Microsoft.Teams.GraphSvc.profilePhoto not found").is_err());
        assert!(parse("Content-Type: application/json").is_err());
        assert!(parse("GET /users/{id").is_err());
    }

    #[test]
    fn keeps_query_and_strips_host() {
        let route = parse("GET https://graph.microsoft.com/v1.0/me/events?$select=subject HTTP/1.1").unwrap();
        assert_eq!(route.path, "/me/events");
        assert_eq!(route.query.as_deref(), Some("$select=subject"));
    }
}
