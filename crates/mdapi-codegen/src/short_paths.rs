//! Short paths in a generated file, so the SDK's source is smaller to read,
//! format and compile (issue 22): `rt::Field` for `::mdapi_runtime::Field`
//! after one `use ::mdapi_runtime as rt;`, and the prelude's `String`,
//! `Vec`, `Box`, `Option`, `Result` and `From` for their `::std::` paths.
//!
//! Codegen writes every path in full, so a model named `String` or a
//! segment named `rt` can never capture one. A file is shortened only
//! where that cannot happen: a name is shortened only if no item the file
//! declares or imports at its top level has it (`struct String`,
//! `use x::rt`), prelude names only in a file with no glob import (a glob
//! shadows the prelude), and nothing inside an inline `mod { .. }` (the
//! alias is not in scope there; [`shorten`] that module's body on its own).

use proc_macro2::{Group, Ident, Spacing, Span, TokenStream, TokenTree};

/// The alias the runtime crate is imported under.
const ALIAS: &str = "rt";

/// `::std` paths of names the Rust prelude (2021) brings into every module.
const PRELUDE: [(&str, &str); 6] = [
    ("string", "String"),
    ("vec", "Vec"),
    ("boxed", "Box"),
    ("option", "Option"),
    ("result", "Result"),
    ("convert", "From"),
];

/// Keywords a path may follow (`as ::x::T`, `impl ::x::T`); any other
/// identifier before `::` is a path segment, not the start of a path.
const BEFORE_PATH: [&str; 18] = [
    "as", "dyn", "impl", "for", "where", "pub", "in", "mut", "const", "static", "let", "return", "type", "use", "fn",
    "else", "move", "ref",
];

/// Which shortenings one file allows: see the module docs.
#[derive(Debug)]
pub struct Shortener {
    alias: bool,
    prelude: Vec<(&'static str, &'static str)>,
}

impl Shortener {
    /// For a file whose top-level items are `streams`.
    pub fn for_file<'a>(streams: impl IntoIterator<Item = &'a TokenStream>) -> Self {
        let (mut names, mut glob) = (Vec::new(), false);
        for stream in streams {
            top_level_names(stream, &mut names, &mut glob);
        }
        let taken = |name: &str| names.iter().any(|n| n == name);
        Shortener {
            alias: !taken(ALIAS),
            prelude: if glob { Vec::new() } else { PRELUDE.into_iter().filter(|(_, name)| !taken(name)).collect() },
        }
    }

    /// `tokens` with the allowed paths shortened, and whether the runtime
    /// alias was used (the file then needs [`Shortener::import`]).
    pub fn rewrite(&self, tokens: TokenStream, used_alias: &mut bool) -> TokenStream {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            let path_start = i + 1 < tokens.len() && is_colons(&tokens[i..]) && starts_path(&out);
            if path_start {
                if let Some((replacement, used)) = self.short(&tokens[i + 2..]) {
                    *used_alias |= replacement == ALIAS;
                    out.push(TokenTree::Ident(Ident::new(replacement, Span::call_site())));
                    i += used + 2;
                    continue;
                }
            }
            match &tokens[i] {
                // An inline module is its own scope: the alias is not in it.
                TokenTree::Group(group) if !follows_mod(&out) => {
                    let mut inner = Group::new(group.delimiter(), self.rewrite(group.stream(), used_alias));
                    inner.set_span(group.span());
                    out.push(TokenTree::Group(inner));
                }
                token => out.push(token.clone()),
            }
            i += 1;
        }
        out.into_iter().collect()
    }

    /// `use ::mdapi_runtime as rt;`
    pub fn import() -> TokenStream {
        let alias = Ident::new(ALIAS, Span::call_site());
        quote::quote!(use ::mdapi_runtime as #alias;)
    }

    /// After a leading `::`, what `rest` starts with shortens to, and how
    /// many of its tokens that replaces (the last `::` stays).
    fn short(&self, rest: &[TokenTree]) -> Option<(&'static str, usize)> {
        let ident = |at: usize| match rest.get(at) {
            Some(TokenTree::Ident(ident)) => Some(ident.to_string()),
            _ => None,
        };
        let colons = |at: usize| rest.get(at..).is_some_and(is_colons);
        match ident(0)?.as_str() {
            "mdapi_runtime" if self.alias && colons(1) => Some((ALIAS, 1)),
            // `std : : module : : Name`: seven tokens for one.
            "std" if colons(1) && colons(4) => {
                let (module, name) = (ident(3)?, ident(6)?);
                self.prelude.iter().find(|(m, n)| *m == module && *n == name).map(|(_, name)| (*name, 7))
            }
            _ => None,
        }
    }
}

