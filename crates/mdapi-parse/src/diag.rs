//! Diagnostics are values: collected and returned, never printed here.

use serde::Serialize;

/// How bad a diagnostic is. `Error`: the docs contradict themselves or
/// something could not be generated. `Warning`: likely a doc defect, output
/// still complete. `Note`: worth knowing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

macro_rules! codes {
    ($( $variant:ident = $name:literal, $severity:ident, $summary:literal; )*) => {
        /// Stable diagnostic codes. The string form is the public name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $( $variant, )* }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The position in [`Code::ALL`] (a SARIF rule index).
            pub fn index(self) -> usize {
                self as usize
            }

            /// The stable public name, e.g. `permission-placeholder`.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            /// The severity every diagnostic with this code has.
            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$severity, )* }
            }

            /// One line saying what the code is about.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }
        }
    };
}

codes! {
    InternalError = "internal-error", Error, "mdapi failed on this page; this is a bug in mdapi";
    PageUnreadable = "page-unreadable", Error, "a page could not be read from disk";
    PageNotUtf8 = "page-not-utf8", Warning, "a page is not valid UTF-8; invalid bytes were replaced";
    PageDuplicate = "page-duplicate", Error, "two docs folders hold a page at the same relative path";
    DiagnosticsCapped = "diagnostics-capped", Note, "more diagnostics of one code on one page were found than are shown";
    PageKindUnknown = "page-kind-unknown", Note, "a page has no known `doc_type`; only its tables and links are read";
    PageKindInferred = "page-kind-inferred", Note, "a page has no known `doc_type`; its kind was read from what it holds";
    VersionsMixed = "versions-mixed", Warning, "the doc set holds pages of more than one API version, merged into one API";
    PageKindMismatch = "page-kind-mismatch", Warning, "a page's `doc_type` disagrees with what it documents";
    PageEmpty = "page-empty", Warning, "a resource or enum page defines no type or members mdapi can read";
    FrontMatterInvalid = "front-matter-invalid", Warning, "the YAML front matter does not parse";
    AnnotationInvalid = "annotation-invalid", Error, "an annotation comment does not hold a JSON object";
    AnnotationTrailingText = "annotation-trailing-text", Note, "text follows the JSON object in an annotation";
    AnnotationUnclosed = "annotation-unclosed", Error, "an HTML comment is never closed and swallows the rest of the page";
    FenceUnclosed = "fence-unclosed", Error, "a code fence is never closed and swallows the rest of the page";
    AnnotationDangling = "annotation-dangling", Warning, "an example annotation is not followed by a code block";
    ExampleUnannotated = "example-unannotated", Note, "an example block has no annotation; it was recognized by its content";
    BlockTypeUnknown = "block-type-unknown", Warning, "an annotation has an unknown blockType";
    HttpBlockMissing = "http-block-missing", Warning, "an API page has no HTTP request block";
    RouteInvalid = "route-invalid", Error, "a line in the HTTP request block is not a route";
    RouteNonstandard = "route-nonstandard", Warning, "a route is written in a non-standard form (no leading `/`, `<name>` placeholders) and was read anyway";
    RouteDuplicate = "route-duplicate", Note, "the same route is listed twice";
    RouteTooDeep = "route-too-deep", Warning, "a route has more segments than the path tree takes; it gets an endpoint function but no path-tree builder";
    PermissionPlaceholder = "permission-placeholder", Error, "a permission cell is a placeholder (TODO), not a scope list";
    PermissionTableMissing = "permission-table-missing", Warning, "an API page has no permissions table";
    IncludeMissing = "include-missing", Warning, "an `[!INCLUDE]` that holds part of the page points to no file in the doc set";
    IncludeSelf = "include-self", Warning, "an `[!INCLUDE]` that holds part of the page points at the page itself";
    PermissionRowUnknown = "permission-row-unknown", Warning, "a permissions table row names no known account type";
    PermissionUnreadable = "permission-unreadable", Warning, "a permission cell holds text that is not a scope name; it is not read as a scope";
    PermissionFormsMixed = "permission-forms-mixed", Warning, "a permission cell mixes forms (`A, B and C`, scopes with and without a condition), so its reading is a guess";
    PermissionNoteMissing = "permission-note-missing", Warning, "a scope is marked with `*` but its page has no footnote for the mark";
    PermissionConditionUnbound = "permission-condition-unbound", Note, "the page gives permissions per resource, and a route addresses none of the resources named";
    PermissionScopeRare = "permission-scope-rare", Note, "a scope name appears on one page only (likely a typo)";
    ExampleHttpInvalid = "example-http-invalid", Error, "an example block is not an HTTP request or response";
    ExampleBodyInvalid = "example-body-invalid", Warning, "an example body is not JSON";
    ExampleBodyUntyped = "example-body-untyped", Note, "the page names no type for an example body; it is checked as untyped JSON";
    ExampleBodyLenient = "example-body-lenient", Note, "an example body is not strict JSON; it was read leniently";
    ExampleResponseBare = "example-response-bare", Note, "a response example is a bare JSON body with no status line";
    ExampleResponseWrapped = "example-response-wrapped", Note, "a response example wraps one entity in `value`; Graph sends the entity itself";
    ExampleResponseExtra = "example-response-extra", Note, "a further response follows an example's response; it is not checked";
    ExampleResponseUnpaired = "example-response-unpaired", Warning, "a response example has no request example";
    ExampleNameDuplicate = "example-name-duplicate", Warning, "two examples in the doc set share a name";
    ExampleUrlUnmatched = "example-url-unmatched", Error, "an example URL matches none of the page's routes";
    ExampleRouteAdopted = "example-route-adopted", Warning, "an example calls a route the HTTP request block does not list; the route is generated from the example";
    ExampleUrlUndocumented = "example-url-undocumented", Note, "an example on a page without routes calls a route no page documents; it is not checked";
    ExampleVersionMismatch = "example-version-mismatch", Warning, "an example calls another API version than its page documents";
    ExampleTypeMismatch = "example-type-mismatch", Error, "an example value disagrees with the type the tables declare";
    ExampleBodyMissing = "example-body-missing", Warning, "an example shows no body where its operation sends or answers one";
    ExampleArgumentMissing = "example-argument-missing", Warning, "an example leaves out a query parameter or header its call requires";
    ExampleResponseTypeDisagrees = "example-response-type-disagrees", Warning, "a response annotation names another type than the operation answers";
    ExamplePropertyUnknown = "example-property-unknown", Warning, "an example uses a property the type's tables do not list";
    ExampleValueLenient = "example-value-lenient", Note, "an example value is in a form services send but OData does not define (a date-time without an offset, `\"\"` for a GUID); the models read it";
    ExampleTypeTagMissing = "example-type-tag-missing", Warning, "a value of an abstract or base type does not say which derived type it is (`@odata.type`)";
    NamespaceMismatch = "namespace-mismatch", Warning, "an @odata.type names another namespace than the page";
    LinkMissingPage = "link-missing-page", Warning, "a link points to a page that is not in the doc set";
    LinkCaseMismatch = "link-case-mismatch", Warning, "a link's target differs only in letter case from a page of the doc set";
    TypeUnresolved = "type-unresolved", Warning, "a type name resolves to no documented type";
    TypeIncomplete = "type-incomplete", Note, "a type has no resource page; it is known only from other pages and generated as open";
    ResourceJsonInvalid = "resource-json-invalid", Warning, "a resource page's JSON representation is not JSON; it is not checked";
    ResourceJsonMismatch = "resource-json-mismatch", Note, "a resource page's JSON representation and its properties table list different properties";
    TypeConflict = "type-conflict", Warning, "two pages describe the same property with different types";
    TypeNameCase = "type-name-case", Warning, "two pages define types whose names differ only in case; they are one type";
    TypeNamesPrimitive = "type-names-primitive", Warning, "a type is named like an Edm primitive (`microsoft.graph.String`); it is read as that primitive";
    TypeNameInvalid = "type-name-invalid", Warning, "a type's qualified name has parts that are not OData identifiers";
    BaseTypeConflict = "base-type-conflict", Warning, "a resource page's annotation (`baseType`) and its text (\"Inherits from\") name different base types";
    TypeTooLarge = "type-too-large", Error, "a type has more properties (with its bases') than a generated struct holds; it is generated open, without them";
    TypeAlternatives = "type-alternatives", Note, "a type cell names several types (`A or B`) with no common base; the property takes any JSON value";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A place in a page: byte range plus the 1-based line and column of its start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: u32,
    pub column: u32,
}

/// A secondary location a diagnostic points at ("declared here").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub file: String,
    pub span: Span,
    pub label: String,
}

/// One finding about the docs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Page path relative to its docs folder, `/`-separated.
    pub file: String,
    pub span: Span,
    pub message: String,
    /// How to fix the page.
    pub help: Option<String>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn new(code: Code, file: &str, span: Span, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: code.severity(),
            file: file.to_owned(),
            span,
            message: message.into(),
            help: None,
            related: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(mut self, file: &str, span: Span, label: impl Into<String>) -> Self {
        self.related.push(Related { file: file.to_owned(), span, label: label.into() });
        self
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn a_code_index_is_its_place_in_all() {
        for (at, code) in Code::ALL.iter().enumerate() {
            assert_eq!(code.index(), at, "{code}");
        }
    }
}
