//! Metadata checked against the project's metadata schemas.

mod common;

use common::{assert_clean, assert_only, check_with, errors, warnings};
use serde_json::{json, Value};
use voucherify_sync::Severity::{Error, Warning};
use voucherify_sync::ValidationOptions;

fn schemas() -> Value {
    json!({"object": "list", "data_ref": "schemas", "schemas": [
        {"related_object": "customer", "allow_defined_only": false, "properties": {
            "acquisition_channel": {"type": "string", "array": false, "optional": true, "eq": ["Facebook", "Twitter", "Website"]},
            "lifetime_value": {"type": "number", "array": false, "optional": true, "gte": 0, "lt": 1000000},
            "vip": {"type": "boolean", "array": false, "optional": true},
            "signup_date": {"type": "date", "array": false, "optional": true},
            "last_seen": {"type": "datetime", "array": false, "optional": true},
            "favorite_brands": {"type": "string", "array": true, "optional": true},
            "crm_id": {"type": "string", "array": false, "optional": false, "minLength": 3, "maxLength": 8},
            "location": {"type": "geopoint", "array": false, "optional": true},
            "avatar": {"type": "image_url", "array": false, "optional": true},
            "old_field": {"type": "string", "array": false, "optional": false, "deleted": true},
            "score": {"type": "number", "array": false, "optional": true, "ne": [13]},
            "code": {"type": "string", "array": false, "optional": true, "exactLength": 4}
        }},
        {"related_object": "order", "allow_defined_only": true, "properties": {
            "payment": {"type": "object", "array": false, "optional": true, "objectType": "Payment"},
            "location_id": {"type": "string", "array": true, "optional": true, "eq": ["L1", "L2", "L3"]},
            "old": {"type": "string", "array": false, "optional": true, "deleted": true}
        }},
        {"related_object": "Payment", "allow_defined_only": true, "properties": {
            "method": {"type": "string", "array": false, "optional": false}
        }}
    ]})
}

fn options() -> ValidationOptions {
    ValidationOptions::from_json(&json!({"metadataSchemas": schemas()})).unwrap()
}

fn customer(metadata: Value) -> voucherify_sync::Report {
    check_with(
        "POST /v1/customers",
        json!({"source_id": "c1", "metadata": metadata}),
        options(),
    )
}

#[test]
fn accepts_metadata_that_fits_the_schema() {
    assert_clean(&customer(json!({
        "crm_id": "A1234", "acquisition_channel": "Website", "lifetime_value": 10.5, "vip": true,
        "signup_date": "2024-02-29", "last_seen": "2024-03-01T10:00:00.000Z", "favorite_brands": ["Nike", "Fenty"],
        "location": "37.786971, -122.399677", "avatar": "https://x.io/a.png", "score": 12, "code": "ABCD",
        "undefined_key": "kept as a string", "nullable": null
    })));
}

#[test]
fn requires_non_optional_keys_on_create_only() {
    let report = customer(json!({"vip": true}));
    assert_only(&report, "metadata_missing_required", "/metadata", Error);
    assert!(report.issues[0].message.contains("crm_id"));
    let report = check_with("POST /v1/customers", json!({"source_id": "c1"}), options());
    assert_only(&report, "metadata_missing_required", "/metadata", Error);
    let report = check_with(
        "PUT /v1/customers/c1",
        json!({"metadata": {"vip": true}}),
        options(),
    );
    assert_clean(&report);
    let report = check_with(
        "POST /v1/customers/bulk/async",
        json!([{"source_id": "c1"}]),
        options(),
    );
    assert_clean(&report);
}

#[test]
fn checks_types_arrays_and_formats() {
    let report = customer(json!({
        "crm_id": "A1234", "lifetime_value": "12", "vip": "true", "signup_date": "2024-02-30",
        "last_seen": "yesterday", "favorite_brands": "Nike,Fenty", "location": "north", "avatar": "http.com",
        "acquisition_channel": ["Website"]
    }));
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("metadata_invalid_format", "/metadata/avatar".to_string()),
            ("metadata_invalid_format", "/metadata/last_seen".to_string()),
            ("metadata_invalid_format", "/metadata/location".to_string()),
            (
                "metadata_invalid_format",
                "/metadata/signup_date".to_string()
            ),
            (
                "metadata_invalid_type",
                "/metadata/acquisition_channel".to_string()
            ),
            (
                "metadata_invalid_type",
                "/metadata/favorite_brands".to_string()
            ),
            (
                "metadata_invalid_type",
                "/metadata/lifetime_value".to_string()
            ),
            ("metadata_invalid_type", "/metadata/vip".to_string()),
        ]
    );
}

