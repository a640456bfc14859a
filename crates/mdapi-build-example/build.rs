//! Generates the Graph API of `docs-input/` into `$OUT_DIR/graph.rs`, and
//! the widgets fixture's into `$OUT_DIR/widgets.rs` (so single-file output
//! of every construct the fixture has is compiled too), on every build
//! where a page changed (and only then: mdapi prints
//! `cargo:rerun-if-changed` for each page and folder it read).

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sets = [(here.join("../../docs-input"), "graph"), (here.join("../mdapi/tests/fixtures/widgets"), "widgets")];
    for (docs, name) in sets {
        let generator = mdapi::Generator::new().docs(docs).crate_name(name).crate_paths(&format!("crate::{name}"));
        let Some(generator) = generator.for_build_script() else {
            eprintln!("not run by cargo: OUT_DIR is not set");
            return ExitCode::FAILURE;
        };
        if let Err(err) = generator.generate() {
            eprintln!("mdapi: {err}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

// README-SNIPPET-START
// build.rs: writes $OUT_DIR/graph.rs and prints `cargo:rerun-if-changed`
// for every page and folder read, so only a docs change re-runs it.
#[allow(dead_code)]
fn generate_graph() -> Result<(), mdapi::Error> {
    let generator = mdapi::Generator::new().docs("../docs").crate_name("graph").crate_paths("crate::graph");
    // `None` outside cargo (no OUT_DIR): nothing to generate into.
    if let Some(generator) = generator.for_build_script() {
        generator.generate()?;
    }
    Ok(())
}
// README-SNIPPET-END

// docs/incremental.md: a rerun with nothing changed reuses the last run.
#[allow(dead_code)]
fn regenerate_if_changed() -> Result<(), mdapi::Error> {
    let (report, changes) = mdapi::Generator::new()
        .docs("docs-input")
        .out_dir("/tmp/graph")
        .format_cache("cache/mdapi-format")
        .generate()?;
    if report.reused {
        // Nothing changed since the last run into /tmp/graph.
        assert!(changes.written.is_empty());
    }
    Ok(())
}
