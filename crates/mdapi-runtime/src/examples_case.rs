//! The data a generated crate's example table is made of: one [`Case`]
//! per documented example, with what its URL ([`UrlCase`]) and bodies
//! ([`BodyCase`]) must do. Re-exported by [`examples`](crate::examples),
//! which runs the cases; kept apart so the modules that run them
//! (`examples`, `examples_client`, `examples_wire`, `mock`) all read it
//! without importing one another in a circle.

use crate::operation::Operation;

/// What a documented example URL must do.
pub enum UrlCase {
    /// Match `operation`'s route, binding these (still percent-encoded) values.
    Matches {
        /// The operation whose route the URL calls.
        operation: &'static Operation,
        /// Each path parameter's name and the value the URL gives it.
        bindings: &'static [(&'static str, &'static str)],
    },
    /// Match none of the page's routes: a doc defect the test asserts, so it
    /// fails (and asks for regeneration) once the page is fixed.
    MatchesNone {
        /// The operations of the example's page.
        operations: &'static [&'static Operation],
    },
}

/// What a documented example body must do.
pub enum BodyCase {
    /// Decode into the declared type and encode back to equal JSON.
    RoundTrip {
        /// The body as documented.
        json: &'static str,
        /// `check::round_trip::<T>` for the declared type `T`.
        check: fn(&str),
    },
    /// One entity wrapped in `{"value": {...}}` (intune pages): the entity
    /// inside round-trips. Graph sends the entity itself, so the client
    /// check's mock answers with the entity inside.
    Wrapped {
        /// The body as documented, wrapper included.
        json: &'static str,
        /// `check::round_trip_wrapped::<T>` for the declared type `T`.
        check: fn(&str),
    },
    /// Fail to decode, for the reason a diagnostic gives: the page
    /// contradicts its own tables.
    DecodeFails {
        /// The body as documented.
        json: &'static str,
        /// The diagnostic's reason, which the decode error must show.
        reason: &'static str,
        /// `check::decode_fails::<T>` for the declared type `T`.
        check: fn(&str, &str),
    },
    /// Fail to parse as JSON although it claims to be JSON (a doc defect).
    NotJson {
        /// The body as documented.
        text: &'static str,
        /// Why it is not JSON, as the diagnostic says.
        reason: &'static str,
    },
}

/// One documented example, or a resource page's JSON representation (with
/// its placeholders made concrete): that case has no method or URL, and its
/// body is in `response`.
pub struct Case {
    /// The API area (cargo feature) of the example's operation.
    pub area: &'static str,
    /// The example's name, unique in the crate.
    pub name: &'static str,
    /// Page and line of the example.
    pub source: (&'static str, u32),
    /// The request's HTTP method, upper case (`""` for a representation).
    pub method: &'static str,
    /// The request's URL as documented, absolute or relative (`""` for a
    /// representation).
    pub url: &'static str,
    /// The documented request's headers the call must send (not the ones
    /// the client sets itself: `Authorization`, `Content-Type`,
    /// `Content-Length`), as written.
    pub headers: &'static [(&'static str, &'static str)],
    /// The documented response's monitor headers (`Location`,
    /// `Operation-Location`, `Retry-After`), which the mock server answers
    /// with and an `Accepted` answer must return.
    pub response_headers: &'static [(&'static str, &'static str)],
    /// What the URL must do; `None` for a representation, or when the URL
    /// is not checked.
    pub url_case: Option<UrlCase>,
    /// What the request body must do, when there is one.
    pub request: Option<BodyCase>,
    /// What the response body (or the representation) must do, when
    /// there is one.
    pub response: Option<BodyCase>,
    /// The documented response status (0 when the example has none).
    pub status: u16,
    /// Whether the client check applies: the URL matches a route and every
    /// body is JSON that round-trips (no doc defect, no byte body).
    pub client_check: bool,
    /// How the client check calls the endpoint as a user would (`None`
    /// when the check does not apply).
    pub call: Option<crate::examples_call::Call>,
}

impl Case {
    /// `area::name`, the test's name.
    pub fn test_name(&self) -> String {
        format!("{}::{}", self.area, self.name)
    }
}
