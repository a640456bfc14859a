//! The API model: what the docs promise, independent of markdown and of Rust.
//! Serializable so it can be reviewed (`mdapi ir`) and snapshot-tested.

use mdapi_runtime::PathPart;

pub use crate::access::Permissions;
pub use crate::type_name::TypeName;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A page and line the item comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// The page's path relative to its docs folder, `/`-separated
    /// (`v1.0/api/user-get.md`), as `mdapi_parse::page::Page::path`.
    pub file: String,
    /// 1-based line on that page: the table row, route line or example
    /// block the item is read from. `0` only for items made up rather
    /// than read (a function's string-quoted variant, a check's stand-in).
    pub line: u32,
}

/// A type reference: an Edm primitive (`String`, `Int32`), `Json`, or a
/// qualified type name (`microsoft.graph.profilePhoto`), maybe a
/// collection of it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TypeRef {
    /// What it names; `Json` for JSON the docs name no type for. Written
    /// `"type"` in the IR's JSON, as one string (`"Int32"`).
    #[serde(rename = "type")]
    pub name: TypeName,
    /// A collection of `name` (`Collection(...)`, `... collection`): on the
    /// wire a JSON array, or a `{"value": [...]}` page as a response.
    pub collection: bool,
}

/// What kind of OData type a [`TypeDef`] is (OData CSDL's entity, complex
/// and enumeration types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    /// Has an identity: it is `entity`, its resource annotation gives a
    /// key, or it has an `id` property.
    Entity,
    /// A structured value with no identity of its own.
    Complex,
    /// A string from a fixed list of [`TypeDef::members`].
    Enum,
}

/// One row of a type's properties (or relationships) table, merged across
/// the pages that describe the type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Property {
    /// The wire name as the table spells it (`displayName`).
    pub name: String,
    /// As [`TypeRef::name`]: an Edm primitive, `Json`, or a qualified
    /// type name. Written `"type"` in the IR's JSON, as one string.
    #[serde(rename = "type")]
    pub type_name: TypeName,
    /// A collection of `type_name`: a JSON array on the wire.
    pub collection: bool,
    /// `false` only where the description says "not nullable".
    pub nullable: bool,
    /// `Required.` in the description.
    pub required: bool,
    /// The type that declares it, when the docs say "Inherited from".
    pub inherited_from: Option<String>,
    /// The description cell's text (a link as its text), trimmed.
    pub description: String,
    /// The table row it was read from (the row that won the merge).
    pub source: Source,
}

impl Property {
    /// Its type and collection shape as a [`TypeRef`].
    pub fn type_ref(&self) -> TypeRef {
        TypeRef { name: self.type_name.clone(), collection: self.collection }
    }
}

/// One member of an enum type: a row of its members table, or a value
/// named in a description's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumMember {
    /// The value as it travels in JSON (`notStarted`).
    pub name: String,
    /// The row's description; empty where the page gives none.
    pub description: String,
}

/// A type of the API: every page's declaration and mention of it merged
/// (its own resource page wins where pages disagree).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeDef {
    /// Simple name as the docs spell it (`profilePhoto`).
    pub name: String,
    /// The namespace (`microsoft.graph`); with `name`, the qualified name.
    pub namespace: String,
    /// Entity, complex or enum.
    pub kind: TypeKind,
    /// Qualified name of the base type.
    pub base: Option<String>,
    /// Extra properties are expected (no resource page, or `openType`).
    pub open: bool,
    /// The resource annotation says `"abstract": true`: no value is of
    /// this type itself, so every value names its derived type with
    /// `@odata.type`.
    #[serde(rename = "abstract", default, skip_serializing_if = "std::ops::Not::not")]
    pub is_abstract: bool,
    /// Whether a page of its own defines it: a resource page, an enum page
    /// or an enum section.
    pub documented: bool,
    /// The defining page's description (the text under its title).
    pub description: String,
    /// Every property the pages list for it, inherited rows included: the
    /// defining page's rows first, in its order, then those only other
    /// pages restate. Empty for an enum.
    pub properties: Vec<Property>,
    /// An enum's members in table order; empty for other kinds.
    pub members: Vec<EnumMember>,
    /// Qualified names of every type derived from this one, directly or not, sorted.
    pub derived: Vec<String>,
    /// Only ever a request body (an action's parameters): its `Required.`
    /// properties are plain fields that must be present.
    pub request_body: bool,
    /// Every page that names the type (once each, its first mention), in page order.
    pub sources: Vec<Source>,
}

