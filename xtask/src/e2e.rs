//! `cargo xtask e2e`: the generated clients against loopback mock servers.
//! Every example case of the seed crate (`generated/graph`) and of the
//! generated v1.0 SDK whose bodies round-trip is sent through the client to
//! a wiremock server that checks method, path, query and JSON body against
//! the docs and answers with the documented response; the client's typed
//! value must equal it. (The v1.0 run is `corpus-crate v1.0`: clippy, every
//! example test, areas alone.) Then `examples/everyday`, a program making
//! the everyday calls (paging, mail, a PATCH with a null, an upload
//! session, `$batch`, delta rounds, polymorphic members, calendarView)
//! through the v1.0 SDK against a mock answering as Graph does, each of its
//! steps counted. Then the SDK's `mock` feature (`e2e_mock`): every
//! checked example sent to the crate's mock server, and `examples/sdk-tests`
//! (code calling the SDK tested with the mock, and the SDK's typed `$select`
//! through its public API, `tests/select.rs`), each test counted. Ends with
//! `N passed, M failed`.

use std::path::Path;

use crate::corpus_crate::{cargo_output, client_tally, run as corpus_crate};

/// At least this many corpus examples must go through the client.
const MIN_CORPUS_CHECKS: usize = 200;

/// `examples/everyday`, run in the SDK's target dir (where `corpus-crate`
/// built the SDK, so it is not built again) with this workspace's lock file
/// (copied in: the program is a workspace of its own, like the SDK).
fn everyday(root: &Path) -> Result<String, String> {
    example(root, "everyday", "run")
}

/// `cargo <command> --quiet` on `examples/<name>`, set up as [`everyday`].
fn example(root: &Path, name: &str, command: &str) -> Result<String, String> {
    let dir = root.join("examples").join(name);
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let manifest = dir.join("Cargo.toml");
    let manifest = manifest.to_str().ok_or("the repository path is not UTF-8")?;
    cargo_output(
        root,
        &crate::target_dir(root).join("corpus-crates/target"),
        &[command, "--quiet", "--manifest-path", manifest],
        true,
    )
}

/// `(passed, failed)` from the program's last line, `everyday: N passed, M failed`.
fn everyday_tally(stdout: &str) -> Option<(usize, usize)> {
    let line = stdout.lines().find(|l| l.starts_with("everyday: "))?;
    let numbers: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse().ok()).collect();
    match numbers.as_slice() {
        [passed, failed] => Some((*passed, *failed)),
        _ => None,
    }
}

pub fn run(root: &Path) -> Result<Vec<String>, String> {
    let seeds =
        cargo_output(root, &crate::target_dir(root), &["test", "--quiet", "-p", "graph", "--test", "examples"], true)?;
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
    match everyday(root).map(|stdout| everyday_tally(&stdout)) {
        Ok(Some((passed, failed))) => {
            println!("everyday program: {passed} steps through the v1.0 SDK, {failed} failed");
            total = (total.0 + passed, total.1 + failed);
            if failed > 0 {
                failures.push(format!("everyday: {failed} steps failed"));
            }
        }
        Ok(None) => failures.push("everyday: the program printed no `everyday: N passed, M failed` line".to_owned()),
        Err(err) => {
            total.1 += 1;
            failures.push(format!("everyday: {err}"));
        }
    }
    let (mock_failures, (passed, failed)) = crate::e2e_mock::run(root, false)?;
    failures.extend(mock_failures);
    total = (total.0 + passed, total.1 + failed);
    println!("{} passed, {} failed", total.0, total.1);
    Ok(failures)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_everyday_tally_is_its_last_line() {
        let stdout = "everyday step 1: GET /me: ok: Megan Bowen\neveryday step 2: paging: FAILED: 2 users\neveryday: 8 passed, 1 failed\n";
        assert_eq!(super::everyday_tally(stdout), Some((8, 1)));
        assert_eq!(super::everyday_tally("everyday step 1: GET /me: ok: 9 of 9\n"), None);
    }
}