/// `rest` starts with `::` (a joint `:` then a `:`).
fn is_colons(rest: &[TokenTree]) -> bool {
    matches!(
        rest,
        [TokenTree::Punct(a), TokenTree::Punct(b), ..]
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
    )
}

/// A `::` after the tokens `before` starts a path (`<::x`, `as ::x`,
/// `x: ::y`, `-> ::x`), rather than continuing one (`a::x`, `T<U>::x`).
fn starts_path(before: &[TokenTree]) -> bool {
    let joint = |at: Option<&TokenTree>, chars: &[char]| matches!(at, Some(TokenTree::Punct(p)) if chars.contains(&p.as_char()) && p.spacing() == Spacing::Joint);
    let n = before.len();
    match before.last() {
        None | Some(TokenTree::Group(_)) | Some(TokenTree::Literal(_)) => true,
        Some(TokenTree::Ident(ident)) => BEFORE_PATH.contains(&ident.to_string().as_str()),
        // `->` and `=>` start one; a generic list's `>` ends a segment.
        Some(TokenTree::Punct(p)) if p.as_char() == '>' => joint(before.get(n.wrapping_sub(2)), &['-', '=']),
        // A lone `:` (a type follows) starts one; the second of `::` does not.
        Some(TokenTree::Punct(p)) if p.as_char() == ':' => !joint(before.get(n.wrapping_sub(2)), &[':']),
        Some(TokenTree::Punct(_)) => true,
    }
}

/// The tokens so far end in `mod name` (the next group is its body).
fn follows_mod(out: &[TokenTree]) -> bool {
    matches!(out, [.., TokenTree::Ident(m), TokenTree::Ident(_)] if m == "mod")
}

/// The names items at the top level of `stream` declare (`struct X`,
/// `mod x`, `fn x`, ...) or import (every identifier of a `use` item), and
/// whether a `use` imports a glob.
fn top_level_names(stream: &TokenStream, names: &mut Vec<String>, glob: &mut bool) {
    const DECLARES: [&str; 10] =
        ["struct", "enum", "union", "type", "trait", "mod", "fn", "static", "const", "macro_rules"];
    let mut in_use = false;
    let mut last: Option<String> = None;
    for token in stream.clone() {
        match &token {
            TokenTree::Ident(ident) => {
                let text = ident.to_string();
                if in_use || last.as_deref().is_some_and(|l| DECLARES.contains(&l)) {
                    names.push(text.trim_start_matches("r#").to_owned());
                }
                in_use |= text == "use";
                last = Some(text);
            }
            TokenTree::Punct(p) if p.as_char() == ';' => {
                in_use = false;
                last = None;
            }
            TokenTree::Punct(p) if in_use && p.as_char() == '*' => *glob = true,
            TokenTree::Group(group) if in_use => {
                // `use a::{b, c as d, *}`
                let mut inner_glob = false;
                let mut inner = Vec::new();
                collect_idents(&group.stream(), &mut inner, &mut inner_glob);
                names.extend(inner);
                *glob |= inner_glob;
            }
            TokenTree::Punct(p) if p.as_char() == '!' => last = Some("!".to_owned()),
            _ => last = None,
        }
    }
}

/// Every identifier in a `use` tree group, and whether it has a glob.
fn collect_idents(stream: &TokenStream, names: &mut Vec<String>, glob: &mut bool) {
    for token in stream.clone() {
        match token {
            TokenTree::Ident(ident) => names.push(ident.to_string()),
            TokenTree::Punct(p) if p.as_char() == '*' => *glob = true,
            TokenTree::Group(group) => collect_idents(&group.stream(), names, glob),
            _ => {}
        }
    }
}

