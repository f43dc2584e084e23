//! Order bodies: money in cents, amounts that add up, items, limits, imports.

mod common;

use common::{assert_clean, assert_only, check, errors, warnings};
use serde_json::{json, Value};
use voucherify_sync::Severity::{Error, Warning};

fn item(i: usize) -> Value {
    json!({"product_id": format!("prod_{i}"), "quantity": 2, "price": 1500, "amount": 3000})
}

#[test]
fn accepts_an_order_of_twenty_items_that_adds_up() {
    let items: Vec<Value> = (0..20).map(item).collect();
    let report = check(
        "POST /v1/orders",
        json!({"source_id": "o1", "status": "PAID", "amount": 60000, "items": items,
               "customer": {"source_id": "c1", "email": "a@b.io"}, "metadata": {"channel": "web"},
               "created_at": "2024-05-01T10:00:00.000Z"}),
    );
    assert_clean(&report);
}

#[test]
fn rejects_fractional_money() {
    let report = check("POST /v1/orders", json!({"amount": 19.99}));
    assert_only(&report, "not_integer_cents", "/amount", Error);
    let report = check(
        "POST /v1/orders",
        json!({"items": [{"product_id": "p", "price": 10.5, "quantity": 1}]}),
    );
    assert_only(&report, "not_integer_cents", "/items/0/price", Error);
    assert_clean(&check("POST /v1/orders", json!({"amount": 2000.0})));
}

#[test]
fn rejects_integers_beyond_the_safe_range() {
    for big in [
        json!(9007199254740992_u64),
        json!(9223372036854775808_u64),
        json!(1e300),
        json!(-1e20),
    ] {
        let report = check("POST /v1/orders", json!({"amount": big}));
        assert_only(&report, "out_of_range", "/amount", Error);
    }
    assert_clean(&check(
        "POST /v1/orders",
        json!({"amount": 9007199254740991_u64}),
    ));
}

#[test]
fn reports_item_amount_mismatch() {
    let report = check(
        "POST /v1/orders",
        json!({"items": [{"sku_id": "sku_1", "quantity": 3, "price": 1000, "amount": 2000}]}),
    );
    assert_only(&report, "amount_mismatch", "/items/0/amount", Error);
    assert!(report.issues[0].message.contains("3000"));
}

#[test]
fn reports_order_amount_mismatch_using_price_times_quantity() {
    let report = check(
        "POST /v1/orders",
        json!({"amount": 5000, "items": [
            {"product_id": "p1", "quantity": 2, "price": 1000},
            {"product_id": "p2", "amount": 2500}
        ]}),
    );
    assert_only(&report, "amount_mismatch", "/amount", Error);
    assert!(report.issues[0].message.contains("4500"));
}

#[test]
fn skips_the_total_when_an_item_amount_is_unknown() {
    let report = check(
        "POST /v1/orders",
        json!({"amount": 5000, "items": [{"product_id": "p1", "quantity": 2}, {"product_id": "p2", "amount": 2500}]}),
    );
    assert_clean(&report);
}

#[test]
fn warns_about_items_without_an_identifier() {
    let report = check(
        "POST /v1/orders",
        json!({"items": [{"quantity": 1, "price": 100}]}),
    );
    assert_only(&report, "missing_identifier", "/items/0", Warning);
    for ok in [
        json!({"sku_id": "sku_1"}),
        json!({"source_id": "s", "related_object": "sku"}),
        json!({"product": {"source_id": "p"}}),
        json!({"sku": {"id": "sku_1"}}),
    ] {
        assert_clean(&check("POST /v1/orders", json!({"items": [ok]})));
    }
    let report = check("POST /v1/orders", json!({"items": [{"source_id": "s"}]}));
    assert_only(&report, "missing_field", "/items/0", Warning);
}

#[test]
fn rejects_bad_quantities_and_enums() {
    let report = check(
        "POST /v1/orders",
        json!({"status": "SHIPPED", "items": [{"product_id": "p", "quantity": 0, "related_object": "voucher"}, {"product_id": "p", "quantity": 1.5}]}),
    );
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("invalid_type", "/items/1/quantity".to_string()),
            ("invalid_value", "/items/0/related_object".to_string()),
            ("invalid_value", "/status".to_string()),
            ("out_of_range", "/items/0/quantity".to_string()),
        ]
    );
}

#[test]
fn rejects_more_than_five_hundred_items() {
    let items: Vec<Value> = (0..501).map(item).collect();
    let report = check("POST /v1/orders", json!({"items": items}));
    assert_only(&report, "too_many", "/items", Error);
}

#[test]
fn flags_response_only_order_and_item_fields() {
    let report = check(
        "POST /v1/orders",
        json!({"total_amount": 1, "object": "order", "items": [{"product_id": "p", "subtotal_amount": 1, "object": "order_item"}]}),
    );
    assert_eq!(
        warnings(&report),
        vec![
            (
                "response_only_field",
                "/items/0/subtotal_amount".to_string()
            ),
            ("response_only_field", "/object".to_string()),
            ("response_only_field", "/total_amount".to_string()),
        ]
    );
}

#[test]
fn checks_created_at_as_a_date_time_with_zone() {
    let report = check("POST /v1/orders", json!({"created_at": "2024-05-01 10:00"}));
    assert_only(&report, "invalid_format", "/created_at", Error);
}

#[test]
fn checks_nested_customers_and_referrers() {
    let report = check(
        "POST /v1/orders",
        json!({"customer": {"source_id": "c", "birthdate": "2001-02-29"}, "referrer": "cust_1", "referrer_id": null}),
    );
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("invalid_format", "/customer/birthdate".to_string()),
            ("invalid_type", "/referrer".to_string())
        ]
    );
}

#[test]
fn item_products_typed_as_number_warn_on_fractions() {
    let report = check(
        "POST /v1/orders",
        json!({"items": [{"product": {"source_id": "p", "price": 19.99, "override": true, "name": "Shirt"}}]}),
    );
    assert_only(
        &report,
        "not_integer_cents",
        "/items/0/product/price",
        Warning,
    );
}

#[test]
fn override_without_source_id_cannot_create_the_product() {
    let report = check(
        "POST /v1/orders",
        json!({"items": [{"product_id": "prod_1", "product": {"override": true, "name": "x"}}]}),
    );
    assert_only(&report, "missing_identifier", "/items/0/product", Warning);
}

#[test]
fn update_ignores_the_id_in_the_body() {
    let report = check(
        "PUT /v1/orders/ord_1",
        json!({"id": "ord_1", "status": "PAID"}),
    );
    assert_only(&report, "ignored_field", "/id", Warning);
}

#[test]
fn import_limits_orders_and_ignores_created_at() {
    let orders: Vec<Value> = (0..2001)
        .map(|i| json!({"source_id": format!("o{i}")}))
        .collect();
    assert_only(
        &check("POST /v1/orders/import", json!(orders)),
        "too_many",
        "",
        Error,
    );
    let report = check(
        "POST /v1/orders/import",
        json!([{"source_id": "o1", "created_at": "2020-01-01T00:00:00Z"}]),
    );
    assert_only(&report, "ignored_field", "/0/created_at", Warning);
    let report = check(
        "POST /v1/orders/import",
        json!([{"source_id": "o1"}, {"source_id": "o1"}]),
    );
    assert_only(&report, "duplicate", "/1/source_id", Warning);
}
