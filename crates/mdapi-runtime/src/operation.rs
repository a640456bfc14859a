//! What the docs say about one operation, as data the generated code carries.

use crate::access::Permissions;
use crate::path::PathPart;

/// One route of a documented operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// Stable identifier, unique in the generated crate.
    pub id: &'static str,
    /// HTTP method in upper case.
    pub method: &'static str,
    /// The route as documented, for messages.
    pub route: &'static str,
    /// The route as a template.
    pub path: &'static [PathPart<&'static str>],
    /// Permissions needed to call it.
    pub permissions: Permissions,
    /// Page (relative to the docs folder) and line the route comes from.
    pub source: (&'static str, u32),
}

impl Operation {
    /// Names of the path parameters, in order.
    pub fn parameters(&self) -> impl Iterator<Item = &'static str> {
        self.path.iter().filter_map(|part| match part {
            PathPart::Param(name) => Some(*name),
            PathPart::Literal(_) => None,
        })
    }
}
