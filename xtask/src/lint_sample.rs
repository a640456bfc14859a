//! `cargo xtask lint-sample [--todo]`: the precision of `mdapi lint`'s
//! errors and warnings, by a seeded sample checked by hand.
//!
//! Every error and warning `mdapi lint` reports on `graph-docs/v1.0`,
//! `graph-docs/beta` (one pool) and `graph-docs-current`'s `v1.0` and
//! `beta` folders (another) is a
//! candidate. Each pool is cut by code into strata; a stratum of `n`
//! findings gives 1 + one per threshold of [`QUOTA_STEPS`] that `n` reaches.
//! Within a stratum, findings are taken in the order of an FNV-1a hash of
//! the seed and their id, one per area (front matter `ms.prod`) first, so
//! the sample is the same on every run and spread over the docs.
//!
//! Each finding is printed with its `file:line` and that line's text, and
//! looked up in `xtask/lint-sample-verdicts.md`, where each sample id has a
//! verdict written after reading the page (`defect` or `false-positive`)
//! and why. The job fails when a finding in the sample has no verdict,
//! when a verdict names no finding in the sample (the sample drifted), or
//! when fewer than [`MIN_PRECISION`] of the sample are defects.
//! `--todo` prints verdict rows to fill in for findings that have none.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hasher;
use std::path::Path;

use mdapi_parse::{Diagnostic, Severity};

const SEED: u64 = 19;
const QUOTA_STEPS: &[usize] = &[20, 100, 1000];
const MIN_PRECISION: f64 = 0.97;
const VERDICTS: &str = "xtask/lint-sample-verdicts.md";

/// (label, folder under the corpus, pool).
const DOC_SETS: &[(&str, &str, &str)] = &[
    ("v1.0", "graph-docs/v1.0", "corpus"),
    ("beta", "graph-docs/beta", "corpus"),
    // Each version apart, as `versions-mixed` tells a user to lint them.
    ("current/v1.0", "graph-docs-current/api-reference/v1.0", "current"),
    ("current/beta", "graph-docs-current/api-reference/beta", "current"),
];

/// One error or warning, with what a reader needs to check it.
struct Finding {
    /// `code set/file:line:column`: stable while the docs and the finding are.
    id: String,
    pool: &'static str,
    code: &'static str,
    area: String,
    severity: Severity,
    text: String,
    message: String,
    help: Option<String>,
}

fn id_hash(id: &str) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write_u64(SEED);
    hasher.write(id.as_bytes());
    hasher.finish()
}

fn findings(corpus: &Path) -> Result<Vec<Finding>, String> {
    let mut out = Vec::new();
    for &(label, folder, pool) in DOC_SETS {
        let docs = mdapi::DocSet::load(&[corpus.join(folder)]).map_err(|e| e.to_string())?;
        let analysis = mdapi::analyze(&docs);
        let texts: HashMap<&str, &str> = docs.pages.iter().map(|p| (p.path.as_str(), p.text.as_str())).collect();
        let areas: HashMap<&str, String> =
            analysis.pages.iter().map(|p| (p.path.as_str(), mdapi::report::area(p))).collect();
        let mut seen = BTreeSet::new();
        for d in analysis.diagnostics.iter().filter(|d| d.severity != Severity::Note) {
            let Diagnostic { code, file, span, .. } = d;
            let mut id = format!("{code} {label}/{file}:{}:{}", span.line, span.column);
            // Two findings of one code at one place: numbered in report order.
            let base = id.clone();
            let mut n = 1;
            while !seen.insert(id.clone()) {
                n += 1;
                id = format!("{base}#{n}");
            }
            let line = texts.get(file.as_str()).and_then(|t| t.lines().nth((span.line as usize).saturating_sub(1)));
            out.push(Finding {
                id,
                pool,
                code: code.as_str(),
                area: areas.get(file.as_str()).cloned().unwrap_or_else(|| "(none)".to_owned()),
                severity: d.severity,
                text: line.unwrap_or("").trim_end().to_owned(),
                message: d.message.clone(),
                help: d.help.clone(),
            });
        }
    }
    Ok(out)
}

/// The seeded, stratified draw. Returns the sample and each stratum's size.
fn draw(all: Vec<Finding>) -> (Vec<Finding>, BTreeMap<(&'static str, &'static str), usize>) {
    let mut strata: BTreeMap<(&'static str, &'static str), Vec<Finding>> = BTreeMap::new();
    for f in all {
        strata.entry((f.pool, f.code)).or_default().push(f);
    }
    let sizes = strata.iter().map(|(k, v)| (*k, v.len())).collect();
    let mut sample = Vec::new();
    for (_, mut findings) in strata {
        let quota = 1 + QUOTA_STEPS.iter().filter(|&&s| findings.len() >= s).count();
        findings.sort_by_cached_key(|f| (id_hash(&f.id), f.id.clone()));
        let mut areas = BTreeSet::new();
        let (mut new_area, mut rest): (Vec<Finding>, Vec<Finding>) =
            findings.into_iter().partition(|f| areas.insert(f.area.clone()));
        new_area.truncate(quota);
        rest.truncate(quota - new_area.len());
        sample.extend(new_area.into_iter().chain(rest));
    }
    (sample, sizes)
}

