//! Annotations: `<!-- { "blockType": "request", "name": "x" } -->` comments
//! that say what the next code block is.

use serde_json::{Map, Value};

use crate::diag::{Code, Diagnostic, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockType {
    Request,
    Response,
    Resource,
    Ignored,
    Example,
    Samples,
    SimulatedResponse,
    Permissions,
    /// Not a known value; treated as ignored and reported.
    Unknown(String),
}

impl BlockType {
    fn from_str(text: &str) -> Self {
        match text.trim().to_ascii_lowercase().as_str() {
            "request" => Self::Request,
            "response" => Self::Response,
            "resource" => Self::Resource,
            "ignored" => Self::Ignored,
            "example" => Self::Example,
            "samples" => Self::Samples,
            "simulatedresponse" => Self::SimulatedResponse,
            "permissions" => Self::Permissions,
            _ => Self::Unknown(text.to_owned()),
        }
    }
}

/// A parsed annotation. `raw` keeps every key for later stages.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    pub block_type: BlockType,
    /// `name` as a list (the key may hold a string or an array).
    pub names: Vec<String>,
    /// `@odata.type` (or `@type`).
    pub odata_type: Option<String>,
    pub truncated: bool,
    pub is_collection: bool,
    pub expect_error: bool,
    pub raw: Map<String, Value>,
    pub span: Span,
}

/// Outcome of reading one HTML comment.
pub enum Parsed {
    /// The comment holds no JSON object: an ordinary comment.
    NotAnnotation,
    Annotation(Annotation, Vec<Diagnostic>),
    Invalid(Diagnostic),
}

