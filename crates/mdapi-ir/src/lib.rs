//! The API model between markdown and Rust: pages from `mdapi-parse` are
//! merged into one [`Api`] of types, operations and examples, with
//! diagnostics for what the docs get wrong.
//!
//! Order of work ([`lower`]): link checks; the type table (every definition
//! and mention, merged by case-insensitive qualified name); operations, one
//! per route; examples, attached to the route their URL matches and checked
//! against the types. Output is sorted, so it never depends on input order.
#![forbid(unsafe_code)]
#![warn(missing_docs, unreachable_pub)]

pub mod access;
mod alternatives;
mod body_checks;
mod declarations;
mod edm;
mod example_routes;
mod examples;
mod limits;
mod links;
mod literals;
mod lower;
mod merge;
mod model;
pub mod names;
mod operations;
mod page_facts;
mod permissions;
mod representations;
mod responses;
#[cfg(test)]
mod test_support;
mod type_index;
mod type_name;
mod types;
mod values;
mod versions;

pub use access::{Access, Condition, Scope, ScopeSet};
pub use body_checks::wraps_primitive;
pub use limits::MAX_STRUCT_FIELDS;
pub use lower::lower;
pub use mdapi_parse::page::ParameterLocation;
pub use mdapi_parse::{Code, Diagnostic, Severity, Span};
pub use mdapi_runtime::route::MAX_TREE_SEGMENTS;
pub use model::*;
pub use type_index::{Resolved, TypeId, TypeIndex};

/// A JSON value cut to a readable length for messages.
pub(crate) fn short_json(value: &serde_json::Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}