impl TypeDef {
    /// `namespace.name`, as the docs spell both (`microsoft.graph.profilePhoto`).
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }

    /// Values of this type are decoded by their `@odata.type` into the
    /// derived type it names. The root `entity` is left out: nearly every
    /// type derives from it, and it is rarely the declared type of a value.
    pub fn is_polymorphic(&self) -> bool {
        !self.derived.is_empty()
            && self.kind != TypeKind::Enum
            && !self.qualified_name().eq_ignore_ascii_case("microsoft.graph.entity")
    }

    /// Known only by name: no page of its own, no properties, not an enum.
    /// Any JSON value is accepted for it.
    pub fn is_opaque(&self) -> bool {
        !self.documented && self.properties.is_empty() && self.kind != TypeKind::Enum
    }
}

/// What an operation answers, decided per route from the examples that
/// call it, else OData's conventions, else the page's Response prose
/// (`responses.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// The success status: the first one below 400 the Response section
    /// names, unless the examples say otherwise (all of them answer a
    /// bodiless `202`/`204`, or a body where the prose says `204`), or the
    /// examples' where the prose names none. `None` where neither does.
    pub status: Option<u16>,
    /// The answer's type; `None` for no body (`204 No Content`, a bodiless
    /// `202 Accepted`) or where nothing names one.
    pub body: Option<TypeRef>,
    /// What the call answers with the `$format` system query option set
    /// (OData 4.01 Part 2, 5.1.8): the usage reports answer a CSV download
    /// by default and JSON with `$format=application/json`. Sorted by format.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<FormatResponse>,
}

/// The body a call answers in another `$format`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormatResponse {
    /// The `$format` value, as the examples write it (`application/json`).
    pub format: String,
    /// What the call answers in that format.
    pub body: TypeRef,
}

/// A request header the page documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The header name as the table writes it (`Prefer`); it may be prose
    /// where the page writes no name ([`sendable_header`] tells).
    pub name: String,
    /// The value the page writes with the name (`Prefer: respond-async`):
    /// a required header with one is sent by the call itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The description column.
    pub description: String,
    /// "Required" appears in its description.
    pub required: bool,
}

/// A path, query or function parameter the page documents in a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameter {
    /// The name as the table writes it, or as the route's query string does
    /// for a `{placeholder}` value no table lists.
    pub name: String,
    /// The type column, resolved as [`TypeRef::name`]; `None` where the
    /// cell names no type mdapi can read (`String` for a query value only
    /// the route writes). Written `"type"` in the IR's JSON, as the one
    /// string [`TypeName`] is.
    #[serde(rename = "type")]
    pub type_name: Option<TypeName>,
    /// Path, query or function argument.
    pub location: mdapi_parse::page::ParameterLocation,
    /// The description column.
    pub description: String,
    /// The call needs it: the route writes it (`?startDateTime={start}`)
    /// or its description says `Required.`. Required query parameters are
    /// arguments of the generated call.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
}