/// Verdict rows: `| \`id\` | defect or false-positive | why |`.
fn verdicts(text: &str) -> Result<BTreeMap<String, (bool, String)>, String> {
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let [id, verdict, why] = cells[..] else { return Err(format!("{VERDICTS}: not id | verdict | why: {line}")) };
        let defect = match verdict {
            "defect" => true,
            "false-positive" => false,
            _ => return Err(format!("{VERDICTS}: verdict is `defect` or `false-positive`, not `{verdict}`")),
        };
        if why.is_empty() {
            return Err(format!("{VERDICTS}: {id} has no reason"));
        }
        if out.insert(id.trim_matches('`').to_owned(), (defect, why.to_owned())).is_some() {
            return Err(format!("{VERDICTS}: {id} twice"));
        }
    }
    Ok(out)
}

pub fn run(root: &Path, todo: bool) -> Result<Vec<String>, String> {
    let corpus = crate::corpus::corpus_dir(root);
    let (sample, sizes) = draw(findings(&corpus)?);
    let text = std::fs::read_to_string(root.join(VERDICTS)).map_err(|e| format!("{VERDICTS}: {e}"))?;
    let verdicts = verdicts(&text)?;
    let mut failures = Vec::new();
    // Per stratum: (defects, judged), to weight by the stratum's size.
    let mut judged: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    for (n, f) in sample.iter().enumerate() {
        let verdict = verdicts.get(&f.id);
        let mark = match verdict {
            Some((true, _)) => "defect",
            Some((false, _)) => "FALSE POSITIVE",
            None => "NO VERDICT",
        };
        let severity = if f.severity == Severity::Error { "error" } else { "warning" };
        println!("{:>3}. {severity} {} [{}] ({mark})", n + 1, f.id, f.area);
        println!("     | {}", f.text);
        println!("     = {}", f.message);
        if let Some(help) = &f.help {
            println!("     help: {help}");
        }
        match verdict {
            Some((defect, why)) => {
                println!("     verdict: {why}");
                let entry = judged.entry((f.pool, f.code)).or_default();
                entry.0 += usize::from(*defect);
                entry.1 += 1;
            }
            None if todo => println!("| `{}` | defect | |", f.id),
            None => failures.push(format!("{} has no verdict in {VERDICTS}", f.id)),
        }
    }
    let in_sample: BTreeSet<&str> = sample.iter().map(|f| f.id.as_str()).collect();
    for id in verdicts.keys().filter(|id| !in_sample.contains(id.as_str())) {
        failures.push(format!("{VERDICTS} judges {id}, which is not in the sample (it drifted: re-draw and re-check)"));
    }
    let (defects, total) = judged.values().fold((0, 0), |(d, t), (sd, st)| (d + sd, t + st));
    let precision = defects as f64 / total.max(1) as f64;
    // Each stratum's precision weighted by how many findings it holds: the
    // estimate for a finding picked at random from all of lint's output.
    let population: usize = judged.keys().map(|k| sizes[k]).sum();
    let weighted: f64 = judged.iter().map(|(k, (d, t))| sizes[k] as f64 * *d as f64 / *t as f64).sum::<f64>()
        / population.max(1) as f64;
    println!(
        "\n{} findings in the sample from {} errors and warnings in {} strata; {defects} of {total} judged are defects: {:.1}% (weighted by stratum size: {:.1}%)",
        sample.len(),
        sizes.values().sum::<usize>(),
        sizes.len(),
        100.0 * precision,
        100.0 * weighted,
    );
    if total > 0 && precision < MIN_PRECISION {
        failures.push(format!("precision {:.1}% is below {:.0}%", 100.0 * precision, 100.0 * MIN_PRECISION));
    }
    Ok(failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: &'static str, n: usize, area: &str) -> Finding {
        Finding {
            id: format!("{code} v1.0/api/p{n}.md:{n}:1"),
            pool: "corpus",
            code,
            area: area.to_owned(),
            severity: Severity::Warning,
            text: String::new(),
            message: String::new(),
            help: None,
        }
    }

    /// A stratum of n findings gives 1 + one per step reached, areas
    /// first; the same findings give the same sample in any order.
    #[test]
    fn the_draw_is_stratified_spread_and_seeded() {
        let make = || {
            let mut all: Vec<Finding> = (0..150).map(|n| finding("link-missing-page", n, ["a", "b"][n % 2])).collect();
            all.extend((0..3).map(|n| finding("route-invalid", 1000 + n, "a")));
            all
        };
        let (sample, sizes) = draw(make());
        let count = |code: &str| sample.iter().filter(|f| f.code == code).count();
        assert_eq!((count("link-missing-page"), count("route-invalid")), (3, 1));
        assert_eq!(sizes[&("corpus", "link-missing-page")], 150);
        let areas: BTreeSet<&str> =
            sample.iter().filter(|f| f.code == "link-missing-page").map(|f| f.area.as_str()).collect();
        assert_eq!(areas.len(), 2, "both areas are drawn before a second of either");
        let mut reversed = make();
        reversed.reverse();
        let ids = |s: &[Finding]| s.iter().map(|f| f.id.clone()).collect::<BTreeSet<_>>();
        assert_eq!(ids(&draw(reversed).0), ids(&sample));
    }

    #[test]
    fn verdict_rows_are_read_and_bad_ones_refused() {
        let text = "| finding | verdict | why |\n|---|---|---|\n| `a x.md:1:1` | defect | a typo |\n| `b y.md:2:1` | false-positive | not a route |\n";
        let read = verdicts(text).unwrap();
        assert_eq!(read["a x.md:1:1"], (true, "a typo".to_owned()));
        assert!(!read["b y.md:2:1"].0);
        assert!(verdicts("| `a x.md:1:1` | maybe | hm |").is_err());
        assert!(verdicts("| `a x.md:1:1` | defect | |").is_err(), "a verdict needs a reason");
        assert!(verdicts("| `a x.md:1:1` | defect | x |\n| `a x.md:1:1` | defect | y |").is_err());
    }
}
