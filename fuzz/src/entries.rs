//! One function per fuzz target: decode the fuzzer's bytes, call the public API, and assert
//! what must hold for every input (no panic, consistent reports, outputs that round-trip).

use serde_json::{json, Map, Value};
use voucherify_sync::{
    normalize_date, prepare_stackable_request, supported_countries, to_e164, upsert_effects,
    BuildOptions, Code, DateOrder, DiffOptions, Issue, Limits, Operation, PrepareOptions, Report,
    Severity, ValidationOptions, Validator,
};

use crate::grammar::Bytes;

/// Keys of a cart for `prepare_stackable_request`.
#[rustfmt::skip]
const CART_KEYS: &[&str] = &[
    "codes", "giftCards", "loyaltyCards", "promotionTiers", "promotionStack", "items",
    "customer", "trackingId", "session", "metadata", "expand", "id", "credits", "points",
    "key", "type", "ttl", "ttlUnit", "quantity", "price", "amount", "productId", "skuId",
    "sourceId", "product", "sku", "related_object", "source_id", "name", "email", "birthdate",
];

/// Keys of the stacking rules.
#[rustfmt::skip]
const RULE_KEYS: &[&str] = &[
    "redeemables_limit", "applicable_redeemables_limit", "applicable_exclusive_redeemables_limit",
    "applicable_redeemables_per_category_limit",
    "applicable_exclusive_redeemables_per_category_limit",
    "applicable_redeemables_category_limits", "exclusive_categories", "joint_categories",
    "redeemables_application_mode", "redeemables_sorting_rule",
];

/// Keys of validation and redemption responses.
#[rustfmt::skip]
const RESPONSE_KEYS: &[&str] = &[
    "valid", "redeemables", "inapplicable_redeemables", "skipped_redeemables", "order",
    "redemptions", "parent_redemption", "object", "id", "status", "result", "error", "key",
    "message", "details", "discount", "amount", "total_amount", "total_discount_amount",
    "applied_discount_amount", "total_applied_discount_amount", "gift", "credits", "loyalty_card",
    "points", "redemption", "tracking_id", "session", "failure_code", "failure_message", "type",
];

/// Mapping targets of the customer builder, valid and not.
#[rustfmt::skip]
const TARGETS: &[&str] = &[
    "id", "source_id", "name", "email", "phone", "birthdate", "description", "address.line_1",
    "address.line_2", "address.city", "address.state", "address.postal_code", "address.country",
    "metadata.tier", "metadata.", "address.nope", "metadata.a.b",
];

/// Keys of a metadata property definition.
#[rustfmt::skip]
const DEFINITION_KEYS: &[&str] = &[
    "type", "optional", "array", "eq", "ne", "lt", "lte", "gt", "gte", "min_length",
    "max_length", "exact_length", "deleted", "object_type",
];

/// Types of metadata properties.
#[rustfmt::skip]
const METADATA_TYPES: &[&str] = &[
    "string", "number", "boolean", "date", "datetime", "object", "image_url", "geopoint", "nope",
];

/// Objects a metadata schema can belong to.
#[rustfmt::skip]
const RELATED_OBJECTS: &[&str] = &[
    "customer", "order", "product", "sku", "redemption", "publication", "event", "nope",
];

/// Every payload operation on the raw bytes.
pub fn validate_payload(data: &[u8]) {
    let validator = Validator::default();
    for &operation in Operation::ALL {
        check_report(&validator.validate_bytes(operation, data));
    }
}

/// Every payload operation, and its upsert effects, on a structured JSON value.
pub fn validate_value(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let options = validation_options(&mut bytes);
    let body = bytes.value(0);
    let validator = Validator::new(options);
    for &operation in Operation::ALL {
        check_report(&validator.validate(operation, &body));
        round_trip(&upsert_effects(operation, &body));
    }
}

