//! Generates the Graph API of `docs-input/` into `$OUT_DIR/graph.rs` on every
//! build where a page changed (and only then: mdapi prints
//! `cargo:rerun-if-changed` for each page and folder it read).

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input");
    let generator = mdapi::Generator::new().docs(docs).crate_name("graph").crate_paths("crate::graph");
    let Some(generator) = generator.for_build_script() else {
        eprintln!("not run by cargo: OUT_DIR is not set");
        return ExitCode::FAILURE;
    };
    match generator.generate() {
        Ok(_) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("mdapi: {err}");
            ExitCode::FAILURE
        }
    }
}
