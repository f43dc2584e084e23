//! Emails follow the HTML standard's rule for `<input type=email>` (plus a dotted domain) in
//! every place that checks them: payloads, built customers and CSV cells.

mod common;
mod csv_support;

use common::{assert_only, check};
use csv_support::{run, tuples};
use serde_json::json;
use voucherify_sync::Severity::Warning;
use voucherify_sync::{build_customer, BuildOptions, CsvKind, Severity};

/// Addresses the issue found accepted, which the WHATWG rule and validator.js refuse.
const REFUSED: &[&str] = &[
    "a,b@x.com",
    "a(b)@x.com",
    "a<b>@x.com",
    "a;b@x.com",
    "a\"b@x.com",
    "a\\b@x.com",
];

fn long_label() -> String {
    format!("ann@{}.com", "a".repeat(64))
}

#[test]
fn a_payload_email_with_special_characters_is_invalid_format() {
    for email in REFUSED
        .iter()
        .copied()
        .map(String::from)
        .chain([long_label()])
    {
        let report = check(
            "POST /v1/customers",
            json!({"source_id": "c1", "email": email}),
        );
        assert_only(&report, "invalid_format", "/email", Warning);
    }
}

#[test]
fn a_payload_email_label_of_63_characters_is_accepted() {
    let email = format!("ann@{}.com", "a".repeat(63));
    let report = check(
        "POST /v1/customers",
        json!({"source_id": "c1", "email": email}),
    );
    assert!(report.issues.is_empty(), "{:#?}", report.issues);
}

#[test]
fn an_empty_or_blank_payload_email_is_empty_value() {
    for email in ["", " ", "\t "] {
        let report = check(
            "POST /v1/customers",
            json!({"source_id": "c1", "email": email}),
        );
        assert_only(&report, "empty_value", "/email", Warning);
        let report = check("PUT /v1/customers/{customerId}", json!({"email": email}));
        assert_only(&report, "empty_value", "/email", Warning);
    }
}

#[test]
fn the_customer_builder_flags_the_same_addresses_with_a_warning() {
    for email in REFUSED
        .iter()
        .copied()
        .map(String::from)
        .chain([long_label()])
    {
        let built = build_customer(
            &json!({"source_id": "c1", "email": email}),
            &BuildOptions::default(),
        )
        .unwrap();
        let found: Vec<(&str, &str, Severity)> = built
            .issues
            .iter()
            .map(|i| (i.code.as_str(), i.path.as_str(), i.severity))
            .collect();
        // The API stores any string as an email: the address is kept, as in a CSV check.
        assert_eq!(
            found,
            [("invalid_format", "/email", Severity::Warning)],
            "{email}"
        );
        assert!(built.customer.contains_key("email"));
    }
}

#[test]
fn a_csv_email_cell_with_special_characters_is_invalid_format() {
    let mut input = String::from("source_id,email\n");
    for (index, email) in REFUSED
        .iter()
        .copied()
        .map(String::from)
        .chain([long_label()])
        .enumerate()
    {
        input.push_str(&format!("c{index},\"{}\"\n", email.replace('"', "\"\"")));
    }
    let (report, _) = run(CsvKind::Customers, input.as_bytes());
    let expected: Vec<_> = (1..=7)
        .map(|row| ("invalid_format", row, row + 1, "email".to_string()))
        .collect();
    assert_eq!(tuples(&report), expected);
    assert!(report.issues.iter().all(|i| i.severity == Warning));
}
