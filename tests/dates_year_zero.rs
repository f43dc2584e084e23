//! Year `0000` is not a date the API accepts (its date-time range starts at year 1): every place
//! that checks a date refuses it with the code it gives other impossible dates.

mod common;
mod csv_support;

use common::{assert_only, check, check_with};
use csv_support::{run, tuples};
use serde_json::json;
use voucherify_sync::Severity::Error;
use voucherify_sync::{build_customer, normalize_date, BuildOptions, CsvKind, DateProblem};
use voucherify_sync::{DateOrder, ValidationOptions};

#[test]
fn a_payload_birthdate_in_year_zero_is_invalid_format() {
    for birthdate in ["0000-01-01", "0000-02-29"] {
        let report = check(
            "POST /v1/customers",
            json!({"source_id": "c1", "birthdate": birthdate}),
        );
        assert_only(&report, "invalid_format", "/birthdate", Error);
    }
    let report = check(
        "POST /v1/customers",
        json!({"source_id": "c1", "birthdate": "0001-01-01"}),
    );
    assert!(report.issues.is_empty(), "{:#?}", report.issues);
}

#[test]
fn a_payload_date_time_in_year_zero_is_invalid_format() {
    let order =
        |created_at: &str| json!({"source_id": "o1", "amount": 100, "created_at": created_at});
    let report = check("POST /v1/orders", order("0000-12-31T23:59:59Z"));
    assert!(
        report
            .issues
            .iter()
            .any(|i| i.code.as_str() == "invalid_format" && i.path == "/created_at"),
        "{:#?}",
        report.issues
    );
    let report = check("POST /v1/orders", order("0001-01-01T00:00:00Z"));
    assert!(
        report.issues.iter().all(|i| i.path != "/created_at"),
        "{:#?}",
        report.issues
    );
}

#[test]
fn the_date_reader_refuses_year_zero_in_every_shape() {
    for text in [
        "0000-07-03",
        "0000/07/03",
        "03.07.0000",
        "0000-07-03T00:00:00Z",
    ] {
        assert_eq!(
            normalize_date(text, Some(DateOrder::DayMonthYear)),
            Err(DateProblem::Invalid),
            "{text}"
        );
    }
    assert_eq!(
        normalize_date("03/07/0000", Some(DateOrder::DayMonthYear)),
        Err(DateProblem::Invalid)
    );
}

#[test]
fn the_customer_builder_rejects_a_year_zero_birthdate() {
    let built = build_customer(
        &json!({"source_id": "c1", "birthdate": "03.07.0000"}),
        &BuildOptions::default(),
    )
    .unwrap();
    let found: Vec<(&str, &str)> = built
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.path.as_str()))
        .collect();
    assert_eq!(found, [("invalid_format", "/birthdate")]);
    assert!(!built.customer.contains_key("birthdate"));
}

#[test]
fn a_csv_birthdate_cell_in_year_zero_is_invalid_format() {
    let (report, _) = run(
        CsvKind::Customers,
        b"source_id,birthdate\nc1,0000-01-01\nc2,0001-01-01\n",
    );
    assert_eq!(
        tuples(&report),
        [("invalid_format", 1, 2, "birthdate".to_string())]
    );
}

#[test]
fn a_metadata_date_in_year_zero_is_metadata_invalid_format() {
    let schemas = json!({"object": "list", "data_ref": "schemas", "schemas": [
        {"related_object": "customer", "allow_defined_only": false, "properties": {
            "signup_date": {"type": "date", "array": false, "optional": true},
            "last_seen": {"type": "datetime", "array": false, "optional": true}
        }}
    ]});
    let options = ValidationOptions::from_json(&json!({"metadataSchemas": schemas})).unwrap();
    for (key, value) in [
        ("signup_date", "0000-01-01"),
        ("last_seen", "0000-01-01T10:00:00Z"),
    ] {
        let report = check_with(
            "POST /v1/customers",
            json!({"source_id": "c1", "metadata": {key: value}}),
            options.clone(),
        );
        assert_only(
            &report,
            "metadata_invalid_format",
            &format!("/metadata/{key}"),
            Error,
        );
    }
}
