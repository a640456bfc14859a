//! cargo-semver-checks' text report, read into findings: one per line of a
//! failed lint's "Failed in:" list. The tool has no machine-readable
//! output; each line names the item and where it is (the old crate's file
//! for something gone, the new crate's for something added), and the place
//! is what the job maps back to the docs.

/// Which generated crate a finding's place is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    Old,
    New,
}

/// One reported break.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// The lint's name: `struct_missing`, `constructible_struct_adds_field`.
    pub lint: String,
    /// The item as the tool names it: `field User.notes`, `mod graph_v1_0::endpoints::get_x`.
    pub item: String,
    pub side: Side,
    /// The file relative to its crate's root (`src/models/user.rs`; `Cargo.toml` for a feature).
    pub file: String,
    /// 1-based; 0 when the tool gives no line.
    pub line: usize,
}

/// Reads `report` (the tool's stdout) given the two crates' folders as
/// the tool prints them. A "Failed in" line naming neither folder nor the
/// manifest is an error: the job must not drop a break it cannot place.
pub fn parse(report: &str, old_dir: &str, new_dir: &str) -> Result<Vec<Finding>, String> {
    let mut findings = Vec::new();
    let mut lint: Option<&str> = None;
    let mut listing = false;
    for line in report.lines() {
        if let Some(rest) = line.strip_prefix("--- failure ") {
            lint = rest.split(':').next();
            listing = false;
        } else if line.starts_with("Failed in:") {
            listing = true;
        } else if listing && line.starts_with("  ") && !line.trim().is_empty() {
            let Some(lint) = lint else { return Err(format!("a listed item outside any lint: {line}")) };
            findings.push(place(lint, line.trim(), old_dir, new_dir)?);
        } else if !line.starts_with("  ") {
            listing = false;
        }
    }
    findings.sort();
    Ok(findings)
}

fn place(lint: &str, text: &str, old_dir: &str, new_dir: &str) -> Result<Finding, String> {
    let finding = |item: &str, side, file: &str, line| Finding {
        lint: lint.to_owned(),
        item: item.to_owned(),
        side,
        file: file.to_owned(),
        line,
    };
    if let Some(item) = text.strip_suffix(" in the package's Cargo.toml") {
        return Ok(finding(item, Side::New, "Cargo.toml", 0));
    }
    for (dir, side) in [(old_dir, Side::Old), (new_dir, Side::New)] {
        let dir = format!("{}/", dir.trim_end_matches('/'));
        let Some(at) = text.find(&dir) else { continue };
        let item = text[..at]
            .trim_end()
            .trim_end_matches(" in file")
            .trim_end_matches(" in")
            .trim_end_matches(" at")
            .trim_end_matches(", previously")
            .trim_end_matches(',');
        // The place ends at its line number: `method_parameter_count_changed`
        // goes on (`<old>/src/a.rs:12, but now takes 0 parameters in
        // <new>/src/a.rs:34`), and the old crate's place is the item's.
        let place = text[at + dir.len()..].split([',', ' ', ')']).next().unwrap_or_default();
        let (file, line) = match place.rsplit_once(':') {
            Some((file, line)) if line.chars().all(|c| c.is_ascii_digit()) => (file, line.parse().unwrap_or(0)),
            _ => (place, 0),
        };
        return Ok(finding(item, side, file, line));
    }
    Err(format!("cannot place `{text}` (lint {lint}) in either generated crate"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines as cargo-semver-checks 0.51 prints them, one per form.
    const REPORT: &str = "
--- failure constructible_struct_adds_field: struct exhaustively constructible through public API adds field ---

Description:
A pub struct that could be exhaustively constructed with a literal using only public API has a new pub field.
        ref: https://doc.rust-lang.org/reference/expressions/struct-expr.html

Failed in:
  field Device.transitive_member_of in /w/new/src/models/device.rs:296

--- failure struct_pub_field_missing: pub struct's pub field removed or renamed ---

Failed in:
  field client_context of struct CallTransferRequestBody, previously in file /w/old/src/models/call_transfer_request_body.rs:33
  OPERATION in file /w/old/src/endpoints/get_x.rs:4
  feature workbook in the package's Cargo.toml

--- failure inherent_associated_pub_const_missing: inherent impl's associated pub const removed ---

Failed in:
  Room::IS_WHEELCHAIR_ACCESSIBLE, previously at /w/old/src/models/room.rs:282
";

    #[test]
    fn each_line_of_a_failed_lint_is_one_finding_with_its_place() {
        let findings = parse(REPORT, "/w/old", "/w/new").unwrap();
        let brief: Vec<(&str, &str, Side, &str, usize)> =
            findings.iter().map(|f| (f.lint.as_str(), f.item.as_str(), f.side, f.file.as_str(), f.line)).collect();
        assert_eq!(
            brief,
            [
                (
                    "constructible_struct_adds_field",
                    "field Device.transitive_member_of",
                    Side::New,
                    "src/models/device.rs",
                    296
                ),
                (
                    "inherent_associated_pub_const_missing",
                    "Room::IS_WHEELCHAIR_ACCESSIBLE",
                    Side::Old,
                    "src/models/room.rs",
                    282
                ),
                ("struct_pub_field_missing", "OPERATION", Side::Old, "src/endpoints/get_x.rs", 4),
                ("struct_pub_field_missing", "feature workbook", Side::New, "Cargo.toml", 0),
                (
                    "struct_pub_field_missing",
                    "field client_context of struct CallTransferRequestBody",
                    Side::Old,
                    "src/models/call_transfer_request_body.rs",
                    33
                ),
            ]
        );
    }

    /// `method_parameter_count_changed` names both crates' places on one
    /// line; the item is the old crate's, at its own line.
    #[test]
    fn a_line_with_two_places_is_placed_at_the_first() {
        let report = "--- failure method_parameter_count_changed: x ---\n\nFailed in:\n  a::B::post takes 1 parameters in /w/old/src/paths/me.rs:8433, but now takes 0 parameters in /w/new/src/paths/me.rs:10869\n";
        let findings = parse(report, "/w/old", "/w/new").unwrap();
        let [finding] = findings.as_slice() else { panic!("{findings:?}") };
        assert_eq!((finding.side, finding.file.as_str(), finding.line), (Side::Old, "src/paths/me.rs", 8433));
        assert_eq!(finding.item, "a::B::post takes 1 parameters");
    }

    #[test]
    fn a_line_placed_in_neither_crate_is_an_error() {
        let report =
            "--- failure struct_missing: x ---\n\nFailed in:\n  struct a::B, previously in file /elsewhere/b.rs:1\n";
        assert!(parse(report, "/w/old", "/w/new").is_err());
    }
}
