//! The Graph page layer: blocks grouped under headings (matched by text, at
//! any level), and the parts of an API or resource page read from them.

use crate::annotation::{self, Annotation, BlockType};
use crate::diag::{Code, Diagnostic, Span};
use crate::front_matter::{FrontMatter, PageKind};
use crate::http::{self, HttpRequest, HttpResponse};
use crate::markdown::{Block, CodeBlock, Include, Inline, Link, Table};
use crate::permissions::{self, Condition, PermissionTable};
use crate::route::{self, Route};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Permissions,
    HttpRequest,
    RequestHeaders,
    RequestBody,
    Response,
    Examples,
    Properties,
    Relationships,
    /// Path, query or function parameters.
    Parameters,
    JsonRepresentation,
    /// `## Members`, `### x values`, `## x enumeration`: an enum's members.
    Enum,
    Other,
}

fn classify(heading: &str) -> Section {
    let h = heading.trim().to_ascii_lowercase();
    let starts = |p: &str| h.starts_with(p);
    if starts("permission") || h == "prerequisites" {
        Section::Permissions
    } else if starts("http request") {
        Section::HttpRequest
    } else if starts("request header") {
        Section::RequestHeaders
    } else if h.ends_with("parameters") && !h.contains("response") {
        Section::Parameters
    } else if starts("request body") {
        Section::RequestBody
    } else if starts("response") {
        Section::Response
    } else if starts("example") {
        Section::Examples
    } else if starts("properties") {
        Section::Properties
    } else if starts("relationships") {
        Section::Relationships
    } else if starts("json representation") {
        Section::JsonRepresentation
    } else if h == "members" || enum_heading_name(heading).is_some() {
        Section::Enum
    } else {
        Section::Other
    }
}

/// `riskLevel values`, `riskLevel enumeration`, `riskLevel enum` → `riskLevel`.
fn enum_heading_name(heading: &str) -> Option<&str> {
    let mut words = heading.split_whitespace();
    let (name, suffix) = (words.next()?, words.next()?);
    let suffix = suffix.to_ascii_lowercase();
    let is_name = name.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '_');
    (words.next().is_none() && is_name && matches!(suffix.as_str(), "values" | "enumeration" | "enum")).then_some(name)
}

