//! The customer builder on CRM-style records, and the built customers against the contract.

use serde_json::{json, Value};
use voucherify_sync::{
    build_customer, BuildOptions, Operation, Outcome, Severity, UsageCode, ValidationOptions,
    Validator,
};

fn fixtures() -> Vec<Value> {
    serde_json::from_str(include_str!("fixtures/crm_records.json")).unwrap()
}

fn options_of(case: &Value) -> BuildOptions {
    BuildOptions::from_json(case.get("options").unwrap_or(&Value::Null)).unwrap()
}

/// The `[code, path]` pairs a case lists under `key` (`errors` or `warnings`).
fn listed(case: &Value, key: &str) -> Vec<(String, String)> {
    case.get(key)
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|pair| {
                    (
                        pair[0].as_str().unwrap().to_string(),
                        pair[1].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn builds_the_expected_customer_for_every_crm_record() {
    let cases = fixtures();
    assert!(cases.len() >= 60);
    for case in &cases {
        let label = case["label"].as_str().unwrap();
        let built = build_customer(&case["record"], &options_of(case)).unwrap();
        assert_eq!(
            Value::Object(built.customer.clone()),
            case["customer"],
            "{label}"
        );
        for (key, severity) in [("errors", Severity::Error), ("warnings", Severity::Warning)] {
            let mut found: Vec<(String, String)> = built
                .issues
                .iter()
                .filter(|issue| issue.severity == severity)
                .map(|issue| (issue.code.as_str().to_string(), issue.path.clone()))
                .collect();
            found.sort();
            let mut expected = listed(case, key);
            expected.sort();
            assert_eq!(found, expected, "{label} {key}: {:#?}", built.issues);
        }
        let expected = listed(case, "errors");
        assert_eq!(built.valid, expected.is_empty(), "{label}");
        assert_eq!(
            built.fields.len(),
            case["record"].as_object().unwrap().len(),
            "{label}: every key accounted for"
        );
    }
}

#[test]
fn every_built_customer_passes_payload_validation() {
    for case in fixtures() {
        let label = case["label"].as_str().unwrap();
        let built = build_customer(&case["record"], &options_of(&case)).unwrap();
        let schemas = case
            .get("options")
            .and_then(|o| o.get("metadataSchemas"))
            .cloned()
            .unwrap_or(Value::Null);
        let validator = Validator::new(
            ValidationOptions::from_json(&json!({ "metadataSchemas": schemas })).unwrap(),
        );
        let body = Value::Object(built.customer);
        let clears = case.get("options").and_then(|o| o.get("clearEmpty")) == Some(&json!(true));
        let operations: &[Operation] = if clears {
            // `null` clears a field, which only an update does.
            &[Operation::UpdateCustomer]
        } else {
            &[Operation::CreateCustomer, Operation::UpdateCustomer]
        };
        for &operation in operations {
            let mut body = body.clone();
            if operation == Operation::UpdateCustomer {
                body.as_object_mut().unwrap().remove("source_id");
                body.as_object_mut().unwrap().remove("id");
            }
            let report = validator.validate(operation, &body);
            assert!(report.valid, "{label} {operation}: {:#?}", report.issues);
            let unexpected: Vec<_> = report
                .issues
                .iter()
                .filter(|issue| {
                    !(issue.code.as_str() == "ignored_field" && issue.path == "/source_id")
                })
                // The builder's own warnings (an email that does not look like one) stay.
                .filter(|issue| {
                    !listed(&case, "warnings")
                        .contains(&(issue.code.as_str().to_string(), issue.path.clone()))
                })
                .collect();
            assert!(
                unexpected.is_empty(),
                "{label} {operation}: {unexpected:#?}"
            );
        }
    }
}

#[test]
fn accounts_for_every_key_with_its_outcome() {
    let options =
        BuildOptions::from_json(&json!({"mapping": {"skip": null}, "clearEmpty": false})).unwrap();
    let built = build_customer(
        &json!({"source_id": "c1", "skip": "x", "name": "", "birthdate": "nope", "City": "Oslo"}),
        &options,
    )
    .unwrap();
    let outcomes: Vec<(&str, Option<&str>, Outcome)> = built
        .fields
        .iter()
        .map(|f| (f.key.as_str(), f.field.as_deref(), f.outcome))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            ("City", Some("address.city"), Outcome::Set),
            ("birthdate", Some("birthdate"), Outcome::Rejected),
            ("name", Some("name"), Outcome::Empty),
            ("skip", None, Outcome::Ignored),
            ("source_id", Some("source_id"), Outcome::Set),
        ]
    );
}

#[test]
fn refuses_records_that_are_not_objects() {
    for record in [json!(null), json!([]), json!("a,b"), json!(3)] {
        let error = build_customer(&record, &BuildOptions::default()).unwrap_err();
        assert_eq!(error.code, UsageCode::InvalidArgument);
    }
}

#[test]
fn refuses_bad_options() {
    for options in [
        json!({"defaultCountry": "XX"}),
        json!({"dateOrder": "ymd"}),
        json!({"mapping": {"a": "nickname"}}),
        json!({"mapping": {"a": 1}}),
        json!({"lowercaseEmail": "yes"}),
        json!({"clear_empty": true}),
        json!([]),
    ] {
        let error = BuildOptions::from_json(&options).unwrap_err();
        assert_eq!(error.code, UsageCode::InvalidOptions, "{options}");
    }
    let error = BuildOptions::from_json(&json!({"defaultCountry": "XX"})).unwrap_err();
    // The countries come in libphonenumber's order, the main country of a calling code first.
    assert!(
        error.message.contains("countries are US, ") && error.message.contains(", DE, "),
        "{}",
        error.message
    );
}
