//! Custom events and publications: the customer they upsert, names and counts.

mod common;

use common::{assert_clean, assert_only, check, errors};
use serde_json::json;
use voucherify_sync::Severity::{Error, Warning};

#[test]
fn accepts_events_on_both_endpoints() {
    for operation in ["POST /v1/events", "POST /client/v1/events"] {
        assert_clean(&check(
            operation,
            json!({"event": "user_subscribed", "customer": {"source_id": "c1"}, "referral": {"code": "REF1"}, "metadata": {"k": 1}}),
        ));
    }
}

#[test]
fn event_names_are_one_to_three_hundred_characters() {
    let report = check(
        "POST /v1/events",
        json!({"event": "", "customer": {"source_id": "c1"}}),
    );
    assert_only(&report, "invalid_length", "/event", Error);
    let long = "é".repeat(301);
    let report = check(
        "POST /v1/events",
        json!({"event": long, "customer": {"source_id": "c1"}}),
    );
    assert_only(&report, "invalid_length", "/event", Error);
    let ok = "é".repeat(300);
    assert_clean(&check(
        "POST /v1/events",
        json!({"event": ok, "customer": {"id": "cust_1"}}),
    ));
}

#[test]
fn events_need_a_name_and_an_identified_customer() {
    let report = check("POST /v1/events", json!({}));
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("missing_field", String::new()),
            ("missing_field", String::new())
        ]
    );
    let report = check(
        "POST /v1/events",
        json!({"event": "e", "customer": {"name": "Bob"}}),
    );
    assert_only(&report, "missing_identifier", "/customer", Error);
    let report = check(
        "POST /v1/events",
        json!({"event": "e", "customer": {"id": "c"}, "referral": {}}),
    );
    assert_only(&report, "missing_field", "/referral", Error);
}

#[test]
fn accepts_publications_of_a_voucher_or_a_campaign() {
    assert_clean(&check(
        "POST /v1/publications",
        json!({"voucher": "CODE1", "customer": {"source_id": "c1"}}),
    ));
    assert_clean(&check(
        "POST /v1/publications",
        json!({"campaign": {"name": "Summer", "count": 2}, "customer": {"id": "cust_1"}, "channel": "API"}),
    ));
}

#[test]
fn publications_need_exactly_one_of_voucher_and_campaign() {
    let report = check(
        "POST /v1/publications",
        json!({"voucher": "A", "campaign": {"name": "S"}, "customer": {"source_id": "c"}}),
    );
    assert_only(&report, "conflicting_fields", "/campaign", Warning);
    let report = check(
        "POST /v1/publications",
        json!({"customer": {"source_id": "c"}}),
    );
    assert_only(&report, "missing_field", "", Error);
}

#[test]
fn publication_counts_are_one_to_fifty() {
    for bad in [0, 51] {
        let report = check(
            "POST /v1/publications",
            json!({"campaign": {"name": "S", "count": bad}, "customer": {"source_id": "c"}}),
        );
        assert_only(&report, "out_of_range", "/campaign/count", Error);
    }
}

#[test]
fn publication_customers_need_an_identifier() {
    let report = check(
        "POST /v1/publications",
        json!({"voucher": "A", "customer": {"email": "a@b.io"}}),
    );
    assert_only(&report, "missing_identifier", "/customer", Error);
}