fn is_tab_marker(inline: &Inline) -> bool {
    inline.links.iter().any(|l| l.dest.starts_with("#tab/"))
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
    fn section(&self) -> Section {
        // Inside Examples, "Request"/"Response" sub-headings stay examples.
        if self.stack.iter().any(|(_, kind, _)| *kind == Section::Examples) {
            return Section::Examples;
        }
        self.stack.iter().rev().map(|(_, kind, _)| *kind).find(|k| *k != Section::Other).unwrap_or(Section::Other)
    }

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

    fn heading(&mut self, level: u8, inline: Inline) {
        self.page.links.extend(inline.links.iter().cloned());
        if is_tab_marker(&inline) {
            return;
        }
        if level == 1 && self.page.title.is_none() {
            self.page.title = Some(Text { text: inline.text.trim().to_owned(), span: inline.span });
            self.stack.clear();
            return;
        }
        self.seen_section = true;
        while self.stack.last().is_some_and(|(open, _, _)| *open >= level) {
            self.stack.pop();
        }
        self.stack.push((level, classify(&inline.text), inline.text.trim().to_owned()));
    }

    fn paragraph(&mut self, inline: Inline) {
        self.page.links.extend(inline.links.iter().cloned());
        let text = inline.text.trim();
        if let Some(namespace) = strip_prefix_ci(text, "namespace:") {
            // `Namespace: microsoft.graph.` ends a sentence, not a name.
            let name = namespace.split_whitespace().next().unwrap_or_default().trim_end_matches('.').to_owned();
            self.page.namespace = Some(Text { text: name, span: inline.span });
            return;
        }
        let lower = text.to_ascii_lowercase();
        if self.page.inherits_from.is_none() && (lower.contains("inherits from") || lower.contains("derived from")) {
            let at = lower.find("inherits from").or_else(|| lower.find("derived from")).unwrap_or(0);
            self.page.inherits_from = inline
                .links
                .iter()
                .find(|l| is_page_link(&l.dest) && text.find(&l.text).is_some_and(|p| p >= at))
                .cloned();
        }
        self.page.says_open_type |= lower.contains("is an open type");
        match self.section() {
            Section::Other if !self.seen_section && self.page.description.is_empty() && !text.starts_with("[!") => {
                self.page.description = text.to_owned();
            }
            Section::RequestBody => {
                let lower = text.to_ascii_lowercase();
                if lower.contains("do not supply") || lower.contains("don't supply") || lower.contains("don’t supply")
                {
                    self.page.request_body.none = true;
                }
                if self.page.request_body.type_link.is_none() {
                    self.page.request_body.type_link = first_page_link(&inline.links);
                }
                if self.page.request_body.type_name.is_none() && self.page.request_body.type_link.is_none() {
                    self.page.request_body.type_name =
                        named_representation(text).map(|name| Text { text: name, span: inline.span });
                }
            }
            Section::Response => self.page.response.absorb(response_info(&inline)),
            Section::Permissions => {
                if let Some(note) = footnote(text) {
                    let joined = match self.page.permission_footnote.take() {
                        Some(have) => format!("{have} {note}"),
                        None => note,
                    };
                    self.page.permission_footnote = Some(joined);
                }
            }
            _ => {}
        }
    }

    /// The heading under the Permissions section's own, when it names a
    /// resource (`### Permissions for channel`, `### To retrieve the
    /// profile photo of a group`): the condition of the tables under it.
    fn permission_heading(&self) -> Option<Condition> {
        let at = self.stack.iter().position(|(_, kind, _)| *kind == Section::Permissions)?;
        self.stack.get(at + 1..)?.last().and_then(|(_, _, text)| Condition::read(text))
    }

    fn table(&mut self, table: Table) {
        for cell in table.header.iter().chain(table.rows.iter().flatten()) {
            self.page.links.extend(cell.links.iter().cloned());
        }
        let section = self.section();
        if section == Section::Permissions || permissions::is_permission_table(&table) {
            if permissions::is_permission_table(&table) {
                let condition = self.permission_heading();
                let read = permissions::read(&table, condition, self.path, self.diagnostics);
                self.page.permissions.push(read);
            }
            return;
        }
        if section == Section::Enum {
            self.enum_table(&table);
            return;
        }
        if section == Section::RequestHeaders {
            self.page.request_headers.extend(header_rows(&table));
            return;
        }
        if section == Section::Parameters {
            let heading = self
                .stack
                .iter()
                .rev()
                .find(|(_, kind, _)| *kind == Section::Parameters)
                .map(|(_, _, t)| t.to_ascii_lowercase());
            let location = match heading.as_deref() {
                Some(h) if h.contains("query") => ParameterLocation::Query,
                Some(h) if h.contains("path") => ParameterLocation::Path,
                _ => ParameterLocation::Function,
            };
            self.page.parameters.extend(property_rows(&table, false).into_iter().map(|row| (location, row)));
            return;
        }
        if matches!(section, Section::RequestBody | Section::Properties | Section::Relationships) {
            let rows = property_rows(&table, section == Section::Relationships);
            if section == Section::RequestBody {
                self.page.request_body.properties.extend(rows);
            } else {
                self.page.properties.extend(rows);
            }
        }
    }

    /// An enum's name: from its `x values` heading, else (`## Members`)
    /// from the page title's first word.
    fn enum_name(&self) -> Option<String> {
        let heading = self.stack.iter().rev().find(|(_, kind, _)| *kind == Section::Enum).map(|(_, _, text)| text)?;
        if let Some(name) = enum_heading_name(heading) {
            return Some(name.to_owned());
        }
        self.page.title.as_ref()?.text.split_whitespace().next().map(str::to_owned)
    }

    fn enum_table(&mut self, table: &Table) {
        let header: Vec<String> = table.header.iter().map(|c| c.text.trim().to_ascii_lowercase()).collect();
        let Some(first) = header.first() else { return };
        if !matches!(first.as_str(), "member" | "members" | "name" | "value") {
            return;
        }
        let Some(name) = self.enum_name() else { return };
        let value_at = header.iter().position(|h| h == "value").filter(|&i| i > 0);
        let description_at = header.iter().position(|h| h == "description");
        let members = table
            .rows
            .iter()
            .filter_map(|row| {
                let cell = row.first()?;
                let member = name_cell(cell);
                (!member.is_empty()).then(|| EnumMemberRow {
                    name: member.to_owned(),
                    value: cell_text(row, value_at),
                    description: cell_text(row, description_at).unwrap_or_default(),
                    span: cell.span,
                })
            })
            .collect();
        self.page.enums.push(EnumDef { name, members, span: table.span });
    }

    fn code(&mut self, code: CodeBlock) {
        if !code.closed {
            self.diag(
                Diagnostic::new(
                    Code::FenceUnclosed,
                    self.path,
                    code.span,
                    "this code fence is never closed; the rest of the page is read as code",
                )
                .with_help("add the closing ``` line"),
            );
        }
        self.check_swallowed_markdown(&code);
        let annotation = self.pending.take();
        let info = code.info.to_ascii_lowercase();
        let is_http = matches!(info.as_str(), "http" | "msgraph-interactive" | "");
        let section = self.section();
        if section == Section::HttpRequest && is_http {
            self.routes_from(&code);
        }
        let block_type = annotation.as_ref().map(|a| a.block_type.clone());
        match (annotation, block_type) {
            (Some(annotation), Some(BlockType::Request)) if is_opaque(&annotation) => {
                self.unchecked_request(annotation, &code);
            }
            (Some(annotation), Some(BlockType::Request)) => self.example_request(annotation, &code),
            (Some(annotation), Some(BlockType::Response)) => self.example_response(annotation, &code),
            (Some(_), Some(BlockType::Resource)) => self.resource_json(&code),
            // A request marked `ignored` (outside the HTTP request section,
            // where the annotation marks route syntax) is kept out of
            // checking; a response after it answers it. An ignored response
            // is an aside (a redirect target, a CSV schema).
            (Some(annotation), Some(BlockType::Ignored))
                if is_http && section != Section::HttpRequest && sniff(&code.text) == Some(BlockType::Request) =>
            {
                self.unchecked_request(annotation, &code);
            }
            // Examples the page does not annotate (the intune template) are
            // still examples when they read as HTTP under an Examples heading.
            (None, None) if section == Section::Examples && info == "json" && self.awaits_response() => {
                self.bare_response(&code);
            }
            (None, None) if section == Section::Examples && is_http => {
                let Some(kind) = sniff(&code.text) else { return };
                if kind == BlockType::Request && !targets_graph(&code.text) {
                    return;
                }
                self.diag(
                    Diagnostic::new(
                        Code::ExampleUnannotated,
                        self.path,
                        code.span,
                        format!("example {} has no annotation", kind_name(&kind)),
                    )
                    .with_help(format!(
                        "add `<!-- {{ \"blockType\": \"{}\", \"name\": \"...\" }} -->` before the block",
                        kind_name(&kind)
                    )),
                );
                let annotation = synthetic_annotation(kind.clone(), code.span);
                match kind {
                    BlockType::Request => self.example_request(annotation, &code),
                    _ => self.example_response(annotation, &code),
                }
            }
            _ => {}
        }
    }

    /// The JSON representation after a resource annotation. One that does
    /// not read even leniently is reported where it breaks.
    fn resource_json(&mut self, code: &CodeBlock) {
        let why = match crate::lenient::parse(&code.text) {
            Ok((serde_json::Value::Object(object), _)) => {
                self.page.resource_json = Some(ResourceJson {
                    object,
                    text: code.text.clone(),
                    span: code.span,
                    body_line: code.content_line,
                });
                return;
            }
            Ok(_) => "it is not a JSON object".to_owned(),
            Err(err) => format!("it is not JSON: {}", crate::lenient::error_text(&err)),
        };
        let (line, column) = crate::lenient::error_position(&code.text)
            .map_or((code.content_line, 1), |(line, column)| {
                (code.content_line + u32::try_from(line).unwrap_or(0), u32::try_from(column).unwrap_or(1))
            });
        self.diag(
            Diagnostic::new(
                Code::ResourceJsonInvalid,
                self.path,
                Span { line, column, ..code.span },
                format!("the JSON representation is not checked: {why}"),
            )
            .with_help("make the representation one JSON object: quoted keys, a `,` between properties"),
        );
    }

    /// A fence left open swallows the markdown after it until the next
    /// fence line: a heading or an annotation inside a code block is the sign.
    fn check_swallowed_markdown(&mut self, code: &CodeBlock) {
        let suspicious = code.text.lines().position(|line| {
            let line = line.trim_start();
            (line.starts_with("## ") || line.starts_with("### ") || line.starts_with("#### "))
                || line.starts_with("<!-- {")
                || line.starts_with("<!--{")
        });
        if let Some(offset) = suspicious {
            let line = code.content_line + u32::try_from(offset).unwrap_or(0);
            self.diag(
                Diagnostic::new(
                    Code::FenceUnclosed,
                    self.path,
                    code.span,
                    format!(
                        "this code block runs on into markdown (line {line}); its closing fence is probably missing"
                    ),
                )
                .with_help(format!("close the code block before line {line}")),
            );
        }
    }

    /// The last example has a request and no response yet.
    fn awaits_response(&self) -> bool {
        !self.unchecked_last && self.page.examples.last().is_some_and(|e| e.request.is_some() && e.response.is_none())
    }

    /// A request the page keeps out of checking (see
    /// [`Page::unchecked_examples`]): kept, with no diagnostic about it.
    fn unchecked_request(&mut self, annotation: Annotation, code: &CodeBlock) {
        self.unchecked_last = true;
        let Ok(http) = http::parse_request(&code.text) else { return };
        let body_line = body_line(code, http.body.as_ref());
        let name = annotation.names.first().cloned();
        let request = ExampleRequest { annotation, http, span: code.span, body_line };
        self.page.unchecked_examples.push(Example { name, request: Some(request), response: None });
    }

    /// Whether a response answers the unchecked request before it: it
    /// names it, or names nothing a checked request is called and follows it.
    fn answers_unchecked(&self, names: &[String]) -> bool {
        let open = |e: &&Example| e.response.is_none();
        let names_checked =
            names.iter().any(|n| self.page.examples.iter().any(|e| e.response.is_none() && e.name.as_ref() == Some(n)));
        let names_unchecked =
            names.iter().any(|n| self.page.unchecked_examples.iter().filter(open).any(|e| e.name.as_ref() == Some(n)));
        !names_checked && (names_unchecked || (self.unchecked_last && names.is_empty()))
    }

    /// A response shown as a bare ```json body: the status comes from the
    /// page's Response section (else 200).
    fn bare_response(&mut self, code: &CodeBlock) {
        let status = self.page.response.status.unwrap_or(200);
        let synthetic = format!("HTTP/1.1 {status}\nContent-Type: application/json\n\n{}", code.text);
        let Ok(mut http) = http::parse_response(&synthetic) else { return };
        if let Some(body) = http.body.as_mut() {
            body.line_in_block = 0;
        }
        self.diag(
            Diagnostic::new(
                Code::ExampleResponseBare,
                self.path,
                code.span,
                format!("response example has no status line; read as `{status}` from the Response section"),
            )
            .with_help("write the response as an ```http block starting with `HTTP/1.1 200 OK`"),
        );
        let body_line = code.content_line;
        self.report_leniency(http.body.as_ref(), body_line);
        let response = ExampleResponse {
            annotation: synthetic_annotation(BlockType::Response, code.span),
            http,
            span: code.span,
            body_line,
        };
        if let Some(example) = self.page.examples.last_mut() {
            example.response = Some(response);
        }
    }

    fn routes_from(&mut self, code: &CodeBlock) {
        self.page.http_blocks.push(code.span);
        let mut routes_here = 0;
        for (i, line) in code.text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            // A block written as a whole request (its request line, then
            // headers and a body) documents one route: what follows the
            // request line is the message, not more routes.
            if routes_here > 0 && starts_message(line) {
                break;
            }
            let line_no = code.content_line + u32::try_from(i).unwrap_or(u32::MAX);
            let span = Span { line: line_no, column: 1, ..code.span };
            match route::parse(line) {
                Ok(route) => {
                    let duplicate = self.page.routes.iter().any(|r| {
                        (&r.route.method, &r.route.path, &r.route.query) == (&route.method, &route.path, &route.query)
                    });
                    if !route.nonstandard.is_empty() {
                        self.diag(
                            Diagnostic::new(
                                Code::RouteNonstandard,
                                self.path,
                                span,
                                format!(
                                    "route `{}` is written with {}; read as `{}`",
                                    line.trim(),
                                    route.nonstandard.join(" and "),
                                    route.path
                                ),
                            )
                            .with_help("write routes as `METHOD /path/{parameter}`"),
                        );
                    }
                    let segments = mdapi_runtime::route::segments(&route.parts).len();
                    if segments > route::MAX_TREE_SEGMENTS {
                        self.diag(
                            Diagnostic::new(
                                Code::RouteTooDeep,
                                self.path,
                                span,
                                format!(
                                    "route has {segments} segments, more than the {} the path tree takes; call it through its endpoint function",
                                    route::MAX_TREE_SEGMENTS
                                ),
                            )
                            .with_help("check the route: Graph routes have far fewer segments"),
                        );
                    }
                    if duplicate {
                        self.diag(Diagnostic::new(
                            Code::RouteDuplicate,
                            self.path,
                            span,
                            format!("route `{} {}` is listed twice", route.method, route.path),
                        ));
                    } else {
                        self.page.routes.push(RouteLine { route, span });
                    }
                    routes_here += 1;
                }
                Err(why) => self.diag(
                    Diagnostic::new(
                        Code::RouteInvalid,
                        self.path,
                        span,
                        format!("`{}` is not a route: {why}", annotation::shorten(line.trim(), 80)),
                    )
                    .with_help("write `METHOD /path/{parameter}`, one route per line"),
                ),
            }
        }
    }

    fn report_leniency(&mut self, body: Option<&http::Body>, line: u32) {
        let Some(body) = body.filter(|b| !b.leniencies.is_empty()) else { return };
        let used: Vec<&str> = body.leniencies.iter().map(|l| l.describe()).collect();
        self.diag(
            Diagnostic::new(
                Code::ExampleBodyLenient,
                self.path,
                Span { line, column: 1, ..Span::default() },
                format!("example body is not strict JSON ({}); read leniently", used.join(", ")),
            )
            .with_help("make the body strict JSON so tools other than mdapi can read it"),
        );
    }

    fn example_request(&mut self, annotation: Annotation, code: &CodeBlock) {
        self.unchecked_last = false;
        match http::parse_request(&code.text) {
            Ok(http) => {
                let body_line = body_line(code, http.body.as_ref());
                self.report_leniency(http.body.as_ref(), body_line);
                let name = annotation.names.first().cloned();
                let request = ExampleRequest { annotation, http, span: code.span, body_line };
                self.page.examples.push(Example { name, request: Some(request), response: None });
            }
            Err(why) => self.diag(Diagnostic::new(
                Code::ExampleHttpInvalid,
                self.path,
                code.span,
                format!("example request: {why}"),
            )),
        }
    }

    fn example_response(&mut self, annotation: Annotation, code: &CodeBlock) {
        if self.answers_unchecked(&annotation.names) {
            let Ok(http) = http::parse_response(&code.text) else { return };
            let body_line = body_line(code, http.body.as_ref());
            let names = annotation.names.clone();
            let response = ExampleResponse { annotation, http, span: code.span, body_line };
            let named = self
                .page
                .unchecked_examples
                .iter()
                .rposition(|e| e.response.is_none() && e.name.as_ref().is_some_and(|n| names.contains(n)));
            let at = named.or_else(|| self.page.unchecked_examples.len().checked_sub(1));
            if let Some(example) = at.and_then(|at| self.page.unchecked_examples.get_mut(at)) {
                example.response.get_or_insert(response);
            }
            return;
        }
        let http = match http::parse_response(&code.text) {
            Ok(http) => http,
            Err(why) => {
                self.diag(Diagnostic::new(
                    Code::ExampleHttpInvalid,
                    self.path,
                    code.span,
                    format!("example response: {why}"),
                ));
                return;
            }
        };
        let body_line = body_line(code, http.body.as_ref());
        self.report_leniency(http.body.as_ref(), body_line);
        let name = annotation.names.first().cloned();
        let response = ExampleResponse { annotation, http, span: code.span, body_line };
        // One response may answer several requests: its `name` is then an
        // array of their names (drive-get.md's five ways to reach a drive).
        // Each named request still unpaired gets it; the last is the slot.
        let mut named: Vec<usize> = response
            .annotation
            .names
            .iter()
            .filter_map(|name| {
                self.page.examples.iter().rposition(|e| e.response.is_none() && e.name.as_ref() == Some(name))
            })
            .collect();
        named.sort_unstable();
        named.dedup();
        let by_name = named.pop();
        for at in named {
            if let Some(example) = self.page.examples.get_mut(at) {
                example.response = Some(response.clone());
            }
        }
        // Pair by name, else with the nearest preceding request still unpaired.
        let slot = by_name.or_else(|| {
            self.page
                .examples
                .last()
                .filter(|e| e.response.is_none() && e.request.is_some())
                .map(|_| self.page.examples.len() - 1)
        });
        let follows_a_pair = self.page.examples.last().is_some_and(|e| e.request.is_some() && e.response.is_some());
        match slot.and_then(|i| self.page.examples.get_mut(i)) {
            Some(example) => example.response = Some(response),
            // A second outcome of the same request (an error, a redirect).
            None if follows_a_pair && name.is_none() => {
                self.diag(
                    Diagnostic::new(
                        Code::ExampleResponseExtra,
                        self.path,
                        code.span,
                        format!(
                            "a further response (`{}`) to the request above; only the first response is checked",
                            response.http.status
                        ),
                    )
                    .with_help("give this outcome its own request example to have it checked"),
                );
                self.page.extra_responses.push(response);
            }
            None => {
                self.diag(
                    Diagnostic::new(
                        Code::ExampleResponseUnpaired,
                        self.path,
                        code.span,
                        "this response example has no request example before it",
                    )
                    .with_help("add the request, or give both annotations the same `name`"),
                );
                self.page.examples.push(Example { name, request: None, response: Some(response) });
            }
        }
    }

    fn finish(mut self) -> Page {
        self.drop_pending();
        self.body_from_parameters();
        self.values_of_string_properties();
        if let Some(footnote) = &self.page.permission_footnote {
            for table in &mut self.page.permissions {
                table.annotate(footnote);
            }
        }
        self.page
    }

    /// A `displayAs values` section on a page whose own `displayAs`
    /// property is a `String` lists what that string may hold: it defines
    /// no enum type (two pages listing different values for their own
    /// `displayAs` are not two spellings of one type). An enum the
    /// property is typed as (`riskLevel values` for a `riskLevel` cell) is
    /// kept.
    fn values_of_string_properties(&mut self) {
        let page = &mut self.page;
        let is_string = |name: &str| {
            page.properties.iter().any(|p| {
                p.name.eq_ignore_ascii_case(name)
                    && p.type_links.is_empty()
                    && p.type_text.trim().trim_matches('`').eq_ignore_ascii_case("string")
            })
        };
        let mut enums = std::mem::take(&mut page.enums);
        enums.retain(|e| !is_string(&e.name));
        page.enums = enums;
    }

    /// An action page that heads its body's table "Parameters" (a section
    /// of its own after "Request body": `driveitem-createuploadsession.md`)
    /// documents the body there: its routes call no function, so the rows
    /// have no argument list to be in, and the method sends a body.
    fn body_from_parameters(&mut self) {
        let page = &mut self.page;
        let sends_body = page.routes.iter().any(|l| matches!(l.route.method.as_str(), "POST" | "PUT" | "PATCH"));
        let calls_function = page.routes.iter().any(|l| l.route.path.contains('('));
        if !sends_body || calls_function || page.request_body.none || !page.request_body.properties.is_empty() {
            return;
        }
        let (body, rest): (Vec<_>, Vec<_>) =
            page.parameters.drain(..).partition(|(location, _)| *location == ParameterLocation::Function);
        page.parameters = rest;
        page.request_body.properties = body.into_iter().map(|(_, row)| row).collect();
    }
}

