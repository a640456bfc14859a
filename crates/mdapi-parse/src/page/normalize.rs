//! What the page says as a whole, once every block is read: a body
//! documented as "Parameters", `x values` sections of `String` properties,
//! the Permissions footnote on the scopes it marks.

use super::{Page, ParameterLocation, Reader};

impl Reader<'_> {
    pub(super) fn finish(mut self) -> Page {
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
