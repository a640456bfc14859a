//! `cargo xtask e2e-mock` (also a step of `cargo xtask e2e`): the v1.0
//! SDK's `mock` feature. First the SDK's own example tests with every
//! client check sent to the crate's mock server (`MDAPI_EXAMPLES_SERVER=mock`)
//! instead of a server per example, so each checked example proves the mock
//! answers its documented request with its documented answer; then
//! `examples/sdk-tests`, a crate of its own whose functions call Graph and
//! whose tests (`tests/mock.rs`) run them against the mock.

use std::path::Path;

use crate::corpus_crate::{cargo_output, generate};

/// `(served, passed, failed, areas, shadowed)` from the harness's lines in
/// mock mode; `shadowed`: examples whose request an earlier example
/// documents with another answer, which the mock serves.
pub fn mock_tally(stdout: &str) -> Option<(usize, usize, usize, usize, usize)> {
    let numbers = |prefix: &str| -> Vec<usize> {
        let line = stdout.lines().find(|l| l.starts_with(prefix)).unwrap_or_default();
        line.split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse().ok()).collect()
    };
    let served = numbers("the crate's mock server serves ");
    let checks = numbers("client check against the crate's mock server:");
    match (served.as_slice(), checks.as_slice()) {
        ([served], [passed, failed, areas, shadowed]) => Some((*served, *passed, *failed, *areas, *shadowed)),
        _ => None,
    }
}

/// `(passed, failed)` summed over libtest's `test result:` lines.
pub fn test_tally(stdout: &str) -> Option<(usize, usize)> {
    let mut total = None;
    for line in stdout.lines().filter(|l| l.starts_with("test result:")) {
        let word = |name: &str| {
            line.split(';').find_map(|part| part.trim().strip_suffix(name)?.rsplit(' ').next()?.parse::<usize>().ok())
        };
        let (passed, failed) = (word(" passed")?, word(" failed")?);
        let (p, f) = total.unwrap_or((0, 0));
        total = Some((p + passed, f + failed));
    }
    total
}

/// Runs both steps; returns the failures and `(passed, failed)` counted.
pub fn run(root: &Path, generate_first: bool) -> Result<(Vec<String>, (usize, usize)), String> {
    let target = crate::target_dir(root).join("corpus-crates/target");
    let dir =
        if generate_first { generate(root, "v1.0")?.dir } else { crate::target_dir(root).join("corpus-crates/v1_0") };
    let mut failures = Vec::new();
    let mut total = (0, 0);

    std::env::set_var("MDAPI_EXAMPLES_SERVER", "mock");
    let examples = cargo_output(&dir, &target, &["test", "--quiet", "--features", "mock", "--test", "examples"], true);
    std::env::remove_var("MDAPI_EXAMPLES_SERVER");
    match examples.map(|stdout| mock_tally(&stdout)) {
        Ok(Some((served, passed, failed, areas, shadowed))) => {
            println!(
                "v1.0 mock server: serves {served} documented examples; {passed} example calls answered as documented \
                 in {areas} areas, {failed} failed; {shadowed} matched an earlier example documenting the same \
                 request with another answer"
            );
            total = (total.0 + passed, total.1 + failed);
            if failed > 0 || passed == 0 {
                failures.push(format!("v1.0 mock server: {failed} example calls failed, {passed} passed"));
            }
        }
        Ok(None) => failures.push("v1.0 mock server: the harness printed no mock-server lines".to_owned()),
        Err(err) => {
            total.1 += 1;
            failures.push(format!("v1.0 mock server: {err}"));
        }
    }

    let sdk_tests = root.join("examples/sdk-tests");
    std::fs::copy(root.join("Cargo.lock"), sdk_tests.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let manifest = sdk_tests.join("Cargo.toml");
    let manifest = manifest.to_str().ok_or("the repository path is not UTF-8")?;
    match cargo_output(root, &target, &["test", "--manifest-path", manifest], true).map(|s| test_tally(&s)) {
        Ok(Some((passed, failed))) => {
            println!("sdk-tests: {passed} tests of code calling the v1.0 SDK passed, {failed} failed");
            total = (total.0 + passed, total.1 + failed);
            if failed > 0 || passed == 0 {
                failures.push(format!("sdk-tests: {failed} failed, {passed} passed"));
            }
        }
        Ok(None) => failures.push("sdk-tests: cargo test printed no `test result:` line".to_owned()),
        Err(err) => {
            total.1 += 1;
            failures.push(format!("sdk-tests: {err}"));
        }
    }
    Ok((failures, total))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_tallies_are_read_from_the_harness_and_libtest_lines() {
        let stdout = "the crate's mock server serves 2017 documented examples\n\
                      client check against the crate's mock server: 2010 passed, 7 failed, 48 areas; 3 matched, but \
                      an earlier example documents another answer to the same request\n";
        assert_eq!(super::mock_tally(stdout), Some((2017, 2010, 7, 48, 3)));
        assert_eq!(super::mock_tally("client check against a loopback mock: 1 passed, 0 failed, 1 areas"), None);
        let libtest = "test result: ok. 3 passed; 0 failed; 0 ignored\n\
                       test result: FAILED. 1 passed; 2 failed; 0 ignored\n";
        assert_eq!(super::test_tally(libtest), Some((4, 2)));
        assert_eq!(super::test_tally("running 0 tests\n"), None);
    }
}