/// A paragraph of the Permissions section that explains the `*` mark:
/// `\* **Important:** ...` (the text after the mark and its label) or
/// "Permissions marked with * use resource-specific consent." (whole).
fn footnote(text: &str) -> Option<String> {
    let text = text.trim();
    // A DocFX alert (`> [!IMPORTANT]`) puts its kind before the text.
    let text = match text.strip_prefix("[!").and_then(|rest| rest.split_once(']')) {
        Some((kind, rest)) if kind.chars().all(|c| c.is_ascii_alphabetic()) => rest.trim_start(),
        _ => text,
    };
    let unmarked = text.trim_start_matches(['*', '†', '‡', '¹', '²', '³']);
    let unmarked = match unmarked.strip_prefix('^') {
        Some(rest) => rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric()),
        None => unmarked,
    };
    if unmarked.len() < text.len() {
        let rest = unmarked.trim_start();
        let rest = ["Important:", "Note:"]
            .iter()
            .find_map(|label| {
                rest.get(..label.len()).filter(|h| h.eq_ignore_ascii_case(label)).map(|_| &rest[label.len()..])
            })
            .unwrap_or(rest);
        return Some(rest.trim().to_owned()).filter(|r| !r.is_empty());
    }
    let lower = text.to_ascii_lowercase();
    if lower.contains("marked with *") || lower.contains("marked with an asterisk") {
        let rest = text.strip_prefix("Note:").or_else(|| text.strip_prefix("Note :")).unwrap_or(text);
        return Some(rest.trim().to_owned());
    }
    None
}

