//! The writes each operation performs, and the warnings about what it does not do.

use serde_json::{json, Value};
use voucherify_sync::{upsert_effects, MatchKey, Operation};

/// One effect as `(resource, action, key, value, path)`, `-` for a null.
type Row = (String, String, String, String, String);

/// The effects as rows, and the issues as `(code, path)`.
fn effects(operation: &str, body: Value) -> (Vec<Row>, Vec<(String, String)>) {
    let result = upsert_effects(Operation::parse(operation).unwrap(), &body);
    let json = serde_json::to_value(&result).unwrap();
    let effects = json["effects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let text = |k: &str| e[k].as_str().unwrap_or("-").to_string();
            (
                text("resource"),
                text("action"),
                text("key"),
                text("value"),
                text("path"),
            )
        })
        .collect();
    let issues = result
        .issues
        .iter()
        .map(|i| (i.code.as_str().to_string(), i.path.clone()))
        .collect();
    (effects, issues)
}

fn e(resource: &str, action: &str, key: &str, value: &str, path: &str) -> Row {
    (
        resource.into(),
        action.into(),
        key.into(),
        value.into(),
        path.into(),
    )
}

fn order_body() -> Value {
    json!({
        "source_id": "ord-1",
        "customer": {"source_id": "c1", "email": "a@b.io"},
        "referrer": {"id": "cust_9", "source_id": "ignored"},
        "items": [
            {"source_id": "sku-1", "related_object": "sku", "quantity": 1, "price": 100,
             "product": {"source_id": "prod-1", "name": "Shirt", "override": true},
             "sku": {"source_id": "sku-1", "sku": "Shirt S", "price": 100, "override": true}},
            {"product_id": "prod_2", "product": {"name": "Cap", "price": 500}}
        ]
    })
}

#[test]
fn order_creation_upserts_order_customers_and_overridden_products() {
    let (effects, issues) = effects("POST /v1/orders", order_body());
    assert_eq!(
        effects,
        vec![
            e("order", "upsert", "source_id", "ord-1", ""),
            e("customer", "upsert", "source_id", "c1", "/customer"),
            e("customer", "upsert", "id", "cust_9", "/referrer"),
            e(
                "product",
                "upsert",
                "source_id",
                "prod-1",
                "/items/0/product"
            ),
            e("sku", "upsert", "source_id", "sku-1", "/items/0/sku"),
        ]
    );
    assert_eq!(
        issues,
        vec![("not_persisted".to_string(), "/items/1/product".to_string())]
    );
}

#[test]
fn order_update_updates_by_path() {
    let (effects, _) = effects(
        "PUT /v1/orders/ord_1",
        json!({"status": "PAID", "customer": {"id": "cust_1"}}),
    );
    assert_eq!(
        effects,
        vec![
            e("order", "update", "path", "-", ""),
            e("customer", "upsert", "id", "cust_1", "/customer")
        ]
    );
}

#[test]
fn stackable_redemption_upserts_customer_and_order() {
    for operation in ["POST /v1/redemptions", "POST /client/v1/redemptions"] {
        let body = json!({"redeemables": [{"object": "voucher", "id": "A"}], "customer": {"source_id": "c1"},
                          "order": {"amount": 100, "items": [{"product": {"source_id": "p", "override": true, "price": 100}, "quantity": 1}]}});
        let (effects, issues) = effects(operation, body);
        assert_eq!(
            effects,
            vec![
                e("customer", "upsert", "source_id", "c1", "/customer"),
                e("order", "create", "-", "-", "/order"),
                e(
                    "product",
                    "upsert",
                    "source_id",
                    "p",
                    "/order/items/0/product"
                ),
                e("redemption", "create", "-", "-", ""),
            ]
        );
        assert!(issues.is_empty());
    }
}

