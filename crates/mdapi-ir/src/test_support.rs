//! What the unit tests of several passes build: an operation from a route
//! line, every other field empty, for each test to override what it is
//! about (`Operation { area: .., ..operation("GET /x") }`).

use crate::model::{Operation, Permissions, Response, Source};

/// The operation of one route line (`GET /users/{id}`, a query kept):
/// no id, title, body, parameters or permissions; a `200` with no body;
/// from `api/x.md`, line 1.
pub(crate) fn operation(route: &str) -> Operation {
    let parsed = mdapi_parse::route::parse(route).expect("a route");
    Operation {
        id: String::new(),
        method: parsed.method,
        path: parsed.path,
        path_parts: parsed.parts,
        query: parsed.query,
        title: String::new(),
        description: String::new(),
        request_body: None,
        required_properties: Vec::new(),
        response: Response { status: Some(200), body: None, formats: Vec::new() },
        permissions: Permissions::default(),
        request_headers: Vec::new(),
        parameters: Vec::new(),
        area: String::new(),
        also_documented: Vec::new(),
        route_from_example: false,
        source: Source { file: "api/x.md".to_owned(), line: 1 },
    }
}
