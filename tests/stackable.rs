//! Stackable validations, redemptions and qualifications, client- and server-side.

mod common;

use common::{assert_clean, assert_only, check, errors, warnings};
use serde_json::{json, Value};
use voucherify_sync::Severity::{Error, Warning};

const STACKABLE: [&str; 4] = [
    "POST /v1/validations",
    "POST /v1/redemptions",
    "POST /client/v1/validations",
    "POST /client/v1/redemptions",
];

fn request(redeemables: Value) -> Value {
    json!({"redeemables": redeemables, "order": {"amount": 20000}, "customer": {"source_id": "c1"}})
}

#[test]
fn accepts_every_kind_of_redeemable() {
    let body = json!({
        "redeemables": [
            {"object": "voucher", "id": "SUMMER10"},
            {"object": "voucher", "id": "GIFT-1", "gift": {"credits": 2000}},
            {"object": "voucher", "id": "LOYAL-1", "reward": {"id": "rew_1", "points": 200}},
            {"object": "promotion_tier", "id": "promo_1"}
        ],
        "order": {"amount": 20000, "items": [{"product_id": "prod_1", "quantity": 2, "price": 10000, "amount": 20000}]},
        "customer": {"source_id": "c1"},
        "session": {"type": "LOCK", "key": "ssn_1", "ttl": 7, "ttl_unit": "DAYS"},
        "tracking_id": "track_1",
        "metadata": {"channel": "web"},
        "options": {"expand": ["order", "redeemable"]}
    });
    for operation in STACKABLE {
        assert_clean(&check(operation, body.clone()));
    }
}

#[test]
fn needs_one_to_thirty_redeemables() {
    for operation in STACKABLE {
        assert_only(&check(operation, json!({})), "missing_field", "", Error);
        assert_only(
            &check(operation, request(json!([]))),
            "too_few",
            "/redeemables",
            Error,
        );
        let many: Vec<Value> = (0..31)
            .map(|i| json!({"object": "voucher", "id": format!("C{i}")}))
            .collect();
        assert_only(
            &check(operation, request(json!(many))),
            "too_many",
            "/redeemables",
            Error,
        );
    }
}

#[test]
fn rejects_duplicate_redeemables() {
    let report = check(
        "POST /client/v1/validations",
        request(
            json!([{"object": "voucher", "id": "A"}, {"object": "promotion_tier", "id": "A"}, {"object": "voucher", "id": "A"}]),
        ),
    );
    assert_only(&report, "duplicate", "/redeemables/2", Error);
}

#[test]
fn a_promotion_stack_goes_alone_and_once() {
    assert_clean(&check(
        "POST /v1/redemptions",
        request(json!([{"object": "promotion_stack", "id": "stack_1"}])),
    ));
    let report = check(
        "POST /v1/redemptions",
        request(
            json!([{"object": "promotion_stack", "id": "stack_1"}, {"object": "voucher", "id": "A"}]),
        ),
    );
    assert_only(&report, "conflicting_fields", "/redeemables/0", Error);
    let report = check(
        "POST /v1/redemptions",
        request(
            json!([{"object": "promotion_stack", "id": "stack_1"}, {"object": "promotion_stack", "id": "stack_2"}]),
        ),
    );
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("conflicting_fields", "/redeemables/0".to_string()),
            ("too_many", "/redeemables/1".to_string())
        ]
    );
}

#[test]
fn checks_redeemable_shapes() {
    let report = check(
        "POST /v1/validations",
        request(json!([
            {"object": "coupon", "id": "A"},
            {"id": "B"},
            {"object": "voucher", "id": ""},
            {"object": "voucher", "id": "G", "gift": {"credits": 20.5}},
            {"object": "voucher", "id": "H", "gift": {"credits": 0}},
            {"object": "voucher", "id": "L", "reward": {"id": "rew_1"}},
            {"object": "voucher", "id": "M", "reward": {"id": "rew_1", "points": -5}},
            {"object": "voucher", "id": "N", "gift": {"credits": 1}, "reward": {"id": "r", "points": 1}},
            {"object": "promotion_tier", "id": "P", "gift": {"credits": 1}},
            "CODE"
        ])),
    );
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("conflicting_fields", "/redeemables/7/reward".to_string()),
            ("invalid_type", "/redeemables/9".to_string()),
            ("invalid_value", "/redeemables/0/object".to_string()),
            ("missing_field", "/redeemables/1".to_string()),
            (
                "not_integer_cents",
                "/redeemables/3/gift/credits".to_string()
            ),
            ("out_of_range", "/redeemables/4/gift/credits".to_string()),
            ("out_of_range", "/redeemables/6/reward/points".to_string()),
        ]
    );
    assert_eq!(
        warnings(&report),
        vec![
            ("empty_value", "/redeemables/2/id".to_string()),
            ("missing_field", "/redeemables/5/reward".to_string()),
            ("ignored_field", "/redeemables/8/gift".to_string())
        ]
    );
}

