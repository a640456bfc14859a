//! Route segments: the one definition of how a route template's parts
//! ([`PathPart`]) split into segments, what part each segment plays in
//! Graph's colon path addressing, what a segment is named by, what two
//! spellings of one segment or one route share, and how a template is
//! written back as text. The parser (segment counts), the IR (operation
//! ids, one operation per route shape, areas) and the generator (the path
//! tree's nodes) all read routes through it.
//!
//! Sources: OData Version 4.01, Part 2: URL Conventions (section 4,
//! "Resource Path": segments separated by `/`; 4.3 keys in parentheses
//! `users('{id}')` or as a segment `users/{id}` (key-as-segment); 4.5
//! functions with parameters `f(p='{v}')`; 4.4 casts
//! `microsoft.graph.group`), and Microsoft Graph's path-based addressing
//! of drive items (`/me/drive/root:/{item-path}:/content`, "Addressing a
//! DriveItem by path" in the OneDrive API docs).

use serde::{Deserialize, Serialize};

/// One piece of a route template. Generic over the string type so the
/// generator can hold owned strings and generated code `&'static str`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PathPart<S = String> {
    /// Text that appears as-is.
    Literal(S),
    /// A value the caller supplies; the name is the one the docs use.
    Param(S),
}

/// The most segments a route may have to get a builder in the generated
/// path tree (one nested struct per segment); real routes have under 20.
/// The parser reports a longer route (`route-too-deep`), codegen leaves it
/// out of the tree; its endpoint function still calls it.
pub const MAX_TREE_SEGMENTS: usize = 64;

/// How a segment takes part in Graph's colon path addressing
/// (`/me/drive/root:/{item-path}:/content`,
/// `/drives/{d}/items/{parent-id}:/{filename}:/content`): a segment ending
/// in `:` opens an item path, the next segment ending in `:` closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ColonRole {
    /// Not in a colon path.
    None,
    /// The item the path starts from (`root:`, `{parent-id}:`): named as
    /// if it had no colon, so `root:` and `root` are one thing.
    Opens,
    /// Inside the path (`{item-path}:`, or `{item-path}` ending the route):
    /// a value here is the item path, `by_path`.
    Path,
}

/// One segment of a route: the text between two `/` of its template,
/// literal text and parameters in order (`{b}:` is `[Param("b"),
/// Literal(":")]`), with its [`ColonRole`]. Made by [`segments`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Segment {
    /// The segment's literals (never containing `/`) and parameters.
    pub parts: Vec<PathPart>,
    /// Its part in colon path addressing, which depends on the segments
    /// before it.
    pub role: ColonRole,
}

/// A route's segments, split at `/` (`/a/{b}:/c` → `a`, `{b}:`, `c`), each
/// with its [`ColonRole`]. Empty pieces (a leading or trailing `/`, `//`)
/// are no segment; a route of `/` alone has none.
pub fn segments<S: AsRef<str>>(parts: &[PathPart<S>]) -> Vec<Segment> {
    let mut split: Vec<Vec<PathPart>> = Vec::new();
    let mut current: Vec<PathPart> = Vec::new();
    for part in parts {
        match part {
            PathPart::Param(name) => current.push(PathPart::Param(name.as_ref().to_owned())),
            PathPart::Literal(text) => {
                let mut pieces = text.as_ref().split('/');
                if let Some(first) = pieces.next().filter(|f| !f.is_empty()) {
                    current.push(PathPart::Literal(first.to_owned()));
                }
                for piece in pieces {
                    if !current.is_empty() {
                        split.push(std::mem::take(&mut current));
                    }
                    if !piece.is_empty() {
                        current.push(PathPart::Literal(piece.to_owned()));
                    }
                }
            }
        }
    }
    if !current.is_empty() {
        split.push(current);
    }
    // A segment ending in `:` opens a colon path, the next one ending in
    // `:` closes it; segments between (and a route ending before the
    // close) are inside it.
    let mut open = false;
    split
        .into_iter()
        .map(|parts| {
            let colon = matches!(parts.last(), Some(PathPart::Literal(text)) if text.ends_with(':'));
            let role = if open {
                open = !colon;
                ColonRole::Path
            } else if colon {
                open = true;
                ColonRole::Opens
            } else {
                ColonRole::None
            };
            Segment { parts, role }
        })
        .collect()
}