/// A request's header line (`Content-Type: application/json`) or the
/// start of its JSON body.
fn starts_message(line: &str) -> bool {
    let line = line.trim();
    http::is_header(line) || line.starts_with(['{', '['])
}

/// `"opaqueUrl": true`: the request's URL is not the API's (a
/// pre-authenticated upload or download URL the service handed out).
fn is_opaque(annotation: &Annotation) -> bool {
    annotation.raw.get("opaqueUrl").is_some_and(|v| v.as_bool() == Some(true) || v.as_str() == Some("true"))
}

fn kind_name(kind: &BlockType) -> &'static str {
    if *kind == BlockType::Request {
        "request"
    } else {
        "response"
    }
}

/// Whether a block reads as an HTTP request or response.
fn sniff(text: &str) -> Option<BlockType> {
    let first = text.lines().find(|l| !l.trim().is_empty())?.trim_start();
    let upper: String = first.chars().take(8).collect::<String>().to_ascii_uppercase();
    if upper.starts_with("HTTP/") || upper.starts_with("HTTP ") {
        return Some(BlockType::Response);
    }
    let method = upper.split([' ', '/']).next().unwrap_or_default();
    ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&method).then_some(BlockType::Request)
}

/// Whether a request block's URL is Graph's: relative, or on a host named
/// like Graph's (national clouds included). Callbacks a page shows its
/// service sending to an app (`POST https://bot.contoso.com/callback`) are not.
fn targets_graph(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let url = first.split_whitespace().nth(1).unwrap_or_default();
    match url.split_once("://") {
        Some((_, rest)) => rest.split('/').next().unwrap_or_default().to_ascii_lowercase().contains("graph"),
        None => true,
    }
}