/// NDJSON with a chosen operation and issue cap; the counts must agree with each other.
pub fn ndjson(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let operation = bytes
        .pick(Operation::ALL)
        .unwrap_or(Operation::CreateCustomer);
    let max_issues = bytes.count(8);
    let options = ValidationOptions {
        metadata_schemas: None,
        limits: Limits {
            max_issues,
            ..Limits::default()
        },
    };
    let report = Validator::new(options).validate_ndjson(operation, bytes.rest());
    assert_eq!(
        report.bodies,
        report.valid_bodies.saturating_add(report.invalid_bodies)
    );
    assert_eq!(report.valid, report.invalid_bodies == 0);
    let counted: usize = report.counts_by_code.values().sum();
    assert_eq!(
        counted,
        report.error_count.saturating_add(report.warning_count)
    );
    assert!(report.issues.len() <= max_issues);
    assert_eq!(report.truncated, report.issues.len() < counted);
    let mut last_line = 0;
    for issue in &report.issues {
        assert!(issue.line >= last_line && issue.line >= 1);
        last_line = issue.line;
        check_issue(&issue.issue);
    }
    let _: Value = parse(&report.to_json());
}

/// The customer builder with generated options and a flat record.
pub fn build_customer(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let options = build_options(&mut bytes);
    let record = if bytes.byte() % 16 == 0 {
        bytes.value(0)
    } else {
        bytes.record()
    };
    let Ok(options) = BuildOptions::from_json(&options) else {
        return;
    };
    let Ok(built) = voucherify_sync::build_customer(&record, &options) else {
        assert!(!record.is_object());
        return;
    };
    assert_eq!(built.valid, !has_error(&built.issues));
    built.issues.iter().for_each(check_issue);
    round_trip(&built);
    if let Some(Value::String(email)) = built.customer.get("email") {
        // The builder keeps an email that does not look like one with a warning: whatever the
        // validator flags in the email it built, the builder warned about too, never an error.
        let body = json!({ "source_id": "c1", "email": email });
        let report = Validator::default().validate(Operation::CreateCustomer, &body);
        let flagged = report
            .issues
            .iter()
            .any(|issue| issue.path == "/email" && issue.code == Code::InvalidFormat);
        let warned = built.issues.iter().any(|issue| {
            issue.code == Code::InvalidFormat
                && issue.severity == Severity::Warning
                && issue.message.starts_with("email ")
        });
        assert!(
            !flagged || warned,
            "the builder produced {email:?}, which the validator flags, without a warning"
        );
    }
}

/// The customer update diff between two generated customers.
pub fn diff_customer(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let options = match bytes.byte() % 4 {
        0 => Value::Null,
        1 => json!({ "keepMissing": bytes.byte() % 2 == 1 }),
        2 => json!({}),
        _ => bytes.value(0),
    };
    let stored = customer(&mut bytes);
    let local = if bytes.byte() % 4 == 0 {
        stored.clone()
    } else {
        customer(&mut bytes)
    };
    let Ok(options) = DiffOptions::from_json(&options) else {
        return;
    };
    if let Ok(diff) = voucherify_sync::diff_customer(&stored, &local, &options) {
        assert_eq!(diff.valid, !has_error(&diff.issues));
        diff.issues.iter().for_each(check_issue);
        round_trip(&diff);
    }
    if let Ok(same) = voucherify_sync::diff_customer(&stored, &stored, &options) {
        assert!(
            same.body.is_none(),
            "a customer differs from itself: {same:?}"
        );
    }
}

/// Stackable request preparation from a generated cart and options.
pub fn prepare_stackable(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let mut options = Map::new();
    if bytes.byte() % 2 == 1 {
        options.insert("stackingRules".into(), bytes.object_with(RULE_KEYS, 2));
    }
    if bytes.byte() % 4 == 0 {
        options.insert("categories".into(), bytes.value(6));
    }
    if bytes.byte() % 4 == 0 {
        let operation = Operation::ALL
            .iter()
            .filter(|op| op.is_stackable())
            .map(|op| op.key())
            .collect::<Vec<_>>();
        let text = bytes.pick(&operation).unwrap_or("POST /v1/customers");
        options.insert("operation".into(), Value::from(text));
    }
    if bytes.byte() % 4 == 0 {
        options.insert("customerOptions".into(), build_options(&mut bytes));
    }
    if bytes.byte() % 8 == 0 {
        options.insert("metadataSchemas".into(), metadata_schemas(&mut bytes));
    }
    let cart = bytes.object_with(CART_KEYS, 0);
    let Ok(options) = PrepareOptions::from_json(&Value::Object(options)) else {
        return;
    };
    if let Ok(prepared) = prepare_stackable_request(&cart, &options) {
        assert_eq!(prepared.valid, !has_error(&prepared.issues));
        prepared.issues.iter().for_each(check_issue);
        round_trip(&prepared);
    }
}

