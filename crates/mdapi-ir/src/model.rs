//! The API model: what the docs promise, independent of markdown and of Rust.
//! Serializable so it can be reviewed (`mdapi ir`) and snapshot-tested.

use mdapi_runtime::PathPart;

pub use crate::access::Permissions;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A page and line the item comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    pub file: String,
    pub line: u32,
}

/// A type reference: an Edm primitive name (`String`, `Int32`) or a
/// qualified type name (`microsoft.graph.profilePhoto`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TypeRef {
    #[serde(rename = "type")]
    pub name: String,
    pub collection: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    Entity,
    Complex,
    Enum,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Property {
    pub name: String,
    #[serde(rename = "type")]
    pub type_name: String,
    pub collection: bool,
    pub nullable: bool,
    /// `Required.` in the description.
    pub required: bool,
    /// The type that declares it, when the docs say "Inherited from".
    pub inherited_from: Option<String>,
    pub description: String,
    pub source: Source,
}

impl Property {
    pub fn type_ref(&self) -> TypeRef {
        TypeRef { name: self.type_name.clone(), collection: self.collection }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumMember {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeDef {
    /// Simple name as the docs spell it (`profilePhoto`).
    pub name: String,
    pub namespace: String,
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
    pub description: String,
    pub properties: Vec<Property>,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub status: Option<u16>,
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
    pub body: TypeRef,
}

/// A request header the page documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    /// The value the page writes with the name (`Prefer: respond-async`):
    /// a required header with one is sent by the call itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub description: String,
    /// "Required" appears in its description.
    pub required: bool,
}

/// A path, query or function parameter the page documents in a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub location: mdapi_parse::page::ParameterLocation,
    pub description: String,
    /// The call needs it: the route writes it (`?startDateTime={start}`)
    /// or its description says `Required.`. Required query parameters are
    /// arguments of the generated call.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// Unique, stable, snake_case: the method and the route's words, keys
    /// as `by_id`/`by_path` and arguments as `with_<keys>` (`names.rs`).
    pub id: String,
    pub method: String,
    /// The route as documented (normalized parameter names).
    pub path: String,
    pub path_parts: Vec<PathPart>,
    pub query: Option<String>,
    /// Page title; routes of one page share it.
    pub title: String,
    pub description: String,
    pub request_body: Option<TypeRef>,
    /// Properties of a shared request body type (an entity a create sends)
    /// that this page's request-body table marks `Required.`: wire names.
    /// The type itself keeps them optional, since other operations (a GET
    /// with `$select`, a PATCH) send or return it without them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_properties: Vec<String>,
    pub response: Response,
    pub permissions: Permissions,
    pub request_headers: Vec<Header>,
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
        r#type: TypeRef,
        reason: String,
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
    Bytes { content_type: String },
    /// Claims to be JSON but does not parse: a doc defect whose test
    /// asserts the parse failure, so it flips when the page is fixed.
    NotJson { text: String, reason: String },
    /// Something mdapi cannot check yet; the reason says what.
    Unchecked { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleRequest {
    pub method: String,
    pub url: String,
    /// The headers the example sends, as written, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
    pub body_check: Option<BodyCheck>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleResponse {
    pub status: u16,
    /// The headers the example answers with (a `202`'s `Location`), as
    /// written, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
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
    Matches { bindings: Vec<(String, String)> },
    /// Matches none of these operations (a doc defect).
    MatchesNone { candidates: Vec<String> },
}

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
    pub url_check: UrlCheck,
    pub request: ExampleRequest,
    pub response: Option<ExampleResponse>,
    /// Required arguments of the matched call the example leaves out
    /// (`header User-Agent`, `query startDateTime`): it cannot be sent as
    /// documented, so it is not sent through the client.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_arguments: Vec<String>,
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
    pub body: Value,
    pub body_check: BodyCheck,
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
    pub fn find_type(&self, qualified: &str) -> Option<&TypeDef> {
        let key = qualified.to_ascii_lowercase();
        self.types.iter().find(|t| t.qualified_name().to_ascii_lowercase() == key)
    }
}
