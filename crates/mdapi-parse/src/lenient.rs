//! Example bodies as docs write them: JSON, mostly. Strict parsing first;
//! when that fails, one repair pass fixes what writers commonly get wrong
//! and says which fixes it used, so each leniency can be reported.

use serde_json::Value;

/// A repair the lenient pass made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Leniency {
    TrailingComma,
    Comment,
    Ellipsis,
    OddWhitespace,
    UnquotedKey,
    SingleQuotes,
    RawControlCharacter,
}

impl Leniency {
    pub fn describe(self) -> &'static str {
        match self {
            Self::TrailingComma => "trailing commas",
            Self::Comment => "comments",
            Self::Ellipsis => "`...` placeholders",
            Self::OddWhitespace => "no-break or zero-width spaces",
            Self::UnquotedKey => "unquoted keys",
            Self::SingleQuotes => "single-quoted strings",
            Self::RawControlCharacter => "raw line breaks or control characters in strings",
        }
    }
}

/// Parses `text` strictly, else leniently. On failure returns the strict error.
pub fn parse(text: &str) -> Result<(Value, Vec<Leniency>), String> {
    let strict_error = match serde_json::from_str::<Value>(text) {
        Ok(value) => return Ok((value, Vec::new())),
        Err(err) => err.to_string(),
    };
    let mut used = Vec::new();
    let cleaned = clean(text, &mut used);
    let repaired = drop_trailing_commas(&cleaned, &mut used);
    match serde_json::from_str::<Value>(&repaired) {
        Ok(value) => {
            used.sort_unstable();
            used.dedup();
            Ok((value, used))
        }
        Err(_) => Err(strict_error),
    }
}

/// Where strict parsing of `text` fails, as a 0-based line and 1-based
/// column of `text`, placed where the fix goes: a missing `,` is reported
/// right after the value it should follow (serde_json notices it at the
/// next key, often a line later), anything else where the parser stopped.
/// `None` when `text` is JSON.
pub fn error_position(text: &str) -> Option<(usize, usize)> {
    let err = serde_json::from_str::<Value>(text).err()?;
    let line = err.line().saturating_sub(1);
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let at = (line_start + err.column().saturating_sub(1)).min(text.len());
    let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    let stop = if err.to_string().starts_with("expected `,`") {
        // Just after the last character before the unexpected token.
        let before = text[..at].trim_end();
        before.len()
    } else {
        at
    };
    let line = text[..stop].matches('\n').count();
    let column = text[..stop].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

/// A parse error without serde_json's ` at line N column M`: those count
/// from the body's first line, while diagnostics point at page lines.
pub fn error_text(error: &str) -> &str {
    match error.rfind(" at line ") {
        Some(at) if error[at..].contains(" column ") => &error[..at],
        _ => error,
    }
}

fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{200b}' | '\u{feff}' | '\u{2060}')
}

/// Comments, ellipses, odd spaces, quotes and unquoted keys.
fn clean(text: &str, used: &mut Vec<Leniency>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Where a key may start: after `{` or `,` with only blanks since.
    let mut key_position = false;
    while let Some(&c) = chars.get(i) {
        match c {
            '"' | '\'' => {
                if c == '\'' {
                    used.push(Leniency::SingleQuotes);
                }
                i = copy_string(&chars, i, &mut out, used);
                key_position = false;
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                used.push(Leniency::Comment);
                while chars.get(i).is_some_and(|c| *c != '\n') {
                    i += 1;
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                used.push(Leniency::Comment);
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
                continue;
            }
            '.' if chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.') => {
                used.push(Leniency::Ellipsis);
                i += 3;
                continue;
            }
            '…' => {
                used.push(Leniency::Ellipsis);
                i += 1;
                continue;
            }
            c if is_odd_space(c) => {
                used.push(Leniency::OddWhitespace);
                out.push(' ');
            }
            c if key_position && (c.is_alphabetic() || c == '_' || c == '$' || c == '@') => {
                let start = i;
                while chars.get(i).is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '@' | '.' | '-')) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let mut j = i;
                while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                    j += 1;
                }
                if chars.get(j) == Some(&':') {
                    used.push(Leniency::UnquotedKey);
                    out.push('"');
                    out.push_str(&word);
                    out.push('"');
                } else {
                    out.push_str(&word);
                }
                key_position = false;
                continue;
            }
            c => {
                if c == '{' || c == ',' {
                    key_position = true;
                } else if !c.is_whitespace() {
                    key_position = false;
                }
                out.push(c);
            }
        }
        i += 1;
    }
    out
}