/// One call of the service: a method and a route shape, with everything its
/// pages document about it (see ARCHITECTURE.md, "One operation per route").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// Unique, stable, snake_case: the method and the route's words, keys
    /// as `by_id`/`by_path` and arguments as `with_<keys>` (`names.rs`).
    pub id: String,
    /// The HTTP method in upper case (`GET`).
    pub method: String,
    /// The route as documented (normalized parameter names).
    pub path: String,
    /// `path` split into literal text and `{parameter}`s, as the runtime's
    /// route matcher and the generated request builders take it.
    pub path_parts: Vec<PathPart>,
    /// The query string the route line writes after `?`, without the `?`.
    pub query: Option<String>,
    /// Page title; routes of one page share it.
    pub title: String,
    /// The page's description (the text under its title).
    pub description: String,
    /// The type the request body is, from the Request body section (an
    /// action's parameter table makes a type of its own); `None` for no body.
    pub request_body: Option<TypeRef>,
    /// Properties of a shared request body type (an entity a create sends)
    /// that this page's request-body table marks `Required.`: wire names.
    /// The type itself keeps them optional, since other operations (a GET
    /// with `$select`, a PATCH) send or return it without them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_properties: Vec<String>,
    /// What the call answers.
    pub response: Response,
    /// Who may call this route, per account type, from its page's
    /// permissions table (conditions bound to this route).
    pub permissions: Permissions,
    /// The page's Request headers table, in row order.
    pub request_headers: Vec<Header>,
    /// The path, query and function parameters of this route, from the
    /// page's tables and the route's query string, in table order.
    pub parameters: Vec<Parameter>,
    /// The API area: the route's first segment, snake_case (`/me` → `users`).
    pub area: String,
    /// Other routes of the same method and shape, on other pages or as
    /// query variants, merged into this operation (see ARCHITECTURE.md,
    /// "One operation per route"), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_documented: Vec<Source>,
    /// The route is not in its page's HTTP request block: an example calls
    /// it (`example_routes.rs`). A listed route of the same shape wins.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub route_from_example: bool,
    /// The route's line in its page's HTTP request block (or, with
    /// `route_from_example`, the example's).
    pub source: Source,
}

/// Headers the client sets itself: documenting them does not make them
/// the caller's to give.
const CLIENT_HEADERS: &[&str] = &["authorization", "content-type", "content-length", "host"];

/// A header name a call can take as an argument: an RFC 9110 token that the
/// client does not set itself. A documented name that is not one (a
/// placeholder, prose) is left to the doc comment.
pub fn sendable_header(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        && !CLIENT_HEADERS.contains(&name.to_ascii_lowercase().as_str())
}

impl Operation {
    /// Required headers whose value the page gives (`Prefer:
    /// respond-async`): the call sends them itself, as `(name, value)`.
    pub fn fixed_headers(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = Vec::new();
        for h in self.request_headers.iter().filter(|h| h.required && sendable_header(&h.name)) {
            if let Some(value) =
                h.value.as_deref().filter(|v| v.bytes().all(|b| b == b' ' || (0x21..=0x7e).contains(&b)))
            {
                if !out.iter().any(|(name, _)| name.eq_ignore_ascii_case(&h.name)) {
                    out.push((h.name.as_str(), value));
                }
            }
        }
        out
    }

    /// The required query parameters: arguments of the call (by name, once
    /// each, in table order).
    pub fn required_query(&self) -> Vec<&Parameter> {
        let mut seen: Vec<String> = Vec::new();
        self.parameters
            .iter()
            .filter(|p| {
                p.required && p.location == mdapi_parse::page::ParameterLocation::Query && !p.name.trim().is_empty()
            })
            .filter(|p| {
                let key = p.name.to_ascii_lowercase();
                let new = !seen.contains(&key);
                seen.push(key);
                new
            })
            .collect()
    }

    /// The required, sendable request headers: arguments of the call (once
    /// each, in table order).
    pub fn required_headers(&self) -> Vec<&Header> {
        let mut seen: Vec<String> = Vec::new();
        self.request_headers
            .iter()
            .filter(|h| h.required && h.value.is_none() && sendable_header(&h.name))
            .filter(|h| {
                let key = h.name.to_ascii_lowercase();
                let new = !seen.contains(&key);
                seen.push(key);
                new
            })
            .collect()
    }
}