/// A template written back as the docs write it: literals as they are,
/// each parameter as `{name}` (`/users/{id}/photos`). The normalized
/// `path` of a parsed route and the path tree's spellings are this text.
pub fn template<S: AsRef<str>>(parts: &[PathPart<S>]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            PathPart::Literal(text) => out.push_str(text.as_ref()),
            PathPart::Param(name) => {
                out.push('{');
                out.push_str(name.as_ref());
                out.push('}');
            }
        }
    }
    out
}

/// The shape two spellings of one route share: literals without ASCII
/// case (Graph resolves `/Users` as `/users`, as OData 4.01 services may:
/// URL Conventions 2, "case-insensitive") and without single quotes
/// (pages write a function's string argument `(period='{p}')` and
/// `(period={p})` alike), each parameter `{}` whatever its name.
/// `/Reports/getX(period='{p}')` → `/reports/getx(period={})`. A trailing
/// `/` is kept: the IR keeps `/users/{id}/` apart (see its names).
pub fn shape<S: AsRef<str>>(parts: &[PathPart<S>]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            PathPart::Literal(text) => {
                out.extend(text.as_ref().chars().filter(|c| *c != '\'').map(|c| c.to_ascii_lowercase()))
            }
            PathPart::Param(_) => out.push_str("{}"),
        }
    }
    out
}

/// What a segment is called, from what it is (never from its neighbours).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegmentName {
    /// A value fills the segment: a key (`{id}`, `{parent-id}:`; OData's
    /// key-as-segment), or a colon path's item path (`{item-path}:`).
    Key {
        /// A colon path's item path rather than a key.
        path: bool,
    },
    /// Literal text, maybe with arguments (an entity set, a navigation
    /// property, a cast, a function or an alternate key).
    Named {
        /// The segment's text before any `(`, without colons and
        /// surrounding space (`root:` → `root`, `microsoft.graph.delta()`
        /// → `microsoft.graph.delta`).
        name: String,
        /// The arguments' words as written, one list per argument: the key
        /// before `=` (`address`), then the value's words when the value
        /// is written out rather than a placeholder (`width=640` →
        /// `width`, `640`), or a positional placeholder's name (split at
        /// non-alphanumerics). Empty for a plain segment or `name()`; an
        /// argument in parentheses with no words is left out.
        arguments: Vec<Vec<String>>,
    },
}

/// One character of a segment, or a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token<'a> {
    Char(char),
    Param(&'a str),
}

/// The alphanumeric runs of `text`, as written: `microsoft.graph.delta`
/// → `microsoft`, `graph`, `delta`; `$value` → `value`.
pub fn alphanumeric_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

