//! Rust names from doc names. Any string gives a valid identifier; a
//! [`Scope`] keeps names unique in one namespace (a module, a struct's
//! fields, a function's parameters) by suffixing repeats in call order.

use std::collections::{HashMap, HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Rust's strict and reserved keywords (2021 edition, plus 2024's `gen`).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Transliterates to ASCII (`café` → `cafe`, by deunicode's fixed tables),
/// then keeps ASCII letters and digits and maps everything else to `_`, so
/// the case converters see word boundaries. Identifiers stay ASCII and
/// portable; a [`Scope`] separates names that become equal.
fn ascii_words(name: &str) -> String {
    let ascii = if name.is_ascii() { std::borrow::Cow::Borrowed(name) } else { deunicode::deunicode(name).into() };
    ascii.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

fn finish(text: String, fallback: &str) -> String {
    let text = if text.trim_matches('_').is_empty() { fallback.to_owned() } else { text };
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{text}")
    } else {
        text
    }
}

/// `displayName` → `display_name`; `@odata.type` → `odata_type`; `2fa` → `_2fa`.
pub fn snake(name: &str) -> String {
    finish(ascii_words(name).to_snake_case(), "field")
}

/// `profilePhoto` → `ProfilePhoto`.
pub fn camel(name: &str) -> String {
    finish(ascii_words(name).to_upper_camel_case(), "Type")
}

/// Longest name that becomes a file or folder name: a file system allows
/// 255 bytes per name, and staging adds a suffix.
pub const MAX_FILE_STEM: usize = 120;

/// `name` if it fits [`MAX_FILE_STEM`], else its start and a hash of the
/// whole (FNV-1a, so the same name always gives the same result):
/// distinct long names stay distinct, and the name stays readable.
pub fn fit(name: String) -> String {
    if name.len() <= MAX_FILE_STEM {
        return name;
    }
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let mut end = MAX_FILE_STEM - 17;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}_{hash:016x}", name[..end].trim_end_matches('_'))
}

/// `post_users_photos` → `POST_USERS_PHOTOS`.
pub fn shouty(name: &str) -> String {
    snake(name).to_ascii_uppercase()
}

/// `name` as a module's file stem: the name [`ident`] declares the module
/// by, so `mod self_;` finds `self_.rs` (a keyword that cannot be raw gets
/// a `_`; one that can is declared raw, `mod r#type;`, and its file is
/// `type.rs`). A name that starts with a digit (`_2fa`) gets a `_` too:
/// its type's name is the same (`_2fa`), and a module and a type share a
/// namespace.
pub fn module_file(name: String) -> String {
    let digit_first = name.strip_prefix('_').is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    if NOT_RAW.contains(&name.as_str()) || digit_first {
        format!("{name}_")
    } else {
        name
    }
}

/// An identifier token for a sanitized name; keywords become raw (`r#type`)
/// or, where Rust forbids that, get a trailing `_`.
pub fn ident(name: &str) -> Ident {
    if NOT_RAW.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// Unique names within one Rust namespace.
#[derive(Debug, Default)]
pub struct Scope {
    /// Lower-cased names taken.
    taken: HashSet<String>,
    /// For a lower-cased name asked for before, the next suffix to try, so
    /// `n` claims of one name take `O(n)`, not `O(n²)`.
    next_suffix: HashMap<String, usize>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self { taken: reserved.iter().map(|s| s.to_ascii_lowercase()).collect(), next_suffix: HashMap::new() }
    }

    /// Claims `name`, or `name_2`, `name_3`, ... if taken (`Name2` for an
    /// UpperCamelCase name). Comparison ignores case so file names stay
    /// distinct on case-insensitive disks.
    pub fn claim(&mut self, name: String) -> String {
        // A name ending in `_` (`self_`) takes `self_2`, not `self__2`,
        // which is not snake_case.
        let separator =
            if name.starts_with(|c: char| c.is_ascii_uppercase()) || name.ends_with('_') { "" } else { "_" };
        let lower = name.to_ascii_lowercase();
        if self.taken.insert(lower.clone()) {
            return name;
        }
        let mut n = self.next_suffix.get(&lower).copied().unwrap_or(2);
        let candidate = loop {
            let candidate = format!("{name}{separator}{n}");
            n += 1;
            if self.taken.insert(candidate.to_ascii_lowercase()) {
                break candidate;
            }
        };
        self.next_suffix.insert(lower, n);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_string_gives_an_identifier() {
        for name in ["type", "Type", "self", "2fa", "@odata.type", "", "💥", "a::b", "../x", "café", "_", "crate"] {
            for text in [snake(name), camel(name)] {
                let id = ident(&text);
                assert!(syn::parse_str::<syn::Ident>(&id.to_string()).is_ok(), "{name:?} gave {id}");
            }
        }
        assert_eq!(snake("displayName"), "display_name");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
    }

    #[test]
    fn long_names_fit_a_file_name_and_stay_distinct() {
        let long = |tail: &str| format!("{}{tail}", "delete_device_management_configuration_".repeat(8));
        let (a, b) = (fit(long("a")), fit(long("b")));
        assert!(a.len() <= MAX_FILE_STEM && b.len() <= MAX_FILE_STEM);
        assert_ne!(a, b);
        assert_eq!(a, fit(long("a")));
        assert_eq!(fit("short".to_owned()), "short");
    }

    #[test]
    fn scopes_suffix_repeats_case_insensitively() {
        let mut scope = Scope::with_reserved(&["additional_properties"]);
        assert_eq!(scope.claim("a".into()), "a");
        assert_eq!(scope.claim("A".into()), "A2");
        assert_eq!(scope.claim("additional_properties".into()), "additional_properties_2");
    }
}