/// Whether an example body is expected to decode, and if not why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BodyCheck {
    /// Decodes into `type` and re-encodes to equal JSON.
    RoundTrip {
        /// The type the body is checked as.
        r#type: TypeRef,
        /// Properties the types do not list, which decode into
        /// `additional_properties` (sorted, once each).
        unlisted: Vec<String>,
        /// The body wraps one entity in `{"value": {...}}` (intune pages do);
        /// the entity inside is what is checked.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        wrapped: bool,
        /// `type` is a primitive answered in OData's `{"value": ...}` form:
        /// the body decodes as `PrimitiveValue<type>`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        primitive_value: bool,
    },
    /// Contradicts the tables: decoding into `type` must fail.
    DecodeFails {
        /// The type the tables declare for the body.
        r#type: TypeRef,
        /// What contradicts the tables, as the diagnostic says it.
        reason: String,
        /// As in `RoundTrip`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        wrapped: bool,
        /// As in `RoundTrip`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        primitive_value: bool,
        /// The body is a collection of `type` where the call answers one:
        /// serde would read it as one entity with an unknown `value`, so
        /// the test asserts instead that it decodes as a collection.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        collection_shown: bool,
    },
    /// JSON the docs name no type for: the endpoint returns it as
    /// `serde_json::Value`, and the test checks it decodes as that.
    Untyped,
    /// Not JSON by its content type (an image, text, a MIME message): it
    /// travels as bytes, and there is nothing to decode.
    Bytes {
        /// The example's `Content-Type` (`image/jpeg`).
        content_type: String,
    },
    /// Claims to be JSON but does not parse: a doc defect whose test
    /// asserts the parse failure, so it flips when the page is fixed.
    NotJson {
        /// The body as written.
        text: String,
        /// serde_json's parse error.
        reason: String,
    },
    /// Something mdapi cannot check yet; the reason says what.
    Unchecked {
        /// Why, in words (a body the call sends or answers left out, say).
        reason: String,
    },
}

/// An example's request block, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleRequest {
    /// The HTTP method (`GET`).
    pub method: String,
    /// The URL as written, absolute (`https://graph.microsoft.com/v1.0/me`)
    /// or a path.
    pub url: String,
    /// The headers the example sends, as written, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    /// The JSON body, read leniently (see `mdapi-parse`'s `lenient_json`);
    /// `None` for no body or one that is not JSON.
    pub body: Option<Value>,
    /// What its generated test checks of the body; `None` for no body.
    pub body_check: Option<BodyCheck>,
}

/// An example's response block, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleResponse {
    /// The HTTP status of its status line (`200`).
    pub status: u16,
    /// The headers the example answers with (a `202`'s `Location`), as
    /// written, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    /// As [`ExampleRequest::body`].
    pub body: Option<Value>,
    /// As [`ExampleRequest::body_check`].
    pub body_check: Option<BodyCheck>,
    /// For a successful response with a body, of an example matched to an
    /// operation: whether it shows what the operation answers (its
    /// annotation names that type, or one derived from it, in the same
    /// collection shape, and the body is that kind of value). `None` where
    /// the question does not apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agrees_with_operation: Option<bool>,
}

/// How the example URL relates to the page's routes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UrlCheck {
    /// Matches `operation` with these parameter values.
    Matches {
        /// `(parameter, value)` for each `{parameter}` of the route, in
        /// route order, the values as the URL writes them.
        bindings: Vec<(String, String)>,
    },
    /// Matches none of these operations (a doc defect).
    MatchesNone {
        /// The ids of the page's operations it was tried against.
        candidates: Vec<String>,
    },
}

