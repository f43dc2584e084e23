//! NDJSON validation: one body per line, line numbers, exact counts, a capped list.

use serde_json::json;
use voucherify_sync::{Operation, ValidationOptions, Validator};

fn validate(bytes: &[u8], max_issues: u64) -> voucherify_sync::NdjsonReport {
    let options = ValidationOptions::from_json(&json!({ "maxIssues": max_issues })).unwrap();
    Validator::new(options).validate_ndjson(Operation::CreateCustomer, bytes)
}

#[test]
fn reports_issues_with_their_line() {
    let file = b"{\"source_id\":\"a\"}\n\n{\"source_id\":\"b\",\"birthdate\":\"2001-02-29\"}\r\n{oops\n   \n{\"source_id\":\"c\",\"x\":1}";
    let report = validate(file, 1000);
    assert!(!report.valid);
    assert_eq!(report.bodies, 4);
    assert_eq!(report.valid_bodies, 2);
    assert_eq!(report.invalid_bodies, 2);
    assert_eq!(report.blank_lines, 2);
    let lines: Vec<(usize, &str, &str)> = report
        .issues
        .iter()
        .map(|i| (i.line, i.issue.code.as_str(), i.issue.path.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (3, "invalid_format", "/birthdate"),
            (4, "invalid_json", ""),
            (6, "unknown_field", "/x")
        ]
    );
    assert_eq!(report.error_count, 2);
    assert_eq!(report.warning_count, 1);
}

#[test]
fn keeps_counts_exact_when_the_list_is_capped() {
    let mut file = String::new();
    for i in 0..500 {
        file.push_str(&format!(
            "{{\"source_id\":\"c{i}\",\"birthdate\":\"1990-02-30\",\"email\":\"nope\"}}\n"
        ));
    }
    let report = validate(file.as_bytes(), 10);
    assert_eq!(report.bodies, 500);
    assert_eq!(report.invalid_bodies, 500);
    assert_eq!(report.issues.len(), 10);
    assert!(report.truncated);
    assert_eq!(report.error_count, 500);
    assert_eq!(report.warning_count, 500);
    assert_eq!(report.counts_by_code.get("invalid_format"), Some(&1000));
}

#[test]
fn an_empty_file_is_valid_with_no_bodies() {
    let report = validate(b"", 10);
    assert!(report.valid);
    assert_eq!((report.bodies, report.blank_lines), (0, 0));
    let report = validate(b"\n", 10);
    assert_eq!((report.bodies, report.blank_lines), (0, 0));
}

#[test]
fn serializes_with_camel_case_keys() {
    let json: serde_json::Value = serde_json::from_str(&validate(b"{}\n", 10).to_json()).unwrap();
    for key in [
        "valid",
        "bodies",
        "validBodies",
        "invalidBodies",
        "blankLines",
        "errorCount",
        "warningCount",
        "countsByCode",
        "issues",
        "truncated",
    ] {
        assert!(json.get(key).is_some(), "missing {key} in {json}");
    }
}