#[test]
fn checks_each_array_element() {
    let report = customer(json!({"crm_id": "A1234", "favorite_brands": ["Nike", 3]}));
    assert_only(
        &report,
        "metadata_invalid_type",
        "/metadata/favorite_brands/1",
        Error,
    );
}

#[test]
fn checks_allowed_values_bounds_and_lengths() {
    let report = customer(json!({
        "crm_id": "AB", "acquisition_channel": "snap", "lifetime_value": -1, "score": 13, "code": "ABC"
    }));
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("metadata_invalid_length", "/metadata/code".to_string()),
            ("metadata_invalid_length", "/metadata/crm_id".to_string()),
            (
                "metadata_not_allowed",
                "/metadata/acquisition_channel".to_string()
            ),
            ("metadata_not_allowed", "/metadata/score".to_string()),
            (
                "metadata_out_of_range",
                "/metadata/lifetime_value".to_string()
            ),
        ]
    );
    let message = &report
        .issues
        .iter()
        .find(|i| i.path == "/metadata/acquisition_channel")
        .unwrap()
        .message;
    assert_eq!(
        message,
        "acquisition_channel: must be equal to one of Facebook,Twitter,Website (actual value is 'snap')"
    );
    let report = customer(json!({"crm_id": "ABCDEFGHI", "lifetime_value": 1000000}));
    assert_eq!(errors(&report).len(), 2);
}

#[test]
fn deleted_definitions_warn_or_fail_with_allow_defined_only() {
    let report = customer(json!({"crm_id": "A1234", "old_field": "x"}));
    assert_only(
        &report,
        "metadata_deleted_key",
        "/metadata/old_field",
        Warning,
    );
    let report = check_with(
        "POST /v1/orders",
        json!({"metadata": {"old": "x"}}),
        options(),
    );
    assert_only(&report, "metadata_deleted_key", "/metadata/old", Error);
}

#[test]
fn allow_defined_only_rejects_undefined_keys() {
    let report = check_with(
        "POST /v1/orders",
        json!({"metadata": {"location_id": ["L1"], "other": 1}}),
        options(),
    );
    assert_only(&report, "metadata_undefined_key", "/metadata/other", Error);
}

#[test]
fn checks_nested_object_types() {
    let report = check_with(
        "POST /v1/orders",
        json!({"metadata": {"payment": {"method": 5, "extra": true}}}),
        options(),
    );
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            (
                "metadata_invalid_type",
                "/metadata/payment/method".to_string()
            ),
            (
                "metadata_undefined_key",
                "/metadata/payment/extra".to_string()
            ),
        ]
    );
    let report = check_with(
        "POST /v1/orders",
        json!({"metadata": {"payment": {}}}),
        options(),
    );
    assert_only(
        &report,
        "metadata_missing_required",
        "/metadata/payment",
        Error,
    );
}

#[test]
fn checks_array_values_against_eq() {
    let report = check_with(
        "POST /v1/orders",
        json!({"metadata": {"location_id": ["L1", "L9"]}}),
        options(),
    );
    assert_only(
        &report,
        "metadata_not_allowed",
        "/metadata/location_id/1",
        Error,
    );
}

#[test]
fn metadata_must_be_an_object_even_without_schemas() {
    let report = check_with(
        "POST /v1/customers",
        json!({"metadata": [1]}),
        ValidationOptions::default(),
    );
    assert_only(&report, "invalid_type", "/metadata", Error);
}

#[test]
fn reads_the_spec_example_of_the_list_endpoint() {
    let spec: Value = serde_json::from_str(include_str!(
        "../spec/voucherify-openapi/openapi/metadata-schemas.json"
    ))
    .unwrap();
    let body = &spec["paths"]["/v1/metadata-schemas"]["get"]["responses"]["200"]["content"]
        ["application/json"]["examples"]["Example"]["value"];
    let options = ValidationOptions::from_json(&json!({ "metadataSchemas": body })).unwrap();
    let report = check_with(
        "POST /v1/orders",
        json!({"metadata": {"location_id": ["L1", "L4"], "day_of_week": "monday"}}),
        options,
    );
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("metadata_invalid_type", "/metadata/day_of_week".to_string()),
            (
                "metadata_not_allowed",
                "/metadata/location_id/1".to_string()
            ),
        ]
    );
    assert!(warnings(&report).is_empty());
}
