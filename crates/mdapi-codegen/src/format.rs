//! Formatting generated files, with an optional cache of formatted text.
//!
//! prettyplease (and syn parsing the emitted tokens for it) is most of what
//! a rerun costs. A [`FormatCache`] maps a fingerprint of a file's tokens to
//! the text formatting gave, so a rerun formats only what changed. The key
//! covers [`FORMAT_VERSION`], the header and the tokens; a hit gives the
//! same bytes as formatting again. The cache lives outside the output (a
//! build folder), so it never shows in a generated crate's diff, and
//! `--check` never uses it.

use proc_macro2::TokenStream;
use rayon::prelude::*;

use crate::{docs, Error};

/// Formatted text by key; implementations must be usable from all cores.
pub trait FormatCache: Sync {
    fn get(&self, key: &str) -> Option<String>;
    /// Best effort: a cache that cannot store just misses next time.
    fn put(&self, key: &str, text: &str);
}

/// Changed whenever the same tokens would format differently (this
/// module, `docs::header`, a new prettyplease), so no cached text outlives
/// its format.
const FORMAT_VERSION: &str = "mdapi-format-4 prettyplease-0.2";

/// `inner` after the attribute that keeps rustfmt off the file: prettyplease
/// formats, and `cargo fmt` in a workspace holding the crate must not
/// re-format, or the crate would look stale.
fn with_rustfmt_skip(inner: TokenStream) -> TokenStream {
    // `extend` moves the tokens; interpolating them in `quote!` would copy
    // every file's whole stream once more.
    let mut tokens = quote::quote!(#![cfg_attr(rustfmt, rustfmt::skip)]);
    tokens.extend(inner);
    tokens
}

/// `header`, then `inner` (parsed as a file: inner attributes and any
/// items) and each stream of `items`, printed one stream at a time and
/// joined (see [`Formatter::rust_items`]).
fn format_items(path: &str, header: String, inner: TokenStream, items: Vec<TokenStream>) -> Result<String, Error> {
    let error = |err: syn::Error| Error { path: path.to_owned(), message: err.to_string() };
    let mut text = header;
    if !inner.is_empty() {
        let file = syn::parse2::<syn::File>(inner).map_err(error)?;
        text += &print(file.attrs, file.items);
    }
    for tokens in items {
        text += &print(Vec::new(), parse_items(tokens).map_err(error)?);
    }
    Ok(text)
}

/// prettyplease's text of a file of `attrs` (inner attributes) and
/// `items`, but a `json_object!` item as [`one_argument_per_line`] has it.
fn print(attrs: Vec<syn::Attribute>, items: Vec<syn::Item>) -> String {
    let unparse = |attrs: Vec<syn::Attribute>, items: Vec<syn::Item>| {
        if attrs.is_empty() && items.is_empty() {
            return String::new();
        }
        prettyplease::unparse(&syn::File { shebang: None, attrs, items })
    };
    let (mut text, mut attrs, mut run) = (String::new(), attrs, Vec::new());
    for item in items {
        match one_argument_per_line(&item) {
            Some(own) => {
                text += &unparse(std::mem::take(&mut attrs), std::mem::take(&mut run));
                text += &own;
            }
            None => run.push(item),
        }
    }
    text + &unparse(attrs, run)
}

/// A `json_object!` item with one argument per line, so adding or removing
/// a member changes one line of the diff; prettyplease fills a macro's
/// arguments into lines, which reflows all that follow. `None` for any
/// other item, or arguments of another shape than `Name` or
/// `kind(member, "wire")`.
fn one_argument_per_line(item: &syn::Item) -> Option<String> {
    let syn::Item::Macro(syn::ItemMacro { mac, attrs, ident: None, .. }) = item else { return None };
    if !attrs.is_empty() || mac.path.segments.last()?.ident != "json_object" {
        return None;
    }
    let path: Vec<String> = mac.path.segments.iter().map(|s| s.ident.to_string()).collect();
    let lead = if mac.path.leading_colon.is_some() { "::" } else { "" };
    let mut text = format!("{lead}{}!(\n", path.join("::"));
    for argument in arguments(mac.tokens.clone()) {
        text += &format!("    {},\n", flat(&argument)?);
    }
    Some(text + ");\n")
}

/// `tokens` split at its top-level commas.
fn arguments(tokens: TokenStream) -> Vec<Vec<proc_macro2::TokenTree>> {
    let mut all = vec![Vec::new()];
    for token in tokens {
        match &token {
            proc_macro2::TokenTree::Punct(p) if p.as_char() == ',' => all.push(Vec::new()),
            _ => all.last_mut().map_or((), |last| last.push(token)),
        }
    }
    all.retain(|argument| !argument.is_empty());
    all
}

/// An identifier, a literal, or an identifier and a parenthesized list of
/// those, as written by hand (`field(id, "id")`).
fn flat(argument: &[proc_macro2::TokenTree]) -> Option<String> {
    use proc_macro2::{Delimiter, TokenTree};
    match argument {
        [TokenTree::Ident(name)] => Some(name.to_string()),
        [TokenTree::Literal(literal)] => Some(literal.to_string()),
        [TokenTree::Ident(name), TokenTree::Group(group)] if group.delimiter() == Delimiter::Parenthesis => {
            let inner: Option<Vec<String>> = arguments(group.stream()).iter().map(|a| flat(a)).collect();
            Some(format!("{name}({})", inner?.join(", ")))
        }
        _ => None,
    }
}

/// [`Formatter::rust_static_slice`]'s text: made one element at a time
/// where [`sliced`] can, else formatted whole.
fn format_static_slice(
    path: &str,
    header: &str,
    inner: &TokenStream,
    head: &TokenStream,
    elements: &[TokenStream],
) -> Result<String, Error> {
    match sliced(path, header, inner, head, elements)? {
        Some(text) => Ok(text),
        None => format_items(path, header.to_owned(), inner.clone(), vec![quote::quote!(#head = &[#(#elements)*];)]),
    }
}

/// The table's text made one element at a time, or `None` where that
/// could differ from formatting it whole: prettyplease fills lines with
/// the elements of a table of integer, byte, char and bool literals only
/// (`simple_array`), and puts a table that fits on the `static`'s line.
fn sliced(
    path: &str,
    header: &str,
    inner: &TokenStream,
    head: &TokenStream,
    elements: &[TokenStream],
) -> Result<Option<String>, Error> {
    let empty = format_items(path, header.to_owned(), inner.clone(), vec![quote::quote!(#head = &[];)])?;
    if elements.is_empty() {
        return Ok(Some(empty));
    }
    if elements.iter().all(is_simple_literal) {
        return Ok(None);
    }
    // The empty table's text ends in `<head> = &[];`; a longer table's
    // first line is `<head> = &[`, its last `];`.
    let Some(mut text) = empty.strip_suffix("];\n").map(|text| text.to_owned() + "\n") else { return Ok(None) };
    let opening_line = text.lines().last().unwrap_or_default().to_owned() + "\n";
    for element in elements {
        let one = format_items(path, String::new(), TokenStream::new(), vec![quote::quote!(#head = &[#element];)])?;
        match one.strip_prefix(&opening_line).and_then(|rest| rest.strip_suffix("];\n")) {
            Some(body) => text += body,
            None => return Ok(None),
        }
    }
    text += "];\n";
    Ok(Some(text))
}

/// An element prettyplease lays out as part of a filled line when all of a
/// table's elements are such: an integer, byte, char or bool literal (its
/// `simple_array`, prettyplease 0.2).
fn is_simple_literal(element: &TokenStream) -> bool {
    let Ok(array) = syn::parse2::<syn::ExprArray>(quote::quote!([#element])) else { return false };
    array.elems.iter().all(|expr| {
        matches!(
            expr,
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(_) | syn::Lit::Byte(_) | syn::Lit::Char(_) | syn::Lit::Bool(_),
                ..
            })
        )
    })
}

/// The items of one stream (a struct and its `impl`, say).
fn parse_items(tokens: TokenStream) -> syn::Result<Vec<syn::Item>> {
    let parse = |input: syn::parse::ParseStream<'_>| {
        let mut items = Vec::new();
        while !input.is_empty() {
            items.push(input.parse::<syn::Item>()?);
        }
        Ok(items)
    };
    syn::parse::Parser::parse2(parse, tokens)
}

/// Two FNV-1a 64-bit hashes with different offsets: 128 bits, stable across
/// platforms and runs.
fn key(parts: &[&str]) -> String {
    let hash = |offset: u64| {
        parts
            .iter()
            .flat_map(|p| p.bytes().chain([0xff]))
            .fold(offset, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    };
    format!("{:016x}{:016x}", hash(0xcbf2_9ce4_8422_2325), hash(0x6c62_272e_07bb_0142))
}

pub(crate) struct Formatter<'a> {
    pub cache: Option<&'a dyn FormatCache>,
}

impl Formatter<'_> {
    /// One file: the `@generated` header naming its source, then
    /// prettyplease's output.
    pub fn rust(&self, path: &str, from: &str, tokens: TokenStream) -> Result<String, Error> {
        self.rust_items(path, from, tokens, Vec::new())
    }

    /// One file of `inner` (inner attributes, or any tokens) then `items`
    /// (each stream one or more items), formatted as [`Formatter::rust`]
    /// would format them all as one stream. Each stream is parsed and
    /// printed on its own and its tokens and syntax tree dropped, so a large
    /// file never holds its whole token stream or syntax tree (beta's
    /// `deviceManagement` path subtree is 4 MB of code). prettyplease prints
    /// a file as its inner attributes then each item, every item ending in
    /// a hard break at indent 0, so printing items one by one and joining
    /// the text gives the same bytes (tested below).
    pub fn rust_items(
        &self,
        path: &str,
        from: &str,
        inner: TokenStream,
        items: Vec<TokenStream>,
    ) -> Result<String, Error> {
        let inner = with_rustfmt_skip(inner);
        let header = docs::header(from);
        let key = self.key(&header, &inner, None, &items);
        if let Some(text) = self.hit(key.as_deref()) {
            return Ok(text);
        }
        let text = format_items(path, header, inner, items)?;
        self.store(key.as_deref(), &text);
        Ok(text)
    }

    /// One file of `inner` then `#head = &[#elements]` (a static slice, as
    /// the example cases' table is; each element stream ends in its comma),
    /// formatted as [`Formatter::rust`] would format it as one stream, but
    /// one element at a time: the largest table (beta's `deviceManagement`
    /// cases) is 4 MB of code, and its tokens and syntax tree held at once
    /// were most of a corpus run's peak memory. Each element is printed in
    /// a one-element slice: an element too long for one line breaks the
    /// slice as a longer slice breaks, one element per line with a trailing
    /// comma. Should an element fit on the slice's line (no generated case
    /// does), the file is formatted as one stream instead.
    pub fn rust_static_slice(
        &self,
        path: &str,
        from: &str,
        inner: TokenStream,
        head: TokenStream,
        elements: Vec<TokenStream>,
    ) -> Result<String, Error> {
        let inner = with_rustfmt_skip(inner);
        let header = docs::header(from);
        let key = self.key(&header, &inner, Some(&head), &elements);
        if let Some(text) = self.hit(key.as_deref()) {
            return Ok(text);
        }
        let text = format_static_slice(path, &header, &inner, &head, &elements)?;
        self.store(key.as_deref(), &text);
        Ok(text)
    }

    /// The cache key of a file made of these parts (`head`: a static
    /// slice's), when there is a cache.
    fn key(
        &self,
        header: &str,
        inner: &TokenStream,
        head: Option<&TokenStream>,
        items: &[TokenStream],
    ) -> Option<String> {
        self.cache?;
        let texts: Vec<String> = std::iter::once(inner).chain(head).chain(items).map(TokenStream::to_string).collect();
        let mut parts = vec![FORMAT_VERSION, header];
        if head.is_some() {
            parts.push("static slice");
        }
        parts.extend(texts.iter().map(String::as_str));
        Some(key(&parts))
    }

    fn hit(&self, key: Option<&str>) -> Option<String> {
        self.cache?.get(key?)
    }

    fn store(&self, key: Option<&str>, text: &str) {
        if let (Some(cache), Some(key)) = (self.cache, key) {
            cache.put(key, text);
        }
    }

    /// Emits and formats `(path, contents)` for each item on all cores.
    /// Token streams cannot cross threads, so each file is emitted and
    /// formatted by the thread that owns it.
    pub fn par_files<T: Sync>(
        &self,
        items: &[T],
        file: impl Fn(&T) -> Option<(String, String, TokenStream)> + Sync,
    ) -> Result<Vec<(String, String)>, Error> {
        items
            .par_iter()
            .filter_map(|item| {
                let (path, from, tokens) = file(item)?;
                Some(self.rust(&path, &from, tokens).map(|text| (path, text)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::Mutex;

    #[derive(Default)]
    struct Memory(Mutex<HashMap<String, String>>);

    impl FormatCache for Memory {
        fn get(&self, key: &str) -> Option<String> {
            self.0.lock().ok()?.get(key).cloned()
        }
        fn put(&self, key: &str, text: &str) {
            if let Ok(mut map) = self.0.lock() {
                map.insert(key.to_owned(), text.to_owned());
            }
        }
    }

    #[test]
    fn a_hit_gives_what_formatting_gives_and_other_tokens_miss() {
        let cache = Memory::default();
        let format = |cache: Option<&dyn FormatCache>, from: &str, tokens: TokenStream| {
            Formatter { cache }.rust("x.rs", from, tokens).ok()
        };
        let struct_x = || {
            quote::quote!(
                pub struct X;
            )
        };
        let fresh = format(None, "x.md", struct_x());
        let first = format(Some(&cache), "x.md", struct_x());
        assert_eq!(first, fresh);
        assert_eq!(cache.0.lock().map(|m| m.len()).unwrap_or(0), 1);
        // Poison the entry: a second run with the same tokens takes it.
        if let Ok(mut map) = cache.0.lock() {
            map.values_mut().for_each(|v| *v = "cached".to_owned());
        }
        let second = format(Some(&cache), "x.md", struct_x());
        assert_eq!(second.as_deref(), Some("cached"));
        // Other tokens or another source page: a miss, formatted afresh.
        let other = format(
            Some(&cache),
            "x.md",
            quote::quote!(
                pub struct Y;
            ),
        );
        assert!(other.is_some_and(|t| t.contains("pub struct Y;")));
        let moved = format(Some(&cache), "y.md", struct_x());
        assert!(moved.is_some_and(|t| t.contains("from y.md")));
    }

    #[test]
    fn a_static_slice_formats_as_one_stream_would() {
        let doc = quote::quote!(#![doc = " Cases."]);
        let head = quote::quote!(pub(crate) static CASES: &[::mdapi_runtime::examples::Case]);
        let long_head = quote::quote!(pub(crate) static A_TABLE_WITH_A_NAME_LONG_ENOUGH_TO_BREAK_ANY_TABLE: &[::std::primitive::u32]);
        let case = |name: &str| {
            quote::quote!(
                #[cfg(feature = "users")]
                ::mdapi_runtime::examples::Case { area: "users", name: #name, source: ("api/user-get.md", 31u32), status: 200u16 },
            )
        };
        let format = |head: &TokenStream, elements: Vec<TokenStream>| {
            let whole = Formatter { cache: None }.rust("x.rs", "x.md", quote::quote!(#doc #head = &[#(#elements)*];));
            let sliced =
                Formatter { cache: None }.rust_static_slice("x.rs", "x.md", doc.clone(), head.clone(), elements);
            (whole.ok(), sliced.ok())
        };
        // Elements that break the table one per line, one, none; short
        // literals that share the table's line; literals prettyplease fills
        // several to a line under a head too long for the table to fit;
        // a table mixing them.
        for (head, elements) in [
            (&head, vec![case("a"), case("b"), case("c")]),
            (&head, vec![case("only")]),
            (&head, Vec::new()),
            (&head, vec![quote::quote!(1,), quote::quote!(2,)]),
            (&long_head, vec![quote::quote!(1,), quote::quote!(2,), quote::quote!(3,)]),
            (&long_head, vec![quote::quote!(1,), case("a"), quote::quote!(true,)]),
        ] {
            let (whole, sliced) = format(head, elements);
            assert!(whole.as_ref().is_some_and(|t| t.contains(" = &[")), "{whole:?}");
            assert_eq!(sliced, whole);
        }
        let (whole, _) = format(&head, vec![case("a"), case("b")]);
        assert!(whole.is_some_and(|t| t.contains("name: \"a\",\n") && t.contains("},\n    #[cfg")));
    }

    #[test]
    fn a_table_of_cases_is_made_one_case_at_a_time() {
        // The memory saving: cases are never formatted as one stream.
        let head = quote::quote!(pub(crate) static CASES: &[::mdapi_runtime::examples::Case]);
        let cases: Vec<TokenStream> = ["a", "b"]
            .iter()
            .map(|name| quote::quote!(::mdapi_runtime::examples::Case { area: "users", name: #name, source: ("api/user-get.md", 31u32) },))
            .collect();
        let made = sliced("x.rs", "", &TokenStream::new(), &head, &cases);
        assert!(made.as_ref().is_ok_and(|text| text.as_ref().is_some_and(|t| t.contains("name: \"b\""))), "{made:?}");
        // Integer literals only: prettyplease fills lines, so the table is
        // formatted whole.
        let numbers = vec![quote::quote!(1,), quote::quote!(2,)];
        assert!(sliced("x.rs", "", &TokenStream::new(), &head, &numbers).is_ok_and(|text| text.is_none()));
    }

    #[test]
    fn a_models_member_list_has_one_member_per_line_and_the_rest_as_prettyplease_has_it() {
        let doc = quote::quote!(#![doc = " A module."]);
        let before = quote::quote!(
            /// X.
            pub struct X {
                pub r#type: u8,
            }
        );
        let list = quote::quote!(::mdapi_runtime::json_object!(X, required(r#type, "type"), field(a_very_long_member_name, "aVeryLongMemberName\"),"), text_field(b, "b")););
        let after = quote::quote!(impl X { pub fn new() -> Self { X { r#type: 1 } } });
        let text = Formatter { cache: None }
            .rust("x.rs", "x.md", quote::quote!(#doc #before #list #after))
            .unwrap_or_default();
        let expected = concat!(
            "::mdapi_runtime::json_object!(\n",
            "    X,\n",
            "    required(r#type, \"type\"),\n",
            "    field(a_very_long_member_name, \"aVeryLongMemberName\\\"),\"),\n",
            "    text_field(b, \"b\"),\n",
            ");\n",
        );
        assert!(text.contains(expected), "{text}");
        // What is around it is as prettyplease prints it.
        let around =
            Formatter { cache: None }.rust("x.rs", "x.md", quote::quote!(#doc #before #after)).unwrap_or_default();
        assert_eq!(text.replace(expected, ""), around);
        // Any other macro stays prettyplease's.
        let other = Formatter { cache: None }
            .rust("x.rs", "x.md", quote::quote!(other!(X, field(a, "a"));))
            .unwrap_or_default();
        assert!(other.contains("other!(X, field(a, \"a\"));"), "{other}");
    }

    #[test]
    fn items_format_as_one_stream_would() {
        let doc = quote::quote!(#![doc = " A module."]);
        let items = vec![
            quote::quote!(
                /// X.
                pub struct X;
                impl X { pub fn new() -> Self { X } }
            ),
            quote::quote!(
                pub fn f(a: u8) -> u8 {
                    a + 1
                }
            ),
        ];
        let whole = Formatter { cache: None }.rust("x.rs", "x.md", quote::quote!(#doc #(#items)*));
        let by_item = Formatter { cache: None }.rust_items("x.rs", "x.md", doc.clone(), items.clone());
        assert!(whole.as_ref().is_ok_and(|t| t.contains("impl X") && t.contains("pub fn f")));
        assert_eq!(by_item.as_ref().ok(), whole.as_ref().ok());
        // A stream that is not items is refused with the file's path.
        let broken = Formatter { cache: None }.rust_items("x.rs", "x.md", doc, vec![quote::quote!(let a = 1;)]);
        assert!(broken.is_err_and(|e| e.path == "x.rs"));
    }
}
