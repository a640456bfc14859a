//! `cargo xtask determinism`: generation over the whole corpus gives the same
//! files, byte for byte, on one thread and on all of them.

use std::path::Path;

pub fn run(root: &Path) -> Result<Vec<String>, String> {
    let corpus = crate::corpus::corpus_dir(root);
    let mut failures = Vec::new();
    for version in ["v1.0", "beta"] {
        let generator = mdapi::Generator::new()
            .docs(corpus.join("graph-docs").join(version))
            .out_dir(crate::target_dir(root).join("determinism"))
            .runtime_path(root.join("crates/mdapi-runtime"));
        let single = rayon::ThreadPoolBuilder::new().num_threads(1).build().map_err(|e| e.to_string())?;
        let one = single.install(|| generator.build()).map_err(|e| e.to_string())?;
        let all = generator.build().map_err(|e| e.to_string())?;
        let same = one.files == all.files && one.analysis.diagnostics == all.analysis.diagnostics;
        println!(
            "{version}: {} files, {} diagnostics, 1 thread vs {} threads: {}",
            all.files.len(),
            all.analysis.diagnostics.len(),
            rayon::current_num_threads(),
            if same { "identical" } else { "DIFFERENT" }
        );
        if !same {
            failures.push(format!("{version}: output differs between 1 thread and {}", rayon::current_num_threads()));
        }
    }
    Ok(failures)
}
