//! Type spellings in property tables: Edm primitives in their many forms,
//! collections, and links to other types.

use mdapi_parse::markdown::Link;
use mdapi_parse::type_spelling::{self, PrimitiveSpelling};

use crate::links;
use crate::model::{TypeName, TypeRef};

/// The primitive (or `Json`) a spelling names (`int` → `Int32`,
/// `Edm.String` → `String`, `untyped JSON object` → `Json`): the parser's
/// one reader of spellings (`mdapi_parse::type_spelling`), as a type name.
pub(crate) fn primitive(text: &str) -> Option<TypeName> {
    type_spelling::primitive(text).map(type_name)
}

/// A primitive spelled by its own name (`DateTimeOffset`, `Edm.Int32`),
/// not by an alias that could be a type's name (`timestamp`, `url`).
fn primitive_named(text: &str) -> Option<TypeName> {
    type_spelling::primitive_named(text).map(type_name)
}

fn type_name(spelling: PrimitiveSpelling) -> TypeName {
    match spelling {
        PrimitiveSpelling::Edm(primitive) => TypeName::Primitive(primitive),
        PrimitiveSpelling::Json => TypeName::Json,
    }
}

/// `(A or B) collection` → (`A or B`, true); `(A or B)` → (`A or B`, false).
fn grouped(text: &str) -> Option<(&str, bool)> {
    let rest = text.trim().strip_prefix('(')?;
    let (inner, after) = rest.split_once(')')?;
    match after.trim() {
        "" => Some((inner, false)),
        word if word.eq_ignore_ascii_case("collection") => Some((inner, true)),
        _ => None,
    }
}

/// Reads a type cell; `namespace` qualifies bare type names.
pub(crate) fn parse_type_cell(text: &str, type_links: &[Link], namespace: &str) -> Option<TypeRef> {
    let trimmed = text.trim().trim_matches('`').trim();
    let lower = trimmed.to_ascii_lowercase();
    // "collection" as a word of its own, not inside a linked name (`siteCollection`).
    let mut outside_links = lower.clone();
    for link in type_links {
        outside_links = outside_links.replace(&link.text.to_ascii_lowercase(), " ");
    }
    let mut collection = outside_links.split(|c: char| !c.is_alphanumeric()).any(|w| w == "collection");
    if let Some(link) = type_links.iter().find(|l| links::is_page_link(&l.dest)) {
        // `[DateTimeOffset](timestamp.md)`: a primitive linked to a page
        // explaining its format is that primitive, whatever the page is.
        if let Some(name) = primitive_named(&link.text) {
            return Some(TypeRef { name, collection });
        }
        return Some(TypeRef { name: TypeName::from_ir_owned(type_name_of_link(link, namespace)), collection });
    }
    let inner = if let Some(element) = type_spelling::collection_element(trimmed) {
        collection = true;
        element
    } else if let Some(rest) = lower.strip_prefix("collection of ").and_then(|_| trimmed.get("collection of ".len()..))
    {
        // "Collection of String": prose for `Collection(String)`.
        collection = true;
        rest.trim()
    } else {
        let cut = lower.find(" collection").unwrap_or(trimmed.len());
        trimmed.get(..cut).unwrap_or(trimmed).trim()
    };
    if let Some(name) = primitive(inner) {
        return Some(TypeRef { name, collection });
    }
    // `[identitySet][]` whose reference is not defined stays plain text.
    let inner = inner.trim_end_matches(" enum").trim().trim_matches(['[', ']']);
    let is_name = !inner.is_empty() && inner.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '_');
    is_name.then(|| TypeRef { name: TypeName::from_ir_owned(qualify(inner, namespace)), collection })
}

