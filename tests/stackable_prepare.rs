//! Preparing stackable request bodies from carts, and the stacking-rule pre-checks.

use serde_json::{json, Value};
use voucherify_sync::{prepare_stackable_request, PrepareOptions, PreparedRequest, UsageCode};

fn prepare(cart: Value) -> PreparedRequest {
    prepare_stackable_request(&cart, &PrepareOptions::default()).unwrap()
}

fn prepare_with(cart: Value, options: Value) -> PreparedRequest {
    prepare_stackable_request(&cart, &PrepareOptions::from_json(&options).unwrap()).unwrap()
}

fn issues(prepared: &PreparedRequest) -> Vec<(&'static str, String)> {
    prepared
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.path.clone()))
        .collect()
}

#[test]
fn builds_the_full_body_from_a_cart() {
    let prepared = prepare(json!({
        "codes": [" SUMMER10 "],
        "giftCards": [{"code": "GIFT-1", "credits": 2000}],
        "loyaltyCards": [{"code": "LOYAL-1", "rewardId": "rew_1", "points": 200}],
        "promotionTiers": ["promo_1"],
        "items": [{"productId": "prod_1", "price": 1500, "quantity": 2}, {"sku_id": "sku_1", "price": 500, "quantity": 1, "amount": 500}],
        "customer": {"source_id": "c1", "email": "a@b.io"},
        "trackingId": "track_1",
        "session": {"key": "ssn_1", "ttl": 1, "ttlUnit": "HOURS"},
        "metadata": {"channel": "web"},
        "expand": ["order"]
    }));
    assert_eq!(
        prepared.body,
        json!({
            "redeemables": [
                {"object": "voucher", "id": "SUMMER10"},
                {"object": "voucher", "id": "GIFT-1", "gift": {"credits": 2000}},
                {"object": "voucher", "id": "LOYAL-1", "reward": {"id": "rew_1", "points": 200}},
                {"object": "promotion_tier", "id": "promo_1"}
            ],
            "order": {"amount": 3500, "items": [
                {"product_id": "prod_1", "price": 1500, "quantity": 2, "amount": 3000},
                {"sku_id": "sku_1", "price": 500, "quantity": 1, "amount": 500}
            ]},
            "customer": {"source_id": "c1", "email": "a@b.io"},
            "tracking_id": "track_1",
            "session": {"type": "LOCK", "key": "ssn_1", "ttl": 1, "ttl_unit": "HOURS"},
            "metadata": {"channel": "web"},
            "options": {"expand": ["order"]}
        })
    );
    assert!(prepared.valid, "{:#?}", prepared.issues);
    assert!(prepared.issues.is_empty(), "{:#?}", prepared.issues);
}

#[test]
fn rejects_empty_codes_and_control_characters() {
    let prepared = prepare(json!({"codes": ["", "  ", "AB\tC", "OK", 5]}));
    assert_eq!(
        issues(&prepared),
        vec![
            ("empty_value", "/codes/0".to_string()),
            ("empty_value", "/codes/1".to_string()),
            ("invalid_format", "/codes/2".to_string()),
        ]
    );
    assert_eq!(
        prepared.body["redeemables"],
        json!([{"object": "voucher", "id": "OK"}, {"object": "voucher", "id": "5"}])
    );
}

#[test]
fn checks_gift_and_loyalty_amounts() {
    let prepared = prepare(json!({
        "giftCards": [{"code": "G1", "credits": 19.99}, {"code": "G2", "credits": 0}, {"code": "G3"}],
        "loyaltyCards": [{"code": "L1", "points": 10}, {"code": "L2", "rewardId": "r", "points": -1}]
    }));
    assert_eq!(
        issues(&prepared),
        vec![
            ("not_integer_cents", "/giftCards/0/credits".to_string()),
            ("out_of_range", "/giftCards/1/credits".to_string()),
            ("missing_field", "/giftCards/2/credits".to_string()),
            ("missing_field", "/loyaltyCards/0/rewardId".to_string()),
            ("out_of_range", "/loyaltyCards/1/points".to_string()),
            ("too_few", "/body/redeemables".to_string()),
        ]
    );
    assert!(!prepared.valid);
}

#[test]
fn drops_repeated_codes_with_a_warning() {
    let prepared =
        prepare(json!({"codes": ["A", "B", "A"], "giftCards": [{"code": "B", "credits": 100}]}));
    assert_eq!(prepared.body["redeemables"].as_array().unwrap().len(), 2);
    assert_eq!(
        issues(&prepared),
        vec![
            ("duplicate", "/codes/2".to_string()),
            ("duplicate", "/giftCards/0".to_string())
        ]
    );
    assert!(prepared.valid);
}

#[test]
fn refuses_more_redeemables_than_the_project_accepts() {
    let prepared = prepare_with(
        json!({"codes": ["A", "B", "C"]}),
        json!({"stackingRules": {"redeemables_limit": 2}}),
    );
    assert!(issues(&prepared).contains(&("too_many", String::new())));
    assert!(!prepared.valid);
}

#[test]
fn warns_about_what_the_applicable_limit_will_skip() {
    let prepared = prepare_with(
        json!({"codes": ["A", "B", "C"]}),
        json!({"stackingRules": {"applicable_redeemables_limit": 2, "applicable_redeemables_per_category_limit": 5}}),
    );
    assert_eq!(
        issues(&prepared),
        vec![(
            "skipped_by_stacking_rules",
            "/body/redeemables/2".to_string()
        )]
    );
    assert_eq!(
        prepared.application_order[2].skipped_because,
        Some("applicable_redeemables_limit_exceeded")
    );
}

