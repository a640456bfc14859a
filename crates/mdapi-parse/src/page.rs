//! The Graph page layer: blocks grouped under headings (matched by text, at
//! any level), and the parts of an API or resource page read from them.
//!
//! [`read`] walks the blocks once; each kind of block goes to the reader
//! of what it documents: `sections` (headings), `prose` (paragraphs),
//! `tables`, `fences` (code blocks: the `routes` block, `examples`, the
//! JSON representation), then `normalize` (what the whole page says).

mod examples;
mod fences;
mod normalize;
mod prose;
mod routes;
mod sections;
mod tables;

use self::examples::is_opaque;
use self::sections::Section;
use crate::annotation::{self, Annotation, BlockType};
use crate::diag::{Code, Diagnostic, Span};
use crate::front_matter::{FrontMatter, PageKind};
use crate::http::{HttpRequest, HttpResponse};
use crate::markdown::{Block, Include, Link};
use crate::permissions::{Condition, PermissionTable};
use crate::route::Route;

/// Text with the place it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteLine {
    pub route: Route,
    pub span: Span,
}

/// A row of a property or parameter table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyRow {
    pub name: String,
    pub type_text: String,
    pub type_links: Vec<Link>,
    pub description: String,
    pub description_links: Vec<Link>,
    /// From a Relationships table (a navigation property).
    pub relationship: bool,
    /// A `Required` column's answer (`Yes`, `true`: `Some(true)`), where
    /// the table has one; else the description says it, if anything does.
    pub required_column: Option<bool>,
    pub span: Span,
}

/// A row of a Request headers table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRow {
    pub name: String,
    /// The value or description column.
    pub description: String,
    pub span: Span,
}

/// Where a documented parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParameterLocation {
    Path,
    Query,
    /// In a function's argument list, or a "Parameters" section.
    Function,
}

/// A member row of an enum table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumMemberRow {
    pub name: String,
    pub value: Option<String>,
    pub description: String,
    pub span: Span,
}