fn synthetic_annotation(block_type: BlockType, span: Span) -> Annotation {
    Annotation {
        block_type,
        names: Vec::new(),
        odata_type: None,
        truncated: false,
        is_collection: false,
        expect_error: false,
        raw: serde_json::Map::new(),
        span,
    }
}

fn body_line(code: &CodeBlock, body: Option<&http::Body>) -> u32 {
    let offset = body.map_or(0, |b| b.line_in_block);
    code.content_line + u32::try_from(offset).unwrap_or(u32::MAX)
}

fn strip_prefix_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// The first link to another page of the doc set (a relative `.md` link).
fn first_page_link(links: &[Link]) -> Option<Link> {
    links.iter().find(|l| is_page_link(&l.dest)).cloned()
}

/// A relative link to a markdown page, anchors allowed.
pub fn is_page_link(dest: &str) -> bool {
    let path = dest.split('#').next().unwrap_or_default();
    path.ends_with(".md") && !path.starts_with('/') && !path.contains("://")
}

/// "a JSON representation of the **x** object" → `x` (no link).
fn named_representation(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let at = ["representation of the ", "representation for the ", "representation of a ", "representation of an "]
        .iter()
        .find_map(|p| lower.find(p).map(|i| i + p.len()))?;
    let word = text.get(at..)?.split_whitespace().next()?.trim_matches(|c: char| !c.is_alphanumeric());
    let is_name = !word.is_empty()
        && word.chars().all(|c| c.is_alphanumeric() || c == '.')
        && word.chars().any(|c| c.is_uppercase());
    is_name.then(|| word.to_owned())
}

fn response_info(inline: &Inline) -> ResponseInfo {
    let text = &inline.text;
    let status = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 3)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|code| (100..600).contains(code));
    let type_link = first_page_link(&inline.links);
    let primitive = if type_link.is_none() { named_primitive(text) } else { None };
    let collection = match (&type_link, &primitive) {
        (Some(link), _) => {
            let before = text.find(&link.text).map_or("", |at| &text[..at]);
            before.to_ascii_lowercase().contains("collection")
        }
        (None, Some((_, at))) => {
            let (before, after) = (&text[..*at], &text[*at..]);
            let after = after.split_whitespace().nth(1).unwrap_or_default().to_ascii_lowercase();
            after.starts_with("collection") || before.to_ascii_lowercase().trim_end().ends_with("collection of")
        }
        (None, None) => false,
    };
    ResponseInfo { status, type_link, primitive: primitive.map(|(name, _)| name), collection, span: inline.span }
}

/// Edm primitives a response sentence may name as its body's type.
const PRIMITIVE_WORDS: &[&str] =
    &["String", "Boolean", "Int32", "Int64", "Double", "DateTimeOffset", "Guid", "Binary", "Date", "Duration"];

/// The first Edm primitive named (capitalized, as a whole word, after the
/// word "and" or "a"/"an" as Graph's sentences have it), with its offset.
fn named_primitive(text: &str) -> Option<(String, usize)> {
    let mut offset = 0;
    let mut previous = "";
    for word in text.split_inclusive(|c: char| !c.is_alphanumeric()) {
        let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        if PRIMITIVE_WORDS.contains(&bare) && matches!(previous, "a" | "an" | "and" | "of" | "the") {
            return Some((bare.to_owned(), offset));
        }
        if !bare.is_empty() {
            previous = bare;
        }
        offset += word.len();
    }
    None
}

