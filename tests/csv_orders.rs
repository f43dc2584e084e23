//! Orders from a CSV of one row per item: grouping by the order's source_id, order-level
//! conflicts, amounts, and import bodies that the order import rules accept.

mod csv_support;

use csv_support::{run_chunked, tuples};
use serde_json::{json, Value};
use voucherify_sync::{
    CsvKind, CsvOptions, CsvReport, MetadataSchemas, Operation, ValidationOptions, Validator,
};

const ORDERS: &[u8] = include_bytes!("fixtures/csv/orders.csv");

fn with_bodies() -> CsvOptions {
    CsvOptions {
        import_bodies: true,
        ..csv_support::all_outputs()
    }
}

fn bodies(input: &[u8], options: CsvOptions, chunk: usize) -> (CsvReport, Vec<Value>) {
    let (report, outputs) = run_chunked(CsvKind::Orders, options, input, chunk);
    let bodies = outputs
        .import_bodies
        .iter()
        .map(|bytes| serde_json::from_slice(bytes).expect("JSON body"))
        .collect();
    (report, bodies)
}

fn assert_valid_imports(bodies: &[Value], options: ValidationOptions) {
    let validator = Validator::new(options);
    for body in bodies {
        let report = validator.validate(Operation::ImportOrders, body);
        assert!(report.valid, "{:?}", report.issues);
        assert!(body.as_array().unwrap().len() <= 2000);
    }
}

fn s(text: &str) -> String {
    text.to_string()
}

#[test]
fn groups_item_rows_into_orders_and_reports_what_cannot_be_imported() {
    let (report, bodies) = bodies(ORDERS, with_bodies(), 11);
    assert_eq!(
        tuples(&report),
        [
            ("amount_mismatch", 4, 5, s("amount")),
            ("csv_order_skipped", 4, 5, s("")),
            ("csv_order_conflict", 6, 7, s("status")),
            ("csv_order_skipped", 6, 7, s("")),
            ("missing_identifier", 7, 8, s("")),
            ("csv_order_skipped", 7, 8, s("")),
            ("invalid_value", 8, 9, s("status")),
            ("out_of_range", 8, 9, s("quantity")),
            ("csv_order_skipped", 8, 9, s("")),
        ]
    );
    assert_eq!((report.valid_rows, report.invalid_rows), (4, 4));
    assert_eq!(
        bodies,
        [json!([
            {
                "source_id": "o-1", "status": "PAID", "customer": {"source_id": "c-001"},
                "amount": 4350, "metadata": {"channel": "web"},
                "items": [
                    {"source_id": "sku-1", "related_object": "sku", "quantity": 2, "price": 1450,
                     "amount": 2900, "metadata": {"gift": "false"}},
                    {"source_id": "sku-2", "related_object": "sku", "quantity": 1, "price": 1450,
                     "amount": 1450, "metadata": {"gift": "true"}}
                ]
            },
            {
                "source_id": "o-2", "status": "CREATED", "customer": {"source_id": "c-002"},
                "amount": 1000, "metadata": {"channel": "store"},
                "items": [{"product_id": "prod_abc", "quantity": 1, "price": 1000, "amount": 1000}]
            }
        ])]
    );
    assert_valid_imports(&bodies, ValidationOptions::default());
}

#[test]
fn packs_more_than_2000_orders_into_bodies_of_at_most_2000() {
    // 4500 orders of 1 to 3 items; each order's rows are spread over the file.
    let mut input =
        b"source_id,status,customer_source_id,sku_id,quantity,price,metadata.channel\n".to_vec();
    let mut rows = 0;
    for round in 0..3 {
        for order in 0..4500u32 {
            if round < 1 + order % 3 {
                let status = if round == 0 { "PAID" } else { "" };
                input.extend_from_slice(
                    format!(
                        "o-{order},{status},c-{order},sku_{round},{},9.99,web\n",
                        1 + round
                    )
                    .as_bytes(),
                );
                rows += 1;
            }
        }
    }
    let (report, bodies) = bodies(&input, with_bodies(), 65_536);
    assert!(report.valid, "{:?}", report.issues);
    assert_eq!(report.rows, rows);
    let sizes: Vec<usize> = bodies.iter().map(|b| b.as_array().unwrap().len()).collect();
    assert_eq!(sizes, [2000, 2000, 500]);
    let items: usize = bodies
        .iter()
        .flat_map(|b| b.as_array().unwrap())
        .map(|order| order["items"].as_array().unwrap().len())
        .sum();
    assert_eq!(items as u64, rows);
    let first = &bodies[0][0];
    assert_eq!(first["source_id"], "o-0");
    assert_eq!(first["amount"], 999);
    assert_eq!(bodies[0][2]["amount"], 999 + 2 * 999 + 3 * 999);
    assert_valid_imports(&bodies, ValidationOptions::default());
}

#[test]
fn a_row_after_its_order_was_sent_is_an_error() {
    let options = CsvOptions {
        orders_per_body: 1,
        max_open_orders: 2,
        ..with_bodies()
    };
    let input = b"source_id,sku_id\na,s1\nb,s1\nc,s1\nd,s1\na,s2\n";
    let (report, bodies) = bodies(input, options, 3);
    assert_eq!(
        tuples(&report),
        [("csv_order_not_grouped", 5, 6, s("source_id"))]
    );
    assert!(report.issues[0].message.contains("first at row 1, line 2"));
    assert_eq!(bodies.len(), 4);
}

#[test]
fn required_order_metadata_must_be_on_the_first_row_of_an_order() {
    let schemas = MetadataSchemas::from_json(&json!({"schemas": [{
        "related_object": "order",
        "properties": {
            "channel": {"type": "string", "array": false, "optional": false, "eq": ["web", "app"]},
            "visits": {"type": "number", "array": false, "optional": true}
        }
    }]}))
    .unwrap();
    let options = CsvOptions {
        metadata_schemas: Some(schemas.clone()),
        ..with_bodies()
    };
    let input =
        b"source_id,sku_id,metadata.channel,visits\na,s1,web,3\na,s2,,\nb,s1,,\nc,s1,shop,x\n";
    let (report, bodies) = bodies(input, options, 5);
    assert_eq!(
        tuples(&report),
        [
            ("metadata_missing_required", 3, 4, s("metadata.channel")),
            ("csv_order_skipped", 3, 4, s("")),
            ("metadata_not_allowed", 4, 5, s("metadata.channel")),
            ("metadata_invalid_type", 4, 5, s("visits")),
            ("csv_order_skipped", 4, 5, s("")),
        ]
    );
    assert_eq!(
        bodies[0][0]["metadata"],
        json!({"channel": "web", "visits": 3})
    );
    assert_valid_imports(
        &bodies,
        ValidationOptions {
            metadata_schemas: Some(schemas),
            ..ValidationOptions::default()
        },
    );
}

#[test]
fn a_missing_required_metadata_column_is_a_header_error_for_orders() {
    let schemas = MetadataSchemas::from_json(&json!({"schemas": [{
        "related_object": "order",
        "properties": {"channel": {"type": "string", "array": false, "optional": false}}
    }]}))
    .unwrap();
    let options = CsvOptions {
        metadata_schemas: Some(schemas),
        ..with_bodies()
    };
    let (report, bodies) = bodies(b"source_id,sku_id\na,s1\n", options, 100);
    assert_eq!(
        tuples(&report),
        [("metadata_missing_required", 0, 1, s("channel"))]
    );
    assert_eq!(report.invalid_rows, 1);
    assert!(bodies.is_empty());
}
