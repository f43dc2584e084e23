//! Customer bodies: create, update, bulk and metadata updates.

mod common;

use common::{assert_clean, assert_only, check, errors, warnings};
use serde_json::json;
use voucherify_sync::Severity::{Error, Warning};

#[test]
fn accepts_a_complete_customer() {
    let report = check(
        "POST /v1/customers",
        json!({
            "source_id": "source_123", "name": "Bob Smith", "description": "A frequent customer",
            "email": "bob.smith@email.com", "phone": "+1 933 222 3333",
            "address": {"city": "New York", "country": "United States", "line_1": "123 Main St.",
                        "line_2": "APT 3 BLG 4", "postal_code": "10001", "state": "NY"},
            "metadata": {"lang": "en", "test": true}, "birthdate": "2022-01-01"
        }),
    );
    assert_clean(&report);
}

#[test]
fn rejects_a_body_that_is_not_an_object() {
    for body in [json!(null), json!([]), json!("x"), json!(1), json!(true)] {
        assert_only(
            &check("POST /v1/customers", body),
            "invalid_type",
            "",
            Error,
        );
    }
}

#[test]
fn rejects_birthdates_that_are_not_calendar_dates() {
    for bad in [
        "1990-02-30",
        "1990-13-01",
        "01/02/1990",
        "1990-1-1",
        "1990-01-01T00:00:00Z",
    ] {
        let report = check(
            "POST /v1/customers",
            json!({"source_id": "c1", "birthdate": bad}),
        );
        assert_only(&report, "invalid_format", "/birthdate", Error);
    }
    let report = check(
        "POST /v1/customers",
        json!({"source_id": "c1", "birthdate": 19900101}),
    );
    assert_only(&report, "invalid_type", "/birthdate", Error);
}

#[test]
fn accepts_a_leap_day_birthdate() {
    assert_clean(&check(
        "POST /v1/customers",
        json!({"source_id": "c1", "birthdate": "2000-02-29"}),
    ));
}

#[test]
fn warns_about_the_deprecated_birthday() {
    let report = check(
        "POST /v1/customers",
        json!({"source_id": "c1", "birthday": "2000-02-29"}),
    );
    assert_only(&report, "deprecated_field", "/birthday", Warning);
    let report = check(
        "POST /v1/customers",
        json!({"source_id": "c1", "birthday": "2000-02-30"}),
    );
    assert_eq!(
        errors(&report),
        vec![("invalid_format", "/birthday".to_string())]
    );
}

#[test]
fn rejects_source_id_change_on_update() {
    let report = check(
        "PUT /v1/customers/cust_1",
        json!({"source_id": "new", "name": "Alice"}),
    );
    assert_only(&report, "immutable_field", "/source_id", Error);
    assert!(report.issues[0].message.contains("delete the customer"));
}

#[test]
fn ignores_an_id_in_an_update_body() {
    let report = check("PUT /v1/customers/{customerId}", json!({"id": "cust_1"}));
    assert_only(&report, "ignored_field", "/id", Warning);
}

#[test]
fn flags_response_only_and_unknown_fields() {
    let report = check(
        "POST /v1/customers",
        json!({"source_id": "c1", "created_at": "2022-01-01T00:00:00Z", "system_metadata": {}, "summary": {}, "nickname": "bob"}),
    );
    assert_eq!(
        warnings(&report),
        vec![
            ("response_only_field", "/created_at".to_string()),
            ("unknown_field", "/nickname".to_string()),
            ("response_only_field", "/summary".to_string()),
            ("response_only_field", "/system_metadata".to_string()),
        ]
    );
    assert!(report.valid);
}

#[test]
fn checks_every_field_type_at_once() {
    let report = check(
        "POST /v1/customers",
        json!({"source_id": 5, "name": ["a"], "email": false, "phone": 1, "description": {}, "metadata": "x", "address": "Main St"}),
    );
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("invalid_type", "/address".to_string()),
            ("invalid_type", "/description".to_string()),
            ("invalid_type", "/email".to_string()),
            ("invalid_type", "/metadata".to_string()),
            ("invalid_type", "/name".to_string()),
            ("invalid_type", "/phone".to_string()),
            ("invalid_type", "/source_id".to_string()),
        ]
    );
}