#[test]
fn orders_by_category_hierarchy_exclusive_first_joint_last() {
    let options = json!({
        "stackingRules": {"redeemables_sorting_rule": "CATEGORY_HIERARCHY", "applicable_redeemables_limit": 30,
                          "applicable_redeemables_per_category_limit": 30, "applicable_exclusive_redeemables_limit": 5,
                          "exclusive_categories": ["cat_x"], "joint_categories": ["cat_j"]},
        "categories": {
            "JOINT": [{"id": "cat_j", "hierarchy": 0}],
            "LOW": [{"id": "cat_low", "hierarchy": 5}],
            "HIGH": [{"id": "cat_high", "hierarchy": 1}],
            "EXCL": [{"id": "cat_x", "hierarchy": 9}]
        }
    });
    let prepared = prepare_with(
        json!({"codes": ["JOINT", "LOW", "PLAIN", "HIGH", "EXCL"]}),
        options,
    );
    let order: Vec<(&str, Option<&str>)> = prepared
        .application_order
        .iter()
        .map(|p| (p.id.as_str(), p.skipped_because))
        .collect();
    assert_eq!(
        order,
        vec![
            ("EXCL", None),
            ("HIGH", Some("exclusion_rules_not_met")),
            ("LOW", Some("exclusion_rules_not_met")),
            ("PLAIN", Some("exclusion_rules_not_met")),
            ("JOINT", None),
        ]
    );
}

#[test]
fn requested_order_keeps_the_cart_order_and_counts_categories() {
    let options = json!({
        "stackingRules": {"applicable_redeemables_limit": 5},
        "categories": {"A": [{"id": "cat_1", "hierarchy": 1}], "B": [{"id": "cat_1", "hierarchy": 1}]}
    });
    let prepared = prepare_with(json!({"codes": ["A", "B", "C"]}), options);
    let order: Vec<(&str, Option<&str>)> = prepared
        .application_order
        .iter()
        .map(|p| (p.id.as_str(), p.skipped_because))
        .collect();
    assert_eq!(
        order,
        vec![
            ("A", None),
            (
                "B",
                Some("applicable_redeemables_per_category_limit_exceeded")
            ),
            ("C", None)
        ]
    );
}

#[test]
fn builds_a_flat_customer_record_through_the_builder() {
    let prepared = prepare_with(
        json!({"codes": ["A"], "customer": {"Email": "Ann@Example.COM", "Source_id": "c1", "Phone": "(415) 555-0123", "Birthdate": "31/12/1990"}}),
        json!({"customerOptions": {"defaultCountry": "US"}}),
    );
    assert_eq!(
        prepared.body["customer"],
        json!({"email": "Ann@example.com", "source_id": "c1", "phone": "+14155550123"})
    );
    assert_eq!(
        issues(&prepared),
        vec![("ambiguous_date", "/customer/Birthdate".to_string())]
    );
}

#[test]
fn validates_the_body_for_the_chosen_operation() {
    let cart = json!({"codes": ["A"], "items": [{"product": {"source_id": "p", "override": true, "price": 100}, "quantity": 1}]});
    let prepared = prepare(cart.clone());
    assert_eq!(
        issues(&prepared),
        vec![(
            "ignored_field",
            "/body/order/items/0/product/override".to_string()
        )]
    );
    let prepared = prepare_with(cart, json!({"operation": "POST /client/v1/redemptions"}));
    assert!(prepared.issues.is_empty(), "{:#?}", prepared.issues);
}

#[test]
fn a_promotion_stack_is_sent_alone() {
    let prepared = prepare(json!({"promotionStack": "stack_1", "codes": ["A"]}));
    assert!(issues(&prepared).contains(&("conflicting_fields", "/body/redeemables/1".to_string())));
}

#[test]
fn refuses_bad_carts_and_options() {
    let error = prepare_stackable_request(&json!([]), &PrepareOptions::default()).unwrap_err();
    assert_eq!(error.code, UsageCode::InvalidArgument);
    for options in [
        json!({"stackingRules": {"redeemables_limit": 31}}),
        json!({"stackingRules": {"redeemables_sorting_rule": "RANDOM"}}),
        json!({"operation": "POST /v1/customers"}),
        json!({"categories": {"A": "cat_1"}}),
        json!({"rules": {}}),
    ] {
        let error = PrepareOptions::from_json(&options).unwrap_err();
        assert!(
            matches!(
                error.code,
                UsageCode::InvalidOptions | UsageCode::UnknownOperation
            ),
            "{options}"
        );
    }
}

#[test]
fn reads_the_stacking_rules_echoed_by_the_spec_example() {
    let spec: Value = serde_json::from_str(include_str!(
        "../spec/voucherify-openapi/openapi/validations.json"
    ))
    .unwrap();
    let examples = spec["paths"]["/v1/validations"]["post"]["responses"]["200"]["content"]
        ["application/json"]["examples"]
        .as_object()
        .unwrap();
    for example in examples.values() {
        let rules = &example["value"]["stacking_rules"];
        let options = PrepareOptions::from_json(&json!({ "stackingRules": rules })).unwrap();
        assert_eq!(options.stacking_rules.applicable_redeemables_limit, 30);
        assert_eq!(
            options.stacking_rules.exclusive_categories,
            vec!["cat_0e1d0ba106c17fa350".to_string()]
        );
    }
}
