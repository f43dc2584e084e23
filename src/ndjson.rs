//! NDJSON validation: one body per line, with exact counts and a capped issue list.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::{Issue, Operation, Severity, Validator};

/// One issue of an NDJSON file: the issue of the body, and the line it is on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NdjsonIssue {
    /// The 1-based line number of the body in the file.
    pub line: usize,
    /// The issue, its path relative to that line's body.
    #[serde(flatten)]
    pub issue: Issue,
}

/// The outcome of validating an NDJSON file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NdjsonReport {
    /// `true` when no body has an error.
    pub valid: bool,
    /// Bodies read (non-blank lines).
    pub bodies: usize,
    /// Bodies with no error.
    pub valid_bodies: usize,
    /// Bodies with at least one error.
    pub invalid_bodies: usize,
    /// Blank lines, skipped.
    pub blank_lines: usize,
    /// Errors found, over all bodies (exact even when the list is truncated).
    pub error_count: usize,
    /// Warnings found, over all bodies (exact even when the list is truncated).
    pub warning_count: usize,
    /// Issues per code (exact).
    pub counts_by_code: BTreeMap<String, usize>,
    /// The first issues, up to the `maxIssues` option.
    pub issues: Vec<NdjsonIssue>,
    /// Whether issues were left out of the list.
    pub truncated: bool,
}

impl NdjsonReport {
    /// Serializes the report as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| String::from("{\"valid\":false,\"issues\":[]}"))
    }
}

/// Validates every line of `bytes` as a body of `operation`.
pub(crate) fn validate_lines(
    validator: &Validator,
    operation: Operation,
    bytes: &[u8],
) -> NdjsonReport {
    let max_issues = validator.options().limits.max_issues;
    let mut report = NdjsonReport::default();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let content = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    for (index, raw_line) in content.split(|&b| b == b'\n').enumerate() {
        let line = raw_line.strip_suffix(b"\r").unwrap_or(raw_line);
        if line.iter().all(u8::is_ascii_whitespace) {
            if !content.is_empty() {
                report.blank_lines = report.blank_lines.saturating_add(1);
            }
            continue;
        }
        report.bodies = report.bodies.saturating_add(1);
        let issues = validator.issues_of_bytes(operation, line);
        if issues.iter().any(|issue| issue.severity == Severity::Error) {
            report.invalid_bodies = report.invalid_bodies.saturating_add(1);
        } else {
            report.valid_bodies = report.valid_bodies.saturating_add(1);
        }
        for issue in issues {
            match issue.severity {
                Severity::Error => report.error_count = report.error_count.saturating_add(1),
                Severity::Warning => report.warning_count = report.warning_count.saturating_add(1),
            }
            // Looked up by &str, so only a code's first issue allocates its key.
            match report.counts_by_code.get_mut(issue.code.as_str()) {
                Some(count) => *count = count.saturating_add(1),
                None => {
                    report
                        .counts_by_code
                        .insert(issue.code.as_str().to_string(), 1);
                }
            }
            if report.issues.len() < max_issues {
                report.issues.push(NdjsonIssue {
                    line: index.saturating_add(1),
                    issue,
                });
            } else {
                report.truncated = true;
            }
        }
    }
    report.valid = report.invalid_bodies == 0;
    report
}
