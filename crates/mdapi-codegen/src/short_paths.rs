//! Short paths in a generated file, so the SDK's source is smaller to read,
//! format and compile (issue 22): `rt::Field` for `::mdapi_runtime::Field`
//! after one `use ::mdapi_runtime as rt;`, and the prelude's `String`,
//! `Vec`, `Box`, `Option`, `Result` and `From` for their `::std::` paths.
//!
//! Codegen writes every path in full, so a model named `String` or a
//! segment named `rt` can never capture one. A short name is used only
//! where nothing in the file can capture it: the name occurs nowhere in the
//! file but inside the full paths themselves (not as an item, a generic
//! parameter, a variable, an import, in a macro's body, at any depth), and
//! for prelude names, no `use` in the file imports a glob (a glob shadows
//! the prelude). Nothing inside an inline `mod { .. }` or a `macro_rules!`
//! body is rewritten (the alias is not in scope there; [`shorten`] an
//! inline module's body on its own).

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};

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
const BEFORE_PATH: [&str; 22] = [
    "as", "dyn", "impl", "for", "where", "pub", "in", "mut", "const", "static", "let", "return", "type", "use", "fn",
    "else", "move", "ref", "match", "if", "while", "break",
];

/// Which shortenings one file allows: see the module docs.
#[derive(Debug)]
struct Shortener {
    alias: bool,
    prelude: Vec<(&'static str, &'static str)>,
}

impl Shortener {
    /// For a file whose items are `items` (at any depth).
    fn for_file(items: &[Vec<Tree>]) -> Self {
        let mut seen = Seen::default();
        for item in items {
            seen.scan(item, false);
        }
        Shortener {
            alias: !seen.names[0],
            prelude: if seen.glob {
                Vec::new()
            } else {
                PRELUDE.into_iter().enumerate().filter(|(i, _)| !seen.names[i + 1]).map(|(_, path)| path).collect()
            },
        }
    }

    /// `trees` with the allowed paths shortened; `used_alias` is set if
    /// the runtime alias was used (the file then needs [`import`]).
    fn rewrite(&self, mut trees: Vec<Tree>, used_alias: &mut bool) -> TokenStream {
        let mut out: Vec<TokenTree> = Vec::with_capacity(trees.len());
        let mut i = 0;
        while i < trees.len() {
            if is_colons(&trees[i..]) && starts_path(&out) {
                if let Some((replacement, used)) = self.short(&trees[i + 2..]) {
                    *used_alias |= replacement == ALIAS;
                    out.push(TokenTree::Ident(Ident::new(replacement, Span::call_site())));
                    i += used + 2;
                    continue;
                }
            }
            out.push(match std::mem::replace(&mut trees[i], Tree::placeholder()) {
                Tree::Leaf(token) => token,
                Tree::Group(delimiter, span, inner) => {
                    // An inline module or a macro body is its own scope.
                    let stream = if opens_own_scope(&out) { unchanged(inner) } else { self.rewrite(inner, used_alias) };
                    let mut group = Group::new(delimiter, stream);
                    group.set_span(span);
                    TokenTree::Group(group)
                }
            });
            i += 1;
        }
        out.into_iter().collect()
    }

    /// After a leading `::`, what `rest` starts with shortens to, and how
    /// many of its tokens that replaces (the last `::` stays).
    fn short(&self, rest: &[Tree]) -> Option<(&'static str, usize)> {
        let ident = |at: usize| rest.get(at).and_then(Tree::ident);
        let colons = |at: usize| rest.get(at..).is_some_and(is_colons);
        let first = ident(0)?;
        if first == "mdapi_runtime" && self.alias && colons(1) {
            return Some((ALIAS, 1));
        }
        // `std : : module : : Name`: seven tokens for one.
        if first == "std" && colons(1) && colons(4) {
            let (module, name) = (ident(3)?, ident(6)?);
            return self.prelude.iter().find(|(m, n)| module == m && name == n).map(|(_, name)| (*name, 7));
        }
        None
    }
}

/// A token tree owned outright, so it is read twice (which names occur,
/// then the rewrite) without copying a token: iterating a `TokenStream`
/// that is shared (a group's, while the group lives) copies every token.
enum Tree {
    Leaf(TokenTree),
    Group(Delimiter, Span, Vec<Tree>),
}

impl Tree {
    /// `stream`'s trees, taken apart without copying.
    fn own(stream: TokenStream) -> Vec<Tree> {
        stream
            .into_iter()
            .map(|token| match token {
                TokenTree::Group(group) => {
                    let (delimiter, span, inner) = (group.delimiter(), group.span(), group.stream());
                    drop(group);
                    Tree::Group(delimiter, span, Tree::own(inner))
                }
                leaf => Tree::Leaf(leaf),
            })
            .collect()
    }

