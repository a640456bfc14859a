//! `cargo xtask corpus`: coverage figures over the real Graph docs in
//! `../shared/corpus`, checked against the acceptance ratios and against
//! floors committed in `xtask/corpus-floors.json` (raise them as figures
//! improve: `cargo xtask corpus --write-floors`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{Map, Value};

/// The doc sets measured, relative to the corpus folder. v1.0 and beta are
/// two APIs, so each is its own doc set.
const DOC_SETS: &[&str] = &["graph-docs/v1.0", "graph-docs/beta", "graph-docs-current"];

/// Figures where more is better; each has a floor.
const FLOORED: &[&str] = &[
    "pages",
    "api_pages_with_routes",
    "types",
    "enums",
    "examples",
    "examples_paired",
    "examples_matched",
    "example_bodies_parsed",
    "permission_tables_parsed",
    "examples_verified",
    "example_bodies_clean",
    "representations_decoded",
    "representations_clean",
];

/// (numerator, denominator, minimum share) from the acceptance criteria.
const RATIOS: &[(&str, &str, f64)] = &[
    ("api_pages_with_routes", "api_pages_with_http_block", 0.995),
    ("permission_tables_parsed", "permission_tables", 0.99),
    ("examples_paired", "examples", 0.98),
    ("example_bodies_parsed", "example_bodies", 0.98),
];

/// The "every call right" goal: of the typed example responses of calls,
/// this share shows what the call answers (`mdapi stats`), in the doc sets
/// the goal names (the current-format sample has too few to say).
const AGREEMENT_MIN: f64 = 0.99;
const AGREEMENT_SETS: &[&str] = &["graph-docs/v1.0", "graph-docs/beta"];

/// Issue #4's round-trip goal: of the typed bodies (example bodies and
/// resource representations), this share decodes with no property left
/// in the unknown-properties map.
const CLEAN_BODIES_MIN: f64 = 0.90;

fn clean_share(stats: &Value) -> f64 {
    let clean = figure(stats, "example_bodies_clean") + figure(stats, "representations_clean");
    let typed = figure(stats, "example_bodies_typed") + figure(stats, "representations");
    clean as f64 / typed.max(1) as f64
}

fn floors_path(root: &Path) -> PathBuf {
    root.join("xtask/corpus-floors.json")
}

pub fn corpus_dir(root: &Path) -> PathBuf {
    std::env::var_os("MDAPI_CORPUS").map_or_else(|| root.join("../shared/corpus"), PathBuf::from)
}

fn figure(stats: &Value, key: &str) -> u64 {
    stats.get(key).and_then(Value::as_u64).unwrap_or(0)
}

/// Runs the job; returns the failures (empty when it passes).
pub fn run(root: &Path, write_floors: bool) -> Result<Vec<String>, String> {
    let corpus = corpus_dir(root);
    if !corpus.is_dir() {
        return Err(format!("corpus not found at {} (set MDAPI_CORPUS)", corpus.display()));
    }
    let floors: Value = match std::fs::read_to_string(floors_path(root)) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| format!("corpus-floors.json: {e}"))?,
        Err(_) => Value::Object(Map::new()),
    };
    let mut failures = Vec::new();
    let mut measured = BTreeMap::new();
    println!(
        "{:<22} {:>8} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7}",
        "doc set", "pages", "ms", "routes%", "perms%", "paired%", "bodies%", "clean%", "errors"
    );
    for name in DOC_SETS {
        let started = Instant::now();
        let docs = mdapi::DocSet::load(&[corpus.join(name)]).map_err(|e| e.to_string())?;
        let analysis = mdapi::analyze(&docs);
        let stats = serde_json::to_value(mdapi::stats::compute(&analysis)).map_err(|e| e.to_string())?;
        let elapsed = started.elapsed().as_millis();
        let share = |(num, den, _): &(&str, &str, f64)| figure(&stats, num) as f64 / figure(&stats, den).max(1) as f64;
        let shares: Vec<f64> = RATIOS.iter().map(share).collect();
        println!(
            "{:<22} {:>8} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>7}",
            name,
            figure(&stats, "pages"),
            elapsed,
            shares[0] * 100.0,
            shares[1] * 100.0,
            shares[2] * 100.0,
            shares[3] * 100.0,
            clean_share(&stats) * 100.0,
            figure(&stats, "errors"),
        );
        if clean_share(&stats) < CLEAN_BODIES_MIN {
            failures.push(format!(
                "{name}: typed bodies decoded clean is {:.4}, below {CLEAN_BODIES_MIN}",
                clean_share(&stats)
            ));
        }
        let agreement = figure(&stats, "example_responses_agreeing") as f64
            / figure(&stats, "example_responses_for_operations").max(1) as f64;
        println!("{name}: typed example responses agreeing with their call: {:.2}%", agreement * 100.0);
        if AGREEMENT_SETS.contains(name) && agreement < AGREEMENT_MIN {
            failures.push(format!(
                "{name}: example responses agreeing with their call is {agreement:.4}, below {AGREEMENT_MIN}"
            ));
        }
        for (ratio, actual) in RATIOS.iter().zip(&shares) {
            if *actual < ratio.2 {
                failures.push(format!("{name}: {}/{} is {:.4}, below {}", ratio.0, ratio.1, actual, ratio.2));
            }
        }
        // Issue #21: prose is never kept as a scope name.
        let non_scopes = figure(&stats, "permission_non_scopes");
        println!("{name}: strings kept as scopes that are not scope names: {non_scopes}");
        if non_scopes > 0 {
            failures.push(format!("{name}: {non_scopes} permission strings are not scope names"));
        }
        let internal = stats.pointer("/diagnostics_by_code/internal-error").and_then(Value::as_u64).unwrap_or(0);
        if internal > 0 {
            failures.push(format!("{name}: {internal} internal errors (mdapi panicked)"));
        }
        for key in FLOORED {
            let floor =
                floors.pointer(&format!("/{}/{key}", name.replace('/', "~1"))).and_then(Value::as_u64).unwrap_or(0);
            if figure(&stats, key) < floor {
                failures.push(format!("{name}: {key} is {}, below its floor {floor}", figure(&stats, key)));
            }
        }
        let floored: Map<String, Value> =
            FLOORED.iter().map(|k| ((*k).to_owned(), Value::from(figure(&stats, k)))).collect();
        measured.insert((*name).to_owned(), Value::Object(floored));
        if std::env::var_os("MDAPI_CORPUS_VERBOSE").is_some() {
            println!("{stats:#}");
        }
    }
    if write_floors {
        let text = serde_json::to_string_pretty(&measured).map_err(|e| e.to_string())? + "\n";
        std::fs::write(floors_path(root), text).map_err(|e| e.to_string())?;
        println!("wrote {}", floors_path(root).display());
    }
    Ok(failures)
}