/// The types a cell offers as alternatives (`[A](a.md) or [B](b.md)`,
/// `String or Int32`): every part between `or`s names one type and
/// nothing else. Empty unless at least two distinct types are named.
///
/// A group may be a collection: `(Boolean or String or Number) collection`
/// is a collection whose items are any of them.
pub(crate) fn alternatives(text: &str, type_links: &[Link], namespace: &str) -> Vec<TypeRef> {
    let mut found: Vec<TypeRef> = Vec::new();
    let (text, collection) = grouped(text).unwrap_or((text, false));
    let parts: Vec<&str> = text.split(" or ").map(|p| p.trim().trim_end_matches(',').trim()).collect();
    if parts.len() < 2 {
        return Vec::new();
    }
    for part in parts {
        let bare = part.trim_matches(|c: char| c == '`' || c == '[' || c == ']').trim();
        let links: Vec<Link> = type_links.iter().filter(|l| l.text.trim().trim_matches('`') == bare).cloned().collect();
        // Unlinked, only a primitive or a qualified name names a type:
        // `String or null`, `Yes or No` are prose.
        let is_name = !bare.is_empty() && bare.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '_');
        let names_type = !links.is_empty() || primitive_named(bare).is_some() || bare.contains('.');
        let Some(mut ty) = parse_type_cell(part, &links, namespace).filter(|_| is_name && names_type) else {
            return Vec::new();
        };
        ty.collection |= collection;
        if !found.iter().any(|f| f.name.as_str().eq_ignore_ascii_case(ty.name.as_str())) {
            found.push(ty);
        }
    }
    if found.len() < 2 {
        return Vec::new();
    }
    found
}

/// The element type of an OData `Collection(T)` name, in any letter case:
/// the parser's one reader of the wrapper (`type_spelling`).
pub(crate) fn collection_element(name: &str) -> Option<&str> {
    type_spelling::collection_element(name)
}

/// `user` → `microsoft.graph.user`; a dotted name stays as it is.
pub(crate) fn qualify(name: &str, namespace: &str) -> String {
    let name = name.trim().trim_start_matches('#');
    if name.contains('.') {
        name.to_owned()
    } else {
        format!("{namespace}.{name}")
    }
}