#[test]
fn checks_qualification_filter_conditions() {
    let report = check(
        "POST /v1/qualifications",
        json!({"options": {"filters": {
            "junction": "AND",
            "campaign_type": {"conditions": {"$in": ["PROMOTION", "COUPONS"], "$has_value": ["x"]}},
            "code": {"conditions": {"$is": ["A", 3], "$has_value": ["2024-01-01", 5, {}, true]}},
            "holder_role": {"conditions": "OWNER"},
            "campaign_id": {"conditions": {"$not_in": null}}
        }}}),
    );
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            (
                "invalid_type",
                "/options/filters/campaign_id/conditions/$not_in".to_string()
            ),
            (
                "invalid_type",
                "/options/filters/code/conditions/$has_value/3".to_string()
            ),
            (
                "invalid_type",
                "/options/filters/code/conditions/$is/1".to_string()
            ),
            (
                "invalid_type",
                "/options/filters/holder_role/conditions".to_string()
            ),
            (
                "invalid_value",
                "/options/filters/campaign_type/conditions/$in/1".to_string()
            ),
            ("invalid_value", "/options/filters/junction".to_string()),
        ]
    );
    assert_eq!(
        warnings(&report),
        vec![(
            "unknown_field",
            "/options/filters/campaign_type/conditions/$has_value".to_string()
        )]
    );
}

#[test]
fn checks_the_session_lock() {
    let report = check(
        "POST /client/v1/validations",
        json!({"redeemables": [{"object": "voucher", "id": "A"}], "session": {"type": "UNLOCK", "ttl": 0, "ttl_unit": "WEEKS"}}),
    );
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("invalid_value", "/session/ttl_unit".to_string()),
            ("invalid_value", "/session/type".to_string()),
            ("out_of_range", "/session/ttl".to_string()),
        ]
    );
}

#[test]
fn checks_expand_values() {
    let report = check(
        "POST /v1/redemptions",
        json!({"redeemables": [{"object": "voucher", "id": "A"}], "options": {"expand": ["order", "customer", "order"]}}),
    );
    assert_eq!(
        errors(&report),
        vec![("invalid_value", "/options/expand/1".to_string())]
    );
    assert_eq!(
        warnings(&report),
        vec![("duplicate", "/options/expand/2".to_string())]
    );
}

#[test]
fn checks_the_order_and_customer_with_their_own_rules() {
    let report = check(
        "POST /client/v1/redemptions",
        json!({"redeemables": [{"object": "voucher", "id": "A"}],
               "order": {"amount": 100, "items": [{"product_id": "p", "quantity": 1, "price": 150}]},
               "customer": {"source_id": "c", "birthdate": "1999-02-29"}}),
    );
    let mut found = errors(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("amount_mismatch", "/order/amount".to_string()),
            ("invalid_format", "/customer/birthdate".to_string())
        ]
    );
}

#[test]
fn override_is_ignored_by_validations_but_not_redemptions() {
    let body = json!({"redeemables": [{"object": "voucher", "id": "A"}],
                      "order": {"items": [{"product": {"source_id": "p1", "override": true, "price": 1000}, "quantity": 1}]}});
    assert_only(
        &check("POST /v1/validations", body.clone()),
        "ignored_field",
        "/order/items/0/product/override",
        Warning,
    );
    assert_clean(&check("POST /v1/redemptions", body.clone()));
    assert_clean(&check("POST /client/v1/redemptions", body));
}

#[test]
fn checks_qualification_bodies() {
    for operation in ["POST /v1/qualifications", "POST /client/v1/qualifications"] {
        assert_clean(&check(
            operation,
            json!({"customer": {"source_id": "c"}, "order": {"amount": 100}, "scenario": "ALL",
                   "options": {"limit": 50, "starting_after": null, "expand": ["redeemable"], "sorting_rule": "BEST_DEAL",
                               "filters": {"junction": "and", "campaign_type": {"conditions": {"$in": ["PROMOTION"]}}}},
                   "session": {"type": "LOCK"}}),
        ));
        let report = check(
            operation,
            json!({"scenario": "EVERYTHING", "options": {"limit": 51, "starting_after": "yesterday", "filters": {"code": "X"}}}),
        );
        let mut found = errors(&report);
        found.sort();
        assert_eq!(
            found,
            vec![
                ("invalid_format", "/options/starting_after".to_string()),
                ("invalid_type", "/options/filters/code".to_string()),
                ("invalid_value", "/scenario".to_string()),
                ("out_of_range", "/options/limit".to_string()),
            ]
        );
    }
}
