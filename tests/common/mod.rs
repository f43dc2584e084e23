//! Helpers shared by the integration tests: validate a body and read the issues as pairs.
#![allow(dead_code)]

use serde_json::Value;
use voucherify_sync::{Operation, Report, Severity, ValidationOptions, Validator};

/// Validates `body` as a request of `operation` with default options.
pub fn check(operation: &str, body: Value) -> Report {
    check_with(operation, body, ValidationOptions::default())
}

/// Validates `body` with the given options.
pub fn check_with(operation: &str, body: Value, options: ValidationOptions) -> Report {
    let operation = Operation::parse(operation).expect("known operation");
    let report = Validator::new(options.clone()).validate(operation, &body);
    let from_bytes = Validator::new(options).validate_bytes(operation, body.to_string().as_bytes());
    assert_eq!(report, from_bytes, "value and bytes paths disagree");
    report
}

/// The errors of a report as `(code, path)` pairs.
pub fn errors(report: &Report) -> Vec<(&'static str, String)> {
    pairs(report, Severity::Error)
}

/// The warnings of a report as `(code, path)` pairs.
pub fn warnings(report: &Report) -> Vec<(&'static str, String)> {
    pairs(report, Severity::Warning)
}

fn pairs(report: &Report, severity: Severity) -> Vec<(&'static str, String)> {
    report
        .issues
        .iter()
        .filter(|issue| issue.severity == severity)
        .map(|issue| (issue.code.as_str(), issue.path.clone()))
        .collect()
}

/// Asserts that the report holds exactly one issue: `code` at `path` with `severity`.
pub fn assert_only(report: &Report, code: &str, path: &str, severity: Severity) {
    let all: Vec<(&str, &str, Severity)> = report
        .issues
        .iter()
        .map(|issue| (issue.code.as_str(), issue.path.as_str(), issue.severity))
        .collect();
    assert_eq!(all, vec![(code, path, severity)], "{:#?}", report.issues);
}

/// Asserts a clean report: no errors, no warnings.
pub fn assert_clean(report: &Report) {
    assert!(
        report.valid && report.issues.is_empty(),
        "{:#?}",
        report.issues
    );
}
