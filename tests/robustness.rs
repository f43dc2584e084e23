//! Bad input of any shape gives a report, never a panic, and limits are enforced with codes.

use serde_json::json;
use voucherify_sync::{Code, Limits, Operation, ValidationOptions, Validator};

#[test]
fn every_operation_survives_every_shape() {
    let validator = Validator::default();
    let deep = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
    let huge = format!("\"{}\"", "x".repeat(2_000_000));
    let bodies: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"null".to_vec(),
        b"[]".to_vec(),
        b"[[[]]]".to_vec(),
        b"\"text\"".to_vec(),
        b"42".to_vec(),
        b"1e400".to_vec(),
        b"{\"a\":".to_vec(),
        b"\xff\xfe".to_vec(),
        b"{\"\\ud800\":1}".to_vec(),
        deep.into_bytes(),
        huge.into_bytes(),
        json!({"items": [null, 1, "x", [], {}], "customer": [], "metadata": null, "amount": -0.0})
            .to_string()
            .into_bytes(),
        json!([null, 1, {"source_id": null}, {"items": {"a": 1}}])
            .to_string()
            .into_bytes(),
    ];
    for operation in Operation::ALL {
        for body in &bodies {
            let report = validator.validate_bytes(*operation, body);
            assert_eq!(report.valid, report.error_count() == 0);
            if body.is_empty() || body.starts_with(b"\xff") {
                assert_eq!(report.issues[0].code, Code::InvalidJson);
            }
            let _ = report.to_json();
        }
    }
}

#[test]
fn nesting_past_the_limit_is_too_deep_for_values_too() {
    let mut value = json!(1);
    for _ in 0..100 {
        value = json!({ "metadata": value });
    }
    let report = Validator::default().validate(Operation::CreateCustomer, &value);
    assert_eq!(report.issues.len(), 1);
    assert_eq!(report.issues[0].code, Code::TooDeep);
}

#[test]
fn numbers_too_large_for_json_are_invalid_json() {
    let report =
        Validator::default().validate_bytes(Operation::CreateOrder, b"{\"amount\": 1e400}");
    assert_eq!(report.issues[0].code, Code::InvalidJson);
}

#[test]
fn a_depth_limit_above_the_readers_own_still_stops_at_128_levels() {
    let validator = Validator::new(ValidationOptions {
        limits: Limits {
            max_depth: 1_000_000,
            ..Limits::default()
        },
        ..ValidationOptions::default()
    });
    let operation = Operation::parse("POST /v1/customers").unwrap();
    let deep = format!(
        "{{\"metadata\":{{\"a\":{}{}}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let report = validator.validate_bytes(operation, deep.as_bytes());
    assert_eq!(report.issues[0].code, Code::TooDeep);
    let mut value = json!(1);
    for _ in 0..129 {
        value = json!([value]);
    }
    let report = validator.validate(operation, &json!({ "metadata": { "a": value } }));
    assert_eq!(report.issues[0].code, Code::TooDeep);
    let mut shallow = json!(1);
    for _ in 0..100 {
        shallow = json!([shallow]);
    }
    let report = validator.validate(
        operation,
        &json!({ "source_id": "c", "metadata": { "a": shallow } }),
    );
    assert!(report
        .issues
        .iter()
        .all(|issue| issue.code != Code::TooDeep));
}