/// Summaries of generated validation and redemption responses.
pub fn summarize_result(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let response = if bytes.byte() % 8 == 0 {
        bytes.value(0)
    } else {
        bytes.object_with(RESPONSE_KEYS, 0)
    };
    if let Ok(summary) = voucherify_sync::summarize_result(&response) {
        round_trip(&summary);
    }
}

/// The date reader, and the validators' date and date-time checks, on any text.
pub fn date(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for order in [
        None,
        Some(DateOrder::DayMonthYear),
        Some(DateOrder::MonthDayYear),
    ] {
        if let Ok(date) = normalize_date(&text, order) {
            assert_eq!(date.len(), 10, "{text:?} read as {date:?}");
            let report = Validator::default().validate(
                Operation::CreateCustomer,
                &json!({ "source_id": "c1", "birthdate": date }),
            );
            assert!(
                report.valid,
                "{text:?} read as {date:?}, which the validator refuses"
            );
        }
    }
    let validator = Validator::default();
    let customer = validator.validate(
        Operation::CreateCustomer,
        &json!({ "source_id": "c1", "birthdate": text }),
    );
    check_report(&customer);
    if customer.valid {
        // A date the validator accepts is read as itself.
        assert_eq!(normalize_date(&text, None).as_deref(), Ok(&*text));
    }
    let order = validator.validate(
        Operation::CreateOrder,
        &json!({ "amount": 100, "created_at": text }),
    );
    check_report(&order);
}

/// Email checks through the validator and the builder, on any text.
pub fn email(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    check_report(&Validator::default().validate(
        Operation::CreateCustomer,
        &json!({ "source_id": "c1", "email": text }),
    ));
    for lowercase in [false, true] {
        let options = BuildOptions {
            lowercase_email: lowercase,
            ..BuildOptions::default()
        };
        if let Ok(built) = voucherify_sync::build_customer(&json!({ "Email": text }), &options) {
            if let Some(Value::String(email)) = built.customer.get("email") {
                let report = Validator::default().validate(
                    Operation::CreateCustomer,
                    &json!({ "source_id": "c1", "email": email }),
                );
                // Kept whatever it holds: the validator warns exactly when the builder did.
                let warned = built
                    .issues
                    .iter()
                    .any(|issue| issue.severity == Severity::Warning);
                assert!(report.valid, "{email:?}: {report:?}");
                assert_eq!(!report.issues.is_empty(), warned, "{email:?}: {report:?}");
            }
        }
    }
}

/// Phone numbers to E.164 in every supported country: the result is E.164 and stable.
pub fn phone(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for country in supported_countries() {
        if let Ok(e164) = to_e164(&text, country) {
            let digits = e164.strip_prefix('+').unwrap_or_default();
            assert!(
                !digits.is_empty()
                    && digits.len() <= 15
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && !digits.starts_with('0'),
                "{text:?} in {} became {e164:?}",
                country.iso
            );
            assert_eq!(to_e164(&e164, country).as_deref(), Ok(&*e164));
        }
    }
}

fn validation_options(bytes: &mut Bytes) -> ValidationOptions {
    if bytes.byte() % 4 != 0 {
        return ValidationOptions::default();
    }
    let mut options = Map::new();
    options.insert("metadataSchemas".into(), metadata_schemas(bytes));
    ValidationOptions::from_json(&Value::Object(options)).unwrap_or_default()
}

fn build_options(bytes: &mut Bytes) -> Value {
    let mut options = Map::new();
    let flags = bytes.byte();
    if flags & 1 != 0 {
        let mut mapping = Map::new();
        for _ in 0..bytes.count(4) {
            let target = match bytes.byte() % 8 {
                0 => Value::Null,
                1 => Value::String(bytes.text()),
                _ => Value::from(bytes.pick(TARGETS).unwrap_or("name")),
            };
            mapping.insert(bytes.key(), target);
        }
        options.insert("mapping".into(), Value::Object(mapping));
    }
    if flags & 2 != 0 {
        options.insert("lowercaseEmail".into(), Value::Bool(bytes.byte() % 2 == 1));
    }
    if flags & 4 != 0 {
        let mut isos: Vec<&str> = supported_countries().map(|c| c.iso).collect();
        isos.push("XX");
        options.insert(
            "defaultCountry".into(),
            Value::from(bytes.pick(&isos).unwrap_or("US")),
        );
    }
    if flags & 8 != 0 {
        let order = bytes.pick(&["dmy", "mdy", "ymd"]).unwrap_or("dmy");
        options.insert("dateOrder".into(), Value::from(order));
    }
    if flags & 16 != 0 {
        options.insert("clearEmpty".into(), Value::Bool(bytes.byte() % 2 == 1));
    }
    if flags & 32 != 0 {
        options.insert("metadataSchemas".into(), metadata_schemas(bytes));
    }
    if flags & 64 != 0 {
        options.insert(bytes.key(), bytes.value(6));
    }
    Value::Object(options)
}

