//! `cargo xtask build-rerun`: the build-script example
//! (`crates/mdapi-build-example`) re-runs mdapi when a page is touched or
//! added, and not when nothing changed.

use std::path::Path;
use std::process::Command;

/// Builds the example verbosely; whether its build script ran.
fn build_script_ran(root: &Path) -> Result<bool, String> {
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(root)
        .args(["build", "-v", "-p", "mdapi-build-example"])
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&output.stderr)
        .lines()
        .any(|l| l.contains("Running") && l.contains("build-script-build")))
}

fn touch(path: &Path) -> Result<(), String> {
    let file = std::fs::File::options().append(true).open(path).map_err(|e| e.to_string())?;
    file.set_modified(std::time::SystemTime::now()).map_err(|e| e.to_string())
}

pub fn run(root: &Path) -> Result<Vec<String>, String> {
    let mut failures = Vec::new();
    build_script_ran(root)?;
    if build_script_ran(root)? {
        failures.push("the build script ran although nothing changed".to_owned());
    }
    std::thread::sleep(std::time::Duration::from_millis(1100));
    touch(&root.join("docs-input/beta/api/user-post-photos.md"))?;
    if !build_script_ran(root)? {
        failures.push("touching a page did not re-run the build script".to_owned());
    }
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let added = root.join("docs-input/beta/api/zz-added-by-xtask.md");
    std::fs::write(&added, "# Added\n").map_err(|e| e.to_string())?;
    let ran = build_script_ran(root);
    std::fs::remove_file(&added).map_err(|e| e.to_string())?;
    if !ran? {
        failures.push("adding a page did not re-run the build script".to_owned());
    }
    build_script_ran(root)?;
    println!("build-rerun: no change → no rerun; touched page → rerun; added page → rerun");
    Ok(failures)
}
