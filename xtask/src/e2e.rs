//! `cargo xtask e2e`: the generated clients against loopback mock servers.
//! Every example case of the seed crate (`generated/graph`) and of the
//! generated v1.0 SDK whose bodies round-trip is sent through the client to
//! a wiremock server that checks method, path, query and JSON body against
//! the docs and answers with the documented response; the client's typed
//! value must equal it. (The v1.0 run is `corpus-crate v1.0`: clippy, every
//! example test, areas alone.) Ends with `N passed, M failed`.

use std::path::Path;

use crate::corpus_crate::{cargo_output, client_tally, run as corpus_crate};

/// At least this many corpus examples must go through the client.
const MIN_CORPUS_CHECKS: usize = 200;

pub fn run(root: &Path) -> Result<Vec<String>, String> {
    let seeds =
        cargo_output(root, &root.join("target"), &["test", "--quiet", "-p", "graph", "--test", "examples"], true)?;
    let corpus = corpus_crate(root, "v1.0")?;
    let mut failures = Vec::new();
    let mut total = (0, 0);
    for (name, stdout) in [("seed pages", &seeds), ("v1.0 corpus", &corpus)] {
        let Some((passed, failed, areas)) = client_tally(stdout) else {
            failures.push(format!("{name}: the harness printed no client-check line"));
            continue;
        };
        println!("{name}: {passed} examples through the client in {areas} areas, {failed} failed");
        total = (total.0 + passed, total.1 + failed);
        if failed > 0 {
            failures.push(format!("{name}: {failed} client checks failed"));
        }
        if name == "v1.0 corpus" && passed < MIN_CORPUS_CHECKS {
            failures.push(format!("{name}: only {passed} examples went through the client"));
        }
    }
    println!("{} passed, {} failed", total.0, total.1);
    Ok(failures)
}
