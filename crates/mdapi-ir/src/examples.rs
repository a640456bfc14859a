//! Examples: each request/response pair is attached to the route its URL
//! matches and its bodies are checked against the documented types. The
//! check decides what the generated test asserts: a body that contradicts
//! the tables gets a test that expects decoding to fail.

use mdapi_parse::page::{Example as PageExample, ExampleResponse as PageResponse, Page};
use mdapi_parse::{Code, Diagnostic, Span};
use serde_json::Value;

use crate::body_checks::{body_check, key_position, Context, WHOLE_BODY};
use crate::model::{
    BodyCheck, Example, ExampleRequest, ExampleResponse, Operation, Source, TypeName, TypeRef, UrlCheck,
};
use crate::page_facts::{count_response, namespace_of, PageTypes};
use crate::type_index::Types;

pub(crate) fn lower(
    page: &Page,
    operations: &[&Operation],
    page_types: &PageTypes,
    types: &Types<'_>,
    canon: &(dyn Fn(TypeRef) -> TypeRef + Sync),
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Example> {
    let mut cx = Context {
        page,
        types,
        diagnostics,
        unknown_reported_for: None,
        items_as_collection: true,
        primitive_wrapped: false,
        check_tags: true,
    };
    page.examples.iter().filter_map(|example| lower_one(&mut cx, example, operations, page_types, canon)).collect()
}

fn lower_one(
    cx: &mut Context<'_, '_>,
    example: &PageExample,
    operations: &[&Operation],
    page_types: &PageTypes,
    canon: &(dyn Fn(TypeRef) -> TypeRef + Sync),
) -> Option<Example> {
    let request = example.request.as_ref()?;
    let url_line = request.span.line + 1;
    crate::versions::check_example(cx.page, page_types.version.as_deref(), &request.http.url, url_line, cx.diagnostics);
    let path = mdapi_parse::route::without_argument_spaces(mdapi_runtime::path::example_path(&request.http.url));
    let path = path.as_ref();
    let matched = operations.iter().find_map(|op| {
        let same_method = op.method.eq_ignore_ascii_case(&request.http.method);
        let bindings = mdapi_runtime::path::match_path(&op.path_parts, path).filter(|_| same_method)?;
        Some((op, bindings.into_iter().map(|(n, v)| (n.to_owned(), v)).collect::<Vec<_>>()))
    });
    let (operation, url_check) = match matched {
        Some((op, bindings)) => (Some(*op), UrlCheck::Matches { bindings }),
        // A call shown on a page without routes (a concept page) that no
        // page documents: nothing to check it against, and no page to fix.
        None if page_types.routes_elsewhere => {
            cx.diagnostics.push(
                Diagnostic::new(
                    Code::ExampleUrlUndocumented,
                    &cx.page.path,
                    Span { line: url_line, column: 1, ..request.span },
                    format!(
                        "example `{} {}` calls a route no page of the doc set documents; it is not checked",
                        request.http.method, path
                    ),
                )
                .with_help("document the route on its API page, or check the example's URL"),
            );
            return None;
        }
        None => {
            let routes: Vec<String> = operations.iter().map(|op| format!("{} {}", op.method, op.path)).collect();
            let listed = if routes.is_empty() { "the page has no valid route".to_owned() } else { routes.join(", ") };
            cx.diagnostics.push(
                Diagnostic::new(
                    Code::ExampleUrlUnmatched,
                    &cx.page.path,
                    Span { line: url_line, column: 1, ..request.span },
                    format!("example `{} {}` matches none of the page's routes ({listed})", request.http.method, path),
                )
                .with_help(
                    "make the example URL follow one of the routes in the HTTP request block, or add its route there",
                ),
            );
            let candidates = operations.iter().map(|op| op.id.clone()).collect();
            (None, UrlCheck::MatchesNone { candidates })
        }
    };

    // An example that matches no route is checked against the types the
    // page documents only when it uses one of the page's methods: a `PUT`
    // shown on a page of `POST` routes is another call, whose body and
    // answer the page does not describe.
    let page_call = operation.is_some()
        || cx.page.routes.is_empty()
        || cx.page.routes.iter().any(|r| r.route.method.eq_ignore_ascii_case(&request.http.method));
    let page_request = page_types.request.clone().filter(|_| page_call);
    let page_response = page_types.response.clone().filter(|_| page_call);
    let request_type = operation.and_then(|op| op.request_body.clone()).or(page_request);
    let (request_body, request_check) = match &request.http.body {
        Some(body) => {
            // The page's `Required.` rows of a shared body type: its own `Body`
            // in the generated code has them as plain fields.
            let required = operation.map_or(&[][..], |op| op.required_properties.as_slice());
            let check = body_check(cx, &request.http.headers, body, request.body_line, request_type.as_ref(), required);
            if let Some(json) = &body.json {
                let (line, _) = key_position(&body.text, "@odata.type", request.body_line);
                namespace_check(cx, json.get("@odata.type").and_then(Value::as_str), line);
            }
            (body.json.clone(), Some(check))
        }
        // The call takes a body the example leaves out (a PATCH shown
        // without its changes): a doc defect, and nothing to send.
        None => match operation.and_then(|op| op.request_body.as_ref()) {
            Some(takes) => {
                let reason = format!("the example sends no body, but the call takes a `{}`", takes.name);
                cx.diagnostics.push(
                    Diagnostic::new(
                        Code::ExampleBodyMissing,
                        &cx.page.path,
                        Span { line: url_line, column: 1, ..request.span },
                        reason.clone(),
                    )
                    .with_help("show the request body the call sends, after the request's headers and a blank line"),
                );
                (None, Some(BodyCheck::Unchecked { reason }))
            }
            None => (None, None),
        },
    };

    let response = example.response.as_ref().map(|response| {
        let annotated = crate::responses::annotated_type(response, namespace_of(cx.page))
            .map(canon)
            .filter(|t| crate::responses::known(cx.types, t));
        namespace_check(cx, response.annotation.odata_type.as_deref(), response.annotation.span.line);
        let succeeds = (200..300).contains(&response.http.status) && !response.annotation.expect_error;
        // A matched example is checked against what its operation answers:
        // that is the type the generated call decodes.
        let declared = operation.filter(|_| succeeds).map(|op| {
            let format = crate::responses::format_of(&request.http.url);
            let formatted = op.response.formats.iter().find(|f| Some(&f.format) == format.as_ref());
            formatted.map_or_else(|| op.response.body.clone(), |f| Some(f.body.clone()))
        });
        let annotation_agrees = match (&declared, &annotated) {
            (Some(declared), Some(annotated)) => agrees(cx, response, annotated, declared.as_ref()),
            _ => true,
        };
        // A `{"value": [...]}` body is read as a collection only where no
        // operation declares what the call answers.
        cx.items_as_collection = declared.is_none();
        cx.primitive_wrapped = count_response(path).is_none();
        let untyped = TypeRef { name: TypeName::Json, collection: false };
        let response_type = match declared.clone() {
            // Also when the page lists no `/$count` route for the URL.
            _ if count_response(path).is_some() => count_response(path),
            // JSON the docs name no type for: checked (and reported) as untyped.
            Some(Some(declared)) if declared == untyped && annotated.is_none() => None,
            Some(declared) => declared,
            None => annotated.clone().or(page_response),
        };
        let (body, check) = match &response.http.body {
            // A JSON answer where the call answers nothing (another page
            // restating the route shows a body the service does not send).
            Some(body) if declared == Some(None) && body.json.is_some() && response.http.status != 204 => {
                let reason =
                    format!("the example answers `{}` with a body, but the call answers none", response.http.status);
                cx.diagnostics.push(
                    Diagnostic::new(Code::ExampleResponseTypeDisagrees, &cx.page.path, response.span, reason.clone())
                        .with_help("show the answer the call's own page documents, or move the example to its route"),
                );
                (body.json.clone(), Some(BodyCheck::Unchecked { reason }))
            }
            Some(body) => {
                if let Some(json) = &body.json {
                    let (line, _) = key_position(&body.text, "@odata.type", response.body_line);
                    namespace_check(cx, json.get("@odata.type").and_then(Value::as_str), line);
                }
                (
                    body.json.clone(),
                    Some(body_check(cx, &response.http.headers, body, response.body_line, response_type.as_ref(), &[])),
                )
            }
            // The call answers a body the example leaves out (a `201
            // Created` shown bare): nothing to check the answer against.
            None => match declared
                .as_ref()
                .and_then(Option::as_ref)
                .filter(|answers| !answers.name.is_stream() && body_expected(&response.http))
            {
                Some(answers) => {
                    let reason = format!(
                        "the example answers `{}` with no body, but the call answers a `{}`",
                        response.http.status, answers.name
                    );
                    cx.diagnostics.push(
                        Diagnostic::new(Code::ExampleBodyMissing, &cx.page.path, response.span, reason.clone())
                            .with_help("show the body the call answers, after the response's headers and a blank line"),
                    );
                    (None, Some(BodyCheck::Unchecked { reason }))
                }
                None => (None, None),
            },
        };
        cx.items_as_collection = true;
        cx.primitive_wrapped = false;
        // Only a body with a type, declared or annotated, is compared; a
        // `204 No Content` carries no body on the wire (RFC 9110, 15.3.5)
        // whatever the example shows.
        let typed =
            (declared.as_ref().is_some_and(Option::is_some) || annotated.is_some()) && response.http.status != 204;
        let agrees_with_operation = declared.filter(|_| body.is_some() && typed).map(|declared| {
            let whole_body_fails =
                matches!(&check, Some(BodyCheck::DecodeFails { reason, .. }) if reason.starts_with(WHOLE_BODY));
            annotation_agrees && declared.is_some() && !whole_body_fails
        });
        ExampleResponse {
            status: response.http.status,
            headers: response.http.headers.clone(),
            body,
            body_check: check,
            agrees_with_operation,
        }
    });

    let missing_arguments = operation.map(|op| missing_arguments(cx, op, request)).unwrap_or_default();
    Some(Example {
        missing_arguments,
        id: String::new(),
        name: example.name.clone(),
        annotation_line: request.annotation.span.line,
        operation: operation.map(|op| op.id.clone()),
        url_check,
        request: ExampleRequest {
            method: request.http.method.clone(),
            url: request.http.url.clone(),
            headers: request.http.headers.clone(),
            body: request_body,
            body_check: request_check,
        },
        response,
        source: Source { file: cx.page.path.clone(), line: request.span.line },
    })
}

/// Whether a response annotation names the type (and shape) the
/// operation answers, or a type derived from it; a diagnostic if not.
fn agrees(cx: &mut Context<'_, '_>, response: &PageResponse, annotated: &TypeRef, declared: Option<&TypeRef>) -> bool {
    // An annotation without `Collection(...)` or `isCollection` names the
    // type, not the shape (list pages often leave the flag out); the body
    // itself is then checked for the shape.
    let agrees = declared.is_some_and(|d| {
        (d.collection || !annotated.collection)
            && (d.name.as_str().eq_ignore_ascii_case(annotated.name.as_str())
                || cx.types.derives_from(&annotated.name, &d.name))
    });
    if agrees {
        return true;
    }
    let shown = |t: &TypeRef| if t.collection { format!("Collection({})", t.name) } else { t.name.to_string() };
    let answers = declared.map_or_else(|| "no body".to_owned(), |d| format!("`{}`", shown(d)));
    cx.diagnostics.push(
        Diagnostic::new(
            Code::ExampleResponseTypeDisagrees,
            &cx.page.path,
            response.annotation.span,
            format!("the response annotation names `{}`, but the operation answers {answers}", shown(annotated)),
        )
        .with_help("make the annotation's `@odata.type` the type this route answers, or move the example to its route"),
    );
    false
}

/// The call's required query values and headers that the example does not
/// send, each reported: the call cannot be made as documented.
fn missing_arguments(
    cx: &mut Context<'_, '_>,
    op: &Operation,
    request: &mdapi_parse::page::ExampleRequest,
) -> Vec<String> {
    let query = request.http.url.split_once('?').map_or("", |(_, q)| q);
    let sent_query = |name: &str| {
        query.split('&').any(|pair| pair.split_once('=').map_or(pair, |(n, _)| n).trim().eq_ignore_ascii_case(name))
    };
    let sent_header = |name: &str| request.http.headers.iter().any(|(n, _)| n.trim().eq_ignore_ascii_case(name));
    let missing: Vec<String> = op
        .required_query()
        .into_iter()
        .filter(|p| !sent_query(&p.name))
        .map(|p| format!("query `{}`", p.name))
        .chain(
            op.required_headers().into_iter().filter(|h| !sent_header(&h.name)).map(|h| format!("header `{}`", h.name)),
        )
        .collect();
    if !missing.is_empty() {
        cx.diagnostics.push(
            Diagnostic::new(
                Code::ExampleArgumentMissing,
                &cx.page.path,
                Span { line: request.span.line + 1, column: 1, ..request.span },
                format!("the example leaves out what the call requires: {}", missing.join(", ")),
            )
            .with_help("send every query parameter and header the page marks Required in the example"),
        );
    }
    missing
}

/// Whether a successful answer shown without a body should have shown one.
/// Not a status that carries none or need not (`202 Accepted`: the work is
/// done later, and the answer says where to look, RFC 9110 15.3.3; `204`,
/// `205`), and not media (bytes are never shown in a page: a `Stream`
/// answer is shown by its `Content-Type`).
fn body_expected(response: &mdapi_parse::http::HttpResponse) -> bool {
    let content_type = response.headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("content-type"));
    let media = content_type.is_some_and(|(_, value)| !value.to_ascii_lowercase().contains("json"));
    !matches!(response.status, 202 | 204 | 205) && !media
}

fn namespace_check(cx: &mut Context<'_, '_>, odata_type: Option<&str>, line: u32) {
    let Some(odata_type) = odata_type else { return };
    let name = odata_type.trim().trim_start_matches('#');
    let name = crate::edm::collection_element(name).unwrap_or(name);
    let Some((namespace, _)) = name.rsplit_once('.') else { return };
    let page_namespace = namespace_of(cx.page);
    // `Edm.Int32`, `Edm.String`: OData's own primitives are in no page's
    // namespace, and right wherever they are named.
    let edm = namespace.eq_ignore_ascii_case("Edm");
    if !edm
        && !namespace.eq_ignore_ascii_case(page_namespace)
        && !namespace.to_ascii_lowercase().starts_with("microsoft.graph")
    {
        cx.diagnostics.push(
            Diagnostic::new(
                Code::NamespaceMismatch,
                &cx.page.path,
                Span { line, column: 1, ..Span::default() },
                format!("`{odata_type}` is in namespace `{namespace}`, but the page documents `{page_namespace}`"),
            )
            .with_help(format!("use `{page_namespace}.{}`", name.rsplit('.').next().unwrap_or(name))),
        );
    }
}