    /// What a tree taken out of its list leaves behind (allocates nothing).
    fn placeholder() -> Tree {
        Tree::Group(Delimiter::None, Span::call_site(), Vec::new())
    }

    fn ident(&self) -> Option<&Ident> {
        match self {
            Tree::Leaf(TokenTree::Ident(ident)) => Some(ident),
            _ => None,
        }
    }

    fn punct(&self) -> Option<&Punct> {
        match self {
            Tree::Leaf(TokenTree::Punct(punct)) => Some(punct),
            _ => None,
        }
    }
}

/// `trees` back as tokens, as they were.
fn unchanged(trees: Vec<Tree>) -> TokenStream {
    trees
        .into_iter()
        .map(|tree| match tree {
            Tree::Leaf(token) => token,
            Tree::Group(delimiter, span, inner) => {
                let mut group = Group::new(delimiter, unchanged(inner));
                group.set_span(span);
                TokenTree::Group(group)
            }
        })
        .collect()
}

/// `use ::mdapi_runtime as rt;`
fn import() -> TokenStream {
    let alias = Ident::new(ALIAS, Span::call_site());
    quote::quote!(use ::mdapi_runtime as #alias;)
}

/// `rest` starts with `::` (a joint `:` then a `:`).
fn is_colons(rest: &[Tree]) -> bool {
    match (rest.first().and_then(Tree::punct), rest.get(1).and_then(Tree::punct)) {
        (Some(a), Some(b)) => a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':',
        _ => false,
    }
}

/// A `::` after the tokens `before` starts a path (`<::x`, `as ::x`,
/// `x: ::y`, `-> ::x`), rather than continuing one (`a::x`, `T<U>::x`).
fn starts_path(before: &[TokenTree]) -> bool {
    let joint = |at: Option<&TokenTree>, chars: &[char]| matches!(at, Some(TokenTree::Punct(p)) if chars.contains(&p.as_char()) && p.spacing() == Spacing::Joint);
    let n = before.len();
    match before.last() {
        None | Some(TokenTree::Group(_)) | Some(TokenTree::Literal(_)) => true,
        // A lifetime (`&'a ::x`) or a keyword.
        Some(TokenTree::Ident(ident)) => {
            matches!(before.get(n.wrapping_sub(2)), Some(TokenTree::Punct(p)) if p.as_char() == '\'')
                || BEFORE_PATH.iter().any(|keyword| ident == keyword)
        }
        // `->` and `=>` start one; a generic list's `>` ends a segment.
        Some(TokenTree::Punct(p)) if p.as_char() == '>' => joint(before.get(n.wrapping_sub(2)), &['-', '=']),
        // A lone `:` (a type follows) starts one; the second of `::` does not.
        Some(TokenTree::Punct(p)) if p.as_char() == ':' => !joint(before.get(n.wrapping_sub(2)), &[':']),
        Some(TokenTree::Punct(_)) => true,
    }
}

/// The tokens so far end in `mod name` or `macro_rules! name`: the next
/// group is a module's body (the alias is not in scope there) or a macro's
/// (its paths resolve where it is called).
fn opens_own_scope(out: &[TokenTree]) -> bool {
    match out {
        [.., TokenTree::Ident(m), TokenTree::Ident(_)] => m == "mod",
        [.., TokenTree::Ident(m), TokenTree::Punct(bang), TokenTree::Ident(_)] => {
            m == "macro_rules" && bang.as_char() == '!'
        }
        _ => false,
    }
}

/// Which short names occur in a file other than as the last segment of a
/// path (`a::String`), and whether a `use` imports a glob.
#[derive(Default)]
struct Seen {
    /// [`ALIAS`], then each of [`PRELUDE`]'s names.
    names: [bool; 1 + PRELUDE.len()],
    glob: bool,
}

impl Seen {
    /// Every token of `stream`, at any depth; `in_use`: inside a `use` item,
    /// where every name counts (`use a::{String}` declares `String`).
    fn scan(&mut self, trees: &[Tree], mut in_use: bool) {
        let mut after_colons = false;
        let mut colon = false;
        for tree in trees {
            match tree {
                Tree::Leaf(TokenTree::Ident(ident)) => {
                    if in_use || !after_colons {
                        self.note(ident);
                    }
                    in_use |= ident == "use";
                }
                Tree::Leaf(TokenTree::Punct(p)) if p.as_char() == ';' => in_use = false,
                Tree::Leaf(TokenTree::Punct(p)) if in_use && p.as_char() == '*' => self.glob = true,
                Tree::Group(_, _, inner) => self.scan(inner, in_use),
                _ => {}
            }
            // `a::b`: `b` follows a `::`.
            let punct = tree.punct().map(|p| (p.as_char(), p.spacing()));
            after_colons = colon && matches!(punct, Some((':', _)));
            colon = punct == Some((':', Spacing::Joint));
        }
    }

    fn note(&mut self, ident: &Ident) {
        // A raw identifier (`r#rt`) is the same name.
        if let Some(i) = SHORT_NAMES.iter().position(|(name, raw)| ident == name || ident == raw) {
            self.names[i] = true;
        }
    }
}

/// [`ALIAS`] and [`PRELUDE`]'s names, each also as a raw identifier.
const SHORT_NAMES: [(&str, &str); 1 + PRELUDE.len()] = [
    (ALIAS, "r#rt"),
    ("String", "r#String"),
    ("Vec", "r#Vec"),
    ("Box", "r#Box"),
    ("Option", "r#Option"),
    ("Result", "r#Result"),
    ("From", "r#From"),
];

/// `tokens` (a file's or an inline module's contents) shortened on their
/// own, with the runtime's import after any inner attributes when the
/// shortened tokens use it.
pub fn shorten(tokens: TokenStream) -> TokenStream {
    let mut trees = Tree::own(tokens);
    // Inner attributes (`#![..]`, `//!` docs) must come first.
    let mut split = 0;
    while let [Tree::Leaf(TokenTree::Punct(hash)), Tree::Leaf(TokenTree::Punct(bang)), Tree::Group(..), ..] =
        &trees[split..]
    {
        if hash.as_char() != '#' || bang.as_char() != '!' {
            break;
        }
        split += 3;
    }
    let rest = vec![trees.split_off(split)];
    let (import, mut items) = shorten_trees(rest);
    let mut out = unchanged(trees);
    out.extend(import);
    out.extend(items.pop());
    out
}

/// A file's `items` shortened as one file's, each kept a stream of its
/// own, and the runtime's import if they need it (to put after the file's
/// inner attributes).
pub fn shorten_items(items: Vec<TokenStream>) -> (Option<TokenStream>, Vec<TokenStream>) {
    shorten_trees(items.into_iter().map(Tree::own).collect())
}

fn shorten_trees(items: Vec<Vec<Tree>>) -> (Option<TokenStream>, Vec<TokenStream>) {
    let shortener = Shortener::for_file(&items);
    let mut used = false;
    let items = items.into_iter().map(|item| shortener.rewrite(item, &mut used)).collect();
    (used.then(import), items)
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
    fn a_name_that_occurs_anywhere_in_the_file_keeps_its_full_path() {
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
        // Whatever could bind the name, at any depth: an item, a module or an
        // import named `rt`, a generic parameter, an item in a body, a macro.
        for file in [
            quote!(
                mod rt;
                pub type A = ::mdapi_runtime::Field<u8>;
            ),
            quote!(
                use x::{y as rt};
                pub type A = ::mdapi_runtime::Field<u8>;
            ),
            quote!(
                use self::m::{r#rt};
                pub type A = ::mdapi_runtime::Field<u8>;
            ),
            quote!(
                extern crate core as rt;
                pub type A = ::mdapi_runtime::Field<u8>;
            ),
            quote!(
                impl<rt> S<rt> {
                    fn f() -> ::mdapi_runtime::Field<u8> {
                        todo!()
                    }
                }
            ),
            quote!(
                fn f<String: Default>() -> ::std::string::String {
                    todo!()
                }
            ),
            quote!(
                fn f() -> ::std::string::String {
                    struct String;
                    todo!()
                }
            ),
            quote!(
                fn f() -> ::mdapi_runtime::Field<u8> {
                    mod rt {}
                    todo!()
                }
            ),
            quote!(decl!(String); pub type A = ::std::string::String;),
        ] {
            assert_eq!(text(shorten(file.clone())), text(file));
        }
    }

    #[test]
    fn a_macro_rules_body_is_not_rewritten() {
        // Its paths resolve where it is called, outside the alias's scope.
        let file = quote!(
            macro_rules! absent {
                () => {
                    ::mdapi_runtime::Field::<u8>::Absent
                };
            }
        );
        assert_eq!(text(shorten(file.clone())), text(file));
    }

    #[test]
    fn paths_after_lifetimes_and_control_keywords_are_shortened() {
        let file = quote!(
            fn f<'a>(a: &'a ::std::string::String) {
                match ::mdapi_runtime::x(a) {
                    _ => {}
                }
            }
        );
        assert_eq!(
            text(shorten(file)),
            text(quote!(
                use ::mdapi_runtime as rt;
                fn f<'a>(a: &'a String) {
                    match rt::x(a) {
                        _ => {}
                    }
                }
            ))
        );
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
