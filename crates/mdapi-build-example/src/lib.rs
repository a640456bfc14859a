//! The Graph API described by `docs-input/`, generated at build time by
//! `build.rs` and included here: how a crate uses mdapi from a build script.
#![forbid(unsafe_code)]

/// Models and endpoints generated from `docs-input/`.
#[allow(missing_docs)]
pub mod graph {
    include!(concat!(env!("OUT_DIR"), "/graph.rs"));
}

/// The widgets test fixture's API, generated the same way: its hostile
/// names, polymorphic types and required create body, as one file.
#[allow(missing_docs)]
pub mod widgets {
    include!(concat!(env!("OUT_DIR"), "/widgets.rs"));
}