/// Reads the first balanced `{...}` of a comment as an annotation.
pub fn parse(comment_text: &str, file: &str, span: Span) -> Parsed {
    let trimmed = comment_text.trim_start();
    if !trimmed.starts_with('{') {
        return Parsed::NotAnnotation;
    }
    let offset = comment_text.len() - trimmed.len();
    let Some(end) = balanced_object_end(trimmed) else {
        return Parsed::Invalid(
            Diagnostic::new(Code::AnnotationInvalid, file, span, "annotation JSON has no closing `}`")
                .with_help("close the JSON object before `-->`"),
        );
    };
    let object_text = &comment_text[offset..offset + end];
    let object = match serde_json::from_str::<Value>(object_text) {
        Ok(Value::Object(object)) => object,
        Ok(_) => {
            return Parsed::Invalid(Diagnostic::new(
                Code::AnnotationInvalid,
                file,
                span,
                "annotation is not a JSON object",
            ))
        }
        Err(err) => {
            return Parsed::Invalid(
                Diagnostic::new(Code::AnnotationInvalid, file, span, format!("annotation is not valid JSON: {err}"))
                    .with_help("use double-quoted keys and strings and no trailing commas"),
            )
        }
    };
    // ApiDoctor's page-level metadata (`"type": "#page.annotation"`) says
    // nothing about the next block.
    if !object.contains_key("blockType")
        && object.get("type").and_then(Value::as_str).is_some_and(|t| t.starts_with("#page."))
    {
        return Parsed::NotAnnotation;
    }
    // A comment holding JSON with no `blockType` and keys no annotation
    // has (`id`, `displayName`) is a body the author commented out.
    if !object.contains_key("blockType") && object.keys().any(|k| !ANNOTATION_KEYS.contains(&k.as_str())) {
        return Parsed::NotAnnotation;
    }
    let mut diagnostics = Vec::new();
    let trailing = comment_text[offset + end..].trim();
    if !trailing.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                Code::AnnotationTrailingText,
                file,
                span,
                format!("text after the annotation's JSON object is ignored: `{}`", shorten(trailing, 60)),
            )
            .with_help("move the note out of the annotation comment"),
        );
    }
    let block_type = match object.get("blockType").and_then(Value::as_str) {
        Some(text) => BlockType::from_str(text),
        None => BlockType::Unknown(String::new()),
    };
    if let BlockType::Unknown(name) = &block_type {
        diagnostics.push(
            Diagnostic::new(Code::BlockTypeUnknown, file, span, format!("unknown blockType `{name}`; block ignored"))
                .with_help("use one of request, response, resource, ignored, example, permissions"),
        );
    }
    let names = match object.get("name") {
        Some(Value::String(name)) => vec![name.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    let flag = |key: &str| object.get(key).is_some_and(|v| v.as_bool() == Some(true) || v.as_str() == Some("true"));
    let annotation = Annotation {
        block_type,
        names,
        odata_type: object
            .get("@odata.type")
            .or_else(|| object.get("@type"))
            .and_then(Value::as_str)
            .map(str::to_owned),
        truncated: flag("truncated"),
        is_collection: flag("isCollection"),
        expect_error: flag("expectError"),
        raw: object,
        span,
    };
    Parsed::Annotation(annotation, diagnostics)
}

/// The keys ApiDoctor's code-block annotations use.
const ANNOTATION_KEYS: &[&str] = &[
    "blockType",
    "name",
    "@odata.type",
    "@type",
    "truncated",
    "isCollection",
    "expectError",
    "isEmpty",
    "scopes",
    "target",
    "tags",
    "opaqueUrl",
    "optionalProperties",
    "keyProperty",
    "baseType",
    "openType",
    "isPageable",
    "nullableProperties",
    "requiredProperties",
    "namespace",
    "readOnlyProperties",
    "sampleKeys",
    "@odata.annotations",
    "ignoredProperties",
    "section",
    "scope",
    "@type.aka",
    "@property.aka",
];

/// Byte length of the balanced `{...}` at the start of `text`, strings respected.
fn balanced_object_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut strings = crate::lenient::StringScan::default();
    for (i, c) in text.char_indices() {
        if strings.step(c) {
            continue;
        }
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

pub(crate) fn shorten(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annotation(text: &str) -> (Annotation, Vec<Diagnostic>) {
        match parse(text, "p.md", Span::default()) {
            Parsed::Annotation(a, d) => (a, d),
            Parsed::NotAnnotation => panic!("not an annotation"),
            Parsed::Invalid(d) => panic!("invalid: {}", d.message),
        }
    }

    #[test]
    fn reads_keys_and_reports_trailing_text() {
        let (a, d) = annotation(" {\n \"blockType\" : \"response\", \"name\": [\"a\",\"b\"], \"truncated\": true,\n \"@odata.type\": \"microsoft.graph.user\" } // Note: x");
        assert_eq!(a.block_type, BlockType::Response);
        assert_eq!(a.names, ["a", "b"]);
        assert!(a.truncated);
        assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.user"));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::AnnotationTrailingText);
    }

    #[test]
    fn invalid_and_unknown_are_reported() {
        assert!(matches!(parse("{ \"blockType\": \"request\", }", "p", Span::default()), Parsed::Invalid(_)));
        assert!(matches!(parse("{ \"blockType\": \"x\" ", "p", Span::default()), Parsed::Invalid(_)));
        assert!(matches!(parse(" markdownlint-disable ", "p", Span::default()), Parsed::NotAnnotation));
        // A commented-out body is no annotation; an annotation without a
        // blockType is still one, and reported.
        assert!(matches!(
            parse("\n{\"@odata.type\": \"#microsoft.graph.x\", \"id\": \"1\"}\n```\n", "p", Span::default()),
            Parsed::NotAnnotation
        ));
        let (_, d) = annotation("{\"name\": \"get-x\", \"truncated\": true}");
        assert_eq!(d[0].code, Code::BlockTypeUnknown);
        let (a, d) = annotation("{\"blockType\": \"weird\"}");
        assert_eq!(a.block_type, BlockType::Unknown("weird".into()));
        assert_eq!(d[0].code, Code::BlockTypeUnknown);
    }
}