/// Whether a table cell reads as a type: a link (`[message](message.md)`),
/// an Edm primitive, or either as a collection.
fn names_a_type(cell: &Inline) -> bool {
    if !cell.links.is_empty() {
        return true;
    }
    let text = cell.text.trim().trim_matches('`');
    let text = match text.get(..11) {
        Some(head) if head.eq_ignore_ascii_case("collection(") => text[11..].trim_end_matches(')'),
        _ => text,
    };
    let word = text.split_whitespace().next().unwrap_or_default().trim_start_matches("Edm.");
    PRIMITIVE_WORDS
        .iter()
        .chain(&["Int16", "Byte", "Single", "Decimal", "TimeOfDay", "Stream", "Int"])
        .any(|p| p.eq_ignore_ascii_case(word))
}

/// Other headings of a property table's type column.
const TYPE_HEADERS: &[&str] = &["value", "data type", "datatype", "type of value", "value type"];

const NAME_HEADERS: &[&str] =
    &["property", "name", "parameter", "property name", "parameter name", "relationship", "relationship name"];

/// A name column's cell: trimmed, code backticks dropped.
fn name_cell(cell: &Inline) -> &str {
    cell.text.trim().trim_matches('`').trim()
}

/// A property cell's name and the note written after it:
/// `tollFreeNumber (deprecated)` is `tollFreeNumber`, noted `deprecated`.
fn property_name(text: &str) -> (&str, Option<&str>) {
    let noted = text.strip_suffix(')').and_then(|t| t.split_once(" ("));
    match noted {
        Some((name, note)) if !name.contains(char::is_whitespace) => (name.trim(), Some(note.trim())),
        _ => (text, None),
    }
}

/// The trimmed text of column `at` of a row, if the column and cell exist.
fn cell_text(row: &[Inline], at: Option<usize>) -> Option<String> {
    at.and_then(|i| row.get(i)).map(|c| c.text.trim().to_owned())
}

/// `Name|Description`, `Header|Value`, `Name|Type|Description`.
fn header_rows(table: &Table) -> Vec<HeaderRow> {
    let header: Vec<String> = table.header.iter().map(|c| c.text.trim().to_ascii_lowercase()).collect();
    if !header.first().is_some_and(|h| matches!(h.as_str(), "name" | "header" | "request header" | "header name")) {
        return Vec::new();
    }
    let text_at =
        header.iter().position(|h| h == "description" || h == "value").unwrap_or(header.len().saturating_sub(1));
    table
        .rows
        .iter()
        .filter_map(|row| {
            let name = row.first()?;
            let name_text = name_cell(name);
            (!name_text.is_empty()).then(|| HeaderRow {
                name: name_text.to_owned(),
                description: cell_text(row, Some(text_at)).unwrap_or_default(),
                span: name.span,
            })
        })
        .collect()
}

