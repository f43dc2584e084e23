//! Product and SKU bodies.

mod common;

use common::{assert_clean, assert_only, check, errors, warnings};
use serde_json::json;
use voucherify_sync::Severity::{Error, Warning};

#[test]
fn accepts_a_product() {
    assert_clean(&check(
        "POST /v1/products",
        json!({"source_id": "p1", "name": "T-Shirt", "price": 2100, "attributes": ["color", "size"],
               "image_url": "https://images.com/original.jpg", "metadata": {"Fashion": "slim"}}),
    ));
}

#[test]
fn rejects_fractional_prices_and_bad_attributes() {
    let report = check(
        "POST /v1/products",
        json!({"name": "x", "price": 21.5, "attributes": "color,size"}),
    );
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("invalid_type", "/attributes".to_string()),
            ("not_integer_cents", "/price".to_string())
        ]
    );
    let report = check(
        "POST /v1/products",
        json!({"attributes": ["color", "color", 3]}),
    );
    assert_eq!(
        errors(&report),
        vec![("invalid_type", "/attributes/2".to_string())]
    );
    assert_eq!(
        warnings(&report),
        vec![("duplicate", "/attributes/1".to_string())]
    );
}

#[test]
fn warns_about_an_image_url_that_is_not_a_url() {
    let report = check(
        "POST /v1/products",
        json!({"image_url": "images/shirt.jpg"}),
    );
    assert_only(&report, "invalid_format", "/image_url", Warning);
}

#[test]
fn update_ignores_identifiers_in_the_body() {
    let report = check(
        "PUT /v1/products/prod_1",
        json!({"source_id": "p2", "name": "New"}),
    );
    assert_only(&report, "ignored_field", "/source_id", Warning);
}

#[test]
fn bulk_products_need_source_ids() {
    let report = check(
        "POST /v1/products/bulk/async",
        json!([{"source_id": "p1"}, {"name": "x"}]),
    );
    assert_only(&report, "missing_field", "/1", Error);
}

#[test]
fn metadata_updates_need_both_fields() {
    let report = check(
        "POST /v1/products/metadata/async",
        json!({"metadata": {"a": 1}}),
    );
    assert_only(&report, "missing_field", "", Error);
}

#[test]
fn accepts_a_sku() {
    assert_clean(&check(
        "POST /v1/products/prod_1/skus",
        json!({"source_id": "sku_1", "sku": "Small Blue", "price": 1300, "currency": "USD",
               "attributes": {"color": "blue", "size": "S", "ranking": 1}}),
    ));
}

#[test]
fn checks_sku_currency_and_attributes() {
    let report = check(
        "POST /v1/products/prod_1/skus",
        json!({"currency": "usd", "attributes": ["blue"]}),
    );
    assert_eq!(
        errors(&report),
        vec![("invalid_type", "/attributes".to_string())]
    );
    assert_eq!(
        warnings(&report),
        vec![("invalid_format", "/currency".to_string())]
    );
    let report = check(
        "PUT /v1/products/p/skus/s",
        json!({"attributes": {"color": {"a": 1}}, "product_id": "p"}),
    );
    assert_eq!(
        warnings(&report),
        vec![
            ("invalid_type", "/attributes/color".to_string()),
            ("response_only_field", "/product_id".to_string())
        ]
    );
    assert!(report.valid);
}

#[test]
fn sku_update_skips_identifiers() {
    let report = check(
        "PUT /v1/products/{productId}/skus/{skuId}",
        json!({"id": "sku_1"}),
    );
    assert_only(&report, "ignored_field", "/id", Warning);
}