fn chars_of(tokens: &[Token<'_>]) -> String {
    tokens.iter().filter_map(|t| if let Token::Char(c) = t { Some(*c) } else { None }).collect()
}

/// One argument's words (see [`SegmentName::Named`]).
fn argument_words(arg: &[Token<'_>]) -> Vec<String> {
    let runs = |text: String| alphanumeric_runs(&text).map(str::to_owned).collect::<Vec<_>>();
    let params: Vec<&str> = arg.iter().filter_map(|t| if let Token::Param(p) = t { Some(*p) } else { None }).collect();
    match arg.iter().position(|t| *t == Token::Char('=')) {
        Some(eq) => {
            let mut key = runs(chars_of(&arg[..eq]));
            if params.is_empty() {
                key.extend(runs(chars_of(&arg[eq + 1..])));
            }
            key
        }
        None if params.is_empty() => runs(chars_of(arg)),
        None => params.iter().flat_map(|p| alphanumeric_runs(p)).map(str::to_owned).collect(),
    }
}

impl Segment {
    /// The segment's parameter names, in order.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            PathPart::Param(name) => Some(name.as_str()),
            PathPart::Literal(_) => None,
        })
    }

    /// The segment as the docs write it (`range(address='{address}')`);
    /// see [`template`].
    pub fn template(&self) -> String {
        template(&self.parts)
    }

    /// The segment's literals as written, each value as `{}`
    /// (`reminderView(startDateTime={},endDateTime={})`).
    pub fn pattern(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                PathPart::Literal(text) => text.as_str(),
                PathPart::Param(_) => "{}",
            })
            .collect()
    }

    /// The literal text the segment starts with, up to its first `(`, `:`
    /// or `?`: the entity set, singleton or function it names (`users` of
    /// `users(userPrincipalName='{upn}')`, `root` of `root:`); empty when
    /// it starts with a value.
    pub fn lead(&self) -> &str {
        match self.parts.first() {
            Some(PathPart::Literal(text)) => text.split(['(', ':', '?']).next().unwrap_or_default(),
            _ => "",
        }
    }

    /// What the segment is called ([`SegmentName`]): a value alone (with
    /// at most colons and space around it) is a key, or in a colon path
    /// ([`ColonRole::Path`]) the item path; anything else is named by its
    /// text before `(` and its arguments, split at commas outside quotes
    /// and nested parentheses (OData 4.01 URL Conventions 4.5, 4.3).
    pub fn name(&self) -> SegmentName {
        let mut tokens = Vec::new();
        for part in &self.parts {
            match part {
                PathPart::Literal(text) => tokens.extend(text.chars().map(Token::Char)),
                PathPart::Param(name) => tokens.push(Token::Param(name)),
            }
        }
        let has_param = tokens.iter().any(|t| matches!(t, Token::Param(_)));
        let open = tokens.iter().position(|t| *t == Token::Char('('));
        let head = chars_of(&tokens[..open.unwrap_or(tokens.len())]);
        let name = head.trim_matches(|c: char| c == ':' || c.is_whitespace()).to_owned();
        let Some(open) = open else {
            if has_param && alphanumeric_runs(&name).next().is_none() {
                return SegmentName::Key { path: self.role == ColonRole::Path };
            }
            // Text and a value with no parentheses (`key-{id}`): the value's name.
            let arguments = if has_param { vec![argument_words(&tokens)] } else { Vec::new() };
            return SegmentName::Named { name, arguments };
        };
        let close = tokens.iter().rposition(|t| *t == Token::Char(')')).filter(|c| *c > open).unwrap_or(tokens.len());
        let inner = &tokens[open + 1..close];
        let mut arguments = Vec::new();
        let (mut depth, mut quoted, mut start) = (0usize, false, 0usize);
        for (i, token) in inner.iter().enumerate() {
            match token {
                Token::Char('\'') => quoted = !quoted,
                Token::Char('(') if !quoted => depth += 1,
                Token::Char(')') if !quoted => depth = depth.saturating_sub(1),
                Token::Char(',') if !quoted && depth == 0 => {
                    arguments.push(argument_words(&inner[start..i]));
                    start = i + 1;
                }
                _ => {}
            }
        }
        arguments.push(argument_words(&inner[start..]));
        arguments.retain(|a| !a.is_empty());
        SegmentName::Named { name, arguments }
    }

    /// What spellings of one segment share, so they are one thing (one
    /// node of the generated path tree): its words without case (`Users`
    /// is `users`; `directoryRoles` is `directoryroles`) and its
    /// arguments' words, so quoting (`range(address='{a}')`,
    /// `range(address={a})`, `range({address})`), a colon path's colons
    /// (`root:` is `root`, `{parent-id}:` the key `{}`) and an empty `()`
    /// (`delta()` is `delta`) make no difference. A value that fills the
    /// segment is `{}`, an item path `:{}:`. The number of values is part
    /// of the key (`#n`): a node holds a fixed number of them.
    pub fn key(&self) -> String {
        let count = self.params().count();
        match self.name() {
            SegmentName::Key { path: false } => format!("{{}}#{count}"),
            SegmentName::Key { path: true } => format!(":{{}}:#{count}"),
            SegmentName::Named { name, arguments } => {
                let name = alphanumeric_runs(&name.to_lowercase()).collect::<Vec<_>>().join(".");
                let arguments: Vec<String> = arguments.iter().map(|a| a.concat().to_lowercase()).collect();
                format!("{name}({})#{count}", arguments.join(","))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `{name}` in a template is a parameter, the rest literal text.
    fn parts(route: &str) -> Vec<PathPart> {
        let mut out = Vec::new();
        let mut rest = route;
        while let Some(start) = rest.find('{') {
            if start > 0 {
                out.push(PathPart::Literal(rest[..start].to_owned()));
            }
            let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
            out.push(PathPart::Param(rest[start + 1..end].to_owned()));
            rest = rest.get(end + 1..).unwrap_or_default();
        }
        if !rest.is_empty() {
            out.push(PathPart::Literal(rest.to_owned()));
        }
        out
    }

    fn patterns(route: &str) -> Vec<(String, ColonRole)> {
        segments(&parts(route)).iter().map(|s| (s.pattern(), s.role)).collect()
    }

    fn keys(route: &str) -> Vec<String> {
        segments(&parts(route)).iter().map(Segment::key).collect()
    }

    #[test]
    fn colon_paths_open_and_close() {
        use ColonRole::{None as Plain, Opens, Path};
        let p = |s: &str, r| (s.to_owned(), r);
        assert_eq!(
            patterns("/me/drive/root:/{item-path}:/content"),
            [p("me", Plain), p("drive", Plain), p("root:", Opens), p("{}:", Path), p("content", Plain)]
        );
        assert_eq!(
            patterns("/drives/{d}/items/{parent-id}:/{filename}:/content")[3..],
            [p("{}:", Opens), p("{}:", Path), p("content", Plain)]
        );
        // A route ending inside the path: the value is still the path.
        assert_eq!(patterns("/me/drive/root:/{p}")[3], p("{}", Path));
        assert_eq!(segments(&parts("/me/drive/root:/{p}"))[3].name(), SegmentName::Key { path: true });
        assert_eq!(segments(&parts("/items/{id}:/{p}:"))[1].name(), SegmentName::Key { path: false });
        // `root:` and `root` are one segment.
        assert_eq!(keys("/me/drive/root:/{p}:")[2], keys("/me/drive/root/children")[2]);
    }

    #[test]
    fn empty_pieces_are_no_segment_and_templates_read_back() {
        assert!(segments(&parts("/")).is_empty());
        assert_eq!(patterns("//users/{id}/").len(), 2);
        let route = parts("/users/{user-id}/range(address='{a}')");
        assert_eq!(template(&route), "/users/{user-id}/range(address='{a}')");
        let rebuilt: Vec<String> = segments(&route).iter().map(Segment::template).collect();
        assert_eq!(format!("/{}", rebuilt.join("/")), template(&route));
    }

    #[test]
    fn quoted_and_unquoted_arguments_are_one_segment_and_one_shape() {
        let last = |route: &str| keys(route).pop().unwrap_or_default();
        assert_eq!(last("/w/range(address='{a}')"), last("/w/range(address={a})"));
        assert_eq!(last("/w/range(address='{a}')"), last("/w/range({address})"));
        assert_ne!(last("/w/range(address={a})"), last("/w/range()"));
        assert_eq!(shape(&parts("/r/getX(period='{p}')")), shape(&parts("/r/getX(period={q})")));
        assert_eq!(shape(&parts("/Reports/getX(period='{p}')")), "/reports/getx(period={})");
        // A string value written out keeps its words; `()` has none.
        let named = segments(&parts("/c/image(width=640,fittingMode='fit')")).pop().map(|s| s.name());
        let words = |w: &[&str]| w.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            named,
            Some(SegmentName::Named {
                name: "image".to_owned(),
                arguments: vec![words(&["width", "640"]), words(&["fittingMode", "fit"])]
            })
        );
        assert_eq!(last("/me/delta()"), last("/me/delta"));
    }

    #[test]
    fn case_is_no_difference_but_a_trailing_slash_is_kept_in_the_shape() {
        assert_eq!(keys("/Users/{id}/Photos"), keys("/users/{user-id}/photos"));
        assert_eq!(keys("/me/directoryroles"), keys("/me/directoryRoles"));
        assert_eq!(shape(&parts("/Users/{id}")), shape(&parts("/users/{user-id}")));
        assert_ne!(shape(&parts("/users/{id}/")), shape(&parts("/users/{id}")));
        // The number of values is part of a segment's key.
        assert_ne!(keys("/w/cell({row},{column})"), keys("/w/cell({rowcolumn})"));
    }

    #[test]
    fn leads_name_what_the_segment_starts_with() {
        let lead = |route: &str| segments(&parts(route)).first().map(|s| s.lead().to_owned()).unwrap_or_default();
        assert_eq!(lead("/users(userPrincipalName='{upn}')/x"), "users");
        assert_eq!(lead("/root:/{p}"), "root");
        assert_eq!(lead("/{id}/x"), "");
        assert_eq!(lead("/"), "");
    }
}
