//! Summaries of validation and redemption responses.

use serde_json::{json, Value};
use voucherify_sync::{summarize_result, RedeemableStatus, UsageCode};

fn spec_examples() -> Vec<(String, Value)> {
    let spec: Value = serde_json::from_str(include_str!(
        "../spec/voucherify-openapi/openapi/validations.json"
    ))
    .unwrap();
    spec["paths"]["/v1/validations"]["post"]["responses"]["200"]["content"]["application/json"]
        ["examples"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, example)| (name.clone(), example["value"].clone()))
        .collect()
}

#[test]
fn summarizes_every_validation_example_of_the_spec() {
    let examples = spec_examples();
    assert_eq!(examples.len(), 2);
    for (name, response) in examples {
        let summary = summarize_result(&response).unwrap();
        assert_eq!(summary.kind, "validation");
        let requested = response["redeemables"].as_array().unwrap().len();
        assert_eq!(summary.redeemables.len(), requested, "{name}");
        match name.as_str() {
            "False" => {
                assert_eq!(summary.valid, Some(false));
                let first = &summary.redeemables[0];
                assert_eq!(
                    (first.status, first.reason_key.as_deref()),
                    (RedeemableStatus::Inapplicable, Some("not_found"))
                );
                assert_eq!(
                    first.reason.as_deref(),
                    Some("Cannot find voucher with id eee33463")
                );
                assert_eq!(summary.redeemables[1].status, RedeemableStatus::Skipped);
            }
            _ => {
                assert_eq!(summary.valid, Some(true));
                assert!(summary
                    .redeemables
                    .iter()
                    .all(|r| r.status == RedeemableStatus::Applied));
                assert_eq!(summary.totals.amount, Some(2700));
                assert_eq!(summary.totals.total_amount, Some(510));
                assert_eq!(summary.totals.discount_amount, Some(2190));
                let gift = summary
                    .redeemables
                    .iter()
                    .find(|r| r.id == "M3X8IwW8")
                    .unwrap();
                assert!(gift.credits.is_some());
                let loyalty = summary
                    .redeemables
                    .iter()
                    .find(|r| r.id == "AnsvocvP")
                    .unwrap();
                assert!(loyalty.points.is_some());
                assert!(summary.redeemables[0].discount.is_some());
            }
        }
    }
}

#[test]
fn summarizes_a_partial_validation_with_skipped_and_inapplicable_lists() {
    let response = json!({
        "valid": true,
        "redeemables": [{"status": "APPLICABLE", "id": "A", "object": "voucher", "result": {"discount": {"type": "AMOUNT", "amount_off": 500}},
                         "order": {"applied_discount_amount": 500, "total_applied_discount_amount": 500}}],
        "skipped_redeemables": [{"status": "SKIPPED", "id": "B", "object": "voucher",
                                 "result": {"details": {"key": "applicable_redeemables_limit_exceeded", "message": "Applicable redeemables limit exceeded"}}}],
        "inapplicable_redeemables": [{"status": "INAPPLICABLE", "id": "C", "object": "voucher",
                                      "result": {"error": {"code": 400, "key": "voucher_expired", "message": "voucher expired"}}}],
        "order": {"amount": 10000, "total_discount_amount": 500, "total_amount": 9500}
    });
    let summary = summarize_result(&response).unwrap();
    let rows: Vec<(&str, RedeemableStatus, Option<&str>, Option<i64>)> = summary
        .redeemables
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.status,
                r.reason_key.as_deref(),
                r.discount_amount,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("A", RedeemableStatus::Applied, None, Some(500)),
            (
                "B",
                RedeemableStatus::Skipped,
                Some("applicable_redeemables_limit_exceeded"),
                None
            ),
            (
                "C",
                RedeemableStatus::Inapplicable,
                Some("voucher_expired"),
                None
            ),
        ]
    );
    assert_eq!(summary.totals.total_amount, Some(9500));
}

#[test]
fn summarizes_a_redemption() {
    let response = json!({
        "redemptions": [
            {"id": "r_1", "object": "redemption", "result": "SUCCESS", "related_object_type": "voucher", "related_object_id": "v_1",
             "voucher": {"code": "SUMMER10", "discount": {"type": "PERCENT", "percent_off": 10}}, "order": {"total_applied_discount_amount": 1000}},
            {"id": "r_2", "object": "redemption", "result": "SUCCESS", "related_object_type": "voucher", "amount": 2000,
             "voucher": {"code": "GIFT-1", "gift": {"amount": 10000, "balance": 8000}}, "order": {"total_applied_discount_amount": 2000}},
            {"id": "r_3", "object": "redemption", "result": "SUCCESS", "related_object_type": "promotion_tier",
             "promotion_tier": {"id": "promo_1"}, "order": {"applied_discount_amount": 300}}
        ],
        "parent_redemption": {"id": "r_parent", "object": "redemption"},
        "order": {"amount": 10000, "total_discount_amount": 3300, "total_amount": 6700},
        "skipped_redeemables": [{"status": "SKIPPED", "id": "LATE", "object": "voucher", "result": {"details": {"key": "exclusion_rules_not_met"}}}]
    });
    let summary = summarize_result(&response).unwrap();
    assert_eq!(summary.kind, "redemption");
    assert_eq!(summary.parent_redemption_id.as_deref(), Some("r_parent"));
    let rows: Vec<(&str, RedeemableStatus, Option<i64>, Option<i64>)> = summary
        .redeemables
        .iter()
        .map(|r| (r.id.as_str(), r.status, r.discount_amount, r.credits))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("SUMMER10", RedeemableStatus::Applied, Some(1000), None),
            ("GIFT-1", RedeemableStatus::Applied, Some(2000), Some(2000)),
            ("promo_1", RedeemableStatus::Applied, Some(300), None),
            ("LATE", RedeemableStatus::Skipped, None, None),
        ]
    );
    assert_eq!(
        (summary.totals.amount, summary.totals.total_amount),
        (Some(10000), Some(6700))
    );
}

#[test]
fn refuses_what_is_not_a_response() {
    for value in [
        json!(null),
        json!([]),
        json!({"code": 400, "key": "invalid_payload"}),
    ] {
        assert_eq!(
            summarize_result(&value).unwrap_err().code,
            UsageCode::InvalidArgument
        );
    }
}