/// One documented example: a request block, its response, and what the
/// generated test checks of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    /// Unique in the API; used to name the example's test.
    pub id: String,
    /// The annotation's name, if any.
    pub name: Option<String>,
    /// Line of the request's annotation comment.
    pub annotation_line: u32,
    /// The operation the URL matched.
    pub operation: Option<String>,
    /// How the URL relates to the page's routes.
    pub url_check: UrlCheck,
    /// The request block.
    pub request: ExampleRequest,
    /// The response block paired with it; `None` where the page shows none.
    pub response: Option<ExampleResponse>,
    /// Required arguments of the matched call the example leaves out
    /// (`header User-Agent`, `query startDateTime`): it cannot be sent as
    /// documented, so it is not sent through the client.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_arguments: Vec<String>,
    /// The request block's first line.
    pub source: Source,
}

/// What an example's generated test is expected to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleClass {
    /// URL matches its route and every body round-trips: expected to pass.
    Verified,
    /// The page contradicts itself: the test asserts the specific failure.
    DocDefect,
    /// Something mdapi cannot check yet (a body with no documented type, not JSON).
    Unsupported,
}

impl Example {
    /// Doc defect when the URL matches no route or a body must fail to
    /// decode or is not JSON; else unsupported when a body is unchecked;
    /// else verified.
    pub fn class(&self) -> ExampleClass {
        let checks = [self.request.body_check.as_ref(), self.response.as_ref().and_then(|r| r.body_check.as_ref())];
        let defect = matches!(self.url_check, UrlCheck::MatchesNone { .. })
            || checks.iter().flatten().any(|c| matches!(c, BodyCheck::DecodeFails { .. } | BodyCheck::NotJson { .. }));
        let unchecked = checks.iter().flatten().any(|c| matches!(c, BodyCheck::Unchecked { .. }));
        match (defect, unchecked) {
            (true, _) => ExampleClass::DocDefect,
            (false, true) => ExampleClass::Unsupported,
            (false, false) => ExampleClass::Verified,
        }
    }
}

/// A resource page's JSON representation with its placeholders replaced by
/// sample values of the tables' types, checked like an example body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representation {
    /// Unique in the API; used to name the representation's test.
    pub id: String,
    /// Qualified name of the type the page defines.
    pub r#type: String,
    /// The representation, placeholders replaced by sample values.
    pub body: Value,
    /// What its generated test checks.
    pub body_check: BodyCheck,
    /// The JSON block's first line on the resource page.
    pub source: Source,
}

/// The whole API described by a doc set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Api {
    /// Sorted by qualified name.
    pub types: Vec<TypeDef>,
    /// Sorted by id.
    pub operations: Vec<Operation>,
    /// Sorted by source.
    pub examples: Vec<Example>,
    /// One per resource page with a JSON representation; sorted by source.
    #[serde(default)]
    pub representations: Vec<Representation>,
}

impl Api {
    /// The type of this qualified name, compared without ASCII case
    /// (`microsoft.graph.User` finds `microsoft.graph.user`): one lookup,
    /// a scan; for many, [`Api::type_index`].
    pub fn find_type(&self, qualified: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.qualified_name().eq_ignore_ascii_case(qualified))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdapi_runtime::edm::EdmPrimitive;

    #[test]
    fn json_form_is_the_one_string() {
        let cases = [
            (TypeRef { name: TypeName::Primitive(EdmPrimitive::Int32), collection: false }, "Int32", false),
            (TypeRef { name: TypeName::Primitive(EdmPrimitive::String), collection: true }, "String", true),
            (
                TypeRef { name: TypeName::Named("microsoft.graph.user".into()), collection: false },
                "microsoft.graph.user",
                false,
            ),
            (TypeRef { name: TypeName::Json, collection: false }, "Json", false),
            (TypeRef { name: TypeName::Primitive(EdmPrimitive::Stream), collection: false }, "Stream", false),
        ];
        for (ty, name, collection) in cases {
            let json = serde_json::to_string(&ty).unwrap();
            assert_eq!(json, format!(r#"{{"type":"{name}","collection":{collection}}}"#));
            let back: TypeRef = serde_json::from_str(&json).unwrap();
            assert_eq!(back, ty);
            assert_eq!(format!("{:?}", back.name), format!("{:?}", ty.name), "the same variant back");
        }
    }
}
