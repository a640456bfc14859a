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
const FORMAT_VERSION: &str = "mdapi-format-2 prettyplease-0.2";

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
    /// would format them all as one stream. Each stream is parsed on its
    /// own and its tokens dropped, so a large file never holds its whole
    /// token stream and syn's copy of it at once (beta's `deviceManagement`
    /// path subtree is 4 MB of code).
    pub fn rust_items(
        &self,
        path: &str,
        from: &str,
        inner: TokenStream,
        items: Vec<TokenStream>,
    ) -> Result<String, Error> {
        // prettyplease formats; rustfmt must not re-format, or `cargo fmt`
        // in a workspace holding the crate would make it look stale.
        // `extend` moves the tokens; interpolating them in `quote!` would
        // copy every file's whole stream once more.
        let mut head = quote::quote!(#![cfg_attr(rustfmt, rustfmt::skip)]);
        head.extend(inner);
        let inner = head;
        let header = docs::header(from);
        let key = self.cache.map(|_| {
            let texts: Vec<String> = std::iter::once(&inner).chain(&items).map(TokenStream::to_string).collect();
            let mut parts = vec![FORMAT_VERSION, header.as_str()];
            parts.extend(texts.iter().map(String::as_str));
            key(&parts)
        });
        if let (Some(cache), Some(key)) = (self.cache, &key) {
            if let Some(text) = cache.get(key) {
                return Ok(text);
            }
        }
        let error = |err: syn::Error| Error { path: path.to_owned(), message: err.to_string() };
        let mut file = syn::parse2::<syn::File>(inner).map_err(error)?;
        file.items.reserve(items.len());
        // Each stream may hold several items (a struct and its `impl`).
        let parse_items = |input: syn::parse::ParseStream<'_>| {
            let mut items = Vec::new();
            while !input.is_empty() {
                items.push(input.parse::<syn::Item>()?);
            }
            Ok(items)
        };
        for tokens in items {
            file.items.extend(syn::parse::Parser::parse2(parse_items, tokens).map_err(error)?);
        }
        let text = header + &prettyplease::unparse(&file);
        if let (Some(cache), Some(key)) = (self.cache, &key) {
            cache.put(key, &text);
        }
        Ok(text)
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