#[test]
fn checks_the_address_object() {
    assert_clean(&check(
        "POST /v1/customers",
        json!({"source_id": "c1", "address": null}),
    ));
    let report = check(
        "POST /v1/customers",
        json!({"source_id": "c1", "address": {"city": 7, "zip": "1"}}),
    );
    assert_eq!(
        errors(&report),
        vec![("invalid_type", "/address/city".to_string())]
    );
    assert_eq!(
        warnings(&report),
        vec![("unknown_field", "/address/zip".to_string())]
    );
}

#[test]
fn warns_about_an_email_that_does_not_look_like_one() {
    let report = check(
        "POST /v1/customers",
        json!({"source_id": "c1", "email": "bob at example.com"}),
    );
    assert_only(&report, "invalid_format", "/email", Warning);
}

#[test]
fn warns_about_empty_identifiers_and_both_keys() {
    let report = check("POST /v1/customers", json!({"source_id": "  "}));
    assert_only(&report, "empty_value", "/source_id", Warning);
    let report = check(
        "POST /v1/customers",
        json!({"id": "cust_1", "source_id": "c1"}),
    );
    assert_only(&report, "ignored_field", "/source_id", Warning);
}

#[test]
fn requires_source_id_in_bulk_bodies() {
    let report = check(
        "POST /v1/customers/bulk/async",
        json!([{"source_id": "a", "name": "A"}, {"name": "B"}, {"id": "cust_1", "source_id": "c"}]),
    );
    assert_eq!(errors(&report), vec![("missing_field", "/1".to_string())]);
    assert_eq!(
        warnings(&report),
        vec![("unknown_field", "/2/id".to_string())]
    );
}

#[test]
fn bulk_bodies_must_be_non_empty_arrays() {
    assert_only(
        &check("POST /v1/customers/bulk/async", json!({"source_id": "a"})),
        "invalid_type",
        "",
        Error,
    );
    assert_only(
        &check("POST /v1/customers/bulk/async", json!([])),
        "too_few",
        "",
        Error,
    );
}

#[test]
fn warns_about_a_repeated_source_id_in_a_bulk_body() {
    let report = check(
        "POST /v1/customers/bulk/async",
        json!([{"source_id": "a"}, {"source_id": "b"}, {"source_id": "a"}]),
    );
    assert_only(&report, "duplicate", "/2/source_id", Warning);
    assert!(report.issues[0].message.contains("index 0"));
}

#[test]
fn rejects_bulk_bodies_over_ten_megabytes() {
    let big = "x".repeat(1000);
    let records: Vec<_> = (0..10_500)
        .map(|i| json!({"source_id": format!("c{i}"), "description": big}))
        .collect();
    let report = check("POST /v1/customers/bulk/async", json!(records));
    assert_only(&report, "too_large", "", Error);
    assert!(report.issues[0].message.contains("10485760"));
}

#[test]
fn checks_metadata_update_bodies() {
    assert_clean(&check(
        "POST /v1/customers/metadata/async",
        json!({"source_ids": ["a", "b"], "metadata": {"lang": "en"}}),
    ));
    let report = check(
        "POST /v1/customers/metadata/async",
        json!({"source_ids": []}),
    );
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("missing_field", String::new()),
            ("too_few", "/source_ids".to_string())
        ]
    );
    let report = check(
        "POST /v1/customers/metadata/async",
        json!({"source_ids": ["a", 3, "a", ""], "metadata": {}}),
    );
    assert_eq!(
        errors(&report),
        vec![("invalid_type", "/source_ids/1".to_string())]
    );
    assert_eq!(
        warnings(&report),
        vec![
            ("duplicate", "/source_ids/2".to_string()),
            ("empty_value", "/source_ids/3".to_string())
        ]
    );
}

#[test]
fn null_clears_fields_in_an_update_only() {
    let clearing =
        json!({"name": null, "phone": null, "birthdate": null, "address": {"line_2": null}});
    assert_clean(&check("PUT /v1/customers/c1", clearing.clone()));
    let mut create = clearing;
    create["source_id"] = json!("c1");
    let mut found = errors(&check("POST /v1/customers", create));
    found.sort();
    assert_eq!(
        found,
        vec![
            ("invalid_type", "/address/line_2".to_string()),
            ("invalid_type", "/birthdate".to_string()),
            ("invalid_type", "/name".to_string()),
            ("invalid_type", "/phone".to_string()),
        ]
    );
}

#[test]
fn escapes_json_pointer_segments() {
    let report = check("POST /v1/customers", json!({"source_id": "c1", "a/b~c": 1}));
    assert_only(&report, "unknown_field", "/a~1b~0c", Warning);
}