/// An enum documented by a `Members` or `x values` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumDef {
    pub name: String,
    pub members: Vec<EnumMemberRow>,
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestBody {
    /// The type the prose names ("a JSON representation of the [x](..) object").
    pub type_link: Option<Link>,
    /// The type named in plain prose, when no link names it.
    pub type_name: Option<Text>,
    /// "Do not supply a request body".
    pub none: bool,
    pub properties: Vec<PropertyRow>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseInfo {
    pub status: Option<u16>,
    pub type_link: Option<Link>,
    /// An Edm primitive the prose names when no link names a type
    /// ("returns ... a String collection").
    pub primitive: Option<String>,
    pub collection: bool,
    pub span: Span,
}

impl ResponseInfo {
    /// Folds in one more paragraph of the Response section. The success
    /// status is the first one below 400: a later "an `HTTP 404` is
    /// returned if ..." (often under an "Error response codes" heading) is
    /// an outcome, not the call's status. The type comes from the first
    /// paragraph that names one, up to the one that gives the status, so a
    /// "see [errors](...)" after "returns `204 No Content`" names nothing.
    pub fn absorb(&mut self, paragraph: ResponseInfo) {
        let names_type = paragraph.type_link.is_some() || paragraph.primitive.is_some();
        let typed = self.type_link.is_some() || self.primitive.is_some();
        if names_type && !typed && self.status.is_none() {
            self.type_link = paragraph.type_link;
            self.primitive = paragraph.primitive;
            self.collection = paragraph.collection;
            self.span = paragraph.span;
        }
        if self.status.is_none() {
            self.status = paragraph.status.filter(|status| *status < 400);
            if self.status.is_some() && !typed && !names_type {
                self.span = paragraph.span;
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExampleRequest {
    pub annotation: Annotation,
    pub http: HttpRequest,
    pub span: Span,
    /// 1-based page line of the body's first line.
    pub body_line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExampleResponse {
    pub annotation: Annotation,
    pub http: HttpResponse,
    pub span: Span,
    pub body_line: u32,
}

/// A resource page's JSON representation.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceJson {
    pub object: serde_json::Map<String, serde_json::Value>,
    pub text: String,
    pub span: Span,
    /// 1-based page line of the JSON's first line.
    pub body_line: u32,
}

impl ResourceJson {
    /// The property names it lists (annotations left out).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.object.keys().map(String::as_str).filter(|k| !k.starts_with('@'))
    }
}

/// A request and its response, paired by name or else by order.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub name: Option<String>,
    pub request: Option<ExampleRequest>,
    pub response: Option<ExampleResponse>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Path relative to the docs folder, `/`-separated.
    pub path: String,
    pub front_matter: FrontMatter,
    pub kind: PageKind,
    /// The API version the page documents: the version folder it sits in
    /// (`v1.0/api/x.md`), else (set by the caller) its docs folder's name.
    pub version: Option<String>,
    pub title: Option<Text>,
    pub namespace: Option<Text>,
    pub description: String,
    pub permissions: Vec<PermissionTable>,
    /// Spans of the `http` fences of the HTTP request section.
    pub http_blocks: Vec<Span>,
    pub routes: Vec<RouteLine>,
    pub request_body: RequestBody,
    pub response: ResponseInfo,
    /// Rows of Properties and Relationships tables (resource pages).
    pub properties: Vec<PropertyRow>,
    pub request_headers: Vec<HeaderRow>,
    /// Rows of Path / Optional query / Function parameters tables.
    pub parameters: Vec<(ParameterLocation, PropertyRow)>,
    pub enums: Vec<EnumDef>,
    pub resource: Option<Annotation>,
    /// The JSON representation block: its values are mostly placeholders
    /// naming types (`"String (timestamp)"`, `{"@odata.type": "..."}`).
    pub resource_json: Option<ResourceJson>,
    /// "Inherits from [x](x.md)" (or "Derived from") in the page's prose.
    pub inherits_from: Option<Link>,
    /// The prose says the type "is an open type" (a set of dynamic keys,
    /// like call records' feedback tokens) where no annotation says so.
    pub says_open_type: bool,
    pub examples: Vec<Example>,
    /// Further responses to a request that already has one (error outcomes,
    /// redirects): read, not tested.
    pub extra_responses: Vec<ExampleResponse>,
    /// Requests the page keeps out of checking, with their responses: an
    /// `ignored` annotation (ApiDoctor's "do not validate": templates with
    /// placeholders, asides) or `"opaqueUrl": true` (a URL outside the
    /// API, like a pre-authenticated upload URL). Read, never matched to
    /// routes nor tested.
    pub unchecked_examples: Vec<Example>,
    /// Links to other pages (include lines excluded).
    pub links: Vec<Link>,
    /// `[!INCLUDE]` lines; `permission_includes` indexes the ones that hold
    /// the page's permissions table.
    pub includes: Vec<Include>,
    pub permission_includes: Vec<PermissionInclude>,
    /// The Permissions section's footnote for scopes marked `*` (`\* Admins
    /// must grant ...`, "Permissions marked with * use resource-specific
    /// consent"), several joined by a space.
    pub permission_footnote: Option<String>,
}

/// An `[!INCLUDE]` that holds (part of) the page's permissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionInclude {
    /// Index into [`Page::includes`].
    pub include: usize,
    /// The heading over the include, when it names a resource: the
    /// condition of the included table's grants.
    pub condition: Option<Condition>,
}

impl Page {
    /// Every request and response the page shows a call of the API with:
    /// its examples, then the `ignored` ones. An ignored example is not
    /// checked, but the answer it shows is still what the call answers.
    /// Calls of opaque URLs (outside the API) are left out.
    pub fn calls_shown(&self) -> impl Iterator<Item = &Example> {
        let of_the_api = |e: &&Example| e.request.as_ref().is_none_or(|r| !is_opaque(&r.annotation));
        self.examples.iter().chain(self.unchecked_examples.iter().filter(of_the_api))
    }
}

/// Reads a page from its blocks.
pub fn read(path: &str, blocks: Vec<Block>, diagnostics: &mut Vec<Diagnostic>) -> Page {
    let mut reader = Reader {
        path,
        diagnostics,
        page: empty_page(path),
        stack: Vec::new(),
        pending: None,
        seen_section: false,
        unchecked_last: false,
    };
    for block in blocks {
        reader.block(block);
    }
    reader.finish()
}

fn empty_page(path: &str) -> Page {
    Page {
        path: path.to_owned(),
        front_matter: FrontMatter::default(),
        kind: PageKind::Unknown,
        version: crate::version::of_path(path).map(str::to_owned),
        title: None,
        namespace: None,
        description: String::new(),
        permissions: Vec::new(),
        http_blocks: Vec::new(),
        routes: Vec::new(),
        request_body: RequestBody::default(),
        response: ResponseInfo::default(),
        properties: Vec::new(),
        request_headers: Vec::new(),
        parameters: Vec::new(),
        enums: Vec::new(),
        resource: None,
        resource_json: None,
        inherits_from: None,
        says_open_type: false,
        examples: Vec::new(),
        extra_responses: Vec::new(),
        unchecked_examples: Vec::new(),
        links: Vec::new(),
        includes: Vec::new(),
        permission_includes: Vec::new(),
        permission_footnote: None,
    }
}

struct Reader<'a> {
    path: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
    page: Page,
    /// Open headings: (level, kind, text).
    stack: Vec<(u8, Section, String)>,
    /// An annotation waiting for its code block.
    pending: Option<Annotation>,
    seen_section: bool,
    /// The last request read is one the page keeps out of checking: the
    /// response after it answers it.
    unchecked_last: bool,
}

impl Reader<'_> {
    fn diag(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn block(&mut self, block: Block) {
        if !matches!(block, Block::Code(_) | Block::Comment(_) | Block::Include(_)) {
            self.drop_pending();
        }
        match block {
            Block::FrontMatter { yaml, span } => {
                let (front_matter, error) = FrontMatter::parse(&yaml);
                if let Some(error) = error {
                    self.diag(
                        Diagnostic::new(
                            Code::FrontMatterInvalid,
                            self.path,
                            span,
                            format!("front matter is not valid YAML: {error}"),
                        )
                        .with_help("quote values that contain `:` or start with `*`"),
                    );
                }
                self.page.kind = front_matter.kind();
                self.page.front_matter = front_matter;
            }
            Block::Include(include) => {
                let is_permissions = include.label.to_ascii_lowercase().contains("permissions")
                    || include.dest.to_ascii_lowercase().contains("/permissions/");
                if is_permissions && self.section() == Section::Permissions {
                    let condition = self.permission_heading();
                    self.page
                        .permission_includes
                        .push(PermissionInclude { include: self.page.includes.len(), condition });
                }
                self.page.includes.push(include);
            }
            Block::Heading { level, inline } => self.heading(level, inline),
            Block::Paragraph(inline) => self.paragraph(inline),
            Block::Table(table) => self.table(table),
            Block::Code(code) => self.code(code),
            Block::Comment(comment) => {
                if !comment.closed {
                    self.diag(
                        Diagnostic::new(
                            Code::AnnotationUnclosed,
                            self.path,
                            comment.span,
                            "this HTML comment is never closed",
                        )
                        .with_help("end the comment with `-->`"),
                    );
                }
                match annotation::parse(&comment.text, self.path, comment.span) {
                    annotation::Parsed::NotAnnotation => {}
                    annotation::Parsed::Invalid(diagnostic) => self.diag(diagnostic),
                    annotation::Parsed::Annotation(annotation, diagnostics) => {
                        self.diagnostics.extend(diagnostics);
                        self.drop_pending();
                        if annotation.block_type == BlockType::Resource {
                            self.page.resource = Some(annotation.clone());
                        }
                        self.pending = Some(annotation);
                    }
                }
            }
        }
    }

    fn drop_pending(&mut self) {
        if let Some(annotation) = self.pending.take() {
            if matches!(annotation.block_type, BlockType::Request | BlockType::Response) {
                self.diag(
                    Diagnostic::new(
                        Code::AnnotationDangling,
                        self.path,
                        annotation.span,
                        "this example annotation is not followed by a code block",
                    )
                    .with_help("put the fenced block right after the annotation"),
                );
            }
        }
    }
}

/// A relative link to a markdown page, anchors allowed.
pub fn is_page_link(dest: &str) -> bool {
    let path = dest.split('#').next().unwrap_or_default();
    path.ends_with(".md") && !path.starts_with('/') && !path.contains("://")
}

/// The start of a small API page (permissions, a route, a response) that
/// the submodules' tests add the part they read to.
#[cfg(test)]
const HEAD: &str = "---\ndoc_type: apiPageType\n---\n# Get thing\n\n## Permissions\n\n|Permission type|Permissions|\n|:--|:--|\n|Application|Thing.Read.All|\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n\n## Response\n\nReturns `200 OK` and a [thing](../resources/thing.md).\n\n## Example\n\n";