/// Copies the string starting at `chars[start]` (quoted by `"` or `'`) as a
/// double-quoted JSON string; returns the index after it.
fn copy_string(chars: &[char], start: usize, out: &mut String, used: &mut Vec<Leniency>) -> usize {
    let quote = chars[start];
    out.push('"');
    let mut i = start + 1;
    while let Some(&c) = chars.get(i) {
        match c {
            '\\' => {
                match chars.get(i + 1) {
                    Some('\'') => out.push('\''),
                    Some(&next) => {
                        out.push('\\');
                        out.push(next);
                    }
                    None => out.push_str("\\\\"),
                }
                i += 2;
                continue;
            }
            c if c == quote => {
                out.push('"');
                return i + 1;
            }
            '"' => out.push_str("\\\""),
            c if c.is_control() => {
                used.push(Leniency::RawControlCharacter);
                match c {
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    other => out.push_str(&format!("\\u{:04x}", u32::from(other))),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    out.push('"');
    i
}

/// Whether a left-to-right scan of JSON text is inside a string literal.
#[derive(Debug, Default)]
pub(crate) struct StringScan {
    in_string: bool,
    escaped: bool,
}

impl StringScan {
    /// Takes the next character; true when it belongs to a string literal
    /// (its quotes included).
    pub(crate) fn step(&mut self, c: char) -> bool {
        if !self.in_string {
            self.in_string = c == '"';
            return self.in_string;
        }
        match (self.escaped, c) {
            (true, _) => self.escaped = false,
            (false, '\\') => self.escaped = true,
            (false, '"') => self.in_string = false,
            _ => {}
        }
        true
    }
}

/// Removes commas followed (after blanks) by `}` or `]`, or by another comma.
fn drop_trailing_commas(text: &str, used: &mut Vec<Leniency>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut strings = StringScan::default();
    for (i, &c) in chars.iter().enumerate() {
        if strings.step(c) {
            out.push(c);
            continue;
        }
        if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}' | ']' | ',') | None) {
                used.push(Leniency::TrailingComma);
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strict_json_uses_no_leniency() {
        assert_eq!(parse(r#"{"a": [1, 2]}"#).unwrap(), (json!({"a": [1, 2]}), vec![]));
    }

    #[test]
    fn repairs_are_reported() {
        let (value, used) =
            parse("{\n  // note\n  \"a\": [1, 2,],\n  b: 'x \"y\"',\n  \"c\":\u{a0}true,\n  ...\n}").unwrap();
        assert_eq!(value, json!({"a": [1, 2], "b": "x \"y\"", "c": true}));
        assert_eq!(
            used,
            [
                Leniency::TrailingComma,
                Leniency::Comment,
                Leniency::Ellipsis,
                Leniency::OddWhitespace,
                Leniency::UnquotedKey,
                Leniency::SingleQuotes
            ]
        );
    }

    #[test]
    fn strings_are_left_alone() {
        let (value, used) = parse("{\"url\": \"https://x//y\", \"dots\": \"a...b, }\",}").unwrap();
        assert_eq!(value, json!({"url": "https://x//y", "dots": "a...b, }"}));
        assert_eq!(used, [Leniency::TrailingComma]);
        let (value, _) = parse("{\"a\": \"line\nbreak\"}").unwrap();
        assert_eq!(value, json!({"a": "line\nbreak"}));
    }

    /// The kind: a missing comma was reported at the body's first line
    /// (or not at all); it is reported where the comma goes.
    #[test]
    fn a_missing_comma_is_placed_after_the_value_it_should_follow() {
        let text = "{\n  \"id\": \"1\",\n  \"size\": 1024\n  \"name\": \"x\"\n}";
        assert!(parse(text).is_err());
        assert_eq!(error_position(text), Some((2, 15)), "line 3, after `1024`");
        let nested = "{\n  \"a\": [\n    1\n    2\n  ]\n}";
        assert_eq!(error_position(nested), Some((2, 6)));
        // Other faults stay where the parser stopped.
        assert_eq!(error_position("{\n  \"a\": @\n}"), Some((1, 8)));
        assert_eq!(error_position("{\"a\": 1}"), None);
        assert_eq!(error_text("expected `,` or `}` at line 4 column 3"), "expected `,` or `}`");
    }

    #[test]
    fn hopeless_text_keeps_the_strict_error() {
        assert!(parse("[Zip file containing a Teams app package]").is_err());
        assert!(parse("{\"a\": ").is_err());
    }
}
