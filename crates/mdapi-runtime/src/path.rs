//! Route templates: a route is a sequence of literal text and parameters.
//!
//! `/users/{id}/photos` is `[Literal("/users/"), Param("id"), Literal("/photos")]`.
//! Parameters match one path segment (no `/`), unless they sit between `:`
//! delimiters (`/root:/{item-path}:`), where a value may span segments.
//!
//! A value is written by where it sits ([`render`]): a path segment, an
//! item path, or an OData literal inside a key's or a function's
//! parentheses, through the one literal encoder, [`crate::literal`].

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The atom of a route template, defined with the route's segments.
pub use crate::route::PathPart;

/// Characters left unescaped in a path value: RFC 3986 "unreserved".
/// Everything else (including `/`, `?`, `#`, `%`) is escaped, so a value can
/// never change the shape of the path.
const PATH_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes one path value. A value that is a dot segment (`.`,
/// `..`) is encoded whole (`%2E%2E`): URL parsers remove dot segments
/// (RFC 3986, 5.2.4), which would change the path's shape.
pub fn encode_path_value(value: &str) -> String {
    if value == "." || value == ".." {
        return value.replace('.', "%2E");
    }
    utf8_percent_encode(value, PATH_VALUE).to_string()
}

/// Percent-encodes an item path of OData path addressing (Graph's colon
/// paths, `root:/{item-path}:`): its own `/` separators are kept, each
/// piece is encoded as a path value (dot segments included).
pub fn encode_item_path(value: &str) -> String {
    value.split('/').map(encode_path_value).collect::<Vec<_>>().join("/")
}

/// Where a parameter of a route sits, which decides how its value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValuePlace {
    /// A path segment (`/users/{id}`): every reserved character escaped.
    Segment,
    /// Inside a colon path (`root:/{item-path}:`): its own `/` kept.
    ItemPath,
    /// Inside quotes in parentheses (`search(q='{q}')`, `users('{id}')`):
    /// the content of an OData string literal, its quotes doubled.
    QuotedLiteral,
    /// Inside parentheses, unquoted (`cell(row={row})`,
    /// `getRecentNotebooks(includePersonalNotebooks={b})`): an OData
    /// literal as given (`5`, `true`, `'A1:B2'`), its quotes kept.
    Literal,
}

