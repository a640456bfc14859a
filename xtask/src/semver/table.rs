//! The job's table: the two counts side by side, then each lint and each
//! `mdapi diff` kind with what the other tool says of it; a disagreement
//! whose kind the allowlist does not give a reason for is a failure.

use std::collections::{BTreeMap, BTreeSet};

use mdapi::diff::Change;

use super::trace::{kind_name, InCrate, Traced};
use super::ALLOWLIST;

/// One cargo-semver-checks lint's findings.
#[derive(Default)]
struct LintTally<'t, 'a> {
    total: usize,
    agreed: usize,
    /// The non-breaking kinds `mdapi diff` gives the findings it does not
    /// mark breaking.
    kinds: BTreeSet<String>,
    only: Vec<&'t Traced<'a>>,
}

/// One `mdapi diff` kind's changes marked breaking.
#[derive(Default)]
struct KindTally {
    total: usize,
    agreed: usize,
    unlinted: usize,
    only: Vec<usize>,
}

/// Prints the table; returns the failures.
pub fn print_and_judge(
    traced: &[Traced],
    changes: &[Change],
    breaking: &[(usize, InCrate)],
    allowed: &BTreeMap<String, String>,
) -> Vec<String> {
    let agreed_findings = traced.iter().filter(|t| !t.breaking.is_empty()).count();
    let count = |shown: InCrate| breaking.iter().filter(|(_, s)| *s == shown).count();
    let (reported, unlinted) = (count(InCrate::Reported), count(InCrate::Unlinted));
    let row = |label: &str, left: String, right: usize| println!("{label:<62} {left:>19} {right:>10}");
    println!("\nWhat changed for users of the v1.0 SDK, graph-docs-2021-01 → graph-docs:");
    println!("{:<62} {:>19} {:>10}", "", "cargo-semver-checks", "mdapi diff");
    row("breaks reported / changes marked breaking", traced.len().to_string(), breaking.len());
    row("  agreed: the same break seen by both", agreed_findings.to_string(), reported);
    row("  a break semver-checks has no lint for (changed type, alias)", String::new(), unlinted);
    row("  seen by one only", (traced.len() - agreed_findings).to_string(), breaking.len() - reported - unlinted);

    let mut failures = Vec::new();
    let mut by_lint: BTreeMap<&str, LintTally> = BTreeMap::new();
    for t in traced {
        let tally = by_lint.entry(t.finding.lint.as_str()).or_default();
        tally.total += 1;
        if t.breaking.is_empty() {
            tally.only.push(t);
            tally.kinds.extend(t.other.iter().map(|&i| kind_name(changes[i].kind)));
        } else {
            tally.agreed += 1;
        }
    }
    println!(
        "\n{:<36} {:>7} {:>7} {:>7}  only there: mdapi diff says",
        "cargo-semver-checks lint", "breaks", "agreed", "only"
    );
    for (lint, tally) in &by_lint {
        let says = match (tally.only.is_empty(), tally.kinds.is_empty()) {
            (true, _) => String::new(),
            (false, true) => "nothing".to_owned(),
            (false, false) => format!("not breaking: {}", tally.kinds.iter().cloned().collect::<Vec<_>>().join(", ")),
        };
        println!("{lint:<36} {:>7} {:>7} {:>7}  {says}", tally.total, tally.agreed, tally.only.len());
        let Some(first) = tally.only.first() else { continue };
        match allowed.get(*lint) {
            Some(reason) => println!("    allowed ({ALLOWLIST}): {reason}"),
            None => {
                for t in tally.only.iter().take(5) {
                    let why = t.untraced.as_deref().unwrap_or("mdapi diff marks no breaking change of it");
                    println!("    {}: {why}", t.finding.item);
                }
                failures.push(format!(
                    "{} `{lint}` breaks are not marked breaking by mdapi diff (e.g. {})",
                    tally.only.len(),
                    first.finding.item
                ));
            }
        }
    }

    let mut by_kind: BTreeMap<String, KindTally> = BTreeMap::new();
    for &(i, shown) in breaking {
        let tally = by_kind.entry(kind_name(changes[i].kind)).or_default();
        tally.total += 1;
        match shown {
            InCrate::Reported => tally.agreed += 1,
            InCrate::Unlinted => tally.unlinted += 1,
            InCrate::Unchanged => tally.only.push(i),
        }
    }
    println!("\n{:<36} {:>8} {:>7} {:>8} {:>7}", "mdapi diff kind (breaking)", "changes", "agreed", "unlinted", "only");
    for (kind, tally) in &by_kind {
        println!("{kind:<36} {:>8} {:>7} {:>8} {:>7}", tally.total, tally.agreed, tally.unlinted, tally.only.len());
        let Some(&first) = tally.only.first() else { continue };
        match allowed.get(kind) {
            Some(reason) => println!("    allowed ({ALLOWLIST}): {reason}"),
            None => {
                for &i in tally.only.iter().take(5) {
                    let change = &changes[i];
                    println!("    {} {}: nothing in the crate's public API changed", change.subject, change.detail);
                }
                failures.push(format!(
                    "{} `{kind}` changes mdapi diff marks breaking leave the generated crate's API as it was (e.g. {})",
                    tally.only.len(),
                    changes[first].subject
                ));
            }
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semver::findings::{Finding, Side};
    use mdapi::diff::Kind;

    fn finding(lint: &str) -> Finding {
        Finding { lint: lint.into(), item: "field User.notes".into(), side: Side::New, file: String::new(), line: 1 }
    }

    fn change(kind: Kind, breaking: bool) -> Change {
        Change { area: "a".into(), kind, breaking, subject: "s".into(), detail: String::new() }
    }

    #[test]
    fn a_disagreement_fails_unless_its_kind_is_allowed_with_a_reason() {
        let changes = [change(Kind::PropertyAdded, false), change(Kind::PermissionsChanged, true)];
        let added = finding("constructible_struct_adds_field");
        let traced = [Traced { finding: &added, breaking: vec![], other: vec![0], untraced: None }];
        let breaking = [(1, InCrate::Unchanged)];
        let failures = print_and_judge(&traced, &changes, &breaking, &BTreeMap::new());
        assert_eq!(failures.len(), 2, "{failures:?}");
        assert!(failures[0].contains("constructible_struct_adds_field") && failures[1].contains("permissions_changed"));
        let allowed: BTreeMap<String, String> =
            [("constructible_struct_adds_field", "r"), ("permissions_changed", "r")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
        assert!(print_and_judge(&traced, &changes, &breaking, &allowed).is_empty());
    }

    #[test]
    fn agreement_and_unlinted_breaks_need_no_reason() {
        let changes = [change(Kind::OperationRemoved, true), change(Kind::PropertyTypeChanged, true)];
        let missing = finding("module_missing");
        let traced = [Traced { finding: &missing, breaking: vec![0], other: vec![], untraced: None }];
        let breaking = [(0, InCrate::Reported), (1, InCrate::Unlinted)];
        assert!(print_and_judge(&traced, &changes, &breaking, &BTreeMap::new()).is_empty());
    }
}