/// `tokens` (a file's or an inline module's contents) shortened on their
/// own, with the runtime's import after any inner attributes when the
/// shortened tokens use it.
pub fn shorten(tokens: TokenStream) -> TokenStream {
    let shortener = Shortener::for_file([&tokens]);
    let mut used = false;
    let rewritten = shortener.rewrite(tokens, &mut used);
    if !used {
        return rewritten;
    }
    let tokens: Vec<TokenTree> = rewritten.into_iter().collect();
    let mut split = 0;
    // Inner attributes (`#![..]`, `//!` docs) must come first.
    while let [TokenTree::Punct(hash), TokenTree::Punct(bang), TokenTree::Group(_), ..] = &tokens[split..] {
        if hash.as_char() != '#' || bang.as_char() != '!' {
            break;
        }
        split += 3;
    }
    let mut out: TokenStream = tokens[..split].iter().cloned().collect();
    out.extend(Shortener::import());
    out.extend(tokens[split..].iter().cloned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn text(tokens: TokenStream) -> String {
        tokens.to_string()
    }

    #[test]
    fn runtime_paths_take_the_alias_and_the_file_imports_it_after_inner_attributes() {
        let file = quote! {
            #![doc = "x"]
            pub struct A { pub a: ::mdapi_runtime::Field<::std::string::String> }
            pub fn f() -> ::std::result::Result<(), ::mdapi_runtime::request::BuildError> { todo!() }
        };
        assert_eq!(
            text(shorten(file)),
            text(quote! {
                #![doc = "x"]
                use ::mdapi_runtime as rt;
                pub struct A { pub a: rt::Field<String> }
                pub fn f() -> Result<(), rt::request::BuildError> { todo!() }
            })
        );
    }

    #[test]
    fn paths_after_keywords_arrows_type_colons_and_brackets_are_shortened() {
        let file = quote! {
            impl<T> X for <T as ::mdapi_runtime::FromJson>::Y where T: ::std::convert::From<u8> {
                fn g(&self) -> ::std::vec::Vec<(::std::boxed::Box<u8>, ::std::option::Option<u8>)> {
                    match 1 { _ => ::std::vec::Vec::new() }
                }
            }
        };
        assert_eq!(
            text(shorten(file)),
            text(quote! {
                use ::mdapi_runtime as rt;
                impl<T> X for <T as rt::FromJson>::Y where T: From<u8> {
                    fn g(&self) -> Vec<(Box<u8>, Option<u8>)> {
                        match 1 { _ => Vec::new() }
                    }
                }
            })
        );
    }

    #[test]
    fn a_path_that_continues_another_is_left_alone() {
        let file = quote!(
            type A = x::mdapi_runtime::Field;
            type B = <u8>::std::string::String;
        );
        assert_eq!(text(shorten(file.clone())), text(file));
    }

    #[test]
    fn a_name_the_file_declares_or_imports_keeps_its_full_path() {
        // A model named `String`: the prelude's would be shadowed.
        let string = quote!(
            pub struct String {
                pub a: ::std::string::String,
                pub b: ::std::vec::Vec<u8>,
            }
        );
        assert_eq!(
            text(shorten(string)),
            text(quote!(
                pub struct String {
                    pub a: ::std::string::String,
                    pub b: Vec<u8>,
                }
            ))
        );
        // A module or an import named `rt`: the alias would clash.
        for file in [
            quote!(
                mod rt;
                pub type A = ::mdapi_runtime::Field<u8>;
            ),
            quote!(
                use x::{y as rt};
                pub type A = ::mdapi_runtime::Field<u8>;
            ),
        ] {
            assert_eq!(text(shorten(file.clone())), text(file));
        }
    }

    #[test]
    fn a_glob_import_keeps_the_prelude_paths_full() {
        // A glob's names shadow the prelude's.
        let file = quote!(
            use super::*;
            pub type A = ::std::string::String;
            pub type B = ::mdapi_runtime::Field<u8>;
        );
        assert_eq!(
            text(shorten(file)),
            text(quote!(
                use ::mdapi_runtime as rt;
                use super::*;
                pub type A = ::std::string::String;
                pub type B = rt::Field<u8>;
            ))
        );
    }

    #[test]
    fn an_inline_module_is_not_rewritten_and_a_file_without_runtime_paths_imports_nothing() {
        let file = quote!(
            pub mod inner {
                pub type A = ::mdapi_runtime::Field<::std::string::String>;
            }
            pub type B = ::std::string::String;
        );
        assert_eq!(
            text(shorten(file)),
            text(quote!(
                pub mod inner {
                    pub type A = ::mdapi_runtime::Field<::std::string::String>;
                }
                pub type B = String;
            ))
        );
    }
}