fn property_rows(table: &Table, relationship: bool) -> Vec<PropertyRow> {
    let header: Vec<String> = table.header.iter().map(|c| c.text.trim().to_ascii_lowercase()).collect();
    let Some(name_at) = header.iter().position(|h| NAME_HEADERS.contains(&h.as_str())) else { return Vec::new() };
    // The type column is headed `Type` on most pages, `Value`, `Data type`
    // or `Type of value` on others (another team's pages, older Graph ones).
    // A `Value` column is a type column only when every cell names a type:
    // a `Name | Value` table of literal pairs (`extensionName |
    // %unique_string%`) describes a body, it types nothing.
    let type_at = header.iter().position(|h| h == "type").or_else(|| {
        let at = header.iter().position(|h| TYPE_HEADERS.contains(&h.as_str()))?;
        let typed = table.rows.iter().filter_map(|row| row.get(at)).all(names_a_type);
        (header[at] != "value" || typed).then_some(at)
    });
    let Some(type_at) = type_at else { return Vec::new() };
    let description_at = header.iter().position(|h| h == "description");
    let required_at = header.iter().position(|h| matches!(h.as_str(), "required" | "required?" | "is required"));
    table
        .rows
        .iter()
        .filter_map(|row| {
            let name = row.get(name_at)?;
            let kind = row.get(type_at)?;
            let description_cell = description_at.and_then(|i| row.get(i));
            let (name_text, note) = property_name(name_cell(name));
            if name_text.is_empty() {
                return None;
            }
            let description = description_cell.map(|d| d.text.trim()).unwrap_or_default();
            Some(PropertyRow {
                name: name_text.to_owned(),
                type_text: kind.text.trim().to_owned(),
                type_links: kind.links.clone(),
                description: note.map_or_else(|| description.to_owned(), |note| format!("({note}) {description}")),
                description_links: description_cell.map(|d| d.links.clone()).unwrap_or_default(),
                relationship,
                required_column: required_at.and_then(|i| row.get(i)).map(|cell| {
                    let answer = cell.text.trim().trim_matches(|c: char| c == '*' || c == '`').to_ascii_lowercase();
                    matches!(answer.as_str(), "yes" | "true" | "required" | "y")
                }),
                span: name.span,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{parse_page, Code};

    /// The kind: a property cell with a note after the name
    /// (`tollFreeNumber (deprecated)`) named a property no example uses.
    #[test]
    fn a_note_after_a_property_name_is_not_part_of_it() {
        let text = "---\ndoc_type: resourcePageType\n---\n# call resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| tollFreeNumber (deprecated) | String | The number. |\n| tollFreeNumbers | String collection | The numbers. |\n";
        let (page, _) = parse_page("resources/call.md", text);
        let rows: Vec<(&str, &str)> =
            page.properties.iter().map(|p| (p.name.as_str(), p.description.as_str())).collect();
        assert_eq!(rows, [("tollFreeNumber", "(deprecated) The number."), ("tollFreeNumbers", "The numbers.")]);
    }

    const HEAD: &str = "---\ndoc_type: apiPageType\n---\n# Get thing\n\n## Permissions\n\n|Permission type|Permissions|\n|:--|:--|\n|Application|Thing.Read.All|\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n\n## Response\n\nReturns `200 OK` and a [thing](../resources/thing.md).\n\n## Example\n\n";

    /// The kind: a `*` mark explained by a note under the table, as a
    /// plain note, a DocFX alert or a "marked with *" sentence.
    #[test]
    fn footnotes_under_the_table_reach_marked_scopes() {
        for (note, says) in [
            ("> [!IMPORTANT]\n> \\* Admins must allow the app first.", "Admins must allow the app first."),
            (">\\* **Important:** Send the `X-Acts-As` header.", "Send the X-Acts-As header."),
            (
                "> **Note**: Permissions marked with * use resource-specific consent.",
                "Permissions marked with * use resource-specific consent.",
            ),
        ] {
            let text = HEAD.replace(
                "|Application|Thing.Read.All|\n",
                &format!("|Application|Thing.Read.Group*, Thing.Read.All|\n\n{note}\n"),
            );
            let (page, _) = parse_page("api/thing-get.md", &text);
            let notes: Vec<Option<&str>> = page.permissions[0].scopes().map(|s| s.note.as_deref()).collect();
            assert_eq!(notes, [Some(says), None], "{note}");
        }
    }

    /// The kind: tables under sub-headings of the Permissions section that
    /// name a resource, in the 2021 wording and the current one.
    #[test]
    fn headings_over_permission_tables_are_their_conditions() {
        let table = "|Permission type|Permissions|\n|:--|:--|\n|Application|Thing.Read.All|\n";
        let text = HEAD.replace(
            &format!("## Permissions\n\n{table}"),
            &format!("## Permissions\n\n### Permissions for channel\n\n{table}\n### To retrieve the photo of a group\n\n{table}\n### Permissions\n\n{table}\n[!INCLUDE [permissions-table](../includes/permissions/x.md)]\n"),
        );
        let (page, _) = parse_page("api/thing-get.md", &text);
        let conditions: Vec<Option<Vec<Vec<String>>>> =
            page.permissions.iter().map(|t| t.condition.as_ref().map(|c| c.subjects.clone())).collect();
        assert_eq!(conditions, [Some(vec![vec!["channel".to_owned()]]), Some(vec![vec!["group".to_owned()]]), None]);
        assert_eq!(page.permission_includes.len(), 1);
        assert_eq!(page.permission_includes[0].condition, None, "under `### Permissions`");
    }

    /// The kind: a Response section whose later paragraphs name error
    /// outcomes, and one response answering several named requests.
    #[test]
    fn one_response_answers_every_request_it_names_and_errors_are_not_the_status() {
        let text = "---\ndoc_type: apiPageType\n---\n# Get drive\n\n## HTTP request\n\n```http\nGET /me/drive\nGET /drives/{id}\n```\n\n## Response\n\nEach returns a [drive][d].\n\n### Error response codes\n\nIf there is no drive an `HTTP 404` is returned.\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"by-me\" } -->\n```http\nGET /me/drive\n```\n\n<!-- { \"blockType\": \"request\", \"name\": \"by-id\" } -->\n```http\nGET /drives/1\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.drive\", \"name\": [\"by-id\", \"by-me\"] } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{ \"id\": \"1\" }\n```\n\n[d]: ../resources/drive.md\n";
        let (page, _) = parse_page("api/drive-get.md", text);
        assert_eq!(page.response.status, None, "a 404 outcome is not the call's status");
        assert_eq!(page.response.type_link.as_ref().map(|l| l.dest.as_str()), Some("../resources/drive.md"));
        assert_eq!(page.examples.len(), 2);
        for example in &page.examples {
            let response = example.response.as_ref().unwrap_or_else(|| panic!("{:?} has no response", example.name));
            assert_eq!(response.http.status, 200);
        }
    }

    #[test]
    fn the_success_status_and_the_type_may_be_in_different_paragraphs() {
        let text = HEAD.replace(
            "Returns `200 OK` and a [thing](../resources/thing.md).",
            "Returns a [thing](../resources/thing.md).\n\nIf successful, `200 OK`.\n\nSee [errors](../resources/errors.md) for `400 Bad Request`.",
        );
        let (page, _) = parse_page("api/thing-get.md", &text);
        assert_eq!(page.response.status, Some(200));
        assert_eq!(page.response.type_link.as_ref().map(|l| l.dest.as_str()), Some("../resources/thing.md"));
        let no_content = HEAD.replace(
            "Returns `200 OK` and a [thing](../resources/thing.md).",
            "Returns `204 No Content`.\n\nSee [thing](../resources/thing.md) for more.",
        );
        let (page, _) = parse_page("api/thing-delete.md", &no_content);
        assert_eq!(page.response.status, Some(204));
        assert!(page.response.type_link.is_none(), "a link after the status paragraph names no body");
    }

    /// The kind: request-body tables whose type column is not headed
    /// `Type` were skipped with no word, so the call took no body.
    #[test]
    fn a_type_column_headed_value_is_read() {
        let text = HEAD.replace(
            "## Response",
            "## Request body\n\n| Parameter | Value | Description |\n|:--|:--|:--|\n| message | [message](../resources/message.md) | The message. |\n| saveToSentItems | Boolean | Whether to save. |\n\n## Response",
        );
        let (page, _) = parse_page("api/user-sendmail.md", &text);
        let rows: Vec<(&str, &str)> =
            page.request_body.properties.iter().map(|r| (r.name.as_str(), r.type_text.as_str())).collect();
        assert_eq!(rows, [("message", "message"), ("saveToSentItems", "Boolean")]);
        // A `Name | Value` table of literal pairs types nothing.
        let pairs = HEAD.replace(
            "## Response",
            "## Request body\n\n| Name | Value |\n|:--|:--|\n| @odata.type | microsoft.graph.openTypeExtension |\n| extensionName | %unique_string% |\n\n## Response",
        );
        let (page, _) = parse_page("api/extension-post.md", &pairs);
        assert!(page.request_body.properties.is_empty(), "{:?}", page.request_body.properties);
    }

    #[test]
    fn unannotated_requests_and_bare_json_responses_pair() {
        let text = format!("{HEAD}### Request\n\n```http\nGET https://graph.microsoft.com/v1.0/things/1\n```\n\n**Response**\n\n```json\n{{ \"id\": \"1\", }}\n```\n");
        let (page, diagnostics) = parse_page("api/thing-get.md", &text);
        assert_eq!(page.examples.len(), 1);
        let response = page.examples[0].response.as_ref().unwrap();
        assert_eq!(response.http.status, 200);
        assert_eq!(response.http.body.as_ref().unwrap().json, Some(serde_json::json!({"id": "1"})));
        let codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::ExampleResponseBare) && codes.contains(&Code::ExampleBodyLenient), "{codes:?}");
    }

    /// The kind: requests a page keeps out of checking (`ignored`, or an
    /// `opaqueUrl` outside the API) were examples matched against routes.
    /// They are kept apart with their responses, and nothing after them
    /// pairs with the wrong request.
    #[test]
    fn ignored_and_opaque_requests_are_not_examples() {
        let text = format!(
            "{HEAD}<!-- {{ \"blockType\": \"request\", \"name\": \"real\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/things/1\n```\n\n\
             <!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nPUT /things/{{template-path}}\nContent-Type: application/json\n\n{{ \"a\": 1, }}\n```\n\n\
             ```json\n{{ \"answer\": \"to the ignored one\" }}\n```\n\n\
             <!-- {{ \"blockType\": \"request\", \"opaqueUrl\": true, \"name\": \"upload\" }} -->\n```http\nPUT https://upload.example.net/s/abc\nContent-Range: bytes 0-3/8\n\n<bytes>\n```\n\n\
             <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 202 Accepted\n```\n\n\
             <!-- {{ \"blockType\": \"response\", \"name\": \"real\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{{ \"id\": \"1\" }}\n```\n"
        );
        let (page, diagnostics) = parse_page("api/thing-get.md", &text);
        assert_eq!(page.examples.len(), 1, "{:?}", page.examples);
        assert_eq!(page.examples[0].response.as_ref().map(|r| r.http.status), Some(200));
        let unchecked: Vec<(&str, Option<u16>)> = page
            .unchecked_examples
            .iter()
            .map(|e| {
                (e.request.as_ref().map_or("", |r| r.http.url.as_str()), e.response.as_ref().map(|r| r.http.status))
            })
            .collect();
        assert_eq!(unchecked, [("/things/{template-path}", None), ("https://upload.example.net/s/abc", Some(202))]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    /// The kind: a route block written as a whole request (request line,
    /// headers, body) had its header and body lines reported as routes.
    #[test]
    fn a_request_written_in_the_route_block_is_one_route() {
        let text = HEAD.replace(
            "```http\nGET /things/{id}\n```",
            "```http\nPATCH /things/{id}\nGET /things/{id}\nContent-Type: application/json\nIf-Match: {etag}\n\n{\n  \"name\": \"x\"\n}\n```",
        );
        let (page, diagnostics) = parse_page("api/thing-update.md", &text);
        let routes: Vec<&str> = page.routes.iter().map(|r| r.route.method.as_str()).collect();
        assert_eq!(routes, ["PATCH", "GET"]);
        assert!(!diagnostics.iter().any(|d| d.code == Code::RouteInvalid), "{diagnostics:?}");
        // A line that is neither a route nor part of a message still is reported.
        let bad = HEAD.replace("```http\nGET /things/{id}\n```", "```http\nGET /things/{id}\nsee the table below\n```");
        let (_, diagnostics) = parse_page("api/thing-update.md", &bad);
        assert!(diagnostics.iter().any(|d| d.code == Code::RouteInvalid), "{diagnostics:?}");
    }

    #[test]
    fn a_missing_closing_fence_is_reported_where_markdown_was_swallowed() {
        let text = format!("{HEAD}<!-- {{ \"blockType\": \"request\", \"name\": \"x\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/things/1\n### Response\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\n```\n");
        let (_, diagnostics) = parse_page("api/thing-get.md", &text);
        let fence = diagnostics.iter().find(|d| d.code == Code::FenceUnclosed).unwrap();
        assert!(fence.message.contains("line 27"), "{}", fence.message); // the `### Response` line
    }

    #[test]
    fn callbacks_to_other_hosts_are_not_examples() {
        let text =
            format!("{HEAD}```http\nPOST https://bot.contoso.com/callback\nContent-Type: application/json\n```\n");
        let (page, _) = parse_page("api/thing-get.md", &text);
        assert!(page.examples.is_empty());
    }

    #[test]
    fn headers_and_parameters_are_read() {
        let text = format!("{HEAD}## Path parameters\n\n|Parameter|Type|Description|\n|:--|:--|:--|\n|id|String|The thing.|\n\n## Optional query parameters\n\n|Name|Type|Description|\n|:--|:--|:--|\n|$top|Int32|How many.|\n\n## Request headers\n\n|Header|Value|\n|:--|:--|\n|Authorization|Bearer {{token}}. Required.|\n");
        let (page, _) = parse_page("api/thing-get.md", &text);
        let params: Vec<_> =
            page.parameters.iter().map(|(at, row)| (*at, row.name.as_str(), row.type_text.as_str())).collect();
        assert_eq!(
            params,
            [(super::ParameterLocation::Path, "id", "String"), (super::ParameterLocation::Query, "$top", "Int32")]
        );
        assert_eq!(page.request_headers.len(), 1);
        assert_eq!(page.request_headers[0].name, "Authorization");
        assert!(page.request_headers[0].description.contains("Required"));
    }

    #[test]
    fn a_base_type_named_in_prose_is_kept() {
        let text = "---\ndoc_type: resourcePageType\n---\n# user resource type\n\nA user. Inherits from [directoryObject](directoryobject.md).\n";
        let (page, _) = parse_page("resources/user.md", text);
        assert_eq!(page.inherits_from.map(|l| l.text).as_deref(), Some("directoryObject"));
    }

    #[test]
    fn sections_are_found_by_text_at_any_level() {
        let text = "---\ndoc_type: apiPageType\n---\n# T\n\n#### http REQUEST\n\n``` http\nGET /a\nGET /a\nGET /a?$top=1\n```\n";
        let (page, diagnostics) = parse_page("api/t.md", text);
        assert_eq!(page.routes.len(), 2, "a query makes a distinct route");
        assert!(diagnostics.iter().any(|d| d.code == Code::RouteDuplicate));
    }
}