fn metadata_schemas(bytes: &mut Bytes) -> Value {
    let mut schemas = Vec::new();
    for _ in 0..bytes.count(2) {
        let mut properties = Map::new();
        for _ in 0..bytes.count(4) {
            let mut definition = Map::new();
            definition.insert(
                "type".into(),
                Value::from(bytes.pick(METADATA_TYPES).unwrap_or("string")),
            );
            for _ in 0..bytes.count(3) {
                let key = bytes.pick(DEFINITION_KEYS).unwrap_or("optional");
                definition.insert(key.into(), bytes.value(8));
            }
            properties.insert(bytes.key(), Value::Object(definition));
        }
        schemas.push(json!({
            "related_object": bytes.pick(RELATED_OBJECTS).unwrap_or("customer"),
            "allow_defined_only": bytes.byte() % 2 == 1,
            "properties": properties,
        }));
    }
    json!({ "schemas": schemas })
}

fn customer(bytes: &mut Bytes) -> Value {
    if bytes.byte() % 16 == 0 {
        bytes.value(0)
    } else {
        bytes.object(0)
    }
}

/// What every report must satisfy.
fn check_report(report: &Report) {
    assert_eq!(report.valid, report.error_count() == 0);
    assert_eq!(report.valid, !has_error(&report.issues));
    report.issues.iter().for_each(check_issue);
    let parsed = parse(&report.to_json());
    assert_eq!(parsed.get("valid"), Some(&Value::Bool(report.valid)));
}

/// An issue has a known code, a JSON pointer path and a message.
fn check_issue(issue: &Issue) {
    assert!(Code::ALL.contains(&issue.code), "{issue:?}");
    assert!(
        issue.path.is_empty() || issue.path.starts_with('/'),
        "{issue:?}"
    );
    assert!(!issue.message.is_empty(), "{issue:?}");
}

fn has_error(issues: &[Issue]) -> bool {
    issues.iter().any(|issue| issue.severity == Severity::Error)
}

/// A result serializes to JSON that parses back.
fn round_trip<T: serde::Serialize>(value: &T) {
    let text = serde_json::to_string(value).unwrap_or_default();
    let _: Value = parse(&text);
}

fn parse(text: &str) -> Value {
    match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => panic!("not JSON ({error}): {text}"),
    }
}