/// The type a link names: its text when that is a plain identifier
/// (keeps the docs' casing, `profilePhoto`), else the target page's stem.
pub(crate) fn type_name_of_link(link: &Link, namespace: &str) -> String {
    let text = link.text.trim().trim_matches('`').trim();
    // `chat.md#chattype-values`: the anchor names an enum section of the page.
    if let Some((_, anchor)) = link.dest.split_once('#') {
        let anchor = anchor.to_ascii_lowercase();
        let section = ["-values", "-enumeration", "-enum"].iter().find_map(|s| anchor.strip_suffix(s));
        if let Some(section) = section {
            let name = if text.eq_ignore_ascii_case(section) { text } else { section };
            return crate::edm::qualify(name, namespace);
        }
    }
    let stem =
        link.dest.split('#').next().unwrap_or_default().rsplit('/').next().unwrap_or_default().trim_end_matches(".md");
    let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '_');
    let name = if plain(text) && text.eq_ignore_ascii_case(stem.rsplit('.').next().unwrap_or(stem)) {
        text
    } else if plain(text) && !stem.contains(['-', '_']) {
        // Link text is a name but differs from the page: the page decides.
        stem
    } else if plain(text) {
        text
    } else {
        stem
    };
    crate::edm::qualify(name, namespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> Option<TypeRef> {
        parse_type_cell(text, &[], "microsoft.graph")
    }

    #[test]
    fn spellings() {
        let t = |name: &str, collection: bool| Some(TypeRef { name: TypeName::from_ir(name), collection });
        assert_eq!(cell("Int32"), t("Int32", false));
        assert_eq!(cell("`string`"), t("String", false));
        assert_eq!(cell("Edm.Int64"), t("Int64", false));
        assert_eq!(cell("String (url)"), t("String", false));
        assert_eq!(cell("String collection"), t("String", true));
        assert_eq!(cell("Collection(Edm.Guid)"), t("Guid", true));
        assert_eq!(cell("COLLECTION(Edm.Int32)"), t("Int32", true));
        assert_eq!(collection_element("collection(microsoft.graph.user)"), Some("microsoft.graph.user"));
        assert_eq!(collection_element("Collection(String)"), Some("String"));
        assert_eq!(collection_element("microsoft.graph.collectionItem"), None);
        assert_eq!(cell("microsoft.graph.security.alert"), t("microsoft.graph.security.alert", false));
        assert_eq!(cell("riskLevel enum"), t("microsoft.graph.riskLevel", false));
        assert_eq!(cell("see below, maybe"), None);
        assert_eq!(cell("Json"), t("Json", false));
        assert_eq!(cell("[identitySet][]"), t("microsoft.graph.identitySet", false));
        assert_eq!(cell("string, maximum size 20"), t("String", false));
        assert_eq!(cell("(Optional) String"), t("String", false));
        assert_eq!(cell("Collection of String"), t("String", true));
        assert_eq!(cell("collection of microsoft.graph.user"), t("microsoft.graph.user", true));
        let link = Link { text: "siteCollection".into(), dest: "sitecollection.md".into(), span: Default::default() };
        assert_eq!(
            parse_type_cell("siteCollection", &[link], "microsoft.graph"),
            t("microsoft.graph.siteCollection", false)
        );
    }

    /// The kind: a primitive linked to a page about its format became a
    /// struct named after the page (`Timestamp`, empty).
    #[test]
    fn a_primitive_linked_to_an_explanatory_page_is_the_primitive() {
        let link = |text: &str, dest: &str| Link { text: text.into(), dest: dest.into(), span: Default::default() };
        let t = |name: &str, collection: bool| Some(TypeRef { name: TypeName::from_ir(name), collection });
        let linked = |cell: &str, text: &str, dest: &str| parse_type_cell(cell, &[link(text, dest)], "microsoft.graph");
        assert_eq!(linked("DateTimeOffset", "DateTimeOffset", "../resources/timestamp.md"), t("DateTimeOffset", false));
        assert_eq!(linked("Edm.Guid collection", "Edm.Guid", "guids.md"), t("Guid", true));
        // A type's own name still names the type.
        assert_eq!(linked("timeStamp", "timeStamp", "timestamp.md"), t("microsoft.graph.timeStamp", false));
    }

    #[test]
    fn alternatives_are_whole_type_names() {
        let link = |text: &str, dest: &str| Link { text: text.into(), dest: dest.into(), span: Default::default() };
        let links = [link("userSet", "userset.md"), link("groupSet", "../resources/groupset.md")];
        let names = |text: &str, links: &[Link]| -> Vec<String> {
            alternatives(text, links, "microsoft.graph").into_iter().map(|t| t.name.to_string()).collect()
        };
        assert_eq!(names("userSet or groupSet", &links), ["microsoft.graph.userSet", "microsoft.graph.groupSet"]);
        assert_eq!(names("String or Int32", &[]), ["String", "Int32"]);
        assert!(names("String or null", &[]).is_empty(), "null is no type");
        assert!(names("String", &[]).is_empty());
        assert!(names("Workbook session Id that determines if changes are persisted or not", &[]).is_empty());
        assert!(names("String or string", &[]).is_empty(), "one type, twice");
    }

    #[test]
    fn links_name_types() {
        let link = Link { text: "identitySet".into(), dest: "identityset.md".into(), span: Default::default() };
        let parsed = parse_type_cell("identitySet collection", &[link], "microsoft.graph");
        assert_eq!(parsed, Some(TypeRef { name: TypeName::from_ir("microsoft.graph.identitySet"), collection: true }));
    }

    #[test]
    fn names_types_from_links() {
        let link = |text: &str, dest: &str| Link { text: text.into(), dest: dest.into(), span: Default::default() };
        let ns = "microsoft.graph";
        assert_eq!(
            type_name_of_link(&link("profilePhoto", "../resources/profilephoto.md"), ns),
            "microsoft.graph.profilePhoto"
        );
        assert_eq!(
            type_name_of_link(&link("photo object", "../resources/profilephoto.md"), ns),
            "microsoft.graph.profilephoto"
        );
        assert_eq!(type_name_of_link(&link("user", "user.md"), ns), "microsoft.graph.user");
        assert_eq!(
            type_name_of_link(&link("chatType", "../resources/chat.md#chattype-values"), ns),
            "microsoft.graph.chatType"
        );
    }
}