/// Where each parameter of `parts` sits, in parameter order. A value in a
/// segment inside a colon path (`root:/{item-path}:`, the route's segments
/// and their [`ColonRole::Path`](crate::route::ColonRole::Path) as
/// [`crate::route::segments`] reads them: the one definition) is an item
/// path: [`render`] keeps its `/` and [`match_path`] lets it span segments.
pub fn value_places<S: AsRef<str>>(parts: &[PathPart<S>]) -> Vec<ValuePlace> {
    let in_item_path: Vec<bool> = crate::route::segments(parts)
        .iter()
        .flat_map(|segment| segment.params().map(move |_| segment.role == crate::route::ColonRole::Path))
        .collect();
    let mut places = Vec::new();
    let mut depth = 0_usize;
    for (i, part) in parts.iter().enumerate() {
        match part {
            PathPart::Literal(text) => {
                for c in text.as_ref().chars() {
                    match c {
                        '(' => depth += 1,
                        ')' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                }
            }
            PathPart::Param(_) => {
                let before = i.checked_sub(1).and_then(|at| literal_at(parts, at)).unwrap_or_default();
                let after = literal_at(parts, i + 1).unwrap_or_default();
                places.push(if in_item_path.get(places.len()).copied().unwrap_or(false) {
                    ValuePlace::ItemPath
                } else if depth > 0 && before.ends_with('\'') && after.starts_with('\'') {
                    ValuePlace::QuotedLiteral
                } else if depth > 0 {
                    ValuePlace::Literal
                } else {
                    ValuePlace::Segment
                });
            }
        }
    }
    places
}

fn literal_at<S: AsRef<str>>(parts: &[PathPart<S>], at: usize) -> Option<&str> {
    match parts.get(at)? {
        PathPart::Literal(text) => Some(text.as_ref()),
        PathPart::Param(_) => None,
    }
}

/// `value` written at `place`, percent-encoded.
pub fn encode_value(value: &str, place: ValuePlace) -> String {
    match place {
        ValuePlace::Segment => encode_path_value(value),
        ValuePlace::ItemPath => encode_item_path(value),
        ValuePlace::QuotedLiteral => crate::literal::encode(&crate::literal::string_content(value)),
        ValuePlace::Literal => crate::literal::encode(value),
    }
}

/// The value a caller gives for `text` found at `place` in a URL: percent-
/// decoded, and a string literal's doubled quotes made single, so
/// [`encode_value`] gives `text` back.
pub fn decode_value(text: &str, place: ValuePlace) -> String {
    let decoded = percent_encoding::percent_decode_str(text).decode_utf8_lossy();
    match place {
        ValuePlace::QuotedLiteral => decoded.replace("''", "'"),
        _ => decoded.into_owned(),
    }
}

/// Renders a template with `values` given in parameter order, each
/// written by where it sits ([`ValuePlace`]): `search(q='{q}')` with
/// `O'Brien's notes` is `search(q='O''Brien''s%20notes')`.
///
/// Returns `None` when the number of values differs from the number of
/// parameters.
pub fn render<S: AsRef<str>>(parts: &[PathPart<S>], values: &[&str]) -> Option<String> {
    let mut out = String::new();
    let mut values = values.iter();
    let mut places = value_places(parts).into_iter();
    for part in parts {
        match part {
            PathPart::Literal(text) => out.push_str(text.as_ref()),
            PathPart::Param(_) => out.push_str(&encode_value(values.next()?, places.next()?)),
        }
    }
    values.next().is_none().then_some(out)
}

/// The path of a documented example URL, without scheme, host, API version
/// and query: `https://graph.microsoft.com/beta/me/photos?$top=1` → `/me/photos`.
pub fn example_path(url: &str) -> &str {
    let mut rest = url.trim();
    if let Some(pos) = rest.find("://") {
        let after = &rest[pos + 3..];
        rest = after.find('/').map_or("", |slash| &after[slash..]);
    }
    for version in ["/v1.0", "/beta"] {
        if let Some(stripped) = strip_prefix_ignore_case(rest, version) {
            if stripped.is_empty() || stripped.starts_with(['/', '?']) {
                rest = stripped;
                break;
            }
        }
    }
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    &rest[..end]
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// A URL path with the spaces between a function's arguments removed
/// (`f(a=1, b=2)` → `f(a=1,b=2)`), as mdapi reads routes, so an
/// example written with them matches its route. Quoted values keep theirs.
pub fn without_argument_spaces(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.contains('(') || !path.contains(char::is_whitespace) {
        return std::borrow::Cow::Borrowed(path);
    }
    let (mut parens, mut quoted) = (0usize, false);
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '(' if !quoted => parens += 1,
            ')' if !quoted => parens = parens.saturating_sub(1),
            '\'' if parens > 0 => quoted = !quoted,
            c if parens > 0 && !quoted && c.is_whitespace() => continue,
            _ => {}
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

/// Matches a concrete path against a template. Literals compare
/// ASCII-case-insensitively (Graph URLs do); on success returns each
/// parameter's name with the (still percent-encoded) text it matched.
///
/// A value matches one segment (no `/`), except an item path of a colon
/// path ([`ValuePlace::ItemPath`], as [`render`] writes it): there it may
/// span segments (`root:/{item-path}:/content`, and
/// `root:/{item-path}` ending the route), while a key that opens one
/// (`items/{parent-id}:/...`) is still one segment.
pub fn match_path<'p, S: AsRef<str>>(parts: &'p [PathPart<S>], path: &str) -> Option<Vec<(&'p str, String)>> {
    let places = value_places(parts);
    let mut bindings = Vec::new();
    match_from(parts, &places, path.trim_end_matches('/'), &mut bindings).then_some(bindings)
}

fn match_from<'p, S: AsRef<str>>(
    parts: &'p [PathPart<S>],
    places: &[ValuePlace],
    path: &str,
    bindings: &mut Vec<(&'p str, String)>,
) -> bool {
    let Some((first, rest)) = parts.split_first() else {
        return path.is_empty();
    };
    match first {
        PathPart::Literal(text) => {
            let text = text.as_ref();
            let text = if rest.is_empty() { text.trim_end_matches('/') } else { text };
            match strip_prefix_ignore_case(path, text) {
                Some(after) => match_from(rest, places, after, bindings),
                None => false,
            }
        }
        PathPart::Param(name) => {
            // The parameters bound so far say which one this is.
            let spans_segments = places.get(bindings.len()) == Some(&ValuePlace::ItemPath);
            let limit = if spans_segments { path.len() } else { path.find('/').unwrap_or(path.len()) };
            // Try the longest value first, backtracking to shorter ones.
            let candidates = path[..limit].char_indices().map(|(i, c)| i + c.len_utf8());
            let ends: Vec<usize> = candidates.collect();
            for &end in ends.iter().rev() {
                bindings.push((name.as_ref(), path[..end].to_owned()));
                if match_from(rest, places, &path[end..], bindings) {
                    return true;
                }
                bindings.pop();
            }
            false
        }
    }
}

#[cfg(test)]
mod item_path_tests {
    use super::*;

    /// The kind: colon paths (`root:/{item-path}:`) keep the path's own
    /// `/` and encode every other reserved character; no value, item path
    /// or not, can climb out of its place with dot segments.
    #[test]
    fn item_paths_keep_their_slashes_and_nothing_escapes() {
        let content =
            [PathPart::Literal("/me/drive/root:/"), PathPart::Param("item-path"), PathPart::Literal(":/content")];
        assert_eq!(
            render(&content, &["folder/My File?#%.txt"]).as_deref(),
            Some("/me/drive/root:/folder/My%20File%3F%23%25.txt:/content")
        );
        assert_eq!(render(&content, &["../../users"]).as_deref(), Some("/me/drive/root:/%2E%2E/%2E%2E/users:/content"));
        let under = [
            PathPart::Literal("/me/drive/items/"),
            PathPart::Param("parent-id"),
            PathPart::Literal(":/"),
            PathPart::Param("filename"),
            PathPart::Literal(":/content"),
        ];
        assert_eq!(render(&under, &["p/1", "a/b c"]).as_deref(), Some("/me/drive/items/p%2F1:/a/b%20c:/content"));
        let user = [PathPart::Literal("/users/"), PathPart::Param("id")];
        assert_eq!(render(&user, &[".."]).as_deref(), Some("/users/%2E%2E"));
    }
}

#[cfg(test)]
mod literal_tests {
    use super::*;

    /// The kind: a quote inside a function's string argument or a string
    /// key ended the OData literal early; it is doubled, then encoded.
    #[test]
    fn quoted_values_are_string_literals() {
        let search = [PathPart::Literal("/me/drive/root/search(q='"), PathPart::Param("q"), PathPart::Literal("')")];
        assert_eq!(
            render(&search, &["O'Brien's notes"]).as_deref(),
            Some("/me/drive/root/search(q='O''Brien''s%20notes')")
        );
        let key = [PathPart::Literal("/users('"), PathPart::Param("id"), PathPart::Literal("')/manager")];
        assert_eq!(render(&key, &["it's"]).as_deref(), Some("/users('it''s')/manager"));
        let alternate =
            [PathPart::Literal("/users(userPrincipalName='"), PathPart::Param("upn"), PathPart::Literal("')")];
        assert_eq!(render(&alternate, &["a'b@c.com"]).as_deref(), Some("/users(userPrincipalName='a''b%40c.com')"));
        let mixed = [
            PathPart::Literal("/f(a='"),
            PathPart::Param("a"),
            PathPart::Literal("',b="),
            PathPart::Param("b"),
            PathPart::Literal(")/x/"),
            PathPart::Param("c"),
        ];
        assert_eq!(render(&mixed, &["')", "'A1:B2'", "'"]).as_deref(), Some("/f(a='''%29',b='A1%3AB2')/x/%27"));
        assert_eq!(value_places(&mixed), vec![ValuePlace::QuotedLiteral, ValuePlace::Literal, ValuePlace::Segment]);
    }

    /// The kind: where a value sits was decided twice, here (by the
    /// literal just before it) and in `route::segments` (by the colon
    /// roles of the segments), and the two could disagree: a value deeper
    /// inside an open colon path (`root:/folder/{name}:`) was a segment
    /// here and inside the path there. It is now read from the segments.
    #[test]
    fn a_value_is_an_item_path_exactly_where_its_segment_is_inside_a_colon_path() {
        let deeper =
            [PathPart::Literal("/me/drive/root:/folder/"), PathPart::Param("name"), PathPart::Literal(":/content")];
        assert_eq!(value_places(&deeper), vec![ValuePlace::ItemPath]);
        assert_eq!(render(&deeper, &["a/b.txt"]).as_deref(), Some("/me/drive/root:/folder/a/b.txt:/content"));
        let routes: [&[PathPart<&str>]; 4] = [
            &deeper,
            &[
                PathPart::Literal("/drives/"),
                PathPart::Param("d"),
                PathPart::Literal("/items/"),
                PathPart::Param("p"),
                PathPart::Literal(":/"),
                PathPart::Param("f"),
                PathPart::Literal(":/content"),
            ],
            &[PathPart::Literal("/me/drive/root:/"), PathPart::Param("item-path")],
            &[
                PathPart::Literal("/users/"),
                PathPart::Param("id"),
                PathPart::Literal("/x(a='"),
                PathPart::Param("a"),
                PathPart::Literal("')"),
            ],
        ];
        for route in routes {
            let by_segments: Vec<bool> = crate::route::segments(route)
                .iter()
                .flat_map(|s| s.params().map(move |_| s.role == crate::route::ColonRole::Path))
                .collect();
            let by_place: Vec<bool> = value_places(route).iter().map(|p| *p == ValuePlace::ItemPath).collect();
            assert_eq!(by_place, by_segments, "{route:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(spec: &[(&'static str, bool)]) -> Vec<PathPart<&'static str>> {
        spec.iter().map(|&(text, param)| if param { PathPart::Param(text) } else { PathPart::Literal(text) }).collect()
    }

    #[test]
    fn renders_and_escapes_values() {
        let route = parts(&[("/users/", false), ("id", true), ("/photos", false)]);
        assert_eq!(render(&route, &["a/b?c#d é"]).as_deref(), Some("/users/a%2Fb%3Fc%23d%20%C3%A9/photos"));
        assert_eq!(render(&route, &[]), None);
        assert_eq!(render(&route, &["a", "b"]), None);
    }

    #[test]
    fn matches_and_binds_parameters() {
        let route = parts(&[("/users/", false), ("id", true), ("/photos", false)]);
        assert_eq!(match_path(&route, "/Users/42/photos"), Some(vec![("id", "42".to_owned())]));
        assert_eq!(match_path(&route, "/users/42/photos/"), Some(vec![("id", "42".to_owned())]));
        assert_eq!(match_path(&route, "/users/42/photos/$ref"), None);
        assert_eq!(match_path(&route, "/users//photos"), None);
        assert_eq!(match_path(&route, "/users/a/b/photos"), None);
    }

    #[test]
    fn colon_paths_span_segments() {
        let route = parts(&[("/drive/root:/", false), ("path", true), (":/content", false)]);
        assert_eq!(match_path(&route, "/drive/root:/a/b.txt:/content"), Some(vec![("path", "a/b.txt".to_owned())]));
    }

    /// The kind: matching and rendering disagreed on which value is an
    /// item path. Matching let a key opening a colon path
    /// (`items/{parent-id}:/`) span segments and kept an item path ending
    /// the route (`root:/{item-path}`) to one segment; rendering, like the
    /// colon roles of `route::segments`, says the opposite of both.
    #[test]
    fn matching_spans_segments_only_for_item_paths_as_rendering_writes_them() {
        let ending = parts(&[("/me/drive/root:/", false), ("item-path", true)]);
        assert_eq!(match_path(&ending, "/me/drive/root:/a/b.txt"), Some(vec![("item-path", "a/b.txt".to_owned())]));
        let under =
            parts(&[("/items/", false), ("parent-id", true), (":/", false), ("name", true), (":/content", false)]);
        assert_eq!(
            match_path(&under, "/items/p:/a/b:/c:/content"),
            Some(vec![("parent-id", "p".to_owned()), ("name", "a/b:/c".to_owned())])
        );
        assert_eq!(match_path(&under, "/items/p/q:/a:/content"), None);
        let rendered = render(&under, &["p", "a/b"]).unwrap_or_default();
        assert_eq!(
            match_path(&under, &rendered),
            Some(vec![("parent-id", "p".to_owned()), ("name", "a/b".to_owned())])
        );
    }

    #[test]
    fn example_path_strips_host_version_and_query() {
        assert_eq!(example_path("https://graph.microsoft.com/beta/me/photos?$top=1"), "/me/photos");
        assert_eq!(example_path("https://graph.microsoft.com/v1.0/users"), "/users");
        assert_eq!(example_path("/betamax/x"), "/betamax/x");
        assert_eq!(example_path("https://graph.microsoft.com"), "");
    }
}
