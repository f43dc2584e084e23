//! Numbers beyond what the API can hold exactly are errors, never wrapped or saturated: every
//! integer field refuses 2^53, 2^63, u64::MAX, 1e300 and their negatives, and 1e400 is not JSON.

use serde_json::{json, Value};
use voucherify_sync::{Code, Operation, Severity, Validator};

/// Numbers as JSON text, each beyond 2^53 − 1 in magnitude.
const TOO_LARGE: &[&str] = &[
    "9007199254740992",
    "-9007199254740992",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "1e300",
    "-1e300",
    "1.7976931348623157e308",
];

/// Bodies with the placeholder `N` in an integer field, and the path of that field.
fn bodies() -> Vec<(Operation, &'static str, &'static str)> {
    vec![
        (
            Operation::CreateOrder,
            r#"{"amount":N,"items":[{"product_id":"p1","quantity":1,"price":100,"amount":100}]}"#,
            "/amount",
        ),
        (
            Operation::CreateOrder,
            r#"{"items":[{"product_id":"p1","quantity":N,"price":100}]}"#,
            "/items/0/quantity",
        ),
        (
            Operation::CreateOrder,
            r#"{"items":[{"product_id":"p1","quantity":1,"price":N}]}"#,
            "/items/0/price",
        ),
        (
            Operation::CreateOrder,
            r#"{"amount":100,"discount_amount":N}"#,
            "/discount_amount",
        ),
        (
            Operation::ValidateClient,
            r#"{"redeemables":[{"object":"voucher","id":"GIFT","gift":{"credits":N}}]}"#,
            "/redeemables/0/gift/credits",
        ),
        (
            Operation::RedeemClient,
            r#"{"redeemables":[{"object":"voucher","id":"LOYAL","reward":{"points":N}}]}"#,
            "/redeemables/0/reward/points",
        ),
        (
            Operation::CreateSku,
            r#"{"source_id":"s1","product_id":"p1","price":N}"#,
            "/price",
        ),
    ]
}

fn out_of_range_at(report: &voucherify_sync::Report, path: &str) -> bool {
    report.issues.iter().any(|issue| {
        issue.code == Code::OutOfRange && issue.severity == Severity::Error && issue.path == path
    })
}

#[test]
fn integers_beyond_the_safe_range_are_out_of_range_errors_in_every_integer_field() {
    let validator = Validator::default();
    let mut failures = Vec::new();
    for (operation, template, path) in bodies() {
        for number in TOO_LARGE {
            let body = template.replace('N', number);
            let report = validator.validate_bytes(operation, body.as_bytes());
            if !out_of_range_at(&report, path) || report.valid {
                failures.push(format!("{} {body}: {:?}", operation.key(), report.issues));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_largest_safe_integer_is_accepted() {
    let body = r#"{"amount":9007199254740991,"items":[{"product_id":"p1","quantity":1,"price":9007199254740991,"amount":9007199254740991}]}"#;
    let report = Validator::default().validate_bytes(Operation::CreateOrder, body.as_bytes());
    assert!(
        !report
            .issues
            .iter()
            .any(|issue| issue.code == Code::OutOfRange),
        "{:?}",
        report.issues
    );
}

#[test]
fn a_number_with_no_double_value_is_invalid_json() {
    for number in ["1e400", "-1e400", "1e999999"] {
        let body = format!(r#"{{"amount":{number}}}"#);
        let report = Validator::default().validate_bytes(Operation::CreateOrder, body.as_bytes());
        assert_eq!(report.issues.len(), 1, "{number}");
        assert_eq!(report.issues[0].code, Code::InvalidJson, "{number}");
    }
}

#[test]
fn item_amounts_whose_sum_overflows_do_not_wrap_into_a_match() {
    // 1100 items of 2^53 − 1 each add up past 2^63. Wrapped, the sum would be a negative number
    // quoted in an amount_mismatch; the total check gives up instead (checked addition).
    let items: Vec<Value> = (0..1100)
        .map(|index| {
            json!({
                "product_id": format!("p{index}"),
                "quantity": 1,
                "price": 9_007_199_254_740_991_i64,
                "amount": 9_007_199_254_740_991_i64,
            })
        })
        .collect();
    let wrapped = 9_007_199_254_740_991_i64.wrapping_mul(1100).to_string();
    let report = Validator::default().validate(
        Operation::CreateOrder,
        &json!({ "amount": 1, "items": items }),
    );
    assert!(!report.valid, "1100 items are over the API's 500");
    assert!(
        report
            .issues
            .iter()
            .all(|issue| !issue.message.contains(&wrapped)),
        "{:?}",
        report.issues
    );
    assert!(report
        .issues
        .iter()
        .any(|issue| issue.code == Code::TooMany && issue.path == "/items"));
}

#[test]
fn quantity_times_price_beyond_i64_is_out_of_range_not_wrapped() {
    let body = json!({
        "items": [{
            "product_id": "p1",
            "quantity": 9_007_199_254_740_991_i64,
            "price": 9_007_199_254_740_991_i64,
            "amount": 1,
        }]
    });
    let report = Validator::default().validate(Operation::CreateOrder, &body);
    assert!(
        out_of_range_at(&report, "/items/0/amount"),
        "{:?}",
        report.issues
    );
}
