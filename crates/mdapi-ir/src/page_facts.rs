//! What one page says, read the same way by every step: its namespace,
//! the request and response body types it documents, the type a resource
//! page defines, whether a cell says `Required.`, a `/$count` route's
//! answer, and where on the page a fact is written.

use heck::ToLowerCamelCase;
use mdapi_parse::page::Page;
use mdapi_parse::Span;
use mdapi_runtime::edm::EdmPrimitive;

use crate::edm;
use crate::model::{Source, TypeName, TypeRef};

pub(crate) const DEFAULT_NAMESPACE: &str = "microsoft.graph";

pub(crate) fn namespace_of(page: &Page) -> &str {
    page.namespace.as_ref().map_or(DEFAULT_NAMESPACE, |n| n.text.as_str())
}

pub(crate) fn source(page: &Page, span: Span) -> Source {
    Source { file: page.path.clone(), line: span.line }
}

/// What a page documents for its examples: the request and response body
/// types, the API version, and whether the calls it shows are documented
/// on other pages (it has no routes of its own).
pub(crate) struct PageTypes {
    pub request: Option<TypeRef>,
    pub response: Option<TypeRef>,
    pub version: Option<String>,
    pub routes_elsewhere: bool,
}

pub(crate) fn page_request_type(page: &Page) -> Option<TypeRef> {
    if page.request_body.none {
        return None;
    }
    let name = match (&page.request_body.type_link, &page.request_body.type_name) {
        (Some(link), _) => {
            Some(edm::type_name_of_link(link, namespace_of(page))).filter(|n| crate::types::is_odata_name(n))?
        }
        (None, Some(name)) => edm::qualify(&name.text, namespace_of(page)),
        (None, None) => parameter_body_name(page)?,
    };
    Some(TypeRef { name: TypeName::from_ir_owned(name), collection: false })
}

/// A request body the page gives only as a table of parameters (an action's
/// body) gets a type of its own, named after the page:
/// `user-assignlicense.md` → `microsoft.graph.userAssignlicenseRequestBody`.
pub(crate) fn parameter_body_name(page: &Page) -> Option<String> {
    if page.request_body.none || page.request_body.properties.is_empty() {
        return None;
    }
    let stem = page.path.rsplit('/').next()?.trim_end_matches(".md");
    Some(format!("{}.{}RequestBody", namespace_of(page), stem.to_lower_camel_case()))
}

pub(crate) fn page_response_type(page: &Page) -> Option<TypeRef> {
    if let (None, Some(primitive)) = (&page.response.type_link, &page.response.primitive) {
        return Some(TypeRef { name: TypeName::from_ir(primitive), collection: page.response.collection });
    }
    let link = page.response.type_link.as_ref()?;
    let name = edm::type_name_of_link(link, namespace_of(page));
    // A link in the response prose to another API page or to a section
    // (`onenoteoperation-get.md`, `#roles-property-values`) names no type.
    crate::types::is_odata_name(&name)
        .then(|| TypeRef { name: TypeName::from_ir_owned(name), collection: page.response.collection })
}

/// The type a resource page defines: the annotation's `@odata.type`, else the
/// title's first word (`profilePhoto resource type`).
pub(crate) fn resource_type_name(page: &Page) -> Option<String> {
    let namespace = namespace_of(page);
    if let Some(odata) = page.resource.as_ref().and_then(|a| a.odata_type.as_deref()) {
        return Some(edm::qualify(odata, namespace));
    }
    let title = page.title.as_ref()?.text.split_whitespace().next()?;
    let is_name = title.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '_');
    is_name.then(|| edm::qualify(title, namespace))
}

/// A `/$count` path answers with a bare number, whatever the page's type.
pub(crate) fn count_response(path: &str) -> Option<TypeRef> {
    let tail = path.len().checked_sub("/$count".len()).and_then(|at| path.get(at..));
    let counts = tail.is_some_and(|tail| tail.eq_ignore_ascii_case("/$count"));
    counts.then(|| TypeRef { name: EdmPrimitive::Int64.into(), collection: false })
}

/// A property description that says "Required." as a sentence of its own,
/// first or last: "Required. The name." or "The name. Required." Not "a
/// password is required." (a property's meaning), nor "Required if ..." (a
/// condition the type cannot express).
pub(crate) fn says_required(description: &str) -> bool {
    let lower = description.trim().trim_matches('*').to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("required") {
        return rest.is_empty() || rest.starts_with(['.', ',', ':', ';', ')']) || rest.starts_with(" -");
    }
    // "Required." as a sentence of its own anywhere: `respond-async.
    // Required. This action only runs asynchronously.`
    if lower.replace('*', "").split(". ").any(|sentence| sentence.trim().trim_matches(['.', ' ']) == "required") {
        return true;
    }
    let Some(before) = lower.trim_end_matches(['.', '*']).trim_end().strip_suffix("required") else { return false };
    let before = before.trim_end().trim_end_matches('*');
    before.is_empty() || before.ends_with(['.', ';', ')', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_paths_answer_a_number() {
        assert!(count_response("/users/$count").is_some());
        assert!(count_response("/users/$COUNT").is_some());
        assert!(count_response("/users").is_none());
        assert!(count_response("/é/éé").is_none(), "no panic inside a multibyte character");
    }

    #[test]
    fn required_is_a_sentence_of_its_own() {
        for yes in [
            "Required. The name.",
            "The name. Required.",
            "Required",
            "**Required.** Name",
            "Values: `a`, `b`. Required.",
            "respond-async. Required. This action only runs asynchronously.",
            "The tag. **Required.** Sent as is.",
        ] {
            assert!(says_required(yes), "{yes}");
        }
        for no in [
            "Minutes of inactivity before a password is required.",
            "Required if the group is mail-enabled.",
            "Optional. Not required",
            "Whether a PIN is required",
            "",
        ] {
            assert!(!says_required(no), "{no}");
        }
    }
}