#[test]
fn custom_events_upsert_their_customer() {
    for operation in ["POST /v1/events", "POST /client/v1/events"] {
        let (effects, _) = effects(
            operation,
            json!({"event": "signup", "customer": {"source_id": "c1"}}),
        );
        assert_eq!(
            effects,
            vec![
                e("customer", "upsert", "source_id", "c1", "/customer"),
                e("event", "create", "-", "-", "")
            ]
        );
    }
}

#[test]
fn publications_upsert_their_customer() {
    let (effects, _) = effects(
        "POST /v1/publications",
        json!({"voucher": "A", "customer": {"email": "a@b.io"}}),
    );
    assert_eq!(
        effects,
        vec![
            e("customer", "create", "-", "-", "/customer"),
            e("publication", "create", "-", "-", "")
        ]
    );
}

#[test]
fn validations_and_qualifications_write_nothing_and_say_so() {
    for operation in [
        "POST /v1/validations",
        "POST /client/v1/validations",
        "POST /v1/qualifications",
        "POST /client/v1/qualifications",
    ] {
        let body = json!({"redeemables": [{"object": "voucher", "id": "A"}], "customer": {"source_id": "c1"},
                          "order": {"items": [{"product": {"source_id": "p", "override": true, "price": 100}}]}});
        let (effects, issues) = effects(operation, body);
        assert!(effects.is_empty(), "{operation}");
        assert_eq!(
            issues,
            vec![
                ("not_persisted".to_string(), "/customer".to_string()),
                (
                    "not_persisted".to_string(),
                    "/order/items/0/product".to_string()
                ),
            ],
            "{operation}"
        );
    }
}

#[test]
fn order_imports_fire_no_events() {
    let (effects, issues) = effects(
        "POST /v1/orders/import",
        json!([{"source_id": "o1", "customer": {"source_id": "c1"}}, {"id": "ord_2"}]),
    );
    assert_eq!(
        effects,
        vec![
            e("order", "upsert", "source_id", "o1", "/0"),
            e("customer", "upsert", "source_id", "c1", "/0/customer"),
            e("order", "upsert", "id", "ord_2", "/1"),
        ]
    );
    assert_eq!(issues, vec![("no_events".to_string(), String::new())]);
}

#[test]
fn customer_operations() {
    assert_eq!(
        effects(
            "POST /v1/customers",
            json!({"id": "cust_1", "source_id": "c1"})
        )
        .0,
        vec![e("customer", "upsert", "id", "cust_1", "")]
    );
    assert_eq!(
        effects("POST /v1/customers", json!({"name": "anon"})).0,
        vec![e("customer", "create", "-", "-", "")]
    );
    assert_eq!(
        effects(
            "POST /v1/customers/bulk/async",
            json!([{"source_id": "a"}, {"source_id": "b"}])
        )
        .0,
        vec![
            e("customer", "upsert", "source_id", "a", "/0"),
            e("customer", "upsert", "source_id", "b", "/1")
        ]
    );
    assert_eq!(
        effects(
            "POST /v1/customers/metadata/async",
            json!({"source_ids": ["a"], "metadata": {}})
        )
        .0,
        vec![e(
            "customer",
            "upsert_metadata",
            "source_id",
            "a",
            "/source_ids/0"
        )]
    );
    assert_eq!(
        effects("PUT /v1/customers/c1", json!({"name": "x"})).0,
        vec![e("customer", "update", "path", "-", "")]
    );
}

#[test]
fn bodies_of_the_wrong_shape_write_nothing() {
    for operation in Operation::ALL {
        for body in [
            json!(null),
            json!("x"),
            json!([1, 2]),
            json!({"customer": 5, "order": [], "items": {}}),
        ] {
            let result = upsert_effects(*operation, &body);
            let writes_something_keyed = result.effects.iter().any(|effect| {
                (effect.key.is_some() && effect.key != Some(MatchKey::Path))
                    || !effect.path.is_empty()
            });
            assert!(
                !writes_something_keyed,
                "{operation} {body}: {:?}",
                result.effects
            );
        }
        assert!(upsert_effects(*operation, &json!(null)).effects.is_empty());
    }
}