/// The CSV validator on arbitrary bytes and arbitrary chunking: the first byte picks the kind
/// and the outputs, the next ones the chunk sizes. Checks that the report does not depend on the
/// chunking, that every row is counted once, that every record lands in exactly one of the
/// cleaned file or the failed rows, and that the parts rejoin into the cleaned file.
pub fn csv(data: &[u8]) {
    use voucherify_sync::{CsvKind, CsvOptions, CsvValidator};
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let kinds = [
        CsvKind::Customers,
        CsvKind::Products,
        CsvKind::Skus,
        CsvKind::Orders,
    ];
    let kind = kinds[usize::from(first % 4)];
    let (sizes, input) = rest.split_at(rest.len().min(4));
    let options = CsvOptions {
        cleaned: true,
        failed: true,
        parts: true,
        import_bodies: kind == CsvKind::Orders,
        max_part_bytes: 1024,
        ..CsvOptions::default()
    };
    let run = |chunking: &dyn Fn(usize) -> usize| {
        let mut validator = CsvValidator::new(kind, options.clone()).expect("valid options");
        let mut at = 0;
        let mut step = 0;
        while at < input.len() {
            let size = chunking(step).max(1);
            let end = (at + size).min(input.len());
            validator.push(&input[at..end]);
            at = end;
            step += 1;
        }
        validator.finish_with_outputs()
    };
    let whole = run(&|_| usize::MAX);
    let chunked =
        run(&|step| usize::from(sizes.get(step % sizes.len().max(1)).copied().unwrap_or(1)));
    assert_eq!(whole.0, chunked.0, "the report depends on the chunking");
    assert_eq!(whole.1, chunked.1, "the outputs depend on the chunking");
    let (report, outputs) = whole;
    assert_eq!(report.valid_rows + report.invalid_rows, report.rows);
    let lines = |bytes: &[u8]| count_records(bytes);
    if !report.issues.iter().any(|issue| issue.row == 0) {
        // Without header problems, the cleaned file holds the valid rows, the failed file the rest.
        assert_eq!(
            lines(&outputs.cleaned).saturating_sub(1),
            report.valid_rows as usize
        );
    }
    let mut joined = Vec::new();
    for (index, part) in outputs.parts.iter().enumerate() {
        assert!(
            part.len() <= 1024 || count_records(part) <= 2,
            "a part over the limit holds more than one row"
        );
        let header_end = part
            .iter()
            .position(|b| *b == b'\n')
            .map_or(part.len(), |i| i + 1);
        joined.extend_from_slice(if index == 0 {
            part
        } else {
            &part[header_end..]
        });
    }
    if !outputs.parts.is_empty() {
        assert_eq!(
            joined, outputs.cleaned,
            "the parts do not rejoin into the cleaned file"
        );
    }
}

/// Size-scaled CSV documents (`scaled.rs` expands the bytes): no panic, every row counted once,
/// a report in proportion to `max_issues` and a failed file in proportion to the input, whatever
/// the header names, and `read_csv_records` accounting for every row.
pub fn csv_scaled(data: &[u8]) {
    use crate::scaled::{document, ERROR_TEXT_BYTES, ISSUE_BYTES};
    use voucherify_sync::{read_csv_records, CsvKind, CsvOptions, CsvValidator};
    let (recipe, input) = document(data);
    let kinds = [
        CsvKind::Customers,
        CsvKind::Products,
        CsvKind::Skus,
        CsvKind::Orders,
    ];
    let kind = kinds[usize::from(recipe % 4)];
    let max_issues = [0, 1, 10, 1000][usize::from(recipe / 4 % 4)];
    let options = CsvOptions {
        cleaned: true,
        failed: true,
        parts: true,
        import_bodies: kind == CsvKind::Orders,
        max_issues,
        ..CsvOptions::default()
    };
    let mut validator = CsvValidator::new(kind, options).expect("valid options");
    for chunk in input.chunks(64 * 1024) {
        validator.push(chunk);
    }
    let (report, outputs) = validator.finish_with_outputs();
    assert_eq!(report.valid_rows + report.invalid_rows, report.rows);
    assert_eq!(report.bytes, input.len() as u64);
    assert!(report.issues.len() <= max_issues);
    let json = report.to_json();
    let bound = ISSUE_BYTES * (max_issues + 1) + 4096;
    assert!(
        json.len() <= bound,
        "a report of {} bytes for {} issues kept, over {bound}",
        json.len(),
        report.issues.len()
    );
    for issue in &report.issues {
        assert!(
            issue.column.chars().count() <= 80,
            "a column name of {} characters",
            issue.column.len()
        );
        assert!(
            issue.message.chars().count() <= 400,
            "a message of {} characters",
            issue.message.len()
        );
    }
    let rows = usize::try_from(report.rows).unwrap_or(usize::MAX);
    let failed_bound = 2 * input.len() + ERROR_TEXT_BYTES * (rows + 1);
    assert!(
        outputs.failed.len() <= failed_bound,
        "a failed file of {} bytes for {} input bytes and {rows} rows",
        outputs.failed.len(),
        input.len()
    );
    let read = read_csv_records(&input);
    assert_eq!(read.records.len(), read.rows.len());
    assert_eq!(read.records.len(), read.lines.len());
    for record in &read.records {
        assert_eq!(record.len(), read.header.len());
    }
}

/// Records in a CSV output (outputs quote every field with a newline, so records are counted by
/// newlines outside quotes).
fn count_records(bytes: &[u8]) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for &byte in bytes {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => count += 1,
            _ => {}
        }
    }
    count
}
