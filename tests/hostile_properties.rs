//! Properties over generated JSON that complement the fuzz targets in `cargo test`: reading a
//! body from bytes and from a value gives the same report, reports stay within the issue cap,
//! and NDJSON counts do not depend on line endings.

use proptest::prelude::*;
use serde_json::{Map, Value};
use voucherify_sync::{Issue, Limits, Operation, Severity, ValidationOptions, Validator};

/// Keys with meaning to the rules, and a few without.
const KEYS: &[&str] = &[
    "source_id",
    "id",
    "name",
    "email",
    "phone",
    "birthdate",
    "metadata",
    "address",
    "city",
    "amount",
    "items",
    "quantity",
    "price",
    "product_id",
    "customer",
    "redeemables",
    "object",
    "gift",
    "credits",
    "status",
    "event",
    "campaign",
    "count",
    "order",
    "zz",
    "",
];

/// Strings with meaning to the rules, and hostile ones.
const TEXTS: &[&str] = &[
    "",
    "c1",
    "voucher",
    "1990-02-30",
    "1990-07-03",
    "a@b.co",
    "not-an-email",
    "PAID",
    "=HYPERLINK(\"x\")",
    "<script>",
    "\u{202e}",
    "\u{feff}",
    "\0",
    "~1/",
    "é",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| {
            serde_json::Number::from_f64(f).map(Value::Number)
        }),
        prop::sample::select(TEXTS).prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|pairs| {
                Value::Object(
                    pairs
                        .into_iter()
                        .map(|(key, value)| (key.to_string(), value))
                        .collect::<Map<String, Value>>(),
                )
            }),
        ]
    })
}

/// Each issue's code, severity and path.
fn located(issues: &[Issue]) -> Vec<(&'static str, Severity, &str)> {
    issues
        .iter()
        .map(|issue| (issue.code.as_str(), issue.severity, issue.path.as_str()))
        .collect()
}

fn operation() -> impl Strategy<Value = Operation> {
    prop::sample::select(Operation::ALL)
}

fn capped(max_issues: usize) -> Validator {
    Validator::new(ValidationOptions {
        metadata_schemas: None,
        limits: Limits {
            max_issues,
            ..Limits::default()
        },
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn bytes_and_values_give_the_same_report(body in json_value(), operation in operation()) {
        let validator = Validator::default();
        let bytes = serde_json::to_vec(&body).unwrap();
        let from_bytes = validator.validate_bytes(operation, &bytes);
        let from_value = validator.validate(operation, &body);
        // Messages may differ in a float's last digit: serde_json reads floats back approximately.
        prop_assert_eq!(from_bytes.valid, from_value.valid);
        prop_assert_eq!(located(&from_bytes.issues), located(&from_value.issues));
    }

    #[test]
    fn a_report_keeps_at_most_max_issues_and_one_summary(
        body in json_value(),
        operation in operation(),
        max_issues in 0usize..4,
    ) {
        let full = Validator::default().validate(operation, &body);
        let report = capped(max_issues).validate(operation, &body);
        prop_assert!(report.issues.len() <= max_issues + 1);
        prop_assert_eq!(report.valid, full.valid);
        if full.issues.len() <= max_issues {
            prop_assert_eq!(&report.issues, &full.issues);
        } else {
            prop_assert_eq!(&report.issues[..max_issues], &full.issues[..max_issues]);
            let summary = report.issues.last().unwrap();
            prop_assert_eq!(summary.code.as_str(), "too_many");
            let dropped_error = full.issues[max_issues..].iter().any(|i| i.severity == Severity::Error);
            prop_assert_eq!(summary.severity == Severity::Error, dropped_error);
        }
    }

    #[test]
    fn ndjson_counts_do_not_depend_on_line_endings(
        bodies in prop::collection::vec(json_value(), 1..6),
        operation in operation(),
    ) {
        let lines: Vec<String> = bodies.iter().map(Value::to_string).collect();
        let validator = Validator::default();
        let lf = validator.validate_ndjson(operation, lines.join("\n").as_bytes());
        let crlf = validator.validate_ndjson(operation, format!("{}\r\n", lines.join("\r\n")).as_bytes());
        prop_assert_eq!(lf, crlf);
    }
}
